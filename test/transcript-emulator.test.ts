/**
 * The Bot Framework Emulator's `.transcript` file: what the Emulator (v4.15) does when it opens one,
 * checked against our export. Its reader, in microsoft/BotFramework-Emulator:
 * - packages/app/main/src/commands/emulatorCommands.ts `extractActivitiesFromDisk`: JSON.parse of the file;
 * - packages/app/main/src/server/state/conversation.ts `prepTranscriptActivities`: reads `conversation`,
 *   `recipient.role` and `recipient.id` to find the bot and the user, then `from.id` and `recipient.id` of
 *   every activity (no guard: a missing `from` or `recipient` throws and the file does not open);
 * - .../routes/emulator/handlers/feedActivitiesAsTranscript.ts: `activity.recipient.role` of each, for its log;
 * - Web Chat then draws each one: by `type`, on the user's side when `from.role` is 'user', ordered by `timestamp`.
 */
import type { TranscriptActivity } from '../transcripts/format';
import { toEmulatorTranscript } from '../transcripts/emulator';

type Json = Record<string, unknown>;
const WHERE = { channelId: 'directline', conversationId: 'conv-1' };
const at = (s: number) => new Date(Date.UTC(2025, 0, 31, 10, 0, s));
const customer = { id: 'u-1', name: 'Customer', role: 'user' };
const bot = { id: 'bot-1', name: 'BT Email help', role: 'bot' };
const stored = (extra: Partial<TranscriptActivity> & Json): TranscriptActivity & Json => ({
  type: 'message',
  channelId: 'directline',
  conversation: { id: 'conv-1' },
  ...extra,
});

/** What the Emulator does with a .transcript file's text, step by step; throws where the Emulator would. */
function openInEmulator(fileText: string): Json[] {
  const activities = JSON.parse(fileText) as Json[];
  if (!Array.isArray(activities)) throw new Error('not an array of activities');
  const account = (a: Json, key: string) => a[key] as { id: string; role?: string };
  let botId: string | undefined;
  let userId: string | undefined;
  for (const activity of activities) {
    if (activity.conversation) (activity.conversation as Json).id = 'emulator-conversation';
    const { type } = activity;
    if (activity.recipient && ['event', 'message', 'messageReaction', 'typing'].includes(type as string)) {
      if (!botId && account(activity, 'recipient').role === 'bot') botId = account(activity, 'recipient').id;
      if (!userId && account(activity, 'recipient').role === 'user') userId = account(activity, 'recipient').id;
    }
  }
  for (const activity of activities) {
    void account(activity, 'recipient').id.length;
    void account(activity, 'from').id.length;
    void account(activity, 'recipient').role;
  }
  return activities;
}

/** The fields every activity of a transcript carries, with their types. */
function shapeProblems(activity: Json): string[] {
  const problems: string[] = [];
  const string = (value: unknown) => typeof value === 'string' && value.length > 0;
  for (const key of ['id', 'type', 'channelId', 'timestamp'])
    if (!string(activity[key])) problems.push(`${key} is not a non-empty string`);
  const time = Date.parse(String(activity.timestamp));
  if (Number.isNaN(time) || new Date(time).toISOString() !== activity.timestamp)
    problems.push('timestamp is not ISO 8601 UTC');
  if (!string((activity.conversation as Json | undefined)?.id)) problems.push('conversation.id missing');
  for (const key of ['from', 'recipient']) {
    const who = activity[key] as Json | undefined;
    if (!string(who?.id)) problems.push(`${key}.id missing`);
    if (who?.role !== 'user' && who?.role !== 'bot') problems.push(`${key}.role is ${String(who?.role)}`);
  }
  return problems;
}

const CONVERSATION: (TranscriptActivity & Json)[] = [
  stored({
    type: 'conversationUpdate',
    id: 'a-0',
    timestamp: at(0),
    from: customer,
    recipient: bot,
    membersAdded: [customer],
  }),
  stored({ id: 'a-1', timestamp: at(1), from: customer, recipient: bot, text: 'what port for smtp', locale: 'en-GB' }),
  stored({
    id: 'a-2',
    timestamp: at(2),
    from: bot,
    recipient: customer,
    text: 'Port 465',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } }],
    suggestedActions: { actions: [{ title: 'Next', value: 'Next' }] },
    entities: [{ type: 'https://schema.org/Message' }],
    replyToId: 'a-1',
  }),
  stored({
    id: 'a-3',
    timestamp: at(3).toISOString(),
    from: { id: 'bot-1', name: 'Sam', role: 'agent' },
    recipient: customer,
    text: 'Sam here',
    channelData: { handover: { role: 'agent', name: 'Sam' } },
  }),
  stored({ type: 'messageUpdate', id: 'a-2', timestamp: at(4), from: bot, recipient: customer, text: 'Port 587' }),
  stored({ type: 'messageDelete', timestamp: at(5), from: { id: 'bot-1' } }),
  stored({ type: 'event', name: 'webchat/join', timestamp: at(6), from: { id: 'u-1' }, recipient: {} }),
  stored({ id: 'a-7', from: customer, recipient: bot, text: 'no time recorded' }),
];

describe('toEmulatorTranscript', () => {
  const exported = toEmulatorTranscript(CONVERSATION, WHERE) as unknown as Json[];
  const file = JSON.stringify(exported, null, 2);

  it('makes a file the Emulator opens: a JSON array of every activity, in order', () => {
    const opened = openInEmulator(file);
    expect(opened.map((a) => a.type)).toEqual(CONVERSATION.map((a) => a.type));
  });

  it.each(CONVERSATION.map((activity, i) => [i, activity.type] as const))(
    'gives activity %i (%s) every field the Emulator and Web Chat read, of the right type',
    (i) => {
      expect(shapeProblems(exported[i]!)).toEqual([]);
    },
  );

  it('fails the Emulator model on a record without its addressing, so the checks above can fail', () => {
    expect(() => openInEmulator(JSON.stringify([{ type: 'message', from: { id: 'u' } }]))).toThrow();
    expect(shapeProblems({ type: 'message', timestamp: 'yesterday' })).toHaveLength(8);
  });

  it('gives every activity its own id, keeping the stored ones', () => {
    const ids = exported.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 4)).toEqual(['a-0', 'a-1', 'a-2', 'a-3']);
    expect(ids[4]).not.toBe('a-2');
  });

  it.each<[string, number, string, string, string, string]>([
    ['the customer', 1, 'u-1', 'user', 'bot-1', 'bot'],
    ['the bot', 2, 'bot-1', 'bot', 'u-1', 'user'],
    ["an agent (on the bot's side, as the bot relays it)", 3, 'bot-1', 'bot', 'u-1', 'user'],
    ['a deletion with no recipient on record', 5, 'bot-1', 'bot', 'u-1', 'user'],
    ['an event with an empty recipient', 6, 'u-1', 'user', 'bot-1', 'bot'],
  ])('addresses %s: from and recipient with ids and roles', (_name, i, fromId, fromRole, toId, toRole) => {
    expect(exported[i]).toMatchObject({ from: { id: fromId, role: fromRole }, recipient: { id: toId, role: toRole } });
  });

  it('writes timestamps as ISO strings; one missing takes the one before, so the order holds', () => {
    expect(exported.map((a) => a.timestamp)).toEqual([
      ...[0, 1, 2, 3, 4, 5, 6].map((s) => at(s).toISOString()),
      at(6).toISOString(),
    ]);
  });

  it('keeps what was stored: text, cards, buttons, entities, locale, reply ids and the handover marker', () => {
    expect(exported[1]).toMatchObject({ text: 'what port for smtp', locale: 'en-GB', channelId: 'directline' });
    expect(exported[2]).toMatchObject({
      attachments: CONVERSATION[2]!.attachments,
      suggestedActions: CONVERSATION[2]!.suggestedActions,
      entities: CONVERSATION[2]!.entities,
      replyToId: 'a-1',
      conversation: { id: 'conv-1' },
    });
    expect(exported[3]).toMatchObject({
      channelData: { handover: { role: 'agent', name: 'Sam' } },
      from: { name: 'Sam' },
    });
  });

  it('fills the conversation and channel from where the transcript was read when a record lacks them', () => {
    const [only] = toEmulatorTranscript([{ type: 'message', text: 'hi', from: customer }], WHERE);
    expect(only).toMatchObject({ channelId: 'directline', conversation: { id: 'conv-1' } });
    expect(shapeProblems(only as unknown as Json)).toEqual([]);
  });

  it('gives an empty array for an empty transcript', () => {
    expect(toEmulatorTranscript([], WHERE)).toEqual([]);
  });

  it('leaves the stored records as they were', () => {
    const record = stored({ id: 'x', timestamp: at(1), from: { id: 'u-1' } });
    const before = JSON.stringify(record);
    toEmulatorTranscript([record], WHERE);
    expect(JSON.stringify(record)).toBe(before);
  });
});
