/**
 * The built-in Direct Line across a restart, in process: a server on SQLite stops, a new one opens the same file,
 * and the official client resumes; a proactive message (an agent's, in a handover) reaches a conversation that is
 * only on disk. Real HTTP and the real bot; the process test kills a built bot instead.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConversationReference, TurnContext } from 'botbuilder';
import { startWebChatServer, type RunningWebChat } from '../bench/web-chat-server';
import {
  ConversationGoneError,
  DEFAULT_BOT_ACCOUNT,
  DIRECTLINE_CHANNEL_ID,
  IN_PROCESS_SERVICE_URL,
  MemoryConversationRecords,
  type Activity,
  type LoadedConversation,
  type RecordedActivity,
} from '../directline';
import { openSqliteStores } from '../storage/sqlite';
import type { Stores } from '../storage/types';
import { connectClient, type Client } from './helpers/directline-client';

const env = { WEBCHAT_TOKEN_SECRET: 'restart-test-secret-'.repeat(3) };
const fromBot = (pattern: RegExp) => (a: Activity) => a.from?.role === 'bot' && pattern.test(a.text ?? '');

let dir: string;
const running: { app: RunningWebChat; stores: Stores }[] = [];
const clients: Client[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'directline-restart-'));
});

afterEach(async () => {
  clients.splice(0).forEach((c) => c.end());
  for (const { app, stores } of running.splice(0)) await stop(app, stores);
  rmSync(dir, { recursive: true, force: true });
});

/** The bot and its web chat on SQLite in `dir`, as after a (re)start. */
async function start(): Promise<RunningWebChat> {
  const stores = openSqliteStores(dir);
  const app = await startWebChatServer({ env, records: stores.directLine });
  running.push({ app, stores });
  return app;
}

async function stop(app: RunningWebChat, stores: Stores): Promise<void> {
  await app.close();
  await app.webChat.directLine.store.idle();
  await stores.close();
}

/** Stops the newest server and closes its database, as a restart does. */
async function restart(): Promise<RunningWebChat> {
  const last = running.pop()!;
  await stop(last.app, last.stores);
  return start();
}

function connect(app: RunningWebChat, token: string, resume?: { conversationId: string; watermark: string }): Client {
  const domain = `${app.url}/v3/directline`;
  const client = connectClient({ domain, token, webSocket: true, ...resume });
  clients.push(client);
  return client;
}

/** A new chat: the customer is welcomed, asks for the SMTP port and gets it. */
async function chat(app: RunningWebChat): Promise<{ token: string; conversationId: string; client: Client }> {
  const session = (await (await fetch(`${app.url}/api/webchat/token`, { method: 'POST' })).json()) as {
    token: string;
    conversationId: string;
  };
  const client = connect(app, session.token);
  await client.waitFor(fromBot(/BT Email settings assistant/));
  await client.post({ text: 'what port for SMTP' });
  await client.waitFor(fromBot(/465/));
  return { ...session, client };
}

/** Every activity the conversation keeps, read from the start by polling. */
async function history(app: RunningWebChat, token: string, conversationId: string): Promise<Activity[]> {
  const res = await fetch(`${app.url}/v3/directline/conversations/${conversationId}/activities`, {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Activity[] }).activities;
}

/** What the handover keeps to reach a web chat customer later. */
function reference(conversationId: string, user: string): Partial<ConversationReference> {
  return {
    channelId: DIRECTLINE_CHANNEL_ID,
    serviceUrl: IN_PROCESS_SERVICE_URL,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    user: { id: user, name: '' },
    bot: { id: DEFAULT_BOT_ACCOUNT.id, name: DEFAULT_BOT_ACCOUNT.name ?? '' },
  };
}

const userOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).user as string;
const say = (text: string) => (context: TurnContext) => context.sendActivity(text).then(() => undefined);

describe('after a restart on the same SQLite file', () => {
  it('the client resumes with its token and watermark: nothing doubled, nothing missed, and the chat goes on', async () => {
    const first = await start();
    const { token, conversationId, client } = await chat(first);
    const seen = client.received.map((a) => a.id);
    const watermark = client.watermark();
    client.end();

    const second = await restart();
    const resumed = connect(second, token, { conversationId, watermark });
    await resumed.post({ text: 'and the IMAP server?' });
    await resumed.waitFor(fromBot(/mail\.btinternet\.com/));
    expect(resumed.received.map((a) => a.text)).toEqual(['and the IMAP server?', expect.stringMatching(/IMAP/)]);
    const all = (await history(second, token, conversationId)).map((a) => a.id);
    expect(all).toEqual([...seen, ...resumed.received.map((a) => a.id)]);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([
    ['while the customer has a stream open', true],
    ['while nobody is connected, for their next poll', false],
  ])('an agent message sent by continueConversation reaches the customer %s', async (_name, connected) => {
    const first = await start();
    const { token, conversationId, client } = await chat(first);
    const watermark = client.watermark();
    client.end();

    const second = await restart();
    const { adapter } = second.webChat.directLine;
    const resumed = connected ? connect(second, token, { conversationId, watermark }) : undefined;
    if (resumed) await waitUntil(async () => (await adapter.conversationStatus(conversationId))?.followed === true);
    await adapter.continueConversation(reference(conversationId, userOf(token)), say('Hi, I am Sam from support.'));
    const later = resumed ?? connect(second, token, { conversationId, watermark });
    const message = await later.waitFor(fromBot(/Sam from support/));
    expect(message).toMatchObject({ recipient: { id: userOf(token) }, conversation: { id: conversationId } });
    expect(later.received).toHaveLength(1);
  });
});

describe('what the handover can ask of a built-in Direct Line conversation', () => {
  it('whether it exists, whether a stream is open, and when the customer was last there', async () => {
    const app = await start();
    const { conversationId, client } = await chat(app);
    const { adapter } = app.webChat.directLine;
    expect(await adapter.conversationStatus(conversationId)).toEqual({
      followed: true,
      lastSeen: expect.any(Number),
      lastActive: expect.any(Number),
    });
    client.end();
    await waitUntil(async () => (await adapter.conversationStatus(conversationId))?.followed === false);
    const left = await adapter.conversationStatus(conversationId);
    expect(left!.lastSeen).toBeLessThanOrEqual(Date.now());
    expect(await adapter.conversationStatus('never-opened')).toBeUndefined();
  });

  it('refuses to continue a conversation that does not exist, before the logic runs', async () => {
    const app = await start();
    let ran = false;
    const logic = async () => void (ran = true);
    const sent = app.webChat.directLine.adapter.continueConversation(reference('gone', 'dl_x'), logic);
    await expect(sent).rejects.toThrow(ConversationGoneError);
    expect(ran).toBe(false);
  });
});

/** Records whose writes can be held back or fail, and whose reads can fail: a slow or broken disk. */
class UnsteadyRecords extends MemoryConversationRecords {
  failing = false;
  private held?: Promise<void>;
  private release = () => undefined as void;

  /** Holds every write back until the returned function is called. */
  hold(): () => void {
    this.held = new Promise((resolve) => (this.release = resolve));
    return () => this.release();
  }

  override async append(id: string, entry: RecordedActivity): Promise<void> {
    await this.held;
    if (this.failing) throw new Error('disk full');
    return super.append(id, entry);
  }

  override async load(id: string): Promise<LoadedConversation | undefined> {
    if (this.failing) throw new Error('disk unreadable');
    return super.load(id);
  }
}

describe('when the store is slow or failing', () => {
  const records = new UnsteadyRecords();
  let app: RunningWebChat;
  beforeAll(async () => {
    app = await startWebChatServer({ env, records });
  });
  afterAll(() => app.close());

  async function started(): Promise<{ token: string; conversationId: string; url: string }> {
    const session = (await (await fetch(`${app.url}/api/webchat/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const res = await fetch(`${app.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(res.status).toBe(201);
    await app.webChat.directLine.service.settled();
    return { ...session, url: `${app.url}/v3/directline/conversations/${session.conversationId}` };
  }

  const send = (chat: { token: string; url: string }, text: string) =>
    fetch(`${chat.url}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${chat.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text }),
    });

  it('no client sees an activity before it is recorded, and the post is answered only after', async () => {
    const chat = await started();
    const before = (await history(app, chat.token, chat.conversationId)).length;
    const { store } = app.webChat.directLine;
    const bytes = store.bytesOf(chat.conversationId)!;
    const release = records.hold();
    let answered = false;
    const posted = send(chat, 'what port for SMTP').then((res) => ((answered = true), res));
    // The echo is in memory, its write held back.
    await waitUntil(async () => store.bytesOf(chat.conversationId)! > bytes);
    expect((await history(app, chat.token, chat.conversationId)).length).toBe(before);
    expect(answered).toBe(false);
    release();
    expect((await posted).status).toBe(200);
    const after = await history(app, chat.token, chat.conversationId);
    expect(after.slice(before).map((a) => a.from?.role)).toEqual(['user', 'bot']);
  });

  it('answers 500 when an activity cannot be recorded, shows nothing of it, and carries on once it can', async () => {
    const chat = await started();
    const before = await history(app, chat.token, chat.conversationId);
    records.failing = true;
    const failed = await send(chat, 'what port for SMTP');
    records.failing = false;
    expect(failed.status).toBe(500);
    expect(((await failed.json()) as { error: { code: string } }).error.code).toBe('ServiceError');
    expect(await history(app, chat.token, chat.conversationId)).toEqual(before);
    expect((await send(chat, 'what port for SMTP')).status).toBe(200);
    const ids = (await history(app, chat.token, chat.conversationId)).map((a) => a.id!);
    expect(new Set(ids).size).toBe(ids.length);
    const numbers = ids.map((id) => Number(id.split('|')[1]));
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('answers 500, not a dropped request, when a conversation cannot be read back after a restart', async () => {
    const chat = await started();
    const restarted = await startWebChatServer({ env, records });
    try {
      const url = `${restarted.url}/v3/directline/conversations/${chat.conversationId}`;
      const reconnect = () => fetch(url, { headers: { authorization: `Bearer ${chat.token}` } });
      records.failing = true;
      const failed = await reconnect();
      records.failing = false;
      expect(failed.status).toBe(500);
      expect((await reconnect()).status).toBe(200);
    } finally {
      await restarted.close();
    }
  });
});

/** Polls `check` every 20 ms until it holds (the stream's open and close reach the server asynchronously). */
async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
