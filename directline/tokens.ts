/** Direct Line tokens: HS256 JSON Web Tokens bound to one conversation and one user, signed with node:crypto. */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a token may be used for: the REST API, or opening one WebSocket stream. */
export type TokenScope = 'conversation' | 'stream';

/** The claims a token carries; `user` is where Web Chat looks for the user id (as with Azure's tokens). */
export interface TokenClaims {
  conv: string;
  user: string;
  scope: TokenScope;
  iat: number;
  exp: number;
}

/** The outcome of checking a token; both failures are answered with 403. */
export type TokenCheck = { kind: 'valid'; claims: TokenClaims } | { kind: 'invalid' } | { kind: 'expired' };

/** Issues and verifies tokens. */
export interface TokenSigner {
  /** A token for `conv` and `user`, valid for the scope's lifetime from now. */
  issue(conv: string, user: string, scope?: TokenScope): { token: string; expiresIn: number };
  /** Checks signature, issuer, scope and expiry. */
  verify(token: string, scope?: TokenScope): TokenCheck;
}

/** Options for `createTokenSigner`; lifetimes in seconds. */
export interface TokenSignerOptions {
  secret: string | Buffer;
  /** Web Chat refreshes every 15 minutes, so a conversation token must live at least 30. */
  lifetimeSeconds?: number;
  /** A stream token only opens a WebSocket; clients fetch a new one for every reconnect. */
  streamLifetimeSeconds?: number;
  now?: () => number;
}

/** The issuer claim, so a token signed for something else with the same secret is refused. */
export const TOKEN_ISSUER = 'bt-email-support-bot/directline';
export const DEFAULT_TOKEN_LIFETIME_SECONDS = 30 * 60;
export const DEFAULT_STREAM_TOKEN_LIFETIME_SECONDS = 5 * 60;

const HEADER = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

/** A signer for the given secret; the secret must be shared by every instance behind one address. */
export function createTokenSigner(options: TokenSignerOptions): TokenSigner {
  const lifetimes: Record<TokenScope, number> = {
    conversation: options.lifetimeSeconds ?? DEFAULT_TOKEN_LIFETIME_SECONDS,
    stream: options.streamLifetimeSeconds ?? DEFAULT_STREAM_TOKEN_LIFETIME_SECONDS,
  };
  const now = () => Math.floor((options.now ?? Date.now)() / 1000);
  const sign = (data: string) => createHmac('sha256', options.secret).update(data).digest();
  return {
    issue(conv, user, scope = 'conversation') {
      const iat = now();
      const claims = { iss: TOKEN_ISSUER, conv, user, scope, iat, exp: iat + lifetimes[scope] };
      const body = `${HEADER}.${base64url(JSON.stringify(claims))}`;
      return { token: `${body}.${sign(body).toString('base64url')}`, expiresIn: lifetimes[scope] };
    },
    verify(token, scope = 'conversation') {
      const claims = signedClaims(token, sign);
      if (!claims || claims.scope !== scope) return { kind: 'invalid' };
      return claims.exp > now() ? { kind: 'valid', claims } : { kind: 'expired' };
    },
  };
}

/** The claims of a well-formed token whose signature matches, else undefined. */
function signedClaims(token: string, sign: (data: string) => Buffer): TokenClaims | undefined {
  const [header, payload, signature, ...rest] = token.split('.');
  if (header !== HEADER || !payload || !signature || rest.length > 0) return undefined;
  const expected = sign(`${header}.${payload}`);
  const given = Buffer.from(signature, 'base64url');
  // Why compare lengths first: timingSafeEqual throws on buffers of different lengths.
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  return parseClaims(payload);
}

function parseClaims(payload: string): TokenClaims | undefined {
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const strings = typeof c.conv === 'string' && typeof c.user === 'string' && typeof c.scope === 'string';
    if (c.iss !== TOKEN_ISSUER || !strings || typeof c.exp !== 'number' || typeof c.iat !== 'number') return undefined;
    return { conv: c.conv, user: c.user, scope: c.scope, iat: c.iat, exp: c.exp } as TokenClaims;
  } catch {
    return undefined;
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The token from an `Authorization: Bearer …` header, if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
