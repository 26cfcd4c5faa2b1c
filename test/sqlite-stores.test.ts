/** What only the embedded SQLite backend promises: a file created on first start, WAL mode, kept across reopening. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
