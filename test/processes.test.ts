/**
 * The built bot as separate processes: a walkthrough survives SIGKILL and a restart, what was
 * acknowledged is in the transcript, and two instances sharing Azure Blob Storage (Azurite)
 * serve one conversation exactly as one instance does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startConnector, type ConnectorStandIn } from '../bench/connector-stand-in';
import {
  sendToBot,
  startTeamsStandIn,
  SUPPORT_SCENE,
  TEAMS_PEOPLE,
  TeamsSender,
  threadId,
  type TeamsStandIn,
} from '../bench/teams-stand-in';
import { HANDOVER_BUTTONS, HANDOVER_TEXT } from '../handover/messages';
import { openBlobStores } from '../storage/blob';
import { openSqliteStores } from '../storage/sqlite';
import { formatTranscript } from '../transcripts/format';
import type { Activity } from '../directline';
import { startAzurite, type Azurite } from './helpers/azurite';
import { customerMessage, postActivity, sentTexts, steps } from './helpers/bot-server';
import { BUILD_DIR, buildOnce, startBotProcess, type BotProcess } from './helpers/bot-process';
import { connectClient, type Client } from './helpers/directline-client';
import { acceptOf, cardsOf, customerOf, textOf } from './helpers/handover-world';

jest.setTimeout(60_000);

let connector: ConnectorStandIn;
let dir: string;
const running: BotProcess[] = [];

beforeAll(async () => {
  buildOnce();
  connector = await startConnector();
  dir = mkdtempSync(join(tmpdir(), 'bot-processes-'));
});

afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
  await connector?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string>): Promise<BotProcess> {
  const bot = await startBotProcess(env);
  running.push(bot);
  return bot;
}

async function say(bot: BotProcess, conversationId: string, text: string): Promise<string[]> {
  const before = sentTexts(connector, conversationId).length;
  expect(await postActivity(bot.url, customerMessage(connector, conversationId, text))).toBe(200);
  return sentTexts(connector, conversationId).slice(before);
}

describe('start-up on a botbuilder other than 4.23', () => {
  it('stops with exit code 1 and says which version is installed and what to do, before listening', () => {
    // Why a preload: the built bot resolves botbuilder's package.json to a 4.24.0 one, as after an upgrade.
    const fake = join(dir, 'botbuilder-4.24', 'package.json');
    mkdirSync(dirname(fake), { recursive: true });
    writeFileSync(fake, JSON.stringify({ name: 'botbuilder', version: '4.24.0' }));
    const preload = join(dir, 'fake-botbuilder-version.js');
    writeFileSync(
      preload,
      `const Module = require('node:module');
       const resolve = Module._resolveFilename;
       Module._resolveFilename = function (request, ...rest) {
         return request === 'botbuilder/package.json' ? ${JSON.stringify(fake)} : resolve.call(this, request, ...rest);
       };`,
    );
    const run = spawnSync(process.execPath, ['-r', preload, join(BUILD_DIR, 'index.js')], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', STORAGE: 'memory' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('botbuilder 4.24.0 is installed; need 4.23.x');
    expect(run.stdout).not.toContain('listening');
  });
});

describe('SQLite, one process killed and restarted', () => {
  it('continues the walkthrough at step 3, and keeps every acknowledged activity in the transcript', async () => {
    const env = { STORAGE: 'sqlite', DATA_DIR: join(dir, 'data') };
    const id = 'crash-1';
    const first = await start(env);
    await say(first, id, 'switch pop to imap');
    await say(first, id, 'Outlook');
    expect(steps(await say(first, id, 'next'))).toEqual(['Step 3 of 6']);
    expect(steps(await say(first, id, 'my password is Zebra42x, what port?'))).toEqual(['Step 3 of 6']);
    await first.kill();

    const second = await start(env);
    expect(steps(await say(second, id, 'what port?'))).toEqual(['Step 3 of 6']);
    expect(steps(await say(second, id, 'next'))).toEqual(['Step 4 of 6']);
    await second.stop();

    const stores = openSqliteStores(env.DATA_DIR);
    const items = (await stores.transcripts.getTranscriptActivities('webchat', id)).items;
    await stores.close();
    const text = formatTranscript(items);
    expect(items.filter((a) => a.from.role === 'user').map((a) => a.text)).toEqual([
      'switch pop to imap',
      'Outlook',
      'next',
      'my password is [redacted] what port?',
      'what port?',
      'next',
    ]);
    expect(items.filter((a) => a.from.role === 'bot')).toHaveLength(sentTexts(connector, id).length);
    expect(text).not.toContain('Zebra42x');

    const cli = (...args: string[]) =>
      execFileSync(process.execPath, [join(BUILD_DIR, 'cli', 'transcript.js'), ...args], {
        env: { PATH: process.env.PATH ?? '', ...env },
        encoding: 'utf8',
      });
    expect(cli('webchat')).toContain(id);
    expect(cli('webchat', id)).toBe(text);
    // Retention keeps a conversation from today; deleting on request removes it and only it.
    expect(cli('--delete-older-than', '30')).toMatch(/^webchat: deleted 0 conversation/m);
    expect(cli('--delete', 'webchat', id)).toBe(`Deleted the transcript of webchat/${id}.\n`);
    expect(cli('webchat')).not.toContain(id);
    const bad = spawnSync(process.execPath, [join(BUILD_DIR, 'cli', 'transcript.js'), '--delete-older-than', '0'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    });
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('DAYS 1 to 3650')]);
  });
});

describe('SQLite, two processes on one file', () => {
  it('takes two turns of one conversation at once, one per process, one after the other', async () => {
    const env = { STORAGE: 'sqlite', DATA_DIR: join(dir, 'shared') };
    const [a, b] = await Promise.all([start(env), start(env)]);
    const id = 'sqlite-double-click';
    await say(a, id, 'switch pop to imap');
    await say(b, id, 'Outlook');
    await Promise.all([say(a, id, 'next'), say(b, id, 'next')]);
    expect(steps(sentTexts(connector, id)).slice(-2).sort()).toEqual(['Step 3 of 6', 'Step 4 of 6']);
    expect(steps(await say(b, id, 'next'))).toEqual(['Step 5 of 6']);
    await Promise.all([a.stop(), b.stop()]);
  });
});

describe('two processes sharing Azure Blob Storage (Azurite)', () => {
  let azurite: Azurite;
  let env: Record<string, string>;
  let a: BotProcess;
  let b: BotProcess;

  beforeAll(async () => {
    azurite = await startAzurite();
    env = {
      STORAGE: 'blob',
      AZURE_STORAGE_CONNECTION_STRING: azurite.connectionString,
      AZURE_STORAGE_STATE_CONTAINER: 'shared-state',
      AZURE_STORAGE_TRANSCRIPT_CONTAINER: 'shared-transcripts',
    };
    [a, b] = await Promise.all([start(env), start(env)]);
  });

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await azurite?.stop();
  });

  const SCRIPT = [
    'what port for smtp',
    'and for imap?',
    'error 530',
    'outlook',
    'no',
    'yes',
    'switch pop to imap',
    'thunderbird',
    'next',
    'what port?',
    'next',
    'back',
    'cancel',
    'thanks',
  ];

  it('one conversation alternating between them gets exactly the replies one process gives', async () => {
    const single: string[][] = [];
    const alternating: string[][] = [];
    for (const [i, text] of SCRIPT.entries()) {
      single.push(await say(a, 'single', text));
      alternating.push(await say(i % 2 === 0 ? a : b, 'alternating', text));
    }
    expect(alternating).toEqual(single);
    expect(steps(alternating.flat())).toEqual(
      ['Step 1', 'Step 1', 'Step 2', 'Step 2', 'Step 3', 'Step 2'].map((s) => `${s} of 6`),
    );
  });

  it('two turns of one conversation at once, one per process, are taken one after the other', async () => {
    const id = 'double-click';
    await say(a, id, 'switch pop to imap');
    await say(b, id, 'Outlook');
    await Promise.all([say(a, id, 'next'), say(b, id, 'next')]);
    expect(steps(sentTexts(connector, id)).slice(-2).sort()).toEqual(['Step 3 of 6', 'Step 4 of 6']);
    expect(steps(await say(a, id, 'next'))).toEqual(['Step 5 of 6']);
  });

  it('keeps one complete, ordered transcript of the alternating conversation', async () => {
    const stores = openBlobStores({
      connectionString: azurite.connectionString,
      stateContainer: env.AZURE_STORAGE_STATE_CONTAINER!,
      transcriptContainer: env.AZURE_STORAGE_TRANSCRIPT_CONTAINER!,
    });
    const items = (await stores.transcripts.getTranscriptActivities('webchat', 'alternating')).items;
    expect(items.filter((x) => x.from.role === 'user').map((x) => x.text)).toEqual(SCRIPT);
    expect(items.filter((x) => x.from.role === 'bot').map((x) => x.text)).toEqual(sentTexts(connector, 'alternating'));
  });
});

describe('the built bot in anonymous mode', () => {
  it('says in its log that /api/messages is local, and refuses a serviceUrl off loopback with 403', async () => {
    const bot = await start({ STORAGE: 'memory' });
    expect(bot.output()).toContain('/api/messages accepts requests from this machine only');
    const elsewhere = { ...customerMessage(connector, 'relay-1', 'hi'), serviceUrl: 'http://2130706433:9/' };
    expect(await postActivity(bot.url, elsewhere)).toBe(403);
    expect(await say(bot, 'relay-2', 'what port for smtp')).toEqual([expect.stringMatching(/465/)]);
  });
});

describe('built-in Direct Line, SQLite, killed during a burst', () => {
  const CLIENTS = 10;
  const PER_CLIENT = 20;
  const KILL_AFTER = 60;

  interface Chat {
    address: string;
    token: string;
    conversationId: string;
  }

  async function directLineChat(bot: BotProcess, address: string): Promise<Chat> {
    const forwarded = { 'x-forwarded-for': address };
    const session = (await (
      await fetch(`${bot.url}/api/webchat/token`, { method: 'POST', headers: forwarded })
    ).json()) as { token: string; conversationId: string };
    const res = await fetch(`${bot.url}/v3/directline/conversations`, {
      method: 'POST',
      headers: { ...forwarded, authorization: `Bearer ${session.token}` },
    });
    expect(res.status).toBe(201);
    return { address, ...session };
  }

  /** Posts a message; resolves with its id when the answer is 200, else undefined (refused, or the bot died). */
  async function acknowledged(bot: BotProcess, chat: Chat, text: string): Promise<string | undefined> {
    try {
      const res = await fetch(`${bot.url}/v3/directline/conversations/${chat.conversationId}/activities`, {
        method: 'POST',
        headers: {
          'x-forwarded-for': chat.address,
          authorization: `Bearer ${chat.token}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ type: 'message', text }),
      });
      const body = (await res.json()) as { id?: string };
      return res.status === 200 ? body.id : undefined;
    } catch {
      return undefined;
    }
  }

  it('has every activity that got 200 in the transcript, with its reply', async () => {
    const env = { STORAGE: 'sqlite', DATA_DIR: join(dir, 'directline'), WEBCHAT_TRUST_PROXY: 'true' };
    const bot = await start(env);
    const chats = await Promise.all(
      Array.from({ length: CLIENTS }, (_, i) => directLineChat(bot, `198.51.100.${i + 1}`)),
    );
    const acked: string[] = [];
    let killed: Promise<void> | undefined;
    await Promise.all(
      chats.flatMap((chat) =>
        Array.from({ length: PER_CLIENT }, async (_, n) => {
          const id = await acknowledged(bot, chat, n % 2 ? 'what port for SMTP' : 'imap server');
          if (id === undefined) return;
          // Every 200 counts, those that arrive while the kill is on its way too: the server gave them.
          acked.push(id);
          if (acked.length >= KILL_AFTER) killed ??= bot.kill();
        }),
      ),
    );
    await killed;
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);

    await (await start(env)).stop();
    const stores = openSqliteStores(env.DATA_DIR);
    const missing: string[] = [];
    for (const chat of chats) {
      const items = (await stores.transcripts.getTranscriptActivities('directline', chat.conversationId)).items;
      const recorded = new Set(items.filter((a) => a.from.role === 'user').map((a) => a.id));
      const answered = new Set(items.filter((a) => a.from.role === 'bot').map((a) => a.replyToId));
      for (const id of acked.filter((x) => x.startsWith(`${chat.conversationId}|`)))
        if (!recorded.has(id) || !answered.has(id)) missing.push(id);
    }
    await stores.close();
    expect(missing).toEqual([]);
  });
});

describe('built-in Direct Line, SQLite, killed and restarted (WEBCHAT_TOKEN_SECRET set)', () => {
  const fromBot = (pattern: RegExp) => (a: Activity) => a.from?.role === 'bot' && pattern.test(a.text ?? '');
  const clients: Client[] = [];
  afterAll(() => clients.forEach((c) => c.end()));

  function connect(bot: BotProcess, token: string, resume?: { conversationId: string; watermark: string }): Client {
    const client = connectClient({ domain: `${bot.url}/v3/directline`, token, webSocket: true, ...resume });
    clients.push(client);
    return client;
  }

  it('resumes the conversation with the same token and watermark: the history is there once, and it goes on', async () => {
    const env = { STORAGE: 'sqlite', DATA_DIR: join(dir, 'directline-restart'), WEBCHAT_TOKEN_SECRET: 'k'.repeat(48) };
    const first = await start(env);
    const { token, conversationId } = (await (
      await fetch(`${first.url}/api/webchat/token`, { method: 'POST' })
    ).json()) as {
      token: string;
      conversationId: string;
    };
    const before = connect(first, token);
    await before.waitFor(fromBot(/BT Email settings assistant/));
    await before.post({ text: 'switch pop to imap' });
    await before.waitFor(fromBot(/Step 1 of 6/));
    await before.post({ text: 'Outlook' });
    await before.waitFor(fromBot(/Step 2 of 6/));
    const watermark = before.watermark();
    await first.kill();
    before.end();

    const second = await start(env);
    const after = connect(second, token, { conversationId, watermark });
    await after.post({ text: 'next' });
    await after.waitFor(fromBot(/Step 3 of 6/));
    expect(after.received.map((a) => a.text)).toEqual(['next', expect.stringContaining('Step 3 of 6')]);
    const res = await fetch(`${second.url}/v3/directline/conversations/${conversationId}/activities`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const kept = ((await res.json()) as { activities: Activity[] }).activities;
    const ids = kept.map((a) => a.id);
    expect(ids).toEqual([...before.received, ...after.received].map((a) => a.id));
    expect(new Set(ids).size).toBe(ids.length);
    await second.stop();
  });
});

describe('live handover, SQLite, the bot killed mid-relay and restarted', () => {
  let teams: TeamsStandIn;
  const clients: Client[] = [];
  beforeAll(async () => {
    teams = await startTeamsStandIn();
  });
  afterAll(async () => {
    clients.forEach((c) => c.end());
    await teams.close();
  });

  function connect(bot: BotProcess, token: string, resume?: { conversationId: string; watermark: string }): Client {
    const client = connectClient({ domain: `${bot.url}/v3/directline`, token, webSocket: true, ...resume });
    clients.push(client);
    return client;
  }

  it('goes on relaying both ways with the same thread and the resumed web chat, then ends with the rating', async () => {
    const env = {
      STORAGE: 'sqlite',
      DATA_DIR: join(dir, 'handover-restart'),
      WEBCHAT_TOKEN_SECRET: 'h'.repeat(48),
      TEAMS_SUPPORT_TEAM_ID: SUPPORT_SCENE.team.aadGroupId,
      TEAMS_SUPPORT_CHANNEL_ID: SUPPORT_SCENE.channelId,
    };
    const sender = new TeamsSender(teams.serviceUrl);
    const first = await start(env);
    expect((await sendToBot(first.url, sender.installed())).status).toBe(200);
    const session = (await (await fetch(`${first.url}/api/webchat/token`, { method: 'POST' })).json()) as {
      token: string;
      conversationId: string;
    };
    const before = await customerOf(session, connect(first, session.token));
    await before.say('can I talk to a person please');
    await before.hears(HANDOVER_TEXT.offer('asked'));
    await before.say(HANDOVER_BUTTONS.connect.value);
    const [card] = await teams.waitFor((c) => c.kind === 'thread' && c.conversationId === SUPPORT_SCENE.channelId);
    const thread = threadId(SUPPORT_SCENE.channelId, card!.id);
    const accept = acceptOf(cardsOf(card!)[0]);
    await sendToBot(first.url, sender.execute(thread, TEAMS_PEOPLE.jane, card!.id, accept.verb, accept.data));
    await before.hears(HANDOVER_TEXT.connected('Jane'));
    expect(
      (await sendToBot(first.url, sender.agentMessage(thread, TEAMS_PEOPLE.jane, 'Before the crash'))).status,
    ).toBe(200);
    await before.hears('Before the crash');
    const watermark = before.client.watermark();
    await first.kill();
    before.client.end();

    const second = await start(env);
    const after = await customerOf(
      session,
      connect(second, session.token, { conversationId: session.conversationId, watermark }),
      true,
    );
    await sendToBot(second.url, sender.agentMessage(thread, TEAMS_PEOPLE.jane, 'After the restart'));
    await after.hears('After the restart');
    await after.say('still here after the restart');
    await teams.waitFor((c) => c.conversationId === thread && textOf(c).includes('still here after the restart'));
    await sendToBot(second.url, sender.agentMessage(thread, TEAMS_PEOPLE.jane, 'Good, nearly done'));
    await after.hears('Good, nearly done');
    // Silent still: the customer's words went to Jane only.
    expect(after.botTexts()).toEqual(['After the restart', 'Good, nearly done']);
    await sendToBot(second.url, sender.agentMessage(thread, TEAMS_PEOPLE.jane, '/end'));
    await after.hears(HANDOVER_TEXT.rateAgent('Jane'));
    expect(after.botTexts().filter((t) => t.startsWith("You're now talking"))).toEqual([]);
    await second.stop();
  });
});
