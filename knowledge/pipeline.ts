/** Stages 1-3 of the search: text in, canonical words out. */
import { LEXICON, PHRASES } from './lexicon';
import { wordListPattern } from './lexicon-file';
import { escapeRegExp } from './match';
import { normalise, tokens } from './normalise';
import type { SpellingCorrector } from './spelling';

/** Phrases and the canonical words they become, longest phrase first (so the longest is read). */
type PhraseTable = (readonly [string, string])[];

function longestFirst(pairs: PhraseTable): PhraseTable {
  return [...pairs].sort((a, b) => b[0].length - a[0].length);
}

/** Rewrites every phrase of a table to its canonical words; not inside a host name or address ("pop.btinternet.com" stays as typed). */
function replacer(table: PhraseTable): (text: string) => string {
  if (table.length === 0) return (text) => text;
  const pattern = new RegExp(`(?<![\\w.@])(${table.map(([p]) => escapeRegExp(p)).join('|')})(?![\\w@]|\\.\\w)`, 'g');
  const map = new Map<string, string>(table);
  const rewrite = (text: string): string =>
    text.replace(pattern, (m: string, _p: string, at: number) =>
      m.endsWith(NUMBER_NO) && !numberNo(text, at + m.length)
        ? `${rewrite(m.slice(0, -NUMBER_NO.length))}${NUMBER_NO}`
        : (map.get(m) ?? m),
    );
  return rewrite;
}

/** "pop no", "imap no": a phrase whose "no" is the abbreviation of number. */
const NUMBER_NO = ' no';
/** What may follow such a "no" for it to be the number (lexicon `numberNoNext`); anything else makes it a no. */
const NUMBER_NO_NEXT: ReadonlySet<string> = new Set(LEXICON.words.numberNoNext);

/** Whether the "no" ending at `end` is the number: the message ends there, or a word of `numberNoNext` follows. */
function numberNo(text: string, end: number): boolean {
  if (end >= text.length) return true;
  const stop = text.indexOf(' ', end + 1);
  return NUMBER_NO_NEXT.has(text.slice(end + 1, stop < 0 ? undefined : stop));
}

const PHRASE_TABLE = longestFirst(
  PHRASES.flatMap(([phrases, canonical]) => phrases.map((p) => [p, canonical] as const)),
);
const FOLLOW_UP_TABLE = longestFirst(
  Object.entries(LEXICON.followUpSynonyms).flatMap(([canonical, phrases]) =>
    phrases.map((p) => [p, canonical] as const),
  ),
);
const BESIDE_PROTOCOL_TABLE = longestFirst(
  Object.entries(LEXICON.besideProtocolSynonyms).flatMap(([canonical, phrases]) =>
    phrases.map((p) => [p, canonical] as const),
  ),
);
const replacePhrases = replacer(PHRASE_TABLE);
const replaceFollowUps = replacer(FOLLOW_UP_TABLE);
const replaceBesideProtocol = replacer(BESIDE_PROTOCOL_TABLE);
/** A protocol or side named (canonical words), and a number typed, which would be the value or an error code. */
const NAMES_PROTOCOL = /\b(?:imap|pop3|smtp|incoming)\b/;
const TYPES_NUMBER = /\b\d+\b/;
const NOT_SETTING_NUMBER = wordListPattern(LEXICON.words.notSettingNumber);
/** A question about one setting, not a story in which "number" may mean anything. */
const BESIDE_PROTOCOL_WORDS = 12;
/** A follow-up fragment is short: "user?", "and the number for it", "what number goes with that". */
const FRAGMENT_WORDS = 8;

/** Rewrites synonyms and phrases to canonical words ("outgoing" → "smtp"). */
export function applySynonyms(text: string): string {
  return replacePhrases(text);
}

/**
 * Issue 13 (context): in a short follow-up to an answer, words that name a setting only there
 * ("user?" is the username, "and the number for it" the port); canonical text in, canonical text out.
 */
export function applyFollowUpSynonyms(canonical: string): string {
  return canonical.split(' ').length > FRAGMENT_WORDS ? canonical : replaceFollowUps(canonical);
}

/**
 * Issue 13 (verdicts): in a short message naming a protocol or a side, words that name a setting only
 * there ("number for imap", "whats the number for sending" ask for the port); not beside a number typed
 * or an error, phone or step (lexicon `notSettingNumber`). Canonical text in, canonical text out.
 */
export function applyBesideProtocolSynonyms(canonical: string): string {
  if (canonical.split(' ').length > BESIDE_PROTOCOL_WORDS || !NAMES_PROTOCOL.test(canonical)) return canonical;
  if (TYPES_NUMBER.test(canonical) || NOT_SETTING_NUMBER.test(canonical)) return canonical;
  return replaceBesideProtocol(canonical);
}

/** Every word the phrase table knows, for the spelling corrector's vocabulary. */
export function lexiconWords(): string[] {
  return [...PHRASE_TABLE, ...FOLLOW_UP_TABLE, ...BESIDE_PROTOCOL_TABLE].flatMap(([phrase, canonical]) => [
    ...phrase.split(/[\s.]+/),
    ...canonical.split(' '),
  ]);
}

/** normalise → spelling correction → synonyms, shared by the index and the queries. */
export function canonicalise(input: string, speller: SpellingCorrector): string {
  return applySynonyms(speller.correct(tokens(normalise(input))).join(' '));
}
