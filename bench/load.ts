/**
 * `npm run bench:load`: C concurrent conversations × T turns over POST /api/messages, replies going
 * to the connector stand-in (its own process) on loopback. Runs a bare botbuilder echo bot (the
 * floor) and the real bot (`node dist/index.js`, SQLite by default) as child processes and prints
 * turns/s, p50/p99 latency, peak RSS and the ratio to the floor.
 *
 *   npm run bench:load -- --conversations 32 --turns 20 --storage sqlite [--profile] [--only support]
 *     [--compare /tmp/other-dist]   (another build of the bot beside this one: an A/B under the same load)
 *
 * With `--abuse`, an abusive load on the built-in Direct Line instead (see abuse.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { abuseOptions, runAbuse } from './abuse';
import { botNodeFlags } from './bot-flags';
import { BENCH_CONVERSATION } from './conversation';

/** Targets from the issue, at 32 concurrent conversations with SQLite. */
export const LOAD_TARGETS = { ratio: 1.0, p99Ms: 100, rssMb: 200 };

interface Options {
  conversations: number;
  turns: number;
  warmup: number;
  rounds: number;
  storage: string;
  profile: boolean;
  /** Only the targets whose name contains this (e.g. `support` to profile the bot alone). */
  only: string;
  /** Another build (a dist folder) of the bot to run beside this one, for an A/B under the same load. */
  compare: string;
}

/** Figures for one target. */
export interface LoadResult {
  name: string;
  turnsPerSecond: number;
  p50: number;
  p99: number;
  /** CPU time the target process spent per turn: unlike turns/s, barely moved by other load on the machine. */
  cpuMsPerTurn: number;
  peakRssMb: number;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string, fallback: number) => {
    const i = argv.indexOf(`--${name}`);
    const n = i >= 0 ? Number(argv[i + 1]) : fallback;
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const storageAt = argv.indexOf('--storage');
  return {
    conversations: value('conversations', 32),
    turns: value('turns', 40),
    warmup: value('warmup', 10),
    rounds: value('rounds', 3),
    storage: storageAt >= 0 ? (argv[storageAt + 1] ?? 'sqlite') : 'sqlite',
    profile: argv.includes('--profile'),
    only: argv.includes('--only') ? (argv[argv.indexOf('--only') + 1] ?? '') : '',
    compare: argv.includes('--compare') ? (argv[argv.indexOf('--compare') + 1] ?? '') : '',
  };
}

interface Child {
  process: ChildProcess;
  line: Record<string, string>;
}

/** Starts `node script args` and resolves with the first JSON line it prints that has `key`. */
function startChild(script: string, args: string[], env: NodeJS.ProcessEnv, key: string, execArgv: string[] = []) {
  const child = spawn(process.execPath, [...execArgv, script, ...args], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  return new Promise<Child>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n')) {
        const match = new RegExp(`"${key}":"([^"]+)"`).exec(line);
        if (match) return resolve({ process: child, line: { [key]: match[1]! } });
      }
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${out}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Peak resident set size of a process, from Linux's /proc (VmHWM). */
function peakRssMb(pid: number | undefined): number {
  try {
    const kb = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** User + system CPU time of a process so far, in ms, from Linux's /proc (clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
}

/** C conversations talking at once, each sending its turns one after another; resolves with each turn's latency. */
async function drive(url: string, serviceUrl: string, run: string, options: Options, turns: number): Promise<number[]> {
  const times: number[] = [];
  const talk = async (c: number) => {
    const conversation = { id: `${run}-${c}`, isGroup: false, conversationType: 'personal', name: '' };
    for (let t = 0; t < turns; t++) {
      const body = JSON.stringify({
        type: 'message',
        id: `${run}-${c}-${t}`,
        text: BENCH_CONVERSATION[t % BENCH_CONVERSATION.length],
        channelId: 'webchat',
        serviceUrl,
        conversation,
        from: { id: `user-${c}`, name: 'Customer', role: 'user' },
        recipient: { id: 'bot', name: 'Bot', role: 'bot' },
      });
      const start = process.hrtime.bigint();
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      await res.arrayBuffer();
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
      if (res.status >= 400) throw new Error(`HTTP ${res.status} from ${url}`);
    }
  };
  await Promise.all(Array.from({ length: options.conversations }, (_, c) => talk(c)));
  return times;
}

/** One measured run against a warmed-up target. */
async function measure(name: string, target: Child, serviceUrl: string, options: Options, round: number) {
  const url = target.line.url!.replace('localhost', '127.0.0.1');
  const cpuBefore = cpuMs(target.process.pid);
  const start = process.hrtime.bigint();
  const times = await drive(url, serviceUrl, `run${round}-${name}`, options, options.turns);
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  times.sort((a, b) => a - b);
  return {
    name,
    turnsPerSecond: times.length / elapsed,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    cpuMsPerTurn: (cpuMs(target.process.pid) - cpuBefore) / times.length,
    peakRssMb: NaN,
  };
}

/** The round with the median throughput, and the peak RSS over the whole run. */
function median(runs: LoadResult[], peakRssMb: number): LoadResult {
  const sorted = [...runs].sort((a, b) => a.turnsPerSecond - b.turnsPerSecond);
  return { ...sorted[Math.floor(sorted.length / 2)]!, peakRssMb };
}

function row(r: LoadResult, floor?: LoadResult): string {
  const ratio = floor ? `   ${(r.turnsPerSecond / floor.turnsPerSecond).toFixed(2)}× floor` : '';
  return (
    `  ${r.name.padEnd(34)} ${r.turnsPerSecond.toFixed(0).padStart(5)} turns/s   p50 ${r.p50.toFixed(1).padStart(6)} ms` +
    `   p99 ${r.p99.toFixed(1).padStart(6)} ms   CPU ${r.cpuMsPerTurn.toFixed(2)} ms/turn` +
    `   peak RSS ${r.peakRssMb.toFixed(0).padStart(4)} MB${ratio}`
  );
}

async function main(): Promise<void> {
  if (process.argv.includes('--abuse')) return runAbuse(abuseOptions(process.argv.slice(2)));
  const options = parseArgs(process.argv.slice(2));
  const dist = join(__dirname, '..');
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  const base = { PATH: process.env.PATH ?? '' };
  const connector = await startChild(join(__dirname, 'connector-process.js'), [], base, 'serviceUrl');
  const serviceUrl = connector.line.serviceUrl!;
  console.log(
    `bench:load: ${options.conversations} concurrent conversations × ${options.turns} turns ` +
      `(+${options.warmup} warm-up), median of ${options.rounds} rounds, STORAGE=${options.storage}, ` +
      'connector stand-in in its own process',
  );
  const supportBot = (build: string, data: string) => () =>
    startChild(
      join(build, 'index.js'),
      [],
      {
        ...base,
        ...{ PORT: '0', LOG_LEVEL: 'info', STORAGE: options.storage, DATA_DIR: data },
        // For experiments with V8 flags on the bot alone, e.g. BENCH_BOT_NODE_OPTIONS=--max-semi-space-size=4.
        NODE_OPTIONS: process.env.BENCH_BOT_NODE_OPTIONS ?? '',
      },
      'url',
      [
        ...botNodeFlags(),
        ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(process.cwd(), 'profiles')}`] : []),
      ],
    );
  const allTargets: [string, () => Promise<Child>][] = [
    ['echo bot (botbuilder as shipped)', () => startChild(join(__dirname, 'echo-bot.js'), [], base, 'url')],
    ['echo bot (our adapter)', () => startChild(join(__dirname, 'echo-bot.js'), ['--ours'], base, 'url')],
    [`support bot (STORAGE=${options.storage})`, supportBot(dist, dataDir)],
    ...(options.compare
      ? [
          [`support bot (build ${options.compare})`, supportBot(options.compare, join(dataDir, 'compare'))] as [
            string,
            () => Promise<Child>,
          ],
        ]
      : []),
  ];
  const targets = allTargets.filter(([name]) => name.includes(options.only));
  const children: Child[] = [];
  const results: LoadResult[] = [];
  try {
    for (const [name, start] of targets) {
      children.push(await start());
      await drive(
        children.at(-1)!.line.url!.replace('localhost', '127.0.0.1'),
        serviceUrl,
        `warm-${name}`,
        options,
        options.warmup,
      );
    }
    // Why rounds in turn: other load on the machine then hits every target alike; the median round is reported.
    const runs: LoadResult[][] = targets.map(() => []);
    for (let round = 0; round < options.rounds; round++)
      for (const [i, [name]] of targets.entries())
        runs[i]!.push(await measure(name, children[i]!, serviceUrl, options, round));
    for (const [i, child] of children.entries()) results.push(median(runs[i]!, peakRssMb(child.process.pid)));
    for (const r of results) console.log(row(r, results[0]));
  } finally {
    await Promise.all([...children, connector].map((c) => stop(c.process)));
    rmSync(dataDir, { recursive: true, force: true });
  }
  report(results);
}

function report([floor, , bot]: LoadResult[]): void {
  if (!floor || !bot) return;
  const ratio = bot.turnsPerSecond / floor.turnsPerSecond;
  const checks = [
    [`throughput ${ratio.toFixed(2)}× the echo bot (target ≥ ${LOAD_TARGETS.ratio}×)`, ratio >= LOAD_TARGETS.ratio],
    [`p99 ${bot.p99.toFixed(1)} ms (target < ${LOAD_TARGETS.p99Ms} ms)`, bot.p99 < LOAD_TARGETS.p99Ms],
    [`peak RSS ${bot.peakRssMb.toFixed(0)} MB (target < ${LOAD_TARGETS.rssMb} MB)`, bot.peakRssMb < LOAD_TARGETS.rssMb],
  ] as const;
  for (const [text, ok] of checks) console.log(`  ${ok ? 'met   ' : 'MISSED'} ${text}`);
}

if (require.main === module)
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
