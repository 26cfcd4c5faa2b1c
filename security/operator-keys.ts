/** `Authorization: Bearer KEY`, the one way operators (agents, the support team, scrapers) authenticate. Pure. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Longest Authorization header read; real keys are a few dozen characters. */
const MAX_HEADER_LENGTH = 1024;

/** What a request's key gets: the endpoint is off (no key configured), the key is wrong or missing, or it is right. */
export type KeyCheck = { kind: 'off' } | { kind: 'unauthorized' } | { kind: 'ok' };

/** Checks the Authorization header against the role's key; an unset key means the endpoint does not exist. */
export function checkBearer(authorization: string | undefined, key: string | undefined): KeyCheck {
  if (key === undefined) return { kind: 'off' };
  const given = bearerOf(authorization);
  return given !== undefined && sameSecret(given, key) ? { kind: 'ok' } : { kind: 'unauthorized' };
}

/**
 * Compares in constant time, lengths included. Why hash first: timingSafeEqual needs equal lengths, and
 * comparing lengths first would tell a caller how long the key is.
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The token of `Bearer TOKEN` (scheme in any case), or undefined. */
function bearerOf(header: string | undefined): string | undefined {
  if (header === undefined || header.length > MAX_HEADER_LENGTH) return undefined;
  const [scheme, token, ...rest] = header.trim().split(/ +/);
  if (scheme?.toLowerCase() !== 'bearer' || !token || rest.length > 0) return undefined;
  return token;
}
