/** The embedded default: every record in one SQLite file (WAL mode) under the data directory. */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { Activity, ConversationReference, PagedResult, Storage, StoreItems, TranscriptInfo } from 'botbuilder';
import type { ConversationReferenceStore, StoredReference } from '../bots/references';
import { INSIGHTS_SCHEMA, SqliteInsightsStore } from '../insights/sqlite';
import { StaleWriteError } from './errors';
import { groupCommitOf, type GroupCommit } from './group-commit';
import { expectedETag, parseActivity, serialiseActivity, serialiseItem, timestampOf } from './items';
import { DIRECTLINE_SCHEMA, SqliteConversationRecords } from './sqlite-directline';
import type { BatchTranscriptStore, Lease, LeaseStore, Stores } from './types';

/** The database file's name inside DATA_DIR. */
export const SQLITE_FILE = 'bot.sqlite';

/** Bumped when the tables change; a file from a newer version is refused rather than misread. */
export const SQLITE_SCHEMA_VERSION = 1;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS state (
  key TEXT PRIMARY KEY, etag TEXT NOT NULL, value TEXT NOT NULL, updated_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS transcript (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  channel_id TEXT NOT NULL, conversation_id TEXT NOT NULL, at INTEGER NOT NULL, activity TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS transcript_by_conversation ON transcript (channel_id, conversation_id, at, seq);
CREATE TABLE IF NOT EXISTS lease (
  key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reference (
  key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL
) WITHOUT ROWID;
`;

/** WAL pages after which a write checkpoints on the event loop: only if the checkpoint worker falls behind. */
const FALLBACK_AUTOCHECKPOINT_PAGES = 20_000;

/** How long opening waits for other processes on the same file: each statement, and the whole open. */
export interface OpenTimeouts {
  busyMs: number;
  openMs: number;
}

const OPEN_TIMEOUTS: OpenTimeouts = { busyMs: 5000, openMs: 15_000 };

/**
 * Opens (creating folder, file and tables on first start) the database at `file`. Why tried again while
 * busy: two processes starting on one new file (a restart overlapping a shutdown, two instances) can find
 * it locked past one statement's wait, or at once while the other converts it to WAL.
 */
export function openSqliteDatabase(file: string, timeouts: OpenTimeouts = OPEN_TIMEOUTS): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const deadline = Date.now() + timeouts.openMs;
  for (;;) {
    try {
      return openOnce(file, timeouts.busyMs);
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}

function isBusy(err: unknown): boolean {
  return String((err as { code?: unknown } | undefined)?.code ?? '').startsWith('SQLITE_BUSY');
}

function openOnce(file: string, busyMs: number): Database.Database {
  const db = new Database(file, { timeout: busyMs });
  try {
    configure(db);
    migrate(db, file);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  // Why NORMAL: in WAL mode a commit survives a process crash (SIGKILL) without an fsync per write,
  // which would block the event loop; only a power cut can lose the last transactions.
  db.pragma('synchronous = NORMAL');
  // Why: checkpoints (the only fsyncs) run in a worker thread, see startCheckpointer.
  db.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  db.pragma('journal_size_limit = 67108864');
}

function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SQLITE_SCHEMA_VERSION)
    throw new Error(
      `${file} was written by a newer version of the bot (schema ${version}, this one knows ${SQLITE_SCHEMA_VERSION}); ` +
        'run the newer version, or point DATA_DIR at another folder',
    );
  db.exec(SCHEMA);
  db.exec(DIRECTLINE_SCHEMA);
  db.exec(INSIGHTS_SCHEMA);
  db.pragma(`user_version = ${SQLITE_SCHEMA_VERSION}`);
}

/** botbuilder Storage in the `state` table; a write with an eTag is an UPDATE ... WHERE etag matches. */
export class SqliteStateStorage implements Storage {
  private readonly select;
  private readonly update;
  private readonly upsert;
  private readonly remove;
  private readonly writeAll;
  private readonly commits: GroupCommit;

  constructor(db: Database.Database) {
    this.commits = groupCommitOf(db);
    this.select = db.prepare<[string], { etag: string; value: string }>('SELECT etag, value FROM state WHERE key = ?');
    this.update = db.prepare(
      'UPDATE state SET etag = @etag, value = @value, updated_at = @now WHERE key = @key AND etag = @expected',
    );
    this.upsert = db.prepare(
      `INSERT INTO state (key, etag, value, updated_at) VALUES (@key, @etag, @value, @now)
       ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, value = excluded.value, updated_at = excluded.updated_at`,
    );
    const remove = db.prepare('DELETE FROM state WHERE key = ?');
    this.remove = db.transaction((keys: string[]) => keys.forEach((key) => remove.run(key)));
    // Why a transaction (a savepoint inside the group): several items are written all or nothing, as the eTag check promises.
    this.writeAll = db.transaction((changes: StoreItems) => {
      for (const [key, item] of Object.entries(changes)) this.writeOne(key, item);
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const row = this.select.get(key);
      if (row) found[key] = { ...JSON.parse(row.value), eTag: row.etag };
    }
    return found;
  }

  write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    // One statement is atomic on its own; a savepoint around it would only add two statements.
    return this.commits.run(() => (entries.length === 1 ? this.writeOne(...entries[0]!) : this.writeAll(changes)));
  }

  delete(keys: string[]): Promise<void> {
    return this.commits.run(() => this.remove(keys));
  }

  private writeOne(key: string, item: StoreItems[string]): void {
    const row = { key, etag: randomUUID(), value: serialiseItem(item), now: Date.now() };
    const expected = expectedETag(item);
    if (expected === undefined) this.upsert.run(row);
    else if (this.update.run({ ...row, expected }).changes === 0) throw new StaleWriteError(key);
  }
}

interface TranscriptRow {
  seq: number;
  at: number;
  activity: string;
}

/** A TranscriptStore in the `transcript` table, ordered by timestamp then arrival; tokens are "at:seq". */
export class SqliteTranscriptStore implements BatchTranscriptStore {
  private readonly insert;
  private readonly insertAll;
  private readonly page;
  private readonly conversations;
  private readonly remove;
  private readonly commits: GroupCommit;

  constructor(
    db: Database.Database,
    private readonly pageSize = 100,
  ) {
    this.commits = groupCommitOf(db);
    this.insert = db.prepare(
      'INSERT INTO transcript (channel_id, conversation_id, at, activity) VALUES (@channel, @conversation, @at, @json)',
    );
    this.page = db.prepare<unknown[], TranscriptRow>(
      `SELECT seq, at, activity FROM transcript
       WHERE channel_id = @channel AND conversation_id = @conversation AND at >= @since
         AND (at > @afterAt OR (at = @afterAt AND seq > @afterSeq))
       ORDER BY at, seq LIMIT @limit`,
    );
    this.conversations = db.prepare<unknown[], { id: string; created: number }>(
      `SELECT conversation_id AS id, MIN(at) AS created FROM transcript
       WHERE channel_id = @channel AND conversation_id > @after
       GROUP BY conversation_id ORDER BY conversation_id LIMIT @limit`,
    );
    this.remove = db.prepare('DELETE FROM transcript WHERE channel_id = ? AND conversation_id = ?');
    this.insertAll = db.transaction((activities: Activity[]) => {
      for (const activity of activities)
        this.insert.run({
          channel: activity.channelId,
          conversation: activity.conversation.id,
          at: timestampOf(activity),
          json: serialiseActivity(activity),
        });
    });
  }

  logActivity(activity: Activity): Promise<void> {
    return this.logActivities([activity]);
  }

  /** The whole turn at once (a savepoint in the group commit): a commit per activity would cost more than the insert. */
  logActivities(activities: Activity[]): Promise<void> {
    return this.commits.run(() => this.insertAll(activities));
  }

  async getTranscriptActivities(
    channelId: string,
    conversationId: string,
    continuationToken?: string,
    startDate?: Date,
  ): Promise<PagedResult<Activity>> {
    const [afterAt, afterSeq] = (continuationToken || '-1:-1').split(':').map(Number);
    const rows = this.page.all({
      channel: channelId,
      conversation: conversationId,
      since: startDate?.getTime() ?? -1,
      afterAt: afterAt ?? -1,
      afterSeq: afterSeq ?? -1,
      limit: this.pageSize + 1,
    });
    const items = rows.slice(0, this.pageSize);
    const last = items.at(-1);
    const more = rows.length > this.pageSize && last !== undefined;
    return {
      items: items.map((r) => parseActivity(r.activity)),
      continuationToken: more ? `${last.at}:${last.seq}` : '',
    };
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const rows = this.conversations.all({
      channel: channelId,
      after: continuationToken ?? '',
      limit: this.pageSize + 1,
    });
    const items = rows.slice(0, this.pageSize).map((r) => ({ channelId, id: r.id, created: new Date(r.created) }));
    return { items, continuationToken: rows.length > this.pageSize ? (items.at(-1)?.id ?? '') : '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    await this.commits.run(() => this.remove.run(channelId, conversationId));
  }
}

/** Leases in the `lease` table: one upsert that only takes over an expired row, atomic across processes. */
export class SqliteLeaseStore implements LeaseStore {
  private readonly take;
  private readonly drop;
  private readonly commits: GroupCommit;

  constructor(
    db: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.commits = groupCommitOf(db);
    this.take = db.prepare(
      `INSERT INTO lease (key, owner, expires_at) VALUES (@key, @owner, @expiresAt)
       ON CONFLICT (key) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
       WHERE lease.expires_at <= @now`,
    );
    this.drop = db.prepare('DELETE FROM lease WHERE key = ? AND owner = ?');
  }

  async tryAcquire(key: string, ttlMs: number): Promise<Lease | undefined> {
    const owner = randomUUID();
    const now = this.now();
    const taken = await this.commits.run(() => this.take.run({ key, owner, expiresAt: now + ttlMs, now }).changes);
    if (taken === 0) return undefined;
    return { release: async () => void (await this.commits.run(() => this.drop.run(key, owner))) };
  }
}

/** Teams conversation references in the `reference` table. */
export class SqliteReferenceStore implements ConversationReferenceStore {
  private readonly select;
  private readonly upsert;
  private readonly all;
  private readonly commits: GroupCommit;

  constructor(db: Database.Database) {
    this.commits = groupCommitOf(db);
    this.select = db.prepare<[string], { value: string }>('SELECT value FROM reference WHERE key = ?');
    this.upsert = db.prepare(
      `INSERT INTO reference (key, value, updated_at) VALUES (@key, @value, @now)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    this.all = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM reference ORDER BY key');
  }

  async get(key: string): Promise<Partial<ConversationReference> | undefined> {
    const row = this.select.get(key);
    return row && JSON.parse(row.value);
  }

  async put(key: string, reference: Partial<ConversationReference>): Promise<void> {
    await this.commits.run(() => this.upsert.run({ key, value: JSON.stringify(reference), now: Date.now() }));
  }

  async list(): Promise<StoredReference[]> {
    return this.all.all().map((row) => ({ key: row.key, reference: JSON.parse(row.value) }));
  }
}

/** Source of the checkpoint worker: its own connection, a PASSIVE checkpoint every `intervalMs`. */
const CHECKPOINTER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const checkpoint = () => { try { db.pragma('wal_checkpoint(PASSIVE)'); } catch {} };
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.once('message', () => { clearInterval(timer); checkpoint(); db.close(); parentPort.close(); });
`;

/**
 * Checkpoints the WAL from a worker thread. Why: a checkpoint copies the WAL into the database
 * and fsyncs, which took up to several ms on the event loop, every few hundred turns.
 */
export function startCheckpointer(file: string, intervalMs = 500): () => Promise<void> {
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: { file, intervalMs, module: require.resolve('better-sqlite3') },
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let stopped: Promise<void> | undefined;
  return () => {
    if (!stopped) worker.postMessage('stop');
    stopped ??= exited;
    return stopped;
  };
}

/** Every store in `dataDir/bot.sqlite`, created on first start. */
export function openSqliteStores(dataDir: string): Stores {
  const file = join(dataDir, SQLITE_FILE);
  const db = openSqliteDatabase(file);
  const stopCheckpointer = startCheckpointer(file);
  return {
    kind: 'sqlite',
    storage: new SqliteStateStorage(db),
    transcripts: new SqliteTranscriptStore(db),
    leases: new SqliteLeaseStore(db),
    references: new SqliteReferenceStore(db),
    directLine: new SqliteConversationRecords(db),
    insights: new SqliteInsightsStore(db),
    location: file,
    close: async () => {
      groupCommitOf(db).flush();
      await stopCheckpointer();
      if (db.open) db.close();
    },
  };
}
