/**
 * The handover machine, row by row: state × event → next phase + the effects, exactly and in
 * order. Fixtures (test/helpers/handover-fixtures.ts): a request at T0, settings with a 10-minute
 * wait, 15-minute idle and 3-minute queue updates; Jane Smith accepts.
 */
import {
  customerFacingName,
  customerMessage,
  decide,
  nextDueAt,
  type HandoverEvent,
  type HandoverSettings,
} from '../handover/machine';
import { AGENT_TEXT, HANDOVER_TEXT } from '../handover/messages';
import type { Handover } from '../handover/state';
import {
  agent,
  agentSays,
  at,
  bot,
  BOB,
  CLOSED,
  connected,
  CONTACT,
  CONVERSATION,
  customer,
  ended,
  EVENT,
  HANDOVER_ID,
  JANE,
  offered,
  SETTINGS,
  summary,
  T0,
  THREAD,
  waiting,
} from './helpers/handover-fixtures';

const OFFER = (reason: Parameters<typeof HANDOVER_TEXT.offer>[0]) =>
  `say: ${HANDOVER_TEXT.offer(reason)} [Connect me | Keep trying here]`;
const OFFER_MESSAGE = ' [Leave a message | No thanks]';
const WAITING = `say: ${HANDOVER_TEXT.waiting(SETTINGS.queueText!)} [Stop waiting]`;
const RATINGS = ' [5 – very good | 4 – good | 3 – OK | 2 – poor | 1 – very poor]';

type Row = [string, Handover, HandoverEvent, Date, HandoverSettings, Handover['phase'], string[]];

function check(state: Handover, event: HandoverEvent, now: Date, settings: HandoverSettings) {
  return decide(state, event, now, settings);
}

describe('the customer asks for a person', () => {
  it.each<Row>([
    [
      'any phrasing → confirm first',
      bot(),
      customer('can I speak to a real person'),
      T0,
      SETTINGS,
      'offered',
      [OFFER('asked')],
    ],
    ['a question → the bot answers', bot(), customer('what is the smtp port'), T0, SETTINGS, 'bot', ['botAnswers']],
    [
      'a hacked account → offered at once',
      bot(),
      customer('I think my account has been hacked'),
      T0,
      SETTINGS,
      'offered',
      [OFFER('compromised-account')],
    ],
    [
      'someone sending from my account → offered at once',
      bot(),
      customer('someone is sending spam from my email'),
      T0,
      SETTINGS,
      'offered',
      [OFFER('compromised-account')],
    ],
    [
      'contact target → the contact and a message',
      bot(),
      customer('talk to a person'),
      T0,
      CONTACT,
      'offered',
      [`say: ${HANDOVER_TEXT.offerContact('asked', CONTACT.supportContact)}${OFFER_MESSAGE}`],
    ],
    [
      'out of hours → when next open, and a message',
      bot(),
      customer('talk to a person'),
      T0,
      CLOSED,
      'offered',
      [`say: ${HANDOVER_TEXT.offerWhenClosed('asked', CLOSED.nextOpening!)}${OFFER_MESSAGE}`],
    ],
    [
      'Connect me → waiting, card posted, in the queue, timer at the first queue update',
      offered('confirm'),
      customer('Connect me'),
      at(1),
      SETTINGS,
      'waiting',
      [WAITING, 'postAgentCard', 'joinQueue: +1', 'timer: +4'],
    ],
    [
      'a typed yes → waiting',
      offered('confirm'),
      customer('yes please'),
      at(1),
      SETTINGS,
      'waiting',
      [WAITING, 'postAgentCard', 'joinQueue: +1', 'timer: +4'],
    ],
    [
      'asked again a minute later → yes',
      offered('confirm'),
      customer('I want a human'),
      at(1),
      SETTINGS,
      'waiting',
      [WAITING, 'postAgentCard', 'joinQueue: +1', 'timer: +4'],
    ],
    [
      'a person asked for at once in other words → yes, never silence',
      offered('confirm'),
      customer('I want a human'),
      at(0.03),
      SETTINGS,
      'waiting',
      [WAITING, 'postAgentCard', 'joinQueue: +0.03', 'timer: +3.03'],
    ],
    [
      'asked again at once (double click) → nothing',
      offered('confirm'),
      customer('Talk to a person'),
      at(0.03),
      SETTINGS,
      'offered',
      [],
    ],
    [
      'Keep trying here → the bot',
      offered('confirm'),
      customer('Keep trying here'),
      at(1),
      SETTINGS,
      'bot',
      [`say: ${HANDOVER_TEXT.keptTrying}`],
    ],
    [
      'a typed no → the bot',
      offered('confirm'),
      customer('no'),
      at(1),
      SETTINGS,
      'bot',
      [`say: ${HANDOVER_TEXT.keptTrying}`],
    ],
    [
      'cancel → the bot',
      offered('confirm'),
      customer('cancel'),
      at(1),
      SETTINGS,
      'bot',
      [`say: ${HANDOVER_TEXT.keptTrying}`],
    ],
    [
      'another question → the offer lapses, the bot answers',
      offered('confirm'),
      customer('what is the imap server'),
      at(1),
      SETTINGS,
      'bot',
      ['botAnswers'],
    ],
    [
      'event target → the handoff event, no card, no queue; timer at idle',
      offered('confirm'),
      customer('Connect me'),
      at(1),
      EVENT,
      'waiting',
      [`say: ${HANDOVER_TEXT.waitingForHub} [Stop waiting]`, 'sendHandoffInitiate', 'timer: +16'],
    ],
    [
      'closed by the time they confirm → a message offered',
      offered('confirm'),
      customer('Connect me'),
      at(1),
      CLOSED,
      'offered',
      [`say: ${HANDOVER_TEXT.offerWhenClosed('asked', CLOSED.nextOpening!)}${OFFER_MESSAGE}`],
    ],
    [
      "an old offer's Connect me → waiting",
      bot(),
      customer('Connect me'),
      at(1),
      SETTINGS,
      'waiting',
      [WAITING, 'postAgentCard', 'joinQueue: +1', 'timer: +4'],
    ],
  ])('%s', (_name, state, event, now, settings, phase, effects) => {
    const decision = check(state, event, now, settings);
    expect(summary(decision.effects)).toEqual(effects);
    expect(decision.state.phase).toBe(phase);
  });

  it('a question with no handover keeps the same state object, so nothing is written', () => {
    const state = bot();
    expect(decide(state, customer('what is the smtp port'), T0, SETTINGS).state).toBe(state);
  });

  it('waiting holds the conversation reference, the customer and the reason', () => {
    const { state } = decide(offered('confirm', 'fix-failed'), customer('Connect me'), at(1), SETTINGS);
    expect(state).toMatchObject({
      phase: 'waiting',
      reason: 'fix-failed',
      target: 'teams',
      conversation: CONVERSATION,
      customer: { id: 'user-1', name: 'Pat' },
      requestedAt: at(1).toISOString(),
      queued: [],
    });
  });
});

describe('while waiting', () => {
  const LEFT = ['leaveQueue', 'card: closed customer-cancelled', `tell: ${AGENT_TEXT.customerCancelled}`];
  it.each<Row>([
    [
      'Connect me again at once (double click) → nothing',
      waiting(),
      customer('Connect me'),
      at(0.03),
      SETTINGS,
      'waiting',
      [],
    ],
    [
      'asked again at once in other words → already waiting, never silence',
      waiting(),
      customer('is someone coming? I need a person'),
      at(0.03),
      SETTINGS,
      'waiting',
      [`say: ${HANDOVER_TEXT.alreadyWaiting(SETTINGS.queueText!)} [Stop waiting]`],
    ],
    [
      'asked again later → already waiting, no second handover',
      waiting(),
      customer('talk to a person please'),
      at(1),
      SETTINGS,
      'waiting',
      [`say: ${HANDOVER_TEXT.alreadyWaiting(SETTINGS.queueText!)} [Stop waiting]`],
    ],
    [
      'Stop waiting → the bot',
      waiting(),
      customer('Stop waiting'),
      at(1),
      SETTINGS,
      'bot',
      [...LEFT, `say: ${HANDOVER_TEXT.leftQueue}`, 'stopTimer'],
    ],
    [
      'cancel typed → the bot',
      waiting(),
      customer('cancel'),
      at(1),
      SETTINGS,
      'bot',
      [...LEFT, `say: ${HANDOVER_TEXT.leftQueue}`, 'stopTimer'],
    ],
    [
      'cancel before the thread exists → nobody to tell',
      waiting({ agentThread: undefined }),
      customer('cancel'),
      at(1),
      SETTINGS,
      'bot',
      ['leaveQueue', 'card: closed customer-cancelled', `say: ${HANDOVER_TEXT.leftQueue}`, 'stopTimer'],
    ],
    [
      'a message → relayed to the thread, not answered',
      waiting(),
      customer('it still says 530'),
      at(1),
      SETTINGS,
      'waiting',
      ['relayToAgent: it still says 530'],
    ],
    [
      'a message before the thread exists → only kept',
      waiting({ agentThread: undefined }),
      customer('it still says 530'),
      at(1),
      SETTINGS,
      'waiting',
      [],
    ],
    [
      'a file → the agent is told it is not relayed',
      waiting(),
      customer('see screenshot', 1),
      at(1),
      SETTINGS,
      'waiting',
      ['relayToAgent: see screenshot', `tell: ${AGENT_TEXT.customerFile}`],
    ],
    [
      'a file before the thread exists → nobody to tell',
      waiting({ agentThread: undefined }),
      customer('', 1),
      at(1),
      SETTINGS,
      'waiting',
      [],
    ],
    [
      'a password typed → redacted before it is relayed',
      waiting(),
      customer('my password is Hunter2!x'),
      at(1),
      SETTINGS,
      'waiting',
      ['relayToAgent: my password is [redacted]'],
    ],
    [
      'a question for the bot → still relayed, never answered',
      waiting(),
      customer('what is the smtp port'),
      at(1),
      SETTINGS,
      'waiting',
      ['relayToAgent: what is the smtp port'],
    ],
  ])('%s', (_name, state, event, now, settings, phase, effects) => {
    const decision = check(state, event, now, settings);
    expect(summary(decision.effects)).toEqual(effects);
    expect(decision.state.phase).toBe(phase);
  });

  it('keeps messages redacted, the newest MAX_QUEUED, counting those dropped', () => {
    const full = waiting({ queued: Array.from({ length: 10 }, (_, i) => ({ at: T0.toISOString(), text: `m${i}` })) });
    const { state } = decide(full, customer('pw: Secret123!'), at(1), SETTINGS);
    expect(state).toMatchObject({ phase: 'waiting', droppedMessages: 1, lastCustomerActivityAt: at(1).toISOString() });
    const queued = (state as { queued: { text: string }[] }).queued.map((m) => m.text);
    expect(queued).toHaveLength(10);
    expect(queued[0]).toBe('m1');
    expect(queued.at(-1)).toBe('pw: [redacted]');
  });

  it('cuts a long message in the queue, with a marker', () => {
    const { state } = decide(waiting(), customer('x '.repeat(3000)), at(1), SETTINGS);
    const text = (state as { queued: { text: string }[] }).queued[0]!.text;
    expect(text.length).toBeLessThanOrEqual(1000);
    expect(text).toMatch(/\[cut: [\d,]+ more characters\]$/);
  });
});

describe('connected: the bot is silent, everything goes to the agent', () => {
  it.each<Row>([
    [
      'asks for a person → relayed',
      connected(),
      customer('talk to a person'),
      at(5),
      SETTINGS,
      'connected',
      ['relayToAgent: talk to a person'],
    ],
    [
      'a settings question → relayed, not answered',
      connected(),
      customer('what is the smtp port'),
      at(5),
      SETTINGS,
      'connected',
      ['relayToAgent: what is the smtp port'],
    ],
    ['cancel → relayed', connected(), customer('cancel'), at(5), SETTINGS, 'connected', ['relayToAgent: cancel']],
    [
      'Stop waiting (an old button) → relayed',
      connected(),
      customer('Stop waiting'),
      at(5),
      SETTINGS,
      'connected',
      ['relayToAgent: Stop waiting'],
    ],
    [
      'a file alone → the agent is told',
      connected(),
      customer('', 1),
      at(5),
      SETTINGS,
      'connected',
      [`tell: ${AGENT_TEXT.customerFile}`],
    ],
    [
      'hacked → relayed',
      connected(),
      customer('my account was hacked'),
      at(5),
      SETTINGS,
      'connected',
      ['relayToAgent: my account was hacked'],
    ],
  ])('%s', (_name, state, event, now, settings, phase, effects) => {
    const decision = check(state, event, now, settings);
    expect(summary(decision.effects)).toEqual(effects);
    expect(decision.state.phase).toBe(phase);
  });

  it('each customer message moves the idle clock; the timer already set fires, finds nothing due, and is set again', () => {
    const { state, effects } = decide(connected(), customer('hello?'), at(5), SETTINGS);
    expect(state).toMatchObject({ lastCustomerActivityAt: at(5).toISOString() });
    expect(summary(effects)).toEqual(['relayToAgent: hello?']);
    expect(summary(decide(state, { kind: 'tick' }, at(15), SETTINGS).effects)).toEqual(['timer: +20']);
  });
});

describe('agents in the support channel', () => {
  const ENDED = [
    'card: closed agent-ended by Jane Smith',
    `tell: ${AGENT_TEXT.ended('Jane Smith')}`,
    `say: ${HANDOVER_TEXT.back}`,
    `say: ${HANDOVER_TEXT.rateAgent('Jane')}${RATINGS}`,
    'stopTimer',
  ];
  it.each<Row>([
    [
      'accept from waiting → connected, first name to the customer',
      waiting(),
      agent({ type: 'accept' }),
      at(4),
      SETTINGS,
      'connected',
      ['leaveQueue', 'recordWait: 240000', 'card: accepted by Jane Smith', `say: ${HANDOVER_TEXT.connected('Jane')}`],
    ],
    [
      'accept with the full name configured',
      waiting(),
      agent({ type: 'accept' }),
      at(4),
      { ...SETTINGS, agentName: 'full' },
      'connected',
      [
        'leaveQueue',
        'recordWait: 240000',
        'card: accepted by Jane Smith',
        `say: ${HANDOVER_TEXT.connected('Jane Smith')}`,
      ],
    ],
    [
      'a second agent accepts → already accepted by NAME',
      connected(),
      agent({ type: 'accept' }, BOB),
      at(4),
      SETTINGS,
      'connected',
      [`tell: ${AGENT_TEXT.alreadyAccepted('Jane Smith')}`, 'card: accepted by Jane Smith'],
    ],
    [
      'the same agent clicks twice → the card only',
      connected(),
      agent({ type: 'accept' }),
      at(4),
      SETTINGS,
      'connected',
      ['card: accepted by Jane Smith'],
    ],
    [
      'accept after the customer left the queue → not waiting',
      bot(),
      agent({ type: 'accept' }),
      at(4),
      SETTINGS,
      'bot',
      [`tell: ${AGENT_TEXT.notWaiting}`],
    ],
    [
      "accept on an old card (another handover's id) → not waiting",
      waiting(),
      agent({ type: 'accept' }, JANE, 'h-old'),
      at(4),
      SETTINGS,
      'waiting',
      [`tell: ${AGENT_TEXT.notWaiting}`],
    ],
    [
      'accept after the end → not waiting, the card shows the end',
      ended(),
      agent({ type: 'accept' }, BOB),
      at(30),
      SETTINGS,
      'ended',
      [`tell: ${AGENT_TEXT.notWaiting}`, 'card: closed agent-ended by Jane Smith'],
    ],
    [
      'accept of a hub handover → not waiting',
      waiting({ target: 'event', agentThread: undefined }),
      agent({ type: 'accept' }),
      at(4),
      EVENT,
      'waiting',
      [`tell: ${AGENT_TEXT.notWaiting}`],
    ],
    [
      'a message → relayed to the customer',
      connected(),
      agentSays('Hello Pat, let me look'),
      at(5),
      SETTINGS,
      'connected',
      ['relayToCustomer: Jane: Hello Pat, let me look'],
    ],
    [
      'a password in the message → redacted',
      connected(),
      agentSays('try password: Welcome1! for now'),
      at(5),
      SETTINGS,
      'connected',
      ['relayToCustomer: Jane: try password: [redacted] for now'],
    ],
    [
      'a file → not relayed, the agent is told',
      connected(),
      agentSays('here is the guide', JANE, 1),
      at(5),
      SETTINGS,
      'connected',
      ['relayToCustomer: Jane: here is the guide', `tell: ${AGENT_TEXT.filesNotRelayed}`],
    ],
    [
      'a file alone → the agent is told',
      connected(),
      agentSays('', JANE, 1),
      at(5),
      SETTINGS,
      'connected',
      [`tell: ${AGENT_TEXT.filesNotRelayed}`],
    ],
    [
      "another agent's message → not relayed",
      connected(),
      agentSays('I can take it', BOB),
      at(5),
      SETTINGS,
      'connected',
      [`tell: ${AGENT_TEXT.notYours('Jane Smith')}`],
    ],
    [
      'a message before accepting → not relayed',
      waiting(),
      agentSays('hello?'),
      at(5),
      SETTINGS,
      'waiting',
      [`tell: ${AGENT_TEXT.acceptFirst}`],
    ],
    [
      'a message after the end → not relayed',
      ended(),
      agentSays('one more thing'),
      at(30),
      SETTINGS,
      'ended',
      [`tell: ${AGENT_TEXT.notWaiting}`],
    ],
    [
      '/note → kept in the thread, never sent',
      connected(),
      agentSays('/note customer on iPhone 12'),
      at(5),
      SETTINGS,
      'connected',
      ['note: Jane Smith: customer on iPhone 12'],
    ],
    [
      '/note in Teams markup → a note',
      connected(),
      agentSays('<p>/note check the 530</p>'),
      at(5),
      SETTINGS,
      'connected',
      ['note: Jane Smith: check the 530'],
    ],
    [
      '/note by another agent → a note',
      connected(),
      agentSays('/NOTE seen this before', BOB),
      at(5),
      SETTINGS,
      'connected',
      ['note: Bob Jones: seen this before'],
    ],
    [
      '/note while waiting → a note',
      waiting(),
      agentSays('/note looks like a 530'),
      at(2),
      SETTINGS,
      'waiting',
      ['note: Jane Smith: looks like a 530'],
    ],
    [
      '/note after the end → a note',
      ended(),
      agentSays('/note sorted'),
      at(30),
      SETTINGS,
      'ended',
      ['note: Jane Smith: sorted'],
    ],
    [
      '/note with a password → redacted',
      connected(),
      agentSays('/note pw: Abc123!x'),
      at(5),
      SETTINGS,
      'connected',
      ['note: Jane Smith: pw: [redacted]'],
    ],
    [
      '/notes is a message',
      connected(),
      agentSays('/notes are handy'),
      at(5),
      SETTINGS,
      'connected',
      ['relayToCustomer: Jane: /notes are handy'],
    ],
    ['/end → back to the bot, rating asked', connected(), agentSays('/end'), at(20), SETTINGS, 'ended', ENDED],
    ['the End button → the same', connected(), agent({ type: 'end' }), at(20), SETTINGS, 'ended', ENDED],
    [
      '/end by another agent → refused',
      connected(),
      agentSays('/end', BOB),
      at(20),
      SETTINGS,
      'connected',
      [`tell: ${AGENT_TEXT.notYours('Jane Smith')}`],
    ],
    [
      '/end before accepting → refused',
      waiting(),
      agentSays('/end'),
      at(2),
      SETTINGS,
      'waiting',
      [`tell: ${AGENT_TEXT.acceptFirst}`],
    ],
    [
      '/release → back in the queue at its first place',
      connected(),
      agentSays('/release'),
      at(8),
      SETTINGS,
      'waiting',
      [
        'joinQueue: +0',
        'card: waiting',
        `tell: ${AGENT_TEXT.released('Jane Smith')}`,
        `say: ${HANDOVER_TEXT.released} [Stop waiting]`,
        'timer: +11',
      ],
    ],
    [
      '/release by another agent → refused',
      connected(),
      agent({ type: 'release' }, BOB),
      at(8),
      SETTINGS,
      'connected',
      [`tell: ${AGENT_TEXT.notYours('Jane Smith')}`],
    ],
    [
      'an edit → told once',
      connected(),
      agent({ type: 'edit' }),
      at(6),
      SETTINGS,
      'connected',
      [`tell: ${AGENT_TEXT.editsNotMirrored}`],
    ],
    [
      'an edit again → nothing',
      connected({ toldEdits: true }),
      agent({ type: 'edit' }),
      at(6),
      SETTINGS,
      'connected',
      [],
    ],
  ])('%s', (_name, state, event, now, settings, phase, effects) => {
    const decision = check(state, event, now, settings);
    expect(summary(decision.effects)).toEqual(effects);
    expect(decision.state.phase).toBe(phase);
  });

  it('an agent reaches the customer through the stored conversation reference', () => {
    const decision = decide(connected(), agentSays('hi'), at(5), SETTINGS);
    expect(decision.address).toEqual({ conversation: CONVERSATION, thread: THREAD });
  });

  it('a released handover can be accepted by another agent', () => {
    const released = decide(connected(), agentSays('/release'), at(8), SETTINGS).state;
    const taken = decide(released, agent({ type: 'accept' }, BOB), at(9), SETTINGS);
    expect(taken.state).toMatchObject({ phase: 'connected', agent: BOB, handoverId: HANDOVER_ID });
    expect(summary(taken.effects)).toContain('recordWait: 540000');
  });

  it('the thread is stored once posted; a thread for another handover is ignored', () => {
    const none = waiting({ agentThread: undefined });
    const posted = decide(none, { kind: 'agent-thread', handoverId: HANDOVER_ID, thread: THREAD }, at(0), SETTINGS);
    expect(posted.state).toMatchObject({ agentThread: THREAD });
    expect(posted.effects).toEqual([]);
    const other = decide(none, { kind: 'agent-thread', handoverId: 'h-other', thread: THREAD }, at(0), SETTINGS);
    expect(other.state).toBe(none);
  });

  it('a card that could not be posted → out of the queue, the contact and a message offered', () => {
    const failed = decide(
      waiting({ agentThread: undefined }),
      { kind: 'agent-thread-failed', handoverId: HANDOVER_ID },
      at(0),
      SETTINGS,
    );
    expect(failed.state).toMatchObject({ phase: 'offered', awaiting: 'leave-message' });
    expect(summary(failed.effects)).toEqual([
      'leaveQueue',
      `say: ${HANDOVER_TEXT.unreachable(SETTINGS.supportContact)}${OFFER_MESSAGE}`,
      'stopTimer',
    ]);
  });
});

describe('after the agent ends: the rating', () => {
  it.each<Row>([
    [
      'a rating button',
      ended(),
      customer('4'),
      at(21),
      SETTINGS,
      'bot',
      ['recordRating: 4 for Jane Smith', `say: ${HANDOVER_TEXT.ratingThanks}`],
    ],
    [
      'a rating typed',
      ended(),
      customer('5 stars'),
      at(21),
      SETTINGS,
      'bot',
      ['recordRating: 5 for Jane Smith', `say: ${HANDOVER_TEXT.ratingThanks}`],
    ],
    [
      'a question instead → the bot answers',
      ended(),
      customer('what is the smtp port'),
      at(21),
      SETTINGS,
      'bot',
      ['botAnswers'],
    ],
    [
      'a person again → a new offer',
      ended(),
      customer('talk to a person'),
      at(21),
      SETTINGS,
      'offered',
      [OFFER('asked')],
    ],
    [
      'no rating asked → a digit is for the bot',
      ended({ ratingAsked: false }),
      customer('4'),
      at(21),
      SETTINGS,
      'bot',
      ['botAnswers'],
    ],
  ])('%s', (_name, state, event, now, settings, phase, effects) => {
    const decision = check(state, event, now, settings);
    expect(summary(decision.effects)).toEqual(effects);
    expect(decision.state.phase).toBe(phase);
  });
});

describe('timers', () => {
  const LEFT_WAITING = [
    'leaveQueue',
    'card: closed customer-left',
    `tell: ${AGENT_TEXT.customerLeft(15)}`,
    `say: ${HANDOVER_TEXT.idleClosed}`,
    'stopTimer',
  ];
  it.each<Row>([
    ['nothing due yet → the timer again', waiting(), { kind: 'tick' }, at(1), SETTINGS, 'waiting', ['timer: +3']],
    [
      'a queue update due → the place in the queue',
      waiting(),
      { kind: 'tick' },
      at(3),
      SETTINGS,
      'waiting',
      [`say: ${HANDOVER_TEXT.queueUpdate(SETTINGS.queueText!)} [Stop waiting]`, 'timer: +6'],
    ],
    [
      'no queue sentence given → a plain one',
      waiting(),
      { kind: 'tick' },
      at(3),
      { ...SETTINGS, queueText: undefined },
      'waiting',
      [`say: ${HANDOVER_TEXT.queueUpdate(HANDOVER_TEXT.queueUnknown)} [Stop waiting]`, 'timer: +6'],
    ],
    [
      'HANDOFF_WAIT_MINUTES unanswered → keep waiting or leave a message',
      waiting({ lastQueueUpdateAt: at(9).toISOString(), lastCustomerActivityAt: at(9).toISOString() }),
      { kind: 'tick' },
      at(10),
      SETTINGS,
      'waiting',
      [`say: ${HANDOVER_TEXT.waitTimeout} [Keep waiting | Leave a message]`, 'timer: +13'],
    ],
    [
      'the customer idle past the timeout → left; the agents are told',
      waiting({ lastQueueUpdateAt: at(14).toISOString(), timeoutOfferedAt: at(10).toISOString() }),
      { kind: 'tick' },
      at(15),
      SETTINGS,
      'ended',
      LEFT_WAITING,
    ],
    [
      'connected and idle → left',
      connected(),
      { kind: 'tick' },
      at(15),
      SETTINGS,
      'ended',
      [
        'card: closed customer-left',
        `tell: ${AGENT_TEXT.customerLeft(15)}`,
        `say: ${HANDOVER_TEXT.idleClosed}`,
        'stopTimer',
      ],
    ],
    [
      'connected, not idle → the timer again',
      connected(),
      { kind: 'tick' },
      at(10),
      SETTINGS,
      'connected',
      ['timer: +15'],
    ],
    [
      'event target → no queue updates, only idle',
      waiting({ target: 'event', agentThread: undefined }),
      { kind: 'tick' },
      at(3),
      EVENT,
      'waiting',
      ['timer: +15'],
    ],
    ['no handover → nothing', bot(), { kind: 'tick' }, at(3), SETTINGS, 'bot', []],
    [
      'Keep waiting → the wait clock starts again',
      waiting({ timeoutOfferedAt: at(10).toISOString(), lastQueueUpdateAt: at(10).toISOString() }),
      customer('Keep waiting'),
      at(11),
      SETTINGS,
      'waiting',
      [`say: ${HANDOVER_TEXT.keepWaiting} [Stop waiting]`],
    ],
    [
      'Leave a message instead → out of the queue, the message asked for',
      waiting({ timeoutOfferedAt: at(10).toISOString() }),
      customer('Leave a message'),
      at(11),
      SETTINGS,
      'offered',
      [
        'leaveQueue',
        'card: closed left-message',
        `tell: ${AGENT_TEXT.customerLeftMessage}`,
        `say: ${HANDOVER_TEXT.askMessage} [Cancel]`,
        'stopTimer',
      ],
    ],
  ])('%s', (_name, state, event, now, settings, phase, effects) => {
    const decision = check(state, event, now, settings);
    expect(summary(decision.effects)).toEqual(effects);
    expect(decision.state.phase).toBe(phase);
  });

  it.each([
    ['waiting: the first queue update', waiting(), at(3)],
    [
      'waiting, updates paused past the wait timeout: the timeout',
      waiting({ lastQueueUpdateAt: at(9).toISOString() }),
      at(10),
    ],
    ['connected: idle', connected(), at(15)],
    ['not open: none', bot(), undefined],
  ])('nextDueAt %s', (_name, state, due) => {
    expect(nextDueAt(state, SETTINGS)).toEqual(due);
  });

  it('a tick is answered once: the same tick again finds nothing due', () => {
    const first = decide(waiting(), { kind: 'tick' }, at(3), SETTINGS);
    const again = decide(first.state, { kind: 'tick' }, at(3), SETTINGS);
    expect(summary(first.effects)[0]).toMatch(/^say: Still finding/);
    expect(summary(again.effects)).toEqual(['timer: +6']);
  });
});

describe('leave a message', () => {
  it.each<Row>([
    [
      'Leave a message → asked for it',
      offered('leave-message'),
      customer('Leave a message'),
      at(1),
      SETTINGS,
      'offered',
      [`say: ${HANDOVER_TEXT.askMessage} [Cancel]`],
    ],
    [
      'No thanks → the bot',
      offered('leave-message'),
      customer('No thanks'),
      at(1),
      SETTINGS,
      'bot',
      [`say: ${HANDOVER_TEXT.noMessage}`],
    ],
    [
      'another question → the offer lapses',
      offered('leave-message'),
      customer('what is the pop server'),
      at(1),
      SETTINGS,
      'bot',
      ['botAnswers'],
    ],
    [
      'a person asked for at once again → nothing',
      offered('leave-message'),
      customer('talk to a person'),
      at(0.03),
      CLOSED,
      'offered',
      [],
    ],
    [
      'Connect me typed at once (no such button on this offer) → the offer again, never silence',
      offered('leave-message'),
      customer('connect me'),
      at(0.03),
      CLOSED,
      'offered',
      [`say: ${HANDOVER_TEXT.offerWhenClosed('asked', CLOSED.nextOpening!)}${OFFER_MESSAGE}`],
    ],
    [
      'a person asked for later → the offer again',
      offered('leave-message'),
      customer('talk to a person'),
      at(1),
      CLOSED,
      'offered',
      [`say: ${HANDOVER_TEXT.offerWhenClosed('asked', CLOSED.nextOpening!)}${OFFER_MESSAGE}`],
    ],
    [
      'the message → the contact asked for',
      offered('message'),
      customer('Mail stopped at 9am'),
      at(2),
      SETTINGS,
      'offered',
      [`say: ${HANDOVER_TEXT.askContact} [Cancel]`],
    ],
    [
      'no text → asked again',
      offered('message'),
      customer('', 1),
      at(2),
      SETTINGS,
      'offered',
      [`say: ${HANDOVER_TEXT.askMessageAgain} [Cancel]`],
    ],
    [
      'cancel → the bot',
      offered('message'),
      customer('Cancel'),
      at(2),
      SETTINGS,
      'bot',
      [`say: ${HANDOVER_TEXT.noMessage}`],
    ],
    [
      '"stop …" is part of a message',
      offered('message'),
      customer('stop sending me spam'),
      at(2),
      SETTINGS,
      'offered',
      [`say: ${HANDOVER_TEXT.askContact} [Cancel]`],
    ],
    [
      'the contact → a ticket, and the bot again',
      offered('contact', 'fix-failed', { message: 'Mail stopped' }),
      customer('email me at pat@example.com'),
      at(3),
      SETTINGS,
      'bot',
      ['createTicket', `say: ${HANDOVER_TEXT.ticketCreated}`],
    ],
  ])('%s', (_name, state, event, now, settings, phase, effects) => {
    const decision = check(state, event, now, settings);
    expect(summary(decision.effects)).toEqual(effects);
    expect(decision.state.phase).toBe(phase);
  });

  it('the ticket holds the redacted message and contact, the reason and the time', () => {
    const typed = decide(
      offered('message', 'not-helpful'),
      customer('Cannot send. My password is Sunny2024!'),
      at(2),
      SETTINGS,
    );
    const { effects } = decide(typed.state, customer('call 01234 567890 after 5'), at(3), SETTINGS);
    expect(effects[0]).toEqual({
      kind: 'createTicket',
      ticket: {
        reason: 'not-helpful',
        message: 'Cannot send. My password is [redacted]',
        contact: 'call 01234 567890 after 5',
        createdAt: at(3).toISOString(),
      },
    });
  });
});

describe('offers', () => {
  it.each<Row>([
    [
      'one misunderstood turn → counted',
      bot(),
      { kind: 'bot-turn', outcome: 'not-understood' },
      T0,
      SETTINGS,
      'bot',
      [],
    ],
    [
      'two in a row → a person offered',
      bot(1),
      { kind: 'bot-turn', outcome: 'not-understood' },
      T0,
      SETTINGS,
      'offered',
      [OFFER('not-understood')],
    ],
    [
      '"it still fails" once every check was given (issue 13) → a person offered at once',
      bot(),
      { kind: 'bot-turn', outcome: 'still-failing' },
      T0,
      SETTINGS,
      'offered',
      [OFFER('fix-failed')],
    ],
    [
      'two in a row, out of hours → a message offered',
      bot(1),
      { kind: 'bot-turn', outcome: 'not-understood' },
      T0,
      CLOSED,
      'offered',
      [`say: ${HANDOVER_TEXT.offerWhenClosed('not-understood', CLOSED.nextOpening!)}${OFFER_MESSAGE}`],
    ],
    [
      '"No" once to "Did that fix it?" → counted',
      bot(),
      { kind: 'bot-turn', outcome: 'fix-failed' },
      T0,
      SETTINGS,
      'bot',
      [],
    ],
    [
      '"No" twice → a person offered',
      bot(0, 1),
      { kind: 'bot-turn', outcome: 'fix-failed' },
      T0,
      SETTINGS,
      'offered',
      [OFFER('fix-failed')],
    ],
    [
      '"No" to "Was this helpful?" → a person offered',
      bot(),
      { kind: 'bot-turn', outcome: 'not-helpful' },
      T0,
      SETTINGS,
      'offered',
      [OFFER('not-helpful')],
    ],
    ['while waiting → ignored', waiting(), { kind: 'bot-turn', outcome: 'not-helpful' }, T0, SETTINGS, 'waiting', []],
    [
      'while connected → ignored',
      connected(),
      { kind: 'bot-turn', outcome: 'not-understood' },
      T0,
      SETTINGS,
      'connected',
      [],
    ],
  ])('%s', (_name, state, event, now, settings, phase, effects) => {
    const decision = check(state, event, now, settings);
    expect(summary(decision.effects)).toEqual(effects);
    expect(decision.state.phase).toBe(phase);
  });

  it.each([
    ['an answer ends a misunderstood run', bot(1, 0), 'answered', bot(0, 0)],
    ['an answer in between keeps the "No" count (a side question mid-explainer)', bot(0, 1), 'answered', bot(0, 1)],
    ['fixed clears both', bot(1, 1), 'fixed', bot(0, 0)],
    ['a "No" ends a misunderstood run', bot(1, 0), 'fix-failed', bot(0, 1)],
  ] as const)('%s', (_name, state, outcome, expected) => {
    expect(decide(state, { kind: 'bot-turn', outcome }, T0, SETTINGS).state).toEqual(expected);
  });

  it('an answer with nothing to count leaves the same object (no write)', () => {
    const state = bot();
    expect(decide(state, { kind: 'bot-turn', outcome: 'answered' }, T0, SETTINGS).state).toBe(state);
  });
});

describe('contact-centre hub statuses (HANDOFF_TARGET=event)', () => {
  const hubWaiting = waiting({ target: 'event', agentThread: undefined });
  const hubConnected = connected({
    target: 'event',
    agentThread: undefined,
    agent: { id: 'handoff-hub', name: 'BT Email support' },
  });
  const status = (value: unknown): HandoverEvent => ({ kind: 'handoff-status', value });
  it.each<Row>([
    [
      'accepted → connected',
      hubWaiting,
      status({ state: 'accepted' }),
      at(2),
      EVENT,
      'connected',
      [`say: ${HANDOVER_TEXT.connectedToHub}`],
    ],
    [
      'failed → the contact and a message',
      hubWaiting,
      status({ state: 'failed', message: 'no agents' }),
      at(2),
      EVENT,
      'offered',
      [`say: ${HANDOVER_TEXT.unreachable(EVENT.supportContact)}${OFFER_MESSAGE}`, 'stopTimer'],
    ],
    [
      'completed after accepted → back, rating asked',
      hubConnected,
      status({ state: 'completed' }),
      at(9),
      EVENT,
      'ended',
      [`say: ${HANDOVER_TEXT.back}`, `say: ${HANDOVER_TEXT.rateHub}${RATINGS}`, 'stopTimer'],
    ],
    [
      'completed while waiting → back, no rating',
      hubWaiting,
      status({ state: 'completed' }),
      at(9),
      EVENT,
      'ended',
      [`say: ${HANDOVER_TEXT.back}`, 'stopTimer'],
    ],
    ['accepted twice → nothing more', hubConnected, status({ state: 'accepted' }), at(3), EVENT, 'connected', []],
    ['failed after accepted → ignored', hubConnected, status({ state: 'failed' }), at(3), EVENT, 'connected', []],
    ['a Teams handover ignores hub statuses', waiting(), status({ state: 'accepted' }), at(2), SETTINGS, 'waiting', []],
    ['no handover → ignored', bot(), status({ state: 'completed' }), at(2), EVENT, 'bot', []],
  ])('%s', (_name, state, event, now, settings, phase, effects) => {
    const decision = check(state, event, now, settings);
    expect(summary(decision.effects)).toEqual(effects);
    expect(decision.state.phase).toBe(phase);
  });

  it.each([
    ['an unknown state', { state: 'transferring' }],
    ['a state in capitals', { state: 'ACCEPTED' }],
    ['a state that is not text', { state: { accepted: true } }],
    ['no state', { message: 'accepted' }],
    ['a bare string', 'accepted'],
    ['null', null],
    ['a number', 42],
    ['an array', ['accepted']],
    ['a prototype key', JSON.parse('{"__proto__": {"state": "accepted"}}')],
  ])('junk (%s) is ignored: same state, no effects, no throw', (_name, value) => {
    const decision = decide(hubWaiting, status(value), at(2), EVENT);
    expect(decision.state).toBe(hubWaiting);
    expect(decision.effects).toEqual([]);
  });
});

describe('customerMessage', () => {
  it('reads the intent as the main dialog does, and counts files', () => {
    const who = { id: 'user-1' };
    expect(customerMessage('can I speak to a real person', who, CONVERSATION)).toEqual({
      kind: 'customer',
      text: 'can I speak to a real person',
      intent: 'human',
      customer: who,
      conversation: CONVERSATION,
    });
    expect(customerMessage('smtp port', who, CONVERSATION, 2)).toMatchObject({ intent: undefined, files: 2 });
  });
});

describe('customerFacingName', () => {
  it.each([
    ['Jane Smith', 'first', 'Jane'],
    ['Smith, Jane', 'first', 'Jane'],
    ['  Jane   Smith ', 'first', 'Jane'],
    ['Jane Smith', 'full', 'Jane Smith'],
    ['', 'first', 'a person'],
    ['   ', 'full', 'a person'],
    ['Prince', 'first', 'Prince'],
  ] as const)('%s (%s) → %s', (name, mode, expected) => {
    expect(customerFacingName(name, mode)).toBe(expected);
  });
});
