/** /metrics: Prometheus text from the real app, behind METRICS_API_KEY; each metric fed as the app runs. */
import { expectRepliesMessage } from './helpers/activities';
import { connect } from 'node:net';
import type { Activity, Storage } from 'botbuilder';
import { TestAdapter } from 'botbuilder';
import { observeTurns } from '../bots/turn-observer';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { listen } from '../server';
import { createApp, type App } from '../server/app';
import { countStoreErrors, createMetrics, metricsSink, statusClass, type MetricsEvent } from '../server/metrics';

const KEY = 'metrics-key-'.padEnd(48, 'm');
const answerer = createAnswerer();

interface Running {
  app: App;
  url: string;
}

async function start(env: NodeJS.ProcessEnv): Promise<Running> {
  const app = await createApp(parseConfig({ STORAGE: 'memory', ...env }), createLogger('silent'), answerer);
  return { app, url: await listen(app.server, 0, '127.0.0.1') };
}

async function scrape(url: string, authorization = `Bearer ${KEY}`): Promise<string> {
  const res = await fetch(`${url}/metrics`, { headers: { authorization } });
  expect(res.status).toBe(200);
  return res.text();
}

/** The value of one sample line, `name{labels} value`; 0 when the line is absent. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? 0 : Number(line.slice(series.length + 1));
}

function message(text: string, conversationId = 'metrics-1'): Partial<Activity> {
  return expectRepliesMessage(text, conversationId);
}

async function post(url: string, activity: Partial<Activity>): Promise<number> {
  const body = JSON.stringify(activity);
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

describe('/metrics access (the operator-key scheme)', () => {
  let running: Running;
  beforeAll(async () => void (running = await start({ METRICS_API_KEY: KEY })));
  afterAll(() => running.app.close());

  it.each<[string, Record<string, string>, number, string | null]>([
    ['no Authorization', {}, 401, 'Bearer realm="metrics"'],
    ['a wrong key', { authorization: `Bearer ${KEY}x` }, 401, 'Bearer realm="metrics"'],
    ['another scheme', { authorization: `Basic ${KEY}` }, 401, 'Bearer realm="metrics"'],
    ['the key', { authorization: `Bearer ${KEY}` }, 200, null],
  ])('%s: the status and challenge it gets', async (_, headers, status, challenge) => {
    const res = await fetch(`${running.url}/metrics`, { headers });
    expect(res.status).toBe(status);
    expect(res.headers.get('www-authenticate')).toBe(challenge);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.text();
    if (status === 200) {
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(body).toContain('# TYPE bot_turns_total counter');
    } else expect(body).not.toContain('bot_');
  });

  it('is 404, as a path that does not exist, while METRICS_API_KEY is unset', async () => {
    const off = await start({});
    try {
      const res = await fetch(`${off.url}/metrics`, { headers: { authorization: `Bearer ${KEY}` } });
      expect(res.status).toBe(404);
      expect(res.headers.get('www-authenticate')).toBeNull();
    } finally {
      await off.app.close();
    }
  });
});

describe('/metrics counts what the app does', () => {
  let running: Running;
  beforeAll(async () => void (running = await start({ METRICS_API_KEY: KEY })));
  afterAll(() => running.app.close());

  it('counts turns by channel and times them', async () => {
    const before = await scrape(running.url);
    expect(await post(running.url, message('what port for smtp'))).toBe(200);
    expect(await post(running.url, message('thanks'))).toBe(200);
    const after = await scrape(running.url);
    const ok = 'bot_turns_total{channel="test",outcome="ok"}';
    expect(sample(after, ok) - sample(before, ok)).toBe(2);
    const count = 'bot_turn_duration_seconds_count{channel="test"}';
    expect(sample(after, count) - sample(before, count)).toBe(2);
    expect(after).toContain('bot_turn_duration_seconds_bucket{le="0.005",channel="test"}');
  });

  it('counts responses by route template and status class, never by raw URL', async () => {
    await fetch(`${running.url}/healthz`);
    await fetch(`${running.url}/no/such/path-with-a-secret-abc123`);
    await fetch(`${running.url}/v3/directline/conversations/conversation-xyz/activities`);
    const text = await scrape(running.url);
    expect(sample(text, 'bot_http_responses_total{route="/healthz",method="GET",status_class="2xx"}')).toBe(1);
    expect(sample(text, 'bot_http_responses_total{route="unmatched",method="GET",status_class="4xx"}')).toBe(1);
    const template = '/v3/directline/conversations/:conversationId/activities';
    expect(sample(text, `bot_http_responses_total{route="${template}",method="GET",status_class="4xx"}`)).toBe(1);
    expect(text).not.toContain('abc123');
    expect(text).not.toContain('conversation-xyz');
  });

  it("counts a request whose client left before the answer as status class 'other'", async () => {
    const { port } = new URL(running.url);
    const socket = connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', resolve));
    const head =
      'POST /api/messages HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n';
    socket.write(`${head}{"type":`);
    await new Promise((resolve) => setImmediate(resolve));
    socket.destroy();
    const series = 'bot_http_responses_total{route="/api/messages",method="POST",status_class="other"}';
    // Why poll: the server sees the socket close a moment after the client closes it.
    for (let i = 0; i < 100 && sample(await scrape(running.url), series) === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sample(await scrape(running.url), series)).toBe(1);
  });

  it('counts the Direct Line conversations open', async () => {
    const before = sample(await scrape(running.url), 'bot_directline_conversations_open');
    const session = (await (await fetch(`${running.url}/api/webchat/token`, { method: 'POST' })).json()) as {
      token: string;
    };
    const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
    const res = await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers, body: '{}' });
    expect(res.status).toBe(201);
    expect(sample(await scrape(running.url), 'bot_directline_conversations_open')).toBe(before + 1);
  });

  it("counts answers and handovers from the bot's telemetry client (app.telemetry) and metrics.recordEvent", async () => {
    running.app.telemetry.trackEvent({ name: 'answer.given', properties: { kind: 'did-you-mean' } });
    running.app.metrics.recordEvent({ name: 'handover.accepted', properties: {} });
    const text = await scrape(running.url);
    expect(sample(text, 'bot_answers_total{kind="did-you-mean"}')).toBe(1);
    expect(sample(text, 'bot_handovers_total{state="accepted"}')).toBe(1);
  });

  it.each([
    'process_cpu_seconds_total',
    'process_resident_memory_bytes',
    'nodejs_heap_size_used_bytes',
    'process_start_time_seconds',
  ])("serves the process' %s beside the bot's metrics", async (name) =>
    expect(sample(await scrape(running.url), name)).toBeGreaterThan(0),
  );
});

describe('recordEvent, keyed on the event name', () => {
  it.each<[string, MetricsEvent, string | undefined]>([
    [
      'an answer',
      { name: 'answer.given', properties: { kind: 'answer', channel: 'test' } },
      'bot_answers_total{kind="answer"}',
    ],
    ['a clarification', { name: 'answer.given', properties: { kind: 'clarify' } }, 'bot_answers_total{kind="clarify"}'],
    [
      'did you mean',
      { name: 'answer.given', properties: { kind: 'did-you-mean' } },
      'bot_answers_total{kind="did-you-mean"}',
    ],
    [
      'unanswered',
      { name: 'answer.given', properties: { kind: 'none', reason: 'no-match' } },
      'bot_answers_total{kind="none"}',
    ],
    ['an unknown kind', { name: 'answer.given', properties: { kind: 'made-up' } }, undefined],
    ['an answer without properties', { name: 'answer.given' }, undefined],
    [
      'a flat event, kind at the top',
      { name: 'answer.given', kind: 'clarify' } as MetricsEvent,
      'bot_answers_total{kind="clarify"}',
    ],
    ['offered', { name: 'handover.offered' }, 'bot_handovers_total{state="offered"}'],
    ['requested', { name: 'handover.requested' }, 'bot_handovers_total{state="requested"}'],
    [
      'accepted',
      { name: 'handover.accepted', properties: { timeToAcceptMs: 1200 } },
      'bot_handovers_total{state="accepted"}',
    ],
    ['abandoned', { name: 'handover.abandoned' }, 'bot_handovers_total{state="abandoned"}'],
    ['ended', { name: 'handover.ended' }, 'bot_handovers_total{state="ended"}'],
    ['an unknown handover step', { name: 'handover.teleported' }, undefined],
    ['another event', { name: 'feedback', properties: { helpful: 'yes' } }, undefined],
    ['a message', { name: 'message.received', properties: { channel: 'test' } }, undefined],
  ])('%s', async (_, event, series) => {
    const metrics = createMetrics();
    metricsSink(metrics).track(event);
    const text = await metrics.registry.metrics();
    const counted = text.split('\n').filter((l) => /^bot_(answers|handovers)_total\{/.test(l));
    expect(counted).toEqual(series === undefined ? [] : [`${series} 1`]);
  });
});

describe('turns', () => {
  it.each<[string, boolean, string]>([
    ['a turn that ends', false, 'ok'],
    ['a turn whose logic throws', true, 'failed'],
  ])('%s: counted by outcome, and timed by the clock', async (_, throws, outcome) => {
    const metrics = createMetrics();
    let clock = 1000;
    const adapter = new TestAdapter(async () => {
      clock += 250;
      if (throws) throw new Error('the bot broke');
    }).use(observeTurns(metrics, () => clock));
    adapter.onTurnError = async () => undefined;
    await adapter.send('hello');
    const text = await metrics.registry.metrics();
    expect(sample(text, `bot_turns_total{channel="test",outcome="${outcome}"}`)).toBe(1);
    expect(sample(text, 'bot_turn_duration_seconds_sum{channel="test"}')).toBe(0.25);
  });

  it("counts a channel it does not know as 'other', so a caller cannot grow the label set", async () => {
    const metrics = createMetrics();
    metrics.turnEnded({ channel: 'made-up-channel-1', seconds: 0.1, failed: false });
    const text = await metrics.registry.metrics();
    expect(sample(text, 'bot_turns_total{channel="other",outcome="ok"}')).toBe(1);
    expect(text).not.toContain('made-up-channel-1');
  });
});

describe('store errors', () => {
  class OutageError extends Error {
    override name = 'OutageError';
  }
  const failing: Storage = {
    read: () => Promise.reject(new OutageError('down')),
    write: () => Promise.resolve(),
    delete: () => {
      throw new TypeError('sync failure');
    },
  };

  it.each<[string, (s: Storage) => Promise<unknown>, string | undefined]>([
    [
      'a rejected read',
      (s) => s.read(['k']),
      'bot_store_errors_total{store="state",operation="read",error="OutageError"}',
    ],
    [
      'a thrown delete',
      async (s) => s.delete(['k']),
      'bot_store_errors_total{store="state",operation="delete",error="TypeError"}',
    ],
    ['a write that succeeds', (s) => s.write({}), undefined],
  ])('%s', async (_, call, series) => {
    const metrics = createMetrics();
    const storage = countStoreErrors(failing, 'state', metrics);
    if (series) await expect(call(storage)).rejects.toThrow();
    else await expect(call(storage)).resolves.toBeUndefined();
    const lines = (await metrics.registry.metrics()).split('\n').filter((l) => l.startsWith('bot_store_errors_total{'));
    expect(lines).toEqual(series ? [`${series} 1`] : []);
  });
});

describe('statusClass', () => {
  it.each<[number, string]>([
    [200, '2xx'],
    [204, '2xx'],
    [304, '3xx'],
    [401, '4xx'],
    [404, '4xx'],
    [503, '5xx'],
    [0, 'other'],
    [700, 'other'],
  ])('%i → %s', (status, expected) => expect(statusClass(status)).toBe(expected));
});

describe('/readyz on the whole app (createApp)', () => {
  it('is 503 naming storage when the store does not answer a read, and the failure is counted', async () => {
    const running = await start({ METRICS_API_KEY: KEY });
    try {
      // Why set on the metered store: the readiness probe reads through it, as every part of the app does.
      const failing = () => Promise.reject(Object.assign(new Error('down'), { name: 'RestError' }));
      (running.app.stores.storage as { read: unknown }).read = failing;
      const res = await fetch(`${running.url}/readyz`);
      expect({ status: res.status, body: await res.json() }).toEqual({
        status: 503,
        body: { status: 'not ready', reason: 'storage' },
      });
      expect((await fetch(`${running.url}/healthz`)).status).toBe(200);
      const series = 'bot_store_errors_total{store="state",operation="read",error="RestError"}';
      expect(sample(await scrape(running.url), series)).toBe(1);
    } finally {
      await running.app.close();
    }
  });
});
