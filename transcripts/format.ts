/** Turns a stored transcript into text a support agent can read. Pure: plain data in, a string out. */

/** The parts of a Bot Framework activity a readable transcript uses (structural, so no botbuilder import). */
export interface TranscriptActivity {
  type?: string;
  id?: string;
  timestamp?: Date | string;
  channelId?: string;
  conversation?: { id?: string };
  from?: { id?: string; name?: string; role?: string };
  recipient?: { id?: string };
  text?: string;
  name?: string;
  value?: unknown;
  attachments?: { contentType?: string; content?: unknown; name?: string }[];
  suggestedActions?: { actions?: { title?: string; value?: unknown }[] };
  membersAdded?: { id?: string; name?: string }[];
  membersRemoved?: { id?: string; name?: string }[];
}

const INDENT = ' '.repeat(10);

/** The transcript as text: a heading, then one timestamped entry per activity, a date line when the day changes. */
export function formatTranscript(activities: readonly TranscriptActivity[]): string {
  const first = activities[0];
  const heading = first
    ? `Conversation ${first.conversation?.id ?? '?'} on ${first.channelId ?? '?'}: ${activities.length} activities`
    : 'Empty transcript';
  const lines = [heading];
  let day = '';
  for (const activity of activities) {
    const iso = isoOf(activity.timestamp);
    if (iso.slice(0, 10) !== day) lines.push(`-- ${(day = iso.slice(0, 10))} (UTC) --`);
    const body = describe(activity);
    if (body.length > 0) lines.push(...entry(iso.slice(11, 19), body));
  }
  return `${lines.join('\n')}\n`;
}

function isoOf(timestamp: Date | string | undefined): string {
  const date = timestamp === undefined ? new Date(NaN) : new Date(timestamp);
  return Number.isNaN(date.getTime()) ? '????-??-??T??:??:??' : date.toISOString();
}

/** The first line carries the time, the rest are indented under it. */
function entry(time: string, body: string[]): string[] {
  return body.map((line, i) => (i === 0 ? `${time}  ${line}` : line.trim() === '' ? '' : `${INDENT}${line}`));
}

/** Who spoke, in the words an agent uses. */
function speaker(activity: TranscriptActivity): string {
  const role = activity.from?.role;
  if (role === 'bot') return 'Bot';
  if (role === 'user' || role === undefined) return 'Customer';
  return activity.from?.name ?? activity.from?.id ?? role;
}

/** The lines an activity becomes; typing indicators and traces become none. */
function describe(activity: TranscriptActivity): string[] {
  switch (activity.type) {
    case 'message':
      return message(activity);
    case 'conversationUpdate':
      return membership(activity);
    case 'typing':
    case 'trace':
      return [];
    case 'messageUpdate':
      return prefixed(`${speaker(activity)} edited a message:`, textLines(activity.text));
    case 'messageDelete':
      return [`${speaker(activity)} deleted a message`];
    default:
      return [`[${activity.type ?? 'activity'}${activity.name ? ` ${activity.name}` : ''}] from ${speaker(activity)}`];
  }
}

function message(activity: TranscriptActivity): string[] {
  const who = `${speaker(activity)}:`;
  const clicked = activity.text ? undefined : clickedValue(activity.value);
  const text = clicked !== undefined ? [`[clicked] ${clicked}`] : textLines(activity.text);
  const extras = [...(activity.attachments ?? []).map(attachmentLine), ...buttonLines(activity)];
  return prefixed(who, [...text, ...extras]);
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
