/**
 * A transcript as the Bot Framework Emulator's `.transcript` file: a JSON array of activities, each
 * with the fields the Emulator's reader and Web Chat need (see test/transcript-emulator.test.ts for
 * where it reads them). Pure: records in, new objects out; the records are not changed.
 */
import { isoOf, type TranscriptActivity } from './format';

/** The two sides of a conversation as Bot Framework names them (RoleTypes). */
export type EmulatorRole = 'user' | 'bot';

/** A `from` or `recipient` the Emulator can read: always an id and a role. */
export interface EmulatorAccount {
  id: string;
  name?: string;
  role: EmulatorRole;
}

/** One activity of a `.transcript` file: the fields the Emulator needs, then everything stored as it was. */
export interface EmulatorActivity {
  [field: string]: unknown;
  type: string;
  id: string;
  timestamp: string;
  channelId: string;
  conversation: { id: string };
  from: EmulatorAccount;
  recipient: EmulatorAccount;
}

/** Where the transcript was read from: fills a record's channel and conversation when it lacks them. */
export interface TranscriptWhere {
  channelId: string;
  conversationId: string;
}

/**
 * The activities as a `.transcript`. Each gets a unique id (a stored one is kept, an update's repeat is
 * suffixed), an ISO timestamp (a missing one takes the one before, so the order holds), and `from` and
 * `recipient` with ids and the roles 'user' or 'bot'. Why an agent's role becomes 'bot': the agent writes
 * through the bot, on its side of the conversation; `channelData.handover` still says who it was.
 */
export function toEmulatorTranscript(
  activities: readonly TranscriptActivity[],
  where: TranscriptWhere,
): EmulatorActivity[] {
  const ids = knownIds(activities);
  const usedIds = new Set<string>();
  let lastTime = firstTime(activities);
  return activities.map((activity, index) => {
    const iso = isoOf(activity.timestamp);
    lastTime = iso.startsWith('?') ? lastTime : iso;
    const fromRole = roleOf(activity, ids);
    const toRole: EmulatorRole = fromRole === 'user' ? 'bot' : 'user';
    return {
      ...activity,
      type: activity.type || 'message',
      id: uniqueId(activity.id, index, usedIds),
      timestamp: lastTime,
      channelId: activity.channelId || where.channelId,
      conversation: { ...activity.conversation, id: activity.conversation?.id || where.conversationId },
      from: { ...activity.from, id: activity.from?.id || ids[fromRole], role: fromRole },
      recipient: { ...activity.recipient, id: activity.recipient?.id || ids[toRole], role: toRole },
    };
  });
}

/** The bot's and the customer's ids as the records give them, to address a record that lacks one. */
function knownIds(activities: readonly TranscriptActivity[]): Record<EmulatorRole, string> {
  const ids: Partial<Record<EmulatorRole, string>> = {};
  for (const { from, recipient } of activities) {
    for (const account of [from, recipient]) {
      const role = account?.role;
      if ((role === 'user' || role === 'bot') && account?.id) ids[role] ??= account.id;
    }
  }
  return { user: ids.user ?? 'user', bot: ids.bot ?? 'bot' };
}

/** Whose side an activity is from: its role, else whose id it carries, else the other side of its recipient. */
function roleOf(activity: TranscriptActivity, ids: Record<EmulatorRole, string>): EmulatorRole {
  const role = activity.from?.role;
  if (role !== undefined) return role === 'user' ? 'user' : 'bot';
  const id = activity.from?.id;
  if (id !== undefined && (id === ids.bot || id === ids.user)) return id === ids.bot ? 'bot' : 'user';
  return activity.recipient?.role === 'user' ? 'bot' : 'user';
}

/** The stored id when it is a fresh one, else one made from it and the activity's place. */
function uniqueId(stored: string | undefined, index: number, used: Set<string>): string {
  let id = stored || `activity-${index + 1}`;
  for (let n = index + 1; used.has(id); n++) id = `${stored || 'activity'}-${n}`;
  used.add(id);
  return id;
}

/** The first valid time on record, for records before it that have none (the epoch if none has one). */
function firstTime(activities: readonly TranscriptActivity[]): string {
  for (const activity of activities) {
    const iso = isoOf(activity.timestamp);
    if (!iso.startsWith('?')) return iso;
  }
  return new Date(0).toISOString();
}
