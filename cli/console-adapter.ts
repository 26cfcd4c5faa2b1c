/** A BotAdapter for the terminal: activities in from typed lines, replies out as plain text. */
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { randomUUID } from 'node:crypto';

/** A button shown to the person at the terminal, numbered from 1. */
export interface ShownButton {
  title: string;
  value: string;
}

/** Renders one activity as terminal text, with its buttons numbered. */
export function renderActivity(activity: Partial<Activity>, buttons: ShownButton[]): string {
  if (activity.type !== ActivityTypes.Message) return '';
  const lines: string[] = [];
  for (const a of activity.attachments ?? []) {
    const card = a.content as { fallbackText?: string; body?: unknown[] } | undefined;
    if (card?.fallbackText && !collectButtons(card).length) lines.push(card.fallbackText);
    else if (card?.body) lines.push(cardText(card));
    buttons.push(...collectButtons(card));
  }
  if (activity.text && !lines.includes(activity.text)) lines.unshift(activity.text);
  for (const s of activity.suggestedActions?.actions ?? [])
    buttons.push({ title: s.title ?? '', value: String(s.value ?? s.title) });
  return lines.join('\n');
}

function cardText(card: { body?: unknown[] }): string {
  return (card.body ?? [])
    .map((e) => (e as { text?: string }).text)
    .filter((t): t is string => typeof t === 'string')
    .join('\n');
}

function collectButtons(node: unknown): ShownButton[] {
  if (Array.isArray(node)) return node.flatMap(collectButtons);
  if (!node || typeof node !== 'object') return [];
  const n = node as Record<string, unknown>;
  const data = n.data as { text?: string } | undefined;
  const own =
    n.type === 'Action.Submit' && typeof n.title === 'string' ? [{ title: n.title, value: data?.text ?? n.title }] : [];
  return [...own, ...Object.values(n).flatMap(collectButtons)];
}

/** Runs a bot in-process for one terminal user; `print` receives each reply's text. */
export class ConsoleAdapter extends BotAdapter {
  private readonly conversation = { id: `console-${randomUUID()}` };
  buttons: ShownButton[] = [];

  constructor(private readonly print: (text: string) => void) {
    super();
  }

  /** Sends a typed line (or a button number) to the bot. */
  async send(line: string, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const chosen = /^\d+$/.test(line.trim()) ? this.buttons[Number(line.trim()) - 1] : undefined;
    await this.receive({ type: ActivityTypes.Message, text: chosen?.value ?? line }, logic);
  }

  /** Starts the conversation, as a channel does when the user joins. */
  async join(logic: (context: TurnContext) => Promise<void>): Promise<void> {
    await this.receive({ type: ActivityTypes.ConversationUpdate, membersAdded: [{ id: 'user', name: 'You' }] }, logic);
  }

  private async receive(partial: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    this.buttons = [];
    const activity = {
      id: randomUUID(),
      channelId: 'console',
      serviceUrl: 'console://local',
      timestamp: new Date(),
      from: { id: 'user', name: 'You', role: 'user' },
      recipient: { id: 'bot', name: 'Support bot', role: 'bot' },
      conversation: { ...this.conversation, isGroup: false, conversationType: 'personal', name: 'console' },
      ...partial,
    } as Activity;
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  override async sendActivities(_context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    for (const a of activities) {
      const buttons: ShownButton[] = [];
      const text = renderActivity(a, buttons);
      if (buttons.length) this.buttons = buttons;
      const choices = buttons.map((b, i) => `  ${i + 1}. ${b.title}`).join('\n');
      if (text || choices) this.print([text, choices].filter(Boolean).join('\n'));
    }
    return activities.map(() => ({ id: randomUUID() }));
  }

  override async updateActivity(): Promise<void> {
    throw new Error('The console cannot update a message');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('The console cannot delete a message');
  }

  override async continueConversation(
    _ref: Partial<ConversationReference>,
    logic: (c: TurnContext) => Promise<void>,
  ): Promise<void> {
    await this.receive({ type: ActivityTypes.Event, name: 'continueConversation' }, logic);
  }
}
