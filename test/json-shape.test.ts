/** Deeply nested and huge JSON bodies: the shared shape check, and both routes that apply it. */
import { startWebChatServer, type RunningWebChat } from '../bench/web-chat-server';
import type { Activity } from '../directline';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown, type Bot } from '../server';
import { BODY_SHAPE_TEXT } from '../server/body-shape';
import { checkJsonShape, JSON_LIMITS, type JsonShape } from '../security/json-shape';

/** `{"a":{"a":…1…}}`, `depth` objects deep, as text (JSON.stringify itself cannot write it past a few thousand). */
function nested(depth: number, open = '{"a":', close = '}'): string {
  return `${open.repeat(depth)}1${close.repeat(depth)}`;
}

describe('checkJsonShape', () => {
  const { maxDepth, maxValues } = JSON_LIMITS;
  it.each<[string, JsonShape['kind'], unknown]>([
    ['a scalar', 'ok', 'hello'],
    ['null', 'ok', null],
    ['an empty object', 'ok', {}],
    ['an activity', 'ok', { type: 'message', text: 'hi', value: { a: [1, { b: 2 }] } }],
    ['objects at the depth limit', 'ok', JSON.parse(nested(maxDepth))],
    ['objects one past the limit', 'too-deep', JSON.parse(nested(maxDepth + 1))],
    ['arrays one past the limit', 'too-deep', JSON.parse(nested(maxDepth + 1, '[', ']'))],
    ['mixed arrays and objects past the limit', 'too-deep', JSON.parse(nested(maxDepth, '{"a":[', ']}'))],
    ['5,000 levels', 'too-deep', JSON.parse(nested(5000))],
    ['100,000 levels', 'too-deep', JSON.parse(nested(100_000, '[', ']'))],
    ['values at the count limit', 'ok', Array.from({ length: maxValues - 1 }, () => 0)],
    ['one value past the count limit', 'too-many-values', Array.from({ length: maxValues }, () => 0)],
    [
      'keys past the count limit',
      'too-many-values',
      Object.fromEntries(Array.from({ length: maxValues }, (_, i) => [`k${i}`, i])),
    ],
  ])('%s: %s', (_name, kind, value) => {
    expect(checkJsonShape(value).kind).toBe(kind);
  });

  it('takes limits', () => {
    expect(checkJsonShape({ a: { b: 1 } }, { maxDepth: 1, maxValues: 10 })).toEqual({ kind: 'too-deep', limit: 1 });
    expect(checkJsonShape([1, 2, 3], { maxDepth: 5, maxValues: 3 })).toEqual({ kind: 'too-many-values', limit: 3 });
  });
});

const DEEP_VALUE = nested(5000);

describe('a deeply nested value on the built-in Direct Line', () => {
  let app: RunningWebChat;
  let token: string;
  let conversationId: string;
  const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
  const activitiesUrl = () => `${app.url}/v3/directline/conversations/${conversationId}/activities`;
  beforeAll(async () => {
    app = await startWebChatServer();
    ({ token, conversationId } = (await (await fetch(`${app.url}/api/webchat/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    });
    const res = await fetch(`${app.url}/v3/directline/conversations`, { method: 'POST', headers: auth() });
    expect(res.status).toBe(201);
  });
  afterAll(() => app.close());

  it.each<[string, string]>([
    ['5,000 levels in value (10 KB)', `{"type":"message","text":"hi","value":${DEEP_VALUE}}`],
    ['deep channelData', `{"type":"message","text":"hi","channelData":${nested(JSON_LIMITS.maxDepth + 5)}}`],
    [
      'too many values',
      JSON.stringify({ type: 'message', value: Array.from({ length: JSON_LIMITS.maxValues }, () => 0) }),
    ],
  ])('rejects %s with 400, and the conversation carries on', async (_name, body) => {
    const res = await fetch(activitiesUrl(), { method: 'POST', headers: auth(), body });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BadArgument');
    const after = await fetch(activitiesUrl(), { headers: auth() });
    expect(after.status).toBe(200);
    const posted = await fetch(activitiesUrl(), {
      method: 'POST',
      headers: auth(),
      body: JSON.stringify({ type: 'message', text: 'what port for smtp' }),
    });
    expect(posted.status).toBe(200);
    const { id } = (await posted.json()) as { id: string };
    await app.webChat.directLine.service.settled();
    const { activities } = (await (await fetch(activitiesUrl(), { headers: auth() })).json()) as {
      activities: Activity[];
    };
    expect(activities.some((a) => a.replyToId === id && a.from?.role === 'bot')).toBe(true);
  });

  it('rejects a deep body on the token and conversation routes too', async () => {
    const res = await fetch(`${app.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: auth(),
      body: DEEP_VALUE,
    });
    expect(res.status).toBe(400);
  });
});

describe('a deeply nested value on /api/messages', () => {
  const echo: Bot = { run: async (context) => void (await context.sendActivity('echo')) };
  let server: ReturnType<typeof createServer>;
  let url: string;
  beforeAll(async () => {
    const config = parseConfig({});
    const logger = createLogger('silent');
    server = createServer({ adapter: createAdapter(config, logger), bot: echo, logger });
    url = await listen(server, 0, '127.0.0.1');
  });
  afterAll(() => shutdown(server));

  const activity = (extra: string) =>
    `{"type":"message","text":"hi","channelId":"test","serviceUrl":"http://127.0.0.1:9","deliveryMode":"expectReplies",` +
    `"conversation":{"id":"c-1"},"from":{"id":"u-1"},"recipient":{"id":"bot"}${extra}}`;
  const post = (body: string) =>
    fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it.each<[string, string, string]>([
    ['5,000 levels in value', `,"value":${DEEP_VALUE}`, BODY_SHAPE_TEXT['too-deep']],
    ['deep channelData', `,"channelData":${nested(JSON_LIMITS.maxDepth + 1)}`, BODY_SHAPE_TEXT['too-deep']],
    [
      'too many values',
      `,"entities":[${Array.from({ length: JSON_LIMITS.maxValues }, () => '{}').join(',')}]`,
      BODY_SHAPE_TEXT['too-many-values'],
    ],
  ])('rejects %s with 400 and a reason', async (_name, extra, reason) => {
    const res = await post(activity(extra));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: reason });
  });

  it('still answers a normal activity afterwards', async () => {
    const res = await post(activity(',"value":{"a":{"b":[1,2,{"c":3}]}}'));
    expect(res.status).toBe(200);
  });
});
