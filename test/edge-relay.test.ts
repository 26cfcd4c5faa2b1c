/**
 * Anonymous mode is no open relay: /api/messages takes requests from this machine only, and a
 * serviceUrl outside the allowlist gets 403 before the adapter runs, with no connection and no DNS
 * lookup. Real server, real stand-in listeners that count connections.
 */
import dns from 'node:dns';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import { createBot, MemoryReferenceStore, supportChannelPoster } from '../bots';
import { referenceKey } from '../bots/teams';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { createAdapter, createServer, createWebChat, listen, SERVER_TEXT, shutdown } from '../server';
import { ServiceUrlRefusedError } from '../server/bot-auth';
import { messagesPolicy } from '../server/service-urls';

/** An HTTP listener that counts every connection and answers any request like a connector. */
interface StandIn {
  host: string;
  port: number;
  connections: number;
  requests: { url: string; authorization?: string }[];
  close(): Promise<void>;
}

async function standIn(host: string): Promise<StandIn> {
  const stand: Partial<StandIn> & { connections: number; requests: StandIn['requests'] } = {
    connections: 0,
    requests: [],
  };
  const server: HttpServer = createHttpServer((req, res) => {
    stand.requests.push({ url: req.url ?? '', authorization: req.headers.authorization });
    req.resume().on('end', () => {
      res.setHeader('content-type', 'application/json');
      res.end('{"id":"r-1"}');
    });
  });
  server.on('connection', () => stand.connections++);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return Object.assign(stand, {
    host,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections()),
  }) as StandIn;
}

const config = parseConfig({
  TEAMS_SUPPORT_TEAM_ID: '19:team@thread.tacv2',
  TEAMS_SUPPORT_CHANNEL_ID: '19:desk@thread.tacv2',
});
const logger = createLogger('silent');
const references = new MemoryReferenceStore();
const adapter = createAdapter(config, logger);
const bot = createBot({ answerer: createAnswerer(), config, references });
let server: Server;
let url: string;
let port: number;
let main: StandIn;
let other: StandIn;
const lookups: string[] = [];

beforeAll(async () => {
  const webChat = createWebChat(config, { bot, logger });
  server = createServer({ adapter, bot, logger, webChat, messages: messagesPolicy(config) });
  // Why all interfaces: as `npm start` listens; the peer check, not the address, protects /api/messages.
  url = await listen(server, 0);
  port = Number(new URL(url).port);
  url = `http://127.0.0.1:${port}`;
  main = await standIn('127.0.0.1');
  other = await standIn('127.0.0.2');
  const lookup = dns.lookup;
  jest.spyOn(dns, 'lookup').mockImplementation(((hostname: string, ...rest: unknown[]) => {
    lookups.push(hostname);
    return (lookup as (...args: unknown[]) => void)(hostname, ...rest);
  }) as typeof dns.lookup);
});

afterAll(async () => {
  jest.restoreAllMocks();
  await shutdown(server);
  await main.close();
  await other.close();
});

let serial = 0;

function message(serviceUrl: string, fields: Partial<Activity> = {}): Partial<Activity> {
  return {
    type: 'message',
    id: `m-${++serial}`,
    text: 'what port for smtp',
    channelId: 'emulator',
    serviceUrl,
    conversation: { id: `c-${serial}`, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'Customer' },
    recipient: { id: 'bot', name: 'Bot' },
    ...fields,
  };
}

async function post(activity: Partial<Activity>, base = url): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Connections opened and requests made (a pooled keep-alive connection may carry one) to a stand-in. */
const contacts = (stand: StandIn) => stand.connections + stand.requests.length;

/** How often each stand-in was contacted and which names were looked up while `act` ran. */
async function observe(act: () => Promise<unknown>): Promise<{ main: number; other: number; lookups: string[] }> {
  const before = { main: contacts(main), other: contacts(other), lookups: lookups.length };
  await act();
  return {
    main: contacts(main) - before.main,
    other: contacts(other) - before.other,
    lookups: lookups.slice(before.lookups),
  };
}

describe('anonymous /api/messages: where replies may go', () => {
  it.each<[string, (p: number, q: number) => string]>([
    ['127.0.0.1', (p) => `http://127.0.0.1:${p}/`],
    ['localhost', (p) => `http://localhost:${p}/`],
  ])('replies to a loopback serviceUrl (%s), which the stand-in and the lookup spy see', async (name, serviceUrl) => {
    const seen = await observe(async () =>
      expect((await post(message(serviceUrl(main.port, other.port)))).status).toBe(200),
    );
    expect(seen.main).toBeGreaterThan(0);
    if (name === 'localhost') expect(seen.lookups).toContain('localhost');
  });

  it.each<[string, (p: number, q: number) => string]>([
    ['another loopback address', (_p, q) => `http://127.0.0.2:${q}/`],
    ['a decimal IPv4 form', (p) => `http://2130706433:${p}/`],
    ['a short IPv4 form', (p) => `http://127.1:${p}/`],
    ['a hex IPv4 form', (p) => `http://0x7f.0.0.1:${p}/`],
    ['an IPv4-mapped IPv6 address', (p) => `http://[::ffff:127.0.0.1]:${p}/`],
    ['userinfo (a Basic header)', (p) => `http://user:pw@127.0.0.1:${p}/`],
    ['a backslash', (p) => `http://127.0.0.1:${p}\\@127.0.0.2/`],
    ['a lookalike host name', (p) => `http://localhost.connector.example:${p}/`],
    ['any host name', () => 'https://connector.example/'],
  ])('refuses %s with 403 and makes no connection and no lookup', async (_name, serviceUrl) => {
    let answer: { status: number; body: unknown } | undefined;
    const seen = await observe(async () => (answer = await post(message(serviceUrl(main.port, other.port)))));
    expect(answer).toEqual({ status: 403, body: { error: SERVER_TEXT.forbidden.serviceUrl } });
    expect(seen).toEqual({ main: 0, other: 0, lookups: [] });
  });

  it('refuses a Teams conversationUpdate naming another serviceUrl, and remembers nothing from it', async () => {
    const team = { id: '19:team@thread.tacv2', name: 'Support' };
    const update = message(`http://127.0.0.2:${other.port}/`, {
      type: 'conversationUpdate',
      channelId: 'msteams',
      conversation: { id: team.id, isGroup: true, conversationType: 'channel', name: '' },
      membersAdded: [{ id: 'bot', name: 'Bot' }],
      channelData: { team, channel: { id: team.id }, eventType: 'teamMemberAdded' },
    });
    const seen = await observe(async () => expect((await post(update)).status).toBe(403));
    expect(seen).toEqual({ main: 0, other: 0, lookups: [] });
    expect(await references.list()).toEqual([]);
  });
});

describe('proactive sends: a stored reference is checked like a request', () => {
  const poster = () => supportChannelPoster({ adapter, channelId: '19:desk@thread.tacv2', references });
  const reference = (serviceUrl: string) => ({
    channelId: 'msteams',
    serviceUrl,
    bot: { id: 'bot', name: 'Bot' },
    conversation: { id: '19:desk@thread.tacv2', isGroup: true, conversationType: 'channel', name: '' },
  });

  it('posts through a reference to an allowed serviceUrl', async () => {
    await references.put(referenceKey('19:desk@thread.tacv2'), reference(`http://127.0.0.1:${main.port}/`));
    const seen = await observe(async () => expect((await poster()('hello')).kind).toBe('posted'));
    expect(seen.main).toBeGreaterThan(0);
  });

  it.each<[string, (q: number) => string]>([
    ['another loopback address', (q) => `http://127.0.0.2:${q}/`],
    ['a host name', () => 'https://connector.example/'],
  ])('refuses a planted reference to %s, with no connection and no lookup', async (_name, serviceUrl) => {
    await references.put(referenceKey('19:desk@thread.tacv2'), reference(serviceUrl(other.port)));
    const seen = await observe(() => expect(poster()('hello')).rejects.toThrow(ServiceUrlRefusedError));
    expect(seen).toEqual({ main: 0, other: 0, lookups: [] });
  });
});

/** This machine's first address that is not loopback, if it has one. */
function externalAddress(): string | undefined {
  const all = Object.values(networkInterfaces()).flat();
  return all.find((a) => a && a.family === 'IPv4' && !a.internal)?.address;
}

const external = externalAddress();

describe('anonymous /api/messages: who may call', () => {
  (external ? it : it.skip)(
    `refuses a caller from another address (${external}) with 403 and sends nothing`,
    async () => {
      const seen = await observe(async () =>
        expect(await post(message(`http://127.0.0.1:${main.port}/`), `http://${external}:${port}`)).toEqual({
          status: 403,
          body: { error: SERVER_TEXT.forbidden.peer },
        }),
      );
      expect(seen.main).toBe(0);
    },
  );

  (external ? it : it.skip)('keeps the chat page and /healthz public for that caller', async () => {
    expect((await fetch(`http://${external}:${port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://${external}:${port}/`)).status).toBe(200);
  });

  (external ? it : it.skip)(
    'ignores X-Forwarded-For: that caller claiming to be 127.0.0.1 is still refused',
    async () => {
      const res = await fetch(`http://${external}:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': '127.0.0.1' },
        body: JSON.stringify(message(`http://127.0.0.1:${main.port}/`)),
      });
      expect(res.status).toBe(403);
    },
  );
});
