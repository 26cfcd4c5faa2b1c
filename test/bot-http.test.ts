/** The real bot behind the real server: Bot Framework protocol over HTTP, as a channel sends it. */
import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import { startConnector, type ConnectorStandIn } from '../bench/connector-stand-in';
import { botMiddleware, createBot, typingIndicator } from '../bots';
import { parseConfig } from '../config';
import { createAnswerer } from '../knowledge';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown } from '../server';

const answerer = createAnswerer();
let server: Server;
let url: string;
let connector: ConnectorStandIn;

beforeAll(async () => {
  const config = parseConfig({});
  const logger = createLogger('silent' as never);
  // Typing at once, and outside the turn's joined message, so it is sent while that message is.
  const adapter = createAdapter(config, logger).use(typingIndicator(0, 100), ...botMiddleware());
  server = createServer({ adapter, bot: createBot({ answerer, config }), logger });
  url = await listen(server, 0, '127.0.0.1');
  connector = await startConnector();
});

afterAll(async () => {
  await shutdown(server);
  await connector.close();
});

function activity(conversationId: string, fields: Partial<Activity>): Partial<Activity> {
  return {
    id: `a-${Math.random()}`,
    channelId: 'webchat',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'Customer', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
    ...fields,
  };
}

async function expectReplies(conversationId: string, fields: Partial<Activity>): Promise<Partial<Activity>[]> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity(conversationId, { deliveryMode: 'expectReplies', ...fields })),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Partial<Activity>[] }).activities;
}

const textOf = (replies: Partial<Activity>[]) =>
  replies.map((a) => `${a.text ?? ''} ${JSON.stringify(a.attachments ?? [])}`).join('\n');

describe('bot over HTTP (expectReplies)', () => {
  it('welcomes a new conversation with the five menu buttons', async () => {
    const replies = await expectReplies('c-welcome', {
      type: 'conversationUpdate',
      membersAdded: [
        { id: 'user-1', name: 'Customer' },
        { id: 'bot', name: 'Bot' },
      ],
    });
    expect(replies).toHaveLength(1);
    const text = textOf(replies);
    for (const b of ['SMTP settings', 'IMAP settings', 'Error 530', 'Switch POP to IMAP', 'Talk to a person'])
      expect(text).toContain(b);
  });

  it('answers a question, and sends no trace or typing activity back', async () => {
    const replies = await expectReplies('c-fact', { type: 'message', text: 'what port for smtp' });
    expect(replies.map((a) => a.type)).toEqual(['message']);
    expect(replies[0]?.text).toMatch(/465/);
  });

  it('keeps dialog state between turns of one conversation', async () => {
    expect(textOf(await expectReplies('c-walk', { type: 'message', text: 'switch pop to imap' }))).toMatch(
      /Step 1 of 6/,
    );
    expect(textOf(await expectReplies('c-walk', { type: 'message', text: 'Outlook' }))).toMatch(/Step 2 of 6/);
    expect(textOf(await expectReplies('c-other', { type: 'message', text: 'next' }))).not.toMatch(/Step 3/);
    expect(textOf(await expectReplies('c-walk', { type: 'message', text: 'next' }))).toMatch(/Step 3 of 6/);
  });
});

describe('bot over HTTP (replies to the serviceUrl)', () => {
  it('sends typing and the answer, as a reply to the message', async () => {
    const arriving = connector.waitFor('c-typing', 2);
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity('c-typing', { id: 'm-1', type: 'message', text: 'imap server' })),
    });
    expect(res.status).toBe(200);
    const sent = await arriving;
    // The typing timer and the fast answer race each other; both must arrive.
    expect(sent.map((s) => s.activity.type).sort()).toEqual(['message', 'typing']);
    const answer = sent.find((s) => s.activity.type === 'message');
    expect(answer?.replyToId).toBe('m-1');
    expect(String(answer?.activity.text)).toMatch(/mail\.btinternet\.com/);
  });

  it('sends exactly the replies of a dialog turn: no trace, no error apology', async () => {
    await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity('c-quiet', { id: 'm-2', type: 'message', text: 'what port for smtp' })),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const sent = connector.sent.filter((s) => s.conversationId === 'c-quiet' && s.activity.type !== 'typing');
    expect(sent.map((s) => String(s.activity.text))).toEqual([expect.stringMatching(/^SMTP \(outgoing\): port 465/)]);
  });
});
