/**
 * The direct send path against botframework-connector's own ConnectorClient, on the same inputs
 * and the same loopback connector: the request (URL, method, the headers that matter, body), which
 * answers are retried and how often, what a failure reports, and the proxy.
 */
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { defaultRetryPolicy, type Pipeline } from '@azure/core-rest-pipeline';
import {
  ActivityTypes,
  CardFactory,
  ConfigurationBotFrameworkAuthentication,
  MessageFactory,
  TurnContext,
  type Activity,
  type ConversationReference,
} from 'botbuilder';
import { ClaimsIdentity, ServiceClientCredentialsFactory } from 'botframework-connector';
import { parseConfig } from '../../config';
import { createLogger } from '../../logger';
import { createAdapter, createServer, listen, shutdown } from '../../server';
import { reuseClients } from '../../bots/botbuilder-patches/connector-reuse';
import type { ConnectorClient } from '../../bots/botbuilder-patches/connector-types';
import {
  CONVERSATION_ID_HEADER,
  ConnectorSendError,
  retryDelay,
  withLeanReplies,
  type RetryPolicy,
} from '../../bots/botbuilder-patches/lean-replies';
import { createOutbound } from '../../bots/botbuilder-patches/outbound';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the connector does with one request: answer with a status (and body, headers), or drop the connection. */
type Reply = { status: number; body?: string; headers?: Record<string, string> } | 'drop';

/** A connector that answers each request with the next scripted reply (the last one repeats). */
async function scriptedConnector(replies: Reply[] = [{ status: 200, body: '{"id":"reply-1"}' }]) {
  const received: Received[] = [];
  const server: Server = createHttpServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const reply = replies[Math.min(received.length - 1, replies.length - 1)]!;
      if (reply === 'drop') {
        req.socket.destroy();
        return;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    port,
    received,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** Credentials that sign as AppCredentials do (an Authorization header), without a token service. */
class SigningCredentialsFactory extends ServiceClientCredentialsFactory {
  isValidAppId = async () => true;
  isAuthenticationDisabled = async () => false;
  createCredentials = async () =>
    ({
      signRequest: async (resource: { headers: { set(name: string, value: string): void } }) => {
        resource.headers.set('Authorization', 'Bearer token-1');
        return resource;
      },
    }) as never;
}

const auth = new ConfigurationBotFrameworkAuthentication({}, new SigningCredentialsFactory());
const identity = new ClaimsIdentity([], true);

/** botframework-connector's client for `serviceUrl`, as CloudAdapter makes it. */
function stockClient(serviceUrl: string): Promise<ConnectorClient> {
  return auth.createConnectorFactory(identity).create(serviceUrl);
}

/** The same, with the pipeline's retry waits cut to a millisecond (its rules unchanged), so a table can run quickly. */
async function quickStockClient(serviceUrl: string): Promise<ConnectorClient> {
  const client = await stockClient(serviceUrl);
  const { pipeline } = (client as unknown as { client: { pipeline: Pipeline } }).client;
  pipeline.removePolicy({ name: 'defaultRetryPolicy' });
  pipeline.addPolicy(defaultRetryPolicy({ retryDelayInMs: 1, maxRetryDelayInMs: 2 }), { phase: 'Retry' });
  return client;
}

/** Our client for `serviceUrl`, as createAdapter makes it (reuseClients wraps the stock client with lean replies). */
function leanClient(serviceUrl: string, env: NodeJS.ProcessEnv = {}): Promise<ConnectorClient> {
  return reuseClients(auth, createOutbound(parseConfig(env).proxy))
    .createConnectorFactory(identity)
    .create(serviceUrl);
}

const quick: RetryPolicy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 20, timeoutMs: 2_000 };

const reference: Partial<ConversationReference> = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  conversation: { id: 'a:1;messageid=2', isGroup: false, conversationType: 'personal', name: '' },
  user: { id: '29:user', name: 'Customer', aadObjectId: 'aad-1' },
  bot: { id: '28:bot', name: 'BT Email help' },
  activityId: 'act-1',
  locale: 'en-GB',
};

/** Activities as the bot sends them: built by botbuilder's factories and addressed by TurnContext. */
const activities: [string, Partial<Activity>][] = [
  ['plain text', MessageFactory.text('SMTP: port 465 with SSL', 'SMTP uses port 465')],
  ['suggested actions', MessageFactory.suggestedActions(['Yes', 'No'], 'Did that fix it?')],
  [
    'an Adaptive Card with channel data and entities',
    {
      ...MessageFactory.attachment(CardFactory.adaptiveCard({ type: 'AdaptiveCard', version: '1.5', body: [] })),
      channelData: { notification: { alert: true } },
      entities: [{ type: 'mention', text: '<at>Support</at>', mentioned: { id: '29:agent', name: 'Support' } }],
    },
  ],
  ['typing', { type: ActivityTypes.Typing }],
  ['with a timestamp', { ...MessageFactory.text('hi'), timestamp: new Date('2026-11-27T10:00:00.000Z') }],
];

type Operation = (client: ConnectorClient, activity: Partial<Activity>) => Promise<unknown>;
const operations: [string, Operation][] = [
  ['sendToConversation', (c, a) => c.conversations.sendToConversation('a:1;messageid=2', a)],
  ['replyToActivity', (c, a) => c.conversations.replyToActivity('a:1;messageid=2', 'act/1', a)],
];

/** The request as the connector saw it, reduced to what matters (the request id is random, so only its presence). */
function essentials(request: Received | undefined) {
  const h = request?.headers ?? {};
  return {
    method: request?.method,
    url: request?.url,
    body: JSON.parse(request?.body ?? 'null') as unknown,
    headers: {
      'content-type': h['content-type'],
      'content-length': h['content-length'],
      'transfer-encoding': h['transfer-encoding'],
      accept: h.accept,
      authorization: h.authorization,
      'user-agent': h['user-agent'],
      [CONVERSATION_ID_HEADER]: h[CONVERSATION_ID_HEADER],
      'x-ms-client-request-id': typeof h['x-ms-client-request-id'],
    },
  };
}

describe('lean replies, as the stock ConnectorClient', () => {
  const cases = operations.flatMap(([op, send]) =>
    activities.map(([name, activity]) => [op, name, send, activity] as const),
  );
  it.each(cases)('%s of %s: the same request and the same answer', async (_op, _name, send, activity) => {
    const connector = await scriptedConnector();
    try {
      const addressed = TurnContext.applyConversationReference({ ...activity }, reference);
      addressed.serviceUrl = connector.serviceUrl;
      const stockAnswer = await send(await stockClient(connector.serviceUrl), addressed);
      const leanAnswer = await send(await leanClient(connector.serviceUrl), addressed);
      expect(leanAnswer).toEqual(stockAnswer);
      const [stock, lean] = connector.received.map(essentials);
      expect(lean).toEqual(stock);
      expect(lean?.headers.authorization).toBe('Bearer token-1');
    } finally {
      await connector.close();
    }
  });

  it.each([
    ['with a trailing slash', '/amer/'],
    ['without one', '/amer'],
  ])('keeps the path of a regional service URL (Teams), %s', async (_name, path) => {
    const connector = await scriptedConnector();
    try {
      const serviceUrl = connector.serviceUrl.replace(/\/$/, path);
      await (await stockClient(serviceUrl)).conversations.sendToConversation('c 1', MessageFactory.text('a'));
      await (await leanClient(serviceUrl)).conversations.sendToConversation('c 1', MessageFactory.text('a'));
      expect(connector.received.map((r) => r.url)).toEqual([
        '/amer/v3/conversations/c%201/activities',
        '/amer/v3/conversations/c%201/activities',
      ]);
    } finally {
      await connector.close();
    }
  });

  it("sends botframework-connector's User-Agent", async () => {
    const connector = await scriptedConnector();
    try {
      await (await leanClient(connector.serviceUrl)).conversations.sendToConversation('c', MessageFactory.text('a'));
      expect(connector.received[0]?.headers['user-agent']).toMatch(
        /^botframework-connector\/4\.0\.0 Microsoft-BotFramework\/3\.1 botframework-connector\/4\.23\.\d+ {3}core-rest-pipeline\/\S+ Node\//,
      );
    } finally {
      await connector.close();
    }
  });

  it('sends fields the schema does not name, which the pipeline drops (the one difference in what is sent)', async () => {
    const connector = await scriptedConnector();
    try {
      const entity = { type: 'https://schema.org/Message', '@type': 'Message' };
      const activity = { ...MessageFactory.text('a'), entities: [entity], notAnActivityField: 1 } as Partial<Activity>;
      await (await stockClient(connector.serviceUrl)).conversations.sendToConversation('c', activity);
      await (await leanClient(connector.serviceUrl)).conversations.sendToConversation('c', activity);
      const [stock, lean] = connector.received.map((r) => JSON.parse(r.body) as Record<string, unknown>);
      expect(stock).toMatchObject({ entities: [{ type: entity.type }], text: 'a' });
      expect([stock?.notAnActivityField, stock?.entities]).toEqual([undefined, [{ type: entity.type }]]);
      expect(lean).toEqual(JSON.parse(JSON.stringify(activity)));
    } finally {
      await connector.close();
    }
  });
});

/** What a send came to: the ResourceResponse, or the failure's status and code. */
async function outcome(send: () => Promise<unknown>): Promise<unknown> {
  try {
    return { answer: await send() };
  } catch (err) {
    const { statusCode, code } = err as { statusCode?: number; code?: string };
    return { statusCode, code };
  }
}

const json = (status: number, body: unknown, headers?: Record<string, string>): Reply => ({
  status,
  body: JSON.stringify(body),
  headers,
});
const ok = json(200, { id: 'ok' });
const serviceError = (status: number) => json(status, { error: { code: 'ServiceError', message: 'no' } });

describe('lean replies: retries and failures, as the stock ConnectorClient', () => {
  // [connector's answers, attempts, outcome]
  it.each<[string, Reply[], number, unknown]>([
    ['200 with an id', [json(200, { id: 'r1' })], 1, { answer: { id: 'r1' } }],
    ['201', [json(201, { id: 'r1' })], 1, { answer: { id: 'r1' } }],
    ['202 with an empty body', [{ status: 202 }], 1, { answer: {} }],
    ['200 with {}', [json(200, {})], 1, { answer: {} }],
    [
      '200 with a body that is not JSON',
      [{ status: 200, body: 'accepted' }],
      1,
      { code: 'PARSE_ERROR', statusCode: 200 },
    ],
    ['204', [{ status: 204 }], 1, { statusCode: 204 }],
    ['400 with the service error', [serviceError(400)], 1, { statusCode: 400, code: 'ServiceError' }],
    ['400 with a body that is not JSON', [{ status: 400, body: 'nope' }], 1, { statusCode: 400, code: 'PARSE_ERROR' }],
    ['401', [serviceError(401)], 1, { statusCode: 401, code: 'ServiceError' }],
    ['403', [serviceError(403)], 1, { statusCode: 403, code: 'ServiceError' }],
    ['404', [serviceError(404)], 1, { statusCode: 404, code: 'ServiceError' }],
    ['412', [serviceError(412)], 1, { statusCode: 412, code: 'ServiceError' }],
    ['413', [serviceError(413)], 1, { statusCode: 413, code: 'ServiceError' }],
    ['429 without Retry-After', [serviceError(429)], 1, { statusCode: 429, code: 'ServiceError' }],
    ['429 with Retry-After, then 200', [json(429, {}, { 'retry-after': '0' }), ok], 2, { answer: { id: 'ok' } }],
    ['429 with retry-after-ms, then 200', [json(429, {}, { 'retry-after-ms': '1' }), ok], 2, { answer: { id: 'ok' } }],
    ['503 with Retry-After, then 200', [json(503, {}, { 'retry-after': '0' }), ok], 2, { answer: { id: 'ok' } }],
    ['408 every time', [serviceError(408)], 4, { statusCode: 408, code: 'ServiceError' }],
    ['500 every time', [serviceError(500)], 4, { statusCode: 500, code: 'ServiceError' }],
    ['500 with an empty body every time', [{ status: 500 }], 4, { statusCode: 500 }],
    ['501', [serviceError(501)], 1, { statusCode: 501, code: 'ServiceError' }],
    ['502, then 200', [serviceError(502), ok], 2, { answer: { id: 'ok' } }],
    ['503, 504, then 200', [serviceError(503), serviceError(504), ok], 3, { answer: { id: 'ok' } }],
    ['505', [serviceError(505)], 1, { statusCode: 505, code: 'ServiceError' }],
    ['507 every time', [serviceError(507)], 4, { statusCode: 507, code: 'ServiceError' }],
    ['a dropped connection, then 200', ['drop', ok], 2, { answer: { id: 'ok' } }],
    ['a dropped connection every time', ['drop'], 4, { code: 'ECONNRESET' }],
  ])('%s', async (_name, replies, attempts, expected) => {
    const connector = await scriptedConnector(replies);
    try {
      const activity = MessageFactory.text('SMTP: port 465');
      const stockClient = await quickStockClient(connector.serviceUrl);
      const stock = await outcome(() => stockClient.conversations.sendToConversation('c', activity));
      const stockAttempts = connector.received.length;
      connector.received.length = 0;
      const leanClient = withLeanReplies(
        await quickStockClient(connector.serviceUrl),
        connector.serviceUrl,
        createOutbound(),
        quick,
      );
      const lean = await outcome(() => leanClient.conversations.sendToConversation('c', activity));
      expect({ attempts: stockAttempts, outcome: stock }).toEqual({ attempts, outcome: expected });
      expect({ attempts: connector.received.length, outcome: lean }).toEqual({ attempts, outcome: stock });
    } finally {
      await connector.close();
    }
  });

  it('retries a refused connection as often, then reports ECONNREFUSED', async () => {
    const connector = await scriptedConnector();
    await connector.close();
    const activity = MessageFactory.text('a');
    const stockClient = await quickStockClient(connector.serviceUrl);
    const lean = withLeanReplies(stockClient, connector.serviceUrl, createOutbound(), quick);
    const stock = await outcome(() => stockClient.conversations.sendToConversation('c', activity));
    expect(await outcome(() => lean.conversations.sendToConversation('c', activity))).toEqual(stock);
    expect(stock).toEqual({ code: 'ECONNREFUSED' });
  });

  it("reports the status and the service's code, never the activity", async () => {
    const connector = await scriptedConnector([serviceError(400)]);
    try {
      const lean = withLeanReplies(
        await stockClient(connector.serviceUrl),
        connector.serviceUrl,
        createOutbound(),
        quick,
      );
      const error = await lean.conversations
        .sendToConversation('c', MessageFactory.text('my password is Zebra42x'))
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectorSendError);
      expect(JSON.stringify(error)).not.toContain('Zebra42x');
      expect(String(error)).not.toContain('Zebra42x');
    } finally {
      await connector.close();
    }
  });
});

describe('retryDelay: the waits (shorter than the pipeline, a chat cannot wait a minute)', () => {
  const policy: RetryPolicy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1_000, timeoutMs: 1 };
  const http = (statusCode: number, retryAfterMs?: number) =>
    ({ kind: 'http', error: new ConnectorSendError(statusCode), retryAfterMs }) as const;
  const network = (code?: string) => ({ kind: 'network', cause: Object.assign(new Error('x'), { code }) }) as const;
  it.each([
    ['a reset connection, first attempt', network('ECONNRESET'), 1, 100],
    ['a reset connection, third attempt', network('ECONNRESET'), 3, 400],
    ['a reset connection, last attempt', network('ECONNRESET'), 4, undefined],
    ['our own timeout (the post may have arrived)', network(undefined), 1, undefined],
    ['a TLS failure', network('ERR_TLS_CERT_ALTNAME_INVALID'), 1, undefined],
    ['429 with Retry-After', http(429, 300), 1, 300],
    ['429 with a long Retry-After (capped)', http(429, 60_000), 1, 1_000],
    ['503 without Retry-After', http(503), 2, 200],
    ['500 late (capped)', http(500), 3, 400],
  ])('%s', (_name, outcome, attempt, expected) => {
    expect(retryDelay(outcome, attempt, policy)).toBe(expected);
  });
});

/** A loopback forward proxy: absolute-URI requests are forwarded, CONNECT is noted and refused. */
async function proxyStandIn() {
  const seen: string[] = [];
  const server = createHttpServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    const target = new URL(req.url ?? '');
    const upstream = connect(Number(target.port), target.hostname, () => {
      upstream.write(`${req.method} ${target.pathname}${target.search} HTTP/1.1\r\n`);
      for (let i = 0; i < req.rawHeaders.length; i += 2)
        upstream.write(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`);
      upstream.write('connection: close\r\n\r\n');
      req.pipe(upstream);
      upstream.pipe(res.socket as Socket);
    });
  });
  server.on('connect', (req, socket: Socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('lean replies through a proxy (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)', () => {
  // [environment, whether the proxy carries the reply]
  it.each<[string, (proxy: string, port: number) => NodeJS.ProcessEnv, boolean]>([
    ['HTTPS_PROXY', (proxy) => ({ HTTPS_PROXY: proxy }), true],
    ['HTTP_PROXY', (proxy) => ({ HTTP_PROXY: proxy }), true],
    ['lower-case https_proxy', (proxy) => ({ https_proxy: proxy }), true],
    ['no proxy', () => ({}), false],
    ['NO_PROXY naming the host', (proxy) => ({ HTTPS_PROXY: proxy, NO_PROXY: 'example.com,127.0.0.1' }), false],
    [
      'NO_PROXY naming the host and port',
      (proxy, port) => ({ HTTPS_PROXY: proxy, NO_PROXY: `127.0.0.1:${port}` }),
      false,
    ],
    [
      'NO_PROXY naming another port',
      (proxy, port) => ({ HTTPS_PROXY: proxy, NO_PROXY: `127.0.0.1:${port + 1}` }),
      true,
    ],
    ['NO_PROXY *', (proxy) => ({ HTTPS_PROXY: proxy, NO_PROXY: '*' }), false],
    ['NO_PROXY naming other hosts', (proxy) => ({ HTTPS_PROXY: proxy, NO_PROXY: 'localhost,.example.com' }), true],
  ])('%s', async (_name, env, proxied) => {
    const [connector, proxy] = await Promise.all([scriptedConnector(), proxyStandIn()]);
    try {
      const client = await leanClient(connector.serviceUrl, env(proxy.url, connector.port));
      expect(await client.conversations.sendToConversation('c 1', MessageFactory.text('a'))).toEqual({ id: 'reply-1' });
      expect(connector.received).toHaveLength(1);
      expect(proxy.seen).toEqual(proxied ? [`POST ${connector.serviceUrl}v3/conversations/c%201/activities`] : []);
    } finally {
      await Promise.all([connector.close(), proxy.close()]);
    }
  });

  it.each([
    ['goes through the proxy', { HTTPS_PROXY: 'PROXY' }, 1],
    ['goes direct when NO_PROXY covers the channel', { HTTPS_PROXY: 'PROXY', NO_PROXY: '127.0.0.1' }, 0],
  ])("a turn's reply on the server createAdapter makes %s", async (_name, env, throughProxy) => {
    const [connector, proxy] = await Promise.all([scriptedConnector(), proxyStandIn()]);
    const config = parseConfig({ ...env, HTTPS_PROXY: proxy.url });
    const bot = { run: async (context: TurnContext) => void (await context.sendActivity('echo')) };
    const server = createServer({
      adapter: createAdapter(config, createLogger('silent')),
      bot,
      logger: createLogger('silent'),
    });
    try {
      const url = await listen(server, 0, '127.0.0.1');
      const message = {
        type: 'message',
        id: 'm-1',
        text: 'hi',
        channelId: 'test',
        serviceUrl: connector.serviceUrl,
        conversation: { id: 'c-1' },
        from: { id: 'u-1' },
        recipient: { id: 'bot' },
      };
      const res = await fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(message),
      });
      expect(res.status).toBe(200);
      expect(connector.received.map((r) => JSON.parse(r.body).text as unknown)).toEqual(['echo']);
      expect(proxy.seen).toHaveLength(throughProxy);
    } finally {
      await shutdown(server);
      await Promise.all([connector.close(), proxy.close()]);
    }
  });

  it('asks the proxy to CONNECT to an https channel, as the stock client does', async () => {
    const proxy = await proxyStandIn();
    const previous = process.env.HTTPS_PROXY;
    try {
      const serviceUrl = 'https://127.0.0.1:9/';
      const lean = await leanClient(serviceUrl, { HTTPS_PROXY: proxy.url });
      await expect(lean.conversations.sendToConversation('c', MessageFactory.text('a'))).rejects.toThrow();
      const leanSeen = [...new Set(proxy.seen)];
      proxy.seen.length = 0;
      // Why set process.env here: the Azure pipeline reads the proxy from it when a client is made.
      process.env.HTTPS_PROXY = proxy.url;
      const stock = await quickStockClient(serviceUrl);
      await expect(stock.conversations.sendToConversation('c', MessageFactory.text('a'))).rejects.toThrow();
      expect(leanSeen).toEqual(['CONNECT 127.0.0.1:9']);
      expect([...new Set(proxy.seen)]).toEqual(leanSeen);
    } finally {
      if (previous === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = previous;
      await proxy.close();
    }
  });

  it('sends through the proxy what the stock client sends through it', async () => {
    const [connector, proxy] = await Promise.all([scriptedConnector(), proxyStandIn()]);
    const previous = process.env.HTTPS_PROXY;
    try {
      const activity = TurnContext.applyConversationReference(MessageFactory.text('a'), reference);
      await (
        await leanClient(connector.serviceUrl, { HTTPS_PROXY: proxy.url })
      ).conversations.sendToConversation('c', activity);
      process.env.HTTPS_PROXY = proxy.url;
      await (await stockClient(connector.serviceUrl)).conversations.sendToConversation('c', activity);
      expect(proxy.seen).toHaveLength(2);
      expect(proxy.seen[0]).toBe(proxy.seen[1]);
      const [lean, stock] = connector.received.map(essentials);
      expect(lean).toEqual(stock);
    } finally {
      if (previous === undefined) delete process.env.HTTPS_PROXY;
      else process.env.HTTPS_PROXY = previous;
      await Promise.all([connector.close(), proxy.close()]);
    }
  });
});

describe('withLeanReplies', () => {
  it('replaces the two send operations and leaves every other operation and property to the client', async () => {
    const connector = await scriptedConnector([json(200, { id: '3' })]);
    const getConversationMembers = jest.fn(async () => []);
    const credentials = { signRequest: async () => undefined };
    const original = {
      credentials,
      conversations: { getConversationMembers, replyToActivity: jest.fn(), sendToConversation: jest.fn() },
    };
    try {
      const lean = withLeanReplies(
        original as unknown as ConnectorClient,
        connector.serviceUrl,
        createOutbound(),
        quick,
      );
      expect(await lean.conversations.replyToActivity('conv 1', 'act/1', MessageFactory.text('a'))).toEqual({
        id: '3',
      });
      expect(await lean.conversations.sendToConversation('conv 1', MessageFactory.text('a'))).toEqual({ id: '3' });
      expect(connector.received.map((r) => r.url)).toEqual([
        '/v3/conversations/conv%201/activities/act%2F1',
        '/v3/conversations/conv%201/activities',
      ]);
      expect(original.conversations.replyToActivity).not.toHaveBeenCalled();
      await lean.conversations.getConversationMembers('conv 1');
      expect(getConversationMembers).toHaveBeenCalledWith('conv 1');
      expect(lean.credentials).toBe(credentials);
    } finally {
      await connector.close();
    }
  });
});
