/**
 * The seam between the two halves of live handover in the bot layer, so each is built and tested
 * alone against a hand-written fake of the other:
 *  - the runtime (bots/handover/runtime.ts): the customer's side, timers, tickets, the event
 *    target; it runs `decideAndStore` (handover/records.ts) and carries out the effects;
 *  - the agents' console (bots/handover/teams-console.ts): the Teams support channel, where each
 *    handover is a thread started by a card, agents accept, reply, /note, /end and /release.
 * The runtime calls the console for the effects that go to agents (postAgentCard,
 * updateAgentCard, relayToAgent, tellAgent); the console calls the runtime (the desk) when an
 * agent acts. Neither side imports the other's module.
 */
import type { ConversationReference, TurnContext } from 'botbuilder';
import type { HandoffContext } from '../../handover/context';
import type { AgentAction, CardStatus, Decision } from '../../handover/machine';
import type { Agent, HandoverReason } from '../../handover/state';

/** Which customer conversation a handover belongs to (the handover record's key is made from it). */
export interface CustomerAddress {
  channelId: string;
  conversationId: string;
}

/** What an agents' card shows; every string already redacted and bounded. */
export interface AgentCard {
  handoverId: string;
  customer: CustomerAddress;
  /** The customer's name as their channel gives it, if any. */
  customerName?: string;
  reason: HandoverReason;
  /** Summary, the customer's last messages, topic, protocol, program, codes, step (handover/context.ts). */
  context: HandoffContext;
  /** A signed link to the full transcript, when LINK_SIGNING_SECRET and PUBLIC_BASE_URL are set. */
  transcriptUrl?: string;
  status: CardStatus;
}

/**
 * Where a handover's card lives: the thread (a conversation reference whose conversation id is
 * "<channel>;messageid=<root id>") and the card's own activity id, to update it. Stored in the
 * handover record as `agentThread` (plain JSON).
 */
export interface AgentThread {
  thread: Partial<ConversationReference>;
  cardActivityId: string;
}

/** A line posted into a handover's thread. */
export type ThreadPost =
  /** What the customer wrote, relayed (redacted). */
  | { kind: 'customer'; name: string; text: string }
  /** The bot telling the agents something (AGENT_TEXT: the customer left, cancelled, a file…). */
  | { kind: 'info'; text: string };

/**
 * What the runtime asks of the agents' console. `turn`, when given, is the agent's own turn in
 * that thread (an invoke or a message): answer through it rather than proactively.
 */
export interface AgentConsole {
  /** Posts the card as a new thread in the support channel; undefined when it cannot (not configured, bot not in the channel). */
  postCard(card: AgentCard): Promise<AgentThread | undefined>;
  /** Replaces the card (Accepted by NAME, closed…), so everyone in the channel sees its state. */
  updateCard(where: AgentThread, card: AgentCard, turn?: TurnContext): Promise<void>;
  /** Posts into the thread, in order per thread (Teams' 429s retried with back-off). */
  post(where: AgentThread, post: ThreadPost, turn?: TurnContext): Promise<void>;
}

/** Whose a thread in the support channel is: the customer and the handover (handover/records.ts thread index). */
export interface ThreadOwner {
  customer: CustomerAddress;
  handoverId: string;
}

/** What an agent's action led to; `card` is the card as it now is, to answer an `adaptiveCard/action` invoke with. */
export interface AgentOutcome {
  decision: Decision;
  card?: AgentCard;
}

/** What the agents' console asks of the runtime. */
export interface HandoverDesk {
  /** The owner of a thread in the support channel, or undefined for any other thread. */
  threadOwner(threadConversationId: string): Promise<ThreadOwner | undefined>;
  /**
   * An agent acted (accept, message, end, release, edit): decided on the stored handover, stored,
   * and carried out (the customer's effects proactively; the agents' through `turn` when given).
   */
  agentAction(owner: ThreadOwner, agent: Agent, action: AgentAction, turn?: TurnContext): Promise<AgentOutcome>;
}
