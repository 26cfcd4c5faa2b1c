/** The insights store and report: numbers from seeded events, unanswered groups, deletion with transcripts, validation. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Activity } from 'botbuilder';
import { InsightsTelemetryClient } from '../bots/telemetry';
import { formatUnanswered, parseInsightsArgs } from '../cli/insights';
import { runTranscriptCommand } from '../cli/transcript';
import { ArraySink, conversationKey, parseInsightEvent, type InsightEvent } from '../insights/events';
import { groupKey, NO_WORDS_KEY, placeUnanswered, unansweredText } from '../insights/group';
import { percentile, type InsightsFilter } from '../insights/report';
import { storeSink } from '../insights/sink';
import { SqliteInsightsStore } from '../insights/sqlite';
import { openMemoryStores } from '../storage/memory';
import { openSqliteStores } from '../storage/sqlite';
import { sharedAnswerer } from './helpers/talk';

const memoryStore = () => new SqliteInsightsStore(new Database(':memory:'));

/** An event on a day, in a conversation of a channel. */
function ev(day: string, conversation: string, fields: Record<string, unknown>, channel = 'webchat'): InsightEvent {
  const parsed = parseInsightEvent({
    at: `${day}T10:00:00.000Z`,
    channel,
    conversation: conversationKey(channel, conversation),
    ...fields,
  });
  if (!('event' in parsed)) throw new Error(parsed.problems.join('; '));
  return parsed.event;
}

const D1 = '2026-02-01';
const D2 = '2026-02-02';
const D3 = '2026-02-03';

/** The seeded events: the numbers below follow from them. */
const SEEDED: InsightEvent[] = [
  ev(D1, 'a', { name: 'message.received' }),
  ev(D1, 'a', { name: 'message.received' }),
  ev(D1, 'b', { name: 'message.received' }),
  ev(D1, 'c', { name: 'message.received' }, 'msteams'),
  ev(D2, 'a', { name: 'message.received' }),
  ev(D1, 'a', { name: 'answer.given', kind: 'answer', about: 'entry:e1', confidence: 0.9 }),
  ev(D1, 'b', { name: 'answer.given', kind: 'answer', about: 'entry:e1' }),
  ev(D1, 'b', { name: 'answer.given', kind: 'answer', about: 'settings:smtp:port' }),
  ev(D1, 'c', { name: 'answer.given', kind: 'clarify' }, 'msteams'),
  ev(D2, 'a', { name: 'answer.given', kind: 'did-you-mean' }),
  ev(D2, 'a', { name: 'answer.given', kind: 'none', reason: 'no-match' }),
  ev(D1, 'a', { name: 'feedback', about: 'entry:e1', helpful: 'yes' }),
  ev(D1, 'b', { name: 'feedback', about: 'entry:e1', helpful: 'no' }),
  ev(D2, 'a', { name: 'feedback', about: 'entry:e1', helpful: 'yes' }),
  ev(D1, 'a', { name: 'walkthrough.step', step: 1 }),
  ev(D1, 'a', { name: 'walkthrough.step', step: 2 }),
  ev(D1, 'b', { name: 'walkthrough.step', step: 1 }),
  ev(D1, 'b', { name: 'walkthrough.abandoned', step: 1 }),
  ev(D1, 'a', { name: 'walkthrough.finished' }),
  ev(D1, 'a', { name: 'error.explained', code: '535' }),
  ev(D1, 'a', { name: 'handover.offered' }),
  ev(D1, 'a', { name: 'handover.requested' }),
  ev(D1, 'a', { name: 'handover.accepted', timeToAcceptMs: 60_000 }),
  ev(D1, 'a', { name: 'handover.ended' }),
  ev(D1, 'a', { name: 'agent.rating', rating: 5 }),
  ev(D2, 'b', { name: 'handover.offered' }),
  ev(D2, 'b', { name: 'handover.requested' }),
  ev(D2, 'b', { name: 'handover.accepted', timeToAcceptMs: 20_000 }),
  ev(D2, 'b', { name: 'agent.rating', rating: 2 }),
  ev(D2, 'c', { name: 'handover.requested' }, 'msteams'),
  ev(D2, 'c', { name: 'handover.abandoned' }, 'msteams'),
  ev(D3, 'c', { name: 'handover.accepted', timeToAcceptMs: 90_000 }, 'msteams'),
];

describe('the insights report from seeded events', () => {
  const store = memoryStore();
  beforeAll(() => Promise.all(SEEDED.map((e) => store.record(e))));
  const all: InsightsFilter = { from: D1, to: D3 };

  it('conversations per day by channel count each conversation once a day', async () => {
    expect(store.report(all).conversationsPerDay).toEqual([
      { day: D1, channel: 'msteams', count: 1 },
      { day: D1, channel: 'webchat', count: 2 },
      { day: D2, channel: 'webchat', count: 1 },
    ]);
    expect(store.report(all).channels).toEqual(['msteams', 'webchat']);
  });

  it('answer kinds per day, top questions and helpfulness', () => {
    const report = store.report(all);
    expect(report.answerKindsPerDay).toEqual([
      { day: D1, answer: 3, clarify: 1, didYouMean: 0, none: 0 },
      { day: D2, answer: 0, clarify: 0, didYouMean: 1, none: 1 },
    ]);
    expect(report.topQuestions).toEqual([
      { about: 'entry:e1', count: 2 },
      { about: 'settings:smtp:port', count: 1 },
    ]);
    expect(report.helpfulness).toEqual([{ about: 'entry:e1', helpful: 2, notHelpful: 1 }]);
  });

  it('the walkthrough funnel and handovers', () => {
    const report = store.report(all);
    expect(report.walkthroughFunnel).toEqual([
      { step: 1, reached: 2, abandoned: 1 },
      { step: 2, reached: 1, abandoned: 0 },
    ]);
    expect(report.walkthroughsFinished).toBe(1);
    expect(report.handoversPerDay).toEqual([
      { day: D1, offered: 1, requested: 1, accepted: 1, abandoned: 0, ended: 1 },
      { day: D2, offered: 1, requested: 2, accepted: 1, abandoned: 1, ended: 0 },
      { day: D3, offered: 0, requested: 0, accepted: 1, abandoned: 0, ended: 0 },
    ]);
    expect(report.timeToAcceptMs).toEqual({ p50: 60_000, p90: 90_000, count: 3 });
    expect(report.agentRating).toEqual({ average: 3.5, count: 2 });
  });

  it.each<[string, InsightsFilter, number, number]>([
    ['one day', { from: D1, to: D1 }, 3, 1],
    ['one channel', { from: D1, to: D3, channel: 'msteams' }, 1, 1],
    ['a range with nothing in it', { from: '2026-03-01', to: '2026-03-31' }, 0, 0],
  ])('filters by %s', (_name, filter, conversations, accepted) => {
    const report = store.report(filter);
    expect(report.filter).toEqual(filter);
    expect(report.conversationsPerDay.reduce((n, r) => n + r.count, 0)).toBe(conversations);
    expect(report.timeToAcceptMs.count).toBe(accepted);
  });

  it('an empty store gives an empty report, nulls where there is nothing to average', () => {
    const report = memoryStore().report(all);
    expect(report).toMatchObject({ conversationsPerDay: [], unanswered: [], walkthroughsFinished: 0 });
    expect(report.timeToAcceptMs).toEqual({ p50: null, p90: null, count: 0 });
    expect(report.agentRating).toEqual({ average: null, count: 0 });
  });
});

describe('unanswered questions, grouped as they are written', () => {
  const reader = sharedAnswerer().reader;
  const unanswered = (text: string, conversation = 'u-1', day = D1) =>
    ev(day, conversation, { name: 'answer.given', kind: 'none', reason: 'no-match', text: unansweredText(text) });

  it.each([
    ['the same words in another order', 'how do I bake sourdough bread', 'sourdough bread: how to bake?'],
    ['another case and punctuation', 'Bake SOURDOUGH bread!!', 'bake sourdough bread'],
  ])('%s share a group', (_name, a, b) => {
    expect(placeUnanswered(a, reader).key).toBe(placeUnanswered(b, reader).key);
  });

  it.each([
    [['smtp', 'ipad', 'smtp'], 'ipad smtp'],
    [[], NO_WORDS_KEY],
    [['redacted'], NO_WORDS_KEY],
    [['k', 'j', 'i', 'h', 'g', 'f', 'e', 'd', 'c', 'b', 'a'], 'a b c d e f g h'],
  ])('groupKey(%j) is %j', (words, key) => expect(groupKey(words)).toBe(key));

  it('each group keeps its count, its latest distinct examples (redacted), and the nearest entry', async () => {
    const store = memoryStore();
    const sink = storeSink(store, reader, (err) => {
      throw err;
    });
    const texts = [
      'how do I bake sourdough bread',
      'sourdough bread how to bake',
      'how do I bake sourdough bread',
      'bake sourdough bread, password: Hunter2-secret!',
      'can I move my emails to gmail',
    ];
    texts.forEach((t, i) => sink.track(unanswered(t, `u-${i}`)));
    await store.record(ev(D1, 'x', { name: 'message.received' }));
    const groups = store.report({ from: D1, to: D1 }).unanswered;
    expect(groups.map((g) => [g.key, g.count])).toEqual([
      ['bake bread sourdough', 3],
      ['bake bread password sourdough', 1],
      ['email gmail move', 1],
    ]);
    expect(groups[0]!.examples).toEqual(['sourdough bread how to bake', 'how do I bake sourdough bread']);
    expect(groups[1]!.examples).toEqual(['bake sourdough bread, password: [redacted]']);
    expect(JSON.stringify(groups)).not.toContain('Hunter2');
    expect(groups[2]!.nearest).toEqual({ id: expect.any(String), question: expect.any(String) });
    expect(formatUnanswered(groups, { from: D1, to: D1 })).toContain('    3  bake bread sourdough');
  });

  it('the text kept is cut short at a space, redacted', () => {
    const text = unansweredText(`my password is Hunter2-secret! ${'word '.repeat(200)}`);
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text).toMatch(/^my password is \[redacted\] word/);
    expect(text.endsWith('word…')).toBe(true);
  });
});

describe("deleting a conversation's transcript deletes its events' text", () => {
  const message = (conversation: string, at: string) =>
    ({
      type: 'message',
      text: 'how do I bake sourdough bread',
      channelId: 'webchat',
      conversation: { id: conversation },
      from: { id: 'u', role: 'user' },
      recipient: { id: 'bot' },
      timestamp: new Date(at),
    }) as unknown as Activity;

  async function seeded() {
    const stores = openMemoryStores();
    const sink = storeSink(stores.insights!, sharedAnswerer().reader, () => undefined);
    for (const id of ['keep', 'gone']) {
      await stores.transcripts.logActivities([message(id, '2020-01-01T00:00:00Z')]);
      sink.track(
        ev('2020-01-01', id, {
          name: 'answer.given',
          kind: 'none',
          text: `how do I bake sourdough bread${id === 'keep' ? '?' : '!'}`,
        }),
      );
    }
    await stores.insights!.record(ev('2020-01-01', 'keep', { name: 'message.received' }));
    return stores;
  }
  const examples = (stores: Awaited<ReturnType<typeof seeded>>) =>
    (stores.insights!.report({ from: '2020-01-01', to: '2020-01-01' }) as { unanswered: { examples: string[] }[] })
      .unanswered[0]?.examples ?? [];

  it('npm run transcript -- --delete: its unanswered text goes, the counts stay', async () => {
    const stores = await seeded();
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    const code = await runTranscriptCommand({ kind: 'delete', channelId: 'webchat', conversationId: 'gone' }, stores);
    expect(code).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toContain('and 1 unanswered question(s) kept for insights');
    log.mockRestore();
    expect(examples(stores)).toEqual(['how do I bake sourdough bread?']);
    const report = await stores.insights!.report({ from: '2020-01-01', to: '2020-01-01' });
    expect(report.unanswered[0]!.count).toBe(2);
    await stores.close();
  });

  it('retention (--delete-older-than) deletes the text of every conversation it deletes', async () => {
    const stores = await seeded();
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    await runTranscriptCommand({ kind: 'deleteOlderThan', days: 30, channels: ['webchat'] }, stores);
    log.mockRestore();
    expect(examples(stores)).toEqual([]);
    await stores.close();
  });

  it('forgetConversation finds the conversation by the same hash the events carry', async () => {
    const store = memoryStore();
    await store.record(ev(D1, 'c-9', { name: 'answer.given', kind: 'none', text: 'bread' }), {
      key: 'bread',
      nearest: null,
    });
    expect(await store.forgetConversation('webchat', 'c-1')).toBe(0);
    expect(await store.forgetConversation('webchat', 'c-9')).toBe(1);
  });
});

describe('events are validated before they are kept', () => {
  const base = { at: '2026-02-01T10:00:00.000Z', channel: 'webchat', conversation: 'abc' };
  it.each([
    ['an unknown name', { ...base, name: 'message.sent' }],
    ['an answer kind not in the list', { ...base, name: 'answer.given', kind: 'maybe' }],
    ['a step of 0', { ...base, name: 'walkthrough.step', step: 0 }],
    ['a rating of 6', { ...base, name: 'agent.rating', rating: 6 }],
    ['a field no event has', { ...base, name: 'message.received', text: 'hello' }],
    ['text past the bound', { ...base, name: 'answer.given', kind: 'none', text: 'x'.repeat(301) }],
    ['no channel', { at: base.at, conversation: 'abc', name: 'message.received' }],
  ])('refuses %s', (_name, value) => {
    expect(parseInsightEvent(value)).toEqual({ problems: expect.arrayContaining([expect.any(String)]) });
  });

  it('the telemetry client drops text on any event but an unanswered question, and reads numbers sent as strings', () => {
    const sink = new ArraySink();
    const refused: string[] = [];
    const client = new InsightsTelemetryClient(
      sink,
      (name) => refused.push(name),
      () => new Date(base.at),
    );
    const properties = { channel: 'webchat', conversationId: 'abc' };
    client.trackEvent({
      name: 'answer.given',
      properties: { ...properties, kind: 'answer', text: 'what port for smtp' },
    });
    client.trackEvent({ name: 'walkthrough.step', properties: { ...properties, step: '3' } });
    client.trackEvent({ name: 'handover.accepted', properties, metrics: { timeToAcceptMs: 1500 } });
    expect(refused).toEqual(['answer.given']);
    expect(sink.events).toEqual([
      { ...base, name: 'walkthrough.step', step: 3 },
      { ...base, name: 'handover.accepted', timeToAcceptMs: 1500 },
    ]);
  });
});

describe('filters, percentiles and the CLI arguments', () => {
  it.each([
    [[], 0.5, null],
    [[7], 0.9, 7],
    [[1, 2, 3, 4], 0.5, 2],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9, 9],
  ])('percentile(%j, %d) is %j', (values, p, expected) => expect(percentile(values, p)).toBe(expected));

  const today = new Date('2026-03-31T12:00:00Z');
  it.each([
    [['unanswered'], { filter: { from: '2026-03-02', to: '2026-03-31' } }],
    [['unanswered', '--from', D1, '--to', D3], { filter: { from: D1, to: D3 } }],
    [['unanswered', '--channel', 'webchat'], { filter: { from: '2026-03-02', to: '2026-03-31', channel: 'webchat' } }],
    [
      ['unanswered', '--from', D1, '--to', D1, '--channel', 'msteams'],
      { filter: { from: D1, to: D1, channel: 'msteams' } },
    ],
    [['unanswered', '--from', D3, '--to', D1], { problem: expect.stringContaining('must not be after') }],
    [['unanswered', '--from', '2026-02-30', '--to', D3], { problem: expect.stringContaining('YYYY-MM-DD') }],
    [['unanswered', '--from', '2024-01-01', '--to', D3], { problem: expect.stringContaining('366 days') }],
    [['unanswered', '--channel', 'a b'], { problem: expect.stringContaining('channel') }],
    [['unanswered', '--from', D1, '--from', D2], { problem: expect.stringContaining('more than once') }],
    [['unanswered', '--from'], { problem: expect.stringContaining('usage') }],
    [['answered'], { problem: expect.stringContaining('usage') }],
  ])('npm run insights -- %j', (args, expected) => expect(parseInsightsArgs(args, today)).toEqual(expected));
});

describe('the SQLite file', () => {
  it('keeps the events in bot.sqlite beside the transcripts, across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'insights-'));
    try {
      const first = openSqliteStores(dir);
      await first.insights!.record(ev(D1, 'a', { name: 'message.received' }));
      await first.close();
      const again = openSqliteStores(dir);
      const report = await again.insights!.report({ from: D1, to: D1 });
      expect(report.conversationsPerDay).toEqual([{ day: D1, channel: 'webchat', count: 1 }]);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
