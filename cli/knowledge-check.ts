/** `npm run knowledge:check [DIR]`: validates the knowledge, the lexicon, the routes and each program's steps, and the ids code names; lists every problem. */
import { readFileSync } from 'node:fs';
import { DEFAULT_LEXICON_PATH, LEXICON_FILE, lexiconProblems } from '../knowledge/lexicon-file';
import { KnowledgeError, loadKnowledgeDir, type KnowledgeBase, type Problem } from '../knowledge/load';
import { loadOfferFile } from '../setup-files/offer';

function loadProviders(dir: string | undefined, problems: Problem[]): KnowledgeBase | undefined {
  try {
    return loadKnowledgeDir(dir);
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    problems.push(...err.problems);
    return undefined;
  }
}

/** The routes' and the code's references into the knowledge; only once the lexicon is sound, as the routes read it. */
async function routeProblems(kb: KnowledgeBase): Promise<Problem[]> {
  const { DEFAULT_ROUTES_PATH, parseRoutes, referenceProblems, ROUTES_FILE } = await import('../knowledge/routes');
  const { routes, problems } = parseRoutes(ROUTES_FILE, readFileSync(DEFAULT_ROUTES_PATH, 'utf8'));
  return [...problems, ...referenceProblems(kb, routes)];
}

/** Issue 15 (steps): each program's steps, their sources and quotes; only once the lexicon is sound, as it names the programs. */
async function stepsProblems(): Promise<Problem[]> {
  const { DEFAULT_PROGRAM_STEPS_PATH, parseProgramSteps, PROGRAM_STEPS_FILE } =
    await import('../knowledge/program-steps');
  return parseProgramSteps(PROGRAM_STEPS_FILE, readFileSync(DEFAULT_PROGRAM_STEPS_PATH, 'utf8')).problems;
}

/** The settings-file offer's words (setup-files/offer.yaml), checked like the knowledge. */
function offerProblems(): Problem[] {
  try {
    loadOfferFile();
    return [];
  } catch (err) {
    if (!(err instanceof KnowledgeError)) throw err;
    return err.problems;
  }
}

async function main(dir?: string): Promise<number> {
  // Why the shipped lexicon and routes whatever DIR is: one of each serves every provider.
  const problems = lexiconProblems(LEXICON_FILE, readFileSync(DEFAULT_LEXICON_PATH, 'utf8'));
  const kb = loadProviders(dir, problems);
  problems.push(...offerProblems());
  if (kb && problems.length === 0) problems.push(...(await routeProblems(kb)), ...(await stepsProblems()));
  if (problems.length > 0 || !kb) {
    console.error(new KnowledgeError(problems).message);
    return 1;
  }
  console.log(`ok: ${LEXICON_FILE}, routes.yaml, programs-steps.yaml, setup-files/offer.yaml`);
  for (const p of kb.providers) {
    console.log(
      `ok: ${p.file}: ${p.provider.name}, ${p.entries.length} entries, domains ${p.provider.domains.join(', ')}`,
    );
  }
  return 0;
}

void main(process.argv[2]).then((code) => (process.exitCode = code));
