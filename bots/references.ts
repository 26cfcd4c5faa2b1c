/** Where the bot remembers the conversations it may post to later (Teams teams and channels). */
import type { ConversationReference } from 'botbuilder';

/**
 * The seam between the bot and whatever keeps references: memory here, durable storage
 * later. Kept to three calls so a durable store is a few lines over any key-value store.
 */
export interface ConversationReferenceStore {
  /** The reference stored under `key`, if any. */
  get(key: string): Promise<Partial<ConversationReference> | undefined>;
  /** Stores `reference` under `key`, replacing what was there. */
  put(key: string, reference: Partial<ConversationReference>): Promise<void>;
  /** Every stored reference with its key. */
  list(): Promise<StoredReference[]>;
}

/** One entry of `ConversationReferenceStore.list`. */
export interface StoredReference {
  key: string;
  reference: Partial<ConversationReference>;
}

/** References in memory: lost on restart, fine for local use and tests. */
export class MemoryReferenceStore implements ConversationReferenceStore {
  private readonly references = new Map<string, string>();

  async get(key: string): Promise<Partial<ConversationReference> | undefined> {
    const json = this.references.get(key);
    return json === undefined ? undefined : JSON.parse(json);
  }

  async put(key: string, reference: Partial<ConversationReference>): Promise<void> {
    // Why JSON: callers get copies, as from a durable store, so no one edits a stored reference in place.
    this.references.set(key, JSON.stringify(reference));
  }

  async list(): Promise<StoredReference[]> {
    return [...this.references].map(([key, json]) => ({ key, reference: JSON.parse(json) }));
  }
}
