/** The seams between the bot and whatever keeps its records: one interface per kind of record. */
import type { Activity, Storage, TranscriptStore } from 'botbuilder';
import type { ConversationReferenceStore } from '../bots/references';
import type { ConversationRecords } from '../directline/records';
import type { InsightsStore } from '../insights/sqlite';
import type { StorageKind } from './config';

export type { StorageKind } from './config';

/** A held lease; releasing it lets the next holder in at once instead of after it expires. */
export interface Lease {
  release(): Promise<void>;
}

/**
 * Short exclusive leases on a key, shared by every bot instance using the same backend.
 * Why: turns of one conversation must not overlap, even when two instances receive them.
 */
export interface LeaseStore {
  /** The lease on `key` for `ttlMs`, or undefined while someone else holds an unexpired one. */
  tryAcquire(key: string, ttlMs: number): Promise<Lease | undefined>;
}

/** A TranscriptStore that records a turn's activities in one write (one transaction, or requests in parallel). */
export interface BatchTranscriptStore extends TranscriptStore {
  logActivities(activities: Activity[]): Promise<void>;
}

/** Every record the bot keeps, in one backend. */
export interface Stores {
  readonly kind: StorageKind;
  /** Conversation and user state (dialog state, session, feedback), with real eTags. */
  readonly storage: Storage;
  /** Every activity in and out, redacted before it gets here. */
  readonly transcripts: BatchTranscriptStore;
  /** Per-conversation turn leases. */
  readonly leases: LeaseStore;
  /** Teams team and channel references the bot may post to later. */
  readonly references: ConversationReferenceStore;
  /** The built-in Direct Line's conversations (activities, watermarks), so a restart does not end them. */
  readonly directLine: ConversationRecords;
  /**
   * The insights events (issue 14), in the same SQLite file (or ':memory:' with memory storage);
   * none with Azure Blob Storage, where events go to Application Insights when it is configured.
   */
  readonly insights?: InsightsStore;
  /** Where the records are, for the start-up log line; never holds a secret. */
  readonly location: string;
  /** Flushes and closes the backend; the stores must not be used afterwards. */
  close(): Promise<void>;
}
