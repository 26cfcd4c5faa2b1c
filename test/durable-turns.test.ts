/** Durable turns over real HTTP: one turn per conversation at a time, and a complete, redacted transcript. */
import { readFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity, Storage, TranscriptStore } from 'botbuilder';
import { startConnector, type ConnectorStandIn } from '../bench/connector-stand-in';
import { keyedQueue, monotonicClock } from '../bots/durable-turns';
import { turnErrorReply } from '../server';
import { parseConfig } from '../config';
import { openMemoryStores } from '../storage/memory';
import { openSqliteStores } from '../storage/sqlite';
import type { LeaseStore, Stores } from '../storage';
import type { BatchTranscriptStore } from '../storage/types';
import { formatTranscript } from '../transcripts/format';
import { MAX_TEXT } from '../transcripts/text-cap';
import { customerMessage, postActivity, sentTexts, startBotServer, steps, type BotServer } from './helpers/bot-server';

let connector: ConnectorStandIn;
let dir: string;
beforeAll(async () => {
  connector = await startConnector();
  dir = mkdtempSync(join(tmpdir(), 'bot-durable-'));
});
afterAll(async () => {
  await connector.close();
  rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const conversation = (name: string) => `${name}-${++n}`;

async function say(bot: BotServer, conversationId: string, text: string): Promise<void> {
  expect(await postActivity(bot.url, customerMessage(connector, conversationId, text))).toBe(200);
}

/** A lease store that always grants: what two instances see when a lease has run out. */
const noLeases: LeaseStore = { tryAcquire: async () => ({ release: async () => undefined }) };

async function transcriptOf(store: TranscriptStore, conversationId: string): Promise<Activity[]> {
  return (await store.getTranscriptActivities('webchat', conversationId)).items;
}

/**
 * `stores` whose state reads take a few ms, as a remote store's (Blob) do. Why: with the embedded
 * store a turn reads and writes without yielding, so two turns in one process rarely overlap by
 * chance; the slow read makes them overlap every time, and so shows what the serialisation prevents.
 */
function slowReads(stores: Stores): Stores {
  const { storage } = stores;
  const read: Storage['read'] = async (keys) => {
    const items = await storage.read(keys);
    await new Promise((resolve) => setTimeout(resolve, 20));
    return items;
  };
  return { ...stores, storage: { read, write: (c) => storage.write(c), delete: (k) => storage.delete(k) } };
}

describe('turns of one conversation', () => {
  let stores: Stores;
  beforeEach(() => {
    stores = slowReads(openSqliteStores(join(dir, `serial-${++n}`)));
  });
  afterEach(() => stores.close());

  it('are serialised by the durable middleware: two "next"s at once take both steps, in turn', async () => {
    const bot = await startBotServer(stores);
    const id = conversation('double-click');
    try {
      await say(bot, id, 'switch pop to imap');
      await say(bot, id, 'Outlook');
      await Promise.all([say(bot, id, 'next'), say(bot, id, 'next')]);
      expect(steps(sentTexts(connector, id)).slice(-2)).toEqual(['Step 3 of 6', 'Step 4 of 6']);
      expect(sentTexts(connector, id)).not.toContain(turnErrorReply(parseConfig({})));
    } finally {
      await bot.close();
    }
  });

  it('without it, both turns read step 2 and one "next" is lost (the race it prevents)', async () => {
    const bot = await startBotServer(stores, false);
    const id = conversation('no-serialising');
    try {
      await say(bot, id, 'switch pop to imap');
      await say(bot, id, 'Outlook');
      await Promise.all([say(bot, id, 'next'), say(bot, id, 'next')]);
      expect(steps(sentTexts(connector, id)).slice(-2)).toEqual(['Step 3 of 6', 'Step 3 of 6']);
      await say(bot, id, 'next');
      expect(steps(sentTexts(connector, id)).at(-1)).toBe('Step 4 of 6');
    } finally {
      await bot.close();
    }
  });

  it('when two instances both think they hold the turn, the stale save is refused, not silently applied', async () => {
    const shared = { ...stores, leases: noLeases };
    const [a, b] = [await startBotServer(shared), await startBotServer(shared)];
    const id = conversation('lost-lease');
    try {
      await say(a, id, 'switch pop to imap');
      await say(b, id, 'Outlook');
      await Promise.all([say(a, id, 'next'), say(b, id, 'next')]);
      const texts = sentTexts(connector, id);
      expect(texts.filter((t) => t === turnErrorReply(parseConfig({})))).toHaveLength(1);
      expect([...a.logs, ...b.logs].join('')).toContain('StaleWriteError');
      await say(a, id, 'next');
      expect(steps(sentTexts(connector, id)).at(-1)).toBe('Step 4 of 6');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('transcripts', () => {
  it('hold every activity in and out, in order, redacted, and readable; the secret is nowhere in the files', async () => {
    const dataDir = join(dir, 'transcript');
    const stores = openSqliteStores(dataDir);
    const bot = await startBotServer(stores);
    const id = conversation('transcript');
    try {
      await say(bot, id, 'what port for smtp');
      await say(bot, id, 'my password is Hunter2secret and it fails');
      await say(bot, id, 'switch pop to imap');
      const items = await transcriptOf(stores.transcripts, id);
      const roles = items.map((a) => a.from.role);
      expect(roles).toEqual(['user', 'bot', 'user', 'bot', 'user', 'bot']);
      const times = items.map((a) => a.timestamp!.getTime());
      expect([...times].sort((x, y) => x - y)).toEqual(times);
      expect(new Set(times).size).toBe(times.length);
      const text = formatTranscript(items);
      expect(text).toMatch(/Customer: what port for smtp\n.*Bot: SMTP \(outgoing\): port 465/s);
      expect(text).toContain('Customer: my password is [redacted] and it fails');
      expect(text).toMatch(/Bot: .*\n[\s\S]*Step 1 of 6/);
    } finally {
      await bot.close();
      await stores.close();
    }
    for (const file of readdirSync(dataDir))
      expect(readFileSync(join(dataDir, file)).includes('Hunter2secret')).toBe(false);
  });

  it('cut a long message at the cap, with the marker, before redacting and storing it: nothing past the cap is kept, in any field', async () => {
    const stores = openMemoryStores();
    const bot = await startBotServer(stores);
    const id = conversation('long');
    const start = `my password is Hunter2secret and it fails ${'a-'.repeat(MAX_TEXT)}`;
    const text = `${start} pw: Tail99secret ${'b'.repeat(20_000)}`;
    const value = { note: text, [`pw: Key77secret ${'c'.repeat(MAX_TEXT)}`]: 1 };
    try {
      const message = {
        ...customerMessage(connector, id, text),
        value,
        channelData: { list: [text] },
        entities: [{ type: 'note', text: 'pw: Entity55secret' }],
        topicName: 'pw: Topic44secret',
      };
      expect(await postActivity(bot.url, message)).toBe(200);
      const [stored] = await transcriptOf(stores.transcripts, id);
      const json = JSON.stringify(stored);
      expect(stored?.text).toMatch(
        /^my password is \[redacted\] and it fails a-a-[\s\S]*\n… \[cut: [\d,]+ more characters\]$/,
      );
      expect(stored?.text?.length).toBeLessThanOrEqual(MAX_TEXT);
      for (const secret of ['Hunter2secret', 'Tail99secret', 'Key77secret', 'Entity55secret', 'Topic44secret', 'bbbb'])
        expect(json).not.toContain(secret);
      expect(json.length).toBeLessThan(5 * MAX_TEXT);
    } finally {
      await bot.close();
    }
  });

  it('say who spoke even when the channel gives no roles', async () => {
    const stores = openMemoryStores();
    const bot = await startBotServer(stores);
    const id = conversation('no-roles');
    try {
      const activity = customerMessage(connector, id, 'imap server');
      expect(
        await postActivity(bot.url, {
          ...activity,
          from: { id: 'u1', name: 'Ann' },
          recipient: { id: 'b1', name: 'Bot' },
        }),
      ).toBe(200);
      expect((await transcriptOf(stores.transcripts, id)).map((a) => a.from.role)).toEqual(['user', 'bot']);
    } finally {
      await bot.close();
    }
  });

  it('are written before the HTTP response: a slow store still has the whole turn when the channel hears back', async () => {
    const stores = openMemoryStores();
    const slow: BatchTranscriptStore = Object.assign(Object.create(stores.transcripts), {
      logActivities: async (activities: Activity[]) => {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await stores.transcripts.logActivities(activities);
      },
    });
    const bot = await startBotServer({ ...stores, transcripts: slow });
    const id = conversation('slow-store');
    try {
      await say(bot, id, 'imap server');
      expect((await transcriptOf(stores.transcripts, id)).map((a) => a.from.role)).toEqual(['user', 'bot']);
    } finally {
      await bot.close();
    }
  });

  it('fail the turn loudly when the store cannot write, rather than losing the record', async () => {
    const stores = openMemoryStores();
    const broken: BatchTranscriptStore = Object.assign(Object.create(stores.transcripts), {
      logActivities: async () => {
        throw new Error('disk full');
      },
    });
    const bot = await startBotServer({ ...stores, transcripts: broken });
    try {
      await say(bot, conversation('broken-store'), 'imap server');
      expect(bot.logs.join('')).toMatch(
        /turn failed.*TranscriptWriteError.*disk full|TranscriptWriteError.*disk full/s,
      );
    } finally {
      await bot.close();
    }
  });
});

describe('keyedQueue', () => {
  it('runs tasks of one key one after another, and of different keys side by side', async () => {
    const queue = keyedQueue();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`${name}+`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`${name}-`);
      return name;
    };
    const results = await Promise.all([
      queue('a', task('a1', 30)),
      queue('a', task('a2', 1)),
      queue('b', task('b1', 1)),
    ]);
    expect(results).toEqual(['a1', 'a2', 'b1']);
    expect(events).toEqual(['a1+', 'b1+', 'b1-', 'a1-', 'a2+', 'a2-']);
  });

  it('carries on with the next task after one fails', async () => {
    const queue = keyedQueue();
    const failing = queue('a', async () => {
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    await expect(queue('a', async () => 'next')).resolves.toBe('next');
  });
});

describe('monotonicClock', () => {
  it.each<[string, number[], string[], number[]]>([
    ['a clock that moves', [10, 20, 30], ['c', 'c', 'c'], [10, 20, 30]],
    ['a clock that stands still', [10, 10, 10], ['c', 'c', 'c'], [10, 11, 12]],
    ['a clock that goes back', [10, 5, 5], ['c', 'c', 'c'], [10, 11, 12]],
    ['two conversations', [10, 10, 10], ['c', 'd', 'c'], [10, 10, 11]],
  ])('with %s, stamps strictly increase per conversation', (_name, times, keys, expected) => {
    let i = 0;
    const clock = monotonicClock(() => times[i++]!);
    expect(keys.map((k) => clock(k))).toEqual(expected);
  });
});
