/** Named handover states, events and settings the handover tests share, and a readable summary of effects. */
import type { HandoffContext } from '../../handover/context';
import { detectIntent, questionAfterLeadIn } from '../../knowledge/intents';
import { decide } from '../../handover/machine';
import type { AgentAction, CustomerMessage, Effect, HandoverEvent, HandoverSettings } from '../../handover/machine';
import type {
  Agent,
  BotPhase,
  ConnectedPhase,
  EndedPhase,
  HandoverReason,
  OfferedPhase,
  OfferStep,
  WaitingPhase,
} from '../../handover/state';

/** The moment a fixture's handover was requested. */
export const T0 = new Date('2025-03-03T10:00:00.000Z');

/** T0 plus minutes (fractions allowed). */
export function at(minutes: number): Date {
  return new Date(T0.getTime() + minutes * 60_000);
}

export const SETTINGS: HandoverSettings = {
  target: 'teams',
  waitMinutes: 10,
  idleMinutes: 15,
  queueUpdateMinutes: 3,
  agentName: 'first',
  supportContact: 'Call BT on 0800 800 150.',
  open: true,
  nextOpening: 'A person is next available on Monday at 08:00.',
  queueText: "You're number 2 in the queue.",
};

export const CLOSED: HandoverSettings = { ...SETTINGS, open: false };
export const CONTACT: HandoverSettings = { ...SETTINGS, target: 'contact' };
export const EVENT: HandoverSettings = { ...SETTINGS, target: 'event' };

export const JANE: Agent = { id: 'aad-jane', name: 'Jane Smith' };
export const BOB: Agent = { id: 'aad-bob', name: 'Bob Jones' };
export const CONVERSATION = { channelId: 'directline', conversation: { id: 'conv-1' }, serviceUrl: 'https://x' };
export const THREAD = { conversation: { id: '19:abc@thread.tacv2;messageid=1700000000000' } };
/** A small handoff context, as the agents' card shows it. */
export const CARD_CONTEXT: HandoffContext = {
  topic: 'SMTP settings',
  errorCodes: [],
  suggested: [],
  lastCustomerMessages: ['my email will not send'],
  summary: 'The customer asked for a person.',
  reason: 'asked',
  channel: 'directline',
  conversationId: 'conv-1',
};
export const HANDOVER_ID = `h${T0.getTime().toString(36)}`;

export function bot(notUnderstood = 0, fixFailed = 0): BotPhase {
  return { version: 1, phase: 'bot', notUnderstood, fixFailed };
}

export function offered(awaiting: OfferStep, reason: HandoverReason = 'asked', extra: Partial<OfferedPhase> = {}) {
  return { version: 1, phase: 'offered', since: T0.toISOString(), reason, awaiting, ...extra } satisfies OfferedPhase;
}

export function waiting(extra: Partial<WaitingPhase> = {}): WaitingPhase {
  const t = T0.toISOString();
  return {
    version: 1,
    phase: 'waiting',
    handoverId: HANDOVER_ID,
    requestedAt: t,
    since: t,
    reason: 'asked',
    target: 'teams',
    customer: { id: 'user-1', name: 'Pat' },
    conversation: CONVERSATION,
    agentThread: THREAD,
    lastCustomerActivityAt: t,
    queued: [],
    droppedMessages: 0,
    lastQueueUpdateAt: t,
    waitClockFrom: t,
    ...extra,
  };
}

export function connected(extra: Partial<ConnectedPhase> = {}): ConnectedPhase {
  const t = T0.toISOString();
  return {
    version: 1,
    phase: 'connected',
    handoverId: HANDOVER_ID,
    requestedAt: t,
    since: at(4).toISOString(),
    reason: 'asked',
    target: 'teams',
    customer: { id: 'user-1', name: 'Pat' },
    conversation: CONVERSATION,
    agentThread: THREAD,
    lastCustomerActivityAt: t,
    agent: JANE,
    toldEdits: false,
    ...extra,
  };
}

export function ended(extra: Partial<EndedPhase> = {}): EndedPhase {
  return {
    version: 1,
    phase: 'ended',
    since: at(20).toISOString(),
    handoverId: HANDOVER_ID,
    reason: 'asked',
    target: 'teams',
    outcome: 'agent-ended',
    agent: JANE,
    ratingAsked: true,
    ...extra,
  };
}

/** A customer's message, with the intent the main dialog would find in it. */
export function customer(text: string, files?: number): CustomerMessage {
  const message: CustomerMessage = {
    kind: 'customer',
    text,
    intent: detectIntent(text),
    customer: { id: 'user-1', name: 'Pat' },
    conversation: CONVERSATION,
  };
  return files ? { ...message, files } : message;
}

export function agent(action: AgentAction, who: Agent = JANE, handoverId = HANDOVER_ID): HandoverEvent {
  return { kind: 'agent', handoverId, agent: who, action };
}

export function agentSays(text: string, who: Agent = JANE, files?: number): HandoverEvent {
  return agent(files ? { type: 'message', text, files } : { type: 'message', text }, who);
}

/** Effects as short readable lines, so a table row can list them exactly. */
export function summary(effects: readonly Effect[]): string[] {
  return effects.map((e) => {
    switch (e.kind) {
      case 'say':
        return `say: ${e.text}${e.buttons.length ? ` [${e.buttons.map((b) => b.title).join(' | ')}]` : ''}`;
      case 'tellAgent':
        return `tell: ${e.text}`;
      case 'relayToAgent':
        return `relayToAgent: ${e.text}`;
      case 'relayToCustomer':
        return `relayToCustomer: ${e.from}: ${e.text}`;
      case 'noteInThread':
        return `note: ${e.agent.name}: ${e.text}`;
      case 'updateAgentCard': {
        const s = e.status;
        return `card: ${s.kind}${s.kind === 'accepted' ? ` by ${s.by}` : ''}${s.kind === 'closed' ? ` ${s.outcome}${s.by ? ` by ${s.by}` : ''}` : ''}`;
      }
      case 'startTimer':
        return `timer: +${(Date.parse(e.at) - T0.getTime()) / 60_000}`;
      case 'recordWait':
        return `recordWait: ${e.waitedMs}`;
      case 'recordRating':
        return `recordRating: ${e.rating}${e.agent ? ` for ${e.agent.name}` : ''}`;
      case 'joinQueue':
        return `joinQueue: +${(Date.parse(e.since) - T0.getTime()) / 60_000}`;
      default:
        return e.kind;
    }
  });
}

/**
 * Declining the offer of a person with a question in the same message ("nah leave it, whats the pop server"):
 * whichever offer was made (connect now, or leave a message), the bot answers and no handover starts.
 */
export function expectDeclineAnswered(text: string): void {
  for (const awaiting of ['confirm', 'leave-message'] as const) {
    const decision = decide(offered(awaiting), customer(text), at(1), SETTINGS);
    expect(decision.state.phase).toBe('bot');
    expect(decision.effects.map((e) => e.kind)).toEqual(['say', 'botAnswers']);
  }
  expect(questionAfterLeadIn(text)?.question).toBe(true);
}
