/**
 * No dead rules: a phrase or a regex alternative that the earlier stages of the search (normalise,
 * the speller, the synonyms) always rewrite can never match, so it only misleads the next editor.
 * Every synonym phrase must reach the synonym table as written, every word-list item must still
 * match its own text once canonicalised, and every plain-word alternative of a regex that reads
 * canonical text must survive canonicalisation.
 */
import { join } from 'node:path';
import { loadKnowledgeDir } from '../knowledge/load';
import { LEXICON } from '../knowledge/lexicon';
import { INTENT_LISTS, intentPattern, itemExamples, itemSource, listSource } from '../knowledge/lexicon-file';
import { normalise, tokens } from '../knowledge/normalise';
import { createSearcher } from '../knowledge/search';
import { BOTH_FAIL, SIDE_FAILS } from '../knowledge/lexicon';
import { regexLiterals, ROOT } from './helpers/regex-inventory';

const searcher = createSearcher(loadKnowledgeDir());
const canonical = (text: string): string => searcher.canonical(text);

/** Modules whose regexes read canonical text (normalise.ts and intents.ts read earlier forms). */
const CANONICAL_READERS = ['lexicon.ts', 'slots.ts', 'routes.ts', 'search.ts'];

/** The alternatives of every group, and of the whole pattern, split at top-level `|`. */
function alternatives(source: string): string[] {
  const out: string[] = [];
  const stack: string[][] = [[]];
  const current: string[] = [''];
  for (let i = 0; i < source.length; i++) {
    const ch = source[i]!;
    if (ch === '\\') {
      current[current.length - 1] += source.slice(i, i + 2);
      i++;
    } else if (ch === '[') {
      const end = source.indexOf(']', i + 1);
      current[current.length - 1] += source.slice(i, end + 1);
      i = end;
    } else if (ch === '(') {
      stack.push([]);
      current.push('');
      if (source[i + 1] === '?') i += source[i + 2] === '<' ? 3 : 2;
    } else if (ch === ')' || ch === '|') {
      stack.at(-1)!.push(current.pop()!);
      current.push('');
      if (ch === ')') {
        out.push(...stack.pop()!);
        current.pop();
        current[current.length - 1] += '(…)';
      }
    } else current[current.length - 1] += ch;
  }
  return [...out, ...stack[0]!, current[0]!];
}

/** An alternative that is plain words (word boundaries and anchors aside), or undefined. */
function plainWords(alternative: string): string | undefined {
  const text = alternative.replace(/\\b|^\^|\$$/g, '').trim();
  return /^[a-z0-9]+(?: [a-z0-9]+)*$/.test(text) ? text : undefined;
}

function codeAlternatives(): [string, string][] {
  const literals = CANONICAL_READERS.flatMap((f) => regexLiterals(join(ROOT, 'knowledge', f)));
  const built = [...Object.values(SIDE_FAILS), BOTH_FAIL].map((re) => ({
    source: re.source,
    where: 'knowledge/lexicon.ts',
  }));
  const words = [...literals, ...built].flatMap((r) =>
    alternatives(r.source).flatMap((a) => {
      const plain = plainWords(a);
      return plain ? [[r.where.split(':')[0] ?? r.where, plain] as [string, string]] : [];
    }),
  );
  return [...new Map(words.map((w) => [w.join('|'), w])).values()];
}

describe('the alternatives parser', () => {
  it('finds the words of nested groups', () => {
    expect(alternatives(String.raw`\b(a|b c)\b|^(d (?:e|f))$`)).toEqual(
      expect.arrayContaining(['a', 'b c', 'e', 'f', String.raw`\b(…)\b`, 'd (…)']),
    );
  });
});

describe('no dead rules', () => {
  it.each(Object.entries(LEXICON.synonyms).flatMap(([c, phrases]) => phrases.map((p) => [p, c])))(
    'synonym %p (→ %s) reaches the synonym table as written',
    (phrase) => {
      // The speller's own vocabulary holds every synonym word, so only normalise can change it.
      expect(tokens(normalise(phrase)).join(' ')).toBe(phrase);
    },
  );

  const items = Object.entries(LEXICON.words).flatMap(([list, items]) => items.map((item) => [list, item] as const));
  it.each(items)('word list %s: %p still matches its own words once canonicalised', (_list, item) => {
    const pattern = new RegExp(`\\b(?:${itemSource(item)})\\b`);
    const dead = itemExamples(item).filter((text) => !pattern.test(canonical(text)));
    expect(dead).toEqual([]);
  });

  it.each(codeAlternatives())('%s: the regex alternative %p survives canonicalisation', (_where, words) => {
    expect(canonical(words)).toBe(words);
  });
});

describe('no dead intent rules', () => {
  const phrases = INTENT_LISTS.flatMap((intent) =>
    (['whole', 'starts', 'says'] as const).flatMap((mode) =>
      (LEXICON.intents[intent][mode] ?? []).map((item) => [intent, mode, item] as const),
    ),
  );
  it.each(phrases)('intent %s (%s): %p still matches its own words once normalised', (_intent, mode, item) => {
    const pattern = intentPattern({ [mode]: [item] });
    expect(itemExamples(item).filter((text) => !pattern.test(normalise(text)))).toEqual([]);
  });

  // The word lists intents.ts combines (a person, a support desk, question words) read normalised text too.
  const listed = Object.entries(LEXICON.intentWords).flatMap(([list, items]) =>
    items.map((item) => [list, item] as const),
  );
  it.each(listed)('intent words %s: %p still matches its own words once normalised', (_list, item) => {
    const pattern = new RegExp(`\\b${listSource([item])}\\b`);
    expect(itemExamples(item).filter((text) => !pattern.test(normalise(text)))).toEqual([]);
  });

  // intents.ts reads normalised text (not canonical: no speller, no synonyms), so only normalise can kill a rule.
  const literals = regexLiterals(join(ROOT, 'knowledge', 'intents.ts'));
  const words = [...new Set(literals.flatMap((r) => alternatives(r.source).flatMap((a) => plainWords(a) ?? [])))];
  it.each(words)('intents.ts: the alternative %p survives normalise', (alternative) => {
    expect(normalise(alternative)).toBe(alternative);
  });
});
