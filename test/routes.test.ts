import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSearcher } from '../knowledge/search';
import { loadKnowledgeDir, KnowledgeError } from '../knowledge/load';
import {
  ANSWERS,
  CONDITIONS,
  DEFAULT_ROUTES_PATH,
  loadRoutes,
  parseRoutes,
  referenceProblems,
  type SearchContext,
} from '../knowledge/routes';

const kb = loadKnowledgeDir();
const routes = loadRoutes();
const searcher = createSearcher(kb, routes);
const shipped = readFileSync(DEFAULT_ROUTES_PATH, 'utf8');
/** A shipped route's position, so these tests name routes rather than numbers that move when one is added. */
const at = (name: string): number => routes.findIndex((r) => r.name === name);

function problemsOf(text: string): string[] {
  return parseRoutes('routes.yaml', text).problems.map((p) => `${p.file}|${p.path}|${p.value}|${p.allowed}`);
}

describe('the routing table, row by row', () => {
  it.each(routes.map((r) => [r.name, r.example, r.context ?? {}] as const))(
    '%s decides its example %p',
    (name, example, context) => {
      expect(searcher.decide(example, context as SearchContext).route).toBe(name);
    },
  );

  it('uses every condition and every named answer the code offers (none is dead)', () => {
    const conditions = routes.flatMap((r) => r.when.flatMap((c) => ('any' in c ? c.any : [c])));
    const used = new Set(conditions.flatMap((c) => ('name' in c ? [c.name] : [])));
    expect(Object.keys(CONDITIONS).filter((c) => !used.has(c as keyof typeof CONDITIONS))).toEqual([]);
    const answers = new Set(routes.flatMap((r) => ('answer' in r.to ? [r.to.answer] : [])));
    expect(ANSWERS.filter((a) => !answers.has(a))).toEqual([]);
  });

  it('has every condition described in README.md, for editors who do not read TypeScript', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    expect(Object.keys(CONDITIONS).filter((c) => !readme.includes(`\`${c}\``))).toEqual([]);
  });

  it.each([
    ['says LIST: an item of the word list is in the words', 'my broadband is slow', 'other-product'],
    ['says LIST with not about-email: an email word keeps it ours', 'broadband email settings', 'settings-block'],
    ['any: the first holds (no setting named)', 'is imap better than pop', 'compare'],
    ['any: the second holds (both protocols, no value)', 'which port is better, imap or pop', 'compare'],
    ['any: neither holds (a setting and one protocol)', 'which port is better for imap', 'named-settings'],
  ])('%s', (_name, text, route) => {
    expect(searcher.decide(text).route).toBe(route);
  });

  it('gives the same result from search as from decide', () => {
    expect(searcher.search('what is the smtp port')).toEqual(searcher.decide('what is the smtp port').result);
  });
});

describe('the routing file is checked when it loads', () => {
  it('reports every problem at once, naming the file, the path, the value and what is allowed', () => {
    const broken = shipped
      .replace('when: [spa]', 'when: [spaa]')
      .replace('to: { answer: compare }', 'to: { answer: comparison }')
      .replace('  - name: explain-smtp', '  - name: explain-imap-or-pop')
      .replace('    reason: Nothing understood.', '    reason: ""');
    const problems = problemsOf(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^routes\\.yaml\\|routes\\.${at('spa')}\\.when\\.0\\|"spaa"\\|must be a condition.*no-words`),
        ),
        expect.stringMatching(new RegExp(`^routes\\.yaml\\|routes\\.${at('compare')}\\.to\\|`)),
        expect.stringMatching(/^routes\.yaml\|routes\.\d+\.reason\|""\|must say why/),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it.each([
    [
      'a word list the lexicon does not have',
      shipped.replace('when: [says otherProducts', 'when: [says otherProduct'),
      new RegExp(
        `routes\\.${at('other-product')}\\.when\\.0\\|"says otherProduct"\\|must name a word list of lexicon\\.yaml: otherProviders`,
      ),
    ],
    [
      'an any of one condition',
      shipped.replace('{ any: [not names-setting, names-both-protocols] }', '{ any: [names-setting] }'),
      new RegExp(`routes\\.${at('compare')}\\.when\\.2\\.any\\|.*needs two conditions or more`),
    ],
    [
      'two routes with one name',
      shipped.replace('  - name: explain-smtp', '  - name: explain-imap-or-pop'),
      new RegExp(`routes\\.${at('explain-imap-or-pop')}\\.name\\|"explain-imap-or-pop"\\|route names must be unique`),
    ],
    [
      'a last route with conditions',
      shipped.replace(/when: \[\]\n/, 'when: [spa]\n'),
      /the last route must have no conditions/,
    ],
    ['unreadable YAML', 'routes: [1', /unreadable YAML/],
  ])('rejects %s', (_name, text, pattern) => {
    expect(problemsOf(text).join('\n')).toMatch(pattern);
  });

  it('fails on an entry id that is not in the knowledge, from the routes or the code', () => {
    const renamed = {
      providers: kb.providers.map((p) => ({
        ...p,
        entries: p.entries.map((e) => (e.id === 'imap-vs-pop' ? { ...e, id: 'imap-or-pop' } : e)),
      })),
    };
    const problems = referenceProblems(renamed, routes).map((p) => `${p.file}|${p.path}|${p.value}`);
    const naming = routes.flatMap((r, i) => ('entry' in r.to && r.to.entry === 'imap-vs-pop' ? [i] : []));
    expect(naming.length).toBeGreaterThan(1);
    expect(problems).toEqual([
      ...naming.map((i) => `routes.yaml|routes.${i}.to.entry|"imap-vs-pop"`),
      'knowledge/routes.ts|ENTRY_IDS.imapVsPop|"imap-vs-pop"',
    ]);
    expect(() => createSearcher(renamed, routes)).toThrow(KnowledgeError);
  });

  it('fails on a walkthrough the code names that the knowledge does not have', () => {
    const without = { providers: kb.providers.map((p) => ({ ...p, walkthroughs: [] })) };
    expect(referenceProblems(without, routes).map((p) => p.path)).toEqual(['WALKTHROUGH_IDS.popToImap']);
  });
});
