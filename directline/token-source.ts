/** Where the chat page's token comes from: the built-in Direct Line, or Azure's Direct Line via its secret. */
import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger';
import { clientKey } from './client-key';
import { RateLimiter, type RateLimit } from './rate-limiter';
import { DEFAULT_LIMITS, DIRECTLINE_PATH, type DirectLineService } from './service';

/** What the page needs to start Web Chat; `domain` may be relative to the page. */
export interface WebChatSession {
  token: string;
  conversationId: string;
  expiresIn: number;
  domain: string;
}

/** A session, or why there is none (the page shows a notice and can retry). */
export type SessionResult =
  { ok: true; session: WebChatSession } | { ok: false; status: 429 | 502; message: string; retryAfterSeconds?: number };

/** Hands out sessions to the page; `origins` are the Direct Line origins the page must be allowed to connect to. */
export interface TokenSource {
  readonly mode: 'built-in' | 'azure';
  readonly origins: readonly string[];
  create(client: string): Promise<SessionResult>;
}

/** Azure's public Direct Line; regional and sovereign clouds have their own (see the README). */
export const DEFAULT_DIRECTLINE_ENDPOINT = 'https://directline.botframework.com';

/** The text the page shows when it cannot get a session. */
export const TOKEN_TEXT = {
  throttled: 'Too many chats were started from your address; please wait a minute and try again.',
  unavailable: 'The chat service is not available right now; please try again shortly.',
} as const;

/** Sessions from the built-in endpoint on this same server. */
export function builtInTokenSource(service: DirectLineService): TokenSource {
  return {
    mode: 'built-in',
    origins: [],
    async create(client) {
      const issued = service.issueToken(client);
      if (issued.status !== 200) return throttled('retryAfterSeconds' in issued ? issued.retryAfterSeconds : undefined);
      const { token, conversationId, expiresIn } = issued.body;
      return { ok: true, session: { token, conversationId, expiresIn, domain: DIRECTLINE_PATH } };
    },
  };
}

/** What `azureTokenSource` needs; `endpoint` defaults to Azure's public Direct Line. */
export interface AzureTokenSourceOptions {
  secret: string;
  endpoint?: string;
  logger?: Pick<Logger, 'error'>;
  limit?: RateLimit;
  timeoutMs?: number;
  now?: () => number;
}

/** Sessions from Azure: the secret is exchanged with tokens/generate on the server and never reaches the browser. */
export function azureTokenSource(options: AzureTokenSourceOptions): TokenSource {
  const endpoint = (options.endpoint ?? DEFAULT_DIRECTLINE_ENDPOINT).replace(/(?<!\/)\/+$/, '');
  const limiter = new RateLimiter(options.limit ?? DEFAULT_LIMITS.newConversations, options.now);
  const origin = new URL(endpoint);
  const wsOrigin = `${origin.protocol === 'https:' ? 'wss:' : 'ws:'}//${origin.host}`;
  return {
    mode: 'azure',
    origins: [origin.origin, wsOrigin],
    async create(client) {
      const check = limiter.take(clientKey(client));
      if (!check.ok) return throttled(check.retryAfterSeconds);
      try {
        return { ok: true, session: await generate(endpoint, options) };
      } catch (err) {
        options.logger?.error({ err, endpoint }, 'Direct Line tokens/generate failed');
        return { ok: false, status: 502, message: TOKEN_TEXT.unavailable };
      }
    },
  };
}

/** Why a "dl_" user id: Direct Line then tells the bot the user joined at once, so the welcome comes unasked. */
async function generate(endpoint: string, options: AzureTokenSourceOptions): Promise<WebChatSession> {
  const res = await fetch(`${endpoint}${DIRECTLINE_PATH}/tokens/generate`, {
    method: 'POST',
    headers: { authorization: `Bearer ${options.secret}`, 'content-type': 'application/json' },
    body: JSON.stringify({ user: { id: `dl_${randomBytes(12).toString('base64url')}` } }),
    signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
  });
  if (!res.ok) throw new Error(`tokens/generate answered HTTP ${res.status}`);
  const body = (await res.json()) as { token?: unknown; conversationId?: unknown; expires_in?: unknown };
  if (typeof body.token !== 'string' || typeof body.conversationId !== 'string')
    throw new Error('tokens/generate answered without a token and conversationId');
  const expiresIn = typeof body.expires_in === 'number' ? body.expires_in : 1800;
  return { token: body.token, conversationId: body.conversationId, expiresIn, domain: `${endpoint}${DIRECTLINE_PATH}` };
}

function throttled(retryAfterSeconds = 60): SessionResult {
  return { ok: false, status: 429, message: TOKEN_TEXT.throttled, retryAfterSeconds };
}
