/** The transcript export on the real server: off without its key, 401 with a wrong one, redacted text with it. */
import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import { botMiddleware, createBot } from '../bots';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown } from '../server';
import { OPERATOR_TEXT } from '../server/operator-routes';
import type { Stores } from '../storage';
import { openMemoryStores } from '../storage/memory';
import { MAX_EXPORT_ACTIVITIES } from '../storage/transcript-export';

const KEY = 'transcript-key-0123456789abcdefghijklmnop';
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
    operators: { transcriptApiKey: config.transcriptApiKey, transcripts: stores.transcripts },
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
