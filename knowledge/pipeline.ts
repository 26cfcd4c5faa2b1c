/** Stages 1-3 of the search: text in, canonical words out. */
import { LEXICON, PHRASES } from './lexicon';
import { escapeRegExp } from './match';
import { normalise, tokens } from './normalise';
import type { SpellingCorrector } from './spelling';

const PHRASE_TABLE = PHRASES.flatMap(([phrases, canonical]) => phrases.map((p) => [p, canonical] as const)).sort(
  (a, b) => b[0].length - a[0].length,
);
// Not inside a host name or address: "pop.btinternet.com" must stay as typed.
const PHRASE_PATTERN = new RegExp(
  `(?<![\\w.@])(${PHRASE_TABLE.map(([p]) => escapeRegExp(p)).join('|')})(?![\\w@]|\\.\\w)`,
  'g',
);
const PHRASE_MAP = new Map<string, string>(PHRASE_TABLE);

const FOLLOW_UP_TABLE = Object.entries(LEXICON.followUpSynonyms)
  .flatMap(([canonical, phrases]) => phrases.map((p) => [p, canonical] as const))
  .sort((a, b) => b[0].length - a[0].length);
const FOLLOW_UP_PATTERN =
  FOLLOW_UP_TABLE.length > 0
    ? new RegExp(`(?<![\\w.@])(${FOLLOW_UP_TABLE.map(([p]) => escapeRegExp(p)).join('|')})(?![\\w@]|\\.\\w)`, 'g')
    : undefined;
const FOLLOW_UP_MAP = new Map<string, string>(FOLLOW_UP_TABLE);
/** A follow-up fragment is short: "user?", "and the number for it", "what number goes with that". */
const FRAGMENT_WORDS = 8;

/** Rewrites synonyms and phrases to canonical words ("outgoing" → "smtp"). */
export function applySynonyms(text: string): string {
  return text.replace(PHRASE_PATTERN, (m) => PHRASE_MAP.get(m) ?? m);
}

/**
 * Issue 13 (context): in a short follow-up to an answer, words that name a setting only there
 * ("user?" is the username, "and the number for it" the port); canonical text in, canonical text out.
 */
export function applyFollowUpSynonyms(canonical: string): string {
  if (!FOLLOW_UP_PATTERN || canonical.split(' ').length > FRAGMENT_WORDS) return canonical;
  return canonical.replace(FOLLOW_UP_PATTERN, (m) => FOLLOW_UP_MAP.get(m) ?? m);
}

/** Every word the phrase table knows, for the spelling corrector's vocabulary. */
export function lexiconWords(): string[] {
  return [...PHRASE_TABLE, ...FOLLOW_UP_TABLE].flatMap(([phrase, canonical]) => [
    ...phrase.split(/[\s.]+/),
    ...canonical.split(' '),
  ]);
}

/** normalise → spelling correction → synonyms, shared by the index and the queries. */
export function canonicalise(input: string, speller: SpellingCorrector): string {
  return applySynonyms(speller.correct(tokens(normalise(input))).join(' '));
}
