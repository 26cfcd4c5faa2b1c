/** Stage 2: corrects misspelt words, but only towards words the knowledge itself uses. */

/** Everyday words that are never "corrected" into a near knowledge word (most → host). */
const COMMON = new Set(
  `about above after again against all also always am an and any are aren as ask asked at back be because been before
  being below best between both but by came can cannot cant could couldnt day days did didnt do does doesnt doing done
  dont down during each else even ever every few find fine first for from get gets getting give given go goes going gone
  good got had has have having he her here hers him his how however if in into is isnt it its just keep kept know last
  least left less let like line long look looks lot made make many may me might mine more most much must my myself need
  needs never new next no nor not now of off often ok okay old on once one only or other our out over own part past
  people per place please post put quite rather really right said same saw say says see seem seems set she should show
  since so some something sometimes soon sort sorry still such sure take tell than thank thanks that the their them
  then there these they thing things think this those though through time to today too tried try trying two under
  until up upon us use used uses using very want wants was way we well went were what whats when where whether which
  while who whole why will with without won wont work works would wouldnt yes yet you your yours yourself sent most
  sever sort fort port host mort cost lost list last fast best test text next most case cases note notes mind kind
  spam junk filter english plain simple hello hey hi cheers mate bye goodbye tonight night morning evening football match won lost score weather
  access accessing accessed laptop computer tablet mobile phone device devices read reading add adding`
    .split(/\s+/)
    .filter(Boolean),
);
COMMON.delete('sever');
COMMON.delete('port');
COMMON.delete('host');

/** A spelling corrector over a fixed vocabulary. */
export interface SpellingCorrector {
  correct(words: string[]): string[];
}

/** Builds a corrector; words shorter than 4 letters, numbers and known words pass through. */
export function createSpellingCorrector(vocabulary: Iterable<string>): SpellingCorrector {
  const vocab = new Set([...vocabulary].filter((w) => /^[a-z][a-z0-9]{2,}$/.test(w)));
  const byFirst = new Map<string, string[]>();
  for (const w of [...vocab].sort()) byFirst.set(w[0] ?? '', [...(byFirst.get(w[0] ?? '') ?? []), w]);
  const cache = new Map<string, string>();
  const fix = (word: string): string => {
    if (word.length < 4 || !/^[a-z]+$/.test(word) || vocab.has(word) || COMMON.has(word)) return word;
    const hit = cache.get(word);
    if (hit !== undefined) return hit;
    const best = closest(word, byFirst.get(word[0] ?? '') ?? []);
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
