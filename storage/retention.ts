/** Transcript retention over any TranscriptStore: the store's own list, read and delete calls. */
import type { TranscriptInfo, TranscriptStore } from 'botbuilder';
import { deleteQuietBefore } from '../transcripts/retention';

/** Every conversation a channel has, once each (a store may list one on two pages), following continuation tokens. */
export async function listAllTranscripts(store: TranscriptStore, channelId: string): Promise<TranscriptInfo[]> {
  const byId = new Map<string, TranscriptInfo>();
  let token: string | undefined;
  do {
    const page = await store.listTranscripts(channelId, token);
    for (const t of page.items) {
      const known = byId.get(t.id);
      if (!known || new Date(t.created) < new Date(known.created)) byId.set(t.id, t);
    }
    token = page.continuationToken || undefined;
  } while (token);
  return [...byId.values()];
}

/**
 * Deletes the channel's conversations that started before `cutoff` and have been quiet since;
 * resolves with their ids. Why list first and delete after: a store's continuation token may
 * count positions, which deleting would shift.
 */
export async function deleteQuietTranscripts(
  store: TranscriptStore,
  channelId: string,
  cutoff: Date,
): Promise<string[]> {
  const listed = await listAllTranscripts(store, channelId);
  return deleteQuietBefore(listed, cutoff, {
    activeSince: (id, since) => hasActivitySince(store, channelId, id, since),
    delete: (id) => store.deleteTranscript(channelId, id),
  });
}

/** Whether any page from `since` on holds an activity (a filtered page may be empty yet not the last). */
async function hasActivitySince(store: TranscriptStore, channelId: string, id: string, since: Date): Promise<boolean> {
  let token: string | undefined;
  do {
    const page = await store.getTranscriptActivities(channelId, id, token, since);
    if (page.items.length > 0) return true;
    token = page.continuationToken || undefined;
  } while (token);
  return false;
}
