/** Which fields of an activity are redacted before it is stored: one definition for the transcript and the Direct Line. */
import { redactDeep, redactSecrets } from './redact';

/**
 * Fields that say who, to whom, where and when: kept as they are, so the record can be found and
 * ordered. Every other field (text, speak, summary, value, attachments, channel data, entities,
 * suggested actions, names of events…) is capped and redacted, string by string.
 */
export const ADDRESSING_FIELDS: ReadonlySet<string> = new Set<string>([
  ...['id', 'type', 'timestamp', 'localTimestamp', 'localTimezone', 'channelId', 'serviceUrl', 'callerId'],
  ...['from', 'recipient', 'conversation', 'replyToId', 'relatesTo', 'membersAdded', 'membersRemoved'],
  ...['deliveryMode', 'locale', 'textFormat', 'inputHint', 'importance', 'expiration', 'listenFor'],
]);

/**
 * Turn-state key of the incoming activity as already redacted by the channel that received it (the built-in
 * Direct Line redacts it for its stored copy), so that the transcript does not redact the same words again.
 */
export const REDACTED_INCOMING = Symbol('redactedIncoming');

/** A copy with every field that can hold words redacted; ids, addresses and ordering fields stay as they are. */
export function redactActivity<T extends object>(activity: T, redact: (text: string) => string = redactSecrets): T {
  const copy = { ...activity } as Record<string, unknown>;
  for (const [field, value] of Object.entries(copy))
    if (!ADDRESSING_FIELDS.has(field) && value !== undefined) copy[field] = redactDeep(value, redact);
  return copy as T;
}

/**
 * `redactSecrets` remembering up to `capacity` answers. Only for the bot's own words: it says the same sentences
 * again and again (walkthrough steps, settings cards); customers' words are never kept in memory this way.
 */
export function rememberingRedactor(capacity = 2000): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    let redacted = seen.get(text);
    if (redacted === undefined) {
      redacted = redactSecrets(text);
      if (seen.size >= capacity) seen.clear();
      seen.set(text, redacted);
    }
    return redacted;
  };
}
