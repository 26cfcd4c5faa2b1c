/**
 * The insights events: one per meaningful step of a conversation (issue 14), as plain data with a
 * zod schema. Pure: no botbuilder. The bot emits them through botbuilder's `BotTelemetryClient`
 * (bots/telemetry.ts), which validates them here and hands them to a `TelemetrySink`.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';

/** Every event name, as `trackEvent` sends them (the shared contract of issue 14). */
export const INSIGHT_EVENT_NAMES = [
  'message.received',
  'answer.given',
  'walkthrough.step',
  'walkthrough.finished',
  'walkthrough.abandoned',
  'error.explained',
  'feedback',
  'handover.offered',
  'handover.requested',
  'handover.accepted',
  'handover.abandoned',
  'handover.ended',
  'agent.rating',
] as const;
export type InsightEventName = (typeof INSIGHT_EVENT_NAMES)[number];

/** What `answer.given` says of the reply. */
export const ANSWER_KINDS = ['answer', 'clarify', 'did-you-mean', 'none'] as const;
export type AnswerKind = (typeof ANSWER_KINDS)[number];

/** The most characters of an unanswered question kept (after redaction): enough to read, too little to hold a paste. */
export const MAX_UNANSWERED_TEXT = 300;

const short = (max: number) => z.string().min(1).max(max);
const label = short(200);

const base = {
  /** When it happened, ISO 8601 (UTC). */
  at: z.iso.datetime(),
  channel: short(64),
  /** The conversation's key (conversationKey): a hash, so the events do not name the conversation. */
  conversation: short(64),
};

/** Every event, validated: a closed union on `name`, with what each carries. */
export const insightEventSchema = z.discriminatedUnion('name', [
  z.strictObject({ name: z.literal('message.received'), ...base }),
  z.strictObject({
    name: z.literal('answer.given'),
    ...base,
    kind: z.enum(ANSWER_KINDS),
    reason: label.optional(),
    about: label.optional(),
    confidence: z.number().min(0).max(1).optional(),
    /** Only when kind is 'none': the question, redacted and cut to MAX_UNANSWERED_TEXT. */
    text: z.string().max(MAX_UNANSWERED_TEXT).optional(),
  }),
  z.strictObject({ name: z.literal('walkthrough.step'), ...base, step: z.int().min(1).max(100) }),
  z.strictObject({ name: z.literal('walkthrough.finished'), ...base }),
  z.strictObject({ name: z.literal('walkthrough.abandoned'), ...base, step: z.int().min(1).max(100) }),
  z.strictObject({ name: z.literal('error.explained'), ...base, code: label }),
  z.strictObject({ name: z.literal('feedback'), ...base, about: label, helpful: z.enum(['yes', 'no']) }),
  z.strictObject({ name: z.literal('handover.offered'), ...base }),
  z.strictObject({ name: z.literal('handover.requested'), ...base }),
  z.strictObject({
    name: z.literal('handover.accepted'),
    ...base,
    timeToAcceptMs: z
      .number()
      .min(0)
      .max(365 * 24 * 3600 * 1000),
  }),
  z.strictObject({ name: z.literal('handover.abandoned'), ...base }),
  z.strictObject({ name: z.literal('handover.ended'), ...base }),
  z.strictObject({ name: z.literal('agent.rating'), ...base, rating: z.int().min(1).max(5) }),
]);

/** One validated event. */
export type InsightEvent = z.infer<typeof insightEventSchema>;

/** Where events go: the SQLite store, a test's list, or nowhere. `track` never throws and never waits. */
export interface TelemetrySink {
  track(event: InsightEvent): void;
}

/** A sink that keeps events in an array: for tests. */
export class ArraySink implements TelemetrySink {
  readonly events: InsightEvent[] = [];
  track(event: InsightEvent): void {
    this.events.push(event);
  }
}

/** Validates an event; the problems as one line each ("kind: …") when it is not one. */
export function parseInsightEvent(value: unknown): { event: InsightEvent } | { problems: string[] } {
  const parsed = insightEventSchema.safeParse(value);
  if (parsed.success) return { event: parsed.data };
  return { problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'event'}: ${i.message}`) };
}

/**
 * The key events carry instead of the conversation id: the first 32 hex digits of SHA-256 of the
 * channel and id. Why a hash: the events outlive nothing they need the id for, and deleting a
 * conversation's events (transcript deletion) only needs the same hash again.
 */
export function conversationKey(channel: string, conversationId: string): string {
  return createHash('sha256').update(`${channel}\n${conversationId}`).digest('hex').slice(0, 32);
}

/** The day (YYYY-MM-DD, UTC) of an ISO timestamp or of milliseconds since 1970. */
export function dayOf(at: string | number): string {
  return new Date(at).toISOString().slice(0, 10);
}
