/**
 * What the runtime keeps beside the core's records (handover/records.ts): the card of each
 * handover (to update it from an agent's turn or a timer, where the customer's session is not at
 * hand), the thread index entry, and the due index the timers read. Same store, same eTag rules.
 */
import {
  handoverKey,
  keySegment,
  readThreadIndex,
  threadKey,
  updateRecord,
  type CreateLock,
  type RecordStorage,
  type ThreadIndexRecord,
} from '../../handover/records';
import type { AgentCard, CustomerAddress, ThreadOwner } from './ports';

/** The card of a conversation's handover, as last posted or updated. */
export function cardKey(address: CustomerAddress): string {
  return `handover-card/${keySegment(address.channelId)}/${keySegment(address.conversationId)}`;
}

/** The conversations whose handover has a timer, one record for every instance. */
export const DUE_KEY = 'handover-due';

/** The most timers kept (the latest go first past it: a flood of handovers cannot grow the record without end). */
export const MAX_DUE = 2000;

/** When a conversation's timer is next due. */
export interface DueEntry extends CustomerAddress {
  at: string;
}

export interface DueRecord {
  version: 1;
  due: DueEntry[];
}

/** Stores the card shown for a handover (one per conversation: at most one handover is open). */
export async function saveCard(storage: RecordStorage, card: AgentCard): Promise<void> {
  await storage.write({ [cardKey(card.customer)]: { version: 1, card } });
}

/** The card of the conversation's handover `handoverId`, or undefined when another (or none) is stored. */
export async function loadCard(
  storage: RecordStorage,
  address: CustomerAddress,
  handoverId: string,
): Promise<AgentCard | undefined> {
  const item = (await storage.read([cardKey(address)]))[cardKey(address)] as { card?: AgentCard } | undefined;
  return item?.card?.handoverId === handoverId ? item.card : undefined;
}

/** Remembers whose a thread is, so an agent's message in it finds the customer (HandoverDesk.threadOwner). */
export async function saveThreadOwner(storage: RecordStorage, threadId: string, owner: ThreadOwner): Promise<void> {
  const record: ThreadIndexRecord = { version: 1, ...owner.customer, handoverId: owner.handoverId };
  await storage.write({ [threadKey(threadId)]: { ...record } });
}

/** The owner of a thread, or undefined for a thread no handover started. */
export async function loadThreadOwner(storage: RecordStorage, threadId: string): Promise<ThreadOwner | undefined> {
  const key = threadKey(threadId);
  const record = readThreadIndex((await storage.read([key]))[key]);
  if (!record) return undefined;
  const { channelId, conversationId, handoverId } = record;
  return { customer: { channelId, conversationId }, handoverId };
}

/** The due index read back, or an empty one. */
export function readDue(value: unknown): DueRecord {
  const due = isObject(value) && value.version === 1 ? value.due : undefined;
  return Array.isArray(due) && due.every(isDueEntry) ? { version: 1, due } : { version: 1, due: [] };
}

/** Sets (or with `at` undefined, removes) a conversation's timer in the due index. */
export async function setDue(
  storage: RecordStorage,
  lock: CreateLock,
  address: CustomerAddress,
  at: string | undefined,
): Promise<void> {
  const change = (record: DueRecord): DueRecord => {
    const others = record.due.filter((d) => !sameConversation(d, address));
    if (at === undefined && others.length === record.due.length) return record;
    const due = at === undefined ? others : [...others, { ...address, at }];
    return { version: 1, due: due.slice(-MAX_DUE) };
  };
  await updateRecord(storage, DUE_KEY, readDue, change, (record) => ({ ...record }), { attempts: 20, lock });
}

/** The conversations whose timer is due at `now`. */
export async function dueAt(storage: RecordStorage, now: Date): Promise<DueEntry[]> {
  const record = readDue((await storage.read([DUE_KEY]))[DUE_KEY]);
  return record.due.filter((d) => Date.parse(d.at) <= now.getTime());
}

/** The handover record's key for a customer's conversation. */
export function keyOf(address: CustomerAddress): string {
  return handoverKey(address.channelId, address.conversationId);
}

function sameConversation(a: CustomerAddress, b: CustomerAddress): boolean {
  return a.channelId === b.channelId && a.conversationId === b.conversationId;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDueEntry(value: unknown): value is DueEntry {
  return (
    isObject(value) &&
    typeof value.channelId === 'string' &&
    typeof value.conversationId === 'string' &&
    typeof value.at === 'string' &&
    Number.isFinite(Date.parse(value.at))
  );
}
