/**
 * Turns a stored transcript into what a support agent reads: entries (who, when, what), and the
 * readable text made of them. Pure: plain data in, plain data or a string out.
 *
 * The handover marks what it records in the customer's conversation with `channelData.handover`
 * (the shape is `HandoverMarker`): `{ role: 'agent', name: 'Sam' }` on a message an agent wrote,
 * `{ role: 'agent', name: 'Sam', note: true }` (or just `{ note: true }`) on an internal note, which
 * the customer never saw. The renderers show them as "Agent Sam" and "Agent Sam (internal note)".
 */

/** The parts of a Bot Framework activity a readable transcript uses (structural, so no botbuilder import). */
export interface TranscriptActivity {
  type?: string;
  id?: string;
  timestamp?: Date | string;
  channelId?: string;
  conversation?: { id?: string };
  from?: { id?: string; name?: string; role?: string };
  recipient?: { id?: string; name?: string; role?: string };
  text?: string;
  name?: string;
  value?: unknown;
  attachments?: { contentType?: string; content?: unknown; name?: string }[];
  suggestedActions?: { actions?: { title?: string; value?: unknown }[] };
  membersAdded?: { id?: string; name?: string }[];
  membersRemoved?: { id?: string; name?: string }[];
  /** Channel-specific data; the handover's marker is `channelData.handover`. */
  channelData?: unknown;
}

/** What the handover puts in `channelData.handover`: who of the support team wrote it, and whether it is a note. */
export interface HandoverMarker {
  /** 'agent' on what a person of the support team wrote (relayed message or note). */
  role?: 'agent';
  /** The agent's display name, as the agent console gives it. */
  name?: string;
  /** True on an internal note: kept in the transcript, never sent to the customer. */
  note?: boolean;
}

/** Whose an entry is, for the reader's eye: the customer, the bot, an agent, an agent's internal note, or an event. */
export type EntryKind = 'customer' | 'bot' | 'agent' | 'note' | 'event';

/** One activity as an agent reads it: when, whose, and its lines (the first follows the label, if any). */
export interface TranscriptEntry {
  /** ISO 8601 in UTC, or `????-??-??T??:??:??` when the record has no valid time. */
  iso: string;
  kind: EntryKind;
  /** Who spoke ("Customer", "Agent Sam (internal note)", "Bot edited a message"); none for events. */
  label?: string;
  lines: string[];
}

/** Longest agent name shown; it comes from the agent console, unchecked. */
const MAX_NAME = 60;

const INDENT = ' '.repeat(10);

/** The first line of a readable transcript: which conversation, on which channel, how many activities. */
export function transcriptHeading(activities: readonly TranscriptActivity[]): string {
  const first = activities[0];
  if (!first) return 'Empty transcript';
  return `Conversation ${first.conversation?.id ?? '?'} on ${first.channelId ?? '?'}: ${activities.length} activities`;
}

/** Each activity a reader would want, in order; typing indicators, traces and empty updates are left out. */
export function transcriptEntries(activities: readonly TranscriptActivity[]): TranscriptEntry[] {
  const entries: TranscriptEntry[] = [];
  for (const activity of activities) {
    const entry = describe(activity);
    if (entry && (entry.label !== undefined || entry.lines.length > 0)) entries.push(entry);
  }
  return entries;
}

/** The transcript as text: a heading, then one timestamped entry per activity, a date line when the day changes. */
export function formatTranscript(activities: readonly TranscriptActivity[]): string {
  const lines = [transcriptHeading(activities)];
  let day = '';
  for (const activity of activities) {
    const iso = isoOf(activity.timestamp);
    if (iso.slice(0, 10) !== day) lines.push(`-- ${(day = iso.slice(0, 10))} (UTC) --`);
    const entry = transcriptEntries([activity])[0];
    if (entry) lines.push(...textOf(entry));
  }
  return `${lines.join('\n')}\n`;
}

/** The entry's text lines: the first carries the time and the label, the rest are indented under it. */
function textOf(entry: TranscriptEntry): string[] {
  const body = entry.label === undefined ? entry.lines : prefixed(`${entry.label}:`, entry.lines);
  const time = entry.iso.slice(11, 19);
  return body.map((line, i) => (i === 0 ? `${time}  ${line}` : line.trim() === '' ? '' : `${INDENT}${line}`));
}

/** An activity's time as ISO 8601, or question marks where it has none. */
export function isoOf(timestamp: Date | string | undefined): string {
  const date = timestamp === undefined ? new Date(NaN) : new Date(timestamp);
  return Number.isNaN(date.getTime()) ? '????-??-??T??:??:??' : date.toISOString();
}

/** The handover's marker on an activity, with only the fields of the right type. */
export function handoverMarker(activity: TranscriptActivity): HandoverMarker {
  const data = activity.channelData;
  const raw = data && typeof data === 'object' ? (data as { handover?: unknown }).handover : undefined;
  if (!raw || typeof raw !== 'object') return {};
  const { role, name, note } = raw as Record<string, unknown>;
  return {
    ...(role === 'agent' ? { role } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    ...(note === true ? { note } : {}),
  };
}

/** Who spoke, in the words an agent uses, and the kind of entry it makes. */
function speaker(activity: TranscriptActivity): { label: string; kind: EntryKind } {
  const marker = handoverMarker(activity);
  const role = activity.from?.role;
  const agent = marker.role === 'agent' || role === 'agent';
  const name = marker.name ?? (role === 'agent' ? activity.from?.name : undefined);
  if (agent || marker.note) {
    const who = agent ? ['Agent', ...(name ? [shortName(name)] : [])].join(' ') : '';
    const label = marker.note ? `${who} (internal note)`.trim() : who;
    return { label, kind: marker.note ? 'note' : 'agent' };
  }
  if (role === 'bot') return { label: 'Bot', kind: 'bot' };
  if (role === 'user' || role === undefined) return { label: 'Customer', kind: 'customer' };
  return { label: activity.from?.name ?? activity.from?.id ?? role, kind: 'event' };
}

/** A name on one line, cut to MAX_NAME characters. */
function shortName(name: string): string {
  return name.slice(0, MAX_NAME).split(/\s+/).filter(Boolean).join(' ');
}

/** The entry an activity becomes; typing indicators and traces become none. */
function describe(activity: TranscriptActivity): TranscriptEntry | undefined {
  const iso = isoOf(activity.timestamp);
  const who = speaker(activity);
  switch (activity.type) {
    case 'message':
      return { iso, kind: who.kind, label: who.label, lines: message(activity) };
    case 'conversationUpdate':
      return { iso, kind: 'event', lines: membership(activity) };
    case 'typing':
    case 'trace':
      return undefined;
    case 'messageUpdate':
      return { iso, kind: who.kind, label: `${who.label} edited a message`, lines: textLines(activity.text) };
    case 'messageDelete':
      return { iso, kind: 'event', lines: [`${who.label} deleted a message`] };
    default: {
      const name = activity.name ? ` ${activity.name}` : '';
      return { iso, kind: 'event', lines: [`[${activity.type ?? 'activity'}${name}] from ${who.label}`] };
    }
  }
}

function message(activity: TranscriptActivity): string[] {
  const clicked = activity.text ? undefined : clickedValue(activity.value);
  const text = clicked !== undefined ? [`[clicked] ${clicked}`] : textLines(activity.text);
  return [...text, ...(activity.attachments ?? []).map(attachmentLine), ...buttonLines(activity)];
}

function prefixed(first: string, rest: string[]): string[] {
  if (rest.length === 0) return [first];
  return [`${first} ${rest[0]}`, ...rest.slice(1)];
}

function textLines(text: string | undefined): string[] {
  return (text ?? '').split(/\r?\n/).filter((line, i, all) => line.trim() !== '' || (i > 0 && i < all.length - 1));
}

/** A card button the customer clicked arrives as `value`, not text. */
function clickedValue(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const v = value as Record<string, unknown>;
    const text = v.text ?? (v.msteams as Record<string, unknown> | undefined)?.value;
    return typeof text === 'string' ? text : JSON.stringify(value);
  }
  return undefined;
}

function attachmentLine(attachment: { contentType?: string; content?: unknown; name?: string }): string {
  const content = (attachment.content ?? {}) as Record<string, unknown>;
  const summary = content.fallbackText ?? content.title ?? content.text ?? attachment.name ?? attachment.contentType;
  const kind = attachment.contentType?.includes('adaptive') ? 'card' : 'attachment';
  return `[${kind}] ${String(summary ?? '').split('\n')[0]}`;
}

function buttonLines(activity: TranscriptActivity): string[] {
  const titles = (activity.suggestedActions?.actions ?? []).map((a) => a.title ?? String(a.value ?? ''));
  return titles.length > 0 ? [`[buttons] ${titles.join(' | ')}`] : [];
}

function membership(activity: TranscriptActivity): string[] {
  const botId = activity.recipient?.id;
  const names = (members: { id?: string; name?: string }[] | undefined) =>
    (members ?? []).filter((m) => m.id !== botId).map((m) => m.name ?? m.id ?? 'someone');
  const joined = names(activity.membersAdded);
  const left = names(activity.membersRemoved);
  return [
    ...(joined.length > 0 ? [`${joined.join(', ')} joined`] : []),
    ...(left.length > 0 ? [`${left.join(', ')} left`] : []),
  ];
}
