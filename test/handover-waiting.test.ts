/**
 * The handover's timers and ways out, end to end over HTTP with the bot's clock in the test's hand
 * (createApp's `now`; timers swept by calling the runtime, not by waiting): the wait times out and
 * the customer leaves a message (a ticket to the support channel and the signed webhook), the
 * customer leaves (idle) after an agent accepted through the Action.Submit fallback, the customer
 * cancels while waiting, and out of SUPPORT_HOURS the bot says when a person is next available.
 */
import type { TeamsCall } from '../bench/teams-stand-in';
import { threadId } from '../bench/teams-stand-in';
import { DEFAULT_IDLE_MINUTES, DEFAULT_WAIT_MINUTES } from '../handover/config';
import { AGENT_TEXT, HANDOVER_BUTTONS, HANDOVER_TEXT } from '../handover/messages';
import { verifyWebhook } from '../security/webhooks';
import {
  acceptOf,
  BOB,
  cardsOf,
  cardText,
  JANE,
  PASSWORD,
  SECRETS,
  startWorld,
  textOf,
  type WebCustomer,
  type World,
} from './helpers/handover-world';

jest.setTimeout(30_000);

/** Monday 3 March 2025, 10:00 in London (GMT): within the support hours below. */
const MONDAY_MORNING = Date.parse('2025-03-03T10:00:00Z');
const MINUTE = 60_000;
let clock = MONDAY_MORNING;
let world: World;

beforeAll(async () => {
  world = await startWorld(
    { SUPPORT_HOURS: 'Mon-Fri 08:00-20:00' },
    // Why an hour: no sweep of its own during the tests; each test sweeps when it has moved the clock.
    { now: () => new Date(clock), handoverSweepMs: 3_600_000 },
  );
});

afterAll(async () => {
  await world?.close();
});

/** Moves the clock on and delivers every timer now due. */
async function later(minutes: number): Promise<void> {
  clock += minutes * MINUTE;
  await world.app.handover.sweep();
}

const inChannel = (c: TeamsCall) => c.kind === 'thread' && c.conversationId === world.sender.scene.channelId;

/** A new customer asks for a person and confirms; resolves with the card's post and its thread. */
async function waitingCustomer(): Promise<{ customer: WebCustomer; card: TeamsCall; thread: string }> {
  const customer = await world.webCustomer();
  const before = world.teams.calls.filter(inChannel).length;
  await customer.say('can I talk to a person please');
  await customer.hears(HANDOVER_TEXT.offer('asked'));
  await customer.say(HANDOVER_BUTTONS.connect.value);
  await customer.hears(/^OK, I'm finding someone for you\./);
  const card = (await world.teams.waitFor(inChannel, before + 1))[before]!;
  return { customer, card, thread: threadId(world.sender.scene.channelId, card.id) };
}

/** Resolves once the bot has posted a line containing `text` into `thread`. */
function toldInThread(thread: string, text: string): Promise<TeamsCall[]> {
  return world.teams.waitFor((c) => c.conversationId === thread && textOf(c).includes(text));
}

/** Resolves once the card has been updated to show `text`. */
function cardShows(card: TeamsCall, text: string): Promise<TeamsCall[]> {
  return world.teams.waitFor(
    (c) => c.kind === 'update' && c.activityId === card.id && cardText(cardsOf(c)[0]).includes(text),
  );
}

describe('waiting for a person, with the clock moved on', () => {
  it('after HANDOFF_WAIT_MINUTES unanswered, offers to leave a message: a ticket reaches the channel and the signed webhook', async () => {
    const { customer, card, thread } = await waitingCustomer();
    await later(DEFAULT_WAIT_MINUTES - 1);
    expect(customer.botTexts()).not.toContain(HANDOVER_TEXT.waitTimeout);
    await later(1.5);
    await customer.hears(HANDOVER_TEXT.waitTimeout);
    await customer.say(HANDOVER_BUTTONS.leaveMessage.value);
    await customer.hears(HANDOVER_TEXT.askMessage);
    await customer.say(`Outlook says 530 when I send, my password is ${PASSWORD}`);
    await customer.hears(HANDOVER_TEXT.askContact);
    await customer.say('pat@example.com after 5pm');
    await customer.hears(HANDOVER_TEXT.ticketCreated);

    await toldInThread(thread, AGENT_TEXT.customerLeftMessage);
    await cardShows(card, 'Closed: the customer chose to leave a message.');
    const [ticket] = await world.teams.waitFor(
      (c) => inChannel(c) && textOf(c).includes('New message from a customer'),
    );
    expect(textOf(ticket!)).toMatch(/Outlook says 530 when I send, my password is \[redacted\]/);
    expect(textOf(ticket!)).toContain('pat@example.com after 5pm');

    const hook = await world.webhook.waitFor(1);
    const signature = { signature: hook.headers['x-signature-256'], timestamp: hook.headers['x-timestamp'] };
    const signedAt = Number(signature.timestamp) * 1000;
    const check = verifyWebhook(SECRETS.HANDOFF_WEBHOOK_SECRET, hook.body, signature as never, signedAt);
    expect(check).toEqual({ kind: 'valid' });
    expect(JSON.parse(hook.body)).toMatchObject({ contact: 'pat@example.com after 5pm' });
    expect(hook.body).toContain('[redacted]');
    expect(hook.body).not.toContain(PASSWORD);
    expect(JSON.stringify(world.teams.attempts)).not.toContain(PASSWORD);
  });

  it('an agent accepts through the Action.Submit fallback; the customer then goes quiet and is closed as gone', async () => {
    const { customer, card, thread } = await waitingCustomer();
    const fallback = acceptOf(cardsOf(card)[0]).fallback as { data: unknown };
    const answer = await world.send(world.sender.submit(thread, BOB, card.id, fallback.data));
    expect(answer.status).toBe(200);
    await customer.hears("You're now talking to Bob from BT Email support.");
    await cardShows(card, `Accepted by ${BOB.name}`);

    await later(DEFAULT_IDLE_MINUTES + 1);
    await customer.hears(HANDOVER_TEXT.idleClosed);
    await toldInThread(thread, AGENT_TEXT.customerLeft(DEFAULT_IDLE_MINUTES));
    await cardShows(card, 'Closed: the customer left.');
    // Closed: what Bob writes now reaches no one.
    await world.send(world.sender.agentMessage(thread, BOB, 'Are you still there?'));
    await customer.say('what port for IMAP');
    await customer.hears(/993/);
    expect(customer.botTexts().join('\n')).not.toContain('Are you still there?');
  });

  it('the customer stops waiting: the agents are told, the card closes, and a late Accept connects no one', async () => {
    const { customer, card, thread } = await waitingCustomer();
    await customer.say('stop waiting');
    await customer.hears(HANDOVER_TEXT.leftQueue);
    await toldInThread(thread, AGENT_TEXT.customerCancelled);
    await cardShows(card, 'Closed: the customer left the queue.');

    const accept = acceptOf(cardsOf(card)[0]);
    const late = await world.send(world.sender.execute(thread, JANE, card.id, accept.verb, accept.data));
    expect(late.status).toBe(200);
    expect(cardText(late.body)).not.toContain('Accepted by');
    await customer.say('what port for POP');
    await customer.hears(/995/);
    expect(customer.botTexts().filter((t) => t.startsWith("You're now talking"))).toEqual([]);
  });

  it('out of SUPPORT_HOURS, says when a person is next available and offers a message; no card is posted', async () => {
    clock = Date.parse('2025-03-03T21:00:00Z');
    const cards = world.teams.calls.filter(inChannel).length;
    const customer = await world.webCustomer();
    await customer.say('can I talk to a person please');
    const next = HANDOVER_TEXT.nextAvailable(HANDOVER_TEXT.tomorrow('08:00'));
    await customer.hears(HANDOVER_TEXT.offerWhenClosed('asked', next));
    await customer.say(HANDOVER_BUTTONS.noThanks.value);
    await customer.hears(HANDOVER_TEXT.noMessage);
    expect(world.teams.calls.filter(inChannel)).toHaveLength(cards);
  });
});
