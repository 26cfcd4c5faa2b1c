/**
 * How long transcripts are kept. Transcripts hold customers' words, so an operator deletes them
 * after a set time (`npm run transcript -- --delete-older-than DAYS`, run on a schedule), or one
 * conversation on request (`--delete`). Pure: the store is reached through the two calls below.
 */

/** The most days a retention period may name: ten years. */
export const MAX_RETENTION_DAYS = 3650;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from the command line, 1 to MAX_RETENTION_DAYS; undefined for anything else. */
export function parseRetentionDays(text: string | undefined): number | undefined {
  if (!text || !/^\d{1,4}$/.test(text)) return undefined;
  const days = Number(text);
  return days >= 1 && days <= MAX_RETENTION_DAYS ? days : undefined;
}

/** The moment `days` whole days before `now`: a conversation quiet since before it is due. */
export function retentionCutoff(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

/** A conversation as a transcript store lists it. */
export interface ListedTranscript {
  id: string;
  created: Date | string;
}

/** What deleting needs of a store, for one channel: whether a conversation has spoken since, and removal. */
export interface RetentionStore {
  /** Whether the conversation has an activity at or after `since`. */
  activeSince(id: string, since: Date): Promise<boolean>;
  delete(id: string): Promise<void>;
}

/**
 * Deletes every conversation started before `cutoff` that has had no activity since; a long
 * conversation still going on is kept whole. Resolves with the ids deleted.
 */
export async function deleteQuietBefore(
  listed: readonly ListedTranscript[],
  cutoff: Date,
  store: RetentionStore,
): Promise<string[]> {
  const deleted: string[] = [];
  for (const t of listed) {
    if (new Date(t.created).getTime() >= cutoff.getTime()) continue;
    if (await store.activeSince(t.id, cutoff)) continue;
    await store.delete(t.id);
    deleted.push(t.id);
  }
  return deleted;
}
