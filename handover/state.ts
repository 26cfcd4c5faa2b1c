/**
 * The handover of one conversation as a closed union, persisted beside its dialog state:
 * `bot` (the assistant answers), `offered` (a person or a message was offered; the customer's
 * answer is awaited), `waiting` (in the queue), `connected` (an agent has it; the bot is silent),
 * `ended` (just over; a rating may be awaited). Plain JSON with a version, so a record read back
 * is checked before use and one this version does not know is dropped, as dialogs/engine.ts
 * drops an unknown dialog. Pure: no botbuilder.
 */
/** The version of the record's shape; a record of another version is dropped. */
export const HANDOVER_VERSION = 1;

/** Why a person was offered or asked for. */
export const HANDOVER_REASONS = [
  'asked',
  'not-understood',
  'fix-failed',
  'not-helpful',
  'compromised-account',
] as const;
export type HandoverReason = (typeof HANDOVER_REASONS)[number];

/** Where a handover goes: the Teams support channel, a contact-centre hub (handoff events), or only the contact. */
export const HANDOVER_TARGETS = ['teams', 'event', 'contact'] as const;
export type HandoverTarget = (typeof HANDOVER_TARGETS)[number];

/** How a handover ended. */
export const END_OUTCOMES = [
  'agent-ended',
  'hub-completed',
  'customer-left',
  'customer-cancelled',
  'left-message',
  'unreachable',
] as const;
export type EndOutcome = (typeof END_OUTCOMES)[number];

/** What an offer waits for: yes or no to a person, yes or no to a message, the message, the way to reply. */
export const OFFER_STEPS = ['confirm', 'leave-message', 'message', 'contact'] as const;
export type OfferStep = (typeof OFFER_STEPS)[number];

/** Queued while waiting: at most this many of the customer's messages, each at most MAX_QUEUED_CHARS. */
export const MAX_QUEUED = 10;
export const MAX_QUEUED_CHARS = 1000;
/** The longest message or contact preference kept for a ticket. */
export const MAX_TICKET_CHARS = 4000;
/** The longest id or name kept in a record; longer ones are not from a real channel. */
export const MAX_ID_CHARS = 1024;
/** The most JSON characters of an opaque reference (conversation, agent thread). */
export const MAX_REFERENCE_CHARS = 8 * 1024;

/** An opaque reference (a conversation reference, a thread) the bot layer fills in and reads; plain JSON. */
export type OpaqueJson = Readonly<Record<string, unknown>>;

/** An agent: the Entra object id (or the hub's) and the display name. */
export interface Agent {
  id: string;
  name: string;
}

/** The customer, as their channel names them. */
export interface Customer {
  id: string;
  name?: string;
}

/** A customer message kept while waiting, redacted. */
export interface QueuedMessage {
  at: string;
  text: string;
}

/** The assistant is in charge; it counts what leads to offering a person. */
export interface BotPhase {
  version: 1;
  phase: 'bot';
  /** Turns in a row the bot did not understand. */
  notUnderstood: number;
  /** "No" answers to "Did that fix it?" since the last fix. */
  fixFailed: number;
}

/** Something was offered; the customer's answer is awaited. */
export interface OfferedPhase {
  version: 1;
  phase: 'offered';
  since: string;
  reason: HandoverReason;
  awaiting: OfferStep;
  /** The message typed for the support team, once given (step 'contact'). */
  message?: string;
}

/** What an open handover (waiting or connected) holds. */
export interface OpenFields {
  version: 1;
  /** Unique within the conversation; cards, thread index and queue entries name it. */
  handoverId: string;
  /** When the customer confirmed. */
  requestedAt: string;
  reason: HandoverReason;
  target: Exclude<HandoverTarget, 'contact'>;
  customer: Customer;
  /** The customer's conversation reference, to reach them from an agent's turn or a timer. */
  conversation: OpaqueJson;
  /** The thread of the handover in the support channel, once posted. */
  agentThread?: OpaqueJson;
  /** For "the customer left": idle past the timeout. */
  lastCustomerActivityAt: string;
}

/** In the queue. */
export interface WaitingPhase extends OpenFields {
  phase: 'waiting';
  since: string;
  queued: QueuedMessage[];
  /** Messages dropped from the front of `queued` when it was full. */
  droppedMessages: number;
  lastQueueUpdateAt: string;
  /** When the wait timeout counts from: the request, or the last "Keep waiting". */
  waitClockFrom: string;
  /** Set once "keep waiting or leave a message" has been offered, until answered. */
  timeoutOfferedAt?: string;
}

/** An agent has the conversation: what the customer writes goes to them, and the bot is silent. */
export interface ConnectedPhase extends OpenFields {
  phase: 'connected';
  since: string;
  agent: Agent;
  /** The agent has been told once that edits are not mirrored. */
  toldEdits: boolean;
}

/** Just ended; the next customer message returns to the bot (after the rating, if one was asked). */
export interface EndedPhase {
  version: 1;
  phase: 'ended';
  since: string;
  handoverId: string;
  reason: HandoverReason;
  target: HandoverTarget;
  outcome: EndOutcome;
  agent?: Agent;
  ratingAsked: boolean;
}

/** The handover of a conversation. */
export type Handover = BotPhase | OfferedPhase | WaitingPhase | ConnectedPhase | EndedPhase;

/** A handover that a person has or is about to have. */
export type OpenPhase = WaitingPhase | ConnectedPhase;

/** The state of a conversation with no handover. */
export function newHandover(): BotPhase {
  return { version: HANDOVER_VERSION, phase: 'bot', notUnderstood: 0, fixFailed: 0 };
}

/** Whether the handover is open: at most one is, per conversation. */
export function isOpen(state: Handover): state is OpenPhase {
  return state.phase === 'waiting' || state.phase === 'connected';
}

/** The fields a handover keeps while it is open, without those of its phase. */
export function openFieldsOf(state: OpenPhase): OpenFields {
  const { version, handoverId, requestedAt, reason, target, customer, conversation, lastCustomerActivityAt } = state;
  const thread = state.agentThread ? { agentThread: state.agentThread } : {};
  return {
    version,
    handoverId,
    requestedAt,
    reason,
    target,
    customer,
    conversation,
    lastCustomerActivityAt,
    ...thread,
  };
}

/** Whether the bot must stay silent (no answers, no typing, no feedback prompts): a person has or is about to have the chat. */
export function isBotSilent(state: Handover): boolean {
  return isOpen(state);
}

/** The handover as read back, or a fresh one when the record is missing, of another version or malformed. */
export function readHandover(value: unknown): Handover {
  return isHandover(value) ? value : newHandover();
}

type Check = (value: Record<string, unknown>) => boolean;

const PHASE_CHECKS: Record<Handover['phase'], Check> = {
  bot: (v) => isCount(v.notUnderstood) && isCount(v.fixFailed),
  offered: (v) =>
    isTime(v.since) &&
    isOneOf(v.reason, HANDOVER_REASONS) &&
    isOneOf(v.awaiting, OFFER_STEPS) &&
    optional(v.message, (m) => isText(m, MAX_TICKET_CHARS)),
  waiting: (v) =>
    isOpenHandover(v) &&
    isTime(v.since) &&
    isQueue(v.queued) &&
    isCount(v.droppedMessages) &&
    isTime(v.lastQueueUpdateAt) &&
    isTime(v.waitClockFrom) &&
    optional(v.timeoutOfferedAt, isTime),
  connected: (v) => isOpenHandover(v) && isTime(v.since) && isAgent(v.agent) && typeof v.toldEdits === 'boolean',
  ended: (v) =>
    isTime(v.since) &&
    isText(v.handoverId, MAX_ID_CHARS) &&
    isOneOf(v.reason, HANDOVER_REASONS) &&
    isOneOf(v.target, HANDOVER_TARGETS) &&
    isOneOf(v.outcome, END_OUTCOMES) &&
    optional(v.agent, isAgent) &&
    typeof v.ratingAsked === 'boolean',
};

/** Whether a record read back is a handover this version can continue. */
export function isHandover(value: unknown): value is Handover {
  if (!isRecord(value) || value.version !== HANDOVER_VERSION) return false;
  const check = PHASE_CHECKS[value.phase as Handover['phase']];
  return Object.hasOwn(PHASE_CHECKS, String(value.phase)) && check(value);
}

function isOpenHandover(v: Record<string, unknown>): boolean {
  return (
    isText(v.handoverId, MAX_ID_CHARS) &&
    isTime(v.requestedAt) &&
    isOneOf(v.reason, HANDOVER_REASONS) &&
    (v.target === 'teams' || v.target === 'event') &&
    isCustomer(v.customer) &&
    isReference(v.conversation) &&
    optional(v.agentThread, isReference) &&
    isTime(v.lastCustomerActivityAt)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** An ISO timestamp as Date.toISOString writes it. */
function isTime(value: unknown): boolean {
  return typeof value === 'string' && value.length <= 30 && Number.isFinite(Date.parse(value));
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function optional(value: unknown, check: (v: unknown) => boolean): boolean {
  return value === undefined || check(value);
}

function isAgent(value: unknown): boolean {
  return isRecord(value) && isText(value.id, MAX_ID_CHARS) && isText(value.name, MAX_ID_CHARS);
}

function isCustomer(value: unknown): boolean {
  return isRecord(value) && isText(value.id, MAX_ID_CHARS) && optional(value.name, (n) => isText(n, MAX_ID_CHARS));
}

function isReference(value: unknown): boolean {
  return isRecord(value) && JSON.stringify(value).length <= MAX_REFERENCE_CHARS;
}

function isQueue(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.length <= MAX_QUEUED &&
    value.every((m) => isRecord(m) && isTime(m.at) && isText(m.text, MAX_QUEUED_CHARS))
  );
}
