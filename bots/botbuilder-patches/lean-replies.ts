/**
 * Sends a turn's messages without the Azure HTTP pipeline. botframework-connector posts every
 * activity through @azure/core-client: a dozen pipeline policies, mapper-driven serialisation and
 * a tracing span — the largest single cost of a turn under load. `sendToConversation` and
 * `replyToActivity` here POST the activity's JSON on a keep-alive connection, signed by the
 * client's own credentials, the way botbuilder's BotFrameworkClientImpl posts to skills. What the
 * pipeline does that callers rely on is kept (test/botbuilder-patches/lean-replies.test.ts compares
 * the two): the same URL, headers (User-Agent included) and body; the proxy (outbound.ts); which
 * answers are retried, and how often; the status and error code of a failure. Only the waits are
 * shorter (a chat cannot wait a minute), and an error never carries the activity. Every other
 * operation (members, update, delete, Teams calls) goes through the real client.
 */
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type Agent, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Activity, ResourceResponse } from 'botbuilder';
import type { ConnectorClient } from './connector-types';
import type { Outbound } from './outbound';

/** The header the connector API carries the conversation id in (botframework-connector's ConversationIdHttpHeaderName). */
export const CONVERSATION_ID_HEADER = 'x-ms-conversation-id';

/** How a failed send is retried: as the Azure pipeline's default policy, but with waits a chat can bear. */
export interface RetryPolicy {
  /** All tries, the first included (the pipeline's maxRetries 3, plus one). */
  attempts: number;
  /** First back-off; doubled each time. */
  baseDelayMs: number;
  /** Longest wait, also for a Retry-After header. */
  maxDelayMs: number;
  /** How long one attempt may take (the pipeline has no limit). */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 5_000, timeoutMs: 15_000 };

/** The connector refused an activity; `statusCode` and the service's error `code` are kept, never the activity. */
export class ConnectorSendError extends Error {
  override name = 'ConnectorSendError';
  constructor(
    readonly statusCode: number,
    readonly code?: string,
  ) {
    super(`The channel's connector answered HTTP ${statusCode}${code ? ` (${code})` : ''}`);
  }
}

/** What signs a request: the connector client's credentials (AppCredentials, or none for an anonymous bot). */
interface Signer {
  signRequest(resource: { headers: { set(name: string, value: string): void } }): Promise<unknown>;
}

/** `client` (made for `serviceUrl`), except that its two send operations post directly; the rest is the client's own. */
export function withLeanReplies(
  client: ConnectorClient,
  serviceUrl: string,
  outbound: Outbound,
  retry: RetryPolicy = DEFAULT_RETRY,
): ConnectorClient {
  const base = new URL(serviceUrl.endsWith('/') ? serviceUrl : `${serviceUrl}/`);
  const via = { agent: outbound.agentFor(base), userAgent: outbound.userAgent };
  const credentials = client.credentials as unknown as Signer;
  const post = (path: string, activity: Partial<Activity>, headers?: Record<string, string>) =>
    postActivity({ url: new URL(path, base), credentials, activity, headers, via, retry });
  const conversations = Object.create(client.conversations) as ConnectorClient['conversations'];
  Object.assign(conversations, {
    sendToConversation: (conversationId: string, activity: Partial<Activity>) =>
      post(`v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity),
    // Why the header only here: botframework-connector's operation spec sends it with replies alone.
    replyToActivity: (conversationId: string, activityId: string, activity: Partial<Activity>) =>
      post(
        `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`,
        activity,
        { [CONVERSATION_ID_HEADER]: conversationId },
      ),
  });
  const lean = Object.create(client) as ConnectorClient;
  Object.defineProperty(lean, 'conversations', { value: conversations });
  return lean;
}

/** One post: where, what, signed by whom, through which agent. */
export interface PostRequest {
  url: URL;
  credentials: Signer;
  activity: Partial<Activity>;
  /** Headers besides those every post carries. */
  headers?: Record<string, string>;
  via: { agent: Agent; userAgent: string };
  retry: RetryPolicy;
}

/** One activity to the connector, retried when the Azure pipeline would retry it. */
export async function postActivity(request: PostRequest): Promise<ResourceResponse> {
  const body = JSON.stringify(request.activity);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    accept: '*/*',
    'user-agent': request.via.userAgent,
    'x-ms-client-request-id': randomUUID(),
    ...request.headers,
  };
  await request.credentials.signRequest({ headers: { set: (name, value) => (headers[name.toLowerCase()] = value) } });
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptPost(request.url, headers, body, request.via.agent, request.retry.timeoutMs);
    if (outcome.kind === 'ok') return outcome.response;
    const waitMs = retryDelay(outcome, attempt, request.retry);
    if (waitMs === undefined) throw outcome.kind === 'http' ? outcome.error : outcome.cause;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

type Outcome =
  | { kind: 'ok'; response: ResourceResponse }
  | { kind: 'http'; error: ConnectorSendError; retryAfterMs?: number }
  | { kind: 'network'; cause: Error & { code?: string } };

/** The answers the connector operations declare; any other status is an error (a 204 included). */
const SUCCESS = new Set([200, 201, 202]);

/** Network errors the pipeline retries (its exponentialRetryStrategy's system errors). */
const SYSTEM_ERRORS = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNREFUSED', 'ECONNRESET', 'ENOENT', 'ENOTFOUND']);

/** Statuses the pipeline backs off and retries: 408 and server faults, but not 501 or 505. */
function isPassingFault(status: number): boolean {
  return (status >= 500 || status === 408) && status !== 501 && status !== 505;
}

/** How long to wait before attempt `attempt + 1`, or undefined to give up (the pipeline's rules, shorter waits). */
export function retryDelay(outcome: Exclude<Outcome, { kind: 'ok' }>, attempt: number, policy: RetryPolicy) {
  if (attempt >= policy.attempts) return undefined;
  const backOff = Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs);
  if (outcome.kind === 'network') return SYSTEM_ERRORS.has(outcome.cause.code ?? '') ? backOff : undefined;
  if (outcome.retryAfterMs !== undefined) return Math.min(outcome.retryAfterMs, policy.maxDelayMs);
  return isPassingFault(outcome.error.statusCode) ? backOff : undefined;
}

function attemptPost(
  url: URL,
  headers: Record<string, string>,
  body: string,
  agent: Agent,
  timeoutMs: number,
): Promise<Outcome> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(url, { method: 'POST', headers, agent, timeout: timeoutMs }, (res) =>
      readBody(res).then(
        (text) => resolve(outcomeOf(res, text)),
        (cause: Error) => resolve({ kind: 'network', cause }),
      ),
    );
    // Why no code on this error: a post that timed out may have arrived, so it is not sent again.
    req.on('timeout', () => req.destroy(new Error(`no answer from the connector within ${timeoutMs} ms`)));
    req.on('error', (cause) => resolve({ kind: 'network', cause }));
    req.end(body);
  });
}

function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    res.on('end', () => resolve(text));
    res.on('error', reject);
  });
}

/** The response as the pipeline reads it: a ResourceResponse, or an error with the service's code (PARSE_ERROR for a body that is not JSON). */
function outcomeOf(res: IncomingMessage, text: string): Outcome {
  const status = res.statusCode ?? 0;
  const json = parseJson(text);
  const code = json === INVALID ? 'PARSE_ERROR' : stringField(fieldOf(json, 'error'), 'code');
  if (SUCCESS.has(status) && json !== INVALID) {
    const id = stringField(json, 'id');
    return { kind: 'ok', response: (id === undefined ? {} : { id }) as ResourceResponse };
  }
  return { kind: 'http', error: new ConnectorSendError(status, code), retryAfterMs: retryAfter(res) };
}

const INVALID = Symbol('not JSON');

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return INVALID;
  }
}

function fieldOf(value: unknown, field: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
}

function stringField(value: unknown, field: string): string | undefined {
  const found = fieldOf(value, field);
  return typeof found === 'string' ? found : undefined;
}

/** The wait a 429 or 503 asks for, in ms: retry-after-ms, x-ms-retry-after-ms, or Retry-After in seconds or as a date. */
function retryAfter(res: IncomingMessage): number | undefined {
  if (res.statusCode !== 429 && res.statusCode !== 503) return undefined;
  for (const header of ['retry-after-ms', 'x-ms-retry-after-ms', 'retry-after']) {
    const value = res.headers[header];
    if (typeof value !== 'string' || value === '') continue;
    const number = Number(value);
    if (Number.isFinite(number)) return Math.max(0, header === 'retry-after' ? number * 1000 : number);
  }
  const at = Date.parse(String(res.headers['retry-after'] ?? ''));
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
