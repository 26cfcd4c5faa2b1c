/** Request and turn ids: X-Request-Id on every response, requestId and turnId on a turn's log lines, no text. */
import type { Activity, TurnContext } from 'botbuilder';
import { expectRepliesMessage } from './helpers/activities';
import { TestAdapter } from 'botbuilder';
import { botMiddleware } from '../bots';
import { observeTurns, turnIdsOf, turnLogger } from '../bots/turn-observer';
import { parseConfig } from '../config';
import { createLogger, tagRequest, type Logger } from '../logger';
import { createAdapter, createServer, createWebChat, listen, shutdown, type Bot } from '../server';
import { chooseRequestId, MAX_REQUEST_ID_LENGTH } from '../server/request-ids';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SECRET_TEXT = 'my password is hunter2-secret';

describe('chooseRequestId', () => {
  it.each<[string, string | string[] | undefined, string | 'new']>([
    ['a UUID', '0b7c2a4e-7d7e-4a51-9d2f-3f1c1c0e8a11', '0b7c2a4e-7d7e-4a51-9d2f-3f1c1c0e8a11'],
    ["a proxy's id with dots and colons", 'req.abc:123_x-y', 'req.abc:123_x-y'],
    ['the longest kept', 'a'.repeat(MAX_REQUEST_ID_LENGTH), 'a'.repeat(MAX_REQUEST_ID_LENGTH)],
    ['one character too long', 'a'.repeat(MAX_REQUEST_ID_LENGTH + 1), 'new'],
    ['none', undefined, 'new'],
    ['empty', '', 'new'],
    ['a space', 'abc def', 'new'],
    ['a newline (log injection)', 'abc\n{"level":60}', 'new'],
    ['quotes and braces', '"}{', 'new'],
    ['non-ASCII', 'idé', 'new'],
    ['a header sent twice', ['a', 'b'], 'new'],
    ['a huge value', 'x'.repeat(100_000), 'new'],
  ])('%s', (_, incoming, expected) => {
    const id = chooseRequestId(incoming);
    if (expected === 'new') expect(id).toMatch(UUID);
    else expect(id).toBe(expected);
  });
});

/** A bot that logs one line in its turn through its turn logger, as a part of the bot would; "boom" throws. */
function loggingBot(logger: Logger): Bot {
  return {
    run: async (context: TurnContext) => {
      turnLogger(context, logger).info({ channelId: context.activity.channelId }, 'bot turn ran');
      if (context.activity.text === 'boom') throw new Error('the bot broke');
      if (context.activity.type === 'message') await context.sendActivity('ok');
    },
  };
}

interface Running {
  url: string;
  lines: () => Record<string, unknown>[];
  close(): Promise<void>;
}

async function start(): Promise<Running> {
  const config = parseConfig({});
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });
  const bot = loggingBot(logger);
  const middleware = botMiddleware();
  const adapter = createAdapter(config, logger).use(...middleware);
  const webChat = createWebChat(config, { bot, logger, middleware });
  const server = createServer({ adapter, bot, logger, webChat });
  const url = await listen(server, 0, '127.0.0.1');
  const lines = () => logs.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { url, lines, close: () => shutdown(server) };
}

function message(text: string): Partial<Activity> {
  return expectRepliesMessage(text, 'ids-1');
}

async function post(url: string, activity: Partial<Activity>, headers: Record<string, string> = {}) {
  const body = JSON.stringify(activity);
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  await res.arrayBuffer();
  return res;
}

describe('request and turn ids over HTTP', () => {
  let running: Running;
  beforeAll(async () => void (running = await start()));
  afterAll(() => running.close());

  it.each<[string, string, Record<string, string>, (id: string | null) => void]>([
    ['/healthz, no id sent', '/healthz', {}, (id) => expect(id).toMatch(UUID)],
    ['/healthz, a safe id sent', '/healthz', { 'x-request-id': 'lb-42.a' }, (id) => expect(id).toBe('lb-42.a')],
    ['/healthz, an unsafe id sent', '/healthz', { 'x-request-id': 'a b' }, (id) => expect(id).toMatch(UUID)],
    ['a 404', '/no/such/path', { 'x-request-id': 'lb-43' }, (id) => expect(id).toBe('lb-43')],
  ])('echoes X-Request-Id: %s', async (_, path, headers, check) => {
    const res = await fetch(`${running.url}${path}`, { headers });
    await res.arrayBuffer();
    check(res.headers.get('x-request-id'));
  });

  it("gives the turn's lines the request id and a turn id, and no message text", async () => {
    const res = await post(running.url, message(SECRET_TEXT), { 'x-request-id': 'req-turn-1' });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('req-turn-1');
    const line = running.lines().find((l) => l.msg === 'bot turn ran' && l.requestId === 'req-turn-1');
    expect(line).toMatchObject({ requestId: 'req-turn-1', turnId: expect.stringMatching(UUID) });
    expect(JSON.stringify(running.lines())).not.toContain('hunter2');
  });

  it("puts both ids on the failed turn's error line", async () => {
    await post(running.url, message('boom'), { 'x-request-id': 'req-boom' });
    const ran = running.lines().find((l) => l.msg === 'bot turn ran' && l.requestId === 'req-boom');
    const failed = running.lines().find((l) => l.msg === 'turn failed');
    expect(failed?.activity).toMatchObject({ requestId: 'req-boom', turnId: ran?.turnId });
  });

  it('gives two turns two turn ids', async () => {
    await post(running.url, message('one'), { 'x-request-id': 'req-a' });
    await post(running.url, message('two'), { 'x-request-id': 'req-b' });
    const turnOf = (id: string) => running.lines().find((l) => l.requestId === id && l.msg === 'bot turn ran')?.turnId;
    expect(turnOf('req-a')).toEqual(expect.stringMatching(UUID));
    expect(turnOf('req-a')).not.toBe(turnOf('req-b'));
  });

  it("carries the request id of a Direct Line post into the bot's turn", async () => {
    const token = (
      (await (await fetch(`${running.url}/api/webchat/token`, { method: 'POST' })).json()) as { token: string }
    ).token;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const started = await fetch(`${running.url}/v3/directline/conversations`, { method: 'POST', headers, body: '{}' });
    const { conversationId } = (await started.json()) as { conversationId: string };
    const activity = { type: 'message', text: SECRET_TEXT, from: { id: 'dl-user' } };
    const body = JSON.stringify(activity);
    const path = `/v3/directline/conversations/${conversationId}/activities`;
    const sent = await fetch(`${running.url}${path}`, {
      method: 'POST',
      headers: { ...headers, 'x-request-id': 'req-dl-1' },
      body,
    });
    expect(sent.status).toBe(200);
    const line = running.lines().find((l) => l.msg === 'bot turn ran' && l.requestId === 'req-dl-1');
    expect(line).toMatchObject({ channelId: 'directline', turnId: expect.stringMatching(UUID) });
    expect(JSON.stringify(running.lines())).not.toContain('hunter2');
  });
});

describe('turn ids without HTTP', () => {
  it.each<[string, boolean, object]>([
    ['an activity an edge tagged with its request', true, { turnId: expect.stringMatching(UUID), requestId: 'req-1' }],
    ['an activity no request brought (a proactive turn)', false, { turnId: expect.stringMatching(UUID) }],
  ])('%s', async (_, tagged, expected) => {
    const seen: object[] = [];
    const adapter = new TestAdapter(async (context) => void seen.push(turnIdsOf(context))).use(observeTurns());
    const activity = { type: 'message', text: 'hi' };
    if (tagged) tagRequest(activity, 'req-1');
    await adapter.send(activity);
    expect(seen).toEqual([expected]);
  });
});
