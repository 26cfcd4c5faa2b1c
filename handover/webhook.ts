/**
 * Delivers a ticket as JSON to HANDOFF_WEBHOOK_URL, signed (X-Signature-256, X-Timestamp; security/webhooks.ts),
 * redacted before it leaves, and retried with back-off. The HTTP call is injected (`Post`), so the rules are
 * tested with fakes; `httpPost` is the real one, on node:http/https.
 *
 * Why these rules: a ticketing system that is briefly down or throttling (408, 429, 5xx, no answer) should
 * still get the ticket, but a customer's request must not hold a process for long, so attempts and total time
 * are bounded. A redirect is never followed: the bot connects only to the configured URL. Receivers may get a
 * ticket twice (an answer lost after it arrived) and should keep the first per ticket id.
 */
import * as http from 'node:http';
import * as https from 'node:https';
import { signWebhook } from '../security/webhooks';
import { redactDeep } from '../transcripts/redact';

/** What one POST gave: the receiver's status (and Retry-After), or no answer at all (network error, timeout). */
export type PostResult = { kind: 'answered'; status: number; retryAfter?: string } | { kind: 'failed'; reason: string };

/** Sends one POST of `body` to `url`; never follows a redirect, never rejects. */
export type Post = (url: string, headers: Readonly<Record<string, string>>, body: string) => Promise<PostResult>;

/** How a delivery ended, after `attempts` POSTs. */
export type Delivery =
  { kind: 'delivered'; attempts: number; status: number } | { kind: 'failed'; attempts: number; reason: string };

/** Where log lines go: never the body, and only the URL's origin (its path or query may hold a token). */
export interface WebhookLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** What the sender needs; the limits have defaults. */
export interface WebhookOptions {
  /** HANDOFF_WEBHOOK_URL: every POST goes here and nowhere else. */
  url: string;
  /** HANDOFF_WEBHOOK_SECRET. */
  secret: string;
  post: Post;
  logger?: WebhookLog;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** 0 ≤ random() < 1, for jitter (so many instances retrying do not hit the receiver together). */
  random?: () => number;
  maxAttempts?: number;
  /** The first back-off; doubled after each attempt, up to `maxDelayMs`. */
  baseDelayMs?: number;
  /** The longest wait between attempts, Retry-After included: a longer one ends the delivery. */
  maxDelayMs?: number;
  /** No attempt starts later than this after the first. */
  maxTotalMs?: number;
  /** A larger ticket is not sent. */
  maxBodyBytes?: number;
}

export const WEBHOOK_DEFAULTS = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxTotalMs: 120_000,
  maxBodyBytes: 1024 * 1024,
} as const;

/** Each attempt's limit in `httpPost`: the whole exchange up to the response's status line. */
export const DEFAULT_ATTEMPT_TIMEOUT_MS = 10_000;

type Limits = Required<Pick<WebhookOptions, keyof typeof WEBHOOK_DEFAULTS>>;

/** What one attempt means for the delivery. */
type Verdict =
  | { kind: 'delivered'; status: number }
  | { kind: 'retry'; reason: string; afterMs?: number }
  | { kind: 'stop'; reason: string };

/** A function that delivers one ticket (any JSON value): redacted, signed, retried; it never rejects. */
export function createWebhookSender(options: WebhookOptions): (ticket: unknown) => Promise<Delivery> {
  const limits: Limits = { ...WEBHOOK_DEFAULTS, ...definedOnly(options) };
  const now = options.now ?? Date.now;
  const origin = new URL(options.url).origin;
  const log = (delivery: Delivery): Delivery => {
    const fields = { webhook: origin, attempts: delivery.attempts };
    if (delivery.kind === 'delivered')
      options.logger?.info({ ...fields, status: delivery.status }, 'Ticket webhook delivered');
    else options.logger?.warn({ ...fields, reason: delivery.reason }, 'Ticket webhook not delivered');
    return delivery;
  };
  return async (ticket) => {
    const body = JSON.stringify(redactDeep(ticket)) ?? 'null';
    if (Buffer.byteLength(body) > limits.maxBodyBytes)
      return log({ kind: 'failed', attempts: 0, reason: `ticket over ${limits.maxBodyBytes} bytes, not sent` });
    return log(await attemptAll(options, limits, now, body));
  };
}

/** POSTs until delivered, a final answer, or a limit. */
async function attemptAll(options: WebhookOptions, limits: Limits, now: () => number, body: string): Promise<Delivery> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const started = now();
  for (let attempts = 1; ; attempts++) {
    // Why signed per attempt: receivers refuse a timestamp more than 5 minutes old.
    const headers = { 'Content-Type': 'application/json', ...signWebhook(options.secret, body, now()) };
    const verdict = judge(await options.post(options.url, headers, body), now());
    const fail = (reason: string): Delivery => ({ kind: 'failed', attempts, reason });
    if (verdict.kind === 'delivered') return { kind: 'delivered', attempts, status: verdict.status };
    if (verdict.kind === 'stop') return fail(verdict.reason);
    if (attempts >= limits.maxAttempts) return fail(`${verdict.reason}; gave up after ${attempts} attempts`);
    const asked = verdict.afterMs ?? 0;
    if (asked > limits.maxDelayMs) return fail(`${verdict.reason}; Retry-After ${asked} ms is too long`);
    const delay = Math.max(backoff(attempts, limits, options.random ?? Math.random), asked);
    if (now() - started + delay > limits.maxTotalMs)
      return fail(`${verdict.reason}; out of time after ${attempts} attempts`);
    await sleep(delay);
  }
}

/** 2xx delivered; 408, 429, 5xx and no answer retried; a redirect or any other status final. */
function judge(result: PostResult, nowMs: number): Verdict {
  if (result.kind === 'failed') return { kind: 'retry', reason: result.reason };
  const { status } = result;
  if (status >= 200 && status < 300) return { kind: 'delivered', status };
  if (status === 408 || status === 429 || (status >= 500 && status < 600))
    return { kind: 'retry', reason: `HTTP ${status}`, afterMs: retryAfterMs(result.retryAfter, nowMs) };
  if (status >= 300 && status < 400) return { kind: 'stop', reason: `HTTP ${status}, a redirect, not followed` };
  return { kind: 'stop', reason: `HTTP ${status}` };
}

/** Retry-After as seconds or an HTTP date (… GMT), in ms from `nowMs`; undefined when absent or unreadable. */
export function retryAfterMs(header: string | undefined, nowMs: number): number | undefined {
  const value = header?.trim();
  if (!value || value.length > 64) return undefined;
  if (/^\d{1,9}$/.test(value)) return Number(value) * 1000;
  // Why GMT only: HTTP dates end with it, and Date.parse alone reads "-5" or "1.5" as dates.
  const date = value.endsWith(' GMT') ? Date.parse(value) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Exponential, capped, with jitter: between half and all of base × 2^(attempt−1). */
function backoff(attempt: number, limits: Limits, random: () => number): number {
  const full = Math.min(limits.maxDelayMs, limits.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(full / 2 + (full / 2) * random());
}

function definedOnly(options: WebhookOptions): Partial<Limits> {
  const keys = Object.keys(WEBHOOK_DEFAULTS) as (keyof Limits)[];
  return Object.fromEntries(keys.filter((k) => options[k] !== undefined).map((k) => [k, options[k]]));
}

/** The real `Post`: one connection per attempt, no proxy, no redirects, at most `timeoutMs` to the status line. */
export function httpPost(options: { timeoutMs?: number } = {}): Post {
  const timeoutMs = options.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  return (url, headers, body) =>
    new Promise<PostResult>((resolve) => {
      const target = new URL(url);
      const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
      if (!client) return resolve({ kind: 'failed', reason: `not http or https: ${target.protocol}` });
      const payload = Buffer.from(body);
      const request = client.request(
        target,
        {
          method: 'POST',
          agent: false,
          headers: { ...headers, 'Content-Length': String(payload.length) },
          signal: AbortSignal.timeout(timeoutMs),
        },
        (response) => {
          const retryAfter = response.headers['retry-after'];
          resolve({ kind: 'answered', status: response.statusCode ?? 0, retryAfter });
          // The receiver's body is never read: nothing to keep, nothing to buffer.
          response.destroy();
        },
      );
      request.on('error', (err) =>
        resolve({
          kind: 'failed',
          reason: err.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : err.message,
        }),
      );
      request.end(payload);
    });
}
