/** What the insights page shows, and where it comes from: the contract between the event store and the page. */

/** Days as YYYY-MM-DD (UTC), both inclusive; no channel means every channel. */
export interface InsightsFilter {
  from: string;
  to: string;
  channel?: string;
}

/** Every table the page draws, for one filter. */
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
  unanswered: { key: string; count: number; examples: string[]; nearest: { id: string; question: string } | null }[];
}

/** Where reports come from: the SQLite store, or a reader of Application Insights (`where` then says so). */
export interface InsightsSource {
  report(filter: InsightsFilter): Promise<InsightsReport> | InsightsReport;
  where?: string;
}
