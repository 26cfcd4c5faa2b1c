/**
 * Short-lived download links for profiles: the link carries a random token only; the address it is
 * for stays here, in memory, for a few minutes. Pure but for the random token.
 */
import { randomBytes } from 'node:crypto';

/** How long a link works: long enough to open it in Safari, short enough that a leaked one is soon useless. */
export const PROFILE_LINK_TTL_MS = 15 * 60_000;

/** At most this many links at once; the oldest goes first. Why: each holds an address in memory. */
export const MAX_PROFILE_LINKS = 10_000;

/** Where profile downloads are served; the token follows. */
export const PROFILE_PATH = '/setup/profile';

/** A token as made here: 32 base64url characters (24 random bytes). */
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

/** What a token gives: the address it was made for (if any), or why it gives nothing. */
export type LinkLookup = { kind: 'ok'; address?: string } | { kind: 'expired' } | { kind: 'unknown' };

/** The links' memory. */
export interface ProfileLinks {
  /** A new token for a profile, pre-filled with `address` when given. */
  create(address?: string): string;
  lookup(token: string): LinkLookup;
  readonly size: number;
}

/** What a link store may be given; tests pass a clock. */
export interface ProfileLinkOptions {
  now?: () => number;
  ttlMs?: number;
  max?: number;
}

/**
 * Links in memory, in creation order (a Map keeps it), so the oldest are dropped first. An expired
 * token is still known until it is swept out, so its page can say it has expired rather than never existed.
 */
export function memoryProfileLinks(options: ProfileLinkOptions = {}): ProfileLinks {
  const { now = Date.now, ttlMs = PROFILE_LINK_TTL_MS, max = MAX_PROFILE_LINKS } = options;
  const links = new Map<string, { address?: string; expiresAt: number }>();
  return {
    create(address) {
      while (links.size >= max) links.delete(links.keys().next().value as string);
      const token = randomBytes(24).toString('base64url');
      links.set(token, { ...(address ? { address } : {}), expiresAt: now() + ttlMs });
      return token;
    },
    lookup(token) {
      const link = TOKEN.test(token) ? links.get(token) : undefined;
      if (!link) return { kind: 'unknown' };
      if (now() >= link.expiresAt) {
        sweep(links, now());
        return { kind: 'expired' };
      }
      return { kind: 'ok', ...(link.address ? { address: link.address } : {}) };
    },
    get size() {
      return links.size;
    },
  };
}

/** Drops the links that expired more than a TTL ago: past then, "unknown" is as good an answer. */
function sweep(links: Map<string, { expiresAt: number }>, at: number): void {
  // Why stop at the first still recent: links are kept in creation order, so expiry times only grow.
  for (const [token, link] of links) {
    if (at - link.expiresAt <= PROFILE_LINK_TTL_MS) return;
    links.delete(token);
  }
}
