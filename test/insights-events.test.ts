/** Insights events through the real bot (TestAdapter) and the real handover runtime: one per step, no customer words but the unanswered. */
import { ArraySink, conversationKey, type InsightEvent } from '../insights/events';
import { InsightsTelemetryClient } from '../bots/telemetry';
import type { Agent } from '../handover/state';
import { advance, harness, type Harness } from './helpers/handover-runtime';
import { newAdapter, say } from './helpers/talk';

const PASSWORD = 'Hunter2-secret!';

/** A bot whose events land in a list; invalid ones are collected too (there must be none). */
function recordingBot() {
  const sink = new ArraySink();
  const invalid: string[][] = [];
  const client = new InsightsTelemetryClient(sink, (_name, problems) => invalid.push(problems));
  return { adapter: newAdapter(client), sink, invalid };
}

async function eventsOf(messages: string[]): Promise<InsightEvent[]> {
  const { adapter, sink, invalid } = recordingBot();
  for (const m of messages) await say(adapter, m);
  expect(invalid).toEqual([]);
  return sink.events;
}

/** An event as the table names it: its name, then the fields a row checks. */
type Expected = [string, Record<string, unknown>?];

const STEPS: [string, string[], Expected[]][] = [
  [
    'a settings question answered',
    ['what port for smtp'],
    [['message.received'], ['answer.given', { kind: 'answer', about: 'settings:smtp:port' }]],
  ],
  [
    'a question the bot cannot answer, with its text',
    ['how do I bake sourdough bread'],
    [
      ['message.received'],
      ['answer.given', { kind: 'none', reason: 'no-match', text: 'how do I bake sourdough bread' }],
    ],
  ],
  [
    'an error explained',
    ['error 535 when sending'],
    [
      ['message.received'],
      ['answer.given', { kind: 'answer', about: 'entry:error-535' }],
      ['error.explained', { code: '535' }],
    ],
  ],
  [
    'the walkthrough started, a step, then cancelled at it',
    ['switch pop to imap', 'Outlook', 'cancel'],
    [
      ['message.received'],
      ['answer.given', { kind: 'answer', about: 'entry:pop-to-imap' }],
      ['walkthrough.step', { step: 1 }],
      ['message.received'],
      ['walkthrough.step', { step: 2 }],
      ['message.received'],
      ['walkthrough.abandoned', { step: 2 }],
    ],
  ],
  [
    'feedback on an answer',
    ['what port for smtp', 'Yes, that helped'],
    [
      ['message.received'],
      ['answer.given', { kind: 'answer' }],
      ['message.received'],
      ['feedback', { about: 'settings:smtp:port', helpful: 'yes' }],
    ],
  ],
];

describe('insights events through the bot', () => {
  it.each(STEPS)('%s', async (_name, messages, expected) => {
    const events = await eventsOf(messages);
    expect(events.map((e) => e.name)).toEqual(expected.map(([name]) => name));
    expected.forEach(([name, fields], i) => expect(events[i]).toMatchObject({ name, ...fields }));
    for (const e of events)
      expect(e).toMatchObject({ channel: 'test', conversation: conversationKey('test', 'Convo1') });
  });

  it('a walkthrough to the end: every step once, then finished', async () => {
    const { adapter, sink } = recordingBot();
    await say(adapter, 'switch pop to imap');
    await say(adapter, 'Outlook');
    for (let i = 0; i < 20 && !sink.events.some((e) => e.name === 'walkthrough.finished'); i++)
      await say(adapter, 'next');
    const steps = sink.events.filter((e) => e.name === 'walkthrough.step').map((e) => (e as { step: number }).step);
    expect(steps).toEqual(steps.map((_, i) => i + 1));
    expect(steps.length).toBeGreaterThan(2);
    expect(sink.events.filter((e) => e.name === 'walkthrough.finished')).toHaveLength(1);
    expect(sink.events.some((e) => e.name === 'walkthrough.abandoned')).toBe(false);
  });

  it('a question asked mid-walkthrough is an answer, and the step shown again is not reached again', async () => {
    const events = await eventsOf(['switch pop to imap', 'Outlook', 'what port for smtp']);
    expect(events.filter((e) => e.name === 'walkthrough.step')).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ name: 'answer.given', kind: 'answer', about: 'settings:smtp:port' });
  });

  it.each([
    ['typed with an unanswered question', [`my password is ${PASSWORD} how do I bake bread`]],
    ['typed with an answered question', [`my password is ${PASSWORD} what port for smtp`]],
    ['typed alone after a question', ['what port for smtp', `password: ${PASSWORD}`]],
    ['typed in the walkthrough', ['switch pop to imap', `my password is ${PASSWORD}`]],
  ])('no event carries a password %s', async (_name, messages) => {
    const events = await eventsOf(messages);
    expect(events.length).toBeGreaterThan(0);
    expect(JSON.stringify(events)).not.toContain('Hunter2');
  });

  it.each([['what port for smtp'], ['error 535 when sending'], ['switch pop to imap'], ['IMAP on my iPad??']])(
    "an answered question's text is in no event: %s",
    async (question) => {
      const events = await eventsOf([question]);
      expect(events.some((e) => 'text' in e)).toBe(false);
      expect(JSON.stringify(events).toLowerCase()).not.toContain(question.toLowerCase());
    },
  );

  it("an unanswered question's text is redacted and cut short", async () => {
    const long = `how do I bake sourdough bread with rye flour ${PASSWORD} ${'and then some more words '.repeat(30)}`;
    const [, answer] = await eventsOf([long]);
    expect(answer).toMatchObject({ name: 'answer.given', kind: 'none' });
    const text = (answer as { text: string }).text;
    expect(text).toContain('[redacted]');
    expect(text.length).toBeLessThanOrEqual(300);
    expect(text.endsWith('…')).toBe(true);
  });
});

const JANE: Agent = { id: 'aad-jane', name: 'Jane Smith' };

function recordingHarness(): { h: Harness; sink: ArraySink } {
  const sink = new ArraySink();
  const h = harness({ telemetry: new InsightsTelemetryClient(sink, (name) => fail(`invalid event ${name}`)) });
  return { h, sink };
}

const handoverNames = (sink: ArraySink) =>
  sink.events.filter((e) => e.name.startsWith('handover.') || e.name === 'agent.rating').map((e) => e.name);

describe('insights events of a live handover', () => {
  it('offered, requested, accepted with the time it took, ended, and the agent rated', async () => {
    const { h, sink } = recordingHarness();
    await h.say('talk to a person');
    advance(h.clock, 0.5);
    await h.say('Connect me');
    const thread = (await h.runtime.threadOwner('19:support@thread.tacv2;messageid=1'))!;
    advance(h.clock, 2);
    await h.runtime.agentAction(thread, JANE, { type: 'accept' });
    await h.runtime.agentAction(thread, JANE, { type: 'end' });
    await h.say('4');
    expect(handoverNames(sink)).toEqual([
      'handover.offered',
      'handover.requested',
      'handover.accepted',
      'handover.ended',
      'agent.rating',
    ]);
    expect(sink.events.find((e) => e.name === 'handover.accepted')).toMatchObject({ timeToAcceptMs: 120_000 });
    expect(sink.events.find((e) => e.name === 'agent.rating')).toMatchObject({ rating: 4 });
    for (const e of sink.events) expect(e.conversation).toBe(conversationKey('test', 'Convo1'));
  });

  it('waiting, then the customer stops waiting: abandoned, never ended', async () => {
    const { h, sink } = recordingHarness();
    await h.say('talk to a person');
    advance(h.clock, 0.5);
    await h.say('Connect me');
    await h.say('Stop waiting');
    expect(handoverNames(sink)).toEqual(['handover.offered', 'handover.requested', 'handover.abandoned']);
  });

  it('an offer declined is only offered', async () => {
    const { h, sink } = recordingHarness();
    await h.say('talk to a person');
    await h.say('Keep trying here');
    expect(handoverNames(sink)).toEqual(['handover.offered']);
  });
});
