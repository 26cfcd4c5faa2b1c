/** What a client may post: a message, event or typing activity, with the fields Web Chat sends and no others. */
import type { Activity, ChannelAccount } from './conversations';

/** Activity types a client may post. */
export const CLIENT_ACTIVITY_TYPES = ['message', 'event', 'typing'] as const;

/** Fields copied from a posted activity; everything else (ids, from, recipient, serviceUrl, …) is set by us. */
const COPIED_FIELDS = [
  'text',
  'textFormat',
  'locale',
  'localTimestamp',
  'localTimezone',
  'value',
  'name',
  'attachments',
  'channelData',
  'entities',
] as const;

/** Why each field is checked: the bot reads them, and the echo sends them back to Web Chat. */
const FIELD_CHECKS: Record<(typeof COPIED_FIELDS)[number], (v: unknown) => boolean> = {
  text: (v) => typeof v === 'string',
  textFormat: (v) => v === 'plain' || v === 'markdown' || v === 'xml',
  locale: (v) => typeof v === 'string' && v.length <= 35,
  localTimestamp: (v) => typeof v === 'string' && v.length <= 64,
  localTimezone: (v) => typeof v === 'string' && v.length <= 64,
  value: () => true,
  name: (v) => typeof v === 'string' && v.length <= 200,
  attachments: (v) => Array.isArray(v) && v.length <= 10 && v.every(isObject),
  channelData: isObject,
  entities: (v) => Array.isArray(v) && v.length <= 20 && v.every(isObject),
};

/** A posted activity made safe, or why it was refused. */
export type ClientActivityCheck = { ok: true; activity: Activity } | { ok: false; field: string; message: string };

/** Builds the activity to store and run from a posted body; `from` always comes from the token. */
export function clientActivity(body: unknown, from: ChannelAccount, bot: ChannelAccount): ClientActivityCheck {
  if (!isObject(body)) return refuse('body', 'The body must be a JSON activity object.');
  const type = body.type;
  if (!CLIENT_ACTIVITY_TYPES.includes(type as (typeof CLIENT_ACTIVITY_TYPES)[number]))
    return refuse('type', `The activity type must be one of ${CLIENT_ACTIVITY_TYPES.join(', ')}.`);
  const activity: Activity = { type: type as string, from: { id: from.id, role: 'user' }, recipient: bot };
  for (const field of COPIED_FIELDS) {
    const value = body[field];
    if (value === undefined || value === null) continue;
    if (!FIELD_CHECKS[field](value)) return refuse(field, `The activity's "${field}" has the wrong type or size.`);
    (activity as Record<string, unknown>)[field] = value;
  }
  if (type === 'message' && activity.text === undefined && activity.value === undefined && !activity.attachments)
    return refuse('text', 'A message needs text, a value or attachments.');
  return { ok: true, activity };
}

function refuse(field: string, message: string): ClientActivityCheck {
  return { ok: false, field, message };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
