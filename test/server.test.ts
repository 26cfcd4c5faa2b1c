import { ActivityHandler, type Activity } from 'botbuilder';
import type { Server } from 'restify';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, MAX_BODY_BYTES, SERVER_TEXT, shutdown, turnErrorReply } from '../server';

const SECRET_TEXT = 'my password is hunter2';

/** Replies "echo: <text>"; "boom" throws, "slow" takes a moment. */
class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      const text = context.activity.text ?? '';
      if (text.startsWith('boom')) throw new Error('the bot broke');
      if (text === 'slow') await new Promise((resolve) => setTimeout(resolve, 300));
      await context.sendActivity(`echo: ${text}`);
      await next();
    });
  }
}

function message(text: string): Partial<Activity> {
  return {
    type: 'message',
    id: 'activity-1',
    text,
    deliveryMode: 'expectReplies',
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: 'conversation-1', isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'Customer' },
    recipient: { id: 'bot', name: 'Bot' },
  };
}

interface Running {
  server: Server;
  url: string;
  logs: string[];
}

async function start(env: NodeJS.ProcessEnv): Promise<Running> {
  const config = parseConfig(env);
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });
  const server = createServer({ adapter: createAdapter(config, logger), bot: new EchoBot(), logger });
  return { server, url: await listen(server, 0, '127.0.0.1'), logs };
}

function post(url: string, body: string, contentType = 'application/json'): Promise<Response> {
  return fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });
}

async function repliesTo(url: string, text: string, contentType?: string): Promise<string[]> {
  const res = await post(url, JSON.stringify(message(text)), contentType);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { activities: Partial<Activity>[] };
  return body.activities.map((a) => a.text ?? '');
}

describe('server in anonymous mode', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({});
  });
  afterAll(() => shutdown(app.server));

  it('answers GET /healthz', async () => {
    const res = await fetch(`${app.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it.each(['application/json', 'application/json; charset=utf-8'])(
    'runs the bot and returns its replies with deliveryMode expectReplies (%s)',
    async (contentType) => {
      expect(await repliesTo(app.url, 'hello', contentType)).toEqual(['echo: hello']);
    },
  );

  it.each<[string, string, number]>([
    ['GET', '/api/messages', 405],
    ['GET', '/nowhere', 404],
  ])('answers %s %s with %i and a plain error', async (method, path, status) => {
    const res = await fetch(`${app.url}${path}`, { method });
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: SERVER_TEXT.httpError[status] });
  });

  it.each<[string, string, string, number]>([
    ['invalid JSON', '{"type": "message", "text": "hunter2', 'application/json', 400],
    ['an array', '[{"type":"message"}]', 'application/json', 400],
    ['a string', '"message"', 'application/json', 400],
    ['null', 'null', 'application/json', 400],
    ['no body', '', 'application/json', 400],
    [
      'a body over the cap',
      JSON.stringify({ type: 'message', text: 'x'.repeat(MAX_BODY_BYTES) }),
      'application/json',
      413,
    ],
    ['plain text', 'hello', 'text/plain', 415],
  ])('rejects %s with a plain error and stays up', async (_name, body, contentType, status) => {
    const res = await post(app.url, body, contentType);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: SERVER_TEXT.httpError[status] });
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });

  it.each<[string, Record<string, unknown>, keyof typeof SERVER_TEXT.badActivity]>([
    ['no type', { type: undefined }, 'type'],
    ['an empty type', { type: '' }, 'type'],
    ['a numeric type', { type: 7 }, 'type'],
    ['an object for type', { type: { name: 'message' } }, 'type'],
    ['no conversation', { conversation: undefined }, 'conversation.id'],
    ['a string for conversation', { conversation: 'conversation-1' }, 'conversation.id'],
    ['an array for conversation', { conversation: ['conversation-1'] }, 'conversation.id'],
    ['no conversation id', { conversation: { isGroup: false } }, 'conversation.id'],
    ['an empty conversation id', { conversation: { id: '' } }, 'conversation.id'],
    ['a numeric conversation id', { conversation: { id: 42 } }, 'conversation.id'],
    ['no serviceUrl', { serviceUrl: undefined }, 'serviceUrl'],
    ['an empty serviceUrl', { serviceUrl: '' }, 'serviceUrl'],
    ['a numeric serviceUrl', { serviceUrl: 9 }, 'serviceUrl'],
    ['no channelId', { channelId: undefined }, 'channelId'],
    ['a null channelId', { channelId: null }, 'channelId'],
    ['an array for channelId', { channelId: ['test'] }, 'channelId'],
  ])('rejects an activity with %s: 400 naming the field, the bot not run', async (_name, fields, field) => {
    const logged = app.logs.length;
    const res = await post(app.url, JSON.stringify({ ...message('boom'), ...fields }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: SERVER_TEXT.badActivity[field] });
    expect(app.logs.slice(logged).join('')).not.toContain('turn failed');
  });

  it('rejects an empty object: 400 naming the type', async () => {
    const res = await post(app.url, '{}');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: SERVER_TEXT.badActivity.type });
  });

  it.each<[string, Partial<Activity>, number]>([
    ['an unknown activity type', { type: 'somethingNew' }, 200],
    ['a message reaction', { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] }, 200],
    [
      'a Teams channel renamed',
      { type: 'conversationUpdate', channelId: 'msteams', channelData: { eventType: 'channelRenamed' } },
      200,
    ],
    ['an installation update', { type: 'installationUpdate', action: 'add' }, 200],
    ['an event', { type: 'event', name: 'webchat/join' }, 200],
    ['an invoke it does not handle', { type: 'invoke', name: 'unknown/invoke' }, 501],
  ])('still accepts %s (%i)', async (_name, fields, status) => {
    const activity = { ...message(''), deliveryMode: undefined, ...fields };
    const res = await post(app.url, JSON.stringify(activity));
    expect(res.status).toBe(status);
  });

  it('apologises without a stack trace when the bot throws', async () => {
    const replies = await repliesTo(app.url, `boom ${SECRET_TEXT}`);
    expect(replies).toEqual([turnErrorReply(parseConfig({}))]);
    expect(replies.join()).not.toMatch(/the bot broke|\.ts:\d+/);
  });

  it('never writes message text to the logs', async () => {
    await repliesTo(app.url, SECRET_TEXT);
    await repliesTo(app.url, `boom ${SECRET_TEXT}`);
    await post(app.url, `{"type": "message", "text": "${SECRET_TEXT}`);
    expect(app.logs.join('')).toContain('turn failed');
    expect(app.logs.join('')).not.toContain('hunter2');
  });
});

describe('server with Bot Framework authentication', () => {
  let app: Running;
  beforeAll(async () => {
    app = await start({ MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-id' });
  });
  afterAll(() => shutdown(app.server));

  it('answers 401 to a message without an Authorization header', async () => {
    // botbuilder prints the AuthenticationError with console.error; keep the test output clean.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const res = await post(app.url, JSON.stringify(message('hello')));
      expect(res.status).toBe(401);
    } finally {
      consoleError.mockRestore();
    }
  });
});

describe('shutdown', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    const app = await start({});
    const inFlight = repliesTo(app.url, 'slow');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await shutdown(app.server);
    expect(await inFlight).toEqual(['echo: slow']);
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
  });
});
