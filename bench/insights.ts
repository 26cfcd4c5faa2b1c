/**
 * `npm run bench:insights`: the insights page's queries over 1,000,000 events in SQLite. Seeds a
 * fresh database file (in a temporary folder, the bot's own schema and settings) with a realistic
 * mix of 180 days of events on four channels, through the store's own write path, then times the
 * whole report (every query the page makes) for several filters. Target: under 500 ms per report.
 *
 *   npm run bench:insights -- [--events 1000000] [--json]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { conversationKey, type InsightEvent } from '../insights/events';
import { placeUnanswered, type UnansweredPlace, type UnansweredReader } from '../insights/group';
import { lastDays, type InsightsFilter } from '../insights/report';
import { SqliteInsightsStore } from '../insights/sqlite';
import { openSqliteDatabase, SQLITE_FILE } from '../storage/sqlite';

const TARGET_MS = 500;
const DAYS = 180;
const CHANNELS = ['directline', 'webchat', 'msteams', 'emulator'];
const TOPICS = Array.from({ length: 60 }, (_, i) => `entry:topic-${i}`);
/** Unanswered questions drawn from 400 wordings over 120 subjects, so groups form as they would. */
const SUBJECTS = Array.from({ length: 120 }, (_, i) => `subject${i}`);

/** A small deterministic generator (mulberry32), so every run seeds the same events. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const reader: UnansweredReader = {
  words: (text) =>
    text
      .toLowerCase()
      .split(/\s+/)
      .filter((w) => w.length > 3),
  nearest: (text) => ({ id: `topic-${text.length % 60}`, question: `How do I ${text.slice(0, 20)}?` }),
};

type Seeded = { event: InsightEvent; place?: UnansweredPlace };

/** One conversation's events: messages and answers, sometimes feedback, a walkthrough, an error, a handover. */
function conversation(n: number, rnd: () => number, today: number): Seeded[] {
  const channel = CHANNELS[Math.floor(rnd() ** 1.5 * CHANNELS.length)]!;
  const start = today - Math.floor(rnd() * DAYS) * 86_400_000 - Math.floor(rnd() * 86_400_000);
  const base = { channel, conversation: conversationKey(channel, `c-${n}`) };
  const out: Seeded[] = [];
  let t = start;
  const at = () => new Date((t += 15_000)).toISOString();
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const turns = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < turns; i++) {
    out.push({ event: { name: 'message.received', at: at(), ...base } });
    const r = rnd();
    if (r < 0.72) {
      const about = pick(TOPICS);
      out.push({ event: { name: 'answer.given', at: at(), ...base, kind: 'answer', about, confidence: rnd() } });
      if (rnd() < 0.3)
        out.push({ event: { name: 'feedback', at: at(), ...base, about, helpful: rnd() < 0.8 ? 'yes' : 'no' } });
    } else if (r < 0.8) out.push({ event: { name: 'answer.given', at: at(), ...base, kind: 'clarify' } });
    else if (r < 0.85) out.push({ event: { name: 'answer.given', at: at(), ...base, kind: 'did-you-mean' } });
    else {
      const text = `how can I fix ${pick(SUBJECTS)} with ${pick(['outlook', 'iphone', 'thunderbird', 'mac'])} please`;
      const event: InsightEvent = { name: 'answer.given', at: at(), ...base, kind: 'none', reason: 'no-match', text };
      out.push({ event, place: placeUnanswered(text, reader) });
    }
  }
  if (rnd() < 0.08) {
    const last = 1 + Math.floor(rnd() * 8);
    for (let step = 1; step <= last; step++) out.push({ event: { name: 'walkthrough.step', at: at(), ...base, step } });
    out.push({
      event:
        last === 8
          ? { name: 'walkthrough.finished', at: at(), ...base }
          : { name: 'walkthrough.abandoned', at: at(), ...base, step: last },
    });
  }
  if (rnd() < 0.05)
    out.push({ event: { name: 'error.explained', at: at(), ...base, code: pick(['535', '550', '554']) } });
  if (rnd() < 0.06) out.push(...handover(rnd, at, base));
  return out;
}

function handover(rnd: () => number, at: () => string, base: { channel: string; conversation: string }): Seeded[] {
  const out: Seeded[] = [{ event: { name: 'handover.offered', at: at(), ...base } }];
  if (rnd() < 0.4) return out;
  out.push({ event: { name: 'handover.requested', at: at(), ...base } });
  if (rnd() < 0.2) return [...out, { event: { name: 'handover.abandoned', at: at(), ...base } }];
  const timeToAcceptMs = Math.floor(5_000 + rnd() ** 2 * 600_000);
  out.push({ event: { name: 'handover.accepted', at: at(), ...base, timeToAcceptMs } });
  out.push({ event: { name: 'handover.ended', at: at(), ...base } });
  if (rnd() < 0.5) out.push({ event: { name: 'agent.rating', at: at(), ...base, rating: 1 + Math.floor(rnd() * 5) } });
  return out;
}

/** Writes `total` events in batches of a transaction each; the seconds it took. */
function seed(store: SqliteInsightsStore, total: number): number {
  const rnd = random(14);
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const started = performance.now();
  let written = 0;
  let n = 0;
  while (written < total) {
    const batch: Seeded[] = [];
    while (batch.length < 20_000 && written + batch.length < total) batch.push(...conversation(n++, rnd, today));
    const kept = batch.slice(0, total - written);
    store.recordAll(kept);
    written += kept.length;
  }
  return (performance.now() - started) / 1000;
}

/** The report for each filter: the median of five runs after one warm-up, in ms. */
function timeReports(store: SqliteInsightsStore, filters: [string, InsightsFilter][]) {
  return filters.map(([name, filter]) => {
    store.report(filter);
    const runs = Array.from({ length: 5 }, () => {
      const started = performance.now();
      store.report(filter);
      return performance.now() - started;
    }).sort((a, b) => a - b);
    return { name, ms: Math.round(runs[2]! * 10) / 10 };
  });
}

function main(args: string[]): void {
  const at = args.indexOf('--events');
  const events = at >= 0 ? Number(args[at + 1]) : 1_000_000;
  if (!Number.isInteger(events) || events < 1) throw new Error('--events takes a whole number of events');
  const dir = mkdtempSync(join(tmpdir(), 'bench-insights-'));
  const db = openSqliteDatabase(join(dir, SQLITE_FILE));
  try {
    const store = new SqliteInsightsStore(db);
    const seconds = seed(store, events);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.exec('ANALYZE');
    const today = new Date();
    const results = timeReports(store, [
      ['last 30 days, every channel', lastDays(today, 30)],
      ['last 90 days, every channel', lastDays(today, 90)],
      ['all 180 days, every channel', lastDays(today, DAYS)],
      ['all 180 days, msteams only', { ...lastDays(today, DAYS), channel: 'msteams' }],
    ]);
    const report = store.report(lastDays(today, DAYS));
    const worst = Math.max(...results.map((r) => r.ms));
    const summary = {
      events,
      seedSeconds: Math.round(seconds * 10) / 10,
      results,
      worstMs: worst,
      targetMs: TARGET_MS,
      pass: worst < TARGET_MS,
      unansweredGroups: report.unanswered.length,
      conversations: report.conversationsPerDay.reduce((n, r) => n + r.count, 0),
    };
    if (args.includes('--json')) console.log(JSON.stringify(summary));
    else {
      console.log(`Seeded ${events.toLocaleString('en-GB')} events in ${summary.seedSeconds} s.`);
      for (const r of results) console.log(`  ${r.name.padEnd(30)} ${String(r.ms).padStart(7)} ms (whole report)`);
      console.log(`Worst ${worst} ms; target < ${TARGET_MS} ms: ${summary.pass ? 'met' : 'NOT met'}.`);
    }
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2));
