/**
 * Sends a turn's messages without the Azure HTTP pipeline. botframework-connector posts every
 * activity through @azure/core-client: a dozen pipeline policies, mapper-driven serialisation and
 * a tracing span — the largest single cost of a turn under load. `sendToConversation` and
 * `replyToActivity` here POST the activity's JSON on a keep-alive connection, signed by the
 * client's own credentials, the way botbuilder's BotFrameworkClientImpl posts to skills. Every
 * other operation (members, update, delete, Teams calls) goes through the real client.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Activity, ResourceResponse } from 'botbuilder';
import type { ConnectorClient } from './connector-types';

/** The header the connector API carries the conversation id in (botframework-connector's ConversationIdHttpHeaderName). */
export const CONVERSATION_ID_HEADER = 'x-ms-conversation-id';

/** How a failed send is retried: like the Azure pipeline's default policy, but with delays a chat can bear. */
export interface RetryPolicy {
  attempts: number;
  /** First back-off; doubled each time. */
  baseDelayMs: number;
  /** Longest wait, also for a Retry-After header. */
  maxDelayMs: number;
  /** How long one attempt may take. */
  timeoutMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 5_000, timeoutMs: 15_000 };

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
  retry: RetryPolicy = DEFAULT_RETRY,
): ConnectorClient {
  const credentials = client.credentials as unknown as Signer;
  const post = (conversationId: string, path: string, activity: Partial<Activity>) =>
    postActivity({ baseUri: serviceUrl, credentials, conversationId, path, activity, retry });
  const conversations = Object.create(client.conversations) as ConnectorClient['conversations'];
  Object.assign(conversations, {
    sendToConversation: (conversationId: string, activity: Partial<Activity>) =>
      post(conversationId, `v3/conversations/${encodeURIComponent(conversationId)}/activities`, activity),
    replyToActivity: (conversationId: string, activityId: string, activity: Partial<Activity>) =>
      post(
        conversationId,
        `v3/conversations/${encodeURIComponent(conversationId)}/activities/${encodeURIComponent(activityId)}`,
        activity,
      ),
  });
  const lean = Object.create(client) as ConnectorClient;
  Object.defineProperty(lean, 'conversations', { value: conversations });
  return lean;
}

interface PostRequest {
  baseUri: string;
  credentials: Signer;
  conversationId: string;
  path: string;
  activity: Partial<Activity>;
  retry: RetryPolicy;
}

/** One activity to the connector, retried on throttling, 5xx and dropped connections. */
export async function postActivity(request: PostRequest): Promise<ResourceResponse> {
  const url = new URL(request.path, request.baseUri.endsWith('/') ? request.baseUri : `${request.baseUri}/`);
  const body = JSON.stringify(request.activity);
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    [CONVERSATION_ID_HEADER]: request.conversationId,
  };
  await request.credentials.signRequest({ headers: { set: (name, value) => (headers[name.toLowerCase()] = value) } });
  for (let attempt = 1; ; attempt++) {
    const outcome = await attemptPost(url, headers, body, request.retry.timeoutMs);
    if (outcome.kind === 'ok') return outcome.response;
    const waitMs = retryDelay(outcome, attempt, request.retry);
    if (waitMs === undefined) throw outcome.kind === 'http' ? outcome.error : outcome.cause;
    await new Promise((resolve) => setTimeout(resolve, waitMs));
  }
}

type Outcome =
  | { kind: 'ok'; response: ResourceResponse }
  | { kind: 'http'; error: ConnectorSendError; retryAfterMs?: number }
  | { kind: 'network'; cause: Error };

/** Status codes worth another try (the Azure pipeline's list): throttling, timeouts and passing server faults. */
const RETRIABLE = new Set([408, 429, 500, 502, 503, 504]);

/** How long to wait before attempt `attempt + 1`, or undefined to give up. */
export function retryDelay(outcome: Exclude<Outcome, { kind: 'ok' }>, attempt: number, policy: RetryPolicy) {
  if (attempt >= policy.attempts) return undefined;
  if (outcome.kind === 'http' && !RETRIABLE.has(outcome.error.statusCode)) return undefined;
  const backOff = policy.baseDelayMs * 2 ** (attempt - 1);
  const wanted = outcome.kind === 'http' && outcome.retryAfterMs !== undefined ? outcome.retryAfterMs : backOff;
  return Math.min(wanted, policy.maxDelayMs);
}

const agents = {
  'http:': new HttpAgent({ keepAlive: true }),
  'https:': new HttpsAgent({ keepAlive: true }),
};

function attemptPost(url: URL, headers: Record<string, string>, body: string, timeoutMs: number): Promise<Outcome> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const agent = url.protocol === 'https:' ? agents['https:'] : agents['http:'];
  return new Promise((resolve) => {
    const req = send(url, { method: 'POST', headers, agent, timeout: timeoutMs }, (res) =>
      readBody(res).then(
        (text) => resolve(outcomeOf(res, text)),
        (cause: Error) => resolve({ kind: 'network', cause }),
      ),
    );
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

function outcomeOf(res: IncomingMessage, text: string): Outcome {
  const status = res.statusCode ?? 0;
  const json = parseJson(text);
  if (status >= 200 && status < 300) return { kind: 'ok', response: { id: stringField(json, 'id') ?? '' } };
  const code = stringField((json as { error?: unknown } | undefined)?.error, 'code');
  return { kind: 'http', error: new ConnectorSendError(status, code), retryAfterMs: retryAfter(res) };
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function stringField(value: unknown, field: string): string | undefined {
  const found = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[field] : undefined;
  return typeof found === 'string' ? found : undefined;
}

/** Retry-After in seconds or as an HTTP date, in ms. */
function retryAfter(res: IncomingMessage): number | undefined {
  const header = res.headers['retry-after'];
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
