/**
 * One message per turn. The dialogs often say two things in a turn — an answer, then a question
 * with buttons ("Did that fix it?") — which botbuilder would send as two activities: two
 * connector calls, two bubbles in Web Chat, two posts in a Teams thread. This middleware holds a
 * turn's messages and sends them at the end of the turn joined into one: texts separated by a
 * blank line, attachments in order, the last suggested actions. Messages that cannot be joined,
 * and every other kind of activity, still go out in the order they were sent.
 */
import { ActivityTypes, type Activity, type Middleware, type ResourceResponse, type TurnContext } from 'botbuilder';

/** Where a turn keeps the activities it held to join: not sent as they are, so whoever watches sends (the transcript) skips them. */
const HELD = Symbol('activities held to be joined');

/** Whether `activity` (as passed to an onSendActivities handler of `context`) was held for joining rather than sent. */
export function wasHeld(context: TurnContext, activity: object): boolean {
  return context.turnState.get<WeakSet<object> | undefined>(HELD)?.has(activity) ?? false;
}

/** The fields joining combines; every other field must be the same in both messages. */
const JOINED_FIELDS = new Set(['text', 'speak', 'attachments', 'attachmentLayout', 'suggestedActions', 'inputHint']);

/** Holds the messages of a turn answering a message and sends them joined when the turn ends (before its HTTP response). */
export function oneMessagePerTurn(): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      // Only answers to a message: a proactive post, for one, needs the id the connector gives its message.
      if (context.activity.type !== ActivityTypes.Message) return next();
      const held: Held[] = [];
      const heldActivities = new WeakSet<object>();
      // Why turn state: the transcript asks through the turn, not through a module-wide set.
      context.turnState.set(HELD, heldActivities);
      let passThrough = false;
      const flush = async () => {
        if (held.length === 0) return;
        const batch = held.splice(0);
        const groups = joinGroups(batch.map((h) => h.activity));
        passThrough = true;
        try {
          const sent = await context.sendActivities(groups.map((g) => g.activity));
          groups.forEach((g, i) => g.members.forEach((m) => (batch[m]!.response.id = sent[i]?.id ?? '')));
        } finally {
          passThrough = false;
        }
      };
      context.onSendActivities(async (_ctx, activities, send): Promise<ResourceResponse[]> => {
        if (passThrough) return send();
        if (!activities.every(isJoinable)) {
          await flush();
          return send();
        }
        // Why these objects: the connector gives an id only when the joined message is sent, at the end of
        // the turn; each held send's response gets that id then, so code that keeps the response has it.
        const responses = activities.map(() => ({ id: '' }));
        activities.forEach((activity, i) => held.push({ activity, response: responses[i]! }));
        activities.forEach((activity) => heldActivities.add(activity));
        // As if sent: botbuilder's prompts, for one, re-prompt only when nothing was said this turn.
        context.responded = true;
        return responses;
      });
      // An update or delete goes after what was said before it.
      context.onUpdateActivity(async (_ctx, _activity, next) => (passThrough ? next() : flush().then(next)));
      context.onDeleteActivity(async (_ctx, _reference, next) => (passThrough ? next() : flush().then(next)));
      let failed: { error: unknown } | undefined;
      try {
        await next();
      } catch (error) {
        failed = { error };
      }
      try {
        await flush();
      } finally {
        // After the turn (the error apology, for one) nothing more is held.
        passThrough = true;
      }
      if (failed) throw failed.error;
    },
  };
}

/** A plain message: no delay, no invoke response, nothing a channel treats specially. */
function isJoinable(activity: Partial<Activity>): boolean {
  return activity.type === ActivityTypes.Message;
}

/** A message held for joining, and the response its send was handed (its id filled in when sent). */
interface Held {
  activity: Partial<Activity>;
  response: ResourceResponse;
}

/** Consecutive messages joined wherever they can be; the order of everything is kept. */
export function joinMessages(messages: Partial<Activity>[]): Partial<Activity>[] {
  return joinGroups(messages).map((group) => group.activity);
}

/** What joinMessages sends, each with the indexes of the messages it was made from. */
function joinGroups(messages: Partial<Activity>[]): { activity: Partial<Activity>; members: number[] }[] {
  const out: { activity: Partial<Activity>; members: number[] }[] = [];
  messages.forEach((message, i) => {
    const last = out.at(-1);
    if (last && canJoin(last.activity, message)) {
      last.activity = join(last.activity, message);
      last.members.push(i);
    } else out.push({ activity: message, members: [i] });
  });
  return out;
}

function canJoin(a: Partial<Activity>, b: Partial<Activity>): boolean {
  if (!isJoinable(a) || !isJoinable(b)) return false;
  // Why: a channel shows a message's text above its attachments, so b's text would move above a's cards.
  if ((a.attachments?.length ?? 0) > 0 && b.text) return false;
  const bothHaveAttachments = (a.attachments?.length ?? 0) > 0 && (b.attachments?.length ?? 0) > 0;
  if (bothHaveAttachments && (a.attachmentLayout ?? 'list') !== (b.attachmentLayout ?? 'list')) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (JOINED_FIELDS.has(key)) continue;
    const [x, y] = [a[key as keyof Activity], b[key as keyof Activity]];
    if (x !== y && JSON.stringify(x) !== JSON.stringify(y)) return false;
  }
  return true;
}

function join(a: Partial<Activity>, b: Partial<Activity>): Partial<Activity> {
  const joined: Partial<Activity> = { ...a };
  const text = joinText(a.text, b.text, '\n\n');
  if (text !== undefined) joined.text = text;
  const speak = joinText(a.speak, b.speak, ' ');
  if (speak !== undefined) joined.speak = speak;
  const attachments = [...(a.attachments ?? []), ...(b.attachments ?? [])];
  if (attachments.length > 0) joined.attachments = attachments;
  const layout = b.attachments?.length ? b.attachmentLayout : a.attachmentLayout;
  if (layout !== undefined) joined.attachmentLayout = layout;
  if (b.suggestedActions) joined.suggestedActions = b.suggestedActions;
  if (b.inputHint) joined.inputHint = b.inputHint;
  return joined;
}

function joinText(a: string | undefined, b: string | undefined, separator: string): string | undefined {
  if (!a) return b ?? a;
  return b ? `${a}${separator}${b}` : a;
}
