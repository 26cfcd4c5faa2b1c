/**
 * The most text of one string the app keeps or lets a regex read. Anything from the internet
 * can be long (a web chat message may be 256 KB); a long paste is cut here, visibly, before
 * redaction and before it is stored, so nothing past the cut is ever kept, redacted or not.
 */

/**
 * The cap, in characters: a pasted mail log or bounce (8 KB is a long one) is kept whole, with
 * room to spare. The search reads less still (knowledge/normalise.ts MAX_INPUT).
 */
export const MAX_TEXT = 16 * 1024;

/** How far back from the cap a cut looks for a space, so that no word (a password) is cut in two. */
const WORD_ROOM = 256;

/** Room kept under the cap for the marker, so that capped text is within the cap and capping it again changes nothing. */
const MARKER_ROOM = 64;

/** The line that replaces what was cut, e.g. "… [cut: 12,345 more characters]". */
export function cutMarker(cutCharacters: number): string {
  return `\n… [cut: ${cutCharacters.toLocaleString('en-GB')} more characters]`;
}

/** What is kept of a text, and how many characters were cut from its end (0 when none). */
export interface Capped {
  kept: string;
  cut: number;
}

/**
 * `text` if it is within `max` characters; else its start, cut at a space so that no word (a
 * password) is cut in two, leaving room under `max` for the marker.
 */
export function splitAtCap(text: string, max = MAX_TEXT): Capped {
  if (text.length <= max) return { kept: text, cut: 0 };
  let keep = max - MARKER_ROOM;
  const space = lastSpace(text, keep, keep - WORD_ROOM);
  if (space > 0) keep = space;
  // Never half a surrogate pair.
  else if (isHighSurrogate(text.charCodeAt(keep - 1))) keep -= 1;
  return { kept: text.slice(0, keep), cut: text.length - keep };
}

/** `text` within `max` characters: its start and the marker saying how much went. */
export function capText(text: string, max = MAX_TEXT): string {
  const { kept, cut } = splitAtCap(text, max);
  return cut > 0 ? `${kept}${cutMarker(cut)}` : kept;
}

/** The index of the last whitespace before `end` and at or after `floor`, or -1. */
function lastSpace(text: string, end: number, floor: number): number {
  for (let i = end; i > floor; i--) if (/\s/.test(text[i] ?? '')) return i;
  return -1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
