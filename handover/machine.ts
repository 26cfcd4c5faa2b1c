/**
 * The handover's decisions, as one pure function: `decide(state, event, now, settings)` gives the
 * next state and the effects the bot layer carries out (say, post the agent card, relay, create a
 * ticket, set the timer…). Nothing here sends, stores or reads a clock, so every row of the
 * behaviour is a table test, and a decision can be made again on a fresh read when a conditional
 * write loses a race (records.ts): effects are carried out only once the new state is stored.
 *
 * Rules kept everywhere: while waiting or connected the bot never answers (no `botAnswers`
 * effect; a customer message is queued and relayed); at most one handover is open per
 * conversation (a repeated request never opens a second); every customer or agent text in a
 * state or an effect is redacted.
 */
import type { Suggestion } from '../knowledge';
import {
  acceptsPerson,
  afterHoldOn,
  declinesPerson,
  holdsOn,
  detectIntent,
  detectYesNo,
  questionAfterLeadIn,
  type Intent,
} from '../knowledge/intents';
import { redactSecrets } from '../transcripts/redact';
import { capText } from '../transcripts/text-cap';
import { detectCompromisedAccount, isButton, isPlainCancel, parseAgentCommand, parseRating } from './inputs';
import { AGENT_TEXT, HANDOVER_BUTTONS, HANDOVER_TEXT } from './messages';
import {
  isOpen,
  MAX_QUEUED,
  MAX_QUEUED_CHARS,
  MAX_TICKET_CHARS,
  newHandover,
  openFieldsOf,
  type Agent,
  type BotPhase,
  type ConnectedPhase,
  type Customer,
  type EndedPhase,
  type EndOutcome,
  type Handover,
  type HandoverReason,
  type HandoverTarget,
  type OfferedPhase,
  type OpaqueJson,
  type OpenPhase,
  type WaitingPhase,
} from './state';

/** What the machine needs to know besides the state: configuration, and the hours and queue as sentences. */
export interface HandoverSettings {
  /** Where this conversation's handover goes (the bot layer applies HANDOFF_EVENT_CHANNELS). */
  target: HandoverTarget;
  /** HANDOFF_WAIT_MINUTES: unanswered this long, the customer may keep waiting or leave a message. */
  waitMinutes: number;
  /** HANDOFF_IDLE_MINUTES: a waiting or connected customer silent this long has left. Longer than waitMinutes. */
  idleMinutes: number;
  /** How often a waiting customer hears their place in the queue. */
  queueUpdateMinutes: number;
  /** HANDOFF_AGENT_NAME: the customer sees the agent's first name, or the full one. */
  agentName: 'first' | 'full';
  /** How to reach BT support (SUPPORT_CONTACT), said when no person can be connected. */
  supportContact: string;
  /** Whether a person is available now (handover/hours.ts isOpen). */
  open: boolean;
  /** When one is next, as a sentence (handover/hours.ts); said when closed. */
  nextOpening?: string;
  /** This conversation's place and expected wait, as a sentence (handover/queue.ts); said while waiting. */
  queueText?: string;
}

/** What the bot did with a customer's message, reported after it answered: leads to offers. */
/**
 * What the bot did with a turn. `still-failing`: the customer said a fix still fails after the
 * bot had given every check it knows, and the reply says the next step is a person.
 */
export type BotOutcome =
  | 'answered'
  | 'not-understood'
  | 'fix-failed'
  | 'fixed'
  | 'not-helpful'
  | 'still-failing'
  /** A yes to a person the bot's own reply mentioned ("…one of our support team can help." → "yes please"). */
  | 'asked-person';

/** A customer's message (typed or a button's value), with the intent knowledge/intents.ts found in it. */
export interface CustomerMessage {
  kind: 'customer';
  text: string;
  intent: Intent | undefined;
  /** Files attached: never relayed. */
  files?: number;
  customer: Customer;
  /** The customer's conversation reference, kept to reach them from an agent's turn or a timer. */
  conversation: OpaqueJson;
}

/** The event for a customer's message, with the intent read as the main dialog reads it. */
export function customerMessage(
  text: string,
  customer: Customer,
  conversation: OpaqueJson,
  files = 0,
): CustomerMessage {
  const message: CustomerMessage = { kind: 'customer', text, intent: detectIntent(text), customer, conversation };
  return files > 0 ? { ...message, files } : message;
}

/** What an agent did in the handover's thread (or on its card). */
export type AgentAction =
  | { type: 'accept' }
  | { type: 'message'; text: string; files?: number }
  | { type: 'end' }
  | { type: 'release' }
  | { type: 'edit' };

/** Everything that moves a handover. */
export type HandoverEvent =
  | CustomerMessage
  | { kind: 'bot-turn'; outcome: BotOutcome }
  /** The agent card was posted: the thread to relay into. */
  | { kind: 'agent-thread'; handoverId: string; thread: OpaqueJson }
  /** The agent card could not be posted (the bot is not in the support channel). */
  | { kind: 'agent-thread-failed'; handoverId: string }
  /** An agent in the support channel; `handoverId` is the card's or the thread index's. */
  | { kind: 'agent'; handoverId: string; agent: Agent; action: AgentAction }
  /** The conversation's timer is due (startTimer). */
  | { kind: 'tick' }
  /** A `handoff.status` event from a contact-centre hub; its value as received, unchecked. */
  | { kind: 'handoff-status'; value: unknown };

/** What an agent card shows. */
export type CardStatus =
  { kind: 'waiting' } | { kind: 'accepted'; by: string } | { kind: 'closed'; outcome: EndOutcome; by?: string };

/** A message left for the support team; the bot layer adds the transcript reference and stores it. */
export interface TicketDraft {
  reason: HandoverReason;
  message: string;
  contact: string;
  createdAt: string;
}

/**
 * What the bot layer does, in order. `say` and `relayToCustomer` go to the customer (in their
 * turn, or through `address.conversation`); `tellAgent`, `relayToAgent`, `noteInThread` and
 * `updateAgentCard` go to the handover's thread (`address.thread`), or answer the agent's own turn.
 */
export type Effect =
  /** The customer's message is the bot's to answer, as if there were no handover. */
  | { kind: 'botAnswers' }
  | { kind: 'say'; text: string; buttons: readonly Suggestion[] }
  | { kind: 'relayToCustomer'; text: string; from: string }
  | { kind: 'postAgentCard'; handoverId: string; reason: HandoverReason }
  | { kind: 'updateAgentCard'; handoverId: string; status: CardStatus }
  | { kind: 'relayToAgent'; handoverId: string; text: string }
  | { kind: 'tellAgent'; text: string }
  /** An agent's /note: kept in the thread and the customer's transcript, never sent to the customer. */
  | { kind: 'noteInThread'; handoverId: string; agent: Agent; text: string }
  | { kind: 'sendHandoffInitiate'; handoverId: string; reason: HandoverReason }
  /** The queue names the handover with its conversation (records.ts joinQueue): the id is unique only within it. */
  | { kind: 'joinQueue'; handoverId: string; since: string }
  | { kind: 'leaveQueue'; handoverId: string }
  /** How long an accepted handover waited, for expected waits. */
  | { kind: 'recordWait'; waitedMs: number }
  | { kind: 'createTicket'; ticket: TicketDraft }
  | { kind: 'recordRating'; handoverId: string; agent?: Agent; rating: number }
  /** The next tick of this conversation is due at `at` (replaces any earlier one). */
  | { kind: 'startTimer'; at: string }
  | { kind: 'stopTimer' };

/** The next state (the same object when nothing changed, so there is nothing to write), the effects, and where they go. */
export interface Decision {
  state: Handover;
  effects: Effect[];
  address: { conversation?: OpaqueJson; thread?: OpaqueJson };
}

/** A repeated click or request within this time is the same one (a double click, a retry): nothing more happens. */
export const REPEAT_WINDOW_MS = 5_000;

const MINUTE_MS = 60_000;

type Step = { state: Handover; effects: Effect[] };

/** The pure decision: the next state and the effects of one event. */
export function decide(state: Handover, event: HandoverEvent, now: Date, settings: HandoverSettings): Decision {
  const step = react(state, event, now, settings);
  const effects = [...step.effects, ...timerEffects(state, step.state, event, settings)];
  return { state: step.state, effects, address: addressOf(state, step.state) };
}

function react(state: Handover, event: HandoverEvent, now: Date, settings: HandoverSettings): Step {
  switch (event.kind) {
    case 'customer':
      return onCustomer(state, event, now, settings);
    case 'bot-turn':
      return state.phase === 'bot' ? onBotTurn(state, event.outcome, now, settings) : unchanged(state);
    case 'agent-thread':
    case 'agent-thread-failed':
      return onThread(state, event, now, settings);
    case 'agent':
      return onAgent(state, event, now, settings);
    case 'tick':
      return onTick(state, now, settings);
    case 'handoff-status':
      return onStatus(state, readStatus(event.value), now, settings);
  }
}

// ---- The customer ----

function onCustomer(state: Handover, event: CustomerMessage, now: Date, settings: HandoverSettings): Step {
  switch (state.phase) {
    case 'bot':
      return customerToBot(state, event, now, settings);
    case 'offered':
      return customerToOffer(state, event, now, settings);
    case 'waiting':
      return customerWaiting({ ...state, lastCustomerActivityAt: iso(now) }, event, now, settings);
    case 'connected':
      return customerConnected({ ...state, lastCustomerActivityAt: iso(now) }, event);
    case 'ended':
      return customerAfterEnd(state, event, now, settings);
  }
}

/** With the bot: a person asked for (or the Connect button of an old offer), a hacked account, or the bot answers. */
function customerToBot(state: BotPhase, event: CustomerMessage, now: Date, settings: HandoverSettings): Step {
  // The buttons of an earlier offer still work.
  if (isButton(event.text, HANDOVER_BUTTONS.connect)) return confirm('asked', event, now, settings);
  if (isButton(event.text, HANDOVER_BUTTONS.leaveMessage)) return askForMessage('asked', now, []);
  if (event.intent === 'human') return offer('asked', now, settings);
  if (detectCompromisedAccount(event.text)) return offer('compromised-account', now, settings);
  return { state, effects: [{ kind: 'botAnswers' }] };
}

function customerToOffer(state: OfferedPhase, event: CustomerMessage, now: Date, settings: HandoverSettings): Step {
  switch (state.awaiting) {
    case 'confirm':
      return answerToConfirm(state, event, now, settings);
    case 'leave-message':
      return answerToMessageOffer(state, event, now, settings);
    case 'message':
      return messageForTeam(state, event, now);
    case 'contact':
      return contactForTeam(state, event, now);
  }
}

/** "Connect me" or "Keep trying here"; anything else lets the offer lapse and the bot answers it. */
function answerToConfirm(state: OfferedPhase, event: CustomerMessage, now: Date, settings: HandoverSettings): Step {
  const { text, intent } = event;
  const connect = isButton(text, HANDOVER_BUTTONS.connect);
  // The same request again at once (a double click on "Talk to a person", a retry) is not a yes.
  if (isRepeatClick(text, state.since, now, [HANDOVER_BUTTONS.person])) return unchanged(state);
  if (connect || intent === 'human') return confirm(state.reason, event, now, settings);
  // "Hang on, what's the smtp port first?": not now, the question first (before a yes read after the hold-on).
  const held = holdsOn(text);
  if (held && asksFirst(text, false)) return toBot([say(HANDOVER_TEXT.personLater), { kind: 'botAnswers' }]);
  // "Hang on, yes please connect me": the answer after the hold-on.
  const answer = held ? afterHoldOn(text) : text;
  if (detectYesNo(answer) === 'yes' || acceptsPerson(answer)) return confirm(state.reason, event, now, settings);
  const no = declinesPerson(text);
  // "No, keep trying here. What is the SMTP port?": the question is answered, not only the "no", and how
  // to ask for a person later said first.
  if (asksFirst(text, no)) return toBot([say(HANDOVER_TEXT.personLater), { kind: 'botAnswers' }]);
  if (isButton(text, HANDOVER_BUTTONS.keepTrying) || no || intent === 'cancel')
    return toBot([say(HANDOVER_TEXT.keptTrying)]);
  return toBot([{ kind: 'botAnswers' }]);
}

/**
 * A "no" with a question after it ("no thanks, what's the smtp port?"), or a hold-on before anything the bot
 * can answer ("hold on. the incoming port for imap"): why a hold-on needs no question mark, it is no answer
 * to the offer either way, so only how to ask later is added.
 */
function asksFirst(text: string, no: boolean): boolean {
  const lead = questionAfterLeadIn(text);
  return !!lead && (no ? lead.question : holdsOn(text));
}

/** "Leave a message" or "No thanks" (a person asked for again: the offer again, if some time has passed). */
function answerToMessageOffer(
  state: OfferedPhase,
  event: CustomerMessage,
  now: Date,
  settings: HandoverSettings,
): Step {
  const { text, intent } = event;
  const no = declinesPerson(text);
  // "Connect me" or a person asked for again is not a yes to leaving a message: the offer again, below.
  const again = intent === 'human' || isButton(text, HANDOVER_BUTTONS.connect);
  if (isButton(text, HANDOVER_BUTTONS.leaveMessage) || (!no && !again && acceptsPerson(text)))
    return askForMessage(state.reason, now, []);
  if (!again && asksFirst(text, no)) return toBot([say(HANDOVER_TEXT.personLater), { kind: 'botAnswers' }]);
  if (isButton(text, HANDOVER_BUTTONS.noThanks) || no || intent === 'cancel')
    return toBot([say(HANDOVER_TEXT.noMessage)]);
  if (again)
    return isRepeatClick(text, state.since, now, [HANDOVER_BUTTONS.person])
      ? unchanged(state)
      : offer(state.reason, now, settings);
  return toBot([{ kind: 'botAnswers' }]);
}

function askForMessage(reason: HandoverReason, now: Date, before: Effect[]): Step {
  const state: OfferedPhase = { version: 1, phase: 'offered', since: iso(now), reason, awaiting: 'message' };
  return { state, effects: [...before, say(HANDOVER_TEXT.askMessage, [HANDOVER_BUTTONS.cancel])] };
}

/** The message for the support team, then the way to reply; "cancel" alone stops. */
function messageForTeam(state: OfferedPhase, event: CustomerMessage, now: Date): Step {
  if (isPlainCancel(event.text)) return toBot([say(HANDOVER_TEXT.noMessage)]);
  const message = ticketText(event.text);
  if (!message) return { state, effects: [say(HANDOVER_TEXT.askMessageAgain, [HANDOVER_BUTTONS.cancel])] };
  const next: OfferedPhase = { ...state, since: iso(now), awaiting: 'contact', message };
  return { state: next, effects: [say(HANDOVER_TEXT.askContact, [HANDOVER_BUTTONS.cancel])] };
}

function contactForTeam(state: OfferedPhase, event: CustomerMessage, now: Date): Step {
  if (isPlainCancel(event.text)) return toBot([say(HANDOVER_TEXT.noMessage)]);
  const contact = ticketText(event.text);
  if (!contact) return { state, effects: [say(HANDOVER_TEXT.askContact, [HANDOVER_BUTTONS.cancel])] };
  const ticket: TicketDraft = { reason: state.reason, message: state.message ?? '', contact, createdAt: iso(now) };
  return toBot([{ kind: 'createTicket', ticket }, say(HANDOVER_TEXT.ticketCreated)]);
}

/** While waiting: stop waiting, keep waiting, leave a message, asked again, or a message for the agent. */
function customerWaiting(state: WaitingPhase, event: CustomerMessage, now: Date, settings: HandoverSettings): Step {
  const { text, intent } = event;
  if (isButton(text, HANDOVER_BUTTONS.cancelWaiting) || intent === 'cancel')
    return close(state, 'customer-cancelled', now, [say(HANDOVER_TEXT.leftQueue)], AGENT_TEXT.customerCancelled);
  if (state.timeoutOfferedAt && isButton(text, HANDOVER_BUTTONS.keepWaiting)) {
    const next: WaitingPhase = { ...state, waitClockFrom: iso(now) };
    delete next.timeoutOfferedAt;
    return { state: next, effects: [say(HANDOVER_TEXT.keepWaiting, [HANDOVER_BUTTONS.cancelWaiting])] };
  }
  if (isButton(text, HANDOVER_BUTTONS.leaveMessage)) {
    const closed = closingEffects(state, 'left-message', AGENT_TEXT.customerLeftMessage);
    return askForMessage(state.reason, now, closed);
  }
  if (intent === 'human' || isButton(text, HANDOVER_BUTTONS.connect)) {
    if (isRepeatClick(text, state.requestedAt, now, [HANDOVER_BUTTONS.person, HANDOVER_BUTTONS.connect]))
      return { state, effects: [] };
    return {
      state,
      effects: [say(HANDOVER_TEXT.alreadyWaiting(queueText(settings)), [HANDOVER_BUTTONS.cancelWaiting])],
    };
  }
  return queueMessage(state, event, now);
}

/** A message while waiting: kept (the oldest dropped when full) and relayed to the thread, if there is one yet. */
function queueMessage(state: WaitingPhase, event: CustomerMessage, now: Date): Step {
  const text = redactSecrets(event.text).trim();
  const effects: Effect[] = fileNote(state, event.files);
  if (!text) return { state, effects };
  const queued = [...state.queued, { at: iso(now), text: capText(text, MAX_QUEUED_CHARS) }];
  const dropped = Math.max(0, queued.length - MAX_QUEUED);
  const next: WaitingPhase = {
    ...state,
    queued: queued.slice(dropped),
    droppedMessages: state.droppedMessages + dropped,
  };
  if (state.agentThread) effects.unshift({ kind: 'relayToAgent', handoverId: state.handoverId, text });
  return { state: next, effects };
}

/** Connected: everything the customer writes goes to the agent; the bot says nothing. */
function customerConnected(state: ConnectedPhase, event: CustomerMessage): Step {
  const text = redactSecrets(event.text).trim();
  const relay: Effect[] = text ? [{ kind: 'relayToAgent', handoverId: state.handoverId, text }] : [];
  return { state, effects: [...relay, ...fileNote(state, event.files)] };
}

/** Just ended: a rating, if one was asked; anything else is the bot's again. */
function customerAfterEnd(state: EndedPhase, event: CustomerMessage, now: Date, settings: HandoverSettings): Step {
  const rating = state.ratingAsked ? parseRating(event.text) : undefined;
  if (rating === undefined) return customerToBot(newHandover(), event, now, settings);
  const recorded: Effect = { kind: 'recordRating', handoverId: state.handoverId, agent: state.agent, rating };
  return toBot([recorded, say(HANDOVER_TEXT.ratingThanks)]);
}

// ---- Offers ----

/**
 * After the bot answered: two misunderstood turns in a row, "No" twice to "Did that fix it?", "No"
 * to "Was this helpful?", or "it still fails" once every check was given (the reply says a person is next).
 */
function onBotTurn(state: BotPhase, outcome: BotOutcome, now: Date, settings: HandoverSettings): Step {
  const next = countOutcome(state, outcome);
  if (outcome === 'not-helpful') return offer('not-helpful', now, settings);
  if (outcome === 'still-failing') return offer('fix-failed', now, settings);
  if (outcome === 'asked-person') return offer('asked', now, settings);
  if (next.notUnderstood >= 2) return offer('not-understood', now, settings);
  if (next.fixFailed >= 2) return offer('fix-failed', now, settings);
  return sameCounts(state, next) ? unchanged(state) : { state: next, effects: [] };
}

function countOutcome(state: BotPhase, outcome: BotOutcome): BotPhase {
  switch (outcome) {
    case 'not-understood':
      return { ...state, notUnderstood: state.notUnderstood + 1 };
    case 'fix-failed':
    case 'still-failing':
      return { ...state, notUnderstood: 0, fixFailed: state.fixFailed + 1 };
    case 'fixed':
      return { ...state, notUnderstood: 0, fixFailed: 0 };
    case 'answered':
    case 'not-helpful':
    case 'asked-person':
      return { ...state, notUnderstood: 0 };
  }
}

function sameCounts(a: BotPhase, b: BotPhase): boolean {
  return a.notUnderstood === b.notUnderstood && a.fixFailed === b.fixFailed;
}

/** A person offered: "Connect me" when one can be; else the contact or the hours, and a message. */
function offer(reason: HandoverReason, now: Date, settings: HandoverSettings): Step {
  const offered = (awaiting: OfferedPhase['awaiting']): OfferedPhase => ({
    version: 1,
    phase: 'offered',
    since: iso(now),
    reason,
    awaiting,
  });
  const messageButtons = [HANDOVER_BUTTONS.leaveMessage, HANDOVER_BUTTONS.noThanks];
  if (settings.target === 'contact')
    return {
      state: offered('leave-message'),
      effects: [say(HANDOVER_TEXT.offerContact(reason, settings.supportContact), messageButtons)],
    };
  if (!settings.open)
    return {
      state: offered('leave-message'),
      effects: [say(HANDOVER_TEXT.offerWhenClosed(reason, settings.nextOpening ?? ''), messageButtons)],
    };
  const buttons = [HANDOVER_BUTTONS.connect, HANDOVER_BUTTONS.keepTrying];
  return { state: offered('confirm'), effects: [say(HANDOVER_TEXT.offer(reason), buttons)] };
}

/** Confirmed: into the queue and the agent card posted, or the handoff event sent; closed hours offer a message. */
function confirm(reason: HandoverReason, event: CustomerMessage, now: Date, settings: HandoverSettings): Step {
  const { target } = settings;
  if (target === 'contact' || !settings.open) return offer(reason, now, settings);
  const at = iso(now);
  const state: WaitingPhase = {
    version: 1,
    phase: 'waiting',
    handoverId: `h${now.getTime().toString(36)}`,
    requestedAt: at,
    since: at,
    reason,
    target,
    customer: event.customer,
    conversation: event.conversation,
    lastCustomerActivityAt: at,
    queued: [],
    droppedMessages: 0,
    lastQueueUpdateAt: at,
    waitClockFrom: at,
  };
  const { handoverId } = state;
  const cancel = [HANDOVER_BUTTONS.cancelWaiting];
  if (target === 'event')
    return {
      state,
      effects: [say(HANDOVER_TEXT.waitingForHub, cancel), { kind: 'sendHandoffInitiate', handoverId, reason }],
    };
  return {
    state,
    effects: [
      say(HANDOVER_TEXT.waiting(queueText(settings)), cancel),
      { kind: 'postAgentCard', handoverId, reason },
      { kind: 'joinQueue', handoverId, since: at },
    ],
  };
}

// ---- The support channel ----

function onThread(
  state: Handover,
  event: Extract<HandoverEvent, { kind: 'agent-thread' | 'agent-thread-failed' }>,
  now: Date,
  settings: HandoverSettings,
): Step {
  if (!isOpen(state) || state.handoverId !== event.handoverId || state.target !== 'teams') return unchanged(state);
  if (event.kind === 'agent-thread')
    return state.agentThread ? unchanged(state) : { state: { ...state, agentThread: event.thread }, effects: [] };
  if (state.phase !== 'waiting') return unchanged(state);
  return unreachable(state, now, settings);
}

/** Nobody can be reached: out of the queue, the contact and a message offered. */
function unreachable(state: OpenPhase, now: Date, settings: HandoverSettings): Step {
  const next: OfferedPhase = {
    version: 1,
    phase: 'offered',
    since: iso(now),
    reason: state.reason,
    awaiting: 'leave-message',
  };
  const buttons = [HANDOVER_BUTTONS.leaveMessage, HANDOVER_BUTTONS.noThanks];
  const leave: Effect[] = state.target === 'teams' ? [{ kind: 'leaveQueue', handoverId: state.handoverId }] : [];
  return { state: next, effects: [...leave, say(HANDOVER_TEXT.unreachable(settings.supportContact), buttons)] };
}

function onAgent(
  state: Handover,
  event: Extract<HandoverEvent, { kind: 'agent' }>,
  now: Date,
  settings: HandoverSettings,
): Step {
  const { action, agent } = event;
  if (!isOpen(state) || state.handoverId !== event.handoverId || state.target !== 'teams')
    return staleForAgent(state, event);
  if (action.type === 'accept') return accept(state, agent, now, settings);
  if (action.type === 'edit') return editNotMirrored(state);
  if (action.type === 'end') return endByAgent(state, agent, now, settings);
  if (action.type === 'release') return release(state, agent, now);
  return agentMessage(state, agent, action, now, settings);
}

/** An agent acting on a handover that is over (or another one): told so; an ended one's card is brought up to date. */
function staleForAgent(state: Handover, event: Extract<HandoverEvent, { kind: 'agent' }>): Step {
  const { action } = event;
  if (action.type === 'edit') return unchanged(state);
  const command = action.type === 'message' ? parseAgentCommand(action.text) : undefined;
  // A note after the end still belongs to that handover's transcript.
  if (command?.command === 'note' && state.phase === 'ended' && state.handoverId === event.handoverId)
    return noteStep(state, event.agent, command.text);
  const effects: Effect[] = [{ kind: 'tellAgent', text: AGENT_TEXT.notWaiting }];
  if (state.phase === 'ended' && state.handoverId === event.handoverId && action.type === 'accept')
    effects.push(cardUpdate(state.handoverId, { kind: 'closed', outcome: state.outcome, by: state.agent?.name }));
  return { state, effects };
}

/** The first accept wins; a later one is told who has it (storage makes "first" atomic: records.ts). */
function accept(state: OpenPhase, agent: Agent, now: Date, settings: HandoverSettings): Step {
  if (state.phase === 'connected') {
    const holder = cardUpdate(state.handoverId, { kind: 'accepted', by: state.agent.name });
    if (state.agent.id === agent.id) return { state, effects: [holder] };
    return { state, effects: [{ kind: 'tellAgent', text: AGENT_TEXT.alreadyAccepted(state.agent.name) }, holder] };
  }
  const next: ConnectedPhase = { ...openFieldsOf(state), phase: 'connected', since: iso(now), agent, toldEdits: false };
  const waitedMs = Math.max(0, now.getTime() - Date.parse(state.requestedAt));
  return {
    state: next,
    effects: [
      { kind: 'leaveQueue', handoverId: state.handoverId },
      { kind: 'recordWait', waitedMs },
      cardUpdate(state.handoverId, { kind: 'accepted', by: agent.name }),
      say(HANDOVER_TEXT.connected(customerFacingName(agent.name, settings.agentName))),
    ],
  };
}

function agentMessage(
  state: OpenPhase,
  agent: Agent,
  action: Extract<AgentAction, { type: 'message' }>,
  now: Date,
  settings: HandoverSettings,
): Step {
  const command = parseAgentCommand(action.text);
  if (command.command === 'note') return noteStep(state, agent, command.text);
  if (command.command === 'end') return endByAgent(state, agent, now, settings);
  if (command.command === 'release') return release(state, agent, now);
  if (state.phase === 'waiting') return tell(state, AGENT_TEXT.acceptFirst);
  if (state.agent.id !== agent.id) return tell(state, AGENT_TEXT.notYours(state.agent.name));
  const text = redactSecrets(command.text).trim();
  const from = customerFacingName(state.agent.name, settings.agentName);
  const relay: Effect[] = text ? [{ kind: 'relayToCustomer', text, from }] : [];
  const files: Effect[] = action.files ? [{ kind: 'tellAgent', text: AGENT_TEXT.filesNotRelayed }] : [];
  return { state, effects: [...relay, ...files] };
}

function noteStep(state: OpenPhase | EndedPhase, agent: Agent, text: string): Step {
  const note = redactSecrets(text).trim();
  if (!note) return unchanged(state);
  return { state, effects: [{ kind: 'noteInThread', handoverId: state.handoverId, agent, text: note }] };
}

/** `/end` or the End button, by the agent who accepted: the customer is back with the bot and asked for a rating. */
function endByAgent(state: OpenPhase, agent: Agent, now: Date, settings: HandoverSettings): Step {
  if (state.phase === 'waiting') return tell(state, AGENT_TEXT.acceptFirst);
  if (state.agent.id !== agent.id) return tell(state, AGENT_TEXT.notYours(state.agent.name));
  const name = customerFacingName(state.agent.name, settings.agentName);
  const ended = endedOf(state, 'agent-ended', now, true);
  return {
    state: ended,
    effects: [
      cardUpdate(state.handoverId, { kind: 'closed', outcome: 'agent-ended', by: agent.name }),
      { kind: 'tellAgent', text: AGENT_TEXT.ended(agent.name) },
      say(HANDOVER_TEXT.back),
      say(HANDOVER_TEXT.rateAgent(name), HANDOVER_BUTTONS.ratings),
    ],
  };
}

/** `/release` by the agent who accepted: back in the queue at its first place, for another agent. */
function release(state: OpenPhase, agent: Agent, now: Date): Step {
  if (state.phase === 'waiting') return tell(state, AGENT_TEXT.acceptFirst);
  if (state.agent.id !== agent.id) return tell(state, AGENT_TEXT.notYours(state.agent.name));
  const at = iso(now);
  const next: WaitingPhase = {
    ...openFieldsOf(state),
    phase: 'waiting',
    since: at,
    queued: [],
    droppedMessages: 0,
    lastQueueUpdateAt: at,
    waitClockFrom: at,
  };
  return {
    state: next,
    effects: [
      { kind: 'joinQueue', handoverId: state.handoverId, since: state.requestedAt },
      cardUpdate(state.handoverId, { kind: 'waiting' }),
      { kind: 'tellAgent', text: AGENT_TEXT.released(agent.name) },
      say(HANDOVER_TEXT.released, [HANDOVER_BUTTONS.cancelWaiting]),
    ],
  };
}

/** Edits and deletions in Teams are not mirrored; the agent is told once per handover. */
function editNotMirrored(state: OpenPhase): Step {
  if (state.phase !== 'connected' || state.toldEdits) return unchanged(state);
  return { state: { ...state, toldEdits: true }, effects: [{ kind: 'tellAgent', text: AGENT_TEXT.editsNotMirrored }] };
}

// ---- Timers ----

/** When this conversation's timer is next due: the customer gone idle, the wait timeout, the next queue update. */
export function nextDueAt(state: Handover, settings: HandoverSettings): Date | undefined {
  if (!isOpen(state)) return undefined;
  const idle = Date.parse(state.lastCustomerActivityAt) + settings.idleMinutes * MINUTE_MS;
  if (state.phase === 'connected' || state.target !== 'teams') return new Date(idle);
  const update = Date.parse(state.lastQueueUpdateAt) + settings.queueUpdateMinutes * MINUTE_MS;
  const timeout = state.timeoutOfferedAt
    ? Infinity
    : Date.parse(state.waitClockFrom) + settings.waitMinutes * MINUTE_MS;
  return new Date(Math.min(idle, update, timeout));
}

function onTick(state: Handover, now: Date, settings: HandoverSettings): Step {
  if (!isOpen(state)) return unchanged(state);
  const idleSince = Date.parse(state.lastCustomerActivityAt);
  if (now.getTime() >= idleSince + settings.idleMinutes * MINUTE_MS)
    return close(
      state,
      'customer-left',
      now,
      [say(HANDOVER_TEXT.idleClosed)],
      AGENT_TEXT.customerLeft(settings.idleMinutes),
    );
  if (state.phase === 'connected' || state.target !== 'teams') return unchanged(state);
  if (!state.timeoutOfferedAt && now.getTime() >= Date.parse(state.waitClockFrom) + settings.waitMinutes * MINUTE_MS) {
    const next: WaitingPhase = { ...state, timeoutOfferedAt: iso(now), lastQueueUpdateAt: iso(now) };
    const buttons = [HANDOVER_BUTTONS.keepWaiting, HANDOVER_BUTTONS.leaveMessage];
    return { state: next, effects: [say(HANDOVER_TEXT.waitTimeout, buttons)] };
  }
  if (now.getTime() >= Date.parse(state.lastQueueUpdateAt) + settings.queueUpdateMinutes * MINUTE_MS) {
    const next: WaitingPhase = { ...state, lastQueueUpdateAt: iso(now) };
    return {
      state: next,
      effects: [say(HANDOVER_TEXT.queueUpdate(queueText(settings)), [HANDOVER_BUTTONS.cancelWaiting])],
    };
  }
  return unchanged(state);
}

/**
 * Timers follow the state: set when a handover opens, when its next due time comes earlier, and
 * on every tick; stopped when it closes. Why not when the due time moves later (a customer
 * message delays "idle"): the timer already set fires early, finds nothing due, and is set again
 * by that tick, which saves rescheduling on every message.
 */
function timerEffects(before: Handover, after: Handover, event: HandoverEvent, settings: HandoverSettings): Effect[] {
  const due = nextDueAt(after, settings);
  if (!due) return isOpen(before) ? [{ kind: 'stopTimer' }] : [];
  const set = nextDueAt(before, settings);
  const earlier = !set || due.getTime() < set.getTime();
  return earlier || event.kind === 'tick' ? [{ kind: 'startTimer', at: due.toISOString() }] : [];
}

// ---- Contact-centre hubs ----

type HubStatus = 'accepted' | 'failed' | 'completed';

/** The state of a `handoff.status` value, or undefined for anything else (ignored, never rejected). */
function readStatus(value: unknown): HubStatus | undefined {
  const state = typeof value === 'object' && value !== null ? (value as { state?: unknown }).state : undefined;
  return state === 'accepted' || state === 'failed' || state === 'completed' ? state : undefined;
}

function onStatus(state: Handover, status: HubStatus | undefined, now: Date, settings: HandoverSettings): Step {
  if (!status || !isOpen(state) || state.target !== 'event') return unchanged(state);
  if (status === 'accepted' && state.phase === 'waiting') {
    const hub: Agent = { id: 'handoff-hub', name: 'BT Email support' };
    const next: ConnectedPhase = {
      ...openFieldsOf(state),
      phase: 'connected',
      since: iso(now),
      agent: hub,
      toldEdits: false,
    };
    return { state: next, effects: [say(HANDOVER_TEXT.connectedToHub)] };
  }
  if (status === 'failed' && state.phase === 'waiting') return unreachable(state, now, settings);
  if (status !== 'completed') return unchanged(state);
  const rated = state.phase === 'connected';
  const rating = rated ? [say(HANDOVER_TEXT.rateHub, HANDOVER_BUTTONS.ratings)] : [];
  return { state: endedOf(state, 'hub-completed', now, rated), effects: [say(HANDOVER_TEXT.back), ...rating] };
}

// ---- Small parts ----

/** The customer leaves or is gone: the handover ends, the queue and the card follow, the agents are told. */
function close(state: OpenPhase, outcome: EndOutcome, now: Date, toCustomer: Effect[], toAgents: string): Step {
  const next: Handover = outcome === 'customer-cancelled' ? newHandover() : endedOf(state, outcome, now, false);
  return { state: next, effects: [...closingEffects(state, outcome, toAgents), ...toCustomer] };
}

function closingEffects(state: OpenPhase, outcome: EndOutcome, toAgents: string): Effect[] {
  if (state.target !== 'teams') return [];
  const leave: Effect[] = state.phase === 'waiting' ? [{ kind: 'leaveQueue', handoverId: state.handoverId }] : [];
  return [
    ...leave,
    cardUpdate(state.handoverId, { kind: 'closed', outcome }),
    ...(state.agentThread ? [{ kind: 'tellAgent', text: toAgents } as const] : []),
  ];
}

function endedOf(state: OpenPhase, outcome: EndOutcome, now: Date, ratingAsked: boolean): EndedPhase {
  const agent = state.phase === 'connected' ? { agent: state.agent } : {};
  const { handoverId, reason, target } = state;
  return { version: 1, phase: 'ended', since: iso(now), handoverId, reason, target, outcome, ...agent, ratingAsked };
}

/** The name the customer sees: the first name (of "Jane Smith" or "Smith, Jane") unless the full one is configured. */
export function customerFacingName(name: string, mode: HandoverSettings['agentName']): string {
  const full = name.trim().slice(0, 100);
  if (!full) return 'a person';
  if (mode === 'full') return full;
  const comma = full.indexOf(',');
  const given = comma > 0 ? full.slice(comma + 1).trim() : full;
  return given.split(/\s+/)[0] || full;
}

function addressOf(before: Handover, after: Handover): Decision['address'] {
  const open = isOpen(before) ? before : isOpen(after) ? after : undefined;
  const thread = (isOpen(after) ? after.agentThread : undefined) ?? open?.agentThread;
  return { ...(open ? { conversation: open.conversation } : {}), ...(thread ? { thread } : {}) };
}

/** Agents are told of a file the customer sent, where there is a thread to tell them in. */
function fileNote(state: OpenPhase, files: number | undefined): Effect[] {
  return files && state.agentThread ? [{ kind: 'tellAgent', text: AGENT_TEXT.customerFile }] : [];
}

function ticketText(text: string): string {
  return capText(redactSecrets(text).trim(), MAX_TICKET_CHARS);
}

function queueText(settings: HandoverSettings): string {
  return settings.queueText ?? HANDOVER_TEXT.queueUnknown;
}

function say(text: string, buttons: readonly Suggestion[] = []): Effect {
  return { kind: 'say', text, buttons };
}

function tell(state: Handover, text: string): Step {
  return { state, effects: [{ kind: 'tellAgent', text }] };
}

function cardUpdate(handoverId: string, status: CardStatus): Effect {
  return { kind: 'updateAgentCard', handoverId, status };
}

function toBot(effects: Effect[]): Step {
  return { state: newHandover(), effects };
}

function unchanged(state: Handover): Step {
  return { state, effects: [] };
}

/**
 * A click on one of `buttons` again at once (a double click, a retry): nothing more happens. Why only
 * clicks: a request typed in other words is a new message, and a message never goes unanswered.
 */
function isRepeatClick(text: string, since: string, now: Date, buttons: readonly Suggestion[]): boolean {
  return within(since, now, REPEAT_WINDOW_MS) && buttons.some((button) => isButton(text, button));
}

function within(since: string, now: Date, ms: number): boolean {
  return now.getTime() - Date.parse(since) < ms;
}

function iso(date: Date): string {
  return date.toISOString();
}
