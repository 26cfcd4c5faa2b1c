/**
 * The handover runtime: the customer's side, the timers and the desk the agents' console calls.
 * Each event (a customer's message, the bot's outcome, an agent's action, a timer, a hub's status)
 * is decided on the conversation's stored handover and stored with the eTag rule
 * (handover/records.ts decideAndStore), then its effects are carried out (effects.ts).
 *
 * Why a note in the conversation state: most customer messages meet no handover at all, and the
 * handover record is its own record (agents and timers write it outside the customer's turn), so
 * reading it would cost every turn a storage read. Only the customer's own turn moves a handover
 * in the bot phase (counting towards an offer) and out of it, and agents and timers act only on
 * open handovers; so the bot phase lives in the conversation state (read and saved with the turn
 * anyway), and the note says 'record' once the handover has left it: saved before the record is
 * first written, and given back the bot phase when the handover returns to it.
 */
import { TurnContext, type Activity, type BotTelemetryClient, type TranscriptStore } from 'botbuilder';
import { buildHandoffContext, type ContextLookups } from '../../handover/context';
import { conversationKey } from '../../insights/events';
import { handoverSteps } from '../../insights/handover';
import {
  customerMessage,
  decide,
  nextDueAt,
  type BotOutcome,
  type Decision,
  type HandoverEvent,
  type HandoverSettings,
} from '../../handover/machine';
import {
  decideAndStore,
  loadHandover,
  updateRecord,
  type CreateLock,
  type RecordStorage,
} from '../../handover/records';
import {
  isHandover,
  isOpen,
  newHandover,
  readHandover,
  type Agent,
  type BotPhase,
  type Handover,
  type HandoverReason,
} from '../../handover/state';
import { transcriptLink, type LinkSigner } from '../../transcripts/links';
import { redactSecrets } from '../../transcripts/redact';
import {
  REDACTED_INCOMING,
  incomingGivesSecret,
  redactActivity,
  redactGivingSecret,
} from '../../transcripts/redact-activity';
import { capText } from '../../transcripts/text-cap';
import { readTranscriptBounded } from '../../storage/transcript-export';
import type { Session } from '../../dialogs/session';
import { inputText } from '../../dialogs/input';
import type { Warner } from '../durable-turns';
import { markQuiet } from '../typing';
import type { CustomerReach } from './customer';
import { carryOut, handoffInitiation, type CustomerTurn, type EffectParts, type Outcome } from './effects';
import type { AgentAction } from '../../handover/machine';
import type { AgentCard, AgentConsole, AgentOutcome, CustomerAddress, HandoverDesk, ThreadOwner } from './ports';
import { baseSettings, queueText, type ConversationFacts, type SettingsConfig } from './settings';
import { dueAt, keyOf, loadThreadOwner, setDue } from './store';

/** The config the runtime reads. */
export type RuntimeConfig = SettingsConfig & { handoffAgentIds?: readonly string[] };

/** What the runtime is built from. */
export interface HandoverRuntimeParts {
  storage: RecordStorage;
  /** The create lock for the shared records (queue, waits, timers): the stores' leases. */
  leases: CreateLock;
  transcripts: TranscriptStore;
  config: RuntimeConfig;
  /** Reaches customers outside their turn; without it, agents' words and timers reach no one. */
  reach?: CustomerReach;
  /** The Teams agents' console; without it, a Teams handover cannot be posted and the customer is offered a message. */
  console?: AgentConsole;
  /** Hands a stored ticket on (support channel, webhook); never rejects. */
  deliverTicket?: EffectParts['deliverTicket'];
  /** Signs the card's transcript link; without it the card has none. */
  linkSigner?: LinkSigner;
  lookups?: ContextLookups;
  logger?: Warner;
  now?: () => Date;
  /** Where the handover's insights events go (offered, requested, accepted, abandoned, ended, agent rating). */
  telemetry?: BotTelemetryClient;
}

/** What the runtime reads from the customer's conversation besides the activity. */
export interface TurnSources {
  session(context: TurnContext): Promise<Partial<Session> | undefined>;
  activeDialog(context: TurnContext): Promise<{ id: string; state: unknown } | undefined>;
  /** The conversation state's note of its handover (see the module's header), saved with the turn or at once by `save`. */
  note: {
    get(context: TurnContext): Promise<unknown>;
    set(context: TurnContext, note: HandoverNote): Promise<void>;
    save(context: TurnContext): Promise<void>;
  };
}

/** The handover as the conversation state notes it: its bot phase (none when fresh), or 'record' (read the record). */
export type HandoverNote = BotPhase | 'record' | undefined;

/** A note read back; anything this version does not know sends the turn to the record, to be safe. */
export function readNote(value: unknown): HandoverNote {
  if (value === undefined) return undefined;
  const state = isHandover(value) ? value : undefined;
  return state?.phase === 'bot' ? state : 'record';
}

/** How many of the conversation's latest activities go into a card's context or a handoff event. */
export const MAX_CONTEXT_ACTIVITIES = 200;

/** The settings of a quick decision, when the stored handover is known to be fresh: an offer is never made from it. */
const QUICK: HandoverSettings = {
  target: 'contact',
  waitMinutes: 1,
  idleMinutes: 2,
  queueUpdateMinutes: 1,
  agentName: 'first',
  supportContact: '',
  open: false,
};

/** The handover runtime; also the desk the agents' console calls. */
export class HandoverRuntime implements HandoverDesk {
  private readonly now: () => Date;
  private sweeper?: NodeJS.Timeout;
  private sweeping?: Promise<number>;
  private agentConsole?: AgentConsole;

  constructor(private readonly parts: HandoverRuntimeParts) {
    this.now = parts.now ?? (() => new Date());
    this.agentConsole = parts.console;
  }

  /** Attaches the agents' console, built after the runtime because the runtime is its desk. */
  attachConsole(agentConsole: AgentConsole): void {
    this.agentConsole = agentConsole;
  }

  // ---- The customer's side ----

  /** A customer's message, before the dialog: true when the bot answers it; otherwise the handover did, and the bot is silent. */
  async customerTurn(context: TurnContext, sources: TurnSources): Promise<boolean> {
    const { activity } = context;
    const customer = { id: activity.from?.id ?? '', ...(activity.from?.name ? { name: activity.from.name } : {}) };
    const files = activity.attachments?.length ? activity.attachments.filter((a) => isFile(a.contentType)).length : 0;
    // Why no reference yet: most messages meet no handover; onCustomerEvent adds it when one is stored.
    const event = customerMessage(inputText(activity), customer, {}, files);
    return (await this.onCustomerEvent(context, sources, event)).botAnswers;
  }

  /** What the dialog did with the message: may lead to offering a person. */
  async botTurn(context: TurnContext, sources: TurnSources, outcome: BotOutcome): Promise<void> {
    await this.onCustomerEvent(context, sources, { kind: 'bot-turn', outcome });
  }

  /** A `handoff.status` event from a contact-centre hub: the customer is told; anything not understood changes nothing. */
  async handoffStatus(context: TurnContext, sources: TurnSources): Promise<void> {
    await this.onCustomerEvent(context, sources, { kind: 'handoff-status', value: context.activity.value });
  }

  private async onCustomerEvent(context: TurnContext, sources: TurnSources, event: HandoverEvent): Promise<Outcome> {
    // Why: in a Teams channel (the support channel among them) the people are staff, not customers.
    if (context.activity.conversation?.conversationType === 'channel') return { botAnswers: true };
    const now = this.now();
    const note = readNote(await sources.note.get(context));
    let decision: Decision;
    if (note !== 'record') {
      const state = note ?? newHandover();
      const quick = decide(state, event, now, QUICK);
      if (quick.state.phase === 'bot') {
        if (quick.state !== state) await sources.note.set(context, noteOf(quick.state));
        return { botAnswers: quick.effects.some((e) => e.kind === 'botAnswers') };
      }
    }
    const address = addressOf(context.activity);
    const facts = factsOf(context.activity);
    if (event.kind === 'customer') event = { ...event, conversation: referenceOf(context.activity) };
    if (note !== 'record') {
      const state = note ?? newHandover();
      await sources.note.set(context, 'record');
      // Why saved now for a customer's message only: it may open a handover, which must never be
      // stored unnoted; the bot's outcome only offers, and a lost offer is made again.
      if (event.kind === 'customer') await sources.note.save(context);
      decision = await this.decideFromBot(state, address, facts, event, now);
    } else decision = await this.decideStored(address, facts, event, now);
    if (decision.state.phase === 'bot') await sources.note.set(context, noteOf(decision.state));
    // Why before the effects: relaying to the agents may take a while, and no typing may show meanwhile.
    if (!decision.effects.some((e) => e.kind === 'botAnswers')) markQuiet(context);
    const customer = this.customerTurnOf(context, sources, address);
    return carryOut(this.effectParts(), decision, {
      address,
      customer,
      decideAgain: (next) => this.decideStored(address, facts, next, now),
    });
  }

  /** The card and the handoff event, built from the customer's turn and transcript. */
  private customerTurnOf(context: TurnContext, sources: TurnSources, address: CustomerAddress): CustomerTurn {
    const handoffContext = async (reason: HandoverReason) => {
      const activities = await this.transcriptSoFar(context, address);
      const [session, activeDialog] = [await sources.session(context), await sources.activeDialog(context)];
      const context_ = buildHandoffContext({
        reason,
        channel: address.channelId,
        conversationId: address.conversationId,
        ...(session ? { session } : {}),
        ...(activeDialog ? { activeDialog } : {}),
        activities,
        ...(this.parts.lookups ? { lookups: this.parts.lookups } : {}),
      });
      return { context: context_, activities };
    };
    return {
      context,
      card: async (handoverId, reason): Promise<AgentCard> => {
        const built = await handoffContext(reason);
        const name = context.activity.from?.name;
        const signer = this.parts.linkSigner;
        return {
          handoverId,
          customer: address,
          ...(name ? { customerName: capText(redactSecrets(name), 200) } : {}),
          reason,
          context: built.context,
          ...(signer ? { transcriptUrl: transcriptLink(signer, address, this.now().getTime()) } : {}),
          status: { kind: 'waiting' },
        };
      },
      handoffEvent: async (_handoverId, reason) => {
        const built = await handoffContext(reason);
        return handoffInitiation(context, built.context, built.activities);
      },
    };
  }

  /** The conversation's latest activities as stored (redacted), with this turn's message, which is stored at the turn's end. */
  private async transcriptSoFar(context: TurnContext, address: CustomerAddress): Promise<Activity[]> {
    const stored = await readTranscriptBounded(this.parts.transcripts, address.channelId, address.conversationId);
    const incoming = incomingGivesSecret(context.turnState)
      ? redactGivingSecret(context.activity)
      : ((context.turnState.get(REDACTED_INCOMING) as Activity | undefined) ?? redactActivity(context.activity));
    return [...stored.items, incoming].slice(-MAX_CONTEXT_ACTIVITIES);
  }

  // ---- The desk: the agents' console calls these ----

  /** The owner of a thread in the support channel (the thread index), or undefined for any other thread. */
  threadOwner(threadConversationId: string): Promise<ThreadOwner | undefined> {
    return loadThreadOwner(this.parts.storage, threadConversationId);
  }

  /** An agent acted: decided on the stored handover, stored, and carried out (the customer's effects proactively). */
  async agentAction(owner: ThreadOwner, agent: Agent, action: AgentAction, turn?: TurnContext): Promise<AgentOutcome> {
    const address = owner.customer;
    const state = await loadHandover(this.parts.storage, keyOf(address));
    if (!this.mayAct(agent)) return { decision: { state, effects: [], address: {} } };
    const event: HandoverEvent = { kind: 'agent', handoverId: owner.handoverId, agent, action };
    const now = this.now();
    const facts = factsOfState(state, address);
    const decision = await this.decideStored(address, facts, event, now);
    const outcome = await carryOut(this.effectParts(), decision, {
      address,
      ...(turn ? { agentTurn: turn } : {}),
      decideAgain: (next) => this.decideStored(address, facts, next, now),
    });
    return { decision, ...(outcome.card ? { card: outcome.card } : {}) };
  }

  /** HANDOFF_AGENT_IDS, when set: only those may act (the console checks it too; a message from anyone else reaches no customer). */
  private mayAct(agent: Agent): boolean {
    const allowed = this.parts.config.handoffAgentIds;
    return !allowed || allowed.includes(agent.id.toLowerCase());
  }

  // ---- Timers ----

  /**
   * Delivers `tick` to every conversation whose timer is due; returns how many. Safe on every
   * instance at once: the eTag rule lets one tick's state (and so its messages) through per due time.
   */
  async sweep(): Promise<number> {
    const now = this.now();
    const due = await dueAt(this.parts.storage, now);
    for (const entry of due) {
      const address = { channelId: entry.channelId, conversationId: entry.conversationId };
      await this.tick(address, now).catch((err: unknown) =>
        this.parts.logger?.warn({ err }, 'handover: a timer could not be handled'),
      );
    }
    return due.length;
  }

  private async tick(address: CustomerAddress, now: Date): Promise<void> {
    const state = await loadHandover(this.parts.storage, keyOf(address));
    const facts = factsOfState(state, address);
    const decision = await this.decideStored(address, facts, { kind: 'tick' }, now);
    await carryOut(this.effectParts(), decision, {
      address,
      decideAgain: (next) => this.decideStored(address, facts, next, now),
    });
    const timed = decision.effects.some((e) => e.kind === 'startTimer' || e.kind === 'stopTimer');
    if (!timed && !isOpen(decision.state)) await setDue(this.parts.storage, this.parts.leases, address, undefined);
  }

  /** Sweeps every `intervalMs` until `close`; the interval does not keep the process alive. */
  startSweeper(intervalMs = 15_000): void {
    if (this.sweeper) return;
    this.sweeper = setInterval(() => {
      if (this.sweeping) return;
      this.sweeping = this.sweep()
        .catch((err: unknown) => {
          this.parts.logger?.warn({ err }, 'handover: the timer sweep failed');
          return 0;
        })
        .finally(() => (this.sweeping = undefined));
    }, intervalMs);
    this.sweeper.unref();
  }

  /** Stops the sweeper and waits for a sweep under way. */
  async close(): Promise<void> {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = undefined;
    await this.sweeping;
  }

  // ---- Shared ----

  /** Decides and stores an event, with the settings for the conversation now (the queue read only when it is said). */
  private async decideStored(
    address: CustomerAddress,
    facts: ConversationFacts,
    event: HandoverEvent,
    now: Date,
  ): Promise<Decision> {
    const settings = await this.settingsFor(address, facts, event, now);
    const observe = (before: Handover, decision: Decision) => this.track(address, before, decision);
    return decideAndStore(this.parts.storage, keyOf(address), event, now, settings, observe);
  }

  /**
   * Decides an event on the bot phase the conversation state holds, and stores the result (which
   * has left the bot phase) as the record; a record that is open after all (a note lost) wins.
   */
  private async decideFromBot(
    state: BotPhase,
    address: CustomerAddress,
    facts: ConversationFacts,
    event: HandoverEvent,
    now: Date,
  ): Promise<Decision> {
    const settings = await this.settingsFor(address, facts, event, now);
    let decision: Decision | undefined;
    let before: Handover = state;
    const change = (stored: Handover) =>
      (decision = decide((before = isOpen(stored) ? stored : state), event, now, settings)).state;
    const read = (item: Record<string, unknown> | undefined) => readHandover(item?.handover);
    await updateRecord(this.parts.storage, keyOf(address), read, change, (handover: Handover) => ({ handover }));
    this.track(address, before, decision!);
    return decision!;
  }

  /** The decision's insights events (insights/handover.ts), for the conversation's hashed key. */
  private track(address: CustomerAddress, before: Handover, decision: Decision): void {
    const client = this.parts.telemetry;
    if (!client) return;
    const properties = {
      channel: address.channelId,
      conversationId: conversationKey(address.channelId, address.conversationId),
    };
    for (const step of handoverSteps(before, decision))
      client.trackEvent({ name: step.name, properties, ...(step.metrics ? { metrics: step.metrics } : {}) });
  }

  /** The settings now; the queue is read only for the events that may say the customer's place in it. */
  private async settingsFor(
    address: CustomerAddress,
    facts: ConversationFacts,
    event: HandoverEvent,
    now: Date,
  ): Promise<HandoverSettings> {
    const { storage, config } = this.parts;
    const base = baseSettings(config, facts, now);
    if (event.kind !== 'customer' && event.kind !== 'tick') return base;
    const state = await loadHandover(storage, keyOf(address));
    if (event.kind === 'tick' && state.phase !== 'waiting') return base;
    const text = await queueText(storage, address, state, now);
    return text ? { ...base, queueText: text } : base;
  }

  private effectParts(): EffectParts {
    const { storage, leases, transcripts, reach, deliverTicket, logger } = this.parts;
    const console = this.agentConsole;
    return {
      storage,
      leases,
      transcripts,
      now: this.now,
      ...(reach ? { reach } : {}),
      ...(console ? { console } : {}),
      ...(deliverTicket ? { deliverTicket } : {}),
      ...(logger ? { logger } : {}),
    };
  }
}

/** When the timer of a handover in this state is next due (for tests and the due index). */
export { nextDueAt };

function referenceOf(activity: Partial<Activity>): Record<string, unknown> {
  return TurnContext.getConversationReference(activity) as unknown as Record<string, unknown>;
}

function addressOf(activity: Partial<Activity>): CustomerAddress {
  return { channelId: activity.channelId ?? '', conversationId: activity.conversation?.id ?? '' };
}

function factsOf(activity: Partial<Activity>): ConversationFacts {
  return {
    ...addressOf(activity),
    ...(activity.serviceUrl ? { serviceUrl: activity.serviceUrl } : {}),
    ...(activity.from?.id ? { userId: activity.from.id } : {}),
  };
}

/** The conversation as its stored reference describes it, for decisions outside the customer's turn. */
function factsOfState(state: Handover, address: CustomerAddress): ConversationFacts {
  const reference = isOpen(state) ? (state.conversation as { serviceUrl?: unknown; user?: { id?: unknown } }) : {};
  const serviceUrl = typeof reference.serviceUrl === 'string' ? { serviceUrl: reference.serviceUrl } : {};
  const userId = typeof reference.user?.id === 'string' ? { userId: reference.user.id } : {};
  return { ...address, ...serviceUrl, ...userId };
}

/** The note for a bot phase: none when there is nothing to remember (no count towards an offer). */
function noteOf(state: BotPhase): HandoverNote {
  return state.notUnderstood === 0 && state.fixFailed === 0 ? undefined : state;
}

/** An attachment the customer sent as a file: not a card, nor the HTML copy Teams adds to every message. */
function isFile(contentType: string | undefined): boolean {
  return !!contentType && contentType !== 'text/html' && !contentType.startsWith('application/vnd.microsoft.card.');
}
