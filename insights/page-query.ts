/**
 * The query of the insights page's data and CSV endpoints (`from`, `to`, `channel`), read into an InsightsFilter or
 * refused with a sentence that says what to send. Pure: the query string and today's date in, a verdict out.
 */
import { dayOf } from './events';
import type { InsightsFilter } from './report';

/** How much the endpoints read and allow. */
export const QUERY_LIMITS = {
  /** Longest query read; a full one is under 80 characters. */
  maxQueryLength: 512,
  /** Longest range one request may cover, so one request cannot make the store scan everything. */
  maxDays: 366,
  /** The range shown when none is asked for: the last 30 days, today included. */
  defaultDays: 30,
} as const;

const PARAMETERS = ['from', 'to', 'channel'] as const;

/** What a refused query is told; one place, so tests assert on the same words. */
export const QUERY_TEXT = {
  tooLong: `The query is longer than ${QUERY_LIMITS.maxQueryLength} characters.`,
  unknown: (name: string) => `Unknown parameter "${name.slice(0, 40)}": use from, to and channel.`,
  repeated: (name: string) => `"${name}" is given more than once.`,
  badDate: (name: string) => `"${name}" must be a date written YYYY-MM-DD, such as 2026-03-01.`,
  reversed: '"from" must not be after "to".',
  tooWide: `The range is longer than ${QUERY_LIMITS.maxDays} days; ask for a shorter one.`,
  badChannel: '"channel" must be a channel id: up to 64 letters, digits, dots, dashes or underscores.',
} as const;

/** A query read: the filter, or why not. */
export type QueryCheck = { ok: true; filter: InsightsFilter } | { ok: false; error: string };

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const CHANNEL = /^[A-Za-z0-9._-]{1,64}$/;

/** Reads `from`, `to` (days, inclusive; default the last 30 days to `today`) and `channel` (absent or empty: all). */
export function parseInsightsQuery(query: string, today: string): QueryCheck {
  if (query.length > QUERY_LIMITS.maxQueryLength) return { ok: false, error: QUERY_TEXT.tooLong };
  const params = new URLSearchParams(query);
  const problem = unexpected(params);
  if (problem) return { ok: false, error: problem };
  const to = params.get('to') ?? today;
  const last = dayNumber(to);
  if (last === undefined) return { ok: false, error: QUERY_TEXT.badDate('to') };
  const from = params.get('from') ?? dayOf((last + 1 - QUERY_LIMITS.defaultDays) * DAY_MS);
  const first = dayNumber(from);
  if (first === undefined) return { ok: false, error: QUERY_TEXT.badDate('from') };
  const span = last - first;
  if (span < 0) return { ok: false, error: QUERY_TEXT.reversed };
  if (span + 1 > QUERY_LIMITS.maxDays) return { ok: false, error: QUERY_TEXT.tooWide };
  const channel = params.get('channel') ?? '';
  if (channel === '') return { ok: true, filter: { from, to } };
  return CHANNEL.test(channel)
    ? { ok: true, filter: { from, to, channel } }
    : { ok: false, error: QUERY_TEXT.badChannel };
}

/** The query string for a filter, as the page and the CSV links write it. */
export function queryOfFilter(filter: InsightsFilter): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to });
  if (filter.channel !== undefined) params.set('channel', filter.channel);
  return params.toString();
}

function unexpected(params: URLSearchParams): string | undefined {
  for (const name of new Set(params.keys())) {
    if (!(PARAMETERS as readonly string[]).includes(name)) return QUERY_TEXT.unknown(name);
    if (params.getAll(name).length > 1) return QUERY_TEXT.repeated(name);
  }
  return undefined;
}

/** Days since 1970 for a real calendar date written YYYY-MM-DD (no 2026-02-30), else undefined. */
function dayNumber(text: string): number | undefined {
  if (!DATE.test(text)) return undefined;
  const ms = Date.parse(`${text}T00:00:00Z`);
  return Number.isNaN(ms) || dayOf(ms) !== text ? undefined : ms / DAY_MS;
}
