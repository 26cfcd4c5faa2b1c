/**
 * The handover part of the config: where handovers go, how long customers wait, who may act as agent,
 * support hours, and the ticket webhook. Every problem is reported at once, in config.ts's shape. Pure.
 */
import { ALWAYS_OPEN, canonicalTimeZone, MAX_HOURS_TEXT, parseWeek, type SupportHours, type Week } from './hours';
import { isLoopbackHost, parseUrl } from '../security/urls';

/** Where a handover goes: the Teams support channel, a contact-centre hub (the handoff event), or the support contact. */
export const HANDOFF_TARGETS = ['teams', 'event', 'contact'] as const;
export type HandoffTarget = (typeof HANDOFF_TARGETS)[number];

/** What the customer sees of the agent's name: the first name only, or the whole display name. */
export const AGENT_NAME_FORMS = ['first', 'full'] as const;
export type AgentNameForm = (typeof AGENT_NAME_FORMS)[number];

export const DEFAULT_WAIT_MINUTES = 10;
/** Why 15: longer than the wait (a customer waiting quietly is not gone), short enough to free the agent. */
export const DEFAULT_IDLE_MINUTES = 15;
export const DEFAULT_SUPPORT_TIMEZONE = 'Europe/London';
/** The longest wait or idle time accepted: a day. */
const MAX_MINUTES = 24 * 60;
/** The most closed dates read (years of bank holidays). */
const MAX_CLOSED_DATES = 1000;

/**
 * The serviceUrl of every turn on the built-in Direct Line (directline/adapter.ts IN_PROCESS_SERVICE_URL;
 * a test keeps the two equal). Why this marker and not the channel: the built-in web chat's activities
 * carry channelId 'directline' as a hub's do, but only they carry this serviceUrl, and a client cannot
 * set it (the built-in Direct Line writes it).
 */
export const BUILT_IN_DIRECTLINE_SERVICE_URL = 'urn:directline:in-process';

/**
 * The user ids of this bot's own chat page in Azure mode (directline/token-source.ts asks Azure for
 * `dl_` and 12 random bytes in base64url): that page shares channel 'directline' with a hub, so its
 * users are told apart by this shape. A hub that named its users the same way would not get the event.
 */
export const WEB_CHAT_USER_PREFIX = 'dl_';
const WEB_CHAT_USER_ID_LENGTH = WEB_CHAT_USER_PREFIX.length + 16;

/** Channels that never get the handoff event: Teams answers it with 400, and its customers reach the support channel. */
export const NEVER_EVENT_CHANNELS: readonly string[] = ['msteams'];

/** The validated handover settings. */
export interface HandoverConfig {
  /** HANDOFF_TARGET; unset, teams when the Teams support channel is set, else contact. */
  handoffTarget: HandoffTarget;
  /** Where a conversation goes that the event is not for: teams when the support channel is set, else contact. */
  handoffFallbackTarget: Exclude<HandoffTarget, 'event'>;
  /** Channel ids (lower case) whose conversations get the handoff event (target event only). */
  handoffEventChannels: readonly string[];
  /** Minutes a customer waits unanswered before being offered to leave a message. */
  handoffWaitMinutes: number;
  /** Minutes without a message after which a waiting or connected customer counts as gone. */
  handoffIdleMinutes: number;
  /** Entra object ids (lower case) allowed to act as agent; unset, anyone in the support channel. */
  handoffAgentIds?: readonly string[];
  handoffAgentName: AgentNameForm;
  /** Where tickets are POSTed as signed JSON; needs HANDOFF_WEBHOOK_SECRET. */
  handoffWebhookUrl?: string;
  /** SUPPORT_HOURS in SUPPORT_TIMEZONE, with SUPPORT_CLOSED_DATES; unset hours are every day, all day. */
  supportHours: SupportHours;
}

interface Problem {
  variable: string;
  problem: string;
  fix: string;
}

type Read = (name: string) => string | undefined;

/** Reads the HANDOFF_* and SUPPORT_* variables; pushes every problem. */
export function parseHandoverConfig(read: Read, problems: Problem[]): HandoverConfig {
  const teams = read('TEAMS_SUPPORT_TEAM_ID') !== undefined && read('TEAMS_SUPPORT_CHANNEL_ID') !== undefined;
  const handoffTarget = parseTarget(read('HANDOFF_TARGET'), teams, problems);
  const handoffWaitMinutes = parseMinutes(read, 'HANDOFF_WAIT_MINUTES', DEFAULT_WAIT_MINUTES, problems);
  const handoffIdleMinutes = parseMinutes(read, 'HANDOFF_IDLE_MINUTES', DEFAULT_IDLE_MINUTES, problems);
  if (handoffIdleMinutes <= handoffWaitMinutes)
    problems.push({
      variable: 'HANDOFF_IDLE_MINUTES',
      problem: `${handoffIdleMinutes}, not more than HANDOFF_WAIT_MINUTES (${handoffWaitMinutes})`,
      fix: 'make it longer than the wait: a customer waiting quietly for a person would otherwise count as gone',
    });
  return {
    handoffTarget,
    handoffFallbackTarget: teams ? 'teams' : 'contact',
    handoffEventChannels: parseEventChannels(read('HANDOFF_EVENT_CHANNELS'), handoffTarget, problems),
    handoffWaitMinutes,
    handoffIdleMinutes,
    handoffAgentIds: parseAgentIds(read('HANDOFF_AGENT_IDS'), problems),
    handoffAgentName: parseAgentName(read('HANDOFF_AGENT_NAME'), problems),
    handoffWebhookUrl: parseWebhookUrl(read, problems),
    supportHours: parseSupportHours(read, problems),
  };
}

/** Who a conversation's handover goes to: the event only on the listed channels, never to the built-in web chat. */
export function handoverTargetFor(
  config: Pick<HandoverConfig, 'handoffTarget' | 'handoffFallbackTarget' | 'handoffEventChannels'>,
  conversation: { channelId: string; serviceUrl?: string; userId?: string },
): HandoffTarget {
  if (config.handoffTarget !== 'event') return config.handoffTarget;
  const channel = conversation.channelId.toLowerCase();
  const listed = config.handoffEventChannels.includes(channel) && !NEVER_EVENT_CHANNELS.includes(channel);
  return listed && !isOwnWebChat(conversation) ? 'event' : config.handoffFallbackTarget;
}

/** The built-in web chat (the built-in Direct Line, or this bot's page in Azure mode): its browser would get the event. */
function isOwnWebChat(conversation: { serviceUrl?: string; userId?: string }): boolean {
  const { serviceUrl, userId = '' } = conversation;
  if (serviceUrl === BUILT_IN_DIRECTLINE_SERVICE_URL) return true;
  return userId.startsWith(WEB_CHAT_USER_PREFIX) && userId.length === WEB_CHAT_USER_ID_LENGTH;
}

/** The agent's name as the customer sees it: "Jane" from "Jane Smith" (or "Smith, Jane") unless `full`. */
export function agentNameForCustomer(displayName: string, form: AgentNameForm): string {
  const name = displayName.trim().slice(0, 200);
  if (form === 'full') return name;
  const comma = name.indexOf(',');
  const given = comma > 0 ? name.slice(comma + 1).trim() : name;
  return given.split(/\s/)[0] || name;
}

function parseTarget(raw: string | undefined, teams: boolean, problems: Problem[]): HandoffTarget {
  const fallback = teams ? 'teams' : 'contact';
  if (raw === undefined) return fallback;
  const target = HANDOFF_TARGETS.find((t) => t === raw.toLowerCase());
  if (!target)
    problems.push({
      variable: 'HANDOFF_TARGET',
      problem: `got ${JSON.stringify(raw)}`,
      fix: `set it to teams, event or contact, or leave it unset for ${fallback}`,
    });
  else if (target === 'teams' && !teams)
    problems.push({
      variable: 'HANDOFF_TARGET',
      problem: 'teams, but TEAMS_SUPPORT_TEAM_ID and TEAMS_SUPPORT_CHANNEL_ID are not both set',
      fix: 'set both (the support channel agents work in), or set HANDOFF_TARGET to contact',
    });
  return target ?? fallback;
}

/** Letters first, then letters, digits, - and _: the shape of Bot Framework channel ids. */
const CHANNEL_ID = /^[a-z][a-z0-9_-]{0,49}$/;

function parseEventChannels(raw: string | undefined, target: HandoffTarget, problems: Problem[]): readonly string[] {
  const variable = 'HANDOFF_EVENT_CHANNELS';
  const channels = (raw ?? '')
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  if (target !== 'event') {
    if (raw !== undefined)
      problems.push({
        variable,
        problem: `set, but HANDOFF_TARGET is ${target}`,
        fix: 'set HANDOFF_TARGET=event, or remove it',
      });
    return Object.freeze([]);
  }
  if (channels.length === 0)
    problems.push({
      variable,
      problem: 'missing (required for HANDOFF_TARGET=event)',
      fix: "list the channel ids the contact-centre hub answers on, such as directline (the built-in web chat's never gets the event)",
    });
  for (const channel of channels) {
    if (NEVER_EVENT_CHANNELS.includes(channel))
      problems.push({
        variable,
        problem: `names ${channel}`,
        fix: 'remove it: Teams refuses the handoff event (400); Teams customers are handed to the support channel',
      });
    else if (!CHANNEL_ID.test(channel))
      problems.push({
        variable,
        problem: `got ${JSON.stringify(channel)}`,
        fix: 'give channel ids such as directline',
      });
  }
  return Object.freeze(channels);
}

function parseMinutes(read: Read, variable: string, fallback: number, problems: Problem[]): number {
  const raw = read(variable);
  if (raw === undefined) return fallback;
  const minutes = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (minutes >= 1 && minutes <= MAX_MINUTES) return minutes;
  problems.push({
    variable,
    problem: `got ${JSON.stringify(raw)}`,
    fix: `set it to whole minutes from 1 to ${MAX_MINUTES}, or leave it unset for ${fallback}`,
  });
  return fallback;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseAgentIds(raw: string | undefined, problems: Problem[]): readonly string[] | undefined {
  if (raw === undefined) return undefined;
  const ids = raw
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  const bad = ids.filter((id) => !GUID.test(id));
  if (ids.length === 0 || bad.length > 0)
    problems.push({
      variable: 'HANDOFF_AGENT_IDS',
      problem: ids.length === 0 ? 'names no id' : `not an object id: ${bad.map((id) => JSON.stringify(id)).join(', ')}`,
      fix: "give agents' Microsoft Entra object ids (GUIDs, from Entra ID > Users), comma-separated, or leave it unset for anyone in the support channel",
    });
  return Object.freeze(ids);
}

function parseAgentName(raw: string | undefined, problems: Problem[]): AgentNameForm {
  if (raw === undefined) return 'first';
  const form = AGENT_NAME_FORMS.find((f) => f === raw.toLowerCase());
  if (form) return form;
  problems.push({
    variable: 'HANDOFF_AGENT_NAME',
    problem: `got ${JSON.stringify(raw)}`,
    fix: 'set it to first (the customer sees the first name only) or full, or leave it unset for first',
  });
  return 'first';
}

/** The longest webhook URL accepted. */
const MAX_URL_LENGTH = 2048;

/** https, or http on loopback (a test receiver); never a user name or password, which would travel and be logged. */
function parseWebhookUrl(read: Read, problems: Problem[]): string | undefined {
  const raw = read('HANDOFF_WEBHOOK_URL');
  if (raw === undefined) return undefined;
  if (read('HANDOFF_WEBHOOK_SECRET') === undefined)
    problems.push({
      variable: 'HANDOFF_WEBHOOK_SECRET',
      problem: 'missing, but HANDOFF_WEBHOOK_URL is set (tickets are signed with it)',
      fix: 'set it to at least 32 random characters (openssl rand -base64 48), the receiver checks it; or unset HANDOFF_WEBHOOK_URL',
    });
  const url = raw.length <= MAX_URL_LENGTH ? parseUrl(raw) : undefined;
  if (url && (url.username || url.password)) {
    problems.push({
      variable: 'HANDOFF_WEBHOOK_URL',
      problem: 'holds a user name or password',
      fix: 'remove them: the receiver checks the X-Signature-256 made with HANDOFF_WEBHOOK_SECRET instead',
    });
    return undefined;
  }
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (url && secure && !url.hash) return url.href;
  problems.push({
    variable: 'HANDOFF_WEBHOOK_URL',
    problem: `got ${JSON.stringify(raw.slice(0, 200))}`,
    fix: "give the full https URL of the ticketing system's webhook (http only for localhost), without a #fragment",
  });
  return undefined;
}

function parseSupportHours(read: Read, problems: Problem[]): SupportHours {
  return Object.freeze({
    timeZone: parseTimeZone(read('SUPPORT_TIMEZONE'), problems),
    week: parseHours(read('SUPPORT_HOURS'), problems),
    closedDates: parseClosedDates(read('SUPPORT_CLOSED_DATES'), problems),
  });
}

function parseHours(raw: string | undefined, problems: Problem[]): Week {
  if (raw === undefined) return ALWAYS_OPEN;
  const parsed = parseWeek(raw);
  if (parsed.kind === 'week') return parsed.week;
  problems.push({
    variable: 'SUPPORT_HOURS',
    problem: parsed.problems.join('; '),
    fix: `give days and times such as "Mon-Fri 08:00-20:00; Sat 09:00-17:00" (at most ${MAX_HOURS_TEXT} characters), or leave it unset for always`,
  });
  return ALWAYS_OPEN;
}

function parseTimeZone(raw: string | undefined, problems: Problem[]): string {
  if (raw === undefined) return DEFAULT_SUPPORT_TIMEZONE;
  const zone = raw.length <= 100 ? canonicalTimeZone(raw) : undefined;
  if (zone) return zone;
  problems.push({
    variable: 'SUPPORT_TIMEZONE',
    problem: `got ${JSON.stringify(raw.slice(0, 100))}, a time zone this Node.js does not know`,
    fix: `give an IANA time zone such as Europe/London, or leave it unset for ${DEFAULT_SUPPORT_TIMEZONE}`,
  });
  return DEFAULT_SUPPORT_TIMEZONE;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function parseClosedDates(raw: string | undefined, problems: Problem[]): readonly string[] {
  const dates = (raw ?? '').split(/[\s,]+/).filter(Boolean);
  const bad = dates.filter((d) => !isRealDate(d));
  const fix = 'give dates as YYYY-MM-DD, comma-separated, such as 2025-12-25,2025-12-26';
  if (dates.length > MAX_CLOSED_DATES)
    problems.push({
      variable: 'SUPPORT_CLOSED_DATES',
      problem: `${dates.length} dates`,
      fix: `${fix}; at most ${MAX_CLOSED_DATES}`,
    });
  else if (bad.length > 0)
    problems.push({
      variable: 'SUPPORT_CLOSED_DATES',
      problem: `not a date: ${bad
        .slice(0, 5)
        .map((d) => JSON.stringify(d.slice(0, 20)))
        .join(', ')}`,
      fix,
    });
  return Object.freeze([...new Set(dates)].sort());
}

/** YYYY-MM-DD naming a day that exists (not 2025-02-30). */
function isRealDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
