/** `npm run knowledge:check [DIR]`: validates the knowledge files and lists every problem. */
import { KnowledgeError, loadKnowledgeDir } from '../knowledge/load';

function main(dir?: string): number {
  try {
    const kb = loadKnowledgeDir(dir);
    for (const p of kb.providers) {
      console.log(
        `ok: ${p.file}: ${p.provider.name}, ${p.entries.length} entries, domains ${p.provider.domains.join(', ')}`,
      );
    }
    return 0;
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    console.error(err.message);
    return 1;
  }
}

process.exitCode = main(process.argv[2]);
