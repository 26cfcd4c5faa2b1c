/**
 * The durable copy of the built-in Direct Line's conversations: the seam each backend (SQLite, Azure Blob,
 * memory) implements, so a restart no longer ends them. Pure: no botbuilder, no restify.
 */
import type { Activity } from './activity';

/** Bumped when a record's shape changes; a backend refuses what it cannot read rather than misreading it. */
export const CONVERSATION_RECORD_VERSION = 1;

/** A conversation as kept: whose it is, and when it was last used (ms since the epoch). */
export interface ConversationRecord {
  version: typeof CONVERSATION_RECORD_VERSION;
  id: string;
  /** The user the conversation's token names. */
  user: string;
  /** Who opened it (an IPv4 address or an IPv6 /64), for the per-client cap. */
  client: string;
  /** The user posted to it or followed it: a real chat, kept longer. */
  engaged: boolean;
  /** Anything happened in it: a post, a reply, a poll, an open stream. */
  lastActive: number;
  /** The customer's side last did something: posted, polled, reconnected, or had a stream open. */
  lastSeen: number;
}

/** A kept activity and its place in the conversation (the number its id and watermarks carry). */
export interface RecordedActivity {
  seq: number;
  activity: Activity;
}

/** A conversation as loaded: its record and the activities kept, oldest first. */
export interface LoadedConversation {
  record: ConversationRecord;
  activities: RecordedActivity[];
}

/** When a conversation has expired: engaged ones quiet since before `engagedBefore`, the others since `unusedBefore`. */
export interface ExpiryCutoffs {
  engagedBefore: number;
  unusedBefore: number;
}

/**
 * Where the built-in Direct Line keeps its conversations. Each write resolves once it is durable.
 * Why only these calls: the conversation store in memory decides everything (ids, limits, eviction) and
 * tells the records what to keep, so every backend stays a few lines over a table or a blob container.
 */
export interface ConversationRecords {
  /** Creates or replaces a conversation's record. */
  save(record: ConversationRecord): Promise<void>;
  /** The conversation's record alone, or undefined. */
  read(id: string): Promise<ConversationRecord | undefined>;
  /** Adds an activity at `seq` (replacing one stored there before). */
  append(id: string, entry: RecordedActivity): Promise<void>;
  /** Deletes the conversation's activities up to and including `throughSeq`: the oldest, dropped for its limits. */
  trim(id: string, throughSeq: number): Promise<void>;
  /** The record and the activities kept, oldest first, or undefined when there is no record. */
  load(id: string): Promise<LoadedConversation | undefined>;
  /** Deletes the record and every activity; deleting a missing conversation is no error. */
  remove(id: string): Promise<void>;
  /** The ids of every conversation expired by `cutoffs`. */
  expired(cutoffs: ExpiryCutoffs): Promise<string[]>;
}

/** Records in memory: for tests and the default of a store built without a backend; lost on restart. */
export class MemoryConversationRecords implements ConversationRecords {
  private readonly records = new Map<string, string>();
  private readonly activities = new Map<string, Map<number, string>>();

  async save(record: ConversationRecord): Promise<void> {
    // Why JSON: callers get copies, as from a durable store, so nothing kept is changed in place.
    this.records.set(record.id, JSON.stringify(record));
  }

  async read(id: string): Promise<ConversationRecord | undefined> {
    const json = this.records.get(id);
    return json === undefined ? undefined : JSON.parse(json);
  }

  async append(id: string, entry: RecordedActivity): Promise<void> {
    const kept = this.activities.get(id) ?? new Map<number, string>();
    this.activities.set(id, kept.set(entry.seq, JSON.stringify(entry.activity)));
  }

  async trim(id: string, throughSeq: number): Promise<void> {
    const kept = this.activities.get(id);
    for (const seq of kept?.keys() ?? []) if (seq <= throughSeq) kept?.delete(seq);
  }

  async load(id: string): Promise<LoadedConversation | undefined> {
    const record = await this.read(id);
    if (!record) return undefined;
    const activities = [...(this.activities.get(id) ?? [])]
      .sort(([a], [b]) => a - b)
      .map(([seq, json]) => ({ seq, activity: JSON.parse(json) as Activity }));
    return { record, activities };
  }

  async remove(id: string): Promise<void> {
    this.records.delete(id);
    this.activities.delete(id);
  }

  async expired(cutoffs: ExpiryCutoffs): Promise<string[]> {
    const all = [...this.records.values()].map((json) => JSON.parse(json) as ConversationRecord);
    return all.filter((r) => isExpired(r, cutoffs)).map((r) => r.id);
  }
}

/** Whether a record is past its expiry: the rule every backend applies. */
export function isExpired(record: Pick<ConversationRecord, 'engaged' | 'lastActive'>, cutoffs: ExpiryCutoffs): boolean {
  return record.lastActive < (record.engaged ? cutoffs.engagedBefore : cutoffs.unusedBefore);
}
