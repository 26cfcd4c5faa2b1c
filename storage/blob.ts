/** Scale-out: Azure Blob Storage through the official botbuilder-azure-blobs, shared by every instance. */
import { randomUUID } from 'node:crypto';
import { text } from 'node:stream/consumers';
// Why @azure/storage-blob directly: BlobsStorage has no create-if-absent write, which leases need.
// It is the client botbuilder-azure-blobs itself is built on (installed with it).
import { ContainerClient } from '@azure/storage-blob';
import type { Activity, ConversationReference, PagedResult, Storage, StoreItems, TranscriptInfo } from 'botbuilder';
import type { ConversationReferenceStore, StoredReference } from '../bots/references';
import { BlobsStorage, BlobsTranscriptStore } from 'botbuilder-azure-blobs';
import { BlobConversationRecords } from './blob-directline';
import { createContainer, ignoreStatus, upload } from './blob-requests';
import { StaleWriteError } from './errors';
import { timestampOf } from './items';
import type { BatchTranscriptStore, Lease, LeaseStore, Stores } from './types';

/** Where the blob stores keep their records. */
export interface BlobSettings {
  connectionString: string;
  /** State and leases. */
  stateContainer: string;
  transcriptContainer: string;
}

/** BlobsStorage with its eTag conflicts reported as StaleWriteError, naming the key. */
export class BlobStateStorage implements Storage {
  private readonly blobs: BlobsStorage;

  constructor(connectionString: string, container: string) {
    this.blobs = new BlobsStorage(connectionString, container);
  }

  read(keys: string[]): Promise<StoreItems> {
    return this.blobs.read(keys);
  }

  /** One blob per key, so a conflict can name its key. */
  async write(changes: StoreItems): Promise<void> {
    await Promise.all(Object.entries(changes).map(([key, item]) => this.writeOne(key, item)));
  }

  delete(keys: string[]): Promise<void> {
    return this.blobs.delete(keys);
  }

  private async writeOne(key: string, item: StoreItems[string]): Promise<void> {
    try {
      await this.blobs.write({ [key]: item });
    } catch (err) {
      // BlobsStorage turns a 412 (If-Match failed, or the blob is gone) into a plain Error.
      if (err instanceof Error && /eTag conflict/.test(err.message)) throw new StaleWriteError(key);
      throw err;
    }
  }
}

/**
 * BlobsTranscriptStore, corrected where botbuilder-azure-blobs 4.23 gets it wrong: it finds a
 * conversation's blobs by name prefix, so "c-1" would also return (and delete) the activities of
 * "c-10"; it lists a conversation once per activity, each "created" now (it reads metadata the
 * listing does not fetch, under another name than it wrote); and it applies a start date to when
 * blobs were written rather than to the activities' timestamps.
 */
export class BlobTranscriptStore implements BatchTranscriptStore {
  private readonly blobs: BlobsTranscriptStore;
  private readonly container: ContainerClient;

  constructor(connectionString: string, container: string) {
    this.blobs = new BlobsTranscriptStore(connectionString, container);
    this.container = new ContainerClient(connectionString, container);
  }

  /** The blob's name orders the transcript, so the timestamp must be a Date. */
  logActivity(activity: Activity): Promise<void> {
    return this.blobs.logActivity({ ...activity, timestamp: new Date(timestampOf(activity)) });
  }

  /** One blob per activity, written in parallel: their names, not the write order, order the transcript. */
  async logActivities(activities: Activity[]): Promise<void> {
    await Promise.all(activities.map((a) => this.logActivity(a)));
  }

  async getTranscriptActivities(
    channelId: string,
    conversationId: string,
    continuationToken?: string,
    startDate?: Date,
  ): Promise<PagedResult<Activity>> {
    // Why not pass startDate on: botbuilder-azure-blobs 4.23 compares it with when each blob was
    // written, not with the activity's timestamp, and from the first such blob of a page on.
    const page = await this.blobs.getTranscriptActivities(channelId, conversationId, continuationToken);
    const since = startDate?.getTime() ?? -Infinity;
    const items = page.items
      .filter((a) => a.conversation?.id === conversationId && timestampOf(a) >= since)
      .sort((a, b) => timestampOf(a) - timestampOf(b));
    return { items, continuationToken: page.continuationToken };
  }

  /** A page of the channel's blobs as conversations, each created at its earliest activity (the time is in the blob's name). */
  async listTranscripts(channelId: string, continuationToken?: string): Promise<PagedResult<TranscriptInfo>> {
    if (!(await this.container.exists())) return { items: [], continuationToken: '' };
    const prefix = encodeURIComponent(`${channelId}/`);
    const pages = this.container.listBlobsFlat({ prefix }).byPage({ continuationToken, maxPageSize: 5000 });
    const page = (await pages.next()).value as
      { segment: { blobItems: { name: string }[] }; continuationToken?: string } | undefined;
    const byId = new Map<string, TranscriptInfo>();
    for (const { name } of page?.segment.blobItems ?? []) {
      const [, id, file] = decodeURIComponent(name).split('/');
      if (id === undefined || file === undefined) continue;
      const created = new Date(msOfTicks(file.split('-')[0] ?? ''));
      const known = byId.get(id);
      if (!known || created < known.created) byId.set(id, { channelId, id, created });
    }
    return { items: [...byId.values()], continuationToken: page?.continuationToken ?? '' };
  }

  /** Deletes exactly this conversation's blobs: the name prefix ends with the separator. */
  async deleteTranscript(channelId: string, conversationId: string): Promise<void> {
    if (!(await this.container.exists())) return;
    const prefix = encodeURIComponent(`${channelId}/${conversationId}/`);
    for await (const blob of this.container.listBlobsFlat({ prefix }))
      await ignoreStatus(this.container.deleteBlob(blob.name), 404);
  }
}

/** .NET ticks (100 ns since year 1), in hex as botbuilder-azure-blobs names blobs, as ms since the epoch. */
function msOfTicks(hex: string): number {
  if (!/^[0-9a-f]{1,16}$/i.test(hex)) return Date.now();
  return Number((BigInt(`0x${hex}`) - 621_355_968_000_000_000n) / 10_000n);
}

interface LeaseRecord {
  owner: string;
  expiresAt: number;
}

/**
 * Leases as small blobs written with conditions: created with If-None-Match: *, taken over when
 * expired with If-Match, released with If-Match. Why not Azure's own blob leases: they last at
 * least 15 s, so a crashed instance would hold a conversation that long, and tests could not expire them.
 */
export class BlobLeaseStore implements LeaseStore {
  private ready?: Promise<unknown>;

  constructor(
    private readonly container: ContainerClient,
    private readonly now: () => number = Date.now,
  ) {}

  async tryAcquire(key: string, ttlMs: number): Promise<Lease | undefined> {
    await this.ensureContainer();
    const blob = this.container.getBlockBlobClient(`leases/${encodeURIComponent(key)}`);
    const body = JSON.stringify({ owner: randomUUID(), expiresAt: this.now() + ttlMs } satisfies LeaseRecord);
    const created = await ignoreStatus(upload(blob, body, { ifNoneMatch: '*' }), 409, 412);
    const etag = created ?? (await this.takeOverExpired(blob, body));
    if (etag === undefined) return undefined;
    return { release: async () => void (await ignoreStatus(blob.delete({ conditions: { ifMatch: etag } }), 404, 412)) };
  }

  private async takeOverExpired(blob: ReturnType<ContainerClient['getBlockBlobClient']>, body: string) {
    const current = await ignoreStatus(blob.download(), 404);
    if (!current?.readableStreamBody || current.etag === undefined) return undefined;
    const record = JSON.parse(await text(current.readableStreamBody)) as LeaseRecord;
    if (record.expiresAt > this.now()) return undefined;
    return ignoreStatus(upload(blob, body, { ifMatch: current.etag }), 404, 412);
  }

  private ensureContainer(): Promise<unknown> {
    this.ready ??= createContainer(this.container, () => (this.ready = undefined));
    return this.ready;
  }
}

/** Teams conversation references as JSON blobs under references/ in the state container. */
export class BlobReferenceStore implements ConversationReferenceStore {
  private static readonly PREFIX = 'references/';
  private ready?: Promise<unknown>;

  constructor(private readonly container: ContainerClient) {}

  async get(key: string): Promise<Partial<ConversationReference> | undefined> {
    await this.ensureContainer();
    return this.read(BlobReferenceStore.PREFIX + encodeURIComponent(key));
  }

  async put(key: string, reference: Partial<ConversationReference>): Promise<void> {
    await this.ensureContainer();
    const blob = this.container.getBlockBlobClient(BlobReferenceStore.PREFIX + encodeURIComponent(key));
    await upload(blob, JSON.stringify(reference), {});
  }

  async list(): Promise<StoredReference[]> {
    await this.ensureContainer();
    const found: StoredReference[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: BlobReferenceStore.PREFIX })) {
      const reference = await this.read(blob.name);
      const key = decodeURIComponent(blob.name.slice(BlobReferenceStore.PREFIX.length));
      if (reference) found.push({ key, reference });
    }
    return found;
  }

  private async read(name: string): Promise<Partial<ConversationReference> | undefined> {
    const blob = await ignoreStatus(this.container.getBlobClient(name).download(), 404);
    return blob?.readableStreamBody && JSON.parse(await text(blob.readableStreamBody));
  }

  private ensureContainer(): Promise<unknown> {
    this.ready ??= createContainer(this.container, () => (this.ready = undefined));
    return this.ready;
  }
}

/** Every store in Azure Blob Storage; several instances can share them. */
export function openBlobStores(settings: BlobSettings): Stores {
  const { connectionString, stateContainer, transcriptContainer } = settings;
  const state = new ContainerClient(connectionString, stateContainer);
  return {
    kind: 'blob',
    storage: new BlobStateStorage(connectionString, stateContainer),
    transcripts: new BlobTranscriptStore(connectionString, transcriptContainer),
    leases: new BlobLeaseStore(state),
    references: new BlobReferenceStore(state),
    directLine: new BlobConversationRecords(state),
    location: `Azure Blob Storage containers ${stateContainer} and ${transcriptContainer}`,
    close: async () => undefined,
  };
}
