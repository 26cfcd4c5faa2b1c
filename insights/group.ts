/**
 * Unanswered questions, grouped as they are written: each question's group key comes from the
 * search's own canonical words, so "smtp for my ipad??" and "ipad smtp" share a group, and the
 * page reads counts kept per group instead of grouping every question again. Pure; the words and
 * the nearest entry come from the answerer, passed in (insights/ does not import the knowledge).
 */
import { redactSecrets } from '../transcripts/redact';
import { MAX_UNANSWERED_TEXT } from './events';
import type { NearestEntry } from './report';

/** What grouping needs from the knowledge search. */
export interface UnansweredReader {
  /** The question's content words, as the search reads them (canonical, no stop words). */
  words(text: string): string[];
  /** The knowledge entry nearest to the question, if any shares a word with it. */
  nearest(text: string): NearestEntry | null;
}

/** A question's group: its key and the entry nearest to it. */
export interface UnansweredPlace {
  key: string;
  nearest: NearestEntry | null;
}

/** How many words a key keeps; a long question's first words in order of the alphabet are enough to group it. */
export const MAX_KEY_WORDS = 8;
const REDACTED = '[redacted]';

/** The key of a question with no content words (only stop words, or only a redacted secret). */
export const NO_WORDS_KEY = '(no words)';

/** The group key: the distinct content words, sorted, at most MAX_KEY_WORDS; `[redacted]` is not a word. */
export function groupKey(words: readonly string[]): string {
  const distinct = [...new Set(words.filter((w) => w.length > 0 && w !== 'redacted'))].sort();
  return distinct.slice(0, MAX_KEY_WORDS).join(' ') || NO_WORDS_KEY;
}

/** Where an unanswered question goes, read by the search. */
export function placeUnanswered(text: string, reader: UnansweredReader): UnansweredPlace {
  // Why without the marker: the search would read "[redacted]" as a word (or correct it to "rejected").
  const words = text.replaceAll(REDACTED, ' ');
  return { key: groupKey(reader.words(words)), nearest: reader.nearest(words) };
}

/**
 * An unanswered question as it may be kept: secrets redacted, whitespace made single spaces, and
 * cut at a space to MAX_UNANSWERED_TEXT characters (an ellipsis shows the cut). Why cut before
 * redacting as well as after: redaction reads a bounded text, and the kept one is short.
 */
export function unansweredText(text: string): string {
  const redacted = redactSecrets(text.slice(0, 4 * MAX_UNANSWERED_TEXT))
    .replace(/\s+/g, ' ')
    .trim();
  if (redacted.length <= MAX_UNANSWERED_TEXT) return redacted;
  const cut = redacted.slice(0, MAX_UNANSWERED_TEXT - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > MAX_UNANSWERED_TEXT / 2 ? cut.slice(0, space) : cut}…`;
}
