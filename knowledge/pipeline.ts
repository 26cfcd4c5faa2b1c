/** Stages 1-3 of the search: text in, canonical words out. */
import { PHRASES } from './lexicon';
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

/** Rewrites synonyms and phrases to canonical words ("outgoing" → "smtp"). */
export function applySynonyms(text: string): string {
  return text.replace(PHRASE_PATTERN, (m) => PHRASE_MAP.get(m) ?? m);
}

/** Every word the phrase table knows, for the spelling corrector's vocabulary. */
export function lexiconWords(): string[] {
  return PHRASE_TABLE.flatMap(([phrase, canonical]) => [...phrase.split(/[\s.]+/), ...canonical.split(' ')]);
}

/** normalise → spelling correction → synonyms, shared by the index and the queries. */
export function canonicalise(input: string, speller: SpellingCorrector): string {
  return applySynonyms(speller.correct(tokens(normalise(input))).join(' '));
}
