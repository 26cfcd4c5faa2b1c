/** Stage 2: corrects misspelt words, but only towards words the knowledge itself uses. */
import { LEXICON } from './lexicon';

/** Everyday words (the lexicon's `neverCorrected`) that are never "corrected" into a near knowledge word (most → host). */
const COMMON = new Set(LEXICON.neverCorrected);

/** Corrections remembered at most; the cache starts again when full. */
const MAX_CACHED = 10_000;

/** A spelling corrector over a fixed vocabulary. */
export interface SpellingCorrector {
  correct(words: string[]): string[];
}

/** Builds a corrector; words shorter than 4 letters, numbers and known words pass through. */
export function createSpellingCorrector(vocabulary: Iterable<string>): SpellingCorrector {
  const vocab = new Set([...vocabulary].filter((w) => /^[a-z][a-z0-9]{2,}$/.test(w)));
  const byFirst = new Map<string, string[]>();
  for (const w of [...vocab].sort()) {
    const list = byFirst.get(w[0] ?? '');
    if (list) list.push(w);
    else byFirst.set(w[0] ?? '', [w]);
  }
  const cache = new Map<string, string>();
  const fix = (word: string): string => {
    if (word.length < 4 || !/^[a-z]+$/.test(word) || vocab.has(word) || COMMON.has(word)) return word;
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    const best = closest(word, byFirst.get(word[0] ?? '') ?? []);
    // Why a bound: every distinct word customers type would otherwise stay in memory for good.
    if (cache.size >= MAX_CACHED) cache.clear();
    cache.set(word, best ?? word);
    return best ?? word;
  };
  return { correct: (words) => words.map(fix) };
}

function closest(word: string, candidates: string[]): string | undefined {
  const limit = word.length <= 5 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    if (Math.abs(c.length - word.length) > limit) continue;
    const d = damerauLevenshtein(word, c, limit);
    if (d === 1 && word.length <= 5 && c.length === word.length && !isSwap(word, c)) continue;
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best;
}

/** Short words are corrected only for a swapped pair ("smpt"), not a changed letter ("slow"). */
function isSwap(a: string, b: string): boolean {
  const diff = [...a].map((ch, i) => (ch === b[i] ? -1 : i)).filter((i) => i >= 0);
  return diff.length === 2 && diff[1] === (diff[0] ?? 0) + 1 && a[diff[0] ?? 0] === b[diff[1] ?? 0];
}

/** Edit distance counting a swap of neighbours as one edit; stops early past `limit`. */
export function damerauLevenshtein(a: string, b: string, limit = Infinity): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((rows[i - 1]?.[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (rows[i - 1]?.[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
    }
    if (i > 0 && Math.min(...row) > limit) return limit + 1;
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? Infinity;
}
