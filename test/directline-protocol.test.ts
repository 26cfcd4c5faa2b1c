/** The built-in Direct Line, driven by the official client (botframework-directlinejs) against the real server and bot. */
import { startWebChatServer, type RunningWebChat } from '../bench/web-chat-server';
import type { Activity } from '../directline';
import { connectClient, type Client } from './helpers/directline-client';

let app: RunningWebChat;
const clients: Client[] = [];

beforeAll(async () => {
  app = await startWebChatServer();
});
afterEach(() => clients.splice(0).forEach((c) => c.end()));
afterAll(() => app.close());

interface Session {
  token: string;
  conversationId: string;
  expiresIn: number;
  domain: string;
}

async function newSession(): Promise<Session> {
  const res = await fetch(`${app.url}/api/webchat/token`, { method: 'POST' });
  expect(res.status).toBe(200);
  return (await res.json()) as Session;
}

function connect(session: Session, webSocket: boolean, conversationId?: string): Client {
  const domain = `${app.url}${session.domain}`;
  const client = connectClient({ domain, token: session.token, conversationId, webSocket, pollingInterval: 200 });
  clients.push(client);
  return client;
}

const fromBot = (pattern: RegExp) => (a: Activity) => a.from?.role === 'bot' && pattern.test(a.text ?? '');
const ISO_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

describe.each([
  ['a WebSocket', true],
  ['polling', false],
])('the official client over %s', (_transport, webSocket) => {
  it('gets a token of at least 30 minutes and is welcomed without typing anything', async () => {
    const session = await newSession();
    expect(session.expiresIn).toBeGreaterThanOrEqual(30 * 60);
    const client = connect(session, webSocket);
    const welcome = await client.waitFor(fromBot(/BT Email settings assistant/));
    expect(welcome).toMatchObject({
      type: 'message',
      from: { role: 'bot' },
      conversation: { id: session.conversationId },
    });
    expect(welcome.id).toMatch(new RegExp(`^${session.conversationId}\\|\\d+$`));
    expect(welcome.timestamp).toMatch(ISO_TIMESTAMP);
    // Nothing the client saw is replied to, so there is no replyToId to wait for.
    expect(welcome.replyToId).toBeUndefined();
  });

  it("echoes the customer's message with an id and its clientActivityID, then answers replying to it", async () => {
    const session = await newSession();
    const client = connect(session, webSocket);
    await client.waitFor(fromBot(/BT Email settings assistant/));
    const id = await client.post({ text: 'what port for SMTP', channelData: { clientActivityID: 'client-1' } });
    const echo = await client.waitFor((a) => a.id === id);
    expect(echo).toMatchObject({
      text: 'what port for SMTP',
      from: { role: 'user' },
      channelData: { clientActivityID: 'client-1' },
    });
    expect(echo.timestamp).toMatch(ISO_TIMESTAMP);
    const answer = await client.waitFor(fromBot(/465/));
    expect(answer.replyToId).toBe(id);
    expect(answer.timestamp).toMatch(ISO_TIMESTAMP);
    expect(answer.timestamp! >= echo.timestamp!).toBe(true);
  });
});

describe('a conversation over the official client', () => {
  it('runs the POP to IMAP walkthrough by its buttons, as Web Chat posts them', async () => {
    const client = connect(await newSession(), true);
    await client.waitFor(fromBot(/BT Email settings assistant/));
    // A card button (Action.Submit) arrives as a message whose value is the button's data.
    await client.post({
      value: { text: 'Switch POP to IMAP', msteams: { type: 'imBack', value: 'Switch POP to IMAP' } },
    });
    await client.waitFor(fromBot(/Step 1 of 6/));
    // Suggested actions (imBack) arrive as typed text.
    await client.post({ text: 'Outlook' });
    for (let step = 2; step <= 6; step++) {
      await client.waitFor(fromBot(new RegExp(`Step ${step} of 6`)));
      await client.post({ text: 'Next' });
    }
    const done = await client.waitFor(fromBot(/Was this helpful\?/));
    expect(done.suggestedActions).toMatchObject({
      actions: [{ title: 'Yes, that helped' }, { title: "No, that didn't help" }],
    });
  });

  it('reconnects to the same conversation by its id: the history comes back once and the chat goes on', async () => {
    const session = await newSession();
    const first = connect(session, true);
    await first.waitFor(fromBot(/BT Email settings assistant/));
    await first.post({ text: 'what port for SMTP' });
    await first.waitFor(fromBot(/465/));
    first.end();
    const again = connect(session, true, session.conversationId);
    await again.waitFor(fromBot(/465/));
    expect(again.received.filter(fromBot(/BT Email settings assistant/))).toHaveLength(1);
    await again.post({ text: 'and the IMAP server?' });
    await again.waitFor(fromBot(/IMAP\) server is mail\.btinternet\.com/));
  });

  it('refreshes its token; the new one works on the same conversation', async () => {
    const session = await newSession();
    const client = connect(session, true);
    await client.waitFor(fromBot(/BT Email settings assistant/));
    const res = await fetch(`${app.url}/v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.token}` },
    });
    expect(res.status).toBe(200);
    const refreshed = (await res.json()) as { token: string; conversationId: string; expires_in: number };
    expect(refreshed.conversationId).toBe(session.conversationId);
    expect(refreshed.expires_in).toBeGreaterThanOrEqual(30 * 60);
    const polling = connect({ ...session, token: refreshed.token }, false, session.conversationId);
    await polling.post({ text: 'what port for SMTP' });
    await polling.waitFor(fromBot(/465/));
  });
});

describe('watermarks', () => {
  it('are opaque strings that only grow, and GET activities returns only what came after one', async () => {
    const session = await newSession();
    const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
    const base = `${app.url}/v3/directline/conversations/${session.conversationId}`;
    expect((await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers })).status).toBe(201);
    await app.webChat.directLine.service.settled();
    const first = (await (await fetch(`${base}/activities`, { headers })).json()) as {
      watermark: string;
      activities: Activity[];
    };
    expect(first.activities).toHaveLength(1);
    const body = JSON.stringify({ type: 'message', text: 'what port for SMTP', from: { id: 'x' } });
    expect((await fetch(`${base}/activities`, { method: 'POST', headers, body })).status).toBe(200);
    await app.webChat.directLine.service.settled();
    const next = (await (await fetch(`${base}/activities?watermark=${first.watermark}`, { headers })).json()) as {
      watermark: string;
      activities: Activity[];
    };
    expect(next.activities.map((a) => a.from?.role)).toEqual(['user', 'bot']);
    expect(Number(next.watermark)).toBeGreaterThan(Number(first.watermark));
    const none = (await (await fetch(`${base}/activities?watermark=${next.watermark}`, { headers })).json()) as {
      watermark: string;
      activities: Activity[];
    };
    expect(none).toEqual({ activities: [], watermark: next.watermark });
  });
});
