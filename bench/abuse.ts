/**
 * `npm run bench:load -- --abuse`: a sustained abusive load on the built-in Direct Line of the real bot
 * (`node dist/index.js`, SQLite, WEBCHAT_TRUST_PROXY=true), while customers keep chatting. Each abusive
 * client (its own IPv4 address or IPv6 /64, through X-Forwarded-For) runs at the rates a client is allowed:
 * a new conversation every 5 seconds and 4 activities a second of nearly the largest size accepted, spread
 * over its conversations. Every few seconds it prints the bot's RSS, what the abusers got, and whether
 * customers were answered: a new customer every second (token, conversation, question, answer), and one
 * customer chatting throughout with its WebSocket open.
 *
 *   npm run bench:load -- --abuse [--seconds 60] [--clients 40] [--compare DIR]
 */
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import WebSocket from 'ws';
import { startBuiltBot } from './built-bot';

/** The options of an abusive run. */
export interface AbuseOptions {
  seconds: number;
  clients: number;
  /** Another build (a dist folder inside the project) to put under the same load afterwards. */
  compare: string;
}

interface Chat {
  address: string;
  token: string;
  conversationId: string;
  streamUrl: string;
}

/** What one run counted; `statuses` are the abusers' answers. */
interface Tally {
  statuses: Map<number, number>;
  newCustomers: { answered: number; failed: number; ms: number[] };
  existing: { answered: number; failed: number };
}

/** A request the bot refused, with its status. */
class Refused extends Error {
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

/** A message of about 31 KB, just under the 32 KB the built-in Direct Line accepts. */
const BIG_TEXT = `${'x'.repeat(99)} `.repeat(310);
const REPORT_EVERY_MS = 5000;
const ANSWER_WAIT_MS = 10_000;

/** Reads `--abuse` options from the command line. */
export function abuseOptions(argv: string[]): AbuseOptions {
  const value = (name: string, fallback: number) => {
    const n = Number(argv[argv.indexOf(`--${name}`) + 1]);
    return argv.includes(`--${name}`) && Number.isInteger(n) && n > 0 ? n : fallback;
  };
  const compare = argv.includes('--compare') ? (argv[argv.indexOf('--compare') + 1] ?? '') : '';
  return { seconds: value('seconds', 60), clients: value('clients', 40), compare };
}

/** Runs the abusive load against this build, then `--compare`'s; prints figures as it goes. */
export async function runAbuse(options: AbuseOptions): Promise<void> {
  console.log(
    `bench:load --abuse: ${options.clients} abusive clients for ${options.seconds} s (each a new conversation ` +
      'every 5 s and 4 activities of 31 KB a second), a new customer every second, one customer chatting throughout',
  );
  await abuseBuild('this build', undefined, options);
  if (options.compare) await abuseBuild(options.compare, options.compare, options);
}

async function abuseBuild(name: string, build: string | undefined, options: AbuseOptions): Promise<void> {
  const bot = await startBuiltBot({ build, env: { STORAGE: 'sqlite', WEBCHAT_TRUST_PROXY: 'true' } });
  const tally: Tally = {
    statuses: new Map(),
    newCustomers: { answered: 0, failed: 0, ms: [] },
    existing: { answered: 0, failed: 0 },
  };
  const until = Date.now() + options.seconds * 1000;
  const rss: number[] = [rssMb(bot.pid)];
  console.log(`\n${name}: RSS at start ${rss[0]!.toFixed(0)} MB`);
  try {
    const existing = await openChat(bot.url, '198.51.100.1');
    const stream = new WebSocket(existing.streamUrl);
    const reporter = report(bot.pid, tally, rss, until);
    await Promise.all([
      ...Array.from({ length: options.clients }, (_, i) => abuser(bot.url, abusiveAddress(i), until, tally)),
      newCustomers(bot.url, until, tally),
      chatThroughout(bot.url, existing, until, tally),
      reporter,
    ]);
    stream.close();
  } finally {
    await bot.stop();
  }
  summary(rss, tally);
}

/** Half the abusers on IPv4, half each on an IPv6 /64 of its own: every one a separate client. */
function abusiveAddress(i: number): string {
  return i % 2 ? `10.${(i >> 8) & 255}.${i & 255}.1` : `2001:db8:${i.toString(16)}::1`;
}

/** One abusive client at the allowed rates, until `until`: it sends on time, not waiting for answers. */
async function abuser(url: string, address: string, until: number, tally: Tally): Promise<void> {
  const chats: Chat[] = [];
  const inFlight = new Set<Promise<void>>();
  const send = (work: () => Promise<number>) => {
    const sent = work()
      .catch((err: unknown) => (err instanceof Refused ? err.status : 0))
      .then((status) => count(tally, status));
    inFlight.add(sent);
    void sent.then(() => inFlight.delete(sent));
  };
  let nextOpen = 0;
  for (let n = 0; Date.now() < until; n++) {
    if (Date.now() >= nextOpen) {
      nextOpen = Date.now() + 5000;
      send(() => openChat(url, address).then((chat) => (chats.push(chat), 201)));
    }
    const chat = chats[n % Math.max(1, chats.length)];
    if (chat && inFlight.size < 16) send(() => post(url, chat, BIG_TEXT).then((res) => res.status));
    await sleep(250);
  }
  await Promise.all(inFlight);
}

/** A new customer every second: token, conversation, a question, and its answer. */
async function newCustomers(url: string, until: number, tally: Tally): Promise<void> {
  for (let i = 0; Date.now() < until; i++) {
    const started = Date.now();
    const ok = await openChat(url, `203.0.113.${i % 250}`)
      .then((chat) => asked(url, chat))
      .catch(() => false);
    if (ok) tally.newCustomers.ms.push(Date.now() - started);
    tally.newCustomers[ok ? 'answered' : 'failed'] += 1;
    await sleep(Math.max(0, 1000 - (Date.now() - started)));
  }
}

/** One customer who asks something every 5 seconds, with a WebSocket open all along. */
async function chatThroughout(url: string, chat: Chat, until: number, tally: Tally): Promise<void> {
  while (Date.now() < until) {
    const ok = await asked(url, chat).catch(() => false);
    tally.existing[ok ? 'answered' : 'failed'] += 1;
    await sleep(5000);
  }
}

/**
 * Asks what port SMTP uses; true when the POST got 200 and the answer (465) is in the conversation within
 * ANSWER_WAIT_MS (a build that answers the POST before the turn has run gets that long to run it).
 */
async function asked(url: string, chat: Chat): Promise<boolean> {
  const res = await post(url, chat, 'what port for SMTP');
  if (res.status !== 200) return false;
  const { id } = (await res.json()) as { id: string };
  for (const waitUntil = Date.now() + ANSWER_WAIT_MS; Date.now() < waitUntil; await sleep(100)) {
    const got = await fetch(`${url}/v3/directline/conversations/${chat.conversationId}/activities`, {
      headers: { authorization: `Bearer ${chat.token}`, 'x-forwarded-for': chat.address },
    });
    const { activities } = (await got.json()) as { activities: { replyToId?: string; text?: string }[] };
    if (activities.some((a) => a.replyToId === id && (a.text ?? '').includes('465'))) return true;
  }
  return false;
}

async function openChat(url: string, address: string): Promise<Chat> {
  const res = await fetch(`${url}/api/webchat/token`, { method: 'POST', headers: { 'x-forwarded-for': address } });
  if (res.status !== 200) throw new Refused(res.status);
  const { token, conversationId } = (await res.json()) as { token: string; conversationId: string };
  const opened = await fetch(`${url}/v3/directline/conversations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address },
  });
  if (opened.status !== 201) throw new Refused(opened.status);
  const { streamUrl } = (await opened.json()) as { streamUrl: string };
  return { address, token, conversationId, streamUrl };
}

async function post(url: string, chat: Chat, text: string): Promise<Response> {
  const res = await fetch(`${url}/v3/directline/conversations/${chat.conversationId}/activities`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${chat.token}`,
      'content-type': 'application/json',
      'x-forwarded-for': chat.address,
    },
    body: JSON.stringify({ type: 'message', text }),
  });
  if (text === BIG_TEXT) await res.arrayBuffer();
  return res;
}

function count(tally: Tally, status: number): void {
  tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
}

/** Every few seconds: the bot's RSS, the abusers' answers so far and the customers'. */
async function report(pid: number | undefined, tally: Tally, rss: number[], until: number): Promise<void> {
  const start = Date.now();
  while (Date.now() < until) {
    await sleep(Math.min(REPORT_EVERY_MS, Math.max(0, until - Date.now())));
    rss.push(rssMb(pid));
    const statuses = [...tally.statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${n}×${s}`);
    const { newCustomers: fresh, existing } = tally;
    console.log(
      `  ${String(Math.round((Date.now() - start) / 1000)).padStart(4)} s   RSS ${rss.at(-1)!.toFixed(0).padStart(4)} MB` +
        `   abusers: ${statuses.join(' ')}   new customers answered ${fresh.answered}/${fresh.answered + fresh.failed}` +
        `   chat throughout ${existing.answered}/${existing.answered + existing.failed}`,
    );
  }
}

function summary(rss: number[], tally: Tally): void {
  const ms = [...tally.newCustomers.ms].sort((a, b) => a - b);
  const at = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))] ?? NaN;
  const posted = [...tally.statuses].reduce((sum, [, n]) => sum + n, 0);
  const half = rss.slice(Math.floor(rss.length / 2));
  console.log(
    `  RSS: start ${rss[0]!.toFixed(0)} MB, peak ${Math.max(...rss).toFixed(0)} MB, ` +
      `second half ${Math.min(...half).toFixed(0)}–${Math.max(...half).toFixed(0)} MB, end ${rss.at(-1)!.toFixed(0)} MB\n` +
      `  abusive requests answered: ${posted} (${(tally.statuses.get(200) ?? 0) + (tally.statuses.get(201) ?? 0)} accepted)\n` +
      `  new customers answered: ${tally.newCustomers.answered} of ${tally.newCustomers.answered + tally.newCustomers.failed}` +
      ` (token to answer p50 ${at(0.5)} ms, p99 ${at(0.99)} ms); the chat throughout: ` +
      `${tally.existing.answered} of ${tally.existing.answered + tally.existing.failed}`,
  );
}

/** Resident set size of a process now, from Linux's /proc (VmRSS). */
function rssMb(pid: number | undefined): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}
