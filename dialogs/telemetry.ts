/**
 * The dialogs' telemetry: each meaningful step as a `trackEvent` call on botbuilder's
 * `BotTelemetryClient` (names and properties of the issue-14 contract). Every event names the
 * channel and a hash of the conversation, never the customer's words; only an unanswered
 * question carries its text, redacted and cut short (insights/group.ts unansweredText).
 */
import type { BotTelemetryClient, TurnContext } from 'botbuilder';
import type { Answer, SearchResult } from '../knowledge';
import { conversationKey, type AnswerKind, type InsightEventName } from '../insights/events';
import { unansweredText } from '../insights/group';

/** Properties of an event besides the channel and conversation; undefined ones are left out. */
export type StepProperties = Record<string, string | number | undefined>;

/** Sends one event for this conversation, if there is a client. */
export function trackStep(
  context: TurnContext,
  client: BotTelemetryClient | undefined,
  name: InsightEventName,
  properties: StepProperties = {},
  metrics?: Record<string, number>,
): void {
  if (!client) return;
  const channel = context.activity.channelId ?? 'unknown';
  const conversationId = conversationKey(channel, context.activity.conversation?.id ?? '');
  const kept: Record<string, string> = { channel, conversationId };
  for (const [key, value] of Object.entries(properties)) if (value !== undefined) kept[key] = String(value);
  client.trackEvent({ name, properties: kept, ...(metrics ? { metrics } : {}) });
}

/** What an answer was about: its entry, or the settings rows asked for (as the feedback names it). */
export function aboutOf(result: SearchResult): string | undefined {
  if (result.kind !== 'answer') return undefined;
  const t = result.target;
  if (t.type === 'entry') return `entry:${t.entry.id}`;
  if (t.type !== 'settings') return t.type;
  return `settings:${t.protocols.join('+')}:${t.attributes.join('+') || 'all'}`;
}

const KINDS: Record<SearchResult['kind'], AnswerKind> = {
  answer: 'answer',
  clarify: 'clarify',
  ambiguous: 'did-you-mean',
  none: 'none',
};

/** `answer.given` for a search's answer; the question's text (redacted) only when it went unanswered. */
export function trackAnswer(
  context: TurnContext,
  client: BotTelemetryClient | undefined,
  { result }: Answer,
  question: string,
): void {
  if (!client) return;
  const kind = KINDS[result.kind];
  trackStep(context, client, 'answer.given', {
    kind,
    reason: result.kind === 'none' ? result.reason : undefined,
    about: aboutOf(result),
    confidence: result.kind === 'answer' ? Math.min(1, Math.max(0, result.confidence)) : undefined,
    text: kind === 'none' ? unansweredText(question) || undefined : undefined,
  });
}
