/**
 * Signed links (a URL that works until it expires, e.g. a transcript link in a handover card) and signed
 * session-cookie values, both HMAC-SHA256 with LINK_SIGNING_SECRET. Pure: strings and times in, verdicts out.
 */
import { createHmac } from 'node:crypto';
import { sameSecret } from './operator-keys';

/** Longest link or cookie value read; anything longer is refused before it is parsed. */
const MAX_SIGNED_LENGTH = 4096;

/** What verifying a link or cookie finds; `expired` only for an authentic value. */
export type SignedCheck<T> = ({ kind: 'valid' } & T) | { kind: 'expired' } | { kind: 'invalid' };

/**
 * Why a purpose in the MAC: a link's signature must never pass as a cookie's, or the other way round.
 */
function mac(secret: string, purpose: 'link' | 'cookie', data: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${data}`).digest('base64url');
}

/** `path` (with any query) plus `exp` (seconds) and `sig`; valid until `expiresAtMs`. */
export function signLink(secret: string, path: string, expiresAtMs: number): string {
  const signed = `${path}${path.includes('?') ? '&' : '?'}exp=${Math.floor(expiresAtMs / 1000)}`;
  return `${signed}&sig=${mac(secret, 'link', signed)}`;
}

/** Checks a link as requested (path and query, not decoded); gives back the path and query without exp and sig. */
export function verifyLink(secret: string, link: string, nowMs: number): SignedCheck<{ path: string }> {
  if (link.length > MAX_SIGNED_LENGTH) return { kind: 'invalid' };
  const sigAt = link.lastIndexOf('&sig=');
  if (sigAt < 0) return { kind: 'invalid' };
  const signed = link.slice(0, sigAt);
  if (!sameSecret(link.slice(sigAt + 5), mac(secret, 'link', signed))) return { kind: 'invalid' };
  const expAt = Math.max(signed.lastIndexOf('?exp='), signed.lastIndexOf('&exp='));
  const exp = expAt < 0 ? undefined : seconds(signed.slice(expAt + 5));
  if (exp === undefined) return { kind: 'invalid' };
  return exp * 1000 > nowMs ? { kind: 'valid', path: signed.slice(0, expAt) } : { kind: 'expired' };
}

/** A cookie value `payload.exp.sig` (payload base64url), valid until `expiresAtMs`. */
export function signCookie(secret: string, payload: string, expiresAtMs: number): string {
  const signed = `${Buffer.from(payload).toString('base64url')}.${Math.floor(expiresAtMs / 1000)}`;
  return `${signed}.${mac(secret, 'cookie', signed)}`;
}

/** Checks a cookie value; gives back its payload. */
export function verifyCookie(secret: string, value: string, nowMs: number): SignedCheck<{ payload: string }> {
  if (value.length > MAX_SIGNED_LENGTH) return { kind: 'invalid' };
  const parts = value.split('.');
  const [payload, expires, sig] = parts;
  if (parts.length !== 3 || payload === undefined || expires === undefined || sig === undefined)
    return { kind: 'invalid' };
  if (!sameSecret(sig, mac(secret, 'cookie', `${payload}.${expires}`))) return { kind: 'invalid' };
  const exp = seconds(expires);
  if (exp === undefined) return { kind: 'invalid' };
  if (exp * 1000 <= nowMs) return { kind: 'expired' };
  return { kind: 'valid', payload: Buffer.from(payload, 'base64url').toString() };
}

/** Whole seconds since 1970, as signed: digits only. */
function seconds(text: string): number | undefined {
  return /^\d{1,12}$/.test(text) ? Number(text) : undefined;
}
