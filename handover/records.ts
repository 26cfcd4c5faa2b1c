/**
 * What a handover stores, in the same Storage as dialog state (SQLite, Azure Blob; memory in
 * tests): the handover of each conversation, and beside it the thread index, the queue, recent
 * waits, tickets and agent ratings. Record shapes, keys and a small structural store interface
 * (botbuilder's Storage fits it, without importing botbuilder), plus the one write pattern every
 * change uses: read with its eTag, decide, write on that eTag, and on a conflict read and decide
 * again. That is what makes "accept" atomic: of two agents accepting at once, one write wins and
 * the other decides again on the winner's state ("already accepted by NAME").
 *
 * Why the handover is a record of its own, not a property of the conversation state: agents'
 * turns (in the support channel) and timers change it outside the customer's turn; a small record
 * of its own is read and written conditionally without loading or overwriting the customer's
 * dialog state, whose save would otherwise race with the agent's.
 *
 * Use, from the main dialog (a customer's turn):
 *   const d = await decideAndStore(storage, handoverKey(channelId, conversationId),
 *     customerMessage(text, customer, reference), now, settings);
 *   carry out d.effects; only on `botAnswers` does the dialog answer, then report
 *   { kind: 'bot-turn', outcome } the same way.
 * From the support channel (an agent's turn): readThreadIndex(threadKey(thread id)) gives the
 * customer's conversation and handover id; decide { kind: 'agent', handoverId, agent, action }
 * there, and send the customer's effects through d.address.conversation.
 */
import { createHash } from 'node:crypto';
import { StaleWriteError } from '../storage/errors';
import { decide, type Decision, type HandoverEvent, type HandoverSettings, type TicketDraft } from './machine';
import { readHandover, type Agent, type Handover, type HandoverReason } from './state';

/** The structural part of botbuilder's Storage the handover uses: items are JSON objects, `eTag` makes a write conditional. */
export interface RecordStorage {
  read(keys: string[]): Promise<Record<string, unknown>>;
  /** An item with an `eTag` (other than '*') is written only if the stored one still has it; else StaleWriteError. */
  write(changes: Record<string, Record<string, unknown>>): Promise<void>;
  delete(keys: string[]): Promise<void>;
}

/**
 * A lock for creating a record that does not exist yet (Storage has no create-if-absent write);
 * storage/types.ts LeaseStore fits it, in every backend.
 */
export interface CreateLock {
  tryAcquire(key: string, ttlMs: number): Promise<{ release(): Promise<void> } | undefined>;
}

// ---- Keys ----

/** The longest encoded segment kept as it is; a longer id is hashed (Blob names are at most 1024 characters). */
const MAX_SEGMENT = 128;

/**
 * An id as one key segment, the same in every backend: letters, digits, '-' and '_' as they are,
 * every other UTF-8 byte as %XX (so ':', ';', '@', '/', '.' of Teams ids never split or end a
 * Blob name), an empty id as '%', and an id longer than MAX_SEGMENT encoded as '#' and its
 * SHA-256. Why: BlobsStorage cuts keys at 1024 characters after encoding them and drops empty
 * path segments, so long ids sharing a prefix would share a record. Distinct ids always give
 * distinct segments ('#' and a lone '%' never appear in an encoded id).
 */
export function keySegment(id: string): string {
  if (id === '') return '%';
  const encoded = encodeURIComponent(id).replace(/[.!~*'()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return encoded.length <= MAX_SEGMENT ? encoded : `#${createHash('sha256').update(id, 'utf8').digest('hex')}`;
}

/** The handover of one conversation. */
export function handoverKey(channelId: string, conversationId: string): string {
  return `handover/${keySegment(channelId)}/${keySegment(conversationId)}`;
}

/** The thread of a handover in the support channel → the customer's conversation. */
export function threadKey(threadConversationId: string): string {
  return `handover-thread/${keySegment(threadConversationId)}`;
}

/** The queue of waiting handovers, one record for every instance. */
export const QUEUE_KEY = 'handover-queue';

/** Recent waits until accepted, for expected waits. */
export const WAITS_KEY = 'handover-waits';

/** A message left for the support team. */
export function ticketKey(ticketId: string): string {
  return `handover-ticket/${keySegment(ticketId)}`;
}

/** A customer's rating of an agent's help (apart from the bot's feedback, which stays in the session). */
export function ratingKey(channelId: string, conversationId: string, handoverId: string): string {
  return `handover-rating/${keySegment(channelId)}/${keySegment(conversationId)}/${keySegment(handoverId)}`;
}

// ---- Records ----

/** Where a conversation is, as the index and the queue name it. */
export interface ConversationAddress {
  channelId: string;
  conversationId: string;
}

/** The handover of a conversation as stored: its own key, beside the conversation's dialog state. */
export interface StoredHandover {
  handover: Handover;
}

/** The thread index: an agent's message in a thread finds the customer's conversation and the handover. */
export interface ThreadIndexRecord extends ConversationAddress {
  version: 1;
  handoverId: string;
}

/** A waiting handover in the queue; the queue's order is `since`, the first request (a released one keeps its place). */
export interface QueueEntry extends ConversationAddress {
  handoverId: string;
  since: string;
}

export interface QueueRecord {
  version: 1;
  waiting: QueueEntry[];
}

export interface WaitsRecord {
  version: 1;
  /** The most recent waits until accepted, in ms, oldest first. */
  waitsMs: number[];
}

export interface TicketRecord {
  version: 1;
  id: string;
  reason: HandoverReason;
  message: string;
  contact: string;
  /** The conversation whose transcript goes with the ticket. */
  transcript: ConversationAddress;
  createdAt: string;
}

export interface RatingRecord extends ConversationAddress {
  version: 1;
  handoverId: string;
  agent?: Agent;
  rating: number;
  at: string;
}

/** Bounds: the queue holds at most this many entries (the oldest go first), the waits this many. */
export const MAX_QUEUE = 1000;
export const MAX_WAITS = 50;

/**
 * The queue with an entry added (once: a handover already in it keeps its place). Why a
 * handover is named by its conversation too: its id is unique only within the conversation.
 */
export function joinQueue(queue: QueueRecord, entry: QueueEntry): QueueRecord {
  if (queue.waiting.some((e) => sameHandover(e, entry))) return queue;
  const waiting = [...queue.waiting, entry].sort((a, b) => Date.parse(a.since) - Date.parse(b.since));
  return { version: 1, waiting: waiting.slice(-MAX_QUEUE) };
}

/** The queue without a conversation's handover. */
export function leaveQueue(queue: QueueRecord, handover: ConversationAddress & { handoverId: string }): QueueRecord {
  const waiting = queue.waiting.filter((e) => !sameHandover(e, handover));
  return waiting.length === queue.waiting.length ? queue : { version: 1, waiting };
}

function sameHandover(a: Omit<QueueEntry, 'since'>, b: Omit<QueueEntry, 'since'>): boolean {
  return a.handoverId === b.handoverId && a.channelId === b.channelId && a.conversationId === b.conversationId;
}

/** The waits with one more, the oldest dropped past MAX_WAITS. */
export function addWait(waits: WaitsRecord, waitedMs: number): WaitsRecord {
  return { version: 1, waitsMs: [...waits.waitsMs, Math.max(0, Math.round(waitedMs))].slice(-MAX_WAITS) };
}

/** A ticket to store, from the machine's draft. */
export function ticketRecord(id: string, draft: TicketDraft, transcript: ConversationAddress): TicketRecord {
  return { version: 1, id, ...draft, transcript };
}

/** A queue read back, or an empty one. */
export function readQueue(value: unknown): QueueRecord {
  const waiting = field(value, 'version') === 1 ? field(value, 'waiting') : undefined;
  return Array.isArray(waiting) && waiting.every(isQueueEntry) ? { version: 1, waiting } : { version: 1, waiting: [] };
}

/** Waits read back, or none. */
export function readWaits(value: unknown): WaitsRecord {
  const waits = field(value, 'version') === 1 ? field(value, 'waitsMs') : undefined;
  const valid = Array.isArray(waits) && waits.every((w) => Number.isFinite(w) && w >= 0);
  return { version: 1, waitsMs: valid ? waits.slice(-MAX_WAITS) : [] };
}

/** A thread index record read back, or undefined. */
export function readThreadIndex(value: unknown): ThreadIndexRecord | undefined {
  if (field(value, 'version') !== 1 || !isAddress(value) || typeof field(value, 'handoverId') !== 'string')
    return undefined;
  const { channelId, conversationId, handoverId } = value as ThreadIndexRecord;
  return { version: 1, channelId, conversationId, handoverId };
}

function isQueueEntry(value: unknown): value is QueueEntry {
  return (
    isAddress(value) &&
    typeof field(value, 'handoverId') === 'string' &&
    Number.isFinite(Date.parse(String(field(value, 'since'))))
  );
}

function isAddress(value: unknown): value is ConversationAddress {
  return typeof field(value, 'channelId') === 'string' && typeof field(value, 'conversationId') === 'string';
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

// ---- Conditional writes ----

/** How often a write that lost a race is decided again before giving up. */
export const MAX_ATTEMPTS = 5;
/** The same for the queue and the waits, which every instance writes. */
const SHARED_ATTEMPTS = 20;

/** Whether a write was refused because the record changed since it was read (any backend's way of saying so). */
export function isStaleWrite(err: unknown): boolean {
  if (err instanceof StaleWriteError) return true;
  // botbuilder's own MemoryStorage and BlobsStorage say it in the message.
  return (
    err instanceof Error && (err.name === 'StaleWriteError' || err.message.slice(0, 300).includes('eTag conflict'))
  );
}

/** How long a lock to create a record is held at most. */
const CREATE_LOCK_MS = 5_000;

/**
 * Reads `key`, lets `change` make the next value from the current one, and writes it (as
 * `toItem` stores it) on the eTag it was read with; when another writer got there first, reads
 * and changes again, at most `attempts` times. `change` returns the same value for "nothing to
 * write". A record that does not exist yet is created under `lock` when one is given, so two
 * first writers cannot both write blind and lose one change; without a lock it is written
 * unconditionally, which is safe only for a record one writer creates (a conversation's
 * handover: only its customer's turn, one at a time, creates it).
 */
export async function updateRecord<T>(
  storage: RecordStorage,
  key: string,
  read: (item: Record<string, unknown> | undefined) => T,
  change: (current: T) => T,
  toItem: (value: T) => Record<string, unknown>,
  options: { attempts?: number; lock?: CreateLock } = {},
): Promise<{ before: T; after: T }> {
  const { attempts = MAX_ATTEMPTS, lock } = options;
  for (let attempt = 1; ; attempt++) {
    const item = (await storage.read([key]))[key] as Record<string, unknown> | undefined;
    const before = read(item);
    const after = change(before);
    if (after === before) return { before, after };
    try {
      if (item === undefined && lock) {
        if (await createLocked(storage, key, toItem(after), lock)) return { before, after };
      } else {
        const eTag = typeof item?.eTag === 'string' ? { eTag: item.eTag } : {};
        await storage.write({ [key]: { ...toItem(after), ...eTag } });
        return { before, after };
      }
    } catch (err) {
      if (!isStaleWrite(err)) throw err;
    }
    if (attempt >= attempts) throw new StaleWriteError(key);
    await pause(attempt);
  }
}

/** Creates `key` if it is still absent once the lock is held; false when the lock is taken or the record appeared. */
async function createLocked(
  storage: RecordStorage,
  key: string,
  value: Record<string, unknown>,
  lock: CreateLock,
): Promise<boolean> {
  const lease = await lock.tryAcquire(`create:${key}`, CREATE_LOCK_MS);
  if (!lease) return false;
  try {
    if ((await storage.read([key]))[key] !== undefined) return false;
    await storage.write({ [key]: value });
    return true;
  } finally {
    await lease.release();
  }
}

/** A short wait before another attempt, longer each time and jittered, so racing writers spread out. */
function pause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * attempt) * (0.5 + Math.random())));
}

/**
 * One event for a conversation's handover, decided on the stored state and stored. The decision
 * returned is the one whose state was written (or that changed nothing), so its effects are
 * carried out once, by whichever writer won; the loser's event was decided again on the winner's
 * state. Carry the effects out only after this returns. `observe` hears the stored decision and the state it was decided on.
 */
export async function decideAndStore(
  storage: RecordStorage,
  key: string,
  event: HandoverEvent,
  now: Date,
  settings: HandoverSettings,
  observe?: (before: Handover, decision: Decision) => void,
): Promise<Decision> {
  let decision: Decision | undefined;
  let before: Handover | undefined;
  const change = (current: Handover) => (decision = decide((before = current), event, now, settings)).state;
  await updateRecord(storage, key, (item) => readHandover(item?.handover), change, storedHandover);
  observe?.(before!, decision!);
  return decision!;
}

function storedHandover(handover: Handover): StoredHandover & Record<string, unknown> {
  return { handover };
}

/** The conversation's handover as stored (a fresh one when there is none or it cannot be continued). */
export async function loadHandover(storage: RecordStorage, key: string): Promise<Handover> {
  const item = (await storage.read([key]))[key] as Partial<StoredHandover> | undefined;
  return readHandover(item?.handover);
}

/** Applies a queue change (join or leave), deciding again on conflicts with other instances; `lock` guards its creation. */
export async function changeQueue(
  storage: RecordStorage,
  lock: CreateLock,
  change: (queue: QueueRecord) => QueueRecord,
): Promise<QueueRecord> {
  const options = { attempts: SHARED_ATTEMPTS, lock };
  return (await updateRecord(storage, QUEUE_KEY, readQueue, change, (queue) => ({ ...queue }), options)).after;
}

/** Records how long an accepted handover waited; `lock` guards the record's creation. */
export async function recordWait(storage: RecordStorage, lock: CreateLock, waitedMs: number): Promise<WaitsRecord> {
  const add = (waits: WaitsRecord) => addWait(waits, waitedMs);
  const options = { attempts: SHARED_ATTEMPTS, lock };
  return (await updateRecord(storage, WAITS_KEY, readWaits, add, (waits) => ({ ...waits }), options)).after;
}

// ---- A memory store, for tests ----

/** RecordStorage in a Map with the eTag rules of the durable backends: for tests. */
export class MemoryRecordStorage implements RecordStorage {
  private readonly items = new Map<string, { eTag: string; json: string }>();
  private version = 0;

  async read(keys: string[]): Promise<Record<string, unknown>> {
    const found: Record<string, unknown> = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found[key] = { ...JSON.parse(item.json), eTag: item.eTag };
    }
    return found;
  }

  /** All or nothing: every eTag is checked before anything is written. */
  async write(changes: Record<string, Record<string, unknown>>): Promise<void> {
    const entries = Object.entries(changes);
    for (const [key, item] of entries) {
      const eTag = item.eTag;
      if (typeof eTag === 'string' && eTag !== '*' && eTag !== '' && this.items.get(key)?.eTag !== eTag)
        throw new StaleWriteError(key);
    }
    for (const [key, item] of entries) {
      const value = { ...item };
      delete value.eTag;
      this.items.set(key, { eTag: String(++this.version), json: JSON.stringify(value) });
    }
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}
