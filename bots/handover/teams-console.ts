/**
 * The agents' console in Teams, as the runtime sees it (ports.ts AgentConsole): each handover's card
 * starts a new thread in the support channel, the card is updated in place, and lines go into the
 * thread. Sends into one thread go one at a time, in order, so a 429 that delays one line never lets
 * a later one overtake it; a 429 is retried with back-off (on top of the connector client's own
 * retries, which give up after a few seconds).
 */
import { ActivityTypes, type Activity, type ConversationReference, type TurnContext } from 'botbuilder';
import { cardAttachment } from '../../dialogs/cards';
import { cutMarker, splitAtCap } from '../../transcripts/text-cap';
import type { ConversationReferenceStore } from '../references';
import type { ProactiveAdapter } from '../support-channel';
import { referenceKey } from '../teams';
import { agentCard } from './agent-card';
import type { AgentCard, AgentConsole, AgentThread, ThreadPost } from './ports';

/** How a throttled (429) send is tried again. */
export interface ThrottleRetry {
  /** All tries, the first included. */
  attempts: number;
  /** The first wait when Teams names none; doubled each time. */
  baseDelayMs: number;
  /** The longest wait, also for a Retry-After Teams names. */
  maxDelayMs: number;
}

/** Why these: the connector client has already retried for a few seconds; Teams' throttling windows are seconds to a minute. */
export const DEFAULT_THROTTLE_RETRY: ThrottleRetry = { attempts: 5, baseDelayMs: 2_000, maxDelayMs: 30_000 };

/** The longest relayed text put into a thread; escaped, it stays far under Teams' message size limit. */
export const MAX_THREAD_TEXT = 4_000;

/** What the console needs: the adapter, the bot's app id, the support channel and where its reference is kept. */
export interface TeamsConsoleOptions {
  adapter: ProactiveAdapter;
  /** The bot's MicrosoftAppId; empty in anonymous local mode. */
  appId?: string;
  /** TEAMS_SUPPORT_CHANNEL_ID; without it no card can be posted. */
  channelId?: string;
  references: ConversationReferenceStore;
  retry?: ThrottleRetry;
}

/** AgentConsole on a Teams support channel. */
export class TeamsConsole implements AgentConsole {
  private readonly queue = new SendQueue();
  private readonly retry: ThrottleRetry;

  constructor(private readonly options: TeamsConsoleOptions) {
    this.retry = options.retry ?? DEFAULT_THROTTLE_RETRY;
  }

  async postCard(card: AgentCard): Promise<AgentThread | undefined> {
    const { channelId } = this.options;
    const channel = channelId && (await this.options.references.get(referenceKey(channelId)));
    if (!channel || !channel.conversation) return undefined;
    const activity: Partial<Activity> = { type: ActivityTypes.Message, attachments: [cardAttachment(agentCard(card))] };
    let cardActivityId: string | undefined;
    const post = (context: TurnContext) =>
      context.sendActivity(activity).then((sent) => void (cardActivityId = sent?.id));
    // Why retrying the post is safe: a 429 means Teams made no post.
    await this.queue.run(channelId, () => throttled(() => this.proactive(channel, post), this.retry));
    if (!cardActivityId) return undefined;
    const thread = { ...channel, conversation: { ...channel.conversation, id: threadId(channelId, cardActivityId) } };
    return { thread, cardActivityId };
  }

  async updateCard(where: AgentThread, card: AgentCard, turn?: TurnContext): Promise<void> {
    const update: Partial<Activity> = {
      type: ActivityTypes.Message,
      id: where.cardActivityId,
      attachments: [cardAttachment(agentCard(card))],
    };
    await this.inThread(where, turn, async (context) => void (await context.updateActivity(update)));
  }

  async post(where: AgentThread, post: ThreadPost, turn?: TurnContext): Promise<void> {
    await this.inThread(where, turn, async (context) => void (await context.sendActivity(threadMessage(post))));
  }

  /** Runs `send` in the thread's queue: through the agent's own turn when given, else proactively. */
  private inThread(where: AgentThread, turn: TurnContext | undefined, send: (c: TurnContext) => Promise<void>) {
    const key = where.thread.conversation?.id ?? '';
    return this.queue.run(key, () =>
      throttled(() => (turn ? send(turn) : this.proactive(where.thread, send)), this.retry),
    );
  }

  /**
   * Runs `send` in a proactive turn of `where`. Why the failure is carried out of the turn: the
   * adapter's onTurnError would catch it, post an apology into the thread, and the caller would
   * never know (nor retry a 429).
   */
  private async proactive(where: Partial<ConversationReference>, send: (c: TurnContext) => Promise<void>) {
    let failure: { error: unknown } | undefined;
    await this.options.adapter.continueConversationAsync(this.options.appId ?? '', where, async (context) => {
      // Why: the continuation event has a made-up id, and a post answering it would be a reply to nothing.
      context.onSendActivities(async (_ctx, activities, next) => {
        activities.forEach((a) => delete a.replyToId);
        return next();
      });
      await send(context).catch((error: unknown) => void (failure = { error }));
    });
    if (failure) throw failure.error;
  }
}

/**
 * A line for the thread, as HTML (Teams' `xml` text format) with everything escaped: the customer's
 * words cannot @mention anyone (a mention needs an `<at>` tag and an entity), format, or hide a link.
 */
export function threadMessage(post: ThreadPost): Partial<Activity> {
  const line = post.kind === 'customer' ? `${post.name}: ${post.text}` : post.text;
  const { kept, cut } = splitAtCap(line, MAX_THREAD_TEXT);
  const text = `${escapeForTeams(kept)}${cut > 0 ? cutMarker(cut).replace('\n', '<br>') : ''}`;
  return { type: ActivityTypes.Message, textFormat: 'xml', text };
}

/** The HTML-significant characters, and those Teams reads as markdown, as character references; line breaks as <br>. */
export function escapeForTeams(text: string): string {
  let out = '';
  for (const char of text) out += ESCAPES[char] ?? char;
  return out;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\n': '<br>',
  '\r': '',
  // Why these: what makes emphasis, code, strike-through and links in markdown, and its escape character.
  ...Object.fromEntries([...'*_`[]~\\'].map((c) => [c, `&#${c.charCodeAt(0)};`])),
};

/** A thread's conversation id: Teams threads a channel by its root post. */
export function threadId(channelId: string, rootId: string): string {
  return `${channelId};messageid=${rootId}`;
}

/** The root post of a thread, from its conversation id "<channel>;messageid=<root id>". */
export function rootIdOf(threadConversationId: string): string | undefined {
  const marker = ';messageid=';
  const at = threadConversationId.indexOf(marker);
  const id = at < 0 ? '' : threadConversationId.slice(at + marker.length);
  return id || undefined;
}

/** Runs `send`, and again after a wait while Teams answers 429 (Retry-After honoured, at most `maxDelayMs`). */
export async function throttled<T>(send: () => Promise<T>, retry: ThrottleRetry): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await send();
    } catch (err) {
      if (statusOf(err) !== 429 || attempt >= retry.attempts) throw err;
      const waitMs = retryAfterMs(err) ?? retry.baseDelayMs * 2 ** (attempt - 1);
      await new Promise((resolve) => setTimeout(resolve, Math.min(waitMs, retry.maxDelayMs)));
    }
  }
}

/** The HTTP status of a connector error (lean-replies' ConnectorSendError, or the Azure pipeline's RestError). */
function statusOf(err: unknown): number | undefined {
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/** The Retry-After of a RestError's response, in ms. */
function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as { response?: { headers?: { get?: (name: string) => string | undefined } } }).response
    ?.headers;
  const seconds = Number(headers?.get?.('retry-after') ?? NaN);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/** One queue of tasks per key: a task starts when the one before it (resolved or failed) is done. */
export class SendQueue {
  private readonly tails = new Map<string, Promise<void>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // Why: a thread that has gone quiet keeps no entry.
    void tail.then(() => this.tails.get(key) === tail && this.tails.delete(key));
    return result;
  }

  /** How many keys have sends under way. */
  get size(): number {
    return this.tails.size;
  }
}
