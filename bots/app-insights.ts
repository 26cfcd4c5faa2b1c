/**
 * Application Insights at scale: the official `ApplicationInsightsTelemetryClient` (botbuilder-applicationinsights)
 * as the bot's telemetry client, when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 *
 * Why more than `new ApplicationInsightsTelemetryClient(cs)`: its constructor starts the SDK with automatic
 * collection of every HTTP request and outgoing call (their URLs carry Direct Line stream tokens, signed transcript
 * links, blob SAS signatures, the client's address), exceptions (their messages can quote a customer), console and
 * performance data, and Microsoft's own "statsbeat" to a fixed endpoint. All of that is turned off here, and a
 * telemetry processor lets through only the bot's events and metrics, without `text` (an unanswered question's words
 * stay in the embedded store) and with every URL's query cut off.
 */
import type { BotTelemetryClient } from 'botbuilder';

/** A running Application Insights client; `close` sends what is buffered and stops the SDK's timers. */
export interface AppInsightsTelemetry {
  /** The official client, to pass as the bot's telemetry client. */
  client: BotTelemetryClient;
  close(): Promise<void>;
}

/** What the processor sees of an envelope (the SDK's `Contracts.EnvelopeTelemetry`). */
export interface Envelope {
  data?: { baseType?: string; baseData?: { properties?: Record<string, unknown>; [key: string]: unknown } };
  tags?: Record<string, unknown>;
}

/** The only telemetry that leaves: the bot's custom events and metrics. */
const KEPT_TYPES = new Set(['EventData', 'MetricData']);

/** Properties that may hold a customer's words; never sent, even redacted. */
const TEXT_PROPERTIES = new Set(['text', 'speak', 'question', 'utterance', 'examples']);

/** Tags that could identify a customer or their address. */
const DROPPED_TAGS = ['ai.location.ip', 'ai.user.id', 'ai.user.authUserId', 'ai.user.accountId'];

/** Longest property value sent; the bot's are ids, kinds and numbers. */
const MAX_VALUE_LENGTH = 1024;

/**
 * The telemetry processor: false drops the envelope; a kept one is changed in place (text removed, queries cut,
 * identifying tags removed). Pure, so it is tested on its own as well as through the SDK.
 */
export function privateEnvelope(envelope: Envelope): boolean {
  if (!KEPT_TYPES.has(envelope.data?.baseType ?? '')) return false;
  for (const tag of DROPPED_TAGS) delete envelope.tags?.[tag];
  const properties = envelope.data?.baseData?.properties;
  if (properties) {
    for (const name of Object.keys(properties)) {
      const value = properties[name];
      if (TEXT_PROPERTIES.has(name.toLowerCase())) delete properties[name];
      else if (typeof value === 'string') properties[name] = withoutQueries(value.slice(0, MAX_VALUE_LENGTH));
    }
  }
  return true;
}

/** Every `?query` in the text cut off (a URL's token, `sig=`, `t=`), and anything after a `sig=` or `t=` too. */
export function withoutQueries(value: string): string {
  const at = value.search(/[?#]|\b(?:sig|t|token|code)=/i);
  return at < 0 ? value : `${value.slice(0, at)}[cut]`;
}

/**
 * Starts the official client on `connectionString` with automatic collection off. One per process: the SDK keeps a
 * single default client (a second start before `close` is refused rather than silently sending to the first).
 */
export async function startAppInsights(connectionString: string): Promise<AppInsightsTelemetry> {
  await disableBeforeLoad();
  const sdk = await import('applicationinsights');
  if (sdk.defaultClient) throw new Error('Application Insights is already started in this process; close it first.');
  const { ApplicationInsightsTelemetryClient } = await import('botbuilder-applicationinsights');
  const client = new ApplicationInsightsTelemetryClient(connectionString);
  // Why sdk.Configuration: the client's `configuration` is that static class, mistyped as an instance.
  sdk.Configuration.setAutoCollectRequests(false)
    .setAutoCollectDependencies(false)
    .setAutoDependencyCorrelation(false)
    .setAutoCollectExceptions(false)
    .setAutoCollectConsole(false, false)
    .setAutoCollectPerformance(false, false)
    .setAutoCollectPreAggregatedMetrics(false)
    .setAutoCollectHeartbeat(false)
    .setSendLiveMetrics(false)
    .setUseDiskRetryCaching(false);
  client.defaultClient.addTelemetryProcessor((envelope) => privateEnvelope(envelope as Envelope));
  return { client, close: () => closeSdk(client.defaultClient, sdk) };
}

/**
 * Why before the SDK loads: it patches modules (console, the Azure SDK whose calls carry blob URLs, database
 * drivers) as it loads, and statsbeat starts in the client's constructor; both read this settings object first.
 */
async function disableBeforeLoad(): Promise<void> {
  const { JsonConfig } = await import('applicationinsights/out/Library/JsonConfig');
  const settings = JsonConfig.getInstance();
  settings.noDiagnosticChannel = true;
  settings.disableStatsbeat = true;
}

/** Sends what is buffered, then disposes the SDK (its timers and patches) so the process can exit. */
function closeSdk(
  client: { flush(options: { callback?: () => void }): void },
  sdk: { dispose(): void },
): Promise<void> {
  return new Promise((resolve) => {
    client.flush({
      callback: () => {
        sdk.dispose();
        resolve();
      },
    });
  });
}
