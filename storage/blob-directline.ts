/**
 * The built-in Direct Line's conversations as blobs in the state container: a record per conversation
 * (`directline/conversations/ID`, its expiry fields also as metadata, so a listing can sweep without reading
 * each one) and a blob per activity (`directline/activities/ID/NUMBER`, the number zero-padded so names sort).
 */
import { text } from 'node:stream/consumers';
import type { ContainerClient } from '@azure/storage-blob';
import type { Activity } from '../directline/activity';
import {
  CONVERSATION_RECORD_VERSION,
  isExpired,
  type ConversationRecord,
  type ConversationRecords,
  type ExpiryCutoffs,
  type LoadedConversation,
  type RecordedActivity,
} from '../directline/records';
import { createContainer, ignoreStatus, upload } from './blob-requests';

const RECORDS = 'directline/conversations/';
const ACTIVITIES = 'directline/activities/';
/** How many activity blobs a load downloads at once. */
const PARALLEL_READS = 16;

/** Conversation records and activities as blobs; every instance sharing the container sees the same ones. */
export class BlobConversationRecords implements ConversationRecords {
  private ready?: Promise<unknown>;

  constructor(private readonly container: ContainerClient) {}

  async save(record: ConversationRecord): Promise<void> {
    await this.ensureContainer();
    const metadata = { engaged: record.engaged ? '1' : '0', lastactive: String(record.lastActive) };
    const body = JSON.stringify(record);
    const blob = this.container.getBlockBlobClient(recordName(record.id));
    await blob.upload(body, Buffer.byteLength(body), { metadata });
  }

  async read(id: string): Promise<ConversationRecord | undefined> {
    await this.ensureContainer();
    const json = await this.download(recordName(id));
    return json === undefined ? undefined : parseRecord(json, id);
  }

  async append(id: string, entry: RecordedActivity): Promise<void> {
    await this.ensureContainer();
    await upload(this.container.getBlockBlobClient(activityName(id, entry.seq)), JSON.stringify(entry.activity), {});
  }

  async trim(id: string, throughSeq: number): Promise<void> {
    const names = (await this.activityNames(id)).filter(({ seq }) => seq <= throughSeq);
    await Promise.all(names.map(({ name }) => ignoreStatus(this.container.deleteBlob(name), 404)));
  }

  async load(id: string): Promise<LoadedConversation | undefined> {
    const record = await this.read(id);
    if (!record) return undefined;
    const activities: RecordedActivity[] = [];
    const names = await this.activityNames(id);
    for (let i = 0; i < names.length; i += PARALLEL_READS) {
      const batch = names.slice(i, i + PARALLEL_READS);
      const texts = await Promise.all(batch.map(({ name }) => this.download(name)));
      texts.forEach(
        (json, n) => json && activities.push({ seq: batch[n]!.seq, activity: JSON.parse(json) as Activity }),
      );
    }
    return { record, activities };
  }

  /** Activities first, then the record: a removal cut short leaves a record, which expires and is swept again. */
  async remove(id: string): Promise<void> {
    const names = await this.activityNames(id);
    await Promise.all(names.map(({ name }) => ignoreStatus(this.container.deleteBlob(name), 404)));
    await ignoreStatus(this.container.deleteBlob(recordName(id)), 404);
  }

  async expired(cutoffs: ExpiryCutoffs): Promise<string[]> {
    await this.ensureContainer();
    const ids: string[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: RECORDS, includeMetadata: true })) {
      const engaged = blob.metadata?.engaged === '1';
      const lastActive = Number(blob.metadata?.lastactive ?? 0);
      if (isExpired({ engaged, lastActive }, cutoffs)) ids.push(decodeURIComponent(blob.name.slice(RECORDS.length)));
    }
    return ids;
  }

  /** The conversation's activity blobs, in order. */
  private async activityNames(id: string): Promise<{ name: string; seq: number }[]> {
    await this.ensureContainer();
    const prefix = `${ACTIVITIES}${encodeURIComponent(id)}/`;
    const found: { name: string; seq: number }[] = [];
    for await (const blob of this.container.listBlobsFlat({ prefix }))
      found.push({ name: blob.name, seq: Number(blob.name.slice(prefix.length)) });
    return found.sort((a, b) => a.seq - b.seq);
  }

  private async download(name: string): Promise<string | undefined> {
    const blob = await ignoreStatus(this.container.getBlobClient(name).download(), 404);
    return blob?.readableStreamBody ? text(blob.readableStreamBody) : undefined;
  }

  private ensureContainer(): Promise<unknown> {
    this.ready ??= createContainer(this.container, () => (this.ready = undefined));
    return this.ready;
  }
}

function recordName(id: string): string {
  return `${RECORDS}${encodeURIComponent(id)}`;
}

function activityName(id: string, seq: number): string {
  return `${ACTIVITIES}${encodeURIComponent(id)}/${String(seq).padStart(15, '0')}`;
}

/** Why check the version: a record written by a newer bot is refused, not misread. */
function parseRecord(json: string, id: string): ConversationRecord {
  const record = JSON.parse(json) as ConversationRecord;
  if (record.version !== CONVERSATION_RECORD_VERSION)
    throw new Error(
      `The Direct Line record of conversation ${id} has version ${String(record.version)}; this bot reads ` +
        `version ${CONVERSATION_RECORD_VERSION}. Run the newer version of the bot.`,
    );
  return record;
}
