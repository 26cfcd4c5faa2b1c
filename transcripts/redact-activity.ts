/** Which fields of an activity are redacted before it is stored: one definition for the transcript and the Direct Line. */
import { redactDeep, redactGivenSecret, redactSecrets } from './redact';

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

/** A turn's state as the stores read it: botbuilder's TurnContextStateCollection is one (a Map). */
export interface TurnStateLike {
  get(key: unknown): unknown;
  set(key: unknown, value: unknown): unknown;
}

/** A turn-state key and the type of the value kept under it. */
export interface TurnStateKey<T> {
  readonly symbol: symbol;
  get(state: TurnStateLike): T | undefined;
  set(state: TurnStateLike, value: T): void;
}

function turnStateKey<T>(description: string): TurnStateKey<T> {
  const symbol = Symbol(description);
  return {
    symbol,
    get: (state) => state.get(symbol) as T | undefined,
    set: (state, value) => void state.set(symbol, value),
  };
}

/**
 * Set during a turn when the bot's reading of the incoming message says it gives a secret (a password
 * typed, or given after the bot declined to check one: "its Penguin2024"). Why a turn-state flag: the
 * text alone cannot say so, and the stores that keep the message (the transcript, the built-in Direct
 * Line's copy, the handover's transcript) write it, or write it again, when the turn ends; each honours it
 * with `redactGivingSecret`.
 */
export const INCOMING_GIVES_SECRET: TurnStateKey<true> = turnStateKey<true>('incomingGivesSecret');

/** Whether the turn's incoming message gives a secret (see INCOMING_GIVES_SECRET). */
export function incomingGivesSecret(state: TurnStateLike): boolean {
  return INCOMING_GIVES_SECRET.get(state) === true;
}

/** The incoming activity redacted as `redactActivity` does, its text also losing the secret it gives (see redactGivenSecret). */
export function redactGivingSecret<T extends { text?: string }>(activity: T): T {
  const copy = redactActivity(activity);
  if (typeof activity.text === 'string') copy.text = redactGivenSecret(activity.text);
  return copy;
}

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
