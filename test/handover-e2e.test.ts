/**
 * Live handover end to end over HTTP: a customer on the built-in Direct Line (the official client) asks
 * for a person, the card reaches the Teams support channel (a connector stand-in) as a new thread, two
 * agents accept at once and one wins, messages flow both ways, a /note stays in the thread, /end hands
 * the customer back and the bot asks for a rating; and the typed password is nowhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { threadId, type TeamsCall } from '../bench/teams-stand-in';
import { AGENT_TEXT, HANDOVER_BUTTONS, HANDOVER_TEXT } from '../handover/messages';
import {
  acceptOf,
  BOB,
  cardsOf,
  cardText,
  JANE,
  PAT,
  PASSWORD,
  SECRETS,
  startWorld,
  textOf,
  unescapeHtml,
  type WebCustomer,
  type World,
} from './helpers/handover-world';
import { cardProblems } from './helpers/card-problems';

jest.setTimeout(30_000);

/** Teams refuses larger messages with 413. */
const CARD_BUDGET_BYTES = 20 * 1024;

let world: World;

beforeAll(async () => {
  world = await startWorld();
});

afterAll(async () => {
  await world?.close();
});

/** The customer asks for a person and confirms; resolves with the new thread's root post (the card). */
async function handOver(customer: WebCustomer, ask = 'can I talk to a person please'): Promise<TeamsCall> {
  const inChannel = (c: TeamsCall) => c.kind === 'thread' && c.conversationId === world.sender.scene.channelId;
  const before = world.teams.calls.filter(inChannel).length;
  await customer.say(ask);
  await customer.hears(HANDOVER_TEXT.offer('asked'));
  await customer.say(HANDOVER_BUTTONS.connect.value);
  await customer.hears(/^OK, I'm finding someone for you\./);
  const threads = await world.teams.waitFor(inChannel, before + 1);
  return threads[before]!;
}

describe('a web chat customer handed over to two agents in the Teams support channel', () => {
  let customer: WebCustomer;
  let card: TeamsCall;
  let thread: string;
  let winner: typeof JANE;
  let loser: typeof JANE;

  it('asks for a person: the card starts a new thread in the support channel, within 20 KB, valid and with Accept', async () => {
    customer = await world.webCustomer();
    await customer.say('what port for SMTP');
    await customer.hears(/465/);
    card = await handOver(customer);
    thread = threadId(world.sender.scene.channelId, card.id);

    expect(card.conversationId).toBe(world.sender.scene.channelId);
    expect(card.bytes).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    const [content] = cardsOf(card);
    expect(cardProblems(content)).toEqual([]);
    expect(cardText(content)).toMatch(/SMTP/i);
    const accept = acceptOf(content);
    expect(accept.fallback).toMatchObject({ type: 'Action.Submit' });
  });

  it('of two agents accepting at once exactly one wins, and the card says so for everyone', async () => {
    const accept = acceptOf(cardsOf(card)[0]);
    const answers = await Promise.all(
      [JANE, BOB].map((agent) => world.send(world.sender.execute(thread, agent, card.id, accept.verb, accept.data))),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200]);

    const connected = await customer.hears(/^You're now talking to (Jane|Bob) from BT Email support\.$/);
    winner = connected.text?.includes('Jane') ? JANE : BOB;
    loser = winner === JANE ? BOB : JANE;
    const [update] = await world.teams.waitFor((c) => c.kind === 'update' && c.activityId === card.id);
    expect(cardText(cardsOf(update!)[0])).toContain(`Accepted by ${winner.name}`);
    // Both invokes are answered with the card as it now is (Universal Actions refresh the clicker's view).
    for (const answer of answers) expect(cardText(answer.body)).toContain(`Accepted by ${winner.name}`);
  });

  it('relays the agent to the customer (unmentioned, or @mentioned with the mention removed)', async () => {
    await world.send(world.sender.agentMessage(thread, winner, 'Hi, I can see you asked about SMTP. Which program?'));
    await customer.hears('Hi, I can see you asked about SMTP. Which program?');
    await world.send(world.sender.agentMessage(thread, winner, 'Is it Outlook?', { mention: true }));
    const relayed = await customer.hears(/Is it Outlook\?/);
    expect(relayed.text).not.toMatch(/<at>|BT Email help/);
  });

  it('relays the customer to the thread, redacted, and the bot stays silent', async () => {
    await customer.say(`yes Outlook, my password is ${PASSWORD}`);
    await customer.say('what port for IMAP');
    const inThread = (c: TeamsCall) => c.kind === 'post' && c.conversationId === thread;
    await world.teams.waitFor((c) => inThread(c) && textOf(c).includes('what port for IMAP'));
    const posts = world.teams.calls.filter(inThread).map(textOf).join('\n');
    expect(posts).toMatch(/yes Outlook, my password is \[redacted\]\n(.*\n)*.*what port for IMAP/);
    // Silent: the next thing the customer gets is the agent's answer, not the bot's.
    await world.send(world.sender.agentMessage(thread, winner, 'IMAP is on 993 with SSL.'));
    await customer.hears('IMAP is on 993 with SSL.');
    expect(customer.botTexts().filter((t) => /imap\.mail\.btinternet\.com/.test(t))).toEqual([]);
  });

  it('does not relay the other agent, and tells them why', async () => {
    await world.send(world.sender.agentMessage(thread, loser, 'I can take this one'));
    await world.teams.waitFor(
      (c) => c.conversationId === thread && textOf(c).includes(AGENT_TEXT.notYours(winner.name)),
    );
    await world.send(world.sender.agentMessage(thread, winner, 'Still here.'));
    await customer.hears('Still here.');
    expect(customer.botTexts().join('\n')).not.toContain('I can take this one');
  });

  it('keeps a /note from the customer', async () => {
    await world.send(world.sender.agentMessage(thread, winner, '/note customer on Outlook 2016, SSL off'));
    await world.send(world.sender.agentMessage(thread, winner, 'Please turn SSL on.'));
    await customer.hears('Please turn SSL on.');
    expect(customer.botTexts().join('\n')).not.toMatch(/Outlook 2016|\/note/);
  });

  it('/end hands the customer back to the bot, which asks for a rating and answers again', async () => {
    await world.send(world.sender.agentMessage(thread, winner, '/end'));
    await customer.hears(HANDOVER_TEXT.back);
    await customer.hears(HANDOVER_TEXT.rateAgent(winner.name.split(' ')[0]!));
    await customer.say('5');
    await customer.hears(HANDOVER_TEXT.ratingThanks);
    await customer.say('what port for IMAP');
    await customer.hears(/993/);
    expect(customer.botTexts().filter((t) => /^You're now talking to/.test(t))).toHaveLength(1);
    await world.teams.waitFor((c) => c.conversationId === thread && textOf(c).includes(AGENT_TEXT.ended(winner.name)));
  });

  it('the card links to the whole transcript (bot, customer and agents): opens signed, refuses tampered', async () => {
    const link = /https:\/\/bot\.example\.com\/api\/transcripts\/[^\s"]+/.exec(JSON.stringify(cardsOf(card)[0]))?.[0];
    expect(link).toBeDefined();
    const local = link!.replace('https://bot.example.com', world.url);
    const page = await fetch(local);
    expect(page.status).toBe(200);
    const html = unescapeHtml(await page.text());

    for (const said of ['what port for SMTP', 'IMAP is on 993 with SSL.', 'customer on Outlook 2016'])
      expect(html).toContain(said);
    expect(html).not.toContain(PASSWORD);
    expect((await fetch(local.replace(/sig=[^&]{4}/, 'sig=AAAA'))).status).toBe(403);
    expect((await fetch(local.replace(/\?.*$/, ''))).status).toBe(401);
  });

  it('no typed password in anything sent (Teams, the customer) or stored (the SQLite files) or exported', async () => {
    // Why the bot's only: the client's echo of the customer's own message is theirs, shown back to them.
    const toCustomer = customer.client.received.filter((a) => a.from?.role !== 'user');
    const sent = JSON.stringify([world.teams.attempts, toCustomer]);
    expect(sent).toContain('redacted');
    expect(sent).not.toContain(PASSWORD);
    const key = { authorization: `Bearer ${SECRETS.TRANSCRIPT_API_KEY}` };
    const path = `/api/transcripts/directline/${encodeURIComponent(customer.conversationId)}`;
    for (const format of ['transcript', 'text', 'html']) {
      const res = await fetch(`${world.url}${path}?format=${format}`, { headers: key });
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain(PASSWORD);
    }
    for (const file of readdirSync(world.dataDir))
      expect(readFileSync(join(world.dataDir, file)).includes(PASSWORD)).toBe(false);
  });
});

describe('a customer in a Teams personal chat', () => {
  const chat = 'a:1personal-chat-pat';
  const toPat = (c: TeamsCall) => c.kind === 'post' && c.conversationId === chat;
  let seen = 0;

  /** Pat says `text`; resolves with what the bot sent Pat since the last call, as Pat reads it. */
  async function pat(text: string): Promise<string[]> {
    expect((await world.send(world.sender.personal(chat, PAT, text))).status).toBe(200);
    return newToPat();
  }

  function newToPat(): string[] {
    const all = world.teams.calls.filter(toPat).map(textOf);
    const fresh = all.slice(seen);
    seen = all.length;
    return fresh;
  }

  /** Resolves once Pat has been sent a message containing `text` (proactively: an agent's turn, not Pat's). */
  async function patHears(text: string): Promise<void> {
    await world.teams.waitFor((c) => toPat(c) && textOf(c).includes(text));
    newToPat();
  }

  it("is handed over, relayed both ways (an agent's file is not, and the agent is told), released, taken by another agent and handed back", async () => {
    expect(await pat('I need to speak to someone')).toEqual([expect.stringContaining(HANDOVER_TEXT.offer('asked'))]);
    const inChannel = (c: TeamsCall) => c.kind === 'thread' && c.conversationId === world.sender.scene.channelId;
    const before = world.teams.calls.filter(inChannel).length;
    expect((await pat(HANDOVER_BUTTONS.connect.value)).join('\n')).toMatch(/^OK, I'm finding someone for you\./);
    const patCard = (await world.teams.waitFor(inChannel, before + 1))[before]!;
    const patThread = threadId(world.sender.scene.channelId, patCard.id);
    expect(cardText(cardsOf(patCard)[0])).toContain(PAT.name);
    const accept = acceptOf(cardsOf(patCard)[0]);

    await world.send(world.sender.execute(patThread, JANE, patCard.id, accept.verb, accept.data));
    await patHears(HANDOVER_TEXT.connected('Jane'));
    await world.send(world.sender.agentMessage(patThread, JANE, 'Hello Pat, what can I do for you?'));
    await patHears('Hello Pat, what can I do for you?');
    expect(await pat('my emails will not send')).toEqual([]);
    await world.teams.waitFor((c) => c.conversationId === patThread && textOf(c).includes('my emails will not send'));

    await world.send(world.sender.agentMessage(patThread, JANE, 'here is a screenshot', { files: 1 }));
    await world.teams.waitFor((c) => c.conversationId === patThread && textOf(c).includes(AGENT_TEXT.filesNotRelayed));
    expect(JSON.stringify(world.teams.calls.filter(toPat))).not.toContain('sharepoint');

    await world.send(world.sender.agentMessage(patThread, JANE, '/release'));
    await patHears(HANDOVER_TEXT.released);
    await world.teams.waitFor(
      (c) => c.conversationId === patThread && textOf(c).includes(AGENT_TEXT.released(JANE.name)),
    );
    await world.send(world.sender.execute(patThread, BOB, patCard.id, accept.verb, accept.data));
    await patHears(HANDOVER_TEXT.connected('Bob'));
    await world.send(world.sender.agentMessage(patThread, BOB, '/end'));
    await patHears(HANDOVER_TEXT.rateAgent('Bob'));
  });
});

describe('a thread Teams throttles', () => {
  it("gets the customer's messages in order, each once, after the 429s", async () => {
    const customer = await world.webCustomer();
    const card = await handOver(customer);
    const thread = threadId(world.sender.scene.channelId, card.id);
    const accept = acceptOf(cardsOf(card)[0]);
    await world.send(world.sender.execute(thread, JANE, card.id, accept.verb, accept.data));
    await customer.hears(HANDOVER_TEXT.connected('Jane'));

    world.teams.throttle({ times: 3, retryAfterSeconds: 0, conversationId: thread });
    const lines = ['first line', 'second line', 'third line'];
    for (const line of lines) await customer.say(line);
    const relayed = (c: TeamsCall) => c.conversationId === thread && /(first|second|third) line/.test(textOf(c));
    const posts = await world.teams.waitFor(relayed, 3);
    expect(posts.map((c) => /(first|second|third) line/.exec(textOf(c))?.[0])).toEqual(lines);
    expect(world.teams.attempts.filter((c) => relayed(c) && c.status === 429)).toHaveLength(3);
    expect(world.teams.calls.filter(relayed)).toHaveLength(3);
    await world.send(world.sender.agentMessage(thread, JANE, '/end'));
    await customer.hears(HANDOVER_TEXT.back);
  });
});

describe('asking for a person mid-walkthrough', () => {
  it('gives the agent the step reached, and the walkthrough is still there after /end', async () => {
    const customer = await world.webCustomer();
    await customer.say('switch pop to imap');
    await customer.say('Outlook');
    await customer.say('next');
    await customer.hears(/Step 3 of 6/);
    const step = 3;
    const card = await handOver(customer, "this isn't working, I want a human");
    const shown = cardText(cardsOf(card)[0]);
    expect(shown).toContain(`Walkthrough step: Step ${step} of 6`);
    expect(shown).toContain('Mail program: Outlook');
    const thread = threadId(world.sender.scene.channelId, card.id);
    const accept = acceptOf(cardsOf(card)[0]);
    await world.send(world.sender.execute(thread, JANE, card.id, accept.verb, accept.data));
    await customer.hears(HANDOVER_TEXT.connected('Jane'));
    await customer.say('next');
    await world.send(world.sender.agentMessage(thread, JANE, '/end'));
    await customer.hears(HANDOVER_TEXT.rateAgent('Jane'));
    // While Jane had the chat the walkthrough did not move on.
    expect(customer.botTexts().filter((t) => t.includes(`Step ${step + 1} of 6`))).toEqual([]);
    await customer.say('5');
    await customer.hears(HANDOVER_TEXT.ratingThanks);
    await customer.say('next');
    await customer.hears(new RegExp(`Step ${step + 1} of 6`));
  });
});
