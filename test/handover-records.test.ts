/**
 * What a handover stores: keys safe for every backend, the record shapes and their bounds, and the
 * conditional write that makes accept atomic, run against each real backend (SQLite, Azure Blob
 * through Azurite) and the memory stores: of agents accepting at once, exactly one wins.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryStorage } from 'botbuilder';
import { sanitizeBlobKey } from 'botbuilder-azure-blobs/lib/sanitizeBlobKey';
import fc from 'fast-check';
import type { Decision } from '../handover/machine';
import {
  addWait,
  changeQueue,
  decideAndStore,
  handoverKey,
  isStaleWrite,
  joinQueue,
  keySegment,
  leaveQueue,
  loadHandover,
  MAX_ATTEMPTS,
  MAX_QUEUE,
  MAX_WAITS,
  MemoryRecordStorage,
  QUEUE_KEY,
  ratingKey,
  readQueue,
  readThreadIndex,
  readWaits,
  recordWait,
  threadKey,
  ticketKey,
  ticketRecord,
  WAITS_KEY,
  updateRecord,
  type CreateLock,
  type QueueEntry,
  type RecordStorage,
} from '../handover/records';
import { openBlobStores } from '../storage/blob';
import { StaleWriteError } from '../storage/errors';
import { guardETags } from '../storage/etag-guard';
import { MemoryLeaseStore, MemoryStateStorage } from '../storage/memory';
import { openSqliteStores } from '../storage/sqlite';
import type { Stores } from '../storage/types';
import { startAzurite, type Azurite } from './helpers/azurite';
import { agent, at, bot, customer, JANE, SETTINGS, summary, T0, waiting } from './helpers/handover-fixtures';

/** A Teams channel thread id and a personal chat id: long, with ':' ';' '@' '/' '.'. */
const TEAMS_THREAD = '19:4a1f0c7e9b2d4f8a8c3e5b6d7f9a0b1c@thread.tacv2;messageid=1700000000000';
const TEAMS_PERSONAL = `a:1${'XyZq0Lm-_AbC'.repeat(40)}`;

describe('keys', () => {
  it.each([
    ['plain ids as they are', 'conv-1_A', 'conv-1_A'],
    ['Teams punctuation escaped', '19:ab@thread.tacv2;messageid=1', '19%3Aab%40thread%2Etacv2%3Bmessageid%3D1'],
    ['"/" never splits a key', 'a/b', 'a%2Fb'],
    ['a trailing dot escaped (Blob names must not end in one)', 'x.', 'x%2E'],
    ['the empty id', '', '%'],
    ['non-ASCII as UTF-8', 'ü', '%C3%BC'],
  ])('%s', (_name, id, segment) => {
    expect(keySegment(id)).toBe(segment);
  });

  it('hashes an id too long to keep, so long ids sharing a prefix stay apart', () => {
    const a = keySegment(`${TEAMS_PERSONAL}-a`);
    const b = keySegment(`${TEAMS_PERSONAL}-b`);
    expect(a).toMatch(/^#[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });

  it('distinct ids give distinct segments, made only of safe characters', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        fc.string({ unit: 'grapheme', maxLength: 200 }),
        (x, y) => {
          expect(keySegment(x)).toMatch(/^[A-Za-z0-9_%#-]+$/);
          if (x !== y) expect(keySegment(x)).not.toBe(keySegment(y));
        },
      ),
      { seed: 4242, numRuns: 500 },
    );
    expect(keySegment('#abc')).not.toBe(keySegment('%')); // '#' and '%' of ids are always escaped
  });

  it('every key stays within Blob Storage limits however long the ids (BlobsStorage cuts at 1024)', () => {
    const worst = '%:'.repeat(2000);
    const keys = [
      handoverKey(worst, worst),
      threadKey(worst),
      ticketKey(worst),
      ratingKey(worst, worst, worst),
      handoverKey('msteams', TEAMS_PERSONAL),
    ];
    for (const key of keys) expect(sanitizeBlobKey(key).length).toBeLessThanOrEqual(1024);
    // The longest key that is kept as it is, encoded again by BlobsStorage, still fits.
    const longestKept = 'é'.repeat(21); // 126 encoded characters, 2/3 of them after '%'
    expect(sanitizeBlobKey(ratingKey(longestKept, longestKept, longestKept)).length).toBeLessThanOrEqual(1024);
  });

  it('kinds of record never share a key', () => {
    const keys = [handoverKey('a', 'b'), threadKey('a/b'), ticketKey('a'), ratingKey('a', 'b', 'c'), QUEUE_KEY];
    expect(new Set(keys).size).toBe(keys.length);
    expect(handoverKey('a', 'b/c')).not.toBe(handoverKey('a/b', 'c'));
  });
});

describe('records', () => {
  const entry = (id: string, minutes: number): QueueEntry => ({
    handoverId: id,
    channelId: 'directline',
    conversationId: `c-${id}`,
    since: at(minutes).toISOString(),
  });

  it('the queue is ordered by first request, holds a handover once, and is bounded', () => {
    let queue = readQueue(undefined);
    queue = joinQueue(queue, entry('b', 2));
    queue = joinQueue(queue, entry('a', 1));
    expect(joinQueue(queue, entry('a', 5))).toBe(queue);
    expect(queue.waiting.map((e) => e.handoverId)).toEqual(['a', 'b']);
    expect(leaveQueue(queue, entry('a', 1)).waiting.map((e) => e.handoverId)).toEqual(['b']);
    expect(leaveQueue(queue, entry('zz', 1))).toBe(queue);
    // Handover ids are unique per conversation only: the same id in another conversation is another entry.
    const twin = { ...entry('a', 3), conversationId: 'other' };
    expect(joinQueue(queue, twin).waiting).toHaveLength(3);
    expect(leaveQueue(joinQueue(queue, twin), twin).waiting.map((e) => e.conversationId)).toEqual(['c-a', 'c-b']);
    let full = readQueue(undefined);
    for (let i = 0; i <= MAX_QUEUE; i++) full = joinQueue(full, entry(`h${i}`, i));
    expect(full.waiting).toHaveLength(MAX_QUEUE);
    expect(full.waiting[0]!.handoverId).toBe('h1');
  });

  it('keeps the last MAX_WAITS waits', () => {
    let waits = readWaits(undefined);
    for (let i = 0; i < MAX_WAITS + 5; i++) waits = addWait(waits, i * 1000);
    expect(waits.waitsMs).toHaveLength(MAX_WAITS);
    expect(waits.waitsMs[0]).toBe(5000);
  });

  it.each([
    ['nothing', undefined],
    ['another version', { version: 2, waiting: [], waitsMs: [] }],
    ['entries of the wrong shape', { version: 1, waiting: [{ handoverId: 1 }], waitsMs: ['x'] }],
    ['negative waits', { version: 1, waiting: [], waitsMs: [-1] }],
  ])('junk read back (%s) is empty, never trusted', (_name, value) => {
    expect(readQueue(value).waiting).toEqual([]);
    expect(readWaits(value).waitsMs).toEqual([]);
    expect(readThreadIndex(value)).toBeUndefined();
  });

  it('a thread index record reads back without extra fields', () => {
    const stored = { version: 1, channelId: 'webchat', conversationId: 'c1', handoverId: 'h1', eTag: '3' };
    expect(readThreadIndex(stored)).toEqual({
      version: 1,
      channelId: 'webchat',
      conversationId: 'c1',
      handoverId: 'h1',
    });
  });

  it('a ticket holds the message, the contact, the reason and the transcript reference', () => {
    const draft = { reason: 'asked' as const, message: 'No mail', contact: 'call me', createdAt: T0.toISOString() };
    expect(ticketRecord('t1', draft, { channelId: 'directline', conversationId: 'c1' })).toEqual({
      version: 1,
      id: 't1',
      ...draft,
      transcript: { channelId: 'directline', conversationId: 'c1' },
    });
  });
});

describe('conditional writes', () => {
  it('knows each backend’s way of refusing a stale write', async () => {
    const storage = new MemoryStorage();
    await storage.write({ k: { v: 1 } });
    const refused = await storage.write({ k: { v: 2, eTag: 'not-it' } }).catch((err: unknown) => err);
    expect(isStaleWrite(refused)).toBe(true);
    expect(isStaleWrite(new StaleWriteError('k'))).toBe(true);
    expect(isStaleWrite(new Error('disk full'))).toBe(false);
    expect(isStaleWrite('eTag conflict')).toBe(false);
  });

  it('gives up after MAX_ATTEMPTS lost races, with the stale write error', async () => {
    let reads = 0;
    const storage: RecordStorage = {
      read: async () => ((reads += 1), { k: { n: reads, eTag: `e${reads}` } }),
      write: async () => Promise.reject(new StaleWriteError('k')),
      delete: async () => undefined,
    };
    const bump = (n: number) => n + 1;
    await expect(
      updateRecord(
        storage,
        'k',
        (item) => Number(item?.n),
        bump,
        (n) => ({ n }),
      ),
    ).rejects.toThrow(StaleWriteError);
    expect(reads).toBe(MAX_ATTEMPTS);
  });

  it('writes nothing when the decision changes nothing', async () => {
    const storage = new MemoryRecordStorage();
    let writes = 0;
    const counting: RecordStorage = {
      read: (keys) => storage.read(keys),
      write: async (changes) => ((writes += 1), storage.write(changes)),
      delete: (keys) => storage.delete(keys),
    };
    const decision = await decideAndStore(
      counting,
      handoverKey('webchat', 'c1'),
      customer('what is the smtp port'),
      T0,
      SETTINGS,
    );
    expect(summary(decision.effects)).toEqual(['botAnswers']);
    expect(writes).toBe(0);
  });
});

/** A storage whose first `readers` reads all return before any of them goes on: every writer read the same eTag. */
function sameMoment(storage: RecordStorage, readers: number): RecordStorage {
  const held: (() => void)[] = [];
  let open = false;
  return {
    async read(keys) {
      const items = await storage.read(keys);
      if (!open)
        await new Promise<void>((resolve) => {
          held.push(resolve);
          if (held.length < readers) return;
          open = true;
          held.forEach((release) => release());
        });
      return items;
    },
    write: (changes) => storage.write(changes),
    delete: (keys) => storage.delete(keys),
  };
}

let azurite: Azurite | undefined;
const folders: string[] = [];
const opened: Stores[] = [];

afterAll(async () => {
  for (const stores of opened) await stores.close();
  await azurite?.stop();
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

interface Backend {
  name: string;
  open(): Promise<{ storage: RecordStorage; lock: CreateLock }>;
}

function remember(stores: Stores): { storage: RecordStorage; lock: CreateLock } {
  opened.push(stores);
  return { storage: stores.storage, lock: stores.leases };
}

let containers = 0;
const BACKENDS: Backend[] = [
  {
    name: 'MemoryRecordStorage',
    open: async () => ({ storage: new MemoryRecordStorage(), lock: new MemoryLeaseStore() }),
  },
  // Why also these: botbuilder's Storage and the LeaseStore must fit as they are (this compiles only if they do).
  {
    name: 'memory state storage, eTag-guarded',
    open: async () => ({ storage: guardETags(new MemoryStateStorage()), lock: new MemoryLeaseStore() }),
  },
  {
    name: 'SQLite',
    open: async () => {
      const dir = mkdtempSync(join(tmpdir(), 'handover-records-'));
      folders.push(dir);
      return remember(openSqliteStores(join(dir, 'data')));
    },
  },
  {
    name: 'Azure Blob (Azurite)',
    open: async () => {
      azurite ??= await startAzurite();
      containers += 1;
      const stores = openBlobStores({
        connectionString: azurite.connectionString,
        stateContainer: `handover-${containers}`,
        transcriptContainer: `handover-transcripts-${containers}`,
      });
      return remember(stores);
    },
  },
];

describe.each(BACKENDS)('on $name', ({ open }) => {
  const key = handoverKey('msteams', TEAMS_PERSONAL);

  async function seedWaiting(storage: RecordStorage): Promise<void> {
    // Why a plain write: a handover record is created by its customer's turn, one at a time.
    await storage.write({ [key]: { handover: waiting() } });
  }

  it('a handover written reads back', async () => {
    const { storage } = await open();
    await seedWaiting(storage);
    expect(await loadHandover(storage, key)).toEqual(waiting());
    expect(await loadHandover(storage, handoverKey('msteams', 'nobody'))).toEqual(bot());
  }, 30_000);

  it('of two agents accepting at once, exactly one wins; the other is told who', async () => {
    const { storage } = await open();
    await seedWaiting(storage);
    const both = sameMoment(storage, 2);
    const bob = { id: 'aad-bob', name: 'Bob Jones' };
    const decisions = await Promise.all([
      decideAndStore(both, key, agent({ type: 'accept' }, JANE), at(4), SETTINGS),
      decideAndStore(both, key, agent({ type: 'accept' }, bob), at(4), SETTINGS),
    ]);
    const winners = decisions.filter((d) => summary(d.effects).includes('leaveQueue'));
    const losers = decisions.filter((d) =>
      summary(d.effects).some((line) => line.startsWith('tell: Already accepted by')),
    );
    expect([winners.length, losers.length]).toEqual([1, 1]);
    const stored = await loadHandover(storage, key);
    expect(stored).toMatchObject({ phase: 'connected', agent: (winners[0]!.state as { agent: unknown }).agent });
    expect(summary(losers[0]!.effects)).toContain(
      `tell: Already accepted by ${(stored as { agent: { name: string } }).agent.name}.`,
    );
  }, 30_000);

  it('of five agents accepting at once, exactly one wins', async () => {
    const { storage } = await open();
    await seedWaiting(storage);
    const all = sameMoment(storage, 5);
    const agents = Array.from({ length: 5 }, (_, i) => ({ id: `aad-${i}`, name: `Agent ${i}` }));
    const decisions: Decision[] = await Promise.all(
      agents.map((a) => decideAndStore(all, key, agent({ type: 'accept' }, a), at(4), SETTINGS)),
    );
    const connectedTo = new Set(
      decisions.filter((d) => d.state.phase === 'connected').map((d) => JSON.stringify(d.state)),
    );
    expect(decisions.filter((d) => summary(d.effects).includes('leaveQueue'))).toHaveLength(1);
    expect(connectedTo.size).toBe(1);
  }, 30_000);

  it('long Teams ids sharing a long prefix are different records', async () => {
    const { storage } = await open();
    const [a, b] = [handoverKey('msteams', `${TEAMS_PERSONAL}-a`), handoverKey('msteams', `${TEAMS_PERSONAL}-b`)];
    await storage.write({ [a]: { handover: waiting() } });
    await storage.write({ [b]: { handover: bot(1, 0) } });
    expect((await loadHandover(storage, a)).phase).toBe('waiting');
    expect((await loadHandover(storage, b)).phase).toBe('bot');
    await storage.write({
      [threadKey(TEAMS_THREAD)]: { version: 1, channelId: 'msteams', conversationId: 'c', handoverId: 'h' },
    });
    expect(readThreadIndex((await storage.read([threadKey(TEAMS_THREAD)]))[threadKey(TEAMS_THREAD)])).toMatchObject({
      handoverId: 'h',
    });
  }, 30_000);

  it('queue changes from several instances at once all land, the first ones too (created under the lock)', async () => {
    const { storage, lock } = await open();
    const joins = Array.from({ length: 4 }, (_, i) =>
      changeQueue(storage, lock, (q) =>
        joinQueue(q, {
          handoverId: `h${i}`,
          channelId: 'webchat',
          conversationId: `c${i}`,
          since: at(i).toISOString(),
        }),
      ),
    );
    await Promise.all(joins);
    await Promise.all([recordWait(storage, lock, 61_000), recordWait(storage, lock, 62_000)]);
    const stored = await storage.read([QUEUE_KEY, WAITS_KEY]);
    expect(readQueue(stored[QUEUE_KEY]).waiting.map((e) => e.handoverId)).toEqual(['h0', 'h1', 'h2', 'h3']);
    expect(readWaits(stored[WAITS_KEY]).waitsMs.sort()).toEqual([61_000, 62_000]);
  }, 30_000);
});
