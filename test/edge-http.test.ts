/** The HTTP edge on real sockets: connections per address, slow-client timeouts, HSTS only over HTTPS. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect, createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import type { Server } from 'restify';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown, type Bot } from '../server';
import {
  connectionCap,
  DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
  HSTS,
  HTTP_TIMEOUTS,
  peerKey,
  type EdgeOptions,
} from '../server/edge';

const bot: Bot = { run: async () => undefined };

interface Running {
  server: Server;
  port: number;
  logs: string[];
}

async function start(env: NodeJS.ProcessEnv): Promise<Running> {
  const config = parseConfig(env);
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });
  const edge: EdgeOptions = {
    trustProxy: config.webChatTrustProxy,
    maxConnectionsPerAddress: config.maxConnectionsPerAddress,
  };
  const server = createServer({ adapter: createAdapter(config, logger), bot, logger, edge });
  const url = await listen(server, 0, '127.0.0.1');
  return { server, port: Number(new URL(url).port), logs };
}

/** A connected raw socket, and what it has received so far. */
interface Raw {
  socket: Socket;
  received: () => string;
  closed: Promise<void>;
}

function open(port: number): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (data += chunk));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('close', () => reject(new Error('closed before connecting')));
  });
}

/** Sends a GET on the socket and resolves with the status line of the answer. */
function request(raw: Raw, path: string, headers = ''): Promise<string> {
  return new Promise((resolve, reject) => {
    const before = raw.received().length;
    const check = () => {
      const answer = raw.received().slice(before);
      if (answer.includes('\r\n\r\n')) {
        raw.socket.off('data', check);
        resolve(answer);
      }
    };
    raw.socket.on('data', check);
    raw.closed.then(() => reject(new Error('closed without an answer')));
    raw.socket.write(`GET ${path} HTTP/1.1\r\nHost: localhost\r\n${headers}\r\n`);
  });
}

describe('connection cap per address', () => {
  let app: Running;
  const sockets: Raw[] = [];
  beforeAll(async () => {
    app = await start({ MAX_CONNECTIONS_PER_ADDRESS: '3' });
    // Why: a slow run must not see the server close an idle keep-alive socket the test still counts on.
    app.server.server.keepAliveTimeout = 60_000;
  });
  afterAll(async () => {
    for (const raw of sockets) raw.socket.destroy();
    await shutdown(app.server, 100);
  });

  it('holds three idle connections, closes a fourth at once, and takes one again when one ends', async () => {
    for (let i = 0; i < 3; i++) sockets.push(await open(app.port));
    const fourth = await open(app.port).catch(() => undefined);
    if (fourth) {
      sockets.push(fourth);
      await fourth.closed;
      expect(fourth.received()).toBe('');
    }
    expect(await request(sockets[0]!, '/healthz')).toMatch(/^HTTP\/1\.1 200/);
    expect(app.logs.join('')).toContain('connection cap reached');
    sockets[1]!.socket.destroy();
    await sockets[1]!.closed;
    const again = await retry(async () => {
      const raw = await open(app.port);
      sockets.push(raw);
      return request(raw, '/healthz');
    });
    expect(again).toMatch(/^HTTP\/1\.1 200/);
  });

  it('closes excess connections whatever they send: the cap holds under a burst of 50', async () => {
    const burst = await Promise.all(Array.from({ length: 50 }, () => open(app.port).catch(() => undefined)));
    const opened = burst.filter((raw): raw is Raw => raw !== undefined);
    sockets.push(...opened);
    const answers = await Promise.all(opened.map((raw) => request(raw, '/healthz').catch(() => 'closed')));
    expect(answers.filter((a) => a.startsWith('HTTP/1.1 200'))).toEqual([]);
    expect(await request(sockets[0]!, '/healthz')).toMatch(/^HTTP\/1\.1 200/);
  });
});

/** Tries `attempt` until it succeeds; the server sees a closed socket a moment after the client does. */
async function retry<T>(attempt: () => Promise<T>, tries = 50): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (i >= tries) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

describe('connectionCap', () => {
  it.each<[string, EdgeOptions, number]>([
    ['the default', {}, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS],
    ['a configured cap', { maxConnectionsPerAddress: 10 }, 10],
    ['0, no cap', { maxConnectionsPerAddress: 0 }, 0],
    ['behind a trusted proxy (every connection is the proxy’s): off', { trustProxy: true }, 0],
    ['behind a trusted proxy with a cap set: that cap', { trustProxy: true, maxConnectionsPerAddress: 500 }, 500],
  ])('%s', (_name, options, cap) => {
    expect(connectionCap(options)).toBe(cap);
  });
});

describe('peerKey', () => {
  it.each<[string | undefined, string]>([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:db8:1:3::1', '2001:db8:1:3::/64'],
    ['::1', '::/64'],
    [undefined, 'unknown'],
    ['not an address', 'not an address'],
  ])('%s counts as %s', (address, key) => {
    expect(peerKey(address)).toBe(key);
  });
});

describe('timeouts for slow clients', () => {
  it.each<[string, NodeJS.ProcessEnv, number]>([
    ['directly on the internet', {}, HTTP_TIMEOUTS.keepAliveMs],
    ['behind a trusted proxy', { WEBCHAT_TRUST_PROXY: 'true' }, HTTP_TIMEOUTS.keepAliveBehindProxyMs],
  ])('sets them %s', async (_name, env, keepAlive) => {
    const app = await start(env);
    try {
      const http = app.server.server;
      expect(http.headersTimeout).toBe(HTTP_TIMEOUTS.headersMs);
      expect(http.requestTimeout).toBe(HTTP_TIMEOUTS.requestMs);
      expect(http.keepAliveTimeout).toBe(keepAlive);
      expect(HTTP_TIMEOUTS.headersMs).toBeLessThan(HTTP_TIMEOUTS.requestMs);
    } finally {
      await shutdown(app.server, 100);
    }
  });
});

describe('Strict-Transport-Security', () => {
  let direct: Running;
  let proxied: Running;
  beforeAll(async () => {
    [direct, proxied] = [await start({}), await start({ WEBCHAT_TRUST_PROXY: 'true' })];
  });
  afterAll(async () => {
    await shutdown(direct.server, 100);
    await shutdown(proxied.server, 100);
  });

  const hsts = async (app: Running, headers: Record<string, string>, path = '/healthz') =>
    (await fetch(`http://127.0.0.1:${app.port}${path}`, { headers })).headers.get('strict-transport-security');

  it.each<[string, () => Running, Record<string, string>, string | null]>([
    ['plain http', () => direct, {}, null],
    [
      'plain http claiming X-Forwarded-Proto: https, no proxy trusted',
      () => direct,
      { 'x-forwarded-proto': 'https' },
      null,
    ],
    ['a trusted proxy saying https', () => proxied, { 'x-forwarded-proto': 'https' }, HSTS],
    ['a trusted proxy saying http', () => proxied, { 'x-forwarded-proto': 'http' }, null],
    ['a trusted proxy appending http to a client’s https', () => proxied, { 'x-forwarded-proto': 'https, http' }, null],
    ['a trusted proxy without X-Forwarded-Proto', () => proxied, {}, null],
  ])('%s', async (_name, app, headers, expected) => {
    expect(await hsts(app(), headers)).toBe(expected);
  });

  it('is on every answer over a trusted https proxy, a 404 included', async () => {
    expect(await hsts(proxied, { 'x-forwarded-proto': 'https' }, '/nowhere')).toBe(HSTS);
  });

  it('says max-age of at least a year and includeSubDomains', () => {
    expect(HSTS).toMatch(/^max-age=(\d+); includeSubDomains$/);
    expect(Number(/max-age=(\d+)/.exec(HSTS)![1])).toBeGreaterThanOrEqual(31_536_000);
  });

  describe('over TLS', () => {
    let dir: string;
    let tls: TlsServer;
    let cert: Buffer;
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'edge-tls-'));
      const [key, crt] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
      execFileSync(
        'openssl',
        [
          ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
          ...['-subj', '/CN=localhost', '-days', '1', '-keyout', key, '-out', crt],
        ],
        { stdio: 'ignore' },
      );
      cert = readFileSync(crt);
      // Why hand the TLS socket to the restify server: the same server, its request now arriving encrypted.
      tls = createTlsServer({ key: readFileSync(key), cert }, (socket) =>
        direct.server.server.emit('connection', socket),
      );
      await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => {
      tls.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is sent when the request itself is TLS', async () => {
      const port = (tls.address() as { port: number }).port;
      const answer = await new Promise<string>((resolve, reject) => {
        const socket = tlsConnect({ port, host: '127.0.0.1', ca: cert, servername: 'localhost' }, () =>
          socket.end('GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n'),
        );
        let data = '';
        socket.setEncoding('utf8').on('data', (chunk: string) => (data += chunk));
        socket.on('end', () => resolve(data)).on('error', reject);
      });
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      expect(answer.toLowerCase()).toContain(`strict-transport-security: ${HSTS.toLowerCase()}`);
    });
  });
});
