/** Helpers every Storage backend shares: eTag rules and activity (de)serialisation. */
import type { Activity, StoreItem } from 'botbuilder';

/** The eTag a write must match, or undefined for an unconditional write ('*' or none, as botbuilder does). */
export function expectedETag(item: StoreItem | undefined): string | undefined {
  const eTag: unknown = item?.eTag;
  return typeof eTag === 'string' && eTag !== '' && eTag !== '*' ? eTag : undefined;
}

/** The item as stored: its eTag belongs to the store, not to the value. */
export function serialiseItem(item: StoreItem): string {
  // Why a shallow copy, not a replacer: a replacer function is called for every key and made this slower than the write.
  const value: Record<string, unknown> = { ...item };
  delete value.eTag;
  return JSON.stringify(value);
}

/** An activity as stored: JSON with its timestamps as ISO strings. */
export function serialiseActivity(activity: Partial<Activity>): string {
  return JSON.stringify(activity);
}

/** An activity read back, with `timestamp` and `localTimestamp` as Dates again. */
export function parseActivity(json: string): Activity {
  const activity = JSON.parse(json) as Activity;
  if (activity.timestamp) activity.timestamp = new Date(activity.timestamp);
  if (activity.localTimestamp) activity.localTimestamp = new Date(activity.localTimestamp);
  return activity;
}

/** The timestamp a transcript orders an activity by, in ms since the epoch. */
export function timestampOf(activity: Partial<Activity>): number {
  const t = activity.timestamp ? new Date(activity.timestamp).getTime() : NaN;
  return Number.isFinite(t) ? t : Date.now();
}
