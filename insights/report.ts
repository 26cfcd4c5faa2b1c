/** The insights page's data: the filter it asks with and the report it gets (the shared contract of issue 14). Pure. */

/** Days YYYY-MM-DD (UTC), inclusive; a channel, or every channel. */
export interface InsightsFilter {
  from: string;
  to: string;
  channel?: string;
}

/** Everything the insights page shows, for one filter. */
export interface InsightsReport {
  filter: InsightsFilter;
  channels: string[];
  conversationsPerDay: { day: string; channel: string; count: number }[];
  answerKindsPerDay: { day: string; answer: number; clarify: number; didYouMean: number; none: number }[];
  topQuestions: { about: string; count: number }[];
  helpfulness: { about: string; helpful: number; notHelpful: number }[];
  walkthroughFunnel: { step: number; reached: number; abandoned: number }[];
  walkthroughsFinished: number;
  handoversPerDay: {
    day: string;
    offered: number;
    requested: number;
    accepted: number;
    abandoned: number;
    ended: number;
  }[];
  timeToAcceptMs: { p50: number | null; p90: number | null; count: number };
  agentRating: { average: number | null; count: number };
  unanswered: UnansweredGroup[];
}

/** Unanswered questions written alike: how many, a few redacted examples, and the entry nearest to them. */
export interface UnansweredGroup {
  key: string;
  count: number;
  examples: string[];
  nearest: NearestEntry | null;
}

/** A knowledge entry and its first question. */
export interface NearestEntry {
  id: string;
  question: string;
}

/** Where the report comes from; `where` says where the data is when it is not here (e.g. Application Insights). */
export interface InsightsSource {
  report(filter: InsightsFilter): Promise<InsightsReport> | InsightsReport;
  where?: string;
}

/** How many of each list the report holds at most. */
export const REPORT_LIMITS = { topQuestions: 20, helpfulness: 50, unanswered: 50, examples: 3 } as const;

/** The value below which `p` (0..1) of the sorted values fall (nearest rank), or null when there are none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** The last `days` days up to `today` (YYYY-MM-DD), inclusive: the page's default filter. */
export function lastDays(today: Date, days: number): InsightsFilter {
  const to = today.toISOString().slice(0, 10);
  const from = new Date(today.getTime() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** A report with nothing in it: what a source whose data lives elsewhere gives (the page then shows its `where`). */
export function emptyReport(filter: InsightsFilter): InsightsReport {
  return {
    ...{ filter, channels: [], conversationsPerDay: [], answerKindsPerDay: [], topQuestions: [], helpfulness: [] },
    ...{ walkthroughFunnel: [], walkthroughsFinished: 0, handoversPerDay: [], unanswered: [] },
    timeToAcceptMs: { p50: null, p90: null, count: 0 },
    agentRating: { average: null, count: 0 },
  };
}

/** The source when events go only to Application Insights (Blob storage, several instances): it says where they are. */
export function elsewhereSource(where: string): InsightsSource {
  return { report: emptyReport, where };
}
