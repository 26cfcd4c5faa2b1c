/** The bot with the handover runtime on botbuilder's TestAdapter, a hand-written agents' console, and a clock the test moves. */
import {
  TestAdapter,
  TurnContext,
  type Activity,
  type BotTelemetryClient,
  type ConversationReference,
} from 'botbuilder';
import { createBot } from '../../bots';
import { recordTranscript } from '../../bots/durable-turns';
import { typingIndicator } from '../../bots/typing';
import { createHandoverRuntime, type HandoverRuntimeOptions } from '../../bots/handover/create';
import type { ReachAdapters } from '../../bots/handover/customer';
import type { AgentCard, AgentConsole, AgentThread, ThreadPost } from '../../bots/handover/ports';
import type { HandoverRuntime } from '../../bots/handover/runtime';
import { ALWAYS_OPEN } from '../../handover/hours';
import type { PostResult } from '../../handover/webhook';
import { createAnswerer } from '../../knowledge';
import { openMemoryStores } from '../../storage/memory';
import type { Stores } from '../../storage/types';

export const T0 = new Date('2026-03-02T10:00:00.000Z');
export const CONTACT = 'Call BT on 0800 800 150.';

/** The handover config of a test; the target and the rest overridable. */
export function handoverConfig(
  extra: Partial<HandoverRuntimeOptions['config']> = {},
): HandoverRuntimeOptions['config'] {
  return {
    handoffTarget: 'teams',
    handoffFallbackTarget: 'teams',
    handoffEventChannels: [],
    handoffWaitMinutes: 10,
    handoffIdleMinutes: 15,
    handoffAgentName: 'first',
    supportHours: { timeZone: 'Europe/London', week: ALWAYS_OPEN, closedDates: [] },
    supportContact: CONTACT,
    ...extra,
  };
}

/** A console that records what it is asked, and posts each card as thread N. */
export class FakeConsole implements AgentConsole {
  readonly cards: AgentCard[] = [];
  readonly updates: { where: AgentThread; card: AgentCard; inTurn: boolean }[] = [];
  readonly posts: { where: AgentThread; post: ThreadPost; inTurn: boolean }[] = [];
  /** Set false to act as a bot that is not in the support channel. */
  canPost = true;
  /** How long each post into a thread takes (Teams is not instant). */
  postDelayMs = 0;

  async postCard(card: AgentCard): Promise<AgentThread | undefined> {
    if (!this.canPost) return undefined;
    this.cards.push(card);
    const id = `19:support@thread.tacv2;messageid=${this.cards.length}`;
    return {
      thread: { conversation: { id } as ConversationReference['conversation'] },
      cardActivityId: `card-${this.cards.length}`,
    };
  }

  async updateCard(where: AgentThread, card: AgentCard, turn?: TurnContext): Promise<void> {
    this.updates.push({ where, card, inTurn: turn !== undefined });
  }

  async post(where: AgentThread, post: ThreadPost, turn?: TurnContext): Promise<void> {
    if (this.postDelayMs) await new Promise((resolve) => setTimeout(resolve, this.postDelayMs));
    this.posts.push({ where, post, inTurn: turn !== undefined });
  }

  /** The text of every post, in order. */
  texts(): string[] {
    return this.posts.map(({ post }) => (post.kind === 'customer' ? `customer: ${post.text}` : `info: ${post.text}`));
  }
}

/** One bot instance (several may share `stores`, as instances share a backend). */
export interface Harness {
  adapter: TestAdapter;
  runtime: HandoverRuntime;
  stores: Stores;
  console: FakeConsole;
  /** What reached the customer outside their turn (agents, timers). */
  proactive: Partial<Activity>[];
  /** What was POSTed to the webhook. */
  webhook: { headers: Readonly<Record<string, string>>; body: string }[];
  supportChannel: unknown[];
  clock: { now: Date };
  idle(): Promise<void>;
  /** Everything the bot said in reply to one message, text and buttons, one line each. */
  say(input: string | Partial<Activity>): Promise<string[]>;
}

/** Options of a harness. */
export interface HarnessOptions {
  config?: Partial<HandoverRuntimeOptions['config']>;
  stores?: Stores;
  clock?: { now: Date };
  template?: Partial<Activity>;
  console?: FakeConsole;
  /** The typing indicator in front, at once (0 ms delay), as the app runs it after 500 ms. */
  typing?: boolean;
  /** Hears the bot's and the handover's insights events. */
  telemetry?: BotTelemetryClient;
}

/** The bot with the runtime; activities as from channel `test` unless the template says otherwise. */
export function harness(options: HarnessOptions = {}): Harness {
  const stores = options.stores ?? openMemoryStores();
  const clock = options.clock ?? { now: T0 };
  const fake = options.console ?? new FakeConsole();
  const proactive: Partial<Activity>[] = [];
  const webhook: Harness['webhook'] = [];
  const supportChannel: unknown[] = [];
  const adapters: ReachAdapters = {};
  const built = createHandoverRuntime({
    storage: stores.storage,
    leases: stores.leases,
    transcripts: stores.transcripts,
    config: handoverConfig(options.config),
    adapters,
    console: fake,
    supportChannel: { post: async (m) => (supportChannel.push(m), { kind: 'not-in-channel' }) },
    webhookPost: async (_url, headers, body): Promise<PostResult> => {
      webhook.push({ headers, body });
      return { kind: 'answered', status: 200 };
    },
    now: () => clock.now,
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
  });
  const bot = createBot({
    ...(options.telemetry ? { telemetry: options.telemetry } : {}),
    answerer: createAnswerer(),
    config: { supportContact: CONTACT },
    storage: stores.storage,
    handover: built.runtime,
    now: () => clock.now,
  });
  const adapter = new TestAdapter((context) => bot.run(context), options.template);
  if (options.typing) adapter.use(typingIndicator(0, 1000));
  adapter.use(recordTranscript(stores.transcripts));
  const transcriptTurn = recordTranscript(stores.transcripts);
  adapters.cloud = {
    adapter: {
      // A proactive turn as CloudAdapter runs it: the middleware (the transcript) around the logic.
      continueConversationAsync: async (_appId, reference, logic) => {
        const event = TurnContext.applyConversationReference(
          { type: 'event', name: 'continueConversation' },
          reference,
          true,
        );
        const context = new TurnContext(adapter, event);
        context.onSendActivities(async (_ctx, activities, next) => {
          proactive.push(...activities);
          return next();
        });
        await transcriptTurn.onTurn(context, () => logic(context));
        adapter.activeQueue.splice(0);
      },
    },
  };
  const say = async (input: string | Partial<Activity>) => {
    await adapter.send(input).startTest();
    return adapter.activeQueue.splice(0).map(describe);
  };
  return {
    adapter,
    runtime: built.runtime,
    stores,
    console: fake,
    proactive,
    webhook,
    supportChannel,
    clock,
    idle: built.idle,
    say,
  };
}

/** An activity as one line: its text (or event name) and its buttons' titles. */
export function describe(activity: Partial<Activity>): string {
  const buttons = (activity.suggestedActions?.actions ?? []).map((a) => a.title);
  const head = activity.type === 'message' ? (activity.text ?? '') : `${activity.type}:${activity.name ?? ''}`;
  return buttons.length > 0 ? `${head} [${buttons.join(' | ')}]` : head;
}

/** Moves the clock on by minutes. */
export function advance(clock: { now: Date }, minutes: number): void {
  clock.now = new Date(clock.now.getTime() + minutes * 60_000);
}
