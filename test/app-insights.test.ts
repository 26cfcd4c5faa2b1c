/**
 * Application Insights at scale, against a loopback ingestion stand-in (the connection string's IngestionEndpoint):
 * the bot's events arrive, in the SDK's gzip batches; no request, outgoing call, token, signed link, address or
 * customer text does.
 */
import { expectRepliesMessage } from './helpers/activities';
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import type { Activity } from 'botbuilder';
import { privateEnvelope, withoutQueries, type Envelope } from '../bots/app-insights';
import { ConfigError, parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { listen } from '../server';
import { createApp, type App } from '../server/app';
import { appInsightsWhere, connectionStringProblems } from '../security/app-insights-config';

const IKEY = '11111111-2222-4333-8444-555555555555';
const SAS = 'sv=2024-08-04&sig=SASSIGNATURE123';
const CUSTOMER = 'jane.doe@example.com';
const UNANSWERED = 'how do I frobnicate the quasar widget';

/** What the stand-in received: every request's path, and each envelope of each batch. */
interface Received {
  paths: string[];
  /** The header names of each request, in the order of `paths`. */
  headers: string[][];
  raw: string[];
  envelopes: { name: string; data: { baseType: string; baseData: Record<string, unknown> }; tags: object }[];
}

async function startIngestion(): Promise<{ server: Server; url: string; received: Received }> {
  const received: Received = { paths: [], headers: [], raw: [], envelopes: [] };
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      received.paths.push(req.url ?? '');
      received.headers.push(Object.keys(req.headers));
      const text = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body).toString('utf8') : body.toString();
      received.raw.push(text);
      const lines = req.url?.startsWith('/v2.1/track') ? text.split('\n').filter(Boolean) : [];
      received.envelopes.push(...lines.map((line) => JSON.parse(line) as Received['envelopes'][number]));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ itemsReceived: lines.length, itemsAccepted: lines.length, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}`, received };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** An outgoing call through Node's http module, as the Azure SDK makes to a blob with a SAS signature. */
function httpGet(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      res.resume();
      res.on('end', resolve);
    }).on('error', reject);
  });
}

interface TestEvent {
  name: string;
  properties?: Record<string, string>;
  metrics?: Record<string, number>;
}

/** One event per contract name, as the bot's telemetry client receives them. */
const CONTRACT_EVENTS: TestEvent[] = (<TestEvent[]>[
  { name: 'message.received', properties: { channel: 'directline' } },
  { name: 'answer.given', properties: { channel: 'directline', kind: 'answer', about: 'bt-imap', confidence: '0.9' } },
  { name: 'answer.given', properties: { channel: 'directline', kind: 'none', reason: 'no-match', text: UNANSWERED } },
  { name: 'walkthrough.step', properties: { step: '2' } },
  { name: 'walkthrough.finished' },
  { name: 'walkthrough.abandoned', properties: { step: '3' } },
  { name: 'error.explained', properties: { code: '0x800CCC0E' } },
  { name: 'feedback', properties: { about: 'bt-imap', helpful: 'yes' } },
  { name: 'handover.offered' },
  { name: 'handover.requested' },
  { name: 'handover.accepted', metrics: { timeToAcceptMs: 4200 } },
  { name: 'handover.abandoned' },
  { name: 'handover.ended' },
  { name: 'agent.rating', metrics: { rating: 5 } },
]).map((event) => ({
  ...event,
  properties: { conversationId: 'hashed-conv-1', channel: 'directline', ...event.properties },
}));

function customerMessage(text: string): Partial<Activity> {
  return expectRepliesMessage(text, 'ai-1');
}

describe('Application Insights through the loopback ingestion stand-in', () => {
  let ingestion: Awaited<ReturnType<typeof startIngestion>>;
  let streamToken = '';
  let sdkConfig: Record<string, unknown> = {};
  let answersCounted = '';

  beforeAll(async () => {
    ingestion = await startIngestion();
    const cs = `InstrumentationKey=${IKEY};IngestionEndpoint=${ingestion.url}/`;
    const config = parseConfig({ STORAGE: 'memory', APPLICATIONINSIGHTS_CONNECTION_STRING: cs });
    const app: App = await createApp(config, createLogger('silent'), createAnswerer());
    const url = await listen(app.server, 0, '127.0.0.1');
    expect(app.appInsights).toBeDefined();
    // Traffic whose URLs and headers carry what must not leave: a stream token, a signed link, a SAS signature.
    const session = (await (await fetch(`${url}/api/webchat/token`, { method: 'POST' })).json()) as { token: string };
    const headers = { authorization: `Bearer ${session.token}`, 'content-type': 'application/json' };
    const started = await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers, body: '{}' });
    const { conversationId, streamUrl } = (await started.json()) as { conversationId: string; streamUrl: string };
    streamToken = new URL(streamUrl).searchParams.get('t') ?? '';
    expect(streamToken.length).toBeGreaterThan(20);
    await (await fetch(`${url}/v3/directline/conversations/${conversationId}/activities?t=${streamToken}`)).text();
    await (
      await fetch(`${url}/api/transcripts/directline/${conversationId}?format=html&exp=9999999999&sig=LINKSIG`)
    ).text();
    const body = JSON.stringify(customerMessage(`my address is ${CUSTOMER}, password hunter2, what port for smtp`));
    await (
      await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    ).text();
    await httpGet(`${ingestion.url}/blob/container/item?${SAS}`);
    // Through the app's telemetry client, as the bot sends them: to the metrics and to Application Insights.
    for (const event of CONTRACT_EVENTS) app.telemetry.trackEvent(event);
    answersCounted = await app.metrics.registry.getSingleMetricAsString('bot_answers_total');
    const { defaultClient } = await import('applicationinsights');
    const channel = await import('applicationinsights/out/AutoCollection/diagnostic-channel/initialization');
    sdkConfig = { ...defaultClient.config, statsbeat: defaultClient.getStatsbeat(), patched: channel.IsInitialized };
    await app.close();
  });

  afterAll(() => new Promise<void>((resolve) => ingestion.server.close(() => resolve())));

  it('receives every contract event, gzip-batched, at /v2.1/track', () => {
    const names = ingestion.received.envelopes
      .filter((e) => e.data.baseType === 'EventData')
      .map((e) => e.data.baseData.name);
    // First the real bot's own, for the customer's message over /api/messages (an address at another provider:
    // an unanswered kind), then the contract's, sent through the app's client.
    expect(names).toEqual(['message.received', 'answer.given', ...CONTRACT_EVENTS.map((e) => e.name)]);
    expect(ingestion.received.paths).toContain('/v2.1/track');
  });

  it('counts the same events in the metrics', () => {
    expect(answersCounted).toContain('bot_answers_total{kind="answer"} 1');
    expect(answersCounted).toContain('bot_answers_total{kind="none"} 2');
  });

  it('carries the measurements (time to accept, rating) and the properties other than text', () => {
    const event = (name: string) =>
      ingestion.received.envelopes.find((e) => e.data.baseData.name === name)?.data.baseData;
    expect(event('handover.accepted')).toMatchObject({ measurements: { timeToAcceptMs: 4200 } });
    expect(event('agent.rating')).toMatchObject({ measurements: { rating: 5 } });
    expect(event('feedback')).toMatchObject({
      properties: { about: 'bt-imap', helpful: 'yes', channel: 'directline' },
    });
  });

  it("drops the unanswered question's text and keeps its kind and reason", () => {
    const unanswered = ingestion.received.envelopes.filter(
      (e) =>
        e.data.baseData.name === 'answer.given' && (e.data.baseData.properties as { kind?: string }).kind === 'none',
    );
    expect(unanswered).toHaveLength(2);
    // The real bot's: its text (kept, redacted, in the embedded store) never leaves.
    expect(unanswered[0]?.data.baseData.properties).not.toHaveProperty('text');
    expect(unanswered[0]?.data.baseData.properties).toMatchObject({ channel: 'test', kind: 'none' });
    const none = unanswered[1];
    expect(none?.data.baseData.properties).toEqual({
      conversationId: 'hashed-conv-1',
      channel: 'directline',
      kind: 'none',
      reason: 'no-match',
    });
  });

  it('sends no request or dependency telemetry: only the bot’s events', () => {
    const types = new Set(ingestion.received.envelopes.map((e) => e.data.baseType));
    expect([...types]).toEqual(['EventData']);
  });

  it.each<[string, () => string]>([
    ['the Direct Line stream token', () => streamToken],
    ['a signed link', () => 'sig='],
    ['the SAS signature', () => 'SASSIGNATURE123'],
    ["the customer's address", () => CUSTOMER],
    ["the customer's password", () => 'hunter2'],
    ["the unanswered question's words", () => 'frobnicate'],
    ['the query of any URL', () => '?'],
  ])('sends nowhere in any batch: %s', (_, secret) => {
    const sent = ingestion.received.raw.filter((_, i) => ingestion.received.paths[i]?.startsWith('/v2.1/track'));
    expect(sent.length).toBeGreaterThan(0);
    for (const batch of sent) expect(batch).not.toContain(secret());
  });

  it('reaches the stand-in only to send telemetry (and the test’s own blob call)', () => {
    expect(new Set(ingestion.received.paths.map((p) => p.split('?')[0]))).toEqual(
      new Set(['/v2.1/track', '/blob/container/item']),
    );
  });

  it.each([
    'enableAutoCollectRequests',
    'enableAutoCollectDependencies',
    'enableAutoCollectExceptions',
    'enableAutoCollectConsole',
    'enableAutoCollectExternalLoggers',
    'enableAutoCollectPerformance',
    'enableAutoCollectPreAggregatedMetrics',
    'enableAutoCollectHeartbeat',
    'enableSendLiveMetrics',
    'enableUseDiskRetryCaching',
  ])("turns the SDK's %s off, so nothing relies on the processor alone", (setting) => {
    expect(sdkConfig[setting]).toBe(false);
  });

  it('starts no statsbeat and patches no other module (console, the Azure SDK, database drivers)', () => {
    expect(sdkConfig).toMatchObject({ disableStatsbeat: true, statsbeat: undefined, patched: false });
  });

  it('adds no correlation header (request-id, traceparent, request-context) to outgoing calls', () => {
    const blobCall = ingestion.received.paths.findIndex((p) => p.startsWith('/blob/'));
    expect(ingestion.received.headers[blobCall]).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^(request-id|traceparent|tracestate|request-context)$/)]),
    );
    expect(ingestion.received.headers[blobCall]).toContain('host');
  });

  it('stops the SDK on close, so another start in this process is allowed', async () => {
    const sdk = await import('applicationinsights');
    expect(sdk.defaultClient).toBeNull();
  });
});

describe('privateEnvelope', () => {
  const event = (properties: Record<string, unknown>, tags: Record<string, unknown> = {}): Envelope => ({
    data: { baseType: 'EventData', baseData: { name: 'x', properties } },
    tags,
  });

  it.each<[string, Envelope, boolean, Envelope | undefined]>([
    ['a request', { data: { baseType: 'RequestData', baseData: { url: '/x?t=1' } } }, false, undefined],
    [
      'a dependency',
      { data: { baseType: 'RemoteDependencyData', baseData: { data: 'GET /b?sig=1' } } },
      false,
      undefined,
    ],
    ['an exception', { data: { baseType: 'ExceptionData', baseData: {} } }, false, undefined],
    ['a trace', { data: { baseType: 'MessageData', baseData: { message: 'hi' } } }, false, undefined],
    ['a page view', { data: { baseType: 'PageViewData', baseData: {} } }, false, undefined],
    ['no data', {}, false, undefined],
    ['an event', event({ kind: 'answer' }), true, event({ kind: 'answer' })],
    ['an event with text', event({ kind: 'none', text: 'secret words' }), true, event({ kind: 'none' })],
    ['an event with Text', event({ Text: 'secret words', about: 'a' }), true, event({ about: 'a' })],
    [
      'an event with a URL',
      event({ link: 'https://x.example/a?exp=1&sig=abc' }),
      true,
      event({ link: 'https://x.example/a[cut]' }),
    ],
    [
      'an event with an address tag',
      event({}, { 'ai.location.ip': '203.0.113.9', 'ai.cloud.role': 'bot' }),
      true,
      event({}, { 'ai.cloud.role': 'bot' }),
    ],
    [
      'a metric',
      { data: { baseType: 'MetricData', baseData: {} } },
      true,
      { data: { baseType: 'MetricData', baseData: {} } },
    ],
  ])('%s', (_, envelope, kept, after) => {
    expect(privateEnvelope(envelope)).toBe(kept);
    if (after) expect(envelope).toEqual(after);
  });
});

describe('withoutQueries', () => {
  const long = 'x'.repeat(5000);
  it.each<[string, string, string]>([
    ['an entry id', 'bt-imap', 'bt-imap'],
    ['settings rows', 'smtp.port,imap.port', 'smtp.port,imap.port'],
    [
      'a stream URL',
      'wss://bot.example/v3/directline/conversations/c/stream?t=abc',
      'wss://bot.example/v3/directline/conversations/c/stream[cut]',
    ],
    ['a SAS URL', 'https://a.blob.core.windows.net/c/b?sv=1&sig=zz', 'https://a.blob.core.windows.net/c/b[cut]'],
    ['a bare token=', 'token=abc', '[cut]'],
    ['sig= in words', 'a sig=abc in words', 'a [cut]'],
    ['another setting', 'format=html', 'format=html'],
    ['a long value', `${long}?`, `${long}[cut]`],
  ])('%s', (_, value, expected) => expect(withoutQueries(value)).toBe(expected));
});

describe('APPLICATIONINSIGHTS_CONNECTION_STRING', () => {
  const ok = `InstrumentationKey=${IKEY};IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/;LiveEndpoint=https://westeurope.livediagnostics.monitor.azure.com/;ApplicationId=${IKEY}`;

  it.each<[string, string, string[]]>([
    ["Azure's own", ok, []],
    ['a key alone', `InstrumentationKey=${IKEY}`, []],
    ['a loopback stand-in over http', `InstrumentationKey=${IKEY};IngestionEndpoint=http://127.0.0.1:4000/`, []],
    ['localhost over http', `InstrumentationKey=${IKEY};IngestionEndpoint=http://localhost:4000/`, []],
    ['a trailing semicolon', `InstrumentationKey=${IKEY};`, []],
    ['no key', 'IngestionEndpoint=https://x.example/', ['InstrumentationKey is missing or is not a GUID']],
    ['a key that is not a GUID', 'InstrumentationKey=abc', ['InstrumentationKey is missing or is not a GUID']],
    [
      'plain http elsewhere',
      `InstrumentationKey=${IKEY};IngestionEndpoint=http://x.example/`,
      ['IngestionEndpoint is not an https URL'],
    ],
    [
      'credentials in the URL',
      `InstrumentationKey=${IKEY};IngestionEndpoint=https://u:p@x.example/`,
      ['IngestionEndpoint is not an https URL'],
    ],
    [
      'a query in the URL',
      `InstrumentationKey=${IKEY};IngestionEndpoint=https://x.example/?a=b`,
      ['IngestionEndpoint is not an https URL'],
    ],
    [
      'an insecure live endpoint',
      `InstrumentationKey=${IKEY};LiveEndpoint=http://x.example/`,
      ['LiveEndpoint is not an https URL'],
    ],
    ['not a URL', `InstrumentationKey=${IKEY};IngestionEndpoint=nowhere`, ['IngestionEndpoint is not an https URL']],
    ['not settings', 'just-a-string', ['not a list of Name=value settings separated by ";"']],
    ['too long', `InstrumentationKey=${IKEY};` + 'x=y;'.repeat(600), ['longer than 2048 characters']],
  ])('%s', (_, value, problems) => expect(connectionStringProblems(value)).toEqual(problems));

  it('fails the start naming the variable, never its value', () => {
    const value = `InstrumentationKey=${IKEY};IngestionEndpoint=http://x.example/`;
    const error = (() => {
      try {
        parseConfig({ APPLICATIONINSIGHTS_CONNECTION_STRING: value });
      } catch (err) {
        return err as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('APPLICATIONINSIGHTS_CONNECTION_STRING: IngestionEndpoint is not an https URL');
    expect(error.message).not.toContain(IKEY);
  });

  it('is off by default', () => expect(parseConfig({}).appInsightsConnectionString).toBeUndefined());

  it.each<[string, string, string]>([
    [
      'with a regional endpoint',
      ok,
      'Application Insights (westeurope-5.in.applicationinsights.azure.com), table customEvents',
    ],
    ['with a key alone', `InstrumentationKey=${IKEY}`, 'Application Insights, table customEvents'],
  ])('says where the data is, %s, never the key', (_, value, expected) => {
    const where = appInsightsWhere(value);
    expect(where.startsWith(expected)).toBe(true);
    expect(where).not.toContain(IKEY);
  });
});
