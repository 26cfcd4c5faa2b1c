/** The direct send path: what goes on the wire, signing, retries, and what is left to the real client. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';
import type { ConnectorClient } from '../../bots/botbuilder-patches/connector-types';
import {
  CONVERSATION_ID_HEADER,
  ConnectorSendError,
  postActivity,
  retryDelay,
  withLeanReplies,
  type RetryPolicy,
} from '../../bots/botbuilder-patches/lean-replies';

interface Received {
  method?: string;
  url?: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A connector that answers each request with the next scripted reply (the last one repeats). */
async function scriptedConnector(replies: { status: number; body?: string; headers?: Record<string, string> }[]) {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body });
      const reply = replies[Math.min(received.length - 1, replies.length - 1)]!;
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    received,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const anonymous = { signRequest: async () => undefined };
const quick: RetryPolicy = { attempts: 3, baseDelayMs: 1, maxDelayMs: 20, timeoutMs: 2_000 };
const activity: Partial<Activity> = { type: 'message', text: 'SMTP: port 465', channelId: 'msteams' };

function post(serviceUrl: string, overrides: Partial<Parameters<typeof postActivity>[0]> = {}) {
  return postActivity({
    baseUri: serviceUrl,
    credentials: anonymous,
    conversationId: 'a:b;c',
    path: 'v3/conversations/a%3Ab%3Bc/activities/x%201',
    activity,
    retry: quick,
    ...overrides,
  });
}

describe('postActivity', () => {
  it('posts the activity as JSON with the conversation header and returns the id the connector gave', async () => {
    const connector = await scriptedConnector([{ status: 201, body: '{"id":"reply-1"}' }]);
    try {
      expect(await post(connector.serviceUrl)).toEqual({ id: 'reply-1' });
      const [request] = connector.received;
      expect(request).toMatchObject({ method: 'POST', url: '/v3/conversations/a%3Ab%3Bc/activities/x%201' });
      expect(request?.headers[CONVERSATION_ID_HEADER]).toBe('a:b;c');
      expect(request?.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(JSON.parse(request?.body ?? '')).toEqual(activity);
    } finally {
      await connector.close();
    }
  });

  it.each([
    ['with a trailing slash', '/amer/'],
    ['without one', '/amer'],
  ])('keeps the path of a regional service URL (Teams), %s', async (_name, path) => {
    const connector = await scriptedConnector([{ status: 200, body: '{"id":"1"}' }]);
    try {
      await post(connector.serviceUrl.replace(/\/$/, path));
      expect(connector.received[0]?.url).toBe('/amer/v3/conversations/a%3Ab%3Bc/activities/x%201');
    } finally {
      await connector.close();
    }
  });

  it("signs every request with the client's credentials", async () => {
    const connector = await scriptedConnector([{ status: 200, body: '{"id":"1"}' }]);
    const credentials = {
      signRequest: async (resource: { headers: { set(name: string, value: string): void } }) =>
        resource.headers.set('Authorization', 'Bearer token-1'),
    };
    try {
      await post(connector.serviceUrl, { credentials });
      expect(connector.received[0]?.headers.authorization).toBe('Bearer token-1');
    } finally {
      await connector.close();
    }
  });

  it.each([
    ['an empty body', ''],
    ['a body without an id', '{}'],
    ['a body that is not JSON', 'accepted'],
  ])('answers an empty id for a 2xx with %s', async (_name, body) => {
    const connector = await scriptedConnector([{ status: 202, body }]);
    try {
      expect(await post(connector.serviceUrl)).toEqual({ id: '' });
    } finally {
      await connector.close();
    }
  });

  it.each([
    [429, { 'retry-after': '0' }],
    [503, {}],
    [502, {}],
  ])('retries HTTP %s and succeeds', async (status, headers) => {
    const connector = await scriptedConnector([
      { status, headers },
      { status: 200, body: '{"id":"2"}' },
    ]);
    try {
      expect(await post(connector.serviceUrl)).toEqual({ id: '2' });
      expect(connector.received).toHaveLength(2);
      expect(connector.received[1]?.body).toBe(connector.received[0]?.body);
    } finally {
      await connector.close();
    }
  });

  it('gives up after the last attempt with the status and the service error code, not the activity', async () => {
    const connector = await scriptedConnector([
      { status: 503, body: '{"error":{"code":"ServiceError","message":"x"}}' },
    ]);
    try {
      const error = await post(connector.serviceUrl).catch((err: unknown) => err);
      expect(error).toBeInstanceOf(ConnectorSendError);
      expect(error).toMatchObject({ statusCode: 503, code: 'ServiceError' });
      expect(String((error as Error).message)).not.toContain('465');
      expect(connector.received).toHaveLength(quick.attempts);
    } finally {
      await connector.close();
    }
  });

  it.each([400, 401, 403, 404])('does not retry HTTP %s', async (status) => {
    const connector = await scriptedConnector([{ status }]);
    try {
      await expect(post(connector.serviceUrl)).rejects.toMatchObject({ statusCode: status });
      expect(connector.received).toHaveLength(1);
    } finally {
      await connector.close();
    }
  });

  it('retries a refused connection, then reports the network error', async () => {
    const connector = await scriptedConnector([{ status: 200 }]);
    await connector.close();
    await expect(post(connector.serviceUrl)).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('retryDelay', () => {
  const policy: RetryPolicy = { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, timeoutMs: 1 };
  const http = (statusCode: number, retryAfterMs?: number) =>
    ({ kind: 'http', error: new ConnectorSendError(statusCode), retryAfterMs }) as const;
  const network = { kind: 'network', cause: new Error('reset') } as const;
  it.each([
    ['network error, first attempt', network, 1, 100],
    ['network error, second attempt', network, 2, 200],
    ['network error, last attempt', network, 3, undefined],
    ['429 with Retry-After', http(429, 300), 1, 300],
    ['429 with a long Retry-After (capped)', http(429, 60_000), 1, 1_000],
    ['503 without Retry-After', http(503), 2, 200],
    ['403', http(403), 1, undefined],
    ['400', http(400), 1, undefined],
  ])('%s', (_name, outcome, attempt, expected) => {
    expect(retryDelay(outcome, attempt, policy)).toBe(expected);
  });
});

describe('withLeanReplies', () => {
  it('replaces the two send operations and leaves every other operation and property to the client', async () => {
    const connector = await scriptedConnector([{ status: 200, body: '{"id":"3"}' }]);
    const getConversationMembers = jest.fn(async () => []);
    const original = {
      credentials: anonymous,
      conversations: { getConversationMembers, replyToActivity: jest.fn(), sendToConversation: jest.fn() },
    };
    try {
      const lean = withLeanReplies(original as unknown as ConnectorClient, connector.serviceUrl, quick);
      expect(await lean.conversations.replyToActivity('conv 1', 'act/1', activity)).toEqual({ id: '3' });
      expect(await lean.conversations.sendToConversation('conv 1', activity)).toEqual({ id: '3' });
      expect(connector.received.map((r) => r.url)).toEqual([
        '/v3/conversations/conv%201/activities/act%2F1',
        '/v3/conversations/conv%201/activities',
      ]);
      expect(original.conversations.replyToActivity).not.toHaveBeenCalled();
      await lean.conversations.getConversationMembers('conv 1');
      expect(getConversationMembers).toHaveBeenCalledWith('conv 1');
      expect(lean.credentials).toBe(anonymous);
    } finally {
      await connector.close();
    }
  });
});
