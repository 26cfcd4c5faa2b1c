/** The built-in Direct Line's conversations in two tables of bot.sqlite, written through the group commit. */
import type Database from 'better-sqlite3';
import type { Activity } from '../directline/activity';
import {
  CONVERSATION_RECORD_VERSION,
  type ConversationRecord,
  type ConversationRecords,
  type ExpiryCutoffs,
  type LoadedConversation,
  type RecordedActivity,
} from '../directline/records';
import { groupCommitOf, type GroupCommit } from './group-commit';

/**
 * Why new tables leave the schema version alone: an older bot opening the file ignores them (it keeps no
 * Direct Line conversations), and nothing it reads changed.
 * Why the activities are not WITHOUT ROWID: an activity may be tens of KB, too large for that layout.
 */
export const DIRECTLINE_SCHEMA = `
CREATE TABLE IF NOT EXISTS directline_conversation (
  id TEXT PRIMARY KEY, user TEXT NOT NULL, client TEXT NOT NULL, engaged INTEGER NOT NULL,
  last_active INTEGER NOT NULL, last_seen INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS directline_conversation_by_last_active ON directline_conversation (last_active);
CREATE TABLE IF NOT EXISTS directline_activity (
  conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, activity TEXT NOT NULL, PRIMARY KEY (conversation_id, seq)
);
`;

interface ConversationRow {
  id: string;
  user: string;
  client: string;
  engaged: number;
  last_active: number;
  last_seen: number;
}

/** Conversations in `directline_conversation`, their activities in `directline_activity`, by conversation and number. */
export class SqliteConversationRecords implements ConversationRecords {
  private readonly commits: GroupCommit;
  private readonly upsert;
  private readonly select;
  private readonly insert;
  private readonly trimTo;
  private readonly activities;
  private readonly removeAll;
  private readonly expiredIds;

  constructor(db: Database.Database) {
    this.commits = groupCommitOf(db);
    this.upsert = db.prepare(
      `INSERT INTO directline_conversation (id, user, client, engaged, last_active, last_seen)
       VALUES (@id, @user, @client, @engaged, @lastActive, @lastSeen)
       ON CONFLICT (id) DO UPDATE SET user = excluded.user, client = excluded.client, engaged = excluded.engaged,
         last_active = excluded.last_active, last_seen = excluded.last_seen`,
    );
    this.select = db.prepare<[string], ConversationRow>('SELECT * FROM directline_conversation WHERE id = ?');
    this.insert = db.prepare(
      'INSERT OR REPLACE INTO directline_activity (conversation_id, seq, activity) VALUES (?, ?, ?)',
    );
    this.trimTo = db.prepare('DELETE FROM directline_activity WHERE conversation_id = ? AND seq <= ?');
    this.activities = db.prepare<[string], { seq: number; activity: string }>(
      'SELECT seq, activity FROM directline_activity WHERE conversation_id = ? ORDER BY seq',
    );
    const dropActivities = db.prepare('DELETE FROM directline_activity WHERE conversation_id = ?');
    const dropConversation = db.prepare('DELETE FROM directline_conversation WHERE id = ?');
    this.removeAll = db.transaction((id: string) => {
      dropActivities.run(id);
      dropConversation.run(id);
    });
    this.expiredIds = db.prepare<[ExpiryCutoffs], { id: string }>(
      `SELECT id FROM directline_conversation
       WHERE (engaged = 1 AND last_active < @engagedBefore) OR (engaged = 0 AND last_active < @unusedBefore)`,
    );
  }

  async save(record: ConversationRecord): Promise<void> {
    const { id, user, client, lastActive, lastSeen } = record;
    const row = { id, user, client, engaged: record.engaged ? 1 : 0, lastActive, lastSeen };
    await this.commits.run(() => this.upsert.run(row));
  }

  async read(id: string): Promise<ConversationRecord | undefined> {
    const row = this.select.get(id);
    return row && recordOf(row);
  }

  async append(id: string, entry: RecordedActivity): Promise<void> {
    await this.commits.run(() => this.insert.run(id, entry.seq, JSON.stringify(entry.activity)));
  }

  async trim(id: string, throughSeq: number): Promise<void> {
    await this.commits.run(() => this.trimTo.run(id, throughSeq));
  }

  async load(id: string): Promise<LoadedConversation | undefined> {
    const row = this.select.get(id);
    if (!row) return undefined;
    const activities = this.activities
      .all(id)
      .map((r) => ({ seq: r.seq, activity: JSON.parse(r.activity) as Activity }));
    return { record: recordOf(row), activities };
  }

  async remove(id: string): Promise<void> {
    await this.commits.run(() => this.removeAll(id));
  }

  async expired(cutoffs: ExpiryCutoffs): Promise<string[]> {
    return this.expiredIds.all(cutoffs).map((r) => r.id);
  }
}

function recordOf(row: ConversationRow): ConversationRecord {
  return {
    version: CONVERSATION_RECORD_VERSION,
    id: row.id,
    user: row.user,
    client: row.client,
    engaged: row.engaged === 1,
    lastActive: row.last_active,
    lastSeen: row.last_seen,
  };
}
