import { readFileSync } from 'node:fs';
import {
  DEFAULT_LEXICON_PATH,
  itemExamples,
  lexiconProblems,
  loadLexicon,
  parseLexicon,
  wordListPattern,
} from '../knowledge/lexicon-file';
import { KnowledgeError } from '../knowledge/load';

const shipped = readFileSync(DEFAULT_LEXICON_PATH, 'utf8');

function problemsOf(text: string): string[] {
  return lexiconProblems('lexicon.yaml', text).map((p) => `${p.file}|${p.path}|${p.value}|${p.allowed}`);
}

describe('the lexicon file', () => {
  it('loads the shipped lexicon', () => {
    const lexicon = loadLexicon();
    expect(lexicon.synonyms.smtp).toContain('outgoing');
    expect(lexicon.attributes.hostname).toBe('host');
  });

  it('reports every problem at once, naming the file, the path, the value and what is allowed', () => {
    const broken = shipped
      .replace('protocols: { imap: imap, pop3: pop3, smtp: smtp }', 'protocols: { imap: imap, pop3: pop, smtp: smtp }')
      .replace('  hostname: host\n', '  hostname: hots\n')
      .replace('  wantsImap:', '  wantImap:')
      .replace('  difference: [diff]', '  difference: [Diff]');
    const problems = problemsOf(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^lexicon\.yaml\|protocols\.pop3\|"pop"\|.*imap.*pop3.*smtp/),
        expect.stringMatching(/^lexicon\.yaml\|attributes\.hostname\|"hots"\|/),
        expect.stringMatching(/^lexicon\.yaml\|words\.wantsImap\|nothing\|/),
        expect.stringMatching(/^lexicon\.yaml\|synonyms\.difference\.0\|"Diff"\|must be lower-case words/),
      ]),
    );
    // "wantImap" is a list an editor may add (routes read it with `says wantImap`); the missing wantsImap is the problem.
    expect(problems).toHaveLength(4);
  });

  it.each([
    [
      'a phrase under two canonical words',
      shipped.replace('  difference: [diff]', '  difference: [diff, pw]'),
      /synonyms\.difference\.1\|"pw"\|is already under password/,
    ],
    [
      'a word-list item with regex syntax',
      shipped.replace(' incorrect,', ' incorr?ect,'),
      /words\.symptom\.\d+\|.*only word\* and \(a\|b\) are special/,
    ],
    [
      'a canonical word the code reads, renamed',
      shipped.replace('\n  spa:', '\n  sppa:'),
      /\|synonyms\|"spa"\|the code reads this word/,
    ],
    ['unreadable YAML', 'version: [1', /unreadable YAML/],
    ['a wrong version', shipped.replace('version: 1', 'version: 2'), /\|version\|2\|/],
  ])('rejects %s', (_name, text, pattern) => {
    expect(problemsOf(text).join('\n')).toMatch(pattern);
  });

  it('reports a misspelt intentWords list (intents.ts reads each by name) and an item with regex syntax there', () => {
    const broken = shipped.replace('  sendOn:', '  sendTo:').replace('isThere: [is there,', 'isThere: [is there?,');
    const problems = problemsOf(broken).join('\n');
    expect(problems).toMatch(/\|intentWords\.sendOn\|nothing\|/);
    expect(problems).toMatch(/\|intentWords\|.*sendTo/);
    expect(problems).toMatch(/\|intentWords\.isThere\.0\|"is there\?"\|.*only word\* and \(a\|b\) are special/);
  });

  it('throws a KnowledgeError from parseLexicon', () => {
    expect(() => parseLexicon('lexicon.yaml', 'version: 2')).toThrow(KnowledgeError);
  });
});

describe('word-list items', () => {
  it.each([
    ['fail*', ['fails to connect', 'it failed'], ['unfailing']],
    ['(keep|keeps) (asking|prompting)', ['it keeps prompting me', 'keep asking'], ['keeper asking']],
    ['need to (set|do)', ['do i need to set it'], ['need to sett']],
    ['me.com', ['my me.com address'], ['meXcom']],
  ])('%s matches whole words only', (item, matching, other) => {
    const pattern = wordListPattern([item]);
    for (const text of matching) expect(pattern.test(text)).toBe(true);
    for (const text of other) expect(pattern.test(text)).toBe(false);
  });

  it('spells out the texts an item stands for', () => {
    expect(itemExamples('(keep|keeps) (asking|being asked) now*')).toEqual([
      'keep asking now',
      'keep being asked now',
      'keeps asking now',
      'keeps being asked now',
    ]);
  });
});
