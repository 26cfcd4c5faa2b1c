/**
 * What a post to the built-in Direct Line costs: the real bot (`node dist/index.js`, SQLite,
 * WEBCHAT_TRUST_PROXY=true), C conversations at once, each from its own address, each posting its
 * messages one after another; from the POST to its 200 (the turn done and on record). Prints, per
 * build, the median round's posts/s, p50, p99 and the CPU time the bot spent per post.
 *
 *   npm run -s build && node dist/bench/directline-posts.js [--conversations 16] [--posts 15] [--rounds 5]
 *     [--compare DIR [--runs 3]]   (another build, a dist folder inside the project: an A/B, the two builds
 *                                  started in turn `runs` times each, so load from elsewhere hits both alike)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBuiltBot, type BuiltBot } from './built-bot';
import { BENCH_CONVERSATION } from './conversation';

interface Options {
  conversations: number;
  /** Per conversation and round; at most 20, the burst one conversation may post at once. */
  posts: number;
  rounds: number;
  compare: string;
  runs: number;
}

interface Round {
  postsPerSecond: number;
  p50: number;
  p99: number;
  cpuMsPerPost: number;
}

function parseArgs(argv: string[]): Options {
  const value = (name: string, fallback: number, max = Infinity) => {
    const n = Number(argv[argv.indexOf(`--${name}`) + 1]);
    return argv.includes(`--${name}`) && Number.isInteger(n) && n > 0 ? Math.min(n, max) : fallback;
  };
  const compare = argv.includes('--compare') ? (argv[argv.indexOf('--compare') + 1] ?? '') : '';
  return {
    conversations: value('conversations', 16),
    posts: value('posts', 15, 20),
    rounds: value('rounds', 5),
    compare,
    runs: value('runs', compare ? 3 : 1),
  };
}

/** User + system CPU time of a process so far, in ms, from Linux's /proc (clock ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** A new chat from `address`: its token and conversation id. */
async function openChat(url: string, address: string): Promise<{ token: string; conversationId: string }> {
  const headers = { 'x-forwarded-for': address };
  const res = await fetch(`${url}/api/webchat/token`, { method: 'POST', headers });
  const session = (await res.json()) as { token: string; conversationId: string };
  const started = await fetch(`${url}/v3/directline/conversations`, {
    method: 'POST',
    headers: { ...headers, authorization: `Bearer ${session.token}` },
  });
  if (started.status !== 201) throw new Error(`starting a conversation answered ${started.status}`);
  return session;
}

/** One conversation's posts, one after another; resolves with each post's time to its 200. */
async function talk(url: string, address: string, posts: number): Promise<number[]> {
  const { token, conversationId } = await openChat(url, address);
  const times: number[] = [];
  for (let i = 0; i < posts; i++) {
    const started = performance.now();
    const res = await fetch(`${url}/v3/directline/conversations/${conversationId}/activities`, {
      method: 'POST',
      headers: { 'x-forwarded-for': address, authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: BENCH_CONVERSATION[i % BENCH_CONVERSATION.length] }),
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`a post answered ${res.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

async function round(bot: BuiltBot, options: Options, n: number): Promise<Round> {
  const cpuBefore = cpuMs(bot.pid);
  const started = performance.now();
  const addresses = Array.from({ length: options.conversations }, (_, c) => `10.${n}.${c >> 8}.${c & 255}`);
  const times = (await Promise.all(addresses.map((a) => talk(bot.url, a, options.posts)))).flat();
  const seconds = (performance.now() - started) / 1000;
  const sorted = times.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return {
    postsPerSecond: times.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    cpuMsPerPost: (cpuMs(bot.pid) - cpuBefore) / times.length,
  };
}

/** Starts the build, warms it up, and resolves with its median round. */
async function measure(build: string | undefined, options: Options): Promise<Round> {
  const bot = await startBuiltBot({ build, env: { WEBCHAT_TRUST_PROXY: 'true' } });
  try {
    await round(bot, options, 0);
    const rounds: Round[] = [];
    for (let n = 1; n <= options.rounds; n++) rounds.push(await round(bot, options, n));
    return median(rounds, (r) => r.postsPerSecond);
  } finally {
    await bot.stop();
  }
}

function median(rounds: Round[], by: (r: Round) => number): Round {
  return [...rounds].sort((a, b) => by(a) - by(b))[Math.floor(rounds.length / 2)]!;
}

function print(name: string, r: Round): void {
  console.log(
    `${name.padEnd(32)} ${r.postsPerSecond.toFixed(0).padStart(5)} posts/s   p50 ${r.p50.toFixed(1)} ms` +
      `   p99 ${r.p99.toFixed(1)} ms   CPU ${r.cpuMsPerPost.toFixed(2)} ms/post`,
  );
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  console.log(`${options.conversations} conversations × ${options.posts} posts, median of ${options.rounds} rounds`);
  const builds: [string, string | undefined][] = [['this build', undefined]];
  if (options.compare) builds.push([options.compare, join(process.cwd(), options.compare)]);
  const results = new Map<string, Round[]>(builds.map(([name]) => [name, []]));
  for (let run = 0; run < options.runs; run++)
    for (const [name, build] of builds) {
      const result = await measure(build, options);
      results.get(name)!.push(result);
      print(`${name} (run ${run + 1})`, result);
    }
  if (options.runs > 1)
    for (const [name, runs] of results)
      print(
        `${name}, median CPU`,
        median(runs, (r) => r.cpuMsPerPost),
      );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
