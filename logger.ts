/** Structured logging with pino; secrets and customers' words are redacted before anything is written. */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { LogLevel } from './config';

/** The logger every part of the bot receives. */
export type Logger = pino.Logger;

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

/**
 * Why: message text may hold a customer's password or personal details, and the config holds the app secret;
 * redaction catches them even when someone logs a whole activity, config or request by mistake.
 */
export const REDACT_PATHS = [
  'text',
  '*.text',
  '*.*.text',
  'password',
  '*.password',
  'microsoftAppPassword',
  '*.microsoftAppPassword',
  'MicrosoftAppPassword',
  '*.MicrosoftAppPassword',
  'authorization',
  'cookie',
  'headers.cookie',
  '*.headers.cookie',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
  'directLineSecret',
  '*.directLineSecret',
  'webChatTokenSecret',
  '*.webChatTokenSecret',
  'token',
  '*.token',
  'azureStorageConnectionString',
  '*.azureStorageConnectionString',
  'appInsightsConnectionString',
  '*.appInsightsConnectionString',
  ...[
    'transcriptApiKey',
    'insightsApiKey',
    'metricsApiKey',
    'linkSigningSecret',
    'handoffWebhookSecret',
    'profileSigning',
  ].flatMap((key) => [key, `*.${key}`]),
];

/** A fresh id for a request or a turn: a UUID, never derived from what a client sent. */
export function newLogId(): string {
  return randomUUID();
}

/**
 * The request each incoming activity came in, set by the edge that received it (/api/messages, the Direct Line)
 * and read by the turn's first middleware, so the turn's log lines name the request. Why a WeakMap on the
 * activity and not AsyncLocalStorage: on Node 20 that turns on async hooks for every promise (0.70 against
 * 0.56 ms of CPU per turn in a bench:load A/B run).
 */
const requestOfActivity = new WeakMap<object, string>();

/** Records that `activity` came in the request `requestId`. */
export function tagRequest(activity: object, requestId: string): void {
  requestOfActivity.set(activity, requestId);
}

/** The id of the request `activity` came in, if its edge recorded one. */
export function requestIdOfActivity(activity: object): string | undefined {
  return requestOfActivity.get(activity);
}

/** A JSON logger at `level`, writing to stdout unless a destination is given (tests pass one). */
export function createLogger(level: LogLevel, destination?: pino.DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT_PATHS, censor: REDACTED }, serializers: SERIALIZERS }, destination);
}

/**
 * Why: restify logs whole requests (`req`) on some warnings, with the raw headers (a bearer token, cookies),
 * the body and the URL (a stream's `?t=` token); HTTP client errors carry the request they made, with
 * the bot's own token. A request is logged as its method, path, query names and harmless headers only.
 */
export const SERIALIZERS = { req: requestForLog, res: responseForLog, err: errorForLog };

/** Headers whose values are logged; every other header is listed with its value redacted. */
const LOGGED_HEADERS = new Set([
  'host',
  'user-agent',
  'content-type',
  'content-length',
  'accept',
  'accept-encoding',
  'accept-language',
  'origin',
  'x-forwarded-for',
  'x-forwarded-proto',
  'x-forwarded-host',
]);

/** A request as it may be logged: method, URL without query values, harmless headers. */
export function requestForLog(req: unknown): object {
  if (!isRecord(req)) return {};
  return { method: req.method, url: urlForLog(req.url), headers: headersForLog(req.headers) };
}

function responseForLog(res: unknown): object {
  if (!isRecord(res)) return {};
  const headers = typeof res.getHeaders === 'function' ? (res.getHeaders as () => unknown)() : res.headers;
  return { statusCode: res.statusCode ?? res.status, headers: headersForLog(headers) };
}

/** pino's error serializer, with any request, response or headers an HTTP client attached made safe. */
function errorForLog(err: unknown): unknown {
  const out = pino.stdSerializers.err(err as Error) as unknown;
  if (!isRecord(out) || out === err) return out;
  if ('request' in out) out.request = requestForLog(out.request);
  if ('response' in out) out.response = responseForLog(out.response);
  if ('headers' in out) out.headers = headersForLog(out.headers);
  if ('config' in out) out.config = REDACTED;
  return out;
}

/** The path, and the query's names with their values redacted (`?t=` carries a stream token). */
function urlForLog(url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined;
  const at = url.indexOf('?');
  if (at === -1) return url.slice(0, 2048);
  const names = [...new URLSearchParams(url.slice(at + 1, at + 2048)).keys()];
  return `${url.slice(0, Math.min(at, 2048))}?${names.map((name) => `${name}=${REDACTED}`).join('&')}`;
}

function headersForLog(headers: unknown): Record<string, unknown> | undefined {
  const plain =
    isRecord(headers) && typeof headers.toJSON === 'function' ? (headers.toJSON as () => unknown)() : headers;
  if (!isRecord(plain)) return undefined;
  const entries = Object.entries(plain).map(([name, value]) => [
    name,
    LOGGED_HEADERS.has(name.toLowerCase()) ? value : REDACTED,
  ]);
  return Object.fromEntries(entries);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
