/**
 * The insights page's tables as CSV, one file per table. Why the quote prefix: a spreadsheet runs a cell that
 * starts with = + - @ (or a tab or carriage return) as a formula, and unanswered questions are customers' words.
 */
import type { InsightsReport } from './report';

type Cell = string | number | null;

/** One table: its column headings and its rows, read from a report. */
interface TableDefinition {
  columns: readonly string[];
  rows(report: InsightsReport): Cell[][];
}

const rate = (yes: number, no: number): number | null =>
  yes + no === 0 ? null : Math.round((yes / (yes + no)) * 1000) / 10;

/** Every table the page offers as CSV, by the name in `/insights/csv/NAME`. */
export const INSIGHTS_TABLES = {
  'conversations-per-day': {
    columns: ['day', 'channel', 'conversations'],
    rows: (r) => r.conversationsPerDay.map((row) => [row.day, row.channel, row.count]),
  },
  'answers-per-day': {
    columns: ['day', 'answered', 'clarified', 'did you mean', 'unanswered'],
    rows: (r) => r.answerKindsPerDay.map((row) => [row.day, row.answer, row.clarify, row.didYouMean, row.none]),
  },
  'top-questions': {
    columns: ['asked about', 'times'],
    rows: (r) => r.topQuestions.map((row) => [row.about, row.count]),
  },
  helpfulness: {
    columns: ['entry', 'helpful', 'not helpful', 'helpful %'],
    rows: (r) =>
      r.helpfulness.map((row) => [row.about, row.helpful, row.notHelpful, rate(row.helpful, row.notHelpful)]),
  },
  'walkthrough-funnel': {
    columns: ['step', 'reached', 'abandoned'],
    rows: (r) => r.walkthroughFunnel.map((row) => [row.step, row.reached, row.abandoned]),
  },
  'handovers-per-day': {
    columns: ['day', 'offered', 'requested', 'accepted', 'abandoned', 'ended'],
    rows: (r) =>
      r.handoversPerDay.map((row) => [row.day, row.offered, row.requested, row.accepted, row.abandoned, row.ended]),
  },
  handovers: {
    columns: ['measure', 'value', 'out of'],
    rows: (r) => [
      ['time to accept p50 (s)', seconds(r.timeToAcceptMs.p50), r.timeToAcceptMs.count],
      ['time to accept p90 (s)', seconds(r.timeToAcceptMs.p90), r.timeToAcceptMs.count],
      ['agent rating (average)', r.agentRating.average, r.agentRating.count],
      ['walkthroughs finished', r.walkthroughsFinished, null],
    ],
  },
  unanswered: {
    columns: ['group', 'times', 'examples', 'nearest entry', 'nearest question'],
    rows: (r) =>
      r.unanswered.map((g) => [
        g.key,
        g.count,
        g.examples.join(' | '),
        g.nearest?.id ?? null,
        g.nearest?.question ?? null,
      ]),
  },
} as const satisfies Record<string, TableDefinition>;

/** A table's name, as in its URL. */
export type InsightsTableName = keyof typeof INSIGHTS_TABLES;

/** Whether a name (from a URL) is one of the tables; own names only, so `__proto__` or `toString` are not. */
export function isInsightsTable(name: string): name is InsightsTableName {
  return Object.hasOwn(INSIGHTS_TABLES, name);
}

/** The table as CSV (RFC 4180: CRLF, fields quoted when they hold a comma, quote or line break). */
export function tableCsv(name: InsightsTableName, report: InsightsReport): string {
  const table: TableDefinition = INSIGHTS_TABLES[name];
  return [table.columns, ...table.rows(report)].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** One cell: numbers as they are, empty for null, text defused and quoted as needed. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(defused) ? `"${defused.replace(/"/g, '""')}"` : defused;
}

function seconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 100) / 10;
}
