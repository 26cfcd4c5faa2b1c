/** `npm run knowledge:check [DIR]`: validates the knowledge files and the lexicon, and lists every problem. */
import { readFileSync } from 'node:fs';
import { DEFAULT_LEXICON_PATH, LEXICON_FILE, lexiconProblems } from '../knowledge/lexicon-file';
import { KnowledgeError, loadKnowledgeDir, type KnowledgeBase, type Problem } from '../knowledge/load';

function loadProviders(dir: string | undefined, problems: Problem[]): KnowledgeBase | undefined {
  try {
    return loadKnowledgeDir(dir);
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    problems.push(...err.problems);
    return undefined;
  }
}

function main(dir?: string): number {
  // Why the shipped lexicon whatever DIR is: one lexicon serves every provider.
  const problems = lexiconProblems(LEXICON_FILE, readFileSync(DEFAULT_LEXICON_PATH, 'utf8'));
  const kb = loadProviders(dir, problems);
  if (problems.length > 0 || !kb) {
    console.error(new KnowledgeError(problems).message);
    return 1;
  }
  console.log(`ok: ${LEXICON_FILE}`);
  for (const p of kb.providers) {
    console.log(
      `ok: ${p.file}: ${p.provider.name}, ${p.entries.length} entries, domains ${p.provider.domains.join(', ')}`,
    );
  }
  return 0;
}

process.exitCode = main(process.argv[2]);
