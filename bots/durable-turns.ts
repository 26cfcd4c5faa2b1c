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
import { inTurnScope } from '../storage/etag-guard';
import { LeaseTimeoutError } from '../storage/errors';
import type { Lease, LeaseStore } from '../storage/types';
import { redactDeep, redactSecrets } from '../transcripts/redact';

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

/** Turn serialisation, then transcript recording: the transcript's order is the order the turns ran in. */
export function durableMiddleware(parts: DurableParts): Middleware[] {
  return [serialiseTurns(parts.leases, { logger: parts.logger }), recordTranscript(parts.transcripts)];
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
 * shared store for other instances, then an eTag scope so a turn that outlived its lease cannot
 * overwrite newer state.
 */
export function serialiseTurns(leases: LeaseStore, options: SerialiseOptions = {}): Middleware {
  const ttlMs = options.ttlMs ?? TURN_LEASE_TTL_MS;
  const maxWaitMs = options.maxWaitMs ?? ttlMs + 1000;
  const queue = keyedQueue();
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const key = conversationKey(context.activity);
      if (key === undefined) return inTurnScope(next);
      await queue(key, async () => {
        const lease = await waitForLease(leases, `turn/${key}`, ttlMs, maxWaitMs);
        try {
          await inTurnScope(next);
        } finally {
          await lease
            .release()
            .catch((err: unknown) => options.logger?.warn({ err }, 'could not release a turn lease'));
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
 * once every write has finished, so what the channel was told is handled is on record.
 */
export function recordTranscript(store: TranscriptStore, clock = monotonicClock()): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      const key = conversationKey(context.activity) ?? '';
      const writes: Promise<void>[] = [];
      const failures: unknown[] = [];
      let ended = false;
      const log = (activity: Partial<Activity>): Promise<void> => {
        const write = Promise.resolve().then(() => store.logActivity(forTranscript(activity, clock(key))));
        // After the turn (the error apology), the sender waits for the write itself.
        if (ended) return write;
        writes.push(write.catch((err: unknown) => void failures.push(err)));
        return Promise.resolve();
      };
      if (worthRecording(context.activity)) void log(incoming(context.activity));
      watchOutgoing(context, log);
      let failed = false;
      let turnError: unknown;
      try {
        await next();
      } catch (err) {
        [failed, turnError] = [true, err];
      }
      ended = true;
      await Promise.all(writes);
      if (failed) throw turnError;
      if (failures.length > 0) throw new TranscriptWriteError(failures[0]);
    },
  };
}

function watchOutgoing(context: TurnContext, log: (activity: Partial<Activity>) => Promise<void>): void {
  context.onSendActivities(async (_ctx, activities, send) => {
    const responses = await send();
    await Promise.all(
      activities.map((a, i) => (worthRecording(a) ? log({ ...a, id: responses?.[i]?.id || a.id }) : undefined)),
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

/** Channels do not always set the sender's role; a transcript needs it to say who spoke. */
function incoming(activity: Activity): Partial<Activity> {
  return { ...activity, from: { ...activity.from, role: activity.from?.role ?? 'user' } };
}

/** A redacted copy stamped with the time it was recorded. */
function forTranscript(activity: Partial<Activity>, stamp: number): Activity {
  const copy: Partial<Activity> = {
    ...activity,
    id: activity.id || `unsent-${randomUUID()}`,
    timestamp: new Date(stamp),
  };
  if (copy.text !== undefined) copy.text = redactSecrets(copy.text);
  if (copy.speak !== undefined) copy.speak = redactSecrets(copy.speak);
  if (copy.summary !== undefined) copy.summary = redactSecrets(copy.summary);
  for (const field of ['value', 'attachments', 'channelData', 'suggestedActions'] as const)
    if (copy[field] !== undefined) (copy as Record<string, unknown>)[field] = redactDeep(copy[field]);
  return copy as Activity;
}
