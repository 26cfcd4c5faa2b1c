/**
 * Small BotTelemetryClients to wire the bot's telemetry to several places at once: the embedded event store,
 * the Prometheus counters (server/metrics.ts's `metricsSink`) and, at scale, Application Insights.
 */
import { NullTelemetryClient, type BotTelemetryClient, type TelemetryEvent } from 'botbuilder';

/** Something that takes events (the core's TelemetrySink, metricsSink). */
export interface EventSink {
  track(event: { name: string; properties?: { [key: string]: unknown }; metrics?: { [key: string]: number } }): void;
}

/** A client whose events go to `sink`; its other calls (traces, dependencies, page views) go nowhere. */
export function eventsTo(sink: EventSink): BotTelemetryClient {
  const client = new NullTelemetryClient();
  client.trackEvent = (event: TelemetryEvent) => sink.track(event);
  return client;
}

/** One client that passes every call to each of `clients`; one failing does not stop the others or the turn. */
export function fanOut(...clients: BotTelemetryClient[]): BotTelemetryClient {
  const each =
    <K extends keyof BotTelemetryClient>(method: K) =>
    (telemetry: Parameters<BotTelemetryClient[K]>[0]) => {
      for (const client of clients) {
        try {
          (client[method] as (t: typeof telemetry) => void)(telemetry);
        } catch {
          // Why swallowed: telemetry must never fail a customer's turn.
        }
      }
    };
  return {
    trackDependency: each('trackDependency'),
    trackEvent: each('trackEvent'),
    trackException: each('trackException'),
    trackTrace: each('trackTrace'),
    flush: () => clients.forEach((client) => client.flush()),
  };
}
