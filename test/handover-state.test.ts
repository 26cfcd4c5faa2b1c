/** The handover record read back: a known shape continues; another version or a broken shape is dropped, never trusted. */
import { isBotSilent, isHandover, MAX_QUEUED, readHandover, type Handover } from '../handover/state';
import { bot, connected, ended, offered, waiting } from './helpers/handover-fixtures';

const VALID: [string, Handover][] = [
  ['bot', bot(1, 1)],
  ['offered', offered('contact', 'fix-failed', { message: 'Mail stopped' })],
  [
    'waiting',
    waiting({
      queued: [{ at: '2025-03-03T10:01:00.000Z', text: 'hello' }],
      timeoutOfferedAt: '2025-03-03T10:10:00.000Z',
    }),
  ],
  ['waiting before the thread is posted', waiting({ agentThread: undefined })],
  ['connected', connected()],
  ['ended', ended()],
  ['ended without an agent', ended({ agent: undefined, outcome: 'customer-left', ratingAsked: false })],
];

/** A valid record with one thing changed. */
function broken(state: Handover, change: Record<string, unknown>): unknown {
  return { ...JSON.parse(JSON.stringify(state)), ...change };
}

const INVALID: [string, unknown][] = [
  ['nothing', undefined],
  ['null', null],
  ['an array', [bot()]],
  ['text', 'bot'],
  ['a newer version', broken(bot(), { version: 2 })],
  ['no version', broken(bot(), { version: undefined })],
  ['an unknown phase', broken(bot(), { phase: 'agent' })],
  ['a prototype name as phase', broken(bot(), { phase: 'toString' })],
  ['__proto__ as phase', broken(bot(), { phase: '__proto__' })],
  ['a negative count', broken(bot(), { notUnderstood: -1 })],
  ['a count that is text', broken(bot(), { fixFailed: '1' })],
  ['an unknown reason', broken(offered('confirm'), { reason: 'bored' })],
  ['an unknown offer step', broken(offered('confirm'), { awaiting: 'maybe' })],
  ['a ticket message too long', broken(offered('contact'), { message: 'x'.repeat(5000) })],
  ['a time that is not one', broken(waiting(), { since: 'yesterday' })],
  ['the contact target while open', broken(waiting(), { target: 'contact' })],
  ['no conversation reference', broken(waiting(), { conversation: undefined })],
  ['a conversation reference that is text', broken(waiting(), { conversation: 'conv-1' })],
  ['a huge conversation reference', broken(waiting(), { conversation: { pad: 'x'.repeat(9000) } })],
  ['no customer', broken(waiting(), { customer: undefined })],
  [
    'too many queued messages',
    broken(waiting(), {
      queued: Array.from({ length: MAX_QUEUED + 1 }, () => ({ at: '2025-03-03T10:01:00.000Z', text: 'x' })),
    }),
  ],
  [
    'a queued message too long',
    broken(waiting(), { queued: [{ at: '2025-03-03T10:01:00.000Z', text: 'x'.repeat(1001) }] }),
  ],
  ['a queued message without a time', broken(waiting(), { queued: [{ text: 'x' }] })],
  ['connected without an agent', broken(connected(), { agent: undefined })],
  ['an agent without a name', broken(connected(), { agent: { id: 'a' } })],
  ['connected without toldEdits', broken(connected(), { toldEdits: undefined })],
  ['an unknown outcome', broken(ended(), { outcome: 'vanished' })],
  ['a handover id too long', broken(ended(), { handoverId: 'h'.repeat(2000) })],
];

describe('isHandover', () => {
  it.each(VALID)('continues %s, also after a JSON round trip', (_name, state) => {
    expect(isHandover(state)).toBe(true);
    expect(isHandover(JSON.parse(JSON.stringify(state)))).toBe(true);
  });

  it.each(INVALID)('drops %s', (_name, value) => {
    expect(isHandover(value)).toBe(false);
  });
});

describe('readHandover', () => {
  it('gives a fresh bot state for a record it cannot continue', () => {
    expect(readHandover(broken(waiting(), { version: 7 }))).toEqual(bot());
    expect(readHandover(undefined)).toEqual(bot());
  });

  it('gives the record itself when it is valid', () => {
    const state = connected();
    expect(readHandover(state)).toBe(state);
  });
});

describe('isBotSilent', () => {
  it.each<[Handover, boolean]>([
    [bot(), false],
    [offered('confirm'), false],
    [waiting(), true],
    [connected(), true],
    [ended(), false],
  ])('%#: %s', (state, silent) => {
    expect([state.phase, isBotSilent(state)]).toEqual([state.phase, silent]);
  });
});
