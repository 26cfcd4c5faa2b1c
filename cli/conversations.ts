/**
 * `npm run conversations -- FILE…`: runs conversation case files (test/fixtures/heldout-cases*.json
 * shape) through the project's own black-box checker against the whole bot, and prints the score per
 * category and every failure. Exit code 1 when a case failed, 2 on a file that cannot be read.
 */
import { readFileSync } from 'node:fs';
import { runCases, type CaseResult, type ConversationCase } from '../test/helpers/conversation-checker';
import { startCheckerBot } from '../test/helpers/checker-bot';

/** Passed and total per category, in the order categories first appear. */
export function scoreByCategory(cases: readonly ConversationCase[], results: readonly CaseResult[]) {
  const scores = new Map<string, { passed: number; total: number }>();
  cases.forEach((c, i) => {
    const score = scores.get(c.category ?? 'none') ?? { passed: 0, total: 0 };
    score.total += 1;
    if (results[i]?.failures.length === 0) score.passed += 1;
    scores.set(c.category ?? 'none', score);
  });
  return scores;
}

async function main(files: string[]): Promise<number> {
  if (files.length === 0) {
    console.error('usage: npm run conversations -- FILE.json [FILE.json…]');
    return 2;
  }
  const cases = files.flatMap((f) => JSON.parse(readFileSync(f, 'utf8')) as ConversationCase[]);
  const bot = await startCheckerBot();
  try {
    const results = await runCases(bot.endpoint, bot.connector, cases);
    for (const r of results.filter((r) => r.failures.length > 0))
      console.log(`FAIL ${r.id}\n  ${r.failures.join('\n  ')}`);
    for (const [category, s] of scoreByCategory(cases, results)) console.log(`${category}: ${s.passed}/${s.total}`);
    const passed = results.filter((r) => r.failures.length === 0).length;
    console.log(`total: ${passed}/${results.length} (${((100 * passed) / results.length).toFixed(1)}%)`);
    return passed === results.length ? 0 : 1;
  } finally {
    await bot.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 2;
  },
);
