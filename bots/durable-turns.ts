/**
 * Adapter middleware that makes turns durable: turns of one conversation run one at a time
 * (here and across instances), and every activity in and out is in the transcript, redacted,
 * before the turn ends, so before the channel gets its HTTP response.
 */
import { randomUUID } from 'node:crypto';
import {
  ActivityEventNames,
  ActivityTypes,
  type Activity,
  type Middleware,
  type TranscriptStore,
  type TurnContext,
} from 'botbuilder';
import { LeaseTimeoutError } from '../storage/errors';
import type { BatchTranscriptStore, Lease, LeaseStore } from '../storage/types';
import { redactSecrets } from '../transcripts/redact';
import {
  REDACTED_INCOMING,
  incomingGivesSecret,
  redactActivity,
  redactGivingSecret,
  rememberingRedactor,
} from '../transcripts/redact-activity';
import { wasHeld } from './botbuilder-patches';
import { isUnaddressedChannelMessage } from './teams';
import { turnIdsOf } from './turn-observer';

/** How long a turn lease lasts if its holder dies without releasing it. */
export const TURN_LEASE_TTL_MS = 15_000;

/** Something to report failures to that must not fail the turn (pino's Logger fits). */
export interface Warner {
  warn(details: object, message: string): void;
}

/** What the durable middleware needs from the stores. */
export interface DurableParts {
  leases: LeaseStore;
  transcripts: TranscriptStore;
  logger?: Warner;
}

/** "channel/conversation", or undefined for an activity without a conversation. */
export function conversationKey(activity: Partial<Activity>): string | undefined {
  const id = activity.conversation?.id;
  return id ? `${activity.channelId ?? ''}/${id}` : undefined;
}

/** Options of `serialiseTurns`. */
export interface SerialiseOptions {
  ttlMs?: number;
  /** How long a turn waits for another instance's turn of the same conversation; default ttl + 1 s. */
  maxWaitMs?: number;
  logger?: Warner;
}

/**
 * One turn per conversation at a time: an in-process queue per conversation, then a lease in the
 * shared store for other instances. (A turn that outlives its lease cannot overwrite newer state:
 * createBot's storage carries the eTags it read.)
 */
export function serialiseTurns(leases: LeaseStore, options: SerialiseOptions = {}): Middleware {
  const ttlMs = options.ttlMs ?? TURN_LEASE_TTL_MS;
  const maxWaitMs = options.maxWaitMs ?? ttlMs + 1000;
  const queue = keyedQueue();
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const key = conversationKey(context.activity);
      if (key === undefined) return next();
      await queue(key, async () => {
        const lease = await waitForLease(leases, `turn/${key}`, ttlMs, maxWaitMs);
        try {
          await next();
        } finally {
          await lease
            .release()
            .catch((err: unknown) =>
              options.logger?.warn({ err, ...turnIdsOf(context) }, 'could not release a turn lease'),
            );
        }
      });
    },
  };
}

/** Runs functions with the same key one after another, in the order they were queued. */
export function keyedQueue(): <T>(key: string, fn: () => Promise<T>) => Promise<T> {
  const tails = new Map<string, Promise<unknown>>();
  return async (key, fn) => {
    const previous = tails.get(key) ?? Promise.resolve();
    const mine = previous.then(fn, fn);
    const tail = mine.catch(() => undefined);
    tails.set(key, tail);
    try {
      return await mine;
    } finally {
      if (tails.get(key) === tail) tails.delete(key);
    }
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForLease(leases: LeaseStore, key: string, ttlMs: number, maxWaitMs: number): Promise<Lease> {
  const started = Date.now();
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    const lease = await leases.tryAcquire(key, ttlMs);
    if (lease) return lease;
    if (Date.now() - started > maxWaitMs) throw new LeaseTimeoutError(key, Date.now() - started);
    await sleep(delay + Math.random() * delay);
  }
}

/** Strictly increasing ms timestamps per conversation, so the transcript's order never depends on a tie. */
export function monotonicClock(now: () => number = Date.now, capacity = 10_000): (key: string) => number {
  const last = new Map<string, number>();
  return (key) => {
    const stamp = Math.max(now(), (last.get(key) ?? 0) + 1);
    last.delete(key);
    last.set(key, stamp);
    if (last.size > capacity) last.delete(last.keys().next().value as string);
    return stamp;
  };
}

/** A transcript write failed: the turn is reported as failed rather than the record silently lost. */
export class TranscriptWriteError extends Error {
  override name = 'TranscriptWriteError';
  constructor(override readonly cause: unknown) {
    super(`Could not record the turn in the transcript store: ${cause instanceof Error ? cause.message : cause}`);
  }
}

/**
 * Records the incoming activity and every activity sent, redacted. Unlike botbuilder's
 * TranscriptLoggerMiddleware, which flushes after the turn without waiting, the turn ends only
 * once the whole turn is written (in one batch where the store allows), so what the channel was
 * told is handled is on record.
 */
export function recordTranscript(store: TranscriptStore, clock = monotonicClock()): Middleware {
  const write = batchWriter(store);
  const redactors = {
    user: (a: Partial<Activity>) => redactRecord(a, redactSecrets),
    bot: botRedactor(),
    redacted: (a: Partial<Activity>) => a,
  };
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const key = conversationKey(context.activity) ?? '';
      const held: Activity[] = [];
      let ended = false;
      // During the turn activities are held and written together at its end; after it (the error apology) at once.
      const log = async (activity: Partial<Activity>, from: keyof typeof redactors) => {
        const record = { ...redactors[from](activity), timestamp: new Date(clock(key)) } as Activity;
        if (ended) await write([record]);
        else held.push(record);
      };
      // Why: a channel that redacted the activity already (the built-in Direct Line) hands its copy over.
      const redacted = context.turnState.get(REDACTED_INCOMING) as Partial<Activity> | undefined;
      const incomingLogged = worthRecording(context.activity);
      if (incomingLogged) await log(redacted ?? withRole(context.activity, 'user'), redacted ? 'redacted' : 'user');
      watchOutgoing(context, (activity) => log(withRole(activity, 'bot'), 'bot'));
      let turnFailed: { error: unknown } | undefined;
      try {
        await next();
      } catch (error) {
        turnFailed = { error };
      }
      ended = true;
      // Why at the end: only the turn's reading of the message can say it gives a secret ("its Penguin2024").
      if (incomingLogged && held[0] && incomingGivesSecret(context.turnState))
        held[0] = withoutGivenSecret(held[0], context.activity);
      // Why: Teams delivers every channel message (the app's resource-specific consent); one the bot
      // neither was addressed by nor answered is people talking among themselves, and is not kept.
      if (held.length === 1 && isUnaddressedChannelMessage(context.activity)) held.length = 0;
      await write(held);
      if (turnFailed) throw turnFailed.error;
    },
  };
}

/** One call per turn when the store can take a batch; a failure is a TranscriptWriteError. */
function batchWriter(store: TranscriptStore): (records: Activity[]) => Promise<void> {
  const batch = store as Partial<BatchTranscriptStore>;
  return async (records) => {
    if (records.length === 0) return;
    try {
      if (batch.logActivities) await batch.logActivities(records);
      else for (const record of records) await store.logActivity(record);
    } catch (err) {
      throw new TranscriptWriteError(err);
    }
  };
}

/** The bot's activities, with its strings' redactions remembered (see rememberingRedactor). */
function botRedactor(): (activity: Partial<Activity>) => Partial<Activity> {
  const cached = rememberingRedactor();
  return (activity) => redactRecord(activity, cached);
}

function watchOutgoing(context: TurnContext, log: (activity: Partial<Activity>) => Promise<void>): void {
  context.onSendActivities(async (_ctx, activities, send) => {
    const responses = await send();
    await Promise.all(
      activities.map((a, i) =>
        worthRecording(a) && !wasHeld(context, a) ? log({ ...a, id: responses?.[i]?.id || a.id }) : undefined,
      ),
    );
    return responses;
  });
  context.onUpdateActivity(async (_ctx, activity, update) => {
    await update();
    await log({ ...activity, type: ActivityTypes.MessageUpdate });
  });
  context.onDeleteActivity(async (_ctx, reference, remove) => {
    await remove();
    await log({
      type: ActivityTypes.MessageDelete,
      id: reference.activityId,
      channelId: reference.channelId,
      conversation: reference.conversation,
      from: reference.bot,
    });
  });
}

/** Typing indicators and traces (dialog state snapshots) are noise, and proactive continues are not turns. */
function worthRecording(activity: Partial<Activity>): boolean {
  if (activity.type === ActivityTypes.Typing || activity.type === ActivityTypes.Trace) return false;
  return !(activity.type === ActivityTypes.Event && activity.name === ActivityEventNames.ContinueConversation);
}

/** Channels do not always set the sender's role (nor the bot's, which replies copy); a transcript needs it to say who spoke. */
function withRole(activity: Partial<Activity>, role: 'user' | 'bot'): Partial<Activity> {
  const from = activity.from ?? { id: '', name: '' };
  return from.role ? activity : { ...activity, from: { ...from, role } };
}

/** The incoming record made again from the activity, without the secret the turn found it gives; its id and time kept. */
function withoutGivenSecret(record: Activity, incoming: Partial<Activity>): Activity {
  return { ...redactGivingSecret(withRole(incoming, 'user')), id: record.id, timestamp: record.timestamp } as Activity;
}

/** A copy with every field that can hold words redacted, and an id for one that has none. */
function redactRecord(activity: Partial<Activity>, redact: (text: string) => string): Partial<Activity> {
  const copy = redactActivity(activity, redact);
  copy.id ||= `unsent-${randomUUID()}`;
  return copy;
}
