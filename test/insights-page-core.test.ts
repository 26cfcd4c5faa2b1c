/** The insights page's pure parts: the query read into a filter, CSV cells defused, the "Copy as YAML" skeleton. */
import { parse } from 'yaml';
import { csvCell, INSIGHTS_TABLES, isInsightsTable, tableCsv } from '../insights/csv';
import { entrySkeleton, SKELETON_LIMITS, type UnansweredGroup } from '../insights/entry-skeleton';
import { parseInsightsQuery, QUERY_LIMITS, QUERY_TEXT, queryOfFilter } from '../insights/page-query';
import { elsewhereSource, emptyReport } from '../insights/report';
import { knowledgeFileSchema } from '../knowledge/schema';
import { FIXTURE_REPORT } from './helpers/insights-fixtures';

const TODAY = '2026-03-14';

describe('parseInsightsQuery', () => {
  it.each([
    ['nothing: the last 30 days', '', { from: '2026-02-13', to: '2026-03-14' }],
    ['only to: the 30 days before it', 'to=2026-01-31', { from: '2026-01-02', to: '2026-01-31' }],
    ['one day', 'from=2026-03-01&to=2026-03-01', { from: '2026-03-01', to: '2026-03-01' }],
    ['a leap day', 'from=2024-02-29&to=2024-03-01', { from: '2024-02-29', to: '2024-03-01' }],
    [`${QUERY_LIMITS.maxDays} days`, 'from=2025-03-14&to=2026-03-14', { from: '2025-03-14', to: '2026-03-14' }],
    ['a channel', 'channel=msteams', { from: '2026-02-13', to: '2026-03-14', channel: 'msteams' }],
    ['an empty channel: all', 'channel=', { from: '2026-02-13', to: '2026-03-14' }],
  ])('%s', (_name, query, filter) => {
    expect(parseInsightsQuery(query, TODAY)).toEqual({ ok: true, filter });
  });

  it.each([
    ['not a leap year', 'from=2025-02-29', QUERY_TEXT.badDate('from')],
    ['a month 13', 'to=2026-13-01', QUERY_TEXT.badDate('to')],
    ['a time as well', 'to=2026-03-01T00:00', QUERY_TEXT.badDate('to')],
    ['spaces', 'from=%202026-03-01', QUERY_TEXT.badDate('from')],
    [`${QUERY_LIMITS.maxDays + 1} days`, 'from=2025-03-13&to=2026-03-14', QUERY_TEXT.tooWide],
    ['reversed', 'from=2026-03-02&to=2026-03-01', QUERY_TEXT.reversed],
    ['a channel with a slash', 'channel=a/b', QUERY_TEXT.badChannel],
    ['a channel of 65 characters', `channel=${'c'.repeat(65)}`, QUERY_TEXT.badChannel],
    ['__proto__', '__proto__=1', QUERY_TEXT.unknown('__proto__')],
  ])('refuses %s', (_name, query, error) => {
    expect(parseInsightsQuery(query, TODAY)).toEqual({ ok: false, error });
  });

  it('writes a filter back as the same query', () => {
    const filter = { from: '2026-03-01', to: '2026-03-07', channel: 'directline' };
    expect(parseInsightsQuery(queryOfFilter(filter), TODAY)).toEqual({ ok: true, filter });
  });
});

describe('csvCell', () => {
  it.each([
    ['plain text', 'smtp settings', 'smtp settings'],
    ['a number', 412, '412'],
    ['null', null, ''],
    ['a comma', 'pop, imap', '"pop, imap"'],
    ['a quote', 'the "server"', '"the ""server"""'],
    ['a line break', 'one\ntwo', '"one\ntwo"'],
    ['a formula', '=1+2', "'=1+2"],
    ['a plus', '+44 800', "'+44 800"],
    ['a minus', '-2+3', "'-2+3"],
    ['an at', '@SUM(A1)', "'@SUM(A1)"],
    ['a tab first', '\t=1', "'\t=1"],
    ['a formula with a comma', '=HYPERLINK("x",1)', '"\'=HYPERLINK(""x"",1)"'],
    ['a formula later on', 'a=1', 'a=1'],
  ])('%s', (_name, value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('every table of the fixture: a header, then one line per row, each line as many cells', () => {
    for (const name of Object.keys(INSIGHTS_TABLES)) {
      expect(isInsightsTable(name)).toBe(true);
      const lines = tableCsv(name as keyof typeof INSIGHTS_TABLES, FIXTURE_REPORT).split('\r\n');
      expect(lines.at(-1)).toBe('');
      expect(lines[0]!.split(',')).toEqual(INSIGHTS_TABLES[name as keyof typeof INSIGHTS_TABLES].columns);
    }
    expect(tableCsv('helpfulness', FIXTURE_REPORT).split('\r\n')[1]).toBe('error-530,120,14,89.6');
    expect(tableCsv('handovers', FIXTURE_REPORT).split('\r\n')[1]).toBe('time to accept p50 (s),84,118');
  });
});

describe('entrySkeleton', () => {
  const group: UnansweredGroup = {
    key: 'Forward email: Outlook!',
    count: 23,
    examples: [
      'How do I forward my email?',
      'forward it\nto: "gmail"',
      '- dash',
      '# hash',
      'How do I forward my email?',
    ],
    nearest: { id: 'addresses', question: 'what email addresses can i use' },
  };

  /** The skeleton as the knowledge file would read it, pasted under `entries:`. */
  function pasted(yaml: string): Record<string, unknown> {
    const file = parse(`entries:\n${yaml}\n`) as { entries: Record<string, unknown>[] };
    expect(file.entries).toHaveLength(1);
    return file.entries[0]!;
  }

  it('pastes under entries: as one entry, the examples its questions, one line each and once', () => {
    expect(pasted(entrySkeleton(group))).toEqual({
      id: 'todo-forward-email-outlook',
      kind: 'topic',
      title: 'TODO: a short title',
      questions: ['how do i forward my email?', 'forward it to: "gmail"', '- dash', '# hash'],
      keywords: [],
      answer: 'TODO: the answer, in the words of the source below.',
      source: 'TODO',
      evidence: ['TODO: a quote from the source that says this'],
    });
    expect(entrySkeleton(group)).toContain(
      '# Unanswered 23 times ("Forward email: Outlook!"); nearest entry: addresses',
    );
  });

  it('is refused by the knowledge check until the editor fills in the source', () => {
    const entry = pasted(entrySkeleton(group));
    const sources = { 'bt-help': { label: 'BT Help', title: 't', url: 'https://www.bt.com/help', file: 'f.txt' } };
    const file = (source: string) => ({ version: 1, sources, entries: [{ ...entry, source }] });
    const issues = (source: string) =>
      knowledgeFileSchema.safeParse(file(source)).error?.issues.filter((i) => i.path.join('.').startsWith('entries')) ??
      [];
    expect(issues('TODO').map((i) => i.path.join('.'))).toEqual(['entries.0.source']);
    expect(issues('bt-help')).toEqual([]);
  });

  it('bounds what it takes from a group', () => {
    const many = {
      ...group,
      key: 'x'.repeat(500),
      examples: Array.from({ length: 30 }, (_, i) => `q${i} ${'y'.repeat(400)}`),
    };
    const entry = pasted(entrySkeleton(many));
    expect(entry.questions).toHaveLength(SKELETON_LIMITS.examples);
    expect((entry.questions as string[])[0]).toHaveLength(SKELETON_LIMITS.exampleLength);
    expect(entry.id).toBe(`todo-${'x'.repeat(SKELETON_LIMITS.idLength)}`);
  });

  it('without examples, the group key is the question; without a usable key, TODO', () => {
    expect(pasted(entrySkeleton({ key: 'spam folder', count: 1, examples: [], nearest: null })).questions).toEqual([
      'spam folder',
    ]);
    const empty = pasted(entrySkeleton({ key: '…', count: 1, examples: [], nearest: null }));
    expect(empty.id).toBe('todo-new-entry');
    expect(empty.questions).toEqual(['…']);
  });
});

describe('elsewhereSource (events only in Application Insights)', () => {
  it('reports nothing and says where the data is', async () => {
    const source = elsewhereSource('Application Insights (uksouth-1.in.applicationinsights.azure.com)');
    const report = await source.report({ from: '2026-03-01', to: '2026-03-14' });
    expect(report).toEqual(emptyReport({ from: '2026-03-01', to: '2026-03-14' }));
    expect(report.conversationsPerDay).toEqual([]);
    expect(report.timeToAcceptMs).toEqual({ p50: null, p90: null, count: 0 });
    expect(source.where).toMatch(/Application Insights/);
  });
});
