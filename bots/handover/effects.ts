/**
 * Carrying out a stored decision's effects, in order: to the customer (in their turn, or in one
 * proactive turn), to the agents (through the AgentConsole seam), to the store (queue, waits,
 * tickets, ratings, timers) and to a contact-centre hub (handoff.initiate). Called only after
 * the decision's state is stored (handover/records.ts decideAndStore), so each effect happens
 * once, whichever instance won the write.
 */
import { EventFactory, type Activity, type TranscriptStore, type TurnContext } from 'botbuilder';
import { AGENT_TEXT } from '../../handover/messages';
import type { Decision, Effect, HandoverEvent, TicketDraft } from '../../handover/machine';
import {
  changeQueue,
  joinQueue,
  leaveQueue,
  ratingKey,
  recordWait,
  ticketKey,
  ticketRecord,
  type CreateLock,
  type RatingRecord,
  type RecordStorage,
} from '../../handover/records';
import { message } from '../../dialogs/cards';
import type { Warner } from '../durable-turns';
import { agentActivity, noteActivity, type CustomerReach } from './customer';
import type { AgentCard, AgentConsole, AgentThread, CustomerAddress } from './ports';
import { loadCard, saveCard, saveThreadOwner, setDue } from './store';

/** What carrying out effects needs. */
export interface EffectParts {
  storage: RecordStorage;
  leases: CreateLock;
  transcripts: TranscriptStore;
  reach?: CustomerReach;
  console?: AgentConsole;
  /** Stores a ticket's copy for the support team elsewhere (the support channel, the webhook); never rejects. */
  deliverTicket?: (ticket: ReturnType<typeof ticketRecord>) => Promise<void>;
  logger?: Warner;
  now: () => Date;
}

/** What the customer's own turn offers: the turn, and how to build the card and the handoff event. */
export interface CustomerTurn {
  context: TurnContext;
  /** The card for a new handover (summary, context, link); built only when one is posted. */
  card(handoverId: string, reason: AgentCard['reason']): Promise<AgentCard>;
  /** The handoff.initiate event for a hub: context and the redacted transcript so far. */
  handoffEvent(handoverId: string, reason: AgentCard['reason']): Promise<Partial<Activity>>;
}

/** Where effects go and from whose turn. */
export interface EffectScope {
  address: CustomerAddress;
  /** The customer's turn, when the event was theirs. */
  customer?: CustomerTurn;
  /** The agent's turn in the support channel, when the event was theirs. */
  agentTurn?: TurnContext;
  /** Decides and stores a follow-up event (the card was posted or not) and returns its decision. */
  decideAgain(event: HandoverEvent): Promise<Decision>;
}

/** What carrying out found: whether the bot answers the customer's message, and the card as it now is. */
export interface Outcome {
  botAnswers: boolean;
  card?: AgentCard;
}

/** Carries out a decision's effects in order; the customer's proactive messages go in one turn at the end. */
export async function carryOut(parts: EffectParts, decision: Decision, scope: EffectScope): Promise<Outcome> {
  const outcome: Outcome = { botAnswers: false };
  const toCustomer: Partial<Activity>[] = [];
  for (const effect of decision.effects) {
    try {
      await carryOutOne(parts, effect, decision, scope, outcome, toCustomer);
    } catch (err) {
      // Why go on: the state is stored; one failed delivery (a channel down) must not drop the rest.
      parts.logger?.warn({ err, effect: effect.kind }, 'handover: an effect could not be carried out');
    }
  }
  if (toCustomer.length > 0) await proactive(parts, decision, scope, toCustomer);
  return outcome;
}

async function carryOutOne(
  parts: EffectParts,
  effect: Effect,
  decision: Decision,
  scope: EffectScope,
  outcome: Outcome,
  toCustomer: Partial<Activity>[],
): Promise<void> {
  const customerSees = (activity: Partial<Activity>) =>
    scope.customer ? scope.customer.context.sendActivity(activity) : void toCustomer.push(activity);
  switch (effect.kind) {
    case 'botAnswers':
      outcome.botAnswers = true;
      return;
    case 'say':
      return void (await customerSees(message(effect.text, effect.buttons)));
    case 'relayToCustomer':
      return void (await customerSees(agentActivity(effect.text, effect.from, scope.address.channelId)));
    case 'noteInThread':
      return parts.transcripts.logActivity(
        noteActivity(effect.text, effect.agent, scope.address, parts.now()) as Activity,
      );
    case 'postAgentCard':
      return postCard(parts, effect.handoverId, effect.reason, scope, outcome);
    case 'updateAgentCard':
      return updateCard(parts, effect, decision, scope, outcome);
    case 'relayToAgent':
      return post(parts, decision, { kind: 'customer', name: customerName(scope), text: effect.text }, scope);
    case 'tellAgent':
      return post(parts, decision, { kind: 'info', text: effect.text }, scope);
    case 'sendHandoffInitiate':
      return sendInitiate(effect.handoverId, effect.reason, scope);
    default:
      return storeEffect(parts, effect, scope);
  }
}

/** The effects on the store: the queue, waits, tickets, ratings and the timer. */
async function storeEffect(
  parts: EffectParts,
  effect: Extract<
    Effect,
    { kind: 'joinQueue' | 'leaveQueue' | 'recordWait' | 'createTicket' | 'recordRating' | 'startTimer' | 'stopTimer' }
  >,
  scope: EffectScope,
): Promise<void> {
  const { storage, leases } = parts;
  const address = scope.address;
  switch (effect.kind) {
    case 'joinQueue':
      return void (await changeQueue(storage, leases, (q) =>
        joinQueue(q, { ...address, handoverId: effect.handoverId, since: effect.since }),
      ));
    case 'leaveQueue':
      return void (await changeQueue(storage, leases, (q) =>
        leaveQueue(q, { ...address, handoverId: effect.handoverId }),
      ));
    case 'recordWait':
      return void (await recordWait(storage, leases, effect.waitedMs));
    case 'createTicket':
      return createTicket(parts, effect.ticket, address);
    case 'recordRating': {
      const { handoverId, agent, rating } = effect;
      const record: RatingRecord = { version: 1, ...address, handoverId, rating, at: parts.now().toISOString() };
      const item = { ...record, ...(agent ? { agent } : {}) };
      return storage.write({ [ratingKey(address.channelId, address.conversationId, handoverId)]: item });
    }
    case 'startTimer':
      return setDue(storage, leases, address, effect.at);
    case 'stopTimer':
      return setDue(storage, leases, address, undefined);
  }
}

/** Stores the ticket, then hands it on (support channel, webhook) without holding up the customer. */
async function createTicket(parts: EffectParts, draft: TicketDraft, address: CustomerAddress): Promise<void> {
  const id = `t${parts.now().getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const record = ticketRecord(id, draft, address);
  await parts.storage.write({ [ticketKey(id)]: { ...record } });
  await parts.deliverTicket?.(record);
}

/** Posts the card as a new thread and feeds the outcome back: the thread (and its index), or the failure. */
async function postCard(
  parts: EffectParts,
  handoverId: string,
  reason: AgentCard['reason'],
  scope: EffectScope,
  outcome: Outcome,
): Promise<void> {
  const card = scope.customer && (await scope.customer.card(handoverId, reason));
  const thread = card && parts.console ? await postOrUndefined(parts, card) : undefined;
  if (card && thread) {
    await saveCard(parts.storage, card);
    const threadId = thread.thread.conversation?.id;
    if (threadId) await saveThreadOwner(parts.storage, threadId, { customer: scope.address, handoverId });
  }
  const event: HandoverEvent = thread
    ? { kind: 'agent-thread', handoverId, thread: thread as unknown as Record<string, unknown> }
    : { kind: 'agent-thread-failed', handoverId };
  const next = await scope.decideAgain(event);
  const more = await carryOut(parts, next, scope);
  outcome.card = more.card ?? card;
}

async function postOrUndefined(parts: EffectParts, card: AgentCard): Promise<AgentThread | undefined> {
  try {
    return await parts.console!.postCard(card);
  } catch (err) {
    parts.logger?.warn({ err }, 'handover: the agent card could not be posted');
    return undefined;
  }
}

async function updateCard(
  parts: EffectParts,
  effect: Extract<Effect, { kind: 'updateAgentCard' }>,
  decision: Decision,
  scope: EffectScope,
  outcome: Outcome,
): Promise<void> {
  const where = threadOf(decision);
  const stored = await loadCard(parts.storage, scope.address, effect.handoverId);
  if (!stored) return;
  const card: AgentCard = { ...stored, status: effect.status };
  await saveCard(parts.storage, card);
  outcome.card = card;
  if (where && parts.console) await parts.console.updateCard(where, card, scope.agentTurn);
}

async function post(
  parts: EffectParts,
  decision: Decision,
  line: Parameters<AgentConsole['post']>[1],
  scope: EffectScope,
): Promise<void> {
  const where = threadOf(decision);
  if (where && parts.console) await parts.console.post(where, line, scope.agentTurn);
  else if (line.kind === 'info' && scope.agentTurn) await scope.agentTurn.sendActivity(line.text);
}

/** The handoff event, in the customer's turn only; never to Teams nor the built-in web chat (settings.ts keeps it so). */
async function sendInitiate(handoverId: string, reason: AgentCard['reason'], scope: EffectScope): Promise<void> {
  if (!scope.customer) return;
  await scope.customer.context.sendActivity(await scope.customer.handoffEvent(handoverId, reason));
}

/** The customer's messages from an agent's turn or a timer, in one proactive turn. */
async function proactive(
  parts: EffectParts,
  decision: Decision,
  scope: EffectScope,
  activities: Partial<Activity>[],
): Promise<void> {
  const reference = decision.address.conversation;
  if (!reference || !parts.reach) return;
  try {
    await parts.reach(reference, async (context) => void (await context.sendActivities(activities)));
  } catch (err) {
    parts.logger?.warn({ err }, 'handover: the customer could not be reached');
    if (scope.agentTurn) await scope.agentTurn.sendActivity(AGENT_TEXT.customerUnreachable).catch(() => undefined);
  }
}

function threadOf(decision: Decision): AgentThread | undefined {
  const thread = decision.address.thread as Partial<AgentThread> | undefined;
  return thread?.thread && typeof thread.cardActivityId === 'string' ? (thread as AgentThread) : undefined;
}

function customerName(scope: EffectScope): string {
  return scope.customer?.context.activity.from?.name || 'Customer';
}

/** The handoff.initiate event for the customer's turn, with the context and the transcript so far. */
export function handoffInitiation(
  context: TurnContext,
  handoffContext: unknown,
  activities: Activity[],
): Partial<Activity> {
  return EventFactory.createHandoffInitiation(context, handoffContext, { activities });
}
