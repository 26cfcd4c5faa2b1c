/** Group commit: writes of one event-loop turn share a transaction, and each resolves only once it is committed. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { groupCommitOf } from '../storage/group-commit';
import { openSqliteDatabase } from '../storage/sqlite';

let dir: string;
let db: Database.Database;
let other: Database.Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
  db = openSqliteDatabase(join(dir, 'bot.sqlite'));
  db.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT)');
  // A second connection sees only what is committed, as another instance would.
  other = new Database(join(dir, 'bot.sqlite'));
});
afterEach(() => {
  other.close();
  if (db.open) db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (k: string) => () => db.prepare('INSERT INTO t (k, v) VALUES (?, ?)').run(k, 'x').changes;
/**
 * Why match messages, not toThrow: better-sqlite3's native part makes its errors with the SqliteError
 * class of the first test file that loaded it, which later files' `instanceof Error` does not see.
 */
const isUnique = /UNIQUE/;
const committed = () => (other.prepare('SELECT k FROM t ORDER BY k').all() as { k: string }[]).map((r) => r.k);

describe('group commit', () => {
  it('runs writes at once and commits them together before any of them resolves', async () => {
    const group = groupCommitOf(db);
    const writes = [group.run(insert('a')), group.run(insert('b'))];
    expect(db.inTransaction).toBe(true);
    expect(committed()).toEqual([]);
    expect(await Promise.all(writes)).toEqual([1, 1]);
    expect(committed()).toEqual(['a', 'b']);
    expect(db.inTransaction).toBe(false);
  });

  it('is one per connection, so stores sharing a connection never commit for each other', () => {
    expect(groupCommitOf(db)).toBe(groupCommitOf(db));
  });

  it('rejects a failing write alone; the others commit', async () => {
    const group = groupCommitOf(db);
    const ok = group.run(insert('a'));
    const failing = group.run(() => {
      throw new Error('stale');
    });
    const duplicate = group.run(insert('a'));
    await expect(failing).rejects.toThrow('stale');
    await expect(duplicate).rejects.toHaveProperty('message', expect.stringMatching(isUnique));
    await expect(ok).resolves.toBe(1);
    expect(committed()).toEqual(['a']);
  });

  it('undoes only the failed savepoint of a several-statement write', async () => {
    const group = groupCommitOf(db);
    const pair = db.transaction(() => {
      insert('b')();
      insert('a')();
    });
    const first = group.run(insert('a'));
    await expect(group.run(pair)).rejects.toHaveProperty('message', expect.stringMatching(isUnique));
    await first;
    expect(committed()).toEqual(['a']);
  });

  it('rejects every waiting write when an error rolled the whole group back', async () => {
    const group = groupCommitOf(db);
    const earlier = group.run(insert('a'));
    const fatal = group.run(() => {
      db.exec('ROLLBACK'); // what SQLite itself does on a full disk or an I/O error
      throw new Error('disk I/O error');
    });
    await expect(fatal).rejects.toThrow('disk I/O error');
    await expect(earlier).rejects.toThrow('disk I/O error');
    expect(committed()).toEqual([]);
  });

  it('commits what is pending when flushed (on close)', async () => {
    const group = groupCommitOf(db);
    const write = group.run(insert('a'));
    group.flush();
    expect(committed()).toEqual(['a']);
    await expect(write).resolves.toBe(1);
  });

  it('opens a new group for writes after a commit', async () => {
    const group = groupCommitOf(db);
    await group.run(insert('a'));
    await group.run(insert('b'));
    expect(committed()).toEqual(['a', 'b']);
  });
});
