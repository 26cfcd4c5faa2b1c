/** What only the embedded SQLite backend promises: a file created on first start, WAL mode, kept across reopening. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openSqliteDatabase, openSqliteStores, SQLITE_FILE, SQLITE_SCHEMA_VERSION } from '../storage/sqlite';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'bot-sqlite-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('SQLite stores', () => {
  it('creates the data folder and its file on first start, in WAL mode', async () => {
    const dataDir = join(root, 'nested', 'data');
    const stores = openSqliteStores(dataDir);
    expect(stores.location).toBe(join(dataDir, SQLITE_FILE));
    expect(existsSync(stores.location)).toBe(true);
    await stores.close();
    const db = new Database(join(dataDir, SQLITE_FILE), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(SQLITE_SCHEMA_VERSION);
    db.close();
  });

  it('keeps state and transcripts when reopened', async () => {
    const first = openSqliteStores(root);
    await first.storage.write({ 'webchat/conversations/c1': { step: 3 } });
    await first.transcripts.logActivity({
      type: 'message',
      id: 'm1',
      text: 'hello',
      channelId: 'webchat',
      timestamp: new Date(),
      conversation: { id: 'c1' },
      from: { id: 'u' },
      recipient: { id: 'b' },
    } as never);
    await first.close();
    const second = openSqliteStores(root);
    expect((await second.storage.read(['webchat/conversations/c1']))['webchat/conversations/c1']?.step).toBe(3);
    expect((await second.transcripts.getTranscriptActivities('webchat', 'c1')).items.map((a) => a.text)).toEqual([
      'hello',
    ]);
    await second.close();
  });

  it('refuses a file written by a newer version, saying what to do', () => {
    const file = join(root, SQLITE_FILE);
    const db = new Database(file);
    db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openSqliteDatabase(file)).toThrow(/newer version of the bot.*point DATA_DIR at another folder/);
  });
});

/** Another process's lock on `file`, held for `ms` once it resolves (a worker thread: its own connection). */
function lockFor(file: string, ms: number): Promise<Worker> {
  const code = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const { workerData, parentPort } = require('node:worker_threads');
    const db = new Database(workerData.file);
    db.exec('BEGIN EXCLUSIVE; CREATE TABLE IF NOT EXISTS held (x)');
    parentPort.postMessage('locked');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, workerData.ms);`;
  const worker = new Worker(code, { eval: true, workerData: { file, ms } });
  return new Promise((resolve) => worker.once('message', () => resolve(worker)));
}

describe('opening a file another process holds', () => {
  it("waits and tries again past one statement's busy wait, until the lock goes", async () => {
    const file = join(root, SQLITE_FILE);
    const worker = await lockFor(file, 300);
    const db = openSqliteDatabase(file, { busyMs: 20, openMs: 10_000 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    await worker.terminate();
  });

  it("gives up with SQLite's busy error once the whole wait is spent", async () => {
    const file = join(root, SQLITE_FILE);
    const worker = await lockFor(file, 2000);
    expect(() => openSqliteDatabase(file, { busyMs: 20, openMs: 100 })).toThrow(/locked/);
    await worker.terminate();
  });
});
