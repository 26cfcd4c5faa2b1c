/**
 * Real requests that make restify (and the server) log, each carrying a bearer token, a cookie and
 * tokens in its query string: none of them reaches the log.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createAdapter, createServer, createWebChat, listen, shutdown } from '../server';

const SECRET = 'S3CR3T';
const APP = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-id' };

/** A JWT with an allowed issuer and audience, signed by a key nobody publishes: it makes botbuilder fetch keys. */
function forgedToken(): string {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT', kid: SECRET })}.${part({
    iss: 'https://api.botframework.com',
    aud: APP.MicrosoftAppId,
    exp: now + 600,
    nonce: SECRET,
  })}`;
  return `${unsigned}.${sign('sha256', Buffer.from(unsigned), privateKey).toString('base64url')}`;
}

/** A port nothing listens on, for OpenID metadata that cannot be fetched. */
async function closedPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const logs: string[] = [];
const logger = createLogger('info', { write: (line: string) => logs.push(line) });
const bot = { run: async () => undefined };
let anonymous: { server: Server; url: string };
let authenticated: { server: Server; url: string };

beforeAll(async () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const open = parseConfig({});
  const webChat = createWebChat(open, { bot, logger });
  const anonymousServer = createServer({ adapter: createAdapter(open, logger), bot, logger, webChat });
  anonymous = { server: anonymousServer, url: await listen(anonymousServer, 0, '127.0.0.1') };
  const metadataUrl = `http://127.0.0.1:${await closedPort()}/openid`;
  const closed = parseConfig({ ...APP, ToBotFromChannelOpenIdMetadataUrl: metadataUrl });
  const authServer = createServer({ adapter: createAdapter(closed, logger), bot, logger });
  authenticated = { server: authServer, url: await listen(authServer, 0, '127.0.0.1') };
});

afterAll(async () => {
  jest.restoreAllMocks();
  await shutdown(anonymous.server);
  await shutdown(authenticated.server);
});

/** Why a string: JSON.stringify itself runs out of stack on 5,000 levels. */
const nestedJson = (depth: number) => `${'{"v":'.repeat(depth)}"${SECRET}"${'}'.repeat(depth)}`;
const activity = (fields: object = {}) =>
  JSON.stringify({
    type: 'message',
    text: SECRET,
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9/',
    conversation: { id: 'c-1' },
    ...fields,
  });

const query = `?t=${SECRET}&token=${SECRET}`;

interface Probe {
  server: () => string;
  method: string;
  path: string;
  body?: () => string;
  headers?: Record<string, string>;
}

describe('requests that make the server log', () => {
  it.each<[string, Probe]>([
    [
      'an answer restify cannot format (Accept: image/png on a 401): restify warns with the request',
      {
        server: () => authenticated.url,
        method: 'POST',
        path: `/api/messages${query}`,
        body: () => activity(),
        headers: { accept: 'image/png', authorization: `Bearer ${SECRET}` },
      },
    ],
    [
      'a 503 while the signing keys cannot be fetched',
      {
        server: () => authenticated.url,
        method: 'POST',
        path: `/api/messages${query}`,
        body: () => activity(),
        headers: { authorization: `Bearer ${forgedToken()}` },
      },
    ],
    [
      'a bad JSON body',
      { server: () => anonymous.url, method: 'POST', path: `/api/messages${query}`, body: () => `{"text":"${SECRET}` },
    ],
    [
      'a deeply nested body',
      {
        server: () => anonymous.url,
        method: 'POST',
        path: `/api/messages${query}`,
        body: () => `${activity().slice(0, -1)},"value":${nestedJson(5_000)}}`,
      },
    ],
    [
      'a deeply nested Direct Line activity',
      {
        server: () => anonymous.url,
        method: 'POST',
        path: `/v3/directline/conversations/c-1/activities${query}`,
        body: () => `${activity().slice(0, -1)},"value":${nestedJson(5_000)}}`,
      },
    ],
    [
      'a stream URL fetched without an upgrade',
      { server: () => anonymous.url, method: 'GET', path: `/v3/directline/conversations/c-1/stream${query}` },
    ],
    [
      'an unknown path',
      { server: () => anonymous.url, method: 'GET', path: `/nowhere${query}`, headers: { accept: 'image/png' } },
    ],
  ])('%s', async (_name, probe) => {
    const before = logs.length;
    const res = await fetch(`${probe.server()}${probe.path}`, {
      method: probe.method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${SECRET}`,
        cookie: `session=${SECRET}`,
        ...probe.headers,
      },
      body: probe.body?.(),
    });
    await res.arrayBuffer();
    const logged = logs.slice(before).join('');
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain(probe.headers?.authorization?.split(' ')[1] ?? SECRET);
  });

  it('did make restify log a request (the warning that used to carry raw headers)', () => {
    const restify = logs.map((l) => JSON.parse(l) as { component?: string; req?: object }).filter((l) => l.req);
    expect(restify.length).toBeGreaterThan(0);
    expect(restify[0]).toMatchObject({
      component: 'restify',
      req: { method: 'POST', headers: { accept: 'image/png' } },
    });
  });
});
