/**
 * Operational metrics for Prometheus (`GET /metrics`, prom-client): turns and their latency, answers by kind,
 * handovers by state, HTTP responses by route and status class, store errors, Direct Line conversations open.
 * Why a registry of its own: prom-client's global one is shared by every app in a process (tests build many),
 * and by any library that registers into it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type * as restify from 'restify';
import type { Logger } from '../logger';
import { operatorOnly } from './operator-routes';

/** Label values that come from outside are bounded to these; anything else counts as 'other'. */
export const KNOWN_CHANNELS = ['directline', 'webchat', 'msteams', 'emulator', 'test'] as const;
export const ANSWER_KINDS = ['answer', 'clarify', 'did-you-mean', 'none'] as const;
export const HANDOVER_STATES = ['offered', 'requested', 'accepted', 'abandoned', 'ended'] as const;

/** Turn latency buckets, in seconds: a turn answers in milliseconds, a handover or a slow store takes seconds. */
export const TURN_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A telemetry event as the bot emits it (botbuilder's TelemetryEvent, or the core's InsightEvent). */
export interface MetricsEvent {
  name: string;
  properties?: { [key: string]: unknown };
}

/** One finished turn, as the turn middleware reports it. */
export interface TurnReport {
  channel: string;
  seconds: number;
  failed: boolean;
}

/** The bot's metrics and the ways they are fed. */
export interface BotMetrics {
  readonly registry: Registry;
  /** A finished turn: counted by channel and outcome, timed. */
  turnEnded(turn: TurnReport): void;
  /** A telemetry event: `answer.given` counts an answer by kind, `handover.*` a handover step; others are ignored. */
  recordEvent(event: MetricsEvent): void;
  /** A response: counted by the route's template (never the raw URL), method and status class. */
  responded(route: string, method: string, status: number): void;
  /** A store operation that failed (it is rethrown to its caller). */
  storeFailed(store: string, operation: string, error: unknown): void;
  /** Where the open Direct Line conversations are counted from, read at each scrape. */
  countDirectLineOpen(count: () => number): void;
}

/** Builds the metrics on a registry of their own; `processMetrics` adds the process' CPU, memory and start time. */
export function createMetrics(options: { processMetrics?: boolean } = {}): BotMetrics {
  const registry = new Registry();
  if (options.processMetrics) processMetrics(registry);
  let openCount: () => number = () => 0;
  const m = instruments(registry, () => openCount());
  return {
    registry,
    turnEnded: ({ channel, seconds, failed }) => {
      const labels = { channel: known(channel, KNOWN_CHANNELS) };
      m.turns.inc({ ...labels, outcome: failed ? 'failed' : 'ok' });
      m.turnSeconds.observe(labels, seconds);
    },
    recordEvent: (event) => recordEvent(m, event),
    responded: (route, method, status) =>
      m.http.inc({ route, method: known(method, METHODS), status_class: statusClass(status) }),
    storeFailed: (store, operation, error) => m.storeErrors.inc({ store, operation, error: errorName(error) }),
    countDirectLineOpen: (count) => void (openCount = count),
  };
}

type Instruments = ReturnType<typeof instruments>;

function instruments(registers: Registry, openCount: () => number) {
  const on = { registers: [registers] };
  return {
    turns: new Counter({
      ...{ name: 'bot_turns_total', help: 'Turns the bot ran, by channel and outcome (ok, failed).' },
      ...{ labelNames: ['channel', 'outcome'] as const, ...on },
    }),
    turnSeconds: new Histogram({
      ...{ name: 'bot_turn_duration_seconds', help: 'Time from an activity reaching the bot to its turn ending.' },
      ...{ labelNames: ['channel'] as const, buckets: TURN_BUCKETS, ...on },
    }),
    answers: new Counter({
      ...{ name: 'bot_answers_total', help: 'Answers given, by kind: answer, clarify, did-you-mean, none.' },
      ...{ labelNames: ['kind'] as const, ...on },
    }),
    handovers: new Counter({
      ...{ name: 'bot_handovers_total', help: 'Handover steps: offered, requested, accepted, abandoned, ended.' },
      ...{ labelNames: ['state'] as const, ...on },
    }),
    http: new Counter({
      ...{ name: 'bot_http_responses_total', help: 'HTTP responses by route template, method and status class.' },
      ...{ labelNames: ['route', 'method', 'status_class'] as const, ...on },
    }),
    storeErrors: new Counter({
      ...{ name: 'bot_store_errors_total', help: 'Failed store operations, by store, operation and error name.' },
      ...{ labelNames: ['store', 'operation', 'error'] as const, ...on },
    }),
    directLineOpen: new Gauge({
      ...{ name: 'bot_directline_conversations_open', help: 'Conversations the built-in Direct Line holds open.' },
      ...on,
      collect(this: Gauge) {
        this.set(openCount());
      },
    }),
  };
}

/**
 * CPU, memory and start time, read only when scraped. Why not prom-client's collectDefaultMetrics: its GC and
 * event-loop observers took 0.71 against 0.58 ms of CPU per turn in a bench:load A/B run.
 */
function processMetrics(registers: Registry): void {
  const on = { registers: [registers] };
  const startSeconds = Math.round(Date.now() / 1000 - process.uptime());
  new Counter({
    ...{ name: 'process_cpu_seconds_total', help: 'User and system CPU time spent, in seconds.', ...on },
    collect(this: Counter) {
      const { user, system } = process.cpuUsage();
      this.reset();
      this.inc((user + system) / 1e6);
    },
  });
  new Gauge({
    ...{ name: 'process_resident_memory_bytes', help: 'Resident memory size in bytes.', ...on },
    collect(this: Gauge) {
      this.set(process.memoryUsage.rss());
    },
  });
  new Gauge({
    ...{ name: 'nodejs_heap_size_used_bytes', help: 'V8 heap used, in bytes.', ...on },
    collect(this: Gauge) {
      this.set(process.memoryUsage().heapUsed);
    },
  });
  new Gauge({ name: 'process_start_time_seconds', help: 'Start time of the process, in Unix seconds.', ...on }).set(
    startSeconds,
  );
}

/** Counts what the metrics count of a telemetry event, by its name (the event names). */
function recordEvent(m: Instruments, event: MetricsEvent): void {
  if (event.name === 'answer.given') {
    // Why both places: botbuilder's TelemetryEvent carries it in properties, a flat core event at the top.
    const kind = event.properties?.kind ?? (event as { kind?: unknown }).kind;
    if (isOneOf(kind, ANSWER_KINDS)) m.answers.inc({ kind });
    return;
  }
  const state = event.name.startsWith('handover.') ? event.name.slice('handover.'.length) : undefined;
  if (isOneOf(state, HANDOVER_STATES)) m.handovers.inc({ state });
}

/** A `TelemetrySink`-shaped adapter (the core's `track(event)`): what the lead plugs next to the event store. */
export function metricsSink(metrics: Pick<BotMetrics, 'recordEvent'>): { track(event: MetricsEvent): void } {
  return { track: (event) => metrics.recordEvent(event) };
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function known<T extends string>(value: string, allowed: readonly T[]): T | 'other' {
  return isOneOf(value, allowed) ? value : 'other';
}

/** 2xx, 3xx, 4xx, 5xx; anything outside 100–599 (a socket closed before a status) as 'other'. */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other';
}

/** An error's class name, bounded (names come from code, but a label must never grow without end). */
function errorName(error: unknown): string {
  const name = (error as Error | undefined)?.name;
  return typeof name === 'string' && /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(name) ? name : 'other';
}

/** The route label of a finished request: restify's template (`/v3/directline/conversations/:conversationId`). */
export function routeLabel(req: restify.Request): string {
  const path = (req.getRoute?.() as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? path : 'unmatched';
}

/**
 * A `pre` handler: each response is counted by route template and status class when its connection is done with
 * it; one the client left before it was sent counts as status class 'other'.
 */
export function countResponses(metrics: Pick<BotMetrics, 'responded'>): restify.RequestHandler {
  return (req, res, next) => {
    const counted = res as ServerResponse;
    counted.once('close', () => {
      const status = counted.writableFinished ? counted.statusCode : 0;
      metrics.responded(routeLabel(req), (req as IncomingMessage).method ?? '', status);
    });
    return next();
  };
}

/** What the /metrics route needs. */
export interface MetricsRouteDeps {
  metrics: BotMetrics;
  /** METRICS_API_KEY; unset, /metrics answers 404 as a path that does not exist. */
  key: string | undefined;
  logger: Logger;
  notFound: (res: restify.Response) => void;
}

export const METRICS_PATH = '/metrics';

/** GET /metrics, behind `Authorization: Bearer METRICS_API_KEY` (what Prometheus' `authorization` block sends). */
export function registerMetricsRoute(server: restify.Server, deps: MetricsRouteDeps): void {
  const { metrics, key, logger, notFound } = deps;
  const handler = async (_req: restify.Request, res: restify.Response): Promise<void> => {
    const body = await metrics.registry.metrics();
    // Why writeHead/end: restify's send would pick a formatter by Accept and quote the text as JSON.
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'X-Content-Type-Options': 'nosniff' });
    res.end(body);
  };
  server.get(METRICS_PATH, operatorOnly({ role: 'metrics', key, logger, notFound }, handler));
}

/**
 * The object with every method's failures counted under `store` (and rethrown). Why a Proxy: the stores are
 * several interfaces (botbuilder's Storage, the transcript store with its batch write), each with its own methods.
 */
export function countStoreErrors<T extends object>(
  target: T,
  store: string,
  metrics: Pick<BotMetrics, 'storeFailed'>,
): T {
  return new Proxy(target, {
    get(object, property) {
      const value: unknown = Reflect.get(object, property);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      return (...args: unknown[]) => {
        const failed = (err: unknown) => {
          metrics.storeFailed(store, property, err);
          throw err;
        };
        try {
          const result: unknown = (value as (...a: unknown[]) => unknown).apply(object, args);
          return result instanceof Promise ? result.catch(failed) : result;
        } catch (err) {
          return failed(err);
        }
      };
    },
  });
}
