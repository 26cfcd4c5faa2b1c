/**
 * Support hours: when a person can take a handover, read in the support team's time zone with Intl
 * (no date library). Pure.
 *
 * Why wall-clock numbers: a local date and time is held as the milliseconds Date.UTC gives for it
 * ("wall"), so days are added and weekdays read without any time zone; only the step between a wall
 * time and a real instant asks Intl, which knows the zone's daylight-saving rules. A wall time that does
 * not exist (the hour skipped in spring) opens at the first real instant after it; one that happens twice
 * (the hour repeated in autumn) at the first.
 */
import { DAY_NAMES, HANDOVER_TEXT, MONTH_NAMES } from './messages';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const MINUTES_A_DAY = 24 * 60;

/** One opening in a day, in minutes after local midnight: `start` < `end` ≤ 1440 (24:00). */
export interface Window {
  start: number;
  end: number;
}

/** A week of windows, Sunday first (the index of `Date#getUTCDay`); each day's sorted and not overlapping. */
export type Week = readonly (readonly Window[])[];

/** When people are at work: the week's windows in a time zone, and the dates (bank holidays) closed all day. */
export interface SupportHours {
  /** An IANA time zone, such as Europe/London. */
  timeZone: string;
  week: Week;
  /** Local dates closed all day, YYYY-MM-DD, sorted. */
  closedDates: readonly string[];
}

/** Every day, all day: what an unset SUPPORT_HOURS means. */
export const ALWAYS_OPEN: Week = Object.freeze(
  Array.from({ length: 7 }, () => Object.freeze([{ start: 0, end: MINUTES_A_DAY }])),
);

/** The longest SUPPORT_HOURS read; a real week is well under 200 characters. */
export const MAX_HOURS_TEXT = 1000;

/** What reading SUPPORT_HOURS gives: the week, or every problem found in it. */
export type ParsedWeek = { kind: 'week'; week: Week } | { kind: 'invalid'; problems: string[] };

const DAY_ABBREVIATIONS = DAY_NAMES.map((name) => name.slice(0, 3).toLowerCase());

/**
 * Reads `Mon-Fri 08:00-20:00; Sat 09:00-17:00`: entries split by `;`, each days (a day, or a range that may
 * run over the week's end such as Fri-Mon; several split by commas) then windows (HH:MM-HH:MM, 24:00 as an
 * end, several split by commas or spaces). Days not named are closed; windows of a day that overlap merge.
 */
export function parseWeek(text: string): ParsedWeek {
  if (text.length > MAX_HOURS_TEXT) return { kind: 'invalid', problems: [`longer than ${MAX_HOURS_TEXT} characters`] };
  const days: Window[][] = Array.from({ length: 7 }, () => []);
  const problems: string[] = [];
  for (const entry of text.split(';').map((e) => e.trim())) {
    if (entry !== '') parseEntry(entry, days, problems);
  }
  if (problems.length === 0 && days.every((d) => d.length === 0)) problems.push('names no day and time');
  return problems.length > 0 ? { kind: 'invalid', problems } : { kind: 'week', week: days.map(mergeWindows) };
}

/** One entry: its day tokens come first, then its windows; each bad token is named. */
function parseEntry(entry: string, days: Window[][], problems: string[]): void {
  const tokens = entry.split(/[\s,]+/).filter(Boolean);
  const firstWindow = tokens.findIndex((t) => /^\d/.test(t));
  const dayTokens = firstWindow < 0 ? tokens : tokens.slice(0, firstWindow);
  const windowTokens = firstWindow < 0 ? [] : tokens.slice(firstWindow);
  if (dayTokens.length === 0) problems.push(`"${entry}" names no day`);
  if (windowTokens.length === 0) problems.push(`"${entry}" gives no time, such as 08:00-20:00`);
  const indexes = dayTokens.flatMap((t) => parseDays(t, problems));
  const windows = windowTokens.flatMap((t) => parseWindow(t, problems));
  for (const index of indexes) days[index]?.push(...windows);
}

/** "Mon" or "Mon-Fri" (full names too, any case) as weekday indexes; a range runs on over Sunday. */
function parseDays(token: string, problems: string[]): number[] {
  const [from, to, ...rest] = token.split('-').map(dayIndex);
  if (from === undefined || from < 0 || to === -1 || rest.length > 0) {
    problems.push(`"${token}" is not a day or a range of days, such as Mon or Mon-Fri`);
    return [];
  }
  const length = to === undefined ? 1 : ((to - from + 7) % 7) + 1;
  return Array.from({ length }, (_, i) => (from + i) % 7);
}

function dayIndex(name: string): number {
  const lower = name.toLowerCase();
  const index = DAY_ABBREVIATIONS.indexOf(lower.slice(0, 3));
  return index >= 0 && (lower.length === 3 || lower === DAY_NAMES[index]?.toLowerCase()) ? index : -1;
}

/** "08:00-20:00" as minutes; the end may be 24:00 and must come after the start. */
function parseWindow(token: string, problems: string[]): Window[] {
  const match = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(token);
  const start = match && clockMinutes(match[1], match[2]);
  const end = match && clockMinutes(match[3], match[4]);
  if (start === null || end === null || start === undefined || end === undefined || start === MINUTES_A_DAY) {
    problems.push(`"${token}" is not a time range such as 08:00-20:00 (24:00 may end one)`);
    return [];
  }
  if (end <= start) {
    problems.push(`"${token}" ends before it starts; for a night give 22:00-24:00 and 00:00-06:00 on the next day`);
    return [];
  }
  return [{ start, end }];
}

function clockMinutes(hours = '', minutes = ''): number | undefined {
  const total = Number(hours) * 60 + Number(minutes);
  return Number(minutes) < 60 && total <= MINUTES_A_DAY ? total : undefined;
}

function mergeWindows(windows: Window[]): readonly Window[] {
  const merged: Window[] = [];
  for (const w of [...windows].sort((a, b) => a.start - b.start)) {
    const last = merged[merged.length - 1];
    if (last && w.start <= last.end) last.end = Math.max(last.end, w.end);
    else merged.push({ ...w });
  }
  return Object.freeze(merged);
}

/** Whether `timeZone` is one Intl knows; its canonical name if so (europe/london → Europe/London). */
export function canonicalTimeZone(timeZone: string): string | undefined {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Whether a person can take a handover at `atMs`: inside a window of that local day, and not a closed date. */
export function isOpen(hours: SupportHours, atMs: number): boolean {
  const local = wallTime(hours.timeZone, atMs);
  const dayStart = startOfDay(local);
  if (hours.closedDates.includes(isoDate(dayStart))) return false;
  const minute = (local - dayStart) / MINUTE;
  return windowsOn(hours.week, dayStart).some((w) => w.start <= minute && minute < w.end);
}

/**
 * The first instant at or after `fromMs` at which support is open: `fromMs` itself when open now;
 * undefined when it never opens (no window on any day that is not closed).
 */
export function nextOpening(hours: SupportHours, fromMs: number): number | undefined {
  if (isOpen(hours, fromMs)) return fromMs;
  const firstDay = startOfDay(wallTime(hours.timeZone, fromMs));
  // Why this bound: each closed date can push the next opening on by at most a week.
  const lastDay = firstDay + 7 * (hours.closedDates.length + 2) * DAY;
  const closed = new Set(hours.closedDates);
  for (let day = firstDay; day <= lastDay; day += DAY) {
    if (closed.has(isoDate(day))) continue;
    for (const w of windowsOn(hours.week, day)) {
      // A window inside the hour skipped in spring never opens: the check catches it.
      const opens = instantsOf(hours.timeZone, day + w.start * MINUTE).find((t) => t > fromMs && isOpen(hours, t));
      if (opens !== undefined) return opens;
    }
  }
  return undefined;
}

/** What to tell a customer out of hours: "A person is next available tomorrow at 08:00." */
export function nextAvailableSentence(hours: SupportHours, nowMs: number): string {
  const opens = nextOpening(hours, nowMs);
  if (opens === undefined) return HANDOVER_TEXT.notAvailable;
  return HANDOVER_TEXT.nextAvailable(describeWhen(hours.timeZone, opens, nowMs));
}

/** "today at 09:00", "tomorrow at 08:00", "on Monday at 08:00", or with the date when a week or more away. */
export function describeWhen(timeZone: string, atMs: number, nowMs: number): string {
  const local = wallTime(timeZone, atMs);
  const days = Math.round((startOfDay(local) - startOfDay(wallTime(timeZone, nowMs))) / DAY);
  const date = new Date(local);
  const time = date.toISOString().slice(11, 16);
  const day = DAY_NAMES[date.getUTCDay()] ?? '';
  if (days <= 0) return HANDOVER_TEXT.today(time);
  if (days === 1) return HANDOVER_TEXT.tomorrow(time);
  if (days < 7) return HANDOVER_TEXT.onDay(day, time);
  return HANDOVER_TEXT.onDate(day, date.getUTCDate(), MONTH_NAMES[date.getUTCMonth()] ?? '', time);
}

function windowsOn(week: Week, dayStart: number): readonly Window[] {
  return week[new Date(dayStart).getUTCDay()] ?? [];
}

function startOfDay(wall: number): number {
  return wall - (((wall % DAY) + DAY) % DAY);
}

function isoDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The local date and time at `atMs` in `timeZone`, to the minute, as a wall number. */
function wallTime(timeZone: string, atMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(atMs)) parts[part.type] = Number(part.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute);
}

/**
 * The real instants whose local time is `wall`, earliest first: two in the hour repeated in autumn; in the hour
 * skipped in spring, none, so the first instant after the gap.
 */
function instantsOf(timeZone: string, wall: number): number[] {
  // Why a day either side: the offsets in force around `wall` include both sides of any nearby clock change.
  const offsets = [wall - DAY, wall + DAY].map((t) => wallTime(timeZone, t) - minuteOf(t));
  const candidates = [...new Set(offsets.map((offset) => wall - offset))].sort((a, b) => a - b);
  const exact = candidates.filter((t) => wallTime(timeZone, t) === wall);
  if (exact.length > 0) return exact;
  let [before = wall, after = wall] = candidates;
  while (after - before > MINUTE) {
    const middle = before + Math.floor((after - before) / 2 / MINUTE) * MINUTE;
    if (wallTime(timeZone, middle) >= wall) after = middle;
    else before = middle;
  }
  return [after];
}

function minuteOf(atMs: number): number {
  return atMs - (((atMs % MINUTE) + MINUTE) % MINUTE);
}
