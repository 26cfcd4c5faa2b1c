/** The settings of signed transcript links: how long one works, and the address the bot is reached at. Pure. */

/** TRANSCRIPT_LINK_TTL_HOURS when unset: a link in a handover card works for a day. */
export const DEFAULT_TRANSCRIPT_LINK_TTL_HOURS = 24;

/** The longest a link may work: a month; a transcript holds customers' words. */
export const MAX_TRANSCRIPT_LINK_TTL_HOURS = 720;

/** The validated link settings. */
export interface TranscriptLinkConfig {
  /** How long a signed transcript link works, in hours (TRANSCRIPT_LINK_TTL_HOURS). */
  transcriptLinkTtlHours: number;
  /** PUBLIC_BASE_URL: the bot as agents reach it, https://host[/prefix] without a trailing "/"; links start with it. */
  publicBaseUrl?: string;
}

interface Problem {
  variable: string;
  problem: string;
  fix: string;
}

type Read = (name: string) => string | undefined;

/** Reads TRANSCRIPT_LINK_TTL_HOURS and PUBLIC_BASE_URL; pushes every problem. */
export function parseTranscriptLinkConfig(read: Read, problems: Problem[]): TranscriptLinkConfig {
  return {
    transcriptLinkTtlHours: parseTtl(read('TRANSCRIPT_LINK_TTL_HOURS'), problems),
    publicBaseUrl: parseBaseUrl(read('PUBLIC_BASE_URL'), problems),
  };
}

function parseTtl(raw: string | undefined, problems: Problem[]): number {
  if (raw === undefined) return DEFAULT_TRANSCRIPT_LINK_TTL_HOURS;
  const hours = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (hours >= 1 && hours <= MAX_TRANSCRIPT_LINK_TTL_HOURS) return hours;
  problems.push({
    variable: 'TRANSCRIPT_LINK_TTL_HOURS',
    problem: `got ${JSON.stringify(raw)}`,
    fix: `set it to whole hours from 1 to ${MAX_TRANSCRIPT_LINK_TTL_HOURS}, or leave it unset for ${DEFAULT_TRANSCRIPT_LINK_TTL_HOURS}`,
  });
  return DEFAULT_TRANSCRIPT_LINK_TTL_HOURS;
}

/**
 * An absolute https URL, with a path when the bot sits under one behind a proxy; http only for this machine.
 * Why so strict: agents open what starts with it, and a signed link sent over plain http can be read on the way.
 */
function parseBaseUrl(raw: string | undefined, problems: Problem[]): string | undefined {
  if (raw === undefined) return undefined;
  const url = urlOf(raw);
  const loopback = url !== undefined && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && loopback);
  if (url && secure && !url.username && !url.password && !url.search && !url.hash)
    return withoutTrailingSlashes(`${url.origin}${url.pathname}`);
  problems.push({
    variable: 'PUBLIC_BASE_URL',
    problem: `got ${JSON.stringify(raw)}`,
    fix: 'give the https address agents reach the bot at, such as https://bot.example.com (http only for localhost)',
  });
  return undefined;
}

function urlOf(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

function withoutTrailingSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === '/') end--;
  return url.slice(0, end);
}
