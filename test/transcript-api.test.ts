/** The transcript export on the real server: off without its key, 401 with a wrong one, redacted text with it. */
import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import { botMiddleware, createBot } from '../bots';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown } from '../server';
import { createApp } from '../server/app';
import { OPERATOR_TEXT } from '../server/operator-routes';
import type { Stores } from '../storage';
import { openMemoryStores } from '../storage/memory';
import { MAX_EXPORT_ACTIVITIES } from '../storage/transcript-export';
import { TRANSCRIPT_FORMATS, type TranscriptFormat } from '../transcripts/export';
import { TRANSCRIPT_HTML_CSP } from '../transcripts/html';
import { transcriptLink, transcriptLinkSigner, type LinkSigner } from '../transcripts/links';

const KEY = 'transcript-key-0123456789abcdefghijklmnop';
const SECRET = 'link-signing-secret-0123456789abcdefghijklmnop';
const PASSWORD = 'Tr0ub4dor&3xyz';

interface Running {
  url: string;
  server: Server;
  stores: Stores;
  logs: string[];
}

async function start(env: NodeJS.ProcessEnv, stores: Stores = openMemoryStores()): Promise<Running> {
  const config = parseConfig(env);
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });
  const bot = createBot({ answerer: createAnswerer(), config, storage: stores.storage });
  const adapter = createAdapter(config, logger).use(...botMiddleware({ ...stores, logger }));
  const server = createServer({
    adapter,
    bot,
    logger,
    operators: {
      transcriptApiKey: config.transcriptApiKey,
      linkSigningSecret: config.linkSigningSecret,
      transcripts: stores.transcripts,
    },
  });
  return { url: await listen(server, 0, '127.0.0.1'), server, stores, logs };
}

function say(url: string, conversationId: string, text: string): Promise<Response> {
  const activity: Partial<Activity> = {
    type: 'message',
    text,
    deliveryMode: 'expectReplies',
    channelId: 'emulator',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'Customer', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
  };
  return fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
}

function get(url: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${url}${path}`, { headers });
}

const withKey = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${KEY}`, ...extra });

describe('transcript export without TRANSCRIPT_API_KEY', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({});
    expect((await say(app.url, 'c-1', 'what port for smtp')).status).toBe(200);
  });
  afterAll(() => shutdown(app.server));

  it.each(['/api/transcripts/emulator', '/api/transcripts/emulator/c-1'])(
    'answers %s with 404, as for a path that does not exist, whatever the header',
    async (path) => {
      const unknown = await get(app.url, '/nowhere');
      for (const headers of [{}, withKey(), { authorization: 'Bearer ' }]) {
        const res = await get(app.url, path, headers);
        expect(res.status).toBe(404);
        expect(res.headers.get('www-authenticate')).toBeNull();
        expect(await res.text()).toBe(await unknown.clone().text());
      }
    },
  );
});

describe('transcript export with TRANSCRIPT_API_KEY', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({ TRANSCRIPT_API_KEY: KEY });
    expect((await say(app.url, 'c-1', 'what port for smtp')).status).toBe(200);
    expect((await say(app.url, 'c-1', `my password is ${PASSWORD} and it still fails`)).status).toBe(200);
  });
  afterAll(() => shutdown(app.server));

  it.each<[string, Record<string, string>]>([
    ['no Authorization header', {}],
    ['a wrong key', { authorization: `Bearer ${KEY.replace('0', '1')}` }],
    ['the key with another scheme', { authorization: `Basic ${KEY}` }],
    ['the key without a scheme', { authorization: KEY }],
    ['a prefix of the key', { authorization: `Bearer ${KEY.slice(0, 20)}` }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ])('answers %s with 401 and WWW-Authenticate: Bearer, and no transcript', async (_name, headers) => {
    for (const path of ['/api/transcripts/emulator', '/api/transcripts/emulator/c-1']) {
      const res = await get(app.url, path, headers);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.text();
      expect(JSON.parse(body)).toEqual({ error: OPERATOR_TEXT.unauthorized });
      expect(body).not.toContain('smtp');
    }
  });

  it('lists the channel as text, and as JSON when asked', async () => {
    const text = await get(app.url, '/api/transcripts/emulator', withKey());
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(text.headers.get('cache-control')).toBe('no-store');
    expect(await text.text()).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z {2}c-1\n$/);
    const json = await get(app.url, '/api/transcripts/emulator', withKey({ accept: 'application/json' }));
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json.json()).toEqual({
      channelId: 'emulator',
      conversations: [{ id: 'c-1', created: expect.stringMatching(/^\d{4}-/) }],
      truncated: false,
    });
  });

  it('gives the readable transcript, with the password redacted', async () => {
    const res = await get(app.url, '/api/transcripts/emulator/c-1', withKey());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text).toMatch(/^Conversation c-1 on emulator: \d+ activities/);
    expect(text).toContain('Customer: what port for smtp');
    expect(text).toContain('Customer: my password is [redacted]');
    expect(text).not.toContain(PASSWORD);
  });

  it('gives the activities as JSON with Accept: application/json, the password redacted', async () => {
    const res = await get(app.url, '/api/transcripts/emulator/c-1', withKey({ accept: 'application/json' }));
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).not.toContain(PASSWORD);
    const parsed = JSON.parse(body) as { activities: Activity[]; truncated: boolean; conversationId: string };
    expect(parsed.conversationId).toBe('c-1');
    expect(parsed.truncated).toBe(false);
    expect(parsed.activities.map((a) => a.text)).toContain('what port for smtp');
  });

  it('redacts on the way out too: a record stored before a secret was recognised never leaves in clear', async () => {
    await app.stores.transcripts.logActivity({
      type: 'message',
      id: 'old-1',
      text: `login me@btinternet.com:${PASSWORD}`,
      channelId: 'emulator',
      conversation: { id: 'c-old' },
      from: { id: 'user-1', role: 'user' },
      recipient: { id: 'bot' },
      timestamp: new Date('2025-01-01T00:00:00Z'),
    } as unknown as Activity);
    for (const accept of ['text/plain', 'application/json']) {
      const res = await get(app.url, '/api/transcripts/emulator/c-old', withKey({ accept }));
      expect(res.status).toBe(200);
      const body = await res.text();
      expect(body).toContain('[redacted]');
      expect(body).not.toContain(PASSWORD);
    }
  });

  it('reads a Teams conversation, whose id is long and holds ":", "@" and ";"', async () => {
    const id = `19:${'a1b2c3d4'.repeat(16)}@thread.tacv2;messageid=1712345678901`;
    await app.stores.transcripts.logActivity({
      type: 'message',
      id: 'teams-1',
      text: 'hello from Teams',
      channelId: 'msteams',
      conversation: { id },
      from: { id: 'user-1', role: 'user' },
      recipient: { id: 'bot' },
      timestamp: new Date('2025-01-01T00:00:00Z'),
    } as unknown as Activity);
    const res = await get(app.url, `/api/transcripts/msteams/${encodeURIComponent(id)}`, withKey());
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Customer: hello from Teams');
  });

  it.each([
    ['an unknown conversation', '/api/transcripts/emulator/no-such-conversation'],
    ['an unknown channel', '/api/transcripts/no-such-channel'],
    ["another channel's conversation", '/api/transcripts/no-such-channel/c-1'],
    ['a channel id of 100 characters', `/api/transcripts/${'x'.repeat(100)}`],
    ['a conversation id of 1,000 characters', `/api/transcripts/emulator/${'x'.repeat(1000)}`],
    ['a control character', '/api/transcripts/emulator/%00'],
    ['bad percent-encoding', '/api/transcripts/emulator/%E0%A4%A'],
    ['a third segment', '/api/transcripts/emulator/c-1/more'],
    ['nothing after the prefix', '/api/transcripts/'],
  ])('answers %s with 404', async (_name, path) => {
    const res = await get(app.url, path, withKey());
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not found.' });
  });

  it('never logs the key', async () => {
    await get(app.url, '/api/transcripts/emulator', { authorization: `Bearer ${KEY}x` });
    await get(app.url, '/api/transcripts/emulator', withKey());
    expect(app.logs.join('')).toContain('operator key refused');
    expect(app.logs.join('')).not.toContain(KEY);
  });
});

describe('transcript export of a long conversation', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({ TRANSCRIPT_API_KEY: KEY });
    const t = Date.parse('2025-01-01T00:00:00Z');
    const activities = Array.from({ length: MAX_EXPORT_ACTIVITIES + 5 }, (_, i) => ({
      type: 'message',
      id: `m-${i}`,
      text: `message ${i}`,
      channelId: 'emulator',
      conversation: { id: 'long' },
      from: { id: 'user-1', role: 'user' },
      recipient: { id: 'bot' },
      timestamp: new Date(t + i * 1000),
    }));
    await app.stores.transcripts.logActivities(activities as unknown as Activity[]);
  });
  afterAll(() => shutdown(app.server));

  it('stops at the bound and says so', async () => {
    const json = await get(app.url, '/api/transcripts/emulator/long', withKey({ accept: 'application/json' }));
    const parsed = (await json.json()) as { activities: Activity[]; truncated: boolean };
    expect(parsed.activities).toHaveLength(MAX_EXPORT_ACTIVITIES);
    expect(parsed.truncated).toBe(true);
    const text = await (await get(app.url, '/api/transcripts/emulator/long', withKey())).text();
    expect(text).toContain(`message ${MAX_EXPORT_ACTIVITIES - 1}`);
    expect(text).not.toContain(`message ${MAX_EXPORT_ACTIVITIES}\n`);
    expect(text.trimEnd().split('\n').at(-1)).toBe(OPERATOR_TEXT.truncated(MAX_EXPORT_ACTIVITIES));
  });

  it('says so in every format: a header, and a closing line where people read', async () => {
    const path = '/api/transcripts/emulator/long';
    const html = await get(app.url, `${path}?format=html`, withKey());
    expect(html.headers.get('x-transcript-truncated')).toBe('true');
    expect(await html.text()).toContain(`<p class="closing">${OPERATOR_TEXT.truncated(MAX_EXPORT_ACTIVITIES)}</p>`);
    const file = await get(app.url, `${path}?format=transcript`, withKey());
    expect(file.headers.get('x-transcript-truncated')).toBe('true');
    expect((await file.json()) as unknown[]).toHaveLength(MAX_EXPORT_ACTIVITIES);
  });
});

describe('transcript export while the store is down', () => {
  let app: Running;
  beforeAll(async () => {
    const stores = openMemoryStores();
    const down = () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.5:443 AccountKey=abc'));
    Object.assign(stores.transcripts, { getTranscriptActivities: down, listTranscripts: down });
    app = await start({ TRANSCRIPT_API_KEY: KEY }, stores);
  });
  afterAll(() => shutdown(app.server));

  it.each(['/api/transcripts/emulator', '/api/transcripts/emulator/c-1'])(
    'answers %s with 503 and a short reason',
    async (path) => {
      const res = await get(app.url, path, withKey());
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ error: OPERATOR_TEXT.unavailable });
    },
  );
});

/** A conversation stored as the handover records it, one message never redacted (stored before its rule). */
async function seedHandover(stores: Stores, conversationId: string): Promise<void> {
  const base = { type: 'message', channelId: 'directline', conversation: { id: conversationId } };
  const customer = { id: 'u-1', name: 'Customer', role: 'user' };
  const bot = { id: 'bot-1', name: 'BT Email help', role: 'bot' };
  const t = Date.parse('2025-01-31T10:00:00Z');
  const records = [
    {
      ...base,
      id: 'h-1',
      from: customer,
      recipient: bot,
      text: `my password is ${PASSWORD} <script>alert(1)</script>`,
    },
    {
      ...base,
      id: 'h-2',
      from: bot,
      recipient: customer,
      text: 'Sam here <script>alert(1)</script>',
      channelData: { handover: { role: 'agent', name: 'Sam' } },
    },
    {
      ...base,
      id: 'h-3',
      from: bot,
      recipient: customer,
      text: 'customer uses Outlook & "Mail" 📧',
      channelData: { handover: { role: 'agent', name: 'Sam', note: true } },
    },
  ].map((record, i) => ({ ...record, timestamp: new Date(t + i * 1000) }));
  await stores.transcripts.logActivities(records as unknown as Activity[]);
}

/** A link as the handover card gives it: absolute, to the running server. */
function linkFor(app: Running, conversationId: string, nowMs = Date.now(), format: TranscriptFormat = 'html'): string {
  const signer: LinkSigner = { secret: SECRET, baseUrl: app.url, ttlHours: 24 };
  return transcriptLink(signer, { channelId: 'directline', conversationId }, nowMs, format);
}

/** The same link with one query parameter set (or removed, with undefined). */
function withParam(link: string, name: string, value: string | undefined): string {
  const url = new URL(link);
  if (value === undefined) url.searchParams.delete(name);
  else url.searchParams.set(name, value);
  return url.toString();
}

const open = (link: string, headers: Record<string, string> = {}) => fetch(link, { headers });

describe('transcript export formats', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({ TRANSCRIPT_API_KEY: KEY, LINK_SIGNING_SECRET: SECRET });
    await seedHandover(app.stores, 'h');
  });
  afterAll(() => shutdown(app.server));

  const path = '/api/transcripts/directline/h';

  it.each<[TranscriptFormat, RegExp, string[], string[]]>([
    [
      'text',
      /^text\/plain; charset=utf-8/,
      [
        'Customer: my password is [redacted]',
        'Agent Sam: Sam here <script>alert(1)</script>',
        'Agent Sam (internal note): customer uses Outlook & "Mail" 📧',
      ],
      [],
    ],
    [
      'html',
      /^text\/html; charset=utf-8/,
      [
        '&lt;script&gt;alert(1)&lt;/script&gt;',
        '<span class="who">Agent Sam (internal note)</span>',
        'Outlook &amp; &quot;Mail&quot; 📧',
      ],
      ['<script>'],
    ],
    [
      'transcript',
      /^application\/json; charset=utf-8/,
      ['"id": "h-1"', '"timestamp": "2025-01-31T10:00:00.000Z"', '"role": "user"', '📧', '\\u003cscript\\u003e'],
      ['<script>'],
    ],
  ])(
    'gives format=%s with its type, no-store and nosniff, and never the password',
    async (format, type, shows, hides) => {
      const res = await get(app.url, `${path}?format=${format}`, withKey());
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(type);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      const body = await res.text();
      for (const part of shows) expect(body).toContain(part);
      for (const part of [PASSWORD, ...hides]) expect(body).not.toContain(part);
    },
  );

  it('serves the HTML page with a strict Content-Security-Policy', async () => {
    const res = await get(app.url, `${path}?format=html`, withKey());
    expect(res.headers.get('content-security-policy')).toBe(TRANSCRIPT_HTML_CSP);
  });

  it('gives format=transcript as a download the Emulator opens', async () => {
    const res = await get(app.url, `${path}?format=transcript`, withKey());
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="directline-h.transcript"');
    const activities = (await res.json()) as Record<string, unknown>[];
    expect(activities.map((a) => a.id)).toEqual(['h-1', 'h-2', 'h-3']);
    for (const activity of activities)
      expect(Object.keys(activity)).toEqual(
        expect.arrayContaining(['id', 'timestamp', 'from', 'recipient', 'conversation', 'channelId', 'type']),
      );
  });

  it('gives the text without a format, and JSON with Accept: application/json, as before', async () => {
    expect(await (await get(app.url, path, withKey())).text()).toMatch(/^Conversation h on directline/);
    const json = await get(app.url, path, withKey({ accept: 'application/json' }));
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await json.json()) as { conversationId: string }).conversationId).toBe('h');
  });

  it('lets an explicit format win over Accept', async () => {
    const res = await get(app.url, `${path}?format=html`, withKey({ accept: 'application/json' }));
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it.each<[string, string]>([
    ['an unknown format', `${path}?format=pdf`],
    ['an empty format', `${path}?format=`],
    ['two formats', `${path}?format=html&format=text`],
    ['a format in capitals', `${path}?format=HTML`],
    ['a listing as HTML', '/api/transcripts/directline?format=html'],
  ])('answers %s with 400 and the formats there are', async (_name, url) => {
    const res = await get(app.url, url, withKey());
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: expect.stringContaining('transcript, text or html') });
  });

  it('still refuses an unknown format without the key: 401 first', async () => {
    expect((await get(app.url, `${path}?format=pdf`)).status).toBe(401);
  });
});

describe('transcript export through a signed link', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({ TRANSCRIPT_API_KEY: KEY, LINK_SIGNING_SECRET: SECRET });
    await seedHandover(app.stores, 'conv-a');
    await seedHandover(app.stores, 'conv-b');
  });
  afterAll(() => shutdown(app.server));

  it('opens its conversation as HTML, with no key', async () => {
    const res = await open(linkFor(app, 'conv-a'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const body = await res.text();
    expect(body).toContain('Conversation conv-a on directline');
    expect(body).not.toContain(PASSWORD);
  });

  it.each(TRANSCRIPT_FORMATS.map((format) => [format] as const))(
    'opens the same conversation as %s when format= is changed, never with the password',
    async (format) => {
      const res = await open(withParam(linkFor(app, 'conv-a'), 'format', format));
      expect(res.status).toBe(200);
      expect(await res.text()).not.toContain(PASSWORD);
    },
  );

  it('works with its ids escaped differently', async () => {
    const link = linkFor(app, 'conv-a').replace('/conv-a?', '/conv%2Da?');
    expect((await open(link)).status).toBe(200);
  });

  it.each<[string, () => string]>([
    ["conversation A's link on conversation B", () => linkFor(app, 'conv-a').replace('/conv-a?', '/conv-b?')],
    ["conversation A's link on the channel's list", () => linkFor(app, 'conv-a').replace('/conv-a?', '?')],
    ['a tampered signature', () => withParam(linkFor(app, 'conv-a'), 'sig', 'A'.repeat(43))],
    ['a later expiry', () => withParam(linkFor(app, 'conv-a'), 'exp', String(Math.floor(Date.now() / 1000) + 99_999))],
    ['an expiry without a signature', () => withParam(linkFor(app, 'conv-a'), 'sig', undefined)],
    ['a signature without an expiry', () => withParam(linkFor(app, 'conv-a'), 'exp', undefined)],
    ['a link signed with another secret', () => linkFor(app, 'conv-a').replace(/sig=[\w-]+/, `sig=${'B'.repeat(43)}`)],
  ])('refuses %s with 403, showing nothing of it', async (_name, link) => {
    const res = await open(link());
    expect(res.status).toBe(403);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: OPERATOR_TEXT.linkInvalid });
    expect(body).not.toContain('conv-');
  });

  it('refuses an expired link with 403 and says it expired', async () => {
    const res = await open(linkFor(app, 'conv-a', Date.now() - 25 * 3600_000));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: OPERATOR_TEXT.linkExpired });
  });

  it('logs a refused link without its signature', async () => {
    const link = withParam(linkFor(app, 'conv-a'), 'sig', 'Z'.repeat(43));
    await open(link);
    const logs = app.logs.join('');
    expect(logs).toContain('transcript link refused');
    expect(logs).not.toContain('Z'.repeat(43));
  });

  it('still lets the key in, with or without a link', async () => {
    expect((await get(app.url, '/api/transcripts/directline/conv-b', withKey())).status).toBe(200);
    expect((await get(app.url, '/api/transcripts/directline', withKey())).status).toBe(200);
  });

  it.each<[string, Record<string, string>]>([
    ['no key and no signature', {}],
    ['a wrong key and no signature', { authorization: `Bearer ${KEY}x` }],
  ])('answers %s with 401, as before', async (_name, headers) => {
    const res = await get(app.url, '/api/transcripts/directline/conv-a?format=html', headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer\b/);
  });
});

describe('transcript export with LINK_SIGNING_SECRET but no TRANSCRIPT_API_KEY', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({ LINK_SIGNING_SECRET: SECRET });
    await seedHandover(app.stores, 'conv-a');
  });
  afterAll(() => shutdown(app.server));

  it('opens a conversation through its link', async () => {
    const res = await open(linkFor(app, 'conv-a', Date.now(), 'transcript'));
    expect(res.status).toBe(200);
    expect(await res.text()).not.toContain(PASSWORD);
  });

  it('refuses a tampered link with 403', async () => {
    expect((await open(withParam(linkFor(app, 'conv-a'), 'sig', 'A'.repeat(43)))).status).toBe(403);
  });

  it('answers a conversation without a signature with 401, whatever the key', async () => {
    for (const headers of [{}, withKey()])
      expect((await get(app.url, '/api/transcripts/directline/conv-a', headers)).status).toBe(401);
  });

  it('has no list: 404, as a path that does not exist', async () => {
    const unknown = await (await get(app.url, '/nowhere')).text();
    const res = await get(app.url, '/api/transcripts/directline', withKey());
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(unknown);
  });
});

describe('transcript export with TRANSCRIPT_API_KEY but no LINK_SIGNING_SECRET', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({ TRANSCRIPT_API_KEY: KEY });
    await seedHandover(app.stores, 'conv-a');
  });
  afterAll(() => shutdown(app.server));

  it('refuses any link with 403: none can be genuine', async () => {
    expect((await open(linkFor(app, 'conv-a'))).status).toBe(403);
  });
});

describe('transcript export with neither key nor secret', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({});
    await seedHandover(app.stores, 'conv-a');
  });
  afterAll(() => shutdown(app.server));

  it('is off: a signed link gets 404, as a path that does not exist', async () => {
    const unknown = await (await get(app.url, '/nowhere')).text();
    const res = await open(linkFor(app, 'conv-a'));
    expect(res.status).toBe(404);
    expect(await res.text()).toBe(unknown);
  });
});

describe('createApp: transcript links as the running bot makes and checks them', () => {
  const APP = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'app-password', MicrosoftAppTenantId: 'tenant-id' };
  const WARNING = 'PUBLIC_BASE_URL is not';

  async function build(env: NodeJS.ProcessEnv) {
    const config = parseConfig({ STORAGE: 'memory', LINK_SIGNING_SECRET: SECRET, ...env });
    const logs: string[] = [];
    const app = await createApp(
      config,
      createLogger('info', { write: (line: string) => logs.push(line) }),
      createAnswerer(),
    );
    return { config, logs, app };
  }

  it('opens a link made from the config (no TRANSCRIPT_API_KEY), and the key is not needed', async () => {
    const { config, app } = await build({ PUBLIC_BASE_URL: 'https://bot.example.com', ...APP });
    try {
      await seedHandover(app.stores, 'conv-a');
      const url = await listen(app.server, 0, '127.0.0.1');
      const link = transcriptLink(
        transcriptLinkSigner(config)!,
        { channelId: 'directline', conversationId: 'conv-a' },
        Date.now(),
      );
      expect(link.startsWith('https://bot.example.com/api/transcripts/directline/conv-a?format=html&exp=')).toBe(true);
      const res = await fetch(link.replace('https://bot.example.com', url));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Agent Sam');
    } finally {
      await app.close();
    }
  });

  it.each<[string, boolean, NodeJS.ProcessEnv]>([
    ['an app id without PUBLIC_BASE_URL', true, APP],
    ['an app id with PUBLIC_BASE_URL', false, { ...APP, PUBLIC_BASE_URL: 'https://bot.example.com' }],
    ['anonymous local mode (links go to localhost)', false, {}],
  ])('with %s, warns at start that cards carry no link: %s', async (_name, warns, env) => {
    const { logs, app } = await build(env);
    await listen(app.server, 0, '127.0.0.1');
    await app.close();
    expect(logs.join('').includes(WARNING)).toBe(warns);
  });
});
