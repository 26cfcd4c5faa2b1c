/** The setup files over real HTTP: the profile behind its token (content type, TTL), autoconfig (bad input never crashes). */
import type { Server } from 'restify';
import { XMLParser } from 'fast-xml-parser';
import { parse, type PlistObject } from 'plist';
import { createBot } from '../bots';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown } from '../server';
import { SETUP_TEXT } from '../server/setup-routes';
import { createSetupParts, memoryProfileLinks, PROFILE_LINK_TTL_MS } from '../setup-files';

const answerer = createAnswerer();
const provider = answerer.knowledge.providers[0]!;
const ADDRESS = 'jo.bloggs@btinternet.com';

let clock = Date.parse('2026-12-03T10:00:00Z');
const logs: string[] = [];
const setup = createSetupParts({
  provider,
  baseUrl: () => url,
  links: memoryProfileLinks({ now: () => clock }),
});
let server: Server;
let url: string;

beforeAll(async () => {
  const config = parseConfig({});
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });
  const bot = createBot({ answerer, config });
  server = createServer({ adapter: createAdapter(config, logger), bot, logger, setup });
  url = await listen(server, 0, '127.0.0.1');
});

afterAll(() => shutdown(server, 2000));

const get = (path: string) => fetch(`${url}${path}`, { redirect: 'manual' });

describe('GET /setup/profile/:token', () => {
  it('serves the profile as an attachment of type application/x-apple-aspen-config, pre-filled, no password', async () => {
    const token = setup.links.create(ADDRESS);
    const res = await get(`/setup/profile/${token}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-apple-aspen-config');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="BT-Email.mobileconfig"');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.text();
    const mail = (parse(body) as { PayloadContent: PlistObject[] }).PayloadContent[0]!;
    expect(mail).toMatchObject({ EmailAddress: ADDRESS, IncomingMailServerUsername: ADDRESS });
    expect(body).not.toMatch(/<key>(Incoming|Outgoing)Password<\/key>/);
  });

  it('works until its TTL, then answers 410 with a page that says so', async () => {
    const token = setup.links.create();
    clock += PROFILE_LINK_TTL_MS - 1000;
    expect((await get(`/setup/profile/${token}`)).status).toBe(200);
    clock += 1000;
    const res = await get(`/setup/profile/${token}`);
    expect(res.status).toBe(410);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toContain(SETUP_TEXT.expired);
  });

  it.each([
    ['an unknown token', `/setup/profile/${'A'.repeat(32)}`],
    ['a malformed token', '/setup/profile/not-a-token'],
    ['an encoded path', '/setup/profile/..%2F..%2Fetc%2Fpasswd'],
  ])('answers %s with 404 and a clear page', async (_name, path) => {
    const res = await get(path);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain(SETUP_TEXT.unknown);
  });

  it("answers a 5,000-character token with the router's own 404 (longer than any route parameter)", async () => {
    expect((await get(`/setup/profile/${'x'.repeat(5000)}`)).status).toBe(404);
  });

  it('logs neither the address nor the token', async () => {
    const token = setup.links.create(ADDRESS);
    await get(`/setup/profile/${token}`);
    await get(`/setup/profile/${'B'.repeat(32)}`);
    const all = logs.join('\n');
    expect(all).toContain('profile served');
    expect(all).not.toContain(token);
    expect(all).not.toContain('bloggs');
    expect(all).not.toContain('B'.repeat(32));
  });
});

describe('autoconfig', () => {
  const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });

  it.each([
    ['/mail/config-v1.1.xml?emailaddress=jo.bloggs%40btinternet.com'],
    ['/mail/config-v1.1.xml?emailaddress=someone%40talk21.com'],
    ['/mail/config-v1.1.xml'],
    ['/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=jo%40btopenworld.com'],
    ['/.well-known/autoconfig/mail/config-v1.1.xml'],
  ])('%s serves clientConfig 1.1 as XML', async (path) => {
    const res = await get(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
    const parsed = xml.parse(await res.text());
    expect(parsed.clientConfig['@_version']).toBe('1.1');
    expect(parsed.clientConfig.emailProvider.domain).toEqual(provider.provider.domains);
  });

  it.each([
    ['no @', '?emailaddress=jo.bloggs', 400],
    ['empty', '?emailaddress=', 400],
    ['two addresses', '?emailaddress=a%40btinternet.com&emailaddress=b%40btinternet.com', 400],
    ['too long', `?emailaddress=${'a'.repeat(300)}%40btinternet.com`, 400],
    ['a hostile run', `?emailaddress=${'a@'.repeat(2000)}`, 400],
    ['bad percent-encoding', '?emailaddress=%E0%A4%A', 400],
    ['markup', '?emailaddress=%3Cscript%3E%40btinternet.com', 400],
    ['another domain', '?emailaddress=jo%40gmail.com', 404],
  ])('answers %s with a page, never a crash', async (_name, query, status) => {
    const res = await get(`/mail/config-v1.1.xml${query}`);
    expect(res.status).toBe(status);
    const body = await res.text();
    expect(body).toContain(status === 400 ? SETUP_TEXT.badAddress : SETUP_TEXT.otherDomain);
    expect(body).not.toContain('<script>');
    expect((await get('/healthz')).status).toBe(200);
  });
});
