/** One contract for every backend: memory, SQLite and Azure Blob Storage (against Azurite). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Activity, TranscriptStore } from 'botbuilder';
import { openBlobStores } from '../storage/blob';
import { StaleWriteError } from '../storage/errors';
import { deleteQuietTranscripts, listAllTranscripts } from '../storage/retention';
import { openMemoryStores } from '../storage/memory';
import { openSqliteStores } from '../storage/sqlite';
import type { Stores } from '../storage/types';
import { startAzurite, type Azurite } from './helpers/azurite';
import { conversationRecordsContract } from './conversation-records.contract';
import { referenceStoreContract } from './reference-store.contract';

let azurite: Azurite;
const folders: string[] = [];
let containers = 0;

beforeAll(async () => {
  azurite = await startAzurite();
}, 30_000);

const opened: Stores[] = [];

afterAll(async () => {
  for (const stores of opened) await stores.close();
  await azurite?.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

interface Backend {
  name: string;
  open(): Stores;
}

const BACKENDS: Backend[] = [
  { name: 'memory', open: () => openMemoryStores() },
  {
    name: 'sqlite',
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), 'bot-sqlite-'));
      folders.push(dir);
      return openSqliteStores(join(dir, 'data'));
    },
  },
  {
    name: 'blob (Azurite)',
    open: () => {
      containers += 1;
      return openBlobStores({
        connectionString: azurite.connectionString,
        stateContainer: `state-${containers}`,
        transcriptContainer: `transcripts-${containers}`,
      });
    },
  },
];

/** An activity of conversation `conversation` at `at` ms. */
function activity(conversation: string, id: string, at: number, channelId = 'webchat'): Activity {
  return {
    type: 'message',
    id,
    text: `text of ${id}`,
    channelId,
    serviceUrl: 'http://127.0.0.1:9',
    timestamp: new Date(at),
    conversation: { id: conversation, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'Customer', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
  } as Activity;
}

async function allActivities(store: TranscriptStore, channelId: string, conversationId: string): Promise<Activity[]> {
  const all: Activity[] = [];
  let token: string | undefined;
  for (let pages = 0; pages < 100; pages++) {
    const page = await store.getTranscriptActivities(channelId, conversationId, token);
    all.push(...page.items);
    token = page.continuationToken;
    if (!token) return all;
  }
  throw new Error('continuation tokens never ran out');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(BACKENDS)('$name', (backend) => {
  let stores: Stores;
  beforeEach(() => {
    stores = backend.open();
  });
  afterEach(() => stores.close());

  describe('state storage', () => {
    it('reads back what was written, with an eTag, and leaves out missing keys', async () => {
      await stores.storage.write({ a: { step: 3, list: [1, 2] } });
      const read = await stores.storage.read(['a', 'missing']);
      expect(Object.keys(read)).toEqual(['a']);
      expect(read.a).toEqual({ step: 3, list: [1, 2], eTag: expect.any(String) });
    });

    it('accepts a write carrying the eTag it read, and gives the item a new eTag', async () => {
      await stores.storage.write({ a: { step: 1 } });
      const first = (await stores.storage.read(['a'])).a;
      await stores.storage.write({ a: { ...first, step: 2 } });
      const second = (await stores.storage.read(['a'])).a;
      expect(second).toEqual({ step: 2, eTag: expect.any(String) });
      expect(second.eTag).not.toBe(first.eTag);
    });

    it('refuses a stale write with a StaleWriteError naming the key, and keeps the newer value', async () => {
      await stores.storage.write({ 'webchat/conversations/c1': { step: 1 } });
      const stale = (await stores.storage.read(['webchat/conversations/c1']))['webchat/conversations/c1'];
      await stores.storage.write({ 'webchat/conversations/c1': { ...stale, step: 2 } });
      const write = stores.storage.write({ 'webchat/conversations/c1': { ...stale, step: 99 } });
      await expect(write).rejects.toThrow(StaleWriteError);
      await expect(write).rejects.toThrow(/stale write to "webchat\/conversations\/c1".*read it again/is);
      expect((await stores.storage.read(['webchat/conversations/c1']))['webchat/conversations/c1'].step).toBe(2);
    });

    it('refuses a write carrying an eTag when the item was deleted since it was read', async () => {
      await stores.storage.write({ a: { step: 1 } });
      const read = (await stores.storage.read(['a'])).a;
      await stores.storage.delete(['a']);
      await expect(stores.storage.write({ a: { ...read, step: 2 } })).rejects.toThrow(StaleWriteError);
      expect(await stores.storage.read(['a'])).toEqual({});
    });

    it.each([
      ['eTag "*"', { eTag: '*' }],
      ['no eTag', {}],
    ])('writes unconditionally with %s, as botbuilder state does', async (_name, eTag) => {
      await stores.storage.write({ a: { step: 1 } });
      await stores.storage.write({ a: { step: 2, ...eTag } });
      expect((await stores.storage.read(['a'])).a.step).toBe(2);
    });

    it('lets exactly one of several writers holding the same eTag win', async () => {
      await stores.storage.write({ a: { step: 0 } });
      const read = (await stores.storage.read(['a'])).a;
      const writes = [1, 2, 3, 4].map((step) => stores.storage.write({ a: { ...read, step } }));
      const results = await Promise.allSettled(writes);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(StaleWriteError);
    });

    it('keeps awkward keys apart and round-trips non-ASCII values', async () => {
      const keys = ['a/b', 'a%2Fb', 'msteams/conversations/19:abc@thread.tacv2', 'x/ü é/😀', 'k'.repeat(300)];
      await stores.storage.write(Object.fromEntries(keys.map((k, i) => [k, { i, text: 'café £5 😀 – “ok”' }])));
      const read = await stores.storage.read(keys);
      expect(keys.map((k) => read[k]?.i)).toEqual([0, 1, 2, 3, 4]);
      expect(read['x/ü é/😀']?.text).toBe('café £5 😀 – “ok”');
    });

    it('stores a copy: changing the written object afterwards changes nothing', async () => {
      const item = { nested: { step: 1 } };
      await stores.storage.write({ a: item });
      item.nested.step = 2;
      expect((await stores.storage.read(['a'])).a.nested.step).toBe(1);
    });

    it('deletes items, and deleting a missing key is no error', async () => {
      await stores.storage.write({ a: { v: 1 }, b: { v: 2 } });
      await stores.storage.delete(['a', 'never-written']);
      expect(Object.keys(await stores.storage.read(['a', 'b']))).toEqual(['b']);
    });
  });

  describe('transcripts', () => {
    it('returns a conversation in timestamp order, even when logged out of order, with Date timestamps', async () => {
      const t = Date.UTC(2025, 0, 1, 10);
      for (const [id, at] of [
        ['m2', t + 2],
        ['m1', t + 1],
        ['m3', t + 3],
      ] as const)
        await stores.transcripts.logActivity(activity('c-1', id, at));
      const got = await allActivities(stores.transcripts, 'webchat', 'c-1');
      expect(got.map((a) => a.id)).toEqual(['m1', 'm2', 'm3']);
      expect(got[0]?.timestamp).toEqual(new Date(t + 1));
      expect(got[0]?.text).toBe('text of m1');
    });

    it('keeps conversations and channels apart, even when one id starts with another', async () => {
      const t = Date.UTC(2025, 0, 1, 10);
      await stores.transcripts.logActivity(activity('c-1', 'a', t));
      await stores.transcripts.logActivity(activity('c-10', 'b', t + 1));
      await stores.transcripts.logActivity(activity('c-1', 'c', t + 2, 'msteams'));
      expect((await allActivities(stores.transcripts, 'webchat', 'c-1')).map((a) => a.id)).toEqual(['a']);
      expect((await allActivities(stores.transcripts, 'webchat', 'c-10')).map((a) => a.id)).toEqual(['b']);
      expect((await allActivities(stores.transcripts, 'msteams', 'c-1')).map((a) => a.id)).toEqual(['c']);
    });

    it('pages: following continuation tokens returns every activity once, in order', async () => {
      const t = Date.UTC(2025, 0, 1, 10);
      const ids = Array.from({ length: 45 }, (_, i) => `m${String(i).padStart(2, '0')}`);
      await Promise.all(ids.map((id, i) => stores.transcripts.logActivity(activity('long', id, t + i))));
      expect((await allActivities(stores.transcripts, 'webchat', 'long')).map((a) => a.id)).toEqual(ids);
    });

    it('lists each conversation of a channel once', async () => {
      const t = Date.UTC(2025, 0, 1, 10);
      for (const [conversation, id, at] of [
        ['c-1', 'a', t],
        ['c-1', 'b', t + 1],
        ['c-10', 'c', t + 2],
      ] as const)
        await stores.transcripts.logActivity(activity(conversation, id, at));
      const listed = await stores.transcripts.listTranscripts('webchat');
      expect(listed.items.map((i) => i.id).sort()).toEqual(['c-1', 'c-10']);
      expect(listed.items.every((i) => i.channelId === 'webchat' && i.created instanceof Date)).toBe(true);
    });

    it('deletes one conversation only', async () => {
      const t = Date.UTC(2025, 0, 1, 10);
      await stores.transcripts.logActivity(activity('c-1', 'a', t));
      await stores.transcripts.logActivity(activity('c-10', 'b', t + 1));
      await stores.transcripts.deleteTranscript('webchat', 'c-1');
      expect(await allActivities(stores.transcripts, 'webchat', 'c-1')).toEqual([]);
      expect((await allActivities(stores.transcripts, 'webchat', 'c-10')).map((a) => a.id)).toEqual(['b']);
    });

    it('reads a conversation from a start date on', async () => {
      const t = Date.UTC(2025, 0, 1, 10);
      for (const [id, at] of [
        ['a', t],
        ['b', t + 1000],
        ['c', t + 2000],
      ] as const)
        await stores.transcripts.logActivity(activity('c-1', id, at));
      const page = await stores.transcripts.getTranscriptActivities('webchat', 'c-1', undefined, new Date(t + 1000));
      expect(page.items.map((a) => a.id)).toEqual(['b', 'c']);
    });

    it('deletes, by retention, only conversations started before the cutoff and quiet since', async () => {
      const day = 24 * 60 * 60 * 1000;
      const cutoff = new Date(Date.UTC(2025, 5, 1));
      const at = (days: number) => cutoff.getTime() + days * day;
      for (const [conversation, id, when, channel] of [
        ['old-quiet', 'a', at(-40), 'webchat'],
        ['old-quiet', 'b', at(-39), 'webchat'],
        ['old-but-active', 'c', at(-40), 'webchat'],
        ['old-but-active', 'd', at(2), 'webchat'],
        ['new', 'e', at(1), 'webchat'],
        ['old-quiet', 'f', at(-40), 'msteams'],
      ] as const)
        await stores.transcripts.logActivity(activity(conversation, id, when, channel));
      expect(await deleteQuietTranscripts(stores.transcripts, 'webchat', cutoff)).toEqual(['old-quiet']);
      expect((await listAllTranscripts(stores.transcripts, 'webchat')).map((t) => t.id).sort()).toEqual([
        'new',
        'old-but-active',
      ]);
      expect((await allActivities(stores.transcripts, 'webchat', 'old-but-active')).map((a) => a.id)).toEqual([
        'c',
        'd',
      ]);
      expect((await allActivities(stores.transcripts, 'msteams', 'old-quiet')).map((a) => a.id)).toEqual(['f']);
    });

    it('keeps non-ASCII text', async () => {
      await stores.transcripts.logActivity({ ...activity('c-1', 'a', Date.now()), text: 'café £5 😀 – “ok”' });
      expect((await allActivities(stores.transcripts, 'webchat', 'c-1'))[0]?.text).toBe('café £5 😀 – “ok”');
    });
  });

  describe('leases', () => {
    it('has one holder at a time, and a release lets the next one in at once', async () => {
      const first = await stores.leases.tryAcquire('webchat/c-1', 10_000);
      expect(first).toBeDefined();
      expect(await stores.leases.tryAcquire('webchat/c-1', 10_000)).toBeUndefined();
      expect(await stores.leases.tryAcquire('webchat/c-2', 10_000)).toBeDefined();
      await first?.release();
      expect(await stores.leases.tryAcquire('webchat/c-1', 10_000)).toBeDefined();
    });

    it('gives a contested lease to exactly one of many at once', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, () => stores.leases.tryAcquire('webchat/c-1', 10_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('lets an expired lease be taken over, and the old holder can then not release the new one', async () => {
      const old = await stores.leases.tryAcquire('webchat/c-1', 50);
      await sleep(120);
      const taken = await stores.leases.tryAcquire('webchat/c-1', 10_000);
      expect(taken).toBeDefined();
      await old?.release();
      expect(await stores.leases.tryAcquire('webchat/c-1', 10_000)).toBeUndefined();
    });
  });
});

// The Teams engineer's suite for ConversationReferenceStore, against each backend's durable store.
for (const backend of BACKENDS)
  referenceStoreContract(`${backend.name} references`, async () => {
    const stores = backend.open();
    opened.push(stores);
    return stores.references;
  });

// The built-in Direct Line's conversations, against each backend's durable store.
for (const backend of BACKENDS)
  conversationRecordsContract(`${backend.name} Direct Line conversations`, async () => {
    const stores = backend.open();
    opened.push(stores);
    return stores.directLine;
  });
