/**
 * Word patterns in order, in linear time. A regex such as /a.*b.*c/ or /a[^.]{0,40}b/ backtracks:
 * every place `a` matches restarts the scan for `b`, so text repeating `a` takes quadratic time.
 * Here each part is its own simple regex, searched once from where the last one ended.
 */

/** `text` with every character that means something in a regex escaped, so the regex matches the text itself. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Tests text as a RegExp does. */
export interface TextTest {
  test(text: string): boolean;
}

function global(re: RegExp): RegExp {
  return new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`);
}

/** The parts in this order, anything between them: /a.*b.*c/ without its backtracking (canonical text has no newlines). */
export function inOrder(...parts: RegExp[]): TextTest {
  const searches = parts.map(global);
  return {
    test(text) {
      let from = 0;
      for (const search of searches) {
        search.lastIndex = from;
        const found = search.exec(text);
        if (!found) return false;
        from = found.index + found[0].length;
      }
      return true;
    },
  };
}

/**
 * A regex tried only when the text contains one of `needles`, words every match of it contains:
 * a cheap `includes` spares most messages a long alternation tried at every position.
 */
export function gated(needles: readonly string[], re: RegExp): TextTest {
  return { test: (text) => containsAny(text, needles) && re.test(text) };
}

/** Whether `text` contains one of `needles` (a plain loop: this runs for many patterns of every message). */
export function containsAny(text: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (text.includes(needle)) return true;
  return false;
}

/** Every one of the tests passes. */
export function allOf(...tests: TextTest[]): TextTest {
  return { test: (text) => tests.every((t) => t.test(text)) };
}

/** Any of the tests passes. */
export function anyOf(...tests: TextTest[]): TextTest {
  return { test: (text) => tests.some((t) => t.test(text)) };
}

/** Characters that end a sentence: `near` does not look past them. */
const SENTENCE_END = /[.?!]/;

interface Span {
  start: number;
  end: number;
}

/** The index of the first span starting at or after `from` (spans sorted by start). */
function firstFrom(spans: Span[], from: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((spans[mid]?.start ?? Infinity) < from) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The parts in this order, each within `gap` characters of the one before and in the same
 * sentence: /a[^.?!]{0,gap}b[^.?!]{0,gap}c/. Every match of each part is found once; a part is
 * then looked up only in the `gap` characters after the one before, so the work stays linear.
 */
export function near(gap: number, ...parts: RegExp[]): TextTest {
  const searches = parts.map(global);
  return {
    test(text) {
      const spans = searches.map((s) => spansOf(s, text));
      const follows = (part: number, from: number): boolean => {
        const candidates = spans[part];
        if (!candidates) return true;
        for (let i = firstFrom(candidates, from); i < candidates.length; i++) {
          const next = candidates[i]!;
          if (next.start - from > gap || SENTENCE_END.test(text.slice(from, next.start))) return false;
          if (follows(part + 1, next.end)) return true;
        }
        return false;
      };
      return (spans[0] ?? []).some((first) => follows(1, first.end));
    },
  };
}

/** Where a global regex matches in `text`. Why exec and not matchAll: matchAll copies the regex on every call. */
function spansOf(search: RegExp, text: string): Span[] {
  const spans: Span[] = [];
  search.lastIndex = 0;
  for (let m = search.exec(text); m; m = search.exec(text)) {
    if (m[0] === '') search.lastIndex++;
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}
