/**
 * Signing in to the insights page: the session cookie (signed with LINK_SIGNING_SECRET, with an expiry), the
 * same-origin check on the sign-in and sign-out forms, and the sign-in form itself.
 */
import type { IncomingMessage } from 'node:http';
import type * as restify from 'restify';
import { verifyCookie } from '../security/signing';
import { servedOverHttps } from './edge';

/** The cookie's name, and what it signs: the purpose, so no other signed cookie passes as this one. */
export const SESSION_COOKIE = 'insights_session';
const SESSION_PAYLOAD = 'insights';

/** How long a sign-in lasts. */
export const SESSION_HOURS = 8;

/** Longest Cookie header read. */
const MAX_COOKIE_HEADER = 8192;

/** What a request's session is: none, a valid one, or one that was valid and has expired. */
export type SessionCheck = 'none' | 'valid' | 'expired';

/** Reads and verifies the session cookie; a changed or foreign value counts as none. */
export function sessionOf(req: IncomingMessage, secret: string, nowMs: number): SessionCheck {
  const value = cookieValue(req.headers.cookie, SESSION_COOKIE);
  if (value === undefined) return 'none';
  const check = verifyCookie(secret, value, nowMs);
  if (check.kind === 'expired') return 'expired';
  return check.kind === 'valid' && check.payload === SESSION_PAYLOAD ? 'valid' : 'none';
}

/** The session's payload, for signCookie. */
export function sessionPayload(): string {
  return SESSION_PAYLOAD;
}

/**
 * Set-Cookie for a session value (or, with `undefined`, one that deletes it). HttpOnly: no script reads it;
 * SameSite=Strict: no other site's page sends it; Secure except over plain http to this machine (local use).
 */
export function sessionCookieHeader(req: restify.Request, value: string | undefined, trustProxy = false): string {
  const parts = [`${SESSION_COOKIE}=${value ?? ''}`, 'Path=/insights', 'HttpOnly', 'SameSite=Strict'];
  parts.push(value === undefined ? 'Max-Age=0' : `Max-Age=${SESSION_HOURS * 3600}`);
  if (servedOverHttps(req, trustProxy) || !isLocalHost(req.headers.host)) parts.push('Secure');
  return parts.join('; ');
}

/**
 * Whether a form post comes from this site's own page. Why both: SameSite=Strict keeps the cookie off other
 * sites' requests, and this refuses their posts (a sign-in or sign-out forced on someone) outright.
 */
export function sameOriginPost(req: IncomingMessage): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The value of one cookie in a Cookie header; the first when it is sent twice. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined || header.length > MAX_COOKIE_HEADER) return undefined;
  for (const pair of header.split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === name) return pair.slice(at + 1).trim();
  }
  return undefined;
}

/** Why the Host header: it is what the browser asked for; a caller that lies about it only weakens its own cookie. */
function isLocalHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name === 'localhost' || name === '127.0.0.1' || name === '[::1]';
}

/** The sign-in form: a whole page, no script, every value escaped; `then` is the page's filter, kept for after. */
export function signInPage(message?: string, then?: string): string {
  const note = message ? `<p class="notice" role="alert">${escapeHtml(message)}</p>` : '';
  const keep = then ? `<input type="hidden" name="then" value="${escapeHtml(then)}" />` : '';
  return `<!doctype html>
<html lang="en-GB">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Sign in – BT Email support insights</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/insights/insights.css" />
  </head>
  <body class="sign-in">
    <main>
      <h1>Support insights</h1>
      <p>For the support team. Sign in with the insights key (INSIGHTS_API_KEY).</p>
      ${note}
      <form method="post" action="/insights/sign-in">
        <label for="key">Insights key</label>
        <input id="key" name="key" type="password" autocomplete="current-password" required maxlength="512" />
        ${keep}
        <button type="submit">Sign in</button>
      </form>
    </main>
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
