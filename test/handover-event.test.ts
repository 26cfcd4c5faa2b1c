/**
 * HANDOFF_TARGET=event over HTTP: a contact-centre hub on a Direct Line channel gets the standard
 * `handoff.initiate` event (with the earlier conversation and the context) and answers with
 * `handoff.status`; the bot tells the customer, and ignores a status it does not understand.
 */
import { EventFactory, HandoffEventNames, type Activity } from 'botbuilder';
import type { TeamsCall } from '../bench/teams-stand-in';
import { parseConfig } from '../config';
import { HANDOVER_BUTTONS, HANDOVER_TEXT } from '../handover/messages';
import { PASSWORD, startWorld, type World } from './helpers/handover-world';

jest.setTimeout(30_000);

const SUPPORT_CONTACT = parseConfig({}).supportContact;
let world: World;
let serial = 0;

beforeAll(async () => {
  world = await startWorld({ HANDOFF_TARGET: 'event', HANDOFF_EVENT_CHANNELS: 'directline' });
});

afterAll(async () => {
  await world?.close();
});

/** A conversation the hub carries on channel 'directline', replies going to the stand-in. */
function hubActivity(conversationId: string, fields: Partial<Activity>): Record<string, unknown> {
  return {
    id: `hub-${++serial}`,
    channelId: 'directline',
    serviceUrl: world.teams.serviceUrl,
    timestamp: new Date().toISOString(),
    conversation: { id: conversationId },
    from: { id: `hub-user-${conversationId}`, name: 'Pat', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    ...fields,
  };
}

const sentTo = (conversationId: string) => world.teams.calls.filter((c) => c.conversationId === conversationId);
const textsTo = (conversationId: string) =>
  sentTo(conversationId)
    .filter((c) => c.activity.type === 'message')
    .map((c) => String(c.activity.text ?? ''));

/** The customer says `text` through the hub; resolves with what the bot sent back in that turn. */
async function says(conversationId: string, text: string): Promise<TeamsCall[]> {
  const before = sentTo(conversationId).length;
  const answer = await world.send(hubActivity(conversationId, { type: 'message', text }));
  expect(answer.status).toBe(200);
  return sentTo(conversationId).slice(before);
}

/** The hub reports `value` as a handoff.status event; resolves with what the bot sent back. */
async function status(conversationId: string, value: unknown): Promise<{ status: number; sent: TeamsCall[] }> {
  const before = sentTo(conversationId).length;
  const event = EventFactory.createHandoffStatus({ id: conversationId } as never, 'accepted');
  const answer = await world.send(hubActivity(conversationId, { ...event, value, id: `hub-${++serial}` }));
  return { status: answer.status, sent: sentTo(conversationId).slice(before) };
}

/** Asks for a person and confirms; resolves with the handoff.initiate event the hub got. */
async function handOver(conversationId: string): Promise<Record<string, unknown>> {
  await says(conversationId, 'what port for SMTP');
  await says(conversationId, `my password is ${PASSWORD}`);
  expect(textsTo(conversationId)).not.toContain(HANDOVER_TEXT.offer('asked'));
  await says(conversationId, 'I want to speak to an agent');
  expect(textsTo(conversationId).at(-1)).toBe(HANDOVER_TEXT.offer('asked'));
  const sent = await says(conversationId, HANDOVER_BUTTONS.connect.value);
  expect(sent.map((c) => c.activity.text).filter(Boolean)).toEqual([HANDOVER_TEXT.waitingForHub]);
  const events = sent.filter((c) => c.activity.type === 'event');
  expect(events.map((c) => c.activity.name)).toEqual([HandoffEventNames.InitiateHandoff]);
  return events[0]!.activity;
}

describe('HANDOFF_TARGET=event: a hub on Direct Line', () => {
  it('gets handoff.initiate with the earlier conversation (redacted, this turn included) and the context', async () => {
    const id = 'hub-conv-initiate';
    const event = await handOver(id);
    const [transcript] = event.attachments as { name: string; content: { activities: Partial<Activity>[] } }[];
    expect(transcript?.name).toBe('Transcript');
    const said = transcript!.content.activities.map((a) => a.text);
    expect(said).toEqual(
      expect.arrayContaining(['what port for SMTP', 'my password is [redacted]', HANDOVER_BUTTONS.connect.value]),
    );
    expect(said.some((t) => /465/.test(t ?? ''))).toBe(true);
    expect(event.value).toMatchObject({ reason: 'asked', channel: 'directline', conversationId: id });
    expect(JSON.stringify(event.value)).toMatch(/SMTP/i);
    expect(JSON.stringify(event)).not.toContain(PASSWORD);
  });

  it('tells the customer on accepted, stays silent while the hub has them, and asks for a rating on completed', async () => {
    const id = 'hub-conv-accepted';
    await handOver(id);
    expect((await status(id, { state: 'accepted' })).sent.map((c) => c.activity.text)).toEqual([
      HANDOVER_TEXT.connectedToHub,
    ]);
    expect(await says(id, 'what port for IMAP')).toEqual([]);
    const completed = await status(id, { state: 'completed' });
    expect(completed.sent.map((c) => c.activity.text)).toEqual([HANDOVER_TEXT.back, HANDOVER_TEXT.rateHub]);
    expect((await says(id, '4')).map((c) => c.activity.text)).toEqual([HANDOVER_TEXT.ratingThanks]);
    expect((await says(id, 'what port for IMAP')).map((c) => String(c.activity.text)).join('\n')).toMatch(/993/);
  });

  it('tells the customer how else to get help on failed', async () => {
    const id = 'hub-conv-failed';
    await handOver(id);
    const failed = await status(id, { state: 'failed', message: 'no agents' });
    expect(failed.sent.map((c) => c.activity.text)).toEqual([HANDOVER_TEXT.unreachable(SUPPORT_CONTACT)]);
  });

  it.each<[string, unknown]>([
    ['no value', undefined],
    ['a string', 'accepted'],
    ['an unknown state', { state: 'transferred' }],
    ['a number for a state', { state: 42 }],
    ['an array', [{ state: 'accepted' }]],
    ['a huge message', { state: 'nonsense', message: 'x'.repeat(100_000) }],
  ])('ignores a status it does not understand (%s): 200, nothing said, still waiting', async (_name, value) => {
    const id = `hub-conv-junk-${++serial}`;
    await handOver(id);
    const junk = await status(id, value);
    expect(junk.status).toBe(200);
    expect(junk.sent).toEqual([]);
    expect((await status(id, { state: 'accepted' })).sent.map((c) => c.activity.text)).toEqual([
      HANDOVER_TEXT.connectedToHub,
    ]);
  });

  it('ignores a status for a conversation that asked for no one: 200, nothing said', async () => {
    const id = 'hub-conv-never-asked';
    await says(id, 'what port for SMTP');
    const stray = await status(id, { state: 'accepted' });
    expect(stray).toEqual({ status: 200, sent: [] });
  });

  it('never sends the event to the built-in web chat: its customer is offered the support channel instead', async () => {
    const customer = await world.webCustomer();
    await customer.say('can I talk to a person please');
    await customer.hears(HANDOVER_TEXT.offer('asked'));
    await customer.say(HANDOVER_BUTTONS.connect.value);
    await customer.hears(/^OK, I'm finding someone for you\./);
    expect(customer.client.received.filter((a) => a.type === 'event')).toEqual([]);
  });
});
