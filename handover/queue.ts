/**
 * Where a waiting customer is in the queue for a person, and how long the wait is likely to be, from how long
 * recent handovers waited until an agent accepted. Pure: times are milliseconds passed in, nothing is read.
 */
import { HANDOVER_TEXT } from './messages';

const MINUTE = 60_000;

/** A handover waiting for an agent: its id (the conversation's) and when it started waiting. */
export interface WaitingHandover {
  id: string;
  since: number;
}

/** One accepted handover: when an agent accepted it, and how long the customer had waited by then. */
export interface AcceptedWait {
  acceptedAt: number;
  waitedMs: number;
}

/** How many accepted waits are kept: enough for a steady median, few enough to follow a busy afternoon. */
export const HISTORY_SIZE = 20;

/** Waits older than this say little about now (yesterday's queue): they are not counted. */
export const HISTORY_MAX_AGE_MS = 12 * 60 * MINUTE;

/** A customer's place in the queue; no expected wait when no recent handover was accepted. */
export interface QueueEstimate {
  /** 1 for the next to be accepted. */
  position: number;
  /** How many are waiting, this customer included. */
  waiting: number;
  expectedWaitMs?: number;
}

/** The history with one more accepted wait, the oldest dropped beyond `size`; a nonsensical wait is ignored. */
export function recordAcceptance(
  history: readonly AcceptedWait[],
  accepted: AcceptedWait,
  size = HISTORY_SIZE,
): AcceptedWait[] {
  const valid = Number.isFinite(accepted.acceptedAt) && Number.isFinite(accepted.waitedMs) && accepted.waitedMs >= 0;
  const next = valid ? [...history, { acceptedAt: accepted.acceptedAt, waitedMs: accepted.waitedMs }] : [...history];
  return next.slice(Math.max(0, next.length - size));
}

/** The median of the waits accepted within `maxAgeMs` before `nowMs`; undefined when there are none. */
export function medianWait(
  history: readonly AcceptedWait[],
  nowMs: number,
  maxAgeMs = HISTORY_MAX_AGE_MS,
): number | undefined {
  const waits = history
    .filter((h) => h.acceptedAt <= nowMs && nowMs - h.acceptedAt <= maxAgeMs)
    .map((h) => h.waitedMs)
    .sort((a, b) => a - b);
  if (waits.length === 0) return undefined;
  const middle = Math.floor(waits.length / 2);
  return waits.length % 2 === 1 ? waits[middle] : ((waits[middle - 1] ?? 0) + (waits[middle] ?? 0)) / 2;
}

/**
 * Where `id` is among `waiting` (first come, first served; ties by id, so every instance counts alike), and the
 * expected wait: the median recent wait times the position. Undefined when `id` is not waiting.
 */
export function estimateQueue(
  waiting: readonly WaitingHandover[],
  id: string,
  history: readonly AcceptedWait[],
  nowMs: number,
): QueueEstimate | undefined {
  const mine = waiting.find((w) => w.id === id);
  if (!mine) return undefined;
  const ahead = waiting.filter((w) => w.id !== id && (w.since < mine.since || (w.since === mine.since && w.id < id)));
  const position = new Set(ahead.map((w) => w.id)).size + 1;
  const total = new Set(waiting.map((w) => w.id)).size;
  const median = medianWait(history, nowMs);
  return { position, waiting: total, ...(median === undefined ? {} : { expectedWaitMs: median * position }) };
}

/** "about 5 minutes", rounded as people say it; "a few minutes" when unknown. */
export function describeWait(ms: number | undefined): string {
  if (ms === undefined) return HANDOVER_TEXT.waitUnknown;
  const minutes = Math.max(1, Math.round(ms / MINUTE));
  if (minutes === 1) return HANDOVER_TEXT.waitAboutAMinute;
  if (minutes < 10) return HANDOVER_TEXT.waitMinutes(minutes);
  if (minutes < 60) return HANDOVER_TEXT.waitMinutes(Math.min(55, Math.round(minutes / 5) * 5));
  return HANDOVER_TEXT.waitOverAnHour;
}

/** What the customer is told while waiting: "You're number 2 in the queue. The expected wait is about 6 minutes." */
export function queueSentence(estimate: QueueEstimate): string {
  const place = estimate.position <= 1 ? HANDOVER_TEXT.queueNext : HANDOVER_TEXT.queuePosition(estimate.position);
  return `${place} ${HANDOVER_TEXT.expectedWait(describeWait(estimate.expectedWaitMs))}`;
}
