/** The handover runtime with the bot: the customer's side, the desk the console calls, timers, tickets and the hub's events. */
import type { Activity } from 'botbuilder';
import { AGENT_TEXT, HANDOVER_BUTTONS, HANDOVER_TEXT } from '../handover/messages';
import { handoverKey, QUEUE_KEY, readQueue, ratingKey } from '../handover/records';
import type { Agent } from '../handover/state';
import { DUE_KEY, readDue } from '../bots/handover/store';
import { verifyWebhook } from '../security/webhooks';
import { SAY } from '../dialogs/texts';
import { advance, CONTACT, describe as line, FakeConsole, harness, type Harness } from './helpers/handover-runtime';

const JANE: Agent = { id: 'aad-jane', name: 'Jane Smith' };
const BOB: Agent = { id: 'aad-bob', name: 'Bob Jones' };
const PASSWORD = 'my password is Hunter2-secret!';
const SECRET = 'a-webhook-secret-of-at-least-32-characters!!';

const OFFER = `${HANDOVER_TEXT.offer('asked')} [Connect me | Keep trying here]`;

async function storedPhase(h: Harness): Promise<string | undefined> {
  const key = handoverKey('test', 'Convo1');
  const item = (await h.stores.storage.read([key]))[key] as { handover?: { phase: string } } | undefined;
  return item?.handover?.phase;
}

/** A customer in the queue of the Teams target: asked, confirmed. */
async function waitingCustomer(h: Harness): Promise<void> {
  await h.say('talk to a person');
  advance(h.clock, 0.5);
  await h.say('Connect me');
}

async function owner(h: Harness) {
  const threadId = h.console.cards.length ? `19:support@thread.tacv2;messageid=${h.console.cards.length}` : '';
  const found = await h.runtime.threadOwner(threadId);
  if (!found) throw new Error('no thread owner');
  return found;
}

describe('handover runtime: the customer asks for a person (Teams target, through the console seam)', () => {
  it('offers, then on "Connect me" queues the customer, posts the card and indexes its thread', async () => {
    const h = harness();
    expect(await h.say('how do I set up imap')).not.toContain(OFFER);
    expect(await h.say('can I talk to a real person')).toEqual([OFFER]);
    advance(h.clock, 0.5);
    expect(await h.say('Connect me')).toEqual([
      `${HANDOVER_TEXT.waiting(`${HANDOVER_TEXT.queueNext} ${HANDOVER_TEXT.expectedWait(HANDOVER_TEXT.waitUnknown)}`)} [Stop waiting]`,
    ]);
    expect(h.console.cards).toHaveLength(1);
    const card = h.console.cards[0]!;
    expect(card).toMatchObject({ customer: { channelId: 'test', conversationId: 'Convo1' }, reason: 'asked' });
    expect(card.status).toEqual({ kind: 'waiting' });
    expect(card.context.lastCustomerMessages).toEqual(
      expect.arrayContaining(['how do I set up imap', 'can I talk to a real person', 'Connect me']),
    );
    expect(await h.runtime.threadOwner('19:support@thread.tacv2;messageid=1')).toEqual({
      customer: { channelId: 'test', conversationId: 'Convo1' },
      handoverId: expect.any(String),
    });
    expect(await h.runtime.threadOwner('19:support@thread.tacv2;messageid=99')).toBeUndefined();
    expect(readQueue((await h.stores.storage.read([QUEUE_KEY]))[QUEUE_KEY]).waiting).toHaveLength(1);
  });

  it('asks mid-walkthrough too, and "Keep trying here" goes back to the bot', async () => {
    const h = harness();
    expect((await h.say('switch pop to imap')).join('\n')).toMatch(/Step 1/);
    expect(await h.say('actually I want to speak to someone')).toEqual([OFFER]);
    expect(await h.say('Keep trying here')).toEqual([HANDOVER_TEXT.keptTrying]);
    expect(await storedPhase(h)).toBe('bot');
  });

  it('a double click on "talk to a person" opens one offer, and a double "Connect me" one handover', async () => {
    const h = harness();
    await h.say('talk to a person');
    expect(await h.say('talk to a person')).toEqual([]);
    advance(h.clock, 0.5);
    await h.say('Connect me');
    expect(await h.say('Connect me')).toEqual([]);
    expect(h.console.cards).toHaveLength(1);
  });

  it('while waiting the bot is silent: messages go to the thread, no answers', async () => {
    const h = harness();
    await waitingCustomer(h);
    expect(await h.say('imap settings')).toEqual([]);
    expect(await h.say(PASSWORD)).toEqual([]);
    expect(h.console.texts()).toEqual(['customer: imap settings', expect.stringMatching(/^customer: my password is /)]);
    expect(JSON.stringify(h.console.posts)).not.toContain('Hunter2');
  });

  it('while waiting no typing shows, even while the message takes a while to reach the thread', async () => {
    const fake = new FakeConsole();
    const h = harness({ console: fake, typing: true });
    await waitingCustomer(h);
    fake.postDelayMs = 30;
    await h.adapter.send('are you there?').startTest();
    expect(h.adapter.activeQueue.splice(0).map((a) => a.type)).toEqual([]);
    expect(fake.texts()).toEqual(['customer: are you there?']);
  });

  it('cancel leaves the queue and tells the agents', async () => {
    const h = harness();
    await waitingCustomer(h);
    expect(await h.say('Stop waiting')).toEqual([HANDOVER_TEXT.leftQueue]);
    expect(h.console.texts()).toEqual([`info: ${AGENT_TEXT.customerCancelled}`]);
    expect(h.console.updates.map((u) => u.card.status)).toEqual([{ kind: 'closed', outcome: 'customer-cancelled' }]);
    expect(readQueue((await h.stores.storage.read([QUEUE_KEY]))[QUEUE_KEY]).waiting).toHaveLength(0);
    expect((await h.say('what port for smtp')).join('\n')).toMatch(/465/);
  });

  it('with the bot not in the support channel, the customer is offered the contact and a message', async () => {
    const fake = new FakeConsole();
    fake.canPost = false;
    const h = harness({ console: fake });
    await h.say('talk to a person');
    advance(h.clock, 0.5);
    const said = await h.say('Connect me');
    expect(said).toContain(`${HANDOVER_TEXT.unreachable(CONTACT)} [Leave a message | No thanks]`);
    expect(await storedPhase(h)).toBe('offered');
  });
});

describe('handover runtime: the desk (what the console calls when an agent acts)', () => {
  it('accept, relay both ways, a note, /end, and the rating apart from the bot feedback', async () => {
    const h = harness();
    await waitingCustomer(h);
    const thread = await owner(h);
    advance(h.clock, 2);
    const accepted = await h.runtime.agentAction(thread, JANE, { type: 'accept' });
    expect(accepted.card?.status).toEqual({ kind: 'accepted', by: 'Jane Smith' });
    expect(h.proactive.map(line)).toEqual([HANDOVER_TEXT.connected('Jane')]);

    await h.runtime.agentAction(thread, JANE, { type: 'message', text: '<p>Hi, <b>what</b> do you see?</p>' });
    const relayed = h.proactive[1]!;
    expect(relayed.text).toBe('Hi, **what** do you see?');
    expect(relayed.channelData).toEqual({ handover: { role: 'agent', name: 'Jane' } });

    expect(await h.say('error 530 in outlook')).toEqual([]);
    expect(h.console.texts()).toContain('customer: error 530 in outlook');

    await h.runtime.agentAction(thread, JANE, { type: 'message', text: '/note likely an old password' });
    expect(h.proactive).toHaveLength(2);
    const transcript = await h.stores.transcripts.getTranscriptActivities('test', 'Convo1');
    const note = transcript.items.find((a) => (a.channelData as { handover?: { note?: boolean } })?.handover?.note);
    expect(note).toMatchObject({
      text: 'likely an old password',
      channelData: { handover: { role: 'agent', note: true } },
    });
    const agentLine = transcript.items.find((a) => a.text === 'Hi, **what** do you see?');
    expect(agentLine?.channelData).toEqual({ handover: { role: 'agent', name: 'Jane' } });

    await h.runtime.agentAction(thread, JANE, { type: 'end' });
    expect(h.proactive.slice(2).map(line)).toEqual([
      HANDOVER_TEXT.back,
      `${HANDOVER_TEXT.rateAgent('Jane')} [${HANDOVER_BUTTONS.ratings.map((b) => b.title).join(' | ')}]`,
    ]);
    expect(await h.say('4')).toEqual([HANDOVER_TEXT.ratingThanks]);
    const key = ratingKey('test', 'Convo1', thread.handoverId);
    expect((await h.stores.storage.read([key]))[key]).toMatchObject({ rating: 4, agent: JANE });
    expect((await h.say('what port for smtp')).join('\n')).toMatch(/465/);
  });

  it('two agents accepting at once: exactly one wins, the other is told who has it', async () => {
    const h = harness();
    await waitingCustomer(h);
    const thread = await owner(h);
    const [a, b] = await Promise.all([
      h.runtime.agentAction(thread, JANE, { type: 'accept' }),
      h.runtime.agentAction(thread, BOB, { type: 'accept' }),
    ]);
    expect(h.proactive.map(line).filter((t) => t.startsWith("You're now talking"))).toHaveLength(1);
    const cards = [a.card?.status, b.card?.status];
    const winner = h.proactive[0]!.text!.includes('Jane') ? 'Jane Smith' : 'Bob Jones';
    expect(cards).toEqual([
      { kind: 'accepted', by: winner },
      { kind: 'accepted', by: winner },
    ]);
    expect(h.console.texts()).toEqual([`info: ${AGENT_TEXT.alreadyAccepted(winner)}`]);
  });

  it('refuses an agent outside HANDOFF_AGENT_IDS: nothing reaches the customer', async () => {
    const h = harness({ config: { handoffAgentIds: ['00000000-0000-0000-0000-000000000001'] } });
    await waitingCustomer(h);
    const outcome = await h.runtime.agentAction(await owner(h), JANE, { type: 'accept' });
    expect(outcome.decision.effects).toEqual([]);
    expect(h.proactive).toEqual([]);
  });
});

describe('handover runtime: timers (one sweeper per instance, the store decides who sends)', () => {
  it('sends each queue update once although two instances sweep at the same moment', async () => {
    const first = harness();
    const second = harness({ stores: first.stores, clock: first.clock });
    await waitingCustomer(first);
    advance(first.clock, 3);
    await Promise.all([first.runtime.sweep(), second.runtime.sweep()]);
    const updates = [...first.proactive, ...second.proactive].map(line);
    expect(updates).toEqual([
      `${HANDOVER_TEXT.queueUpdate(`${HANDOVER_TEXT.queueNext} ${HANDOVER_TEXT.expectedWait(HANDOVER_TEXT.waitUnknown)}`)} [Stop waiting]`,
    ]);
  });

  it('offers a message after the wait, and closes a handover whose customer went quiet', async () => {
    const h = harness();
    await waitingCustomer(h);
    advance(h.clock, 10.5);
    await h.runtime.sweep();
    expect(h.proactive.map(line)).toContain(`${HANDOVER_TEXT.waitTimeout} [Keep waiting | Leave a message]`);
    advance(h.clock, 5);
    await h.runtime.sweep();
    expect(h.proactive.map(line)).toContain(HANDOVER_TEXT.idleClosed);
    expect(h.console.texts()).toContain(`info: ${AGENT_TEXT.customerLeft(15)}`);
    expect(readDue((await h.stores.storage.read([DUE_KEY]))[DUE_KEY]).due).toEqual([]);
  });

  it('a sweep with nothing due sends nothing', async () => {
    const h = harness();
    await waitingCustomer(h);
    expect(await h.runtime.sweep()).toBe(0);
    expect(h.proactive).toEqual([]);
  });
});

describe('handover runtime: offers the bot makes', () => {
  it.each<[string, string[], string]>([
    ['two misunderstood turns in a row', ['flibbertigibbet wobble', 'zorp glorp quux'], 'not-understood'],
    ['"No" to "Was this helpful?"', ['how do imap and pop differ', "No, that didn't help"], 'not-helpful'],
    ['a hacked account', ['someone hacked my email account'], 'compromised-account'],
    ['"No" twice to "Did that fix it?"', ['error 530', 'Outlook', 'no', 'no'], 'fix-failed'],
  ])('%s', async (_name, turns, reason) => {
    const h = harness();
    const said: string[] = [];
    for (const turn of turns) said.push(...(await h.say(turn)));
    expect(said).toContain(`${HANDOVER_TEXT.offer(reason as 'asked')} [Connect me | Keep trying here]`);
    // The dialog's own "talk to a person?" is left to the handover.
    expect(said).not.toContain(SAY.feedbackNo);
    expect(said.join('\n')).not.toContain(SAY.stillBroken);
  });

  it('one misunderstood turn is not enough', async () => {
    const h = harness();
    expect((await h.say('flibbertigibbet wobble')).join('\n')).not.toMatch(/connect you/);
  });
});

describe('handover runtime: the contact target and leaving a message', () => {
  it('offers the contact and a message; the ticket is stored, redacted, posted and sent signed to the webhook', async () => {
    const h = harness({
      config: {
        handoffTarget: 'contact',
        handoffFallbackTarget: 'contact',
        handoffWebhookUrl: 'https://tickets.example.com/hook',
        handoffWebhookSecret: SECRET,
      },
    });
    expect(await h.say('talk to a person')).toEqual([
      `${HANDOVER_TEXT.offerContact('asked', CONTACT)} [Leave a message | No thanks]`,
    ]);
    expect(await h.say('Leave a message')).toEqual([`${HANDOVER_TEXT.askMessage} [Cancel]`]);
    expect(await h.say(`Outlook says 530. ${PASSWORD}`)).toEqual([`${HANDOVER_TEXT.askContact} [Cancel]`]);
    expect(await h.say('pat@example.com')).toEqual([HANDOVER_TEXT.ticketCreated]);
    await h.idle();
    const stored = JSON.stringify([...(h.stores.storage as unknown as { items: Map<string, unknown> }).items]);
    expect(stored).toContain('handover-ticket/');
    expect(stored).toContain('Outlook says 530.');
    expect(stored).not.toContain('Hunter2');
    expect(h.supportChannel).toEqual([expect.stringContaining('pat@example.com')]);
    expect(h.webhook).toHaveLength(1);
    const { headers, body } = h.webhook[0]!;
    expect(body).not.toContain('Hunter2');
    expect(JSON.parse(body).activities.map((a: Activity) => a.text)).toEqual(
      expect.arrayContaining(['talk to a person', 'Leave a message']),
    );
    expect(JSON.parse(body)).toMatchObject({
      kind: 'ticket',
      contact: 'pat@example.com',
      transcript: { conversationId: 'Convo1' },
    });
    expect(
      verifyWebhook(
        SECRET,
        body,
        { signature: headers['X-Signature-256'], timestamp: headers['X-Timestamp'] },
        Date.now(),
      ),
    ).toEqual({ kind: 'valid' });
    expect(JSON.stringify(h.supportChannel)).not.toContain('Hunter2');
  });

  it('out of hours: says when a person is next available and offers a message', async () => {
    const closed = { timeZone: 'Europe/London', week: [[], [], [], [], [], [], []].map(() => []), closedDates: [] };
    closed.week[2] = [{ start: 8 * 60, end: 20 * 60 }] as never;
    const h = harness({ config: { supportHours: closed as never } });
    const said = await h.say('talk to a person');
    expect(said[0]).toMatch(/isn't available right now\. A person is next available tomorrow at 08:00\./);
  });
});

describe('handover runtime: the event target (a contact-centre hub)', () => {
  const EVENT = {
    handoffTarget: 'event' as const,
    handoffFallbackTarget: 'contact' as const,
    handoffEventChannels: ['test'],
  };

  async function initiated(h: Harness): Promise<Partial<Activity>> {
    await h.say('smtp port 587 gives error 530');
    await h.say('talk to a person');
    advance(h.clock, 0.5);
    await h.adapter.send('Connect me').startTest();
    const sent = h.adapter.activeQueue.splice(0);
    const event = sent.find((a) => a.type === 'event');
    if (!event) throw new Error(`no handoff event in ${JSON.stringify(sent.map(line))}`);
    return event;
  }

  it('sends handoff.initiate with the redacted transcript (this turn included) and the context', async () => {
    const h = harness({ config: EVENT });
    await h.say(PASSWORD);
    const event = await initiated(h);
    expect(event.name).toBe('handoff.initiate');
    const transcript = event.attachments?.find((a) => a.name === 'Transcript');
    const texts = (transcript?.content as { activities: Activity[] }).activities.map((a) => a.text);
    expect(texts).toEqual(expect.arrayContaining(['smtp port 587 gives error 530', 'talk to a person', 'Connect me']));
    expect(JSON.stringify(event)).not.toContain('Hunter2');
    expect(event.value).toMatchObject({
      reason: 'asked',
      channel: 'test',
      conversationId: 'Convo1',
      errorCodes: ['530'],
    });
  });

  it('stays silent until the hub answers, then tells the customer accepted and completed; junk is ignored', async () => {
    const h = harness({ config: EVENT });
    await initiated(h);
    expect(await h.say('hello?')).toEqual([]);
    const status = (value: unknown) => ({ type: 'event', name: 'handoff.status', value });
    expect(await h.say(status({ state: 'who-knows' }))).toEqual([]);
    expect(await h.say(status('junk'))).toEqual([]);
    expect(await h.say(status({ state: 'accepted' }))).toEqual([HANDOVER_TEXT.connectedToHub]);
    expect(await h.say('still there?')).toEqual([]);
    const done = await h.say(status({ state: 'completed' }));
    expect(done[0]).toBe(HANDOVER_TEXT.back);
    expect(done[1]).toMatch(new RegExp(`^${HANDOVER_TEXT.rateHub}`));
  });

  it('failed: the customer is offered the contact and a message', async () => {
    const h = harness({ config: EVENT });
    await initiated(h);
    const said = await h.say({ type: 'event', name: 'handoff.status', value: { state: 'failed' } });
    expect(said).toEqual([`${HANDOVER_TEXT.unreachable(CONTACT)} [Leave a message | No thanks]`]);
  });

  it('is never sent to the built-in web chat: its conversations use the fallback target', async () => {
    const h = harness({ config: EVENT, template: { serviceUrl: 'urn:directline:in-process' } });
    const said = await h.say('talk to a person');
    expect(said).toEqual([`${HANDOVER_TEXT.offerContact('asked', CONTACT)} [Leave a message | No thanks]`]);
    expect(h.adapter.activeQueue.filter((a) => a.type === 'event')).toEqual([]);
  });
});

describe('handover runtime: where there is no customer', () => {
  it('in a Teams channel (staff, the support channel) a person is never offered', async () => {
    const h = harness({ template: { conversation: { id: 'Convo1', conversationType: 'channel' } as never } });
    expect((await h.say('talk to a person')).join('\n')).not.toMatch(/connect you|leave a message/);
    expect(await storedPhase(h)).toBeUndefined();
  });
});

describe('handover runtime: the storage read per turn', () => {
  it('turns that only count towards an offer read and write no handover record (the conversation state holds the count)', async () => {
    const h = harness();
    const read = jest.spyOn(h.stores.storage, 'read');
    const write = jest.spyOn(h.stores.storage, 'write');
    for (const turn of ['error 530', 'Outlook', 'no', 'yes', 'flibbertigibbet wobble', 'imap settings'])
      await h.say(turn);
    const handoverKeys = (calls: unknown[][]) =>
      calls
        .flatMap(([arg]) => (Array.isArray(arg) ? arg : Object.keys(arg as object)))
        .filter((k) => k.startsWith('handover'));
    expect(handoverKeys(read.mock.calls)).toEqual([]);
    expect(handoverKeys(write.mock.calls)).toEqual([]);
    // The count is kept all the same: the second misunderstood turn in a row offers a person.
    await h.say('flibbertigibbet wobble');
    expect(await h.say('zorp glorp quux')).toContain(
      OFFER.replace(HANDOVER_TEXT.offer('asked'), HANDOVER_TEXT.offer('not-understood')),
    );
    expect(await storedPhase(h)).toBe('offered');
  });

  it('a conversation that never met a handover has no handover record (nothing read or written for it)', async () => {
    const h = harness();
    await h.say('imap settings');
    await h.say('what port for smtp');
    expect(await storedPhase(h)).toBeUndefined();
  });
});
