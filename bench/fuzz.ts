/**
 * npm run fuzz [-- --runs N] [--seed S]: fuzzes the whole HTTP surface of a fresh bot (see fuzz-http.ts),
 * samples memory after each third of the runs, then checks the bot still answers. Exit code 1 on any
 * failure: a server error, a dropped connection, a token in the logs, growing memory or a wrong answer.
 */
import { runFuzz } from './fuzz-run';

/** Heap growth allowed between the second and the last sample, once the first third has filled the caches. */
const MAX_LATE_GROWTH_MB = 24;

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} takes a whole number, got ${process.argv[at + 1]}`);
  return value;
}

/** Heap in use after a full collection, in MB (node --expose-gc; else the heap as it stands). */
function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return Math.round(process.memoryUsage().heapUsed / 2 ** 20);
}

async function main(): Promise<void> {
  const runs = option('runs', 3000);
  const seed = option('seed', Date.now() % 2 ** 31);
  const heap: number[] = [heapMb()];
  const started = Date.now();
  console.log(`fuzzing ${runs} requests, seed ${seed} (repeat with --seed ${seed})`);
  const report = await runFuzz({ runs, seed, checkpoint: () => heap.push(heapMb()) });
  const lateGrowth = (heap.at(-1) ?? 0) - (heap[2] ?? 0);
  const answered = [report.afterwards.directLine, report.afterwards.messages].every((t) => /\b465\b/.test(t));
  console.log(`${report.runs} requests in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const statuses = [...report.statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}×${n}`);
  console.log(`answers by status: ${statuses.join(' ')}`);
  console.log(`heap after gc, MB: ${heap.join(' → ')} (growth after the first third: ${lateGrowth} MB)`);
  for (const f of report.failures) console.log(`FAIL ${f.outcome}: ${JSON.stringify(f.request)}`);
  if (report.leakedLogLines > 0) console.log(`FAIL ${report.leakedLogLines} log lines hold a token or key`);
  if (!answered)
    console.log(`FAIL the bot no longer answers "what port for smtp": ${JSON.stringify(report.afterwards)}`);
  if (lateGrowth > MAX_LATE_GROWTH_MB) console.log(`FAIL memory grew ${lateGrowth} MB after the first third`);
  const ok =
    report.failures.length === 0 && report.leakedLogLines === 0 && answered && lateGrowth <= MAX_LATE_GROWTH_MB;
  console.log(ok ? 'fuzz: no failures' : 'fuzz: FAILED');
  process.exitCode = ok ? 0 : 1;
}

void main();
