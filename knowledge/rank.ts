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

/** Counts in how many questions each stem occurs; the weights of the questions' own stems are computed once. */
export function buildIdf(questions: string[][]): Idf {
  const df = new Map<string, number>();
  for (const q of questions) for (const s of new Set(q.map(stem))) df.set(s, (df.get(s) ?? 0) + 1);
  const n = questions.length;
  const compute = (word: string) => Math.log(1 + n / (df.get(stem(word)) ?? 0.5));
  const known = new Map([...df.keys()].map((s) => [s, compute(s)]));
  return { weight: (word) => known.get(word) ?? compute(word) };
}

/** A word list made ready for `overlap`: its stems and their summed weight. */
export interface Bag {
  stems: ReadonlySet<string>;
  weight: number;
}

/** The stems of `words` (in order, once each) and the sum of their weights. */
export function bagOf(words: readonly string[], idf: Idf): Bag {
  const stems = new Set(words.map(stem));
  let weight = 0;
  for (const s of stems) weight += idf.weight(s);
  return { stems, weight };
}

/**
 * The weighted Dice overlap of `query` with every indexed bag that shares a stem with it, in [0, 1],
 * by question number (in the order the query's stems first reach them). Why through the postings:
 * the shared weight is summed per question as each stem's list is walked, never by testing every
 * candidate against every stem.
 */
export function overlaps(
  query: Bag,
  postings: ReadonlyMap<string, readonly number[]>,
  bags: readonly Bag[],
  idf: Idf,
): Map<number, number> {
  const shared = new Map<number, number>();
  for (const s of query.stems) {
    const weight = idf.weight(s);
    for (const i of postings.get(s) ?? []) shared.set(i, (shared.get(i) ?? 0) + weight);
  }
  const scores = new Map<number, number>();
  for (const [i, sum] of shared) {
    const denominator = query.weight + (bags[i]?.weight ?? 0);
    scores.set(i, denominator === 0 ? 0 : (2 * sum) / denominator);
  }
  return scores;
}
