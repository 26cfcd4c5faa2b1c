/**
 * A/B of two builds of the bot's core, for changes that must not change a reply (speed work).
 *
 *   npx tsc -p tsconfig.json --outDir /tmp/old   (before the change; copy package.json and
 *   knowledge/data beside it), then after it: `npx tsc -p tsconfig.json` and
 *   node dist/bench/ab-replies.js /tmp/old dist          replies and slots of every question, diffed
 *   node dist/bench/ab-replies.js /tmp/old dist --time   query p50/p90/p99 of both, interleaved
 *
 * The questions: every string literal of test/*.test.ts, the knowledge's alternate questions and
 * the turns of test/fixtures/*.json (not its subfolders), each in a few conversation contexts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Answerer, SearchContext } from '../knowledge';
import { projectRoot } from '../knowledge/load';
import { percentile, timeMs } from './timing';

type Build = { createAnswerer(): Answerer };

const ROOT = projectRoot(__dirname);

/** String literals of a test file: its tables' questions (and, harmlessly, every other string). */
function literals(source: string): string[] {
  const found: string[] = [];
  const re = /'((?:[^'\\\n]|\\.){2,400})'|"((?:[^"\\\n]|\\.){2,400})"|`((?:[^`\\$]|\\.){2,400})`/g;
  for (const m of source.matchAll(re)) {
    const raw = m[1] ?? m[2] ?? m[3] ?? '';
    const text = raw.replace(/\\n/g, '\n').replace(/\\(.)/g, '$1');
    if (/[a-z]/i.test(text)) found.push(text);
  }
  return found;
}

/** Every "q" and "user" string of a fixture, at any depth. */
function fixtureQuestions(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => fixtureQuestions(v, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      if ((k === 'q' || k === 'user') && typeof v === 'string') out.push(v);
      else fixtureQuestions(v, out);
    }
  return out;
}

export function questions(answerer: Answerer): string[] {
  const testDir = join(ROOT, 'test');
  const fixtures = join(testDir, 'fixtures');
  const fromTests = readdirSync(testDir)
    .filter((f) => f.endsWith('.test.ts'))
    .flatMap((f) => literals(readFileSync(join(testDir, f), 'utf8')));
  const fromFixtures = readdirSync(fixtures, { withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.json'))
    .flatMap((f) => fixtureQuestions(JSON.parse(readFileSync(join(fixtures, f.name), 'utf8'))));
  const alternates = answerer.knowledge.providers.flatMap((p) => p.entries.flatMap((e) => e.questions));
  return [...new Set([...fromTests, ...fromFixtures, ...alternates])];
}

function contexts(answerer: Answerer): SearchContext[] {
  const entries = answerer.knowledge.providers.flatMap((p) => p.entries.map((e) => e.id));
  return [
    {},
    { protocol: 'imap', attributes: ['host'] },
    { protocol: 'smtp', attributes: ['port'] },
    { protocol: 'pop3', protocols: ['imap', 'pop3'], attributes: ['host', 'port'] },
    { lastEntryId: entries[0] },
    { lastEntryId: entries[Math.floor(entries.length / 2)] },
    { walkthrough: 'pop-to-imap' as SearchContext['walkthrough'] },
    { lastNone: 'account' },
  ];
}

function load(dir: string): Build {
  // Why require: the build to load is named on the command line, not known when this is compiled.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(join(resolve(dir), 'knowledge')) as Build;
}

/** The reply, the kind of result and the slots, as one string; or the error it threw. */
function outcome(answerer: Answerer, q: string, context: SearchContext): string {
  try {
    const { reply, result } = answerer.ask(q, context);
    return JSON.stringify([reply, result.kind, result.slots]);
  } catch (err) {
    return `threw ${(err as Error).message}`;
  }
}

/** Diffs the reply and the slots of every question in every context; returns the number of differences. */
function diffReplies(a: Answerer, b: Answerer): number {
  const qs = questions(b);
  let differences = 0;
  let asked = 0;
  const differing = new Set<string>();
  for (const context of contexts(b))
    for (const q of qs) {
      asked++;
      const [sx, sy] = [a, b].map((answerer) => outcome(answerer, q, context));
      if (sx !== sy) {
        differences++;
        differing.add(q);
        if (differences <= 20)
          console.log(`DIFF ${JSON.stringify(q)} in ${JSON.stringify(context)}\n  old ${sx}\n  new ${sy}`);
      }
    }
  if (differing.size > 0) console.log(`messages that differ: ${JSON.stringify([...differing].slice(0, 50))}`);
  console.log(`${qs.length} questions x ${contexts(b).length} contexts = ${asked} asked; ${differences} differences`);
  return differences;
}

/**
 * The bench's utterances through both, interleaved (old then new, then new then old), so load
 * falls on both alike. Printed twice: over every timing, as `npm run bench` counts (its p99 is
 * mostly the machine's other work on a loaded machine), and over each question's median, which
 * leaves out pauses that hit a few of its rounds (the work of the search itself).
 */
function compareTimes(a: Answerer, b: Answerer, rounds = 40): void {
  const file = join(ROOT, 'test', 'fixtures', 'utterances.json');
  const qs = (JSON.parse(readFileSync(file, 'utf8')) as { q: string }[]).map((r) => r.q);
  for (const q of qs) [a, b].forEach((x) => x.ask(q));
  const times = [a, b].map(() => qs.map((): number[] => []));
  for (let r = 0; r < rounds; r++)
    qs.forEach((q, k) => {
      for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) times[i]![k]!.push(timeMs(() => [a, b][i]!.ask(q)));
    });
  const sorted = (t: number[]) => [...t].sort((x, y) => x - y);
  const report = (title: string, [old, now]: number[][]) => {
    console.log(title);
    for (const p of [0.5, 0.9, 0.99]) {
      const [o, n] = [percentile(old!, p), percentile(now!, p)];
      console.log(`  p${p * 100}: old ${o.toFixed(3)} ms  new ${n.toFixed(3)} ms  new/old ${(n / o).toFixed(2)}`);
    }
  };
  report(
    `every timing (${qs.length} utterances x ${rounds} rounds)`,
    times.map((t) => sorted(t.flat())),
  );
  report(
    "each question's median",
    times.map((t) => sorted(t.map((q) => percentile(sorted(q), 0.5)))),
  );
}

function main(args: string[]): number {
  const [oldDir, newDir] = args.filter((x) => !x.startsWith('--'));
  if (!oldDir || !newDir) {
    console.error('usage: node dist/bench/ab-replies.js <old build dir> <new build dir> [--time]');
    return 2;
  }
  const [a, b] = [load(oldDir).createAnswerer(), load(newDir).createAnswerer()];
  if (args.includes('--time')) {
    compareTimes(a, b);
    return 0;
  }
  return diffReplies(a, b) === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
