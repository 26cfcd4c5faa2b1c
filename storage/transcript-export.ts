/** Bounded reads of a TranscriptStore for the export endpoint: an HTTP answer must not grow with what is stored. */
import type { Activity, TranscriptInfo, TranscriptStore } from 'botbuilder';

/** Most activities one export returns; longer conversations are cut, and the answer says so. */
export const MAX_EXPORT_ACTIVITIES = 2000;
/** Most bytes (as JSON) of activities one export returns. */
export const MAX_EXPORT_BYTES = 4 * 1024 * 1024;
/** Most conversations one listing returns. */
export const MAX_EXPORT_CONVERSATIONS = 1000;

/** What was read, and whether there was more. */
export interface Bounded<T> {
  items: T[];
  truncated: boolean;
}

/** The conversation's first activities, up to MAX_EXPORT_ACTIVITIES and MAX_EXPORT_BYTES. */
export async function readTranscriptBounded(
  store: TranscriptStore,
  channelId: string,
  conversationId: string,
): Promise<Bounded<Activity>> {
  const items: Activity[] = [];
  let bytes = 0;
  let token: string | undefined;
  do {
    const page = await store.getTranscriptActivities(channelId, conversationId, token);
    for (const activity of page.items) {
      bytes += JSON.stringify(activity).length;
      if (items.length >= MAX_EXPORT_ACTIVITIES || bytes > MAX_EXPORT_BYTES) return { items, truncated: true };
      items.push(activity);
    }
    token = page.continuationToken || undefined;
  } while (token);
  return { items, truncated: false };
}

/** The channel's conversations, once each, up to MAX_EXPORT_CONVERSATIONS, oldest first. */
export async function listTranscriptsBounded(
  store: TranscriptStore,
  channelId: string,
): Promise<Bounded<TranscriptInfo>> {
  const byId = new Map<string, TranscriptInfo>();
  let token: string | undefined;
  let truncated = false;
  do {
    const page = await store.listTranscripts(channelId, token);
    for (const t of page.items) {
      const known = byId.get(t.id);
      if (!known && byId.size >= MAX_EXPORT_CONVERSATIONS) truncated = true;
      else if (!known || new Date(t.created) < new Date(known.created)) byId.set(t.id, t);
    }
    token = truncated ? undefined : page.continuationToken || undefined;
  } while (token);
  const items = [...byId.values()].sort((a, b) => new Date(a.created).getTime() - new Date(b.created).getTime());
  return { items, truncated };
}
