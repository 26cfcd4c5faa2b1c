/** Memory implementations of every store, for tests only: everything is lost when the process ends. */
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Activity, PagedResult, Storage, StoreItems, TranscriptInfo } from 'botbuilder';
import { MemoryReferenceStore } from '../bots/references';
import { MemoryConversationRecords } from '../directline/records';
import { SqliteInsightsStore } from '../insights/sqlite';
import { StaleWriteError } from './errors';
import { groupCommitOf } from './group-commit';
import { expectedETag, parseActivity, serialiseActivity, serialiseItem, timestampOf } from './items';
import type { BatchTranscriptStore, Lease, LeaseStore, Stores } from './types';

/** A botbuilder Storage in a Map, with the same eTag rules as the durable ones (botbuilder's MemoryStorage is laxer). */
export class MemoryStateStorage implements Storage {
  private readonly items = new Map<string, { eTag: string; json: string }>();

  async read(keys: string[]): Promise<StoreItems> {
    const found: StoreItems = {};
    for (const key of keys) {
      const item = this.items.get(key);
      if (item) found[key] = { ...JSON.parse(item.json), eTag: item.eTag };
    }
    return found;
  }

  /** All or nothing: every eTag is checked before anything is written. */
  async write(changes: StoreItems): Promise<void> {
    const entries = Object.entries(changes);
    for (const [key, item] of entries) {
      const eTag = expectedETag(item);
      if (eTag !== undefined && this.items.get(key)?.eTag !== eTag) throw new StaleWriteError(key);
    }
    for (const [key, item] of entries) this.items.set(key, { eTag: randomUUID(), json: serialiseItem(item) });
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) this.items.delete(key);
  }
}

interface Logged {
  at: number;
  json: string;
}

/** A TranscriptStore in a Map; pages of `pageSize`, the continuation token is the next offset. */
export class MemoryTranscriptStore implements BatchTranscriptStore {
  private readonly conversations = new Map<string, Map<string, Logged[]>>();

  constructor(private readonly pageSize = 20) {}

  async logActivity(activity: Activity): Promise<void> {
    const channel = this.conversations.get(activity.channelId) ?? new Map<string, Logged[]>();
    this.conversations.set(activity.channelId, channel);
    const log = channel.get(activity.conversation.id) ?? [];
    channel.set(activity.conversation.id, log);
    const entry = { at: timestampOf(activity), json: serialiseActivity(activity) };
    // Why not push: a late write with an earlier timestamp still belongs before later ones.
    let index = log.length;
    while (index > 0 && log[index - 1]!.at > entry.at) index--;
    log.splice(index, 0, entry);
  }

  async logActivities(activities: Activity[]): Promise<void> {
    for (const activity of activities) await this.logActivity(activity);
  }

  async getTranscriptActivities(
    channelId: string,
    conversationId: string,
    continuationToken?: string,
    startDate?: Date,
  ): Promise<PagedResult<Activity>> {
    const since = startDate?.getTime() ?? -Infinity;
    const log = (this.conversations.get(channelId)?.get(conversationId) ?? []).filter((e) => e.at >= since);
    const from = Number(continuationToken ?? 0) || 0;
    const page = log.slice(from, from + this.pageSize);
    const next = from + page.length;
    return { items: page.map((e) => parseActivity(e.json)), continuationToken: next < log.length ? String(next) : '' };
  }

  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    const all = [...(this.conversations.get(channelId) ?? new Map<string, Logged[]>())]
      .filter(([, log]) => log.length > 0)
      .map(([id, log]) => ({ channelId, id, created: new Date(log[0]!.at) }))
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    const from = Number(continuationToken ?? 0) || 0;
    const items = all.slice(from, from + this.pageSize);
    const next = from + items.length;
    return { items, continuationToken: next < all.length ? String(next) : '' };
  }

  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    this.conversations.get(channelId)?.delete(conversationId);
  }
}

/** Leases in a Map; `now` is injectable so tests can expire them without waiting. */
export class MemoryLeaseStore implements LeaseStore {
  private readonly held = new Map<string, { owner: string; expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  async tryAcquire(key: string, ttlMs: number): Promise<Lease | undefined> {
    const current = this.held.get(key);
    if (current && current.expiresAt > this.now()) return undefined;
    const owner = randomUUID();
    this.held.set(key, { owner, expiresAt: this.now() + ttlMs });
    return {
      release: async () => {
        if (this.held.get(key)?.owner === owner) this.held.delete(key);
      },
    };
  }
}

/** Memory stores: for tests only, nothing survives a restart. */
export function openMemoryStores(): Stores {
  // Why SQLite in memory rather than a second implementation: the report's queries are SQL, and tests then run the real ones.
  const insightsDb = new Database(':memory:');
  return {
    kind: 'memory',
    storage: new MemoryStateStorage(),
    transcripts: new MemoryTranscriptStore(),
    leases: new MemoryLeaseStore(),
    references: new MemoryReferenceStore(),
    directLine: new MemoryConversationRecords(),
    insights: new SqliteInsightsStore(insightsDb),
    location: 'memory (lost on restart)',
    close: async () => {
      groupCommitOf(insightsDb).flush();
      if (insightsDb.open) insightsDb.close();
    },
  };
}
