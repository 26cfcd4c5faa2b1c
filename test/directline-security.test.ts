/** Token abuse, limits and bad input against the built-in Direct Line on the real server. */
import type { IncomingMessage } from 'node:http';
import type { Activity as BotActivity } from 'botbuilder';
import WebSocket from 'ws';
import { startWebChatServer, type RunningWebChat } from '../bench/web-chat-server';
import { botMiddleware } from '../bots';
import type { Activity } from '../directline';
import { openMemoryStores } from '../storage/memory';
import type { BatchTranscriptStore } from '../storage/types';
import { MAX_BODY_BYTES } from '../server';
import { clientAddress } from '../server/directline-routes';
import { WEB_TEXT } from '../server/web-routes';

interface Session {
  token: string;
  conversationId: string;
}

interface Started extends Session {
  streamUrl: string;
}

/** A hand-turned clock, so tokens can expire and conversations go idle without waiting. */
function clock() {
  let now = Date.parse('2025-01-01T09:00:00Z');
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const MINUTE = 60_000;

function headers(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
}

async function session(app: RunningWebChat): Promise<Session> {
  return (await (await fetch(`${app.url}/api/webchat/token`, { method: 'POST' })).json()) as Session;
}

async function started(app: RunningWebChat): Promise<Started> {
  const s = await session(app);
  const res = await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: headers(s.token) });
  expect(res.status).toBe(201);
  return { ...s, streamUrl: ((await res.json()) as { streamUrl: string }).streamUrl };
}

function conversationUrl(app: RunningWebChat, id: string, path = ''): string {
  return `${app.url}/v3/directline/conversations/${id}${path}`;
}

function post(app: RunningWebChat, s: Session, body: unknown, id = s.conversationId): Promise<Response> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return fetch(conversationUrl(app, id, '/activities'), { method: 'POST', headers: headers(s.token), body: text });
}

/** Opens a WebSocket; resolves with 101 when it opened, else the HTTP status the upgrade was refused with. */
function openStream(url: string, origin?: string): Promise<{ status: number; ws?: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('open', () => resolve({ status: 101, ws }));
    ws.once('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
    ws.once('error', () => resolve({ status: 0 }));
  });
}

/** The token with one character of its payload or signature changed. */
function tamper(token: string, part: 1 | 2): string {
  const parts = token.split('.');
  const p = parts[part]!;
  parts[part] = `${p.slice(0, 10)}${p[10] === 'A' ? 'B' : 'A'}${p.slice(11)}`;
  return parts.join('.');
}

/** The token with its user claim replaced, keeping the old signature. */
function withUser(token: string, user: string): string {
  const [h, p, s] = token.split('.');
  const claims = JSON.parse(Buffer.from(p!, 'base64url').toString());
  return [h, Buffer.from(JSON.stringify({ ...claims, user })).toString('base64url'), s].join('.');
}

describe('tokens', () => {
  let app: RunningWebChat;
  let a: Started;
  let b: Started;
  beforeAll(async () => {
    app = await startWebChatServer();
    [a, b] = [await started(app), await started(app)];
  });
  afterAll(() => app.close());

  it.each<[string, () => string]>([
    ["another conversation's token", () => b.token],
    ['a tampered payload', () => tamper(a.token, 1)],
    ['a tampered signature', () => tamper(a.token, 2)],
    ['a payload naming another user, signed for the first', () => withUser(a.token, 'dl_someone-else')],
    ['a stream token', () => new URL(a.streamUrl).searchParams.get('t')!],
    ['no token', () => ''],
    ['garbage', () => 'not.a.token'],
  ])('refuses %s with 403 on every conversation call', async (_name, token) => {
    const auth = headers(token());
    const calls = [
      fetch(conversationUrl(app, a.conversationId), { headers: auth }),
      fetch(conversationUrl(app, a.conversationId, '/activities'), { headers: auth }),
      post(app, { ...a, token: token() }, { type: 'message', text: 'hello' }),
    ];
    for (const res of await Promise.all(calls)) expect(res.status).toBe(403);
  });

  it.each<[string, () => string]>([
    ['a tampered token', () => tamper(a.token, 2)],
    ['a stream token', () => new URL(a.streamUrl).searchParams.get('t')!],
  ])('refuses to refresh %s', async (_name, token) => {
    const res = await fetch(`${app.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: headers(token()) });
    expect(res.status).toBe(403);
  });

  it('ignores a spoofed from: the echo and the bot both see the user the token names', async () => {
    const user = JSON.parse(Buffer.from(a.token.split('.')[1]!, 'base64url').toString()).user as string;
    const spoof = {
      type: 'message',
      text: 'what port for SMTP',
      from: { id: 'dl_victim', name: 'Admin', role: 'bot' },
    };
    const res = await post(app, a, spoof);
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    await app.webChat.directLine.service.settled();
    const { activities } = (await (
      await fetch(conversationUrl(app, a.conversationId, '/activities'), { headers: headers(a.token) })
    ).json()) as { activities: Activity[] };
    const echo = activities.find((x) => x.id === id);
    expect(echo?.from).toEqual({ id: user, role: 'user' });
    const answer = activities.find((x) => x.replyToId === id);
    expect(answer?.recipient).toEqual({ id: user, role: 'user' });
  });

  it.each<[string, (s: Started) => string, number]>([
    ['its own stream URL', (s) => s.streamUrl, 101],
    [
      "another conversation's stream token",
      (s) => s.streamUrl.replace(/t=[^&]+/, `t=${new URL(b.streamUrl).searchParams.get('t')}`),
      403,
    ],
    ['its REST token as stream token', (s) => s.streamUrl.replace(/t=[^&]+/, `t=${s.token}`), 403],
    ['a tampered stream token', (s) => s.streamUrl.replace(/t=([^&]+)/, (_m, t: string) => `t=${tamper(t, 2)}`), 403],
    ['a bad watermark', (s) => s.streamUrl.replace('watermark=', 'watermark=abc'), 400],
    ['another path', (s) => s.streamUrl.replace('/stream', '/streams'), 404],
  ])('opens a WebSocket with %s: %i', async (_name, url, status) => {
    const opened = await openStream(url(a));
    opened.ws?.close();
    expect(opened.status).toBe(status);
  });
});

describe('Origin', () => {
  let app: RunningWebChat;
  beforeAll(async () => {
    app = await startWebChatServer({ env: { WEBCHAT_ORIGINS: 'https://www.example.com' } });
  });
  afterAll(() => app.close());

  it.each<[string, (url: string) => string | undefined, number]>([
    ['no Origin (not a browser)', () => undefined, 101],
    ['its own origin', (url) => url, 101],
    ['an allowed site', () => 'https://www.example.com', 101],
    ['another site', () => 'https://evil.example.net', 403],
    ['a look-alike of the allowed site', () => 'https://www.example.com.evil.net', 403],
  ])('is checked on the WebSocket upgrade: %s → %i', async (_name, origin, status) => {
    const s = await started(app);
    const opened = await openStream(s.streamUrl, origin(app.url));
    opened.ws?.close();
    expect(opened.status).toBe(status);
  });

  it.each<[string, string | undefined, number, string | null]>([
    ['its own origin', 'self', 200, null],
    ['an allowed site', 'https://www.example.com', 200, 'https://www.example.com'],
    ['another site', 'https://evil.example.net', 403, null],
  ])('is checked by the token endpoint: %s', async (_name, origin, status, allowOrigin) => {
    const res = await fetch(`${app.url}/api/webchat/token`, {
      method: 'POST',
      headers: { origin: origin === 'self' ? app.url : origin! },
    });
    expect(res.status).toBe(status);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowOrigin);
    if (status === 403) expect(await res.json()).toEqual({ error: WEB_TEXT.foreignOrigin });
  });
});

describe('expiry and idle conversations', () => {
  const time = clock();
  let app: RunningWebChat;
  beforeAll(async () => {
    app = await startWebChatServer({ now: time.now, idleMs: 10 * MINUTE });
  });
  afterAll(() => app.close());

  it('refuses a token after 30 minutes, and a refreshed one lives on', async () => {
    const s = await started(app);
    time.advance(20 * MINUTE);
    const res = await fetch(`${app.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: headers(s.token) });
    const refreshed = ((await res.json()) as { token: string }).token;
    time.advance(11 * MINUTE);
    const get = (token: string) =>
      fetch(conversationUrl(app, s.conversationId, '/activities'), { headers: headers(token) });
    expect((await get(s.token)).status).toBe(403);
    expect(((await (await get(s.token)).json()) as { error: { code: string } }).error.code).toBe('TokenExpired');
    expect((await post(app, s, { type: 'message', text: 'hi' })).status).toBe(403);
    const refreshExpired = await fetch(`${app.url}/v3/directline/tokens/refresh`, {
      method: 'POST',
      headers: headers(s.token),
    });
    expect(refreshExpired.status).toBe(403);
    expect((await get(refreshed)).status).toBe(200);
  });

  it('refuses an expired stream token', async () => {
    const s = await started(app);
    time.advance(6 * MINUTE);
    expect((await openStream(s.streamUrl)).status).toBe(403);
  });

  it('cleans up conversations idle for longer than the idle time; used or followed ones stay', async () => {
    const [idle, busy, followed] = [await started(app), await started(app), await started(app)];
    const { ws } = await openStream(followed.streamUrl);
    time.advance(6 * MINUTE);
    expect((await post(app, busy, { type: 'message', text: 'hello' })).status).toBe(200);
    await app.webChat.directLine.service.settled();
    time.advance(6 * MINUTE);
    expect(app.webChat.directLine.service.sweep()).toBeGreaterThanOrEqual(1);
    const status = (c: Started) => fetch(conversationUrl(app, c.conversationId), { headers: headers(c.token) });
    expect((await status(idle)).status).toBe(404);
    expect((await status(busy)).status).toBe(200);
    expect((await status(followed)).status).toBe(200);
    ws?.close();
  });

  it('answers 404 for a conversation that was never started', async () => {
    const fresh = await session(app);
    expect((await fetch(conversationUrl(app, fresh.conversationId), { headers: headers(fresh.token) })).status).toBe(
      404,
    );
  });
});

describe('rate limits', () => {
  let app: RunningWebChat;
  beforeAll(async () => {
    app = await startWebChatServer({
      limits: {
        perConversation: { burst: 3, perSecond: 0.5 },
        newConversations: { burst: 2, perSecond: 0.1 },
        perClient: { burst: 40, perSecond: 1 },
      },
    });
  });
  afterAll(() => app.close());

  it('answers 429 with Retry-After when one conversation posts too fast', async () => {
    const s = await started(app);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(app, s, { type: 'message', text: `hello ${i}` })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const res = await post(app, s, { type: 'message', text: 'again' });
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('Throttled');
  });

  it('answers 429 with Retry-After when one client starts too many chats, then every call', async () => {
    const tries: Response[] = [];
    for (let i = 0; i < 3; i++) tries.push(await fetch(`${app.url}/api/webchat/token`, { method: 'POST' }));
    const res = tries.at(-1)!;
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(((await res.json()) as { error: string }).error).toMatch(/Too many chats/);
    const statuses = await Promise.all(
      Array.from({ length: 50 }, () => fetch(conversationUrl(app, 'x', '/activities'), { headers: headers('t') })),
    );
    expect(statuses.map((r) => r.status)).toContain(429);
  });
});

describe('behind a reverse proxy', () => {
  it.each<[string, string, string[]]>([
    ['trusted: each customer has their own allowance', 'true', ['198.51.100.1', '198.51.100.2']],
    ['not trusted: the proxy is one client', 'false', ['198.51.100.1', '198.51.100.2']],
    ['trusted: made-up earlier addresses do not help', 'true', ['1.1.1.1, 198.51.100.1', '2.2.2.2, 198.51.100.1']],
  ])('%s', async (name, trust, forwarded) => {
    const app = await startWebChatServer({
      env: { WEBCHAT_TRUST_PROXY: trust },
      limits: { newConversations: { burst: 1, perSecond: 0.01 } },
    });
    try {
      const statuses: number[] = [];
      for (const address of forwarded) {
        const res = await fetch(`${app.url}/api/webchat/token`, {
          method: 'POST',
          headers: { 'x-forwarded-for': address },
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual(name.startsWith('trusted: each') ? [200, 200] : [200, 429]);
    } finally {
      await app.close();
    }
  });

  it.each<[string | undefined, boolean, string]>([
    ['203.0.113.7', true, '203.0.113.7'],
    ['203.0.113.7:51234', true, '203.0.113.7'],
    ['[2001:db8::1]:51234', true, '2001:db8::1'],
    ['2001:db8::1', true, '2001:db8::1'],
    ['10.0.0.1, 203.0.113.7', true, '203.0.113.7'],
    ['203.0.113.7', false, '127.0.0.1'],
    [undefined, true, '127.0.0.1'],
  ])('counts X-Forwarded-For %j (trusted: %s) as %s', (header, trust, address) => {
    const req = { headers: { 'x-forwarded-for': header }, socket: { remoteAddress: '127.0.0.1' } };
    expect(clientAddress(req as unknown as IncomingMessage, trust)).toBe(address);
  });
});

describe('bad input', () => {
  let app: RunningWebChat;
  let s: Started;
  beforeAll(async () => {
    app = await startWebChatServer();
    s = await started(app);
  });
  afterAll(() => app.close());

  it.each<[string, number, unknown, RegExp]>([
    ['invalid JSON', 400, '{"type": "message", "text": "hunter2', /./],
    ['a non-object', 400, '[1, 2]', /JSON activity object/],
    ['an invoke', 400, { type: 'invoke', name: 'x' }, /message, event, typing/],
    ['a message with nothing in it', 400, { type: 'message' }, /needs text/],
    ['text of the wrong type', 400, { type: 'message', text: 42 }, /has the wrong type/],
    ['a body over the cap', 413, { type: 'message', text: 'x'.repeat(MAX_BODY_BYTES) }, /./],
  ])('answers %s with %i and a plain error, and stays up', async (_name, status, body, message) => {
    const res = await post(app, s, body);
    expect(res.status).toBe(status);
    expect(JSON.stringify(await res.json())).toMatch(message);
    expect((await post(app, s, { type: 'message', text: 'hello' })).status).toBe(200);
  });

  it.each([
    ['abc', 400],
    ['-1', 400],
    ['', 200],
    ['0', 200],
  ])('answers watermark %j with %i', async (watermark, status) => {
    const res = await fetch(conversationUrl(app, s.conversationId, `/activities?watermark=${watermark}`), {
      headers: headers(s.token),
    });
    expect(res.status).toBe(status);
  });

  it('never writes message text or tokens to the logs', async () => {
    await post(app, s, { type: 'message', text: 'my password is hunter2' });
    await app.webChat.directLine.service.settled();
    const logs = app.logs.join('');
    expect(logs).not.toContain('hunter2');
    expect(logs).not.toContain(s.token);
  });
});

describe('acknowledgement', () => {
  const stores = openMemoryStores();
  let failing = false;
  const transcripts: BatchTranscriptStore = Object.assign(Object.create(stores.transcripts), {
    logActivities: async (activities: BotActivity[]) => {
      // Why slow: an answer sent before the turn is written would then certainly come first.
      await new Promise((resolve) => setTimeout(resolve, 50));
      if (failing) throw new Error('disk full');
      await stores.transcripts.logActivities(activities);
    },
  });
  let app: RunningWebChat;
  beforeAll(async () => {
    app = await startWebChatServer({ middleware: botMiddleware({ ...stores, transcripts }) });
  });
  afterAll(() => app.close());

  const recorded = async (conversationId: string) =>
    (await stores.transcripts.getTranscriptActivities('directline', conversationId)).items;

  it('answers 200 only once the activity and its reply are in the transcript, with the id it stored', async () => {
    const s = await started(app);
    const res = await post(app, s, { type: 'message', text: 'what port for SMTP' });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const items = await recorded(s.conversationId);
    expect(items.find((a) => a.from.role === 'user' && a.type === 'message')?.id).toBe(id);
    expect(items.find((a) => a.from.role === 'bot' && a.replyToId === id)?.text).toMatch(/465/);
    const stored = await fetch(conversationUrl(app, s.conversationId, '/activities'), { headers: headers(s.token) });
    expect(((await stored.json()) as { activities: Activity[] }).activities.map((a) => a.id)).toContain(id);
  });

  it("answers 500 in Direct Line's error shape when the turn cannot be recorded, and 200 again once it can", async () => {
    const s = await started(app);
    failing = true;
    const res = await post(app, s, { type: 'message', text: 'imap server' });
    failing = false;
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('ServiceError');
    expect((await post(app, s, { type: 'message', text: 'imap server' })).status).toBe(200);
  });
});

describe('shutdown', () => {
  it('closes open streams with 1001 and finishes promptly', async () => {
    const app = await startWebChatServer();
    const s = await started(app);
    const { ws } = await openStream(s.streamUrl);
    const closed = new Promise<number>((resolve) => ws!.once('close', (code) => resolve(code)));
    const began = Date.now();
    await app.close();
    expect(await closed).toBe(1001);
    expect(Date.now() - began).toBeLessThan(1500);
  });
});
