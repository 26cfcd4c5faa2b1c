/** Email addresses for setup files: checked with bounded, linear-time patterns. Pure. */

/** The longest address a setup file takes (RFC 5321's path limit less the angle brackets). */
export const MAX_ADDRESS_LENGTH = 254;

/** The longest message searched for an address. */
const MAX_TEXT_LENGTH = 4000;

/** Why so plain: a local part of the usual characters and a host name; no quoted strings, no comments. */
const ADDRESS = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8}$/i;

/** A parsed address: its domain in lower case. */
export interface Address {
  address: string;
  domain: string;
}

/** The address when `raw` is one (length checked before the pattern), else undefined. */
export function parseAddress(raw: string): Address | undefined {
  if (raw.length === 0 || raw.length > MAX_ADDRESS_LENGTH || !ADDRESS.test(raw)) return undefined;
  const domain = raw.slice(raw.lastIndexOf('@') + 1).toLowerCase();
  return { address: raw, domain };
}

/** The first address in a message at one of `domains` ("it's jo.bloggs@btinternet.com"), else undefined. */
export function findAddress(text: string, domains: readonly string[]): string | undefined {
  const words = text.slice(0, MAX_TEXT_LENGTH).split(/[\s,;:<>()"[\]]+/);
  for (const word of words) {
    if (!word.includes('@')) continue;
    const found = parseAddress(trimDots(word));
    if (found && domains.includes(found.domain)) return found.address;
  }
  return undefined;
}

/** A sentence's full stop after an address is not part of it. */
function trimDots(word: string): string {
  let end = word.length;
  while (end > 0 && (word[end - 1] === '.' || word[end - 1] === '?' || word[end - 1] === '!')) end--;
  return word.slice(0, end);
}
