/** The agents' console in Teams over real HTTP: cards as new threads, updates in place, lines in order through Teams' 429s. */
import type { ConversationReference } from 'botbuilder';
import { startConnector, type ConnectorStandIn, type Recorded } from '../bench/connector-stand-in';
import { MemoryReferenceStore } from '../bots';
import { CARD_TEXT } from '../bots/handover/console-texts';
import type { AgentCard, AgentThread } from '../bots/handover/ports';
import {
  escapeForTeams,
  SendQueue,
  TeamsConsole,
  threadMessage,
  throttled,
  type ThrottleRetry,
} from '../bots/handover/teams-console';
import { referenceKey } from '../bots/teams';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createAdapter } from '../server';
import { CARD_CONTEXT as CONTEXT } from './helpers/handover-fixtures';

const BOT = { id: '28:0f4b5a1e-8c2d-4e6f-9a7b-1c2d3e4f5a6b', name: 'BT Email help' };
const SUPPORT_TEAM = '0d5e8c7a-1b2c-4d3e-9f8a-7b6c5d4e3f2a';
const SUPPORT_CHANNEL = '19:support-desk@thread.tacv2';
/** Quick retries: these tests count attempts, never time. */
const RETRY: ThrottleRetry = { attempts: 5, baseDelayMs: 1, maxDelayMs: 5 };

const config = parseConfig({ TEAMS_SUPPORT_TEAM_ID: SUPPORT_TEAM, TEAMS_SUPPORT_CHANNEL_ID: SUPPORT_CHANNEL });
const CARD: AgentCard = {
  handoverId: 'h-1',
  customer: { channelId: 'directline', conversationId: 'conv-1' },
  customerName: 'Pat',
  reason: 'asked',
  context: CONTEXT,
  status: { kind: 'waiting' },
};

let connector: ConnectorStandIn;
let references: MemoryReferenceStore;
let teamsConsole: TeamsConsole;
const adapter = createAdapter(config, createLogger('silent'));

beforeAll(async () => {
  connector = await startConnector();
  references = new MemoryReferenceStore();
  const channel: Partial<ConversationReference> = {
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    bot: BOT,
    conversation: { id: SUPPORT_CHANNEL, isGroup: true, conversationType: 'channel', name: '' },
  };
  await references.put(referenceKey(SUPPORT_CHANNEL), channel);
  teamsConsole = new TeamsConsole({ adapter, channelId: SUPPORT_CHANNEL, references, retry: RETRY });
});

afterAll(() => connector.close());

const cardOf = (r: Recorded) =>
  (r.activity.attachments as { contentType: string; content: Record<string, unknown> }[] | undefined)?.[0];

async function newThread(): Promise<AgentThread> {
  const where = await teamsConsole.postCard(CARD);
  if (!where) throw new Error('no thread');
  return where;
}

describe('Teams console: the card', () => {
  it('starts a new thread in the support channel, and says where it is', async () => {
    const before = connector.sent.length;
    const where = await newThread();
    const [post] = connector.sent.slice(before);
    expect(post).toMatchObject({ method: 'POST', conversationId: SUPPORT_CHANNEL });
    expect(post?.replyToId).toBeUndefined();
    expect(cardOf(post!)?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(where.thread.conversation?.id).toBe(`${SUPPORT_CHANNEL};messageid=${where.cardActivityId}`);
    expect(where.cardActivityId).toMatch(/\S/);
    // Plain JSON, as the handover record stores it.
    expect(JSON.parse(JSON.stringify(where))).toEqual(where);
  });

  it.each<[string, TeamsConsole]>([
    ['no support channel configured', new TeamsConsole({ adapter, references: new MemoryReferenceStore() })],
    [
      'the bot not in the support channel',
      new TeamsConsole({ adapter, channelId: SUPPORT_CHANNEL, references: new MemoryReferenceStore() }),
    ],
  ])('posts nothing with %s', async (_name, console) => {
    const before = connector.sent.length;
    await expect(console.postCard(CARD)).resolves.toBeUndefined();
    expect(connector.sent.length).toBe(before);
  });

  it('is updated in place, proactively', async () => {
    const where = await newThread();
    const before = connector.sent.length;
    await teamsConsole.updateCard(where, { ...CARD, status: { kind: 'accepted', by: 'Jane Smith' } });
    const [put] = connector.sent.slice(before);
    expect(put).toMatchObject({ method: 'PUT', conversationId: where.thread.conversation?.id });
    expect(put?.replyToId).toBe(where.cardActivityId);
    expect(JSON.stringify(cardOf(put!)?.content)).toContain(CARD_TEXT.accepted);
  });
});

describe('Teams console: lines in the thread', () => {
  it.each<[string, Parameters<typeof threadMessage>[0], string]>([
    ['a customer line', { kind: 'customer', name: 'Pat', text: 'it still fails' }, 'Pat: it still fails'],
    ['an info line', { kind: 'info', text: 'The customer left the queue.' }, 'The customer left the queue.'],
    [
      'a customer trying to @mention and format',
      { kind: 'customer', name: 'Pat', text: '<at>Jane Smith</at> **now** [x](https://evil.example)\nok' },
      'Pat: &lt;at&gt;Jane Smith&lt;/at&gt; &#42;&#42;now&#42;&#42; &#91;x&#93;(https://evil.example)<br>ok',
    ],
    ['a name with markup', { kind: 'customer', name: '<b>Pat</b>', text: 'hi' }, '&lt;b&gt;Pat&lt;/b&gt;: hi'],
  ])('%s is a reply into the thread, escaped', async (_name, post, text) => {
    const where = await newThread();
    const before = connector.sent.length;
    await teamsConsole.post(where, post);
    const [sent] = connector.sent.slice(before);
    expect(sent).toMatchObject({ method: 'POST', conversationId: where.thread.conversation?.id });
    expect(sent?.activity).toMatchObject({ type: 'message', textFormat: 'xml', text });
    expect(sent?.activity.entities ?? []).toEqual([]);
  });

  it('cuts a very long line, saying so', () => {
    const text = String(threadMessage({ kind: 'customer', name: 'Pat', text: 'word '.repeat(5_000) }).text);
    expect(text.length).toBeLessThan(4_200);
    expect(text).toMatch(/<br>… \[cut: [\d,]+ more characters\]$/);
  });

  it('escapes what HTML and markdown read, and nothing else', () => {
    expect(escapeForTeams('a & b < c > "d" *e* _f_ `g` [h] ~i~ \\ it\'s (ok) #1 | 100%')).toBe(
      "a &amp; b &lt; c &gt; &quot;d&quot; &#42;e&#42; &#95;f&#95; &#96;g&#96; &#91;h&#93; &#126;i&#126; &#92; it's (ok) #1 | 100%",
    );
  });
});

describe("Teams console: order through Teams' throttling", () => {
  it('lines sent at once arrive in order when the first ones are throttled (429, Retry-After: 0)', async () => {
    const where = await newThread();
    const before = connector.throttled();
    connector.throttle(2, 0);
    const lines = ['one', 'two', 'three', 'four'];
    await Promise.all(lines.map((text) => teamsConsole.post(where, { kind: 'info', text })));
    expect(connector.throttled() - before).toBe(2);
    const inThread = connector.sent.filter((r) => r.conversationId === where.thread.conversation?.id);
    expect(inThread.map((r) => r.activity.text)).toEqual(lines);
  });

  it("retries past the connector client's own retries, and updates too", async () => {
    const where = await newThread();
    const before = connector.throttled();
    // The connector client tries 4 times (lean-replies) or 4 (the Azure pipeline) before it gives up.
    connector.throttle(6, 0);
    await teamsConsole.post(where, { kind: 'info', text: 'after the storm' });
    connector.throttle(6, 0);
    await teamsConsole.updateCard(where, { ...CARD, status: { kind: 'closed', outcome: 'customer-left' } });
    expect(connector.throttled() - before).toBe(12);
    const inThread = connector.sent.filter((r) => r.conversationId === where.thread.conversation?.id);
    expect(inThread.map((r) => r.method)).toEqual(['POST', 'PUT']);
  });

  it('gives up after its attempts, with the 429', async () => {
    const where = await newThread();
    connector.throttle(100, 0);
    await expect(teamsConsole.post(where, { kind: 'info', text: 'never' })).rejects.toMatchObject({ statusCode: 429 });
    connector.throttle(0);
  });
});

describe('send queue and throttle retry', () => {
  it('runs tasks of one key one at a time, keeps going after a failure, and forgets quiet keys', async () => {
    const queue = new SendQueue();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((resolve) => setImmediate(resolve));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
      };
    const results = await Promise.allSettled([queue.run('a', task('1', true)), queue.run('a', task('2'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.size).toBe(0);
  });

  it.each<[string, number, unknown]>([
    ['a 429', 3, { statusCode: 429 }],
    ['a 400', 1, { statusCode: 400 }],
    ['a network error', 1, new Error('ECONNRESET')],
  ])('%s is tried %i times', async (_name, tries, error) => {
    let calls = 0;
    const send = () => {
      calls++;
      return Promise.reject(error);
    };
    await expect(throttled(send, { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 })).rejects.toBe(error);
    expect(calls).toBe(tries);
  });
});
