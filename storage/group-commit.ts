/**
 * Group commit for the SQLite stores. A turn writes four times (lease, state, transcript, lease
 * release), and each commit costs more than its statement. Writes made in the same turn of the
 * event loop, by any conversation, run at once inside one IMMEDIATE transaction that commits
 * on the next `setImmediate`; each write's promise settles only after that commit, so whoever
 * awaits a write (the turn, before its HTTP response) still knows it is on disk.
 */
import type Database from 'better-sqlite3';

interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

const groups = new WeakMap<Database.Database, GroupCommit>();

/** The one group commit of `db`: every store on a connection must share it, or one would commit another's writes. */
export function groupCommitOf(db: Database.Database): GroupCommit {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = new GroupCommit(db)));
  return group;
}

/** Runs writes in a shared transaction and resolves them when it commits. */
export class GroupCommit {
  private waiting: Waiter[] = [];

  constructor(private readonly db: Database.Database) {}

  /**
   * Runs `write` now inside the open group (opening one if needed). A write of several statements
   * must be a `db.transaction` function: inside the group it runs as a savepoint, so its failure
   * undoes only itself. Resolves with its result once the group has committed.
   */
  run<T>(write: () => T): Promise<T> {
    let result: T;
    try {
      if (!this.db.inTransaction) this.begin();
      result = write();
    } catch (error) {
      // Some errors (a full disk, I/O) make SQLite roll the whole group back: its other writes are lost too.
      if (!this.db.inTransaction) this.settle(error);
      return Promise.reject(error);
    }
    return new Promise<T>((resolve, reject) => this.waiting.push({ resolve: () => resolve(result), reject }));
  }

  /** Commits the open group now (on close, and on the next setImmediate). */
  flush(): void {
    if (!this.db.open || !this.db.inTransaction) return this.settle(new Error('the database closed before a commit'));
    try {
      this.db.exec('COMMIT');
    } catch (error) {
      this.rollBack();
      return this.settle(error);
    }
    this.settle();
  }

  /** Resolves every waiting write, or rejects them all with `error`. */
  private settle(error?: unknown): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const w of waiting)
      if (error === undefined) w.resolve();
      else w.reject(error);
  }

  private begin(): void {
    // Why IMMEDIATE: the write lock is taken up front, so another process's commit cannot make
    // this group's later writes fail with SQLITE_BUSY half-way.
    this.db.exec('BEGIN IMMEDIATE');
    setImmediate(() => this.flush());
  }

  private rollBack(): void {
    try {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
    } catch {
      // The connection already rolled back (SQLite does on some errors); nothing is left open.
    }
  }
}
