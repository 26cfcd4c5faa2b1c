/** Which insights events a handover decision makes (insights/handover.ts), row by row over the phases. */
import type { Decision, Effect } from '../handover/machine';
import { newHandover, type EndOutcome, type Handover } from '../handover/state';
import { handoverSteps } from '../insights/handover';

const AT = '2026-03-02T10:00:00.000Z';
const open = {
  version: 1,
  handoverId: 'h-1',
  requestedAt: AT,
  reason: 'asked',
  target: 'teams',
  customer: { id: 'u' },
  conversation: {},
  lastCustomerActivityAt: AT,
  since: AT,
} as const;
const bot = newHandover();
const offered = { version: 1, phase: 'offered', since: AT, reason: 'asked', awaiting: 'confirm' } as Handover;
const waiting = {
  ...open,
  phase: 'waiting',
  queued: [],
  droppedMessages: 0,
  lastQueueUpdateAt: AT,
  waitClockFrom: AT,
} as Handover;
const connected = { ...open, phase: 'connected', agent: { id: 'a', name: 'Jane' }, toldEdits: false } as Handover;
const ended = (outcome: EndOutcome): Handover => ({
  version: 1,
  phase: 'ended',
  since: AT,
  handoverId: 'h-1',
  reason: 'asked',
  target: 'teams',
  outcome,
  ratingAsked: false,
});
const decision = (state: Handover, effects: Effect[] = []): Decision => ({ state, effects, address: {} });

describe('handoverSteps', () => {
  it.each<[string, Handover, Decision, unknown[]]>([
    ['a person offered', bot, decision(offered), [{ name: 'handover.offered' }]],
    ['the offer asked again (a later step of it)', offered, decision(offered), []],
    ['a person requested from the offer', offered, decision(waiting), [{ name: 'handover.requested' }]],
    ['a person requested at once', bot, decision(waiting), [{ name: 'handover.requested' }]],
    ['still waiting', waiting, decision(waiting), []],
    [
      'accepted after a wait',
      waiting,
      decision(connected, [{ kind: 'recordWait', waitedMs: 42_000 }]),
      [{ name: 'handover.accepted', metrics: { timeToAcceptMs: 42_000 } }],
    ],
    ['the agent ended it', connected, decision(ended('agent-ended')), [{ name: 'handover.ended' }]],
    ['the customer left while connected', connected, decision(ended('customer-left')), [{ name: 'handover.ended' }]],
    ['the hub completed it', waiting, decision(ended('hub-completed')), [{ name: 'handover.ended' }]],
    ['the customer stopped waiting', waiting, decision(bot), [{ name: 'handover.abandoned' }]],
    ['left a message instead of waiting', waiting, decision(ended('left-message')), [{ name: 'handover.abandoned' }]],
    ['no one reachable', waiting, decision(ended('unreachable')), [{ name: 'handover.abandoned' }]],
    [
      'the agent rated',
      ended('agent-ended'),
      decision(bot, [{ kind: 'recordRating', handoverId: 'h-1', rating: 5 }]),
      [{ name: 'agent.rating', metrics: { rating: 5 } }],
    ],
    ['the offer declined', offered, decision(bot), []],
  ])('%s', (_name, before, after, expected) => {
    expect(handoverSteps(before, after)).toEqual(expected);
  });
});
