/**
 * botbuilder's `BotTelemetryClient`, writing the bot's events to the insights sink (the embedded
 * default: the SQLite store). The dialogs and the handover call `trackEvent` as they would for
 * Application Insights; each event is validated (insights/events.ts) and stamped here. Requests,
 * dependencies, exceptions and traces are not insights: they are dropped.
 */
import type {
  BotTelemetryClient,
  TelemetryDependency,
  TelemetryEvent,
  TelemetryException,
  TelemetryTrace,
} from 'botbuilder';
import { parseInsightEvent, type TelemetrySink } from '../insights/events';
import type { UnansweredReader } from '../insights/group';
import { storeSink } from '../insights/sink';
import type { InsightsStore } from '../insights/sqlite';

/** Properties sent as strings (Application Insights' custom dimensions) that the events read as numbers. */
const NUMERIC = new Set(['step', 'confidence', 'rating', 'timeToAcceptMs']);

/** A `trackEvent` call as an insights event candidate: the names of the shared contract, values typed. */
export function eventOf(telemetry: TelemetryEvent, at: Date): Record<string, unknown> {
  const { channel, conversationId, ...rest } = telemetry.properties ?? {};
  const fields: Record<string, unknown> = {
    name: telemetry.name,
    at: at.toISOString(),
    channel,
    conversation: conversationId,
  };
  for (const [key, value] of Object.entries({ ...rest, ...telemetry.metrics }))
    if (value !== undefined && value !== null && value !== '')
      fields[key] = NUMERIC.has(key) && typeof value === 'string' ? Number(value) : value;
  return fields;
}

/** Forwards valid events to the sink; an invalid one is reported (its name and problems, never its text) and dropped. */
export class InsightsTelemetryClient implements BotTelemetryClient {
  constructor(
    private readonly sink: TelemetrySink,
    private readonly onInvalid: (name: string, problems: string[]) => void = () => undefined,
    private readonly now: () => Date = () => new Date(),
  ) {}

  trackEvent(telemetry: TelemetryEvent): void {
    const candidate = eventOf(telemetry, this.now());
    if (candidate.text !== undefined && !(candidate.name === 'answer.given' && candidate.kind === 'none'))
      return this.onInvalid(telemetry.name, [
        'text: only an unanswered question (answer.given, kind none) may carry text',
      ]);
    const parsed = parseInsightEvent(candidate);
    if ('event' in parsed) this.sink.track(parsed.event);
    else this.onInvalid(String(telemetry.name).slice(0, 64), parsed.problems);
  }

  trackDependency(_telemetry: TelemetryDependency): void {}
  trackException(_telemetry: TelemetryException): void {}
  trackTrace(_telemetry: TelemetryTrace): void {}
  flush(): void {}
}

/** What the embedded telemetry logs: a failed write, an invalid event (names and problems only). */
export interface TelemetryLogger {
  warn(details: object, message: string): void;
}

/** The embedded default: events to the insights store (SQLite, or SQLite in memory), or none without a store. */
export function embeddedTelemetry(
  store: InsightsStore | undefined,
  reader: UnansweredReader,
  logger: TelemetryLogger,
  now: () => Date = () => new Date(),
): BotTelemetryClient | undefined {
  if (!store) return undefined;
  const sink = storeSink(store, reader, (err) => logger.warn({ err }, 'insights: an event could not be stored'));
  const onInvalid = (event: string, problems: string[]) =>
    logger.warn({ event, problems }, 'insights: an invalid event was dropped');
  return new InsightsTelemetryClient(sink, onInvalid, now);
}
