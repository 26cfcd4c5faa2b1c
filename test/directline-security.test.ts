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
    expect(await app.webChat.directLine.service.sweep()).toBeGreaterThanOrEqual(1);
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

describe('memory and capacity', () => {
  const KB = 1024;
  const forwarded = (address: string) => ({ 'x-forwarded-for': address });

  /** A customer at `address` (X-Forwarded-For, to a server that trusts its proxy) starting a chat: the statuses, and the chat. */
  async function startFrom(app: RunningWebChat, address: string): Promise<{ status: number; chat?: Started }> {
    const res = await fetch(`${app.url}/api/webchat/token`, { method: 'POST', headers: forwarded(address) });
    if (res.status !== 200) return { status: res.status };
    const s = (await res.json()) as Session;
    const opened = await fetch(`${app.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { ...headers(s.token), ...forwarded(address) },
    });
    if (opened.status !== 201) return { status: opened.status };
    return { status: 201, chat: { ...s, streamUrl: ((await opened.json()) as { streamUrl: string }).streamUrl } };
  }

  function postFrom(app: RunningWebChat, address: string, s: Session, body: unknown): Promise<Response> {
    return fetch(conversationUrl(app, s.conversationId, '/activities'), {
      method: 'POST',
      headers: { ...headers(s.token), ...forwarded(address) },
      body: JSON.stringify(body),
    });
  }

  describe('one activity', () => {
    let app: RunningWebChat;
    beforeAll(async () => {
      app = await startWebChatServer();
    });
    afterAll(() => app.close());

    const mailLog = 'Remote server returned 550 5.7.1 relaying denied by mail.btinternet.com\n'.repeat(110);
    it.each<[string, number, string]>([
      ['a pasted mail log of 8 KB', 200, mailLog],
      ['a message of 40 KB', 413, 'x'.repeat(40 * KB)],
    ])('posting %s answers %i', async (_name, status, text) => {
      const s = await started(app);
      const res = await post(app, s, { type: 'message', text });
      expect(res.status).toBe(status);
      if (status === 413)
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('MessageSizeTooBig');
    });
  });

  describe('per client', () => {
    it.each<[string, string, string, number]>([
      ['two addresses in one IPv6 /64 share one allowance', '2001:db8:1:2::1', '2001:db8:1:2:ffff::7', 429],
      ['addresses in two /64s do not', '2001:db8:1:2::1', '2001:db8:1:3::1', 200],
      ['an IPv4 address and its IPv6-mapped form are one client', '198.51.100.7', '::ffff:198.51.100.7', 429],
    ])('%s', async (_name, first, second, status) => {
      const app = await startWebChatServer({
        env: { WEBCHAT_TRUST_PROXY: 'true' },
        limits: { newConversations: { burst: 1, perSecond: 0.001 } },
      });
      try {
        const token = (address: string) =>
          fetch(`${app.url}/api/webchat/token`, { method: 'POST', headers: forwarded(address) });
        expect((await token(first)).status).toBe(200);
        expect((await token(second)).status).toBe(status);
      } finally {
        await app.close();
      }
    });

    it('holds at most its open chats per /64: its own unfollowed chat is recycled, never a followed one', async () => {
      const app = await startWebChatServer({
        env: { WEBCHAT_TRUST_PROXY: 'true' },
        store: { maxConversationsPerClient: 2 },
      });
      const streams: WebSocket[] = [];
      const follow = async (chat: Started) => streams.push((await openStream(chat.streamUrl)).ws!);
      const status = (chat: Started) =>
        fetch(conversationUrl(app, chat.conversationId), { headers: headers(chat.token) }).then((r) => r.status);
      try {
        const [one, two] = [(await startFrom(app, '2001:db8::1')).chat!, (await startFrom(app, '2001:db8::2')).chat!];
        await follow(one);
        const three = await startFrom(app, '2001:db8::3');
        expect([three.status, await status(one), await status(two)]).toEqual([201, 200, 404]);
        await follow(three.chat!);
        expect((await startFrom(app, '2001:db8::4')).status).toBe(429);
        expect((await startFrom(app, '2001:db8:0:1::4')).status).toBe(201);
      } finally {
        streams.forEach((ws) => ws.close());
        await app.close();
      }
    });
  });

  /** A customer chatting while the flood goes on: whether each message got 200 and its answer. */
  async function ask(app: RunningWebChat, customer: Started): Promise<boolean> {
    const address = '198.51.100.1';
    const res = await postFrom(app, address, customer, { type: 'message', text: 'what port for SMTP' });
    const { id } = (await res.json()) as { id: string };
    const got = await fetch(conversationUrl(app, customer.conversationId, '/activities'), {
      headers: { ...headers(customer.token), ...forwarded(address) },
    });
    const { activities } = (await got.json()) as { activities: Activity[] };
    return res.status === 200 && activities.some((x) => x.replyToId === id && /465/.test(x.text ?? ''));
  }

  /** Rounds 10 seconds apart; in each, 20 IPv6 /64s (a new address in each) open a chat and post `posts`. */
  async function flood(app: RunningWebChat, time: ReturnType<typeof clock>, round: number, posts: string[]) {
    time.advance(10_000);
    await Promise.all(
      Array.from({ length: 20 }, async (_, a) => {
        const address = `2001:db8:0:${a}::${round}`;
        const { chat } = await startFrom(app, address);
        for (const text of chat ? posts : []) await postFrom(app, address, chat!, { type: 'message', text });
      }),
    );
  }

  describe('a sustained flood of big activities', () => {
    const time = clock();
    const LIMITS = { maxTotalBytes: 1024 * KB, maxConversationBytes: 96 * KB };
    let app: RunningWebChat;
    beforeAll(async () => {
      app = await startWebChatServer({ env: { WEBCHAT_TRUST_PROXY: 'true' }, now: time.now, store: LIMITS });
    });
    afterAll(() => app.close());

    it('keeps memory within the byte limit while an existing chat is answered', async () => {
      const customer = (await startFrom(app, '198.51.100.1')).chat!;
      const { ws } = await openStream(customer.streamUrl);
      const gc = (global as { gc?: () => void }).gc;
      const heap = () => (gc?.(), process.memoryUsage().heapUsed);
      let heapBefore = 0;
      let peak = 0;
      const answered: boolean[] = [];
      for (let round = 0; round < 6; round++) {
        await flood(app, time, round, Array(3).fill('x'.repeat(30 * KB)));
        peak = Math.max(peak, app.webChat.directLine.store.bytes);
        answered.push(await ask(app, customer));
        if (round === 1) heapBefore = heap();
      }
      ws?.close();
      expect(answered).toEqual(Array(6).fill(true));
      // 360 activities of 30 KB were posted: 10.5 MB, 7 MB of them after the heap was first measured.
      expect(peak).toBeLessThanOrEqual(LIMITS.maxTotalBytes);
      // Only with node --expose-gc: what the process holds, not only what the store counts (it grew 0.4 MB).
      if (gc) expect(heap() - heapBefore).toBeLessThan(4 * 1024 * KB);
      // Why more than jest's 5 s: 360 turns of 30 KB, each redacted for the transcript and for the stored copy
      // (2.6 s alone on the development VM, over 5 s beside the rest of the suite on its two shared cores).
    }, 20_000);
  });

  describe('a sustained flood of conversations', () => {
    it.each<[string, string[], number[]]>([
      ['nobody uses: a new customer gets in at once', [], [201]],
      ['each posted to once: a new customer gets in within a minute', ['hi'], [503, 201]],
    ])('of conversations %s, and an existing chat is answered throughout', async (_name, posts, statuses) => {
      const time = clock();
      const app = await startWebChatServer({
        env: { WEBCHAT_TRUST_PROXY: 'true' },
        now: time.now,
        store: { maxConversations: 40 },
      });
      try {
        const customer = (await startFrom(app, '198.51.100.1')).chat!;
        const { ws } = await openStream(customer.streamUrl);
        const answered: boolean[] = [];
        for (let round = 0; round < 6; round++) {
          await flood(app, time, round, posts);
          answered.push(await ask(app, customer));
        }
        expect(app.webChat.directLine.store.size).toBe(40);
        const tries = [await startFrom(app, '203.0.113.50')];
        if (tries[0]!.status !== 201) time.advance(61_000);
        if (tries[0]!.status !== 201) tries.push(await startFrom(app, '203.0.113.50'));
        ws?.close();
        expect(answered).toEqual(Array(6).fill(true));
        expect(tries.map((t) => t.status)).toEqual(statuses);
      } finally {
        await app.close();
      }
    });
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
