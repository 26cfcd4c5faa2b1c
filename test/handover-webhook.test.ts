import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createWebhookSender,
  httpPost,
  retryAfterMs,
  type Post,
  type PostResult,
  type WebhookOptions,
} from '../handover/webhook';
import { verifyWebhook } from '../security/webhooks';

const SECRET = 's'.repeat(40);
const URL_ = 'https://tickets.example.com/hooks/bot?key=q';
const START = Date.parse('2025-01-06T12:00:00Z');
const PASSWORD = 'Tr0ub4dor&3xyz';
const TICKET = {
  id: 'ticket-1',
  message: `Please call me back. My password is ${PASSWORD}`,
  transcript: [{ type: 'message', text: `password: ${PASSWORD}` }],
};

interface Call {
  url: string;
  headers: Readonly<Record<string, string>>;
  body: string;
  at: number;
}

/** A receiver that answers from a script (the last answer repeats), on a clock that sleeping moves on. */
function fakes(script: (PostResult | number)[], options: Partial<WebhookOptions> & { postTakesMs?: number } = {}) {
  let clock = START;
  const calls: Call[] = [];
  const sleeps: number[] = [];
  const logs: unknown[] = [];
  const post: Post = async (url, headers, body) => {
    calls.push({ url, headers, body, at: clock });
    clock += options.postTakesMs ?? 0;
    const next = script[Math.min(calls.length, script.length) - 1] ?? 200;
    return typeof next === 'number' ? { kind: 'answered', status: next } : next;
  };
  const send = createWebhookSender({
    url: URL_,
    secret: SECRET,
    post,
    now: () => clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock += ms;
    },
    random: () => 1,
    logger: { info: (...args) => logs.push(args), warn: (...args) => logs.push(args) },
    ...options,
  });
  return { send, calls, sleeps, logs };
}

const refused: PostResult = { kind: 'failed', reason: 'connect ECONNREFUSED' };
const busy = (retryAfter: string): PostResult => ({ kind: 'answered', status: 429, retryAfter });

describe('createWebhookSender', () => {
  it('POSTs the ticket, redacted, as JSON to the configured URL, with a signature the receiver verifies', async () => {
    const { send, calls } = fakes([200]);
    await expect(send(TICKET)).resolves.toEqual({ kind: 'delivered', attempts: 1, status: 200 });
    const [call] = calls;
    expect(call?.url).toBe(URL_);
    expect(call?.headers['Content-Type']).toBe('application/json');
    expect(call?.body).not.toContain(PASSWORD);
    expect(JSON.parse(call?.body ?? '')).toMatchObject({
      id: 'ticket-1',
      message: expect.stringContaining('[redacted]'),
    });
    const received = { signature: call?.headers['X-Signature-256'], timestamp: call?.headers['X-Timestamp'] };
    expect(verifyWebhook(SECRET, call?.body ?? '', received, START)).toEqual({ kind: 'valid' });
  });

  it.each<[string, (PostResult | number)[], object, number[]]>([
    ['503 then 200', [503, 200], { kind: 'delivered', attempts: 2 }, [1000]],
    [
      '408, 429, 500, 502 then 204',
      [408, 429, 500, 502, 204],
      { kind: 'delivered', attempts: 5, status: 204 },
      [1000, 2000, 4000, 8000],
    ],
    ['no answer, then 201', [refused, 201], { kind: 'delivered', attempts: 2, status: 201 }, [1000]],
    [
      'always 503: five attempts',
      [503],
      { kind: 'failed', attempts: 5, reason: 'HTTP 503; gave up after 5 attempts' },
      [1000, 2000, 4000, 8000],
    ],
    [
      'never an answer',
      [refused],
      { kind: 'failed', attempts: 5, reason: 'connect ECONNREFUSED; gave up after 5 attempts' },
      [1000, 2000, 4000, 8000],
    ],
    ['400: not retried', [400, 200], { kind: 'failed', attempts: 1, reason: 'HTTP 400' }, []],
    ['401: not retried', [401, 200], { kind: 'failed', attempts: 1, reason: 'HTTP 401' }, []],
    ['413: not retried', [413, 200], { kind: 'failed', attempts: 1, reason: 'HTTP 413' }, []],
    [
      'a redirect: not followed',
      [302, 200],
      { kind: 'failed', attempts: 1, reason: 'HTTP 302, a redirect, not followed' },
      [],
    ],
    ['Retry-After in seconds, longer than the back-off', [busy('7'), 200], { kind: 'delivered', attempts: 2 }, [7000]],
    ['Retry-After shorter than the back-off', [503, busy('1'), 200], { kind: 'delivered', attempts: 3 }, [1000, 2000]],
    [
      'Retry-After as a date',
      [busy('Mon, 06 Jan 2025 12:00:20 GMT'), 200],
      { kind: 'delivered', attempts: 2 },
      [20_000],
    ],
    ['Retry-After unreadable: the back-off', [busy('soon'), 200], { kind: 'delivered', attempts: 2 }, [1000]],
    [
      'Retry-After over the longest wait',
      [busy('3600'), 200],
      { kind: 'failed', attempts: 1, reason: 'HTTP 429; Retry-After 3600000 ms is too long' },
      [],
    ],
  ])('%s', async (_name, script, expected, sleeps) => {
    const f = fakes(script);
    await expect(f.send(TICKET)).resolves.toMatchObject(expected);
    expect(f.sleeps).toEqual(sleeps);
    expect(new Set(f.calls.map((c) => c.url))).toEqual(new Set([URL_]));
  });

  it('doubles the back-off up to the longest wait, with jitter between half and all of it', async () => {
    const low = fakes([503], { random: () => 0, maxAttempts: 8, maxDelayMs: 10_000, maxTotalMs: 1e9 });
    await low.send(TICKET);
    expect(low.sleeps).toEqual([500, 1000, 2000, 4000, 5000, 5000, 5000]);
    const high = fakes([503], { maxAttempts: 8, maxDelayMs: 10_000, maxTotalMs: 1e9 });
    await high.send(TICKET);
    expect(high.sleeps).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000, 10_000]);
  });

  it('starts no attempt past the total time limit', async () => {
    // Each attempt takes 50 s: 0 → 50, wait 1 s, 51 → 101, wait 2 s, 103 → 153; a 4 s wait would end past 120 s.
    const f = fakes([503], { postTakesMs: 50_000 });
    await expect(f.send(TICKET)).resolves.toEqual({
      kind: 'failed',
      attempts: 3,
      reason: 'HTTP 503; out of time after 3 attempts',
    });
  });

  it('signs each attempt afresh, so a late retry is not stale at the receiver', async () => {
    const f = fakes([503, 503, 200], { baseDelayMs: 200_000, maxDelayMs: 400_000, maxTotalMs: 1e9 });
    await f.send(TICKET);
    expect(f.calls.map((c) => c.headers['X-Timestamp'])).toEqual(
      [START, START + 200_000, START + 600_000].map((t) => String(t / 1000)),
    );
    for (const call of f.calls) {
      const received = { signature: call.headers['X-Signature-256'], timestamp: call.headers['X-Timestamp'] };
      expect(verifyWebhook(SECRET, call.body, received, call.at)).toEqual({ kind: 'valid' });
    }
  });

  it('sends nothing over the size limit', async () => {
    const f = fakes([200], { maxBodyBytes: 100 });
    await expect(f.send(TICKET)).resolves.toEqual({
      kind: 'failed',
      attempts: 0,
      reason: 'ticket over 100 bytes, not sent',
    });
    expect(f.calls).toEqual([]);
  });

  it('logs the outcome with the origin only: no body, no path or query', async () => {
    const f = fakes([503, 200]);
    await f.send(TICKET);
    const failed = fakes([400]);
    await failed.send(TICKET);
    const logged = JSON.stringify([...f.logs, ...failed.logs]);
    expect(logged).toContain('https://tickets.example.com');
    expect(logged).toContain('HTTP 400');
    for (const secret of [PASSWORD, 'redacted', 'Please call', '/hooks/bot', 'key=q', SECRET])
      expect(logged).not.toContain(secret);
  });
});

describe('retryAfterMs', () => {
  it.each<[string | undefined, number | undefined]>([
    [undefined, undefined],
    ['', undefined],
    ['0', 0],
    [' 12 ', 12_000],
    ['Mon, 06 Jan 2025 12:01:00 GMT', 60_000],
    ['Mon, 06 Jan 2025 11:00:00 GMT', 0],
    ['-5', undefined],
    ['1.5', undefined],
    ['9'.repeat(70), undefined],
    ['tomorrow-ish', undefined],
  ])('%j → %j', (header, expected) => {
    expect(retryAfterMs(header, START)).toBe(expected);
  });
});

/** Answers with a status and headers. Why not res.writeHead(…).end(): restify, loaded by other tests in the worker, patches writeHead to return nothing. */
function reply(res: ServerResponse, status: number, headers: Record<string, string> = {}, body = ''): void {
  res.writeHead(status, headers);
  res.end(body);
}

/** A loopback receiver answering each request from `answer`; it keeps what it was sent. */
async function receiver(answer: (req: IncomingMessage, res: ServerResponse, n: number) => void) {
  const received: { headers: IncomingMessage['headers']; body: string }[] = [];
  let connections = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      answer(req, res, received.length);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tickets?queue=email`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url, received, connections: () => connections, close };
}

describe('httpPost, to a real server on loopback', () => {
  const open: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((r) => r.close()));
  });

  async function start(answer: Parameters<typeof receiver>[0]) {
    const r = await receiver(answer);
    open.push(r);
    return r;
  }

  const sender = (url: string, options: Partial<WebhookOptions> = {}, timeoutMs?: number) =>
    createWebhookSender({ url, secret: SECRET, post: httpPost({ timeoutMs }), sleep: async () => {}, ...options });

  it('delivers a redacted body whose signature verifies', async () => {
    const r = await start((_req, res) => reply(res, 200, {}, '{"ok":true}'));
    await expect(sender(r.url)(TICKET)).resolves.toEqual({ kind: 'delivered', attempts: 1, status: 200 });
    const [got] = r.received;
    expect(got?.headers['content-type']).toBe('application/json');
    expect(got?.headers['content-length']).toBe(String(Buffer.byteLength(got?.body ?? '')));
    expect(got?.body).not.toContain(PASSWORD);
    const signature = {
      signature: got?.headers['x-signature-256'] as string,
      timestamp: got?.headers['x-timestamp'] as string,
    };
    expect(verifyWebhook(SECRET, got?.body ?? '', signature, Date.now())).toEqual({ kind: 'valid' });
    expect(verifyWebhook('x'.repeat(40), got?.body ?? '', signature, Date.now())).toEqual({ kind: 'invalid' });
  });

  it('retries 503 and 429 with Retry-After, then delivers', async () => {
    const r = await start((_req, res, n) => {
      if (n === 1) reply(res, 503);
      else if (n === 2) reply(res, 429, { 'Retry-After': '2' });
      else reply(res, 204);
    });
    const sleeps: number[] = [];
    const send = sender(r.url, { sleep: async (ms) => void sleeps.push(ms), random: () => 1 });
    await expect(send(TICKET)).resolves.toEqual({ kind: 'delivered', attempts: 3, status: 204 });
    expect(r.received).toHaveLength(3);
    expect(sleeps).toEqual([1000, 2000]);
    expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
  });

  it('gives up after the attempt limit', async () => {
    const r = await start((_req, res) => reply(res, 500, {}, 'down'));
    await expect(sender(r.url, { maxAttempts: 3 })(TICKET)).resolves.toEqual({
      kind: 'failed',
      attempts: 3,
      reason: 'HTTP 500; gave up after 3 attempts',
    });
    expect(r.received).toHaveLength(3);
  });

  it('never follows a redirect: the other server is never contacted', async () => {
    const elsewhere = await start((_req, res) => reply(res, 200));
    const r = await start((_req, res) => reply(res, 307, { Location: elsewhere.url }));
    await expect(sender(r.url)(TICKET)).resolves.toMatchObject({ kind: 'failed', attempts: 1 });
    expect(elsewhere.connections()).toBe(0);
  });

  it('ends an attempt that gets no answer, and retries it', async () => {
    const r = await start(() => {
      // Never answers.
    });
    await expect(sender(r.url, { maxAttempts: 2 }, 200)(TICKET)).resolves.toEqual({
      kind: 'failed',
      attempts: 2,
      reason: 'no answer within 200 ms; gave up after 2 attempts',
    });
    expect(r.received).toHaveLength(2);
  });

  it('retries a refused connection', async () => {
    const r = await start((_req, res) => reply(res, 200));
    const url = r.url;
    await r.close();
    open.pop();
    const delivery = await sender(url, { maxAttempts: 2 })(TICKET);
    expect(delivery).toMatchObject({ kind: 'failed', attempts: 2, reason: expect.stringContaining('ECONNREFUSED') });
  });

  it('does not read a large answer', async () => {
    const r = await start((_req, res) => {
      res.writeHead(200);
      res.write('x'.repeat(1024 * 1024));
      // Never ends.
    });
    await expect(sender(r.url, {}, 2000)(TICKET)).resolves.toMatchObject({ kind: 'delivered', status: 200 });
  });
});
