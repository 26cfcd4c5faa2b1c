/**
 * Forged and broken Bot Framework tokens against the real server, with the OpenID metadata URL
 * (ToBotFromChannelOpenIdMetadataUrl) pointed at a loopback stand-in: a token the keys do not
 * verify is 401, keys out of reach are 503 and a log line, never 500.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { Server } from 'restify';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, SERVER_TEXT, shutdown } from '../server';
import { botAuthOptions } from '../server/bot-auth';

const APP = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-id' };
const ISSUER = 'https://api.botframework.com';
const SERVICE_URL = 'http://127.0.0.1:9/';
const KID = 'key-1';

const signing = generateKeyPairSync('rsa', { modulusLength: 2048 });
const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });

const b64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT signed with `key` (RS256), as the Bot Framework's channel service would send it. */
function token(claims: Record<string, unknown> = {}, key: KeyObject = signing.privateKey, kid = KID): string {
  const now = Math.floor(Date.now() / 1000);
  const header = b64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid }));
  const payload = b64url(
    JSON.stringify({
      iss: ISSUER,
      aud: APP.MicrosoftAppId,
      serviceurl: SERVICE_URL,
      nbf: now - 60,
      exp: now + 600,
      ...claims,
    }),
  );
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), key);
  return `${header}.${payload}.${b64url(signature)}`;
}

/** An unsigned token (alg none) with the right issuer and audience. */
function unsigned(): string {
  const header = b64url(JSON.stringify({ alg: 'none', typ: 'JWT', kid: KID }));
  return `${header}.${b64url(JSON.stringify({ iss: ISSUER, aud: APP.MicrosoftAppId, serviceurl: SERVICE_URL }))}.`;
}

type Keys = 'ours' | 'other-kid' | 'other-key' | 'fail' | 'hang' | 'not-json';
type Metadata = 'ok' | 'fail' | 'hang' | 'down' | 'not-json';

interface OpenIdStandIn {
  metadataUrl: string;
  close(): Promise<void>;
}

/** Serves /openid (metadata naming /keys) and /keys as told; 'down' is a port nothing listens on. */
async function openIdStandIn(metadata: Metadata, keys: Keys): Promise<OpenIdStandIn> {
  const server: HttpServer = createHttpServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const mode = req.url === '/openid' ? metadata : keys;
    if (mode === 'hang') return;
    if (mode === 'fail') {
      res.statusCode = 500;
      return void res.end();
    }
    res.setHeader('content-type', 'application/json');
    if (mode === 'not-json') return void res.end('<html>maintenance</html>');
    if (req.url === '/openid') return void res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${base}/keys` }));
    res.end(JSON.stringify({ keys: [jwkOf(keys)] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/openid`;
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()).closeAllConnections());
  if (metadata === 'down') await close();
  return { metadataUrl: url, close: metadata === 'down' ? async () => undefined : close };
}

function jwkOf(keys: Keys): object {
  const key = keys === 'other-key' ? stranger.publicKey : signing.publicKey;
  const { n, e } = key.export({ format: 'jwk' });
  return { kty: 'RSA', use: 'sig', kid: keys === 'other-kid' ? 'key-2' : KID, n, e };
}

interface Running {
  url: string;
  logs: string[];
  close(): Promise<void>;
}

async function startBot(metadataUrl: string, authTimeoutMs?: number): Promise<Running> {
  const config = parseConfig({ ...APP, ToBotFromChannelOpenIdMetadataUrl: metadataUrl });
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });
  const adapter = createAdapter(config, logger, { authTimeoutMs });
  const server: Server = createServer({ adapter, bot: { run: async () => undefined }, logger });
  return { url: await listen(server, 0, '127.0.0.1'), logs, close: () => shutdown(server) };
}

const activity: Partial<Activity> = {
  type: 'message',
  id: 'm-1',
  text: 'hi',
  channelId: 'msteams',
  serviceUrl: SERVICE_URL,
  deliveryMode: 'expectReplies',
  conversation: { id: 'c-1', isGroup: false, conversationType: 'personal', name: '' },
  from: { id: 'user-1', name: 'Customer' },
  recipient: { id: 'bot', name: 'Bot' },
};

async function postWith(url: string, authorization: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(activity),
  });
  return { status: res.status, body: await res.text() };
}

beforeAll(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
afterAll(() => jest.restoreAllMocks());

const LOG_LINE = 'Bot Framework token signing keys could not be fetched';
/** Short only where the stand-in never answers, so a slow machine cannot turn a 401 into a 503. */
const HANG_TIMEOUT_MS = 300;

describe('a Bot Framework token against keys from the OpenID metadata URL', () => {
  it.each<[string, number, Metadata, Keys, () => string]>([
    ['a valid token (the stand-in is really used)', 200, 'ok', 'ours', () => `Bearer ${token()}`],
    ['a forged token, its key id unknown', 401, 'ok', 'other-kid', () => `Bearer ${token()}`],
    ['a forged token, signed by another key under a known id', 401, 'ok', 'other-key', () => `Bearer ${token()}`],
    ['a token for another app', 401, 'ok', 'ours', () => `Bearer ${token({ aud: 'other-app' })}`],
    [
      'a token for another serviceUrl',
      401,
      'ok',
      'ours',
      () => `Bearer ${token({ serviceurl: 'http://127.0.0.2:9/' })}`,
    ],
    ['an expired token', 401, 'ok', 'ours', () => `Bearer ${token({ exp: 1_000_000, nbf: 999_000 })}`],
    ['a token not valid yet', 401, 'ok', 'ours', () => `Bearer ${token({ nbf: 4_000_000_000 })}`],
    ['an unsigned token (alg none)', 401, 'ok', 'ours', () => `Bearer ${unsigned()}`],
    [
      'a token with a garbage signature',
      401,
      'ok',
      'ours',
      () => `Bearer ${token().slice(0, -20)}AAAAAAAAAAAAAAAAAAAA`,
    ],
    ['a malformed token', 401, 'ok', 'ours', () => 'Bearer not.a.token'],
    ['a token of three empty parts', 401, 'ok', 'ours', () => 'Bearer ..'],
    ['a Basic header', 401, 'ok', 'ours', () => 'Basic dXNlcjpwdw=='],
    ['the metadata endpoint down', 503, 'down', 'ours', () => `Bearer ${token()}`],
    ['the metadata endpoint failing (500)', 503, 'fail', 'ours', () => `Bearer ${token()}`],
    ['the metadata endpoint answering HTML', 503, 'not-json', 'ours', () => `Bearer ${token()}`],
    ['the metadata endpoint hanging', 503, 'hang', 'ours', () => `Bearer ${token()}`],
    ['the keys endpoint failing (500)', 503, 'ok', 'fail', () => `Bearer ${token()}`],
    ['the keys endpoint answering HTML', 503, 'ok', 'not-json', () => `Bearer ${token()}`],
    ['the keys endpoint hanging', 503, 'ok', 'hang', () => `Bearer ${token()}`],
  ])('%s → %i', async (_name, status, metadata, keys, authorization) => {
    const openId = await openIdStandIn(metadata, keys);
    const hangs = metadata === 'hang' || keys === 'hang';
    const bot = await startBot(openId.metadataUrl, hangs ? HANG_TIMEOUT_MS : undefined);
    try {
      const header = authorization();
      const answer = await postWith(bot.url, header);
      expect(answer.status).toBe(status);
      if (status === 503) expect(JSON.parse(answer.body)).toEqual({ error: SERVER_TEXT.httpError[503] });
      expect(bot.logs.join('').includes(LOG_LINE)).toBe(status === 503);
      expect(bot.logs.join('')).not.toContain(header.split(' ')[1]);
    } finally {
      await bot.close();
      await openId.close();
    }
  });
});

describe('botAuthOptions', () => {
  /** The settings botbuilder ends up with (its ParameterizedBotFrameworkAuthentication's fields). */
  function settingsOf(env: NodeJS.ProcessEnv): Record<string, unknown> {
    const auth = new ConfigurationBotFrameworkAuthentication(botAuthOptions(parseConfig(env)));
    const inner = (auth as unknown as { inner: Record<string, unknown> }).inner;
    return Object.fromEntries(Object.entries(inner).filter(([, v]) => typeof v !== 'object' || v === null));
  }

  it("changes only where the channel's signing keys come from", () => {
    const stock = settingsOf(APP);
    const custom = settingsOf({ ...APP, ToBotFromChannelOpenIdMetadataUrl: 'https://keys.example/openid' });
    expect(stock.toBotFromChannelTokenIssuer).toBe(ISSUER);
    expect(custom).toEqual({ ...stock, toBotFromChannelOpenIdMetadataUrl: 'https://keys.example/openid' });
  });
});
