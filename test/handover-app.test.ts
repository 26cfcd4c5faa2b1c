/**
 * Live handover in the whole app (createApp), over real HTTP: a customer on the built-in Direct Line
 * (the official client) asks for a person; the agents' console (a hand-written fake at the seam)
 * gets the card; the desk's accept and the agent's words reach the customer's open stream; the bot
 * stays silent meanwhile; /end brings the assistant back with a rating.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startConnector, type ConnectorStandIn } from '../bench/connector-stand-in';
import { parseConfig } from '../config';
import { HANDOVER_TEXT } from '../handover/messages';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { listen } from '../server';
import { createApp, type App } from '../server/app';
import type { Activity } from '../directline';
import { connectClient, type Client } from './helpers/directline-client';
import { FakeConsole } from './helpers/handover-runtime';

const ENV = {
  STORAGE: 'memory',
  WEBCHAT_TOKEN_SECRET: 'handover-app-test-secret-'.repeat(2),
  TEAMS_SUPPORT_TEAM_ID: '19:5b1c2f9e8a7d4c3b@thread.tacv2',
  TEAMS_SUPPORT_CHANNEL_ID: '19:a1b2c3d4e5f6@thread.tacv2',
};
const JANE = { id: 'aad-jane', name: 'Jane Smith' };
const fromBot = (text: string) => (a: Activity) => a.from?.role === 'bot' && (a.text ?? '').startsWith(text);

let app: App;
let url: string;
let client: Client | undefined;
const fake = new FakeConsole();
const clock = { now: new Date('2026-03-02T10:00:00Z') };

beforeAll(async () => {
  const logger = createLogger('silent');
  app = await createApp(parseConfig(ENV), logger, createAnswerer(), { agentConsole: () => fake, now: () => clock.now });
  url = await listen(app.server, 0, '127.0.0.1');
});

afterAll(async () => {
  client?.end();
  await app.close();
});

it('a web chat customer reaches an agent and back, the bot silent in between', async () => {
  const session = (await (await fetch(`${url}/api/webchat/token`, { method: 'POST' })).json()) as { token: string };
  client = connectClient({ domain: `${url}/v3/directline`, token: session.token, webSocket: true });
  await client.waitFor(fromBot("Hello! I'm the BT Email settings assistant"));

  await client.post({ text: 'I want to talk to a person' });
  await client.waitFor(fromBot(HANDOVER_TEXT.offer('asked')));
  clock.now = new Date(clock.now.getTime() + 60_000); // past the double-click window
  await client.post({ text: 'Connect me' });
  await client.waitFor(fromBot("OK, I'm finding someone for you."));
  expect(fake.cards).toHaveLength(1);

  const owner = (await app.handover.threadOwner('19:support@thread.tacv2;messageid=1'))!;
  await app.handover.agentAction(owner, JANE, { type: 'accept' });
  await client.waitFor(fromBot(HANDOVER_TEXT.connected('Jane')));
  await app.handover.agentAction(owner, JANE, { type: 'message', text: '<p>Hi, I can <b>help</b>.</p>' });
  const relayed = await client.waitFor(fromBot('Hi, I can **help**.'));
  expect(relayed.channelData).toEqual({ handover: { role: 'agent', name: 'Jane' } });

  const mine = await client.post({ text: 'what port for smtp' });
  await waitUntil(() => fake.posts.some((p) => p.post.kind === 'customer' && p.post.text === 'what port for smtp'));
  await app.handover.agentAction(owner, JANE, { type: 'end' });
  await client.waitFor(fromBot(HANDOVER_TEXT.back));
  const after = client.received.slice(client.received.findIndex((a) => a.id === mine) + 1);
  // Silent: the next thing the bot said after the customer's question is the agent's /end.
  expect(after.find((a) => a.from?.role === 'bot')?.text).toBe(HANDOVER_TEXT.back);

  await client.waitFor(fromBot(HANDOVER_TEXT.rateAgent('Jane')));
  await client.post({ text: '5' });
  await client.waitFor(fromBot(HANDOVER_TEXT.ratingThanks));
}, 30_000);

async function waitUntil(check: () => boolean): Promise<void> {
  for (let i = 0; i < 250 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(check()).toBe(true);
}

describe('POST /api/messages with handoff.status (HANDOFF_TARGET=event)', () => {
  let eventApp: App;
  let eventUrl: string;
  beforeAll(async () => {
    const env = { ...ENV, HANDOFF_TARGET: 'event', HANDOFF_EVENT_CHANNELS: 'directline' };
    eventApp = await createApp(parseConfig(env), createLogger('silent'), createAnswerer());
    eventUrl = await listen(eventApp.server, 0, '127.0.0.1');
  });
  afterAll(() => eventApp.close());

  it.each<[string, unknown]>([
    ['a state it does not know', { state: 'transferred' }],
    ['no state', {}],
    ['not an object', 'accepted'],
    ['accepted, with no handover under way', { state: 'accepted' }],
  ])('answers 200 and changes nothing for %s', async (_name, value) => {
    const res = await fetch(`${eventUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        type: 'event',
        name: 'handoff.status',
        value,
        id: 'status-1',
        channelId: 'directline',
        serviceUrl: 'http://127.0.0.1:9/',
        conversation: { id: 'hub-conversation' },
        from: { id: 'hub' },
        recipient: { id: 'bot' },
      }),
    });
    expect(res.status).toBe(200);
    const key = 'handover/directline/hub-conversation';
    expect((await eventApp.stores.storage.read([key]))[key]).toBeUndefined();
  });
});

describe('a Teams personal-chat customer, over HTTP (replies and proactive messages to a connector stand-in)', () => {
  let teamsApp: App;
  let teamsUrl: string;
  let connector: ConnectorStandIn;
  const teamsFake = new FakeConsole();
  const teamsClock = { now: new Date('2026-03-02T10:00:00Z') };
  const conversation = { id: 'a:personal-customer-1', conversationType: 'personal', tenantId: 'tenant-1' };

  beforeAll(async () => {
    const options = { agentConsole: () => teamsFake, now: () => teamsClock.now };
    teamsApp = await createApp(parseConfig(ENV), createLogger('silent'), createAnswerer(), options);
    teamsUrl = await listen(teamsApp.server, 0, '127.0.0.1');
    connector = await startConnector();
  });
  afterAll(async () => {
    await teamsApp.close();
    await connector.close();
  });

  /** Posts what the customer types; returns the texts the bot sent back in that turn (typing included, as "typing"). */
  async function says(text: string): Promise<string[]> {
    const before = connector.sent.length;
    const res = await fetch(`${teamsUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `m-${connector.sent.length}-${text.length}`,
        text,
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        conversation,
        from: { id: '29:customer', name: 'Pat Customer', aadObjectId: '6a1f3c2e-0000-4000-8000-00000000000c' },
        recipient: { id: '28:bot', name: 'BT Email help' },
        channelData: { tenant: { id: 'tenant-1' } },
      }),
    });
    expect(res.status).toBeLessThan(300);
    return connector.sent.slice(before).map((r) => String(r.activity.type === 'typing' ? 'typing' : r.activity.text));
  }

  it('waits, is silent, and hears the agent (HTML kept) through the Bot Framework connector', async () => {
    expect((await says('talk to a person')).join('\n')).toContain(HANDOVER_TEXT.offer('asked'));
    teamsClock.now = new Date(teamsClock.now.getTime() + 60_000);
    expect((await says('Connect me')).join('\n')).toContain("OK, I'm finding someone for you.");
    expect(await says('hello, anyone there?')).toEqual([]);

    const owner = (await teamsApp.handover.threadOwner('19:support@thread.tacv2;messageid=1'))!;
    const arriving = connector.waitFor(conversation.id, 1);
    await teamsApp.handover.agentAction(owner, JANE, { type: 'accept' });
    expect((await arriving)[0]!.activity.text).toBe(HANDOVER_TEXT.connected('Jane'));
    const relayed = connector.waitFor(conversation.id, 1);
    await teamsApp.handover.agentAction(owner, JANE, { type: 'message', text: '<p>Hi <b>Pat</b></p>' });
    expect((await relayed)[0]!.activity).toMatchObject({ text: '<p>Hi <b>Pat</b></p>', textFormat: 'xml' });
    expect(teamsFake.texts()).toContain('customer: hello, anyone there?');
  });
});

describe('a restart mid-handover (SQLite): the next instance carries on', () => {
  let dir: string;
  let connector: ConnectorStandIn;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'handover-restart-'));
    connector = await startConnector();
  });
  afterAll(async () => {
    await connector.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the queue update and the accept reach the customer from the restarted bot', async () => {
    const clock = { now: new Date('2026-03-02T10:00:00Z') };
    const env = { ...ENV, STORAGE: 'sqlite', DATA_DIR: dir };
    const start = async (fake: FakeConsole) => {
      const built = await createApp(parseConfig(env), createLogger('silent'), createAnswerer(), {
        agentConsole: () => fake,
        now: () => clock.now,
      });
      return { app: built, url: await listen(built.server, 0, '127.0.0.1') };
    };
    const conversation = { id: 'a:personal-restart', conversationType: 'personal', tenantId: 'tenant-1' };
    const says = async (url: string, text: string) => {
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          ...{ type: 'message', id: `m-${text.length}`, text, channelId: 'msteams', serviceUrl: connector.serviceUrl },
          ...{ conversation, from: { id: '29:pat', name: 'Pat' }, recipient: { id: '28:bot', name: 'Bot' } },
        }),
      });
      expect(res.status).toBeLessThan(300);
    };
    const first = await start(new FakeConsole());
    await says(first.url, 'talk to a person');
    clock.now = new Date(clock.now.getTime() + 60_000);
    await says(first.url, 'Connect me');
    await first.app.close();

    const second = await start(new FakeConsole());
    try {
      clock.now = new Date(clock.now.getTime() + 4 * 60_000);
      const update = connector.waitFor(conversation.id, 1);
      expect(await second.app.handover.sweep()).toBe(1);
      expect(String((await update)[0]!.activity.text)).toMatch(/^Still finding someone for you\. You're next/);
      const owner = (await second.app.handover.threadOwner('19:support@thread.tacv2;messageid=1'))!;
      const accepted = connector.waitFor(conversation.id, 1);
      await second.app.handover.agentAction(owner, JANE, { type: 'accept' });
      expect((await accepted)[0]!.activity.text).toBe(HANDOVER_TEXT.connected('Jane'));
    } finally {
      await second.app.close();
    }
  });
});
