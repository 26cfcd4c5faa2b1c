/** Re-ranks fuse.js candidates by how much of the question each one covers, weighted by rarity. */
import { LEXICON } from './lexicon';

/** Function words that carry no meaning for matching (the lexicon's `stopwords`). */
export const STOPWORDS: ReadonlySet<string> = new Set(LEXICON.stopwords);

/** Drops stop words, keeping the words that carry meaning. */
export function contentWords(text: string): string[] {
  return text.split(' ').filter((w) => w.length > 0 && !STOPWORDS.has(w));
}

/** A crude stem: enough for "shows"/"show", "deleted"/"delete", "sending"/"send". */
export function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/, '').replace(/e$/, '') || word;
}

/** Inverse document frequencies over the indexed questions. */
export interface Idf {
  weight(word: string): number;
}

/** Counts in how many questions each stem occurs. */
export function buildIdf(questions: string[][]): Idf {
  const df = new Map<string, number>();
  for (const q of questions) for (const s of new Set(q.map(stem))) df.set(s, (df.get(s) ?? 0) + 1);
  const n = questions.length;
  return { weight: (word) => Math.log(1 + n / (df.get(stem(word)) ?? 0.5)) };
}

/** Weighted Dice overlap of two word lists, in [0, 1]. */
export function overlap(query: string[], candidate: string[], idf: Idf): number {
  const candStems = new Set(candidate.map(stem));
  const queryStems = new Set(query.map(stem));
  const sum = (words: Iterable<string>) => [...words].reduce((total, w) => total + idf.weight(w), 0);
  const shared = [...queryStems].filter((s) => candStems.has(s));
  const denominator = sum(queryStems) + sum(candStems);
  return denominator === 0 ? 0 : (2 * sum(shared)) / denominator;
}
