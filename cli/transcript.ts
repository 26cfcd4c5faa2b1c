/**
 * `npm run transcript -- [--format transcript|text|html] CHANNEL [CONVERSATION]`: a conversation's
 * transcript (readable text unless told), from the configured storage (STORAGE, DATA_DIR,
 * AZURE_STORAGE_*); without a conversation, the channel's conversations. Secrets were redacted
 * before they were stored, and are again on the way out, as the export endpoint does.
 * `--delete CHANNEL CONVERSATION` deletes one conversation's transcript (a customer's request);
 * `--delete-older-than DAYS [CHANNEL …]` deletes every conversation quiet for that long (run it on a schedule).
 * Either also deletes the conversation's text kept by insights (its unanswered questions' examples).
 */
import type { Activity, TranscriptStore } from 'botbuilder';
import { parseConfig } from '../config';
import { openStores, type Stores } from '../storage';
import { deleteQuietTranscripts, listAllTranscripts } from '../storage/retention';
import { isTranscriptFormat, renderTranscript, TRANSCRIPT_FORMATS, type TranscriptFormat } from '../transcripts/export';
import { MAX_RETENTION_DAYS, parseRetentionDays, retentionCutoff } from '../transcripts/retention';
import { runMain } from './run-main';

/** The channels customers reach the bot on; the ones `--delete-older-than` sweeps unless told others. */
export const CUSTOMER_CHANNELS = ['directline', 'webchat', 'msteams', 'emulator'] as const;

const USAGE = [
  'usage: npm run transcript -- CHANNEL [CONVERSATION]',
  `       npm run transcript -- --format ${TRANSCRIPT_FORMATS.join('|')} CHANNEL CONVERSATION`,
  '       npm run transcript -- --delete CHANNEL CONVERSATION',
  `       npm run transcript -- --delete-older-than DAYS [CHANNEL ...]   (DAYS 1 to ${MAX_RETENTION_DAYS})`,
  `  CHANNEL: directline (the built-in web chat), webchat (Azure Direct Line), msteams, emulator`,
].join('\n');

/** Every activity of a conversation, following continuation tokens. */
export async function readTranscript(store: TranscriptStore, channelId: string, id: string): Promise<Activity[]> {
  const all: Activity[] = [];
  let token: string | undefined;
  do {
    const page = await store.getTranscriptActivities(channelId, id, token);
    all.push(...page.items);
    token = page.continuationToken || undefined;
  } while (token);
  return all;
}

async function listConversations(store: TranscriptStore, channelId: string): Promise<number> {
  const lines = (await listAllTranscripts(store, channelId)).map(
    (t) => `${new Date(t.created).toISOString()}  ${t.id}`,
  );
  console.log(lines.length > 0 ? lines.sort().join('\n') : `No transcripts for channel ${channelId}.`);
  return 0;
}

/** The conversation's whole transcript in the format, redacted, as the export endpoint renders it; undefined if none. */
export async function exportConversation(
  store: TranscriptStore,
  format: TranscriptFormat,
  channelId: string,
  conversationId: string,
): Promise<string | undefined> {
  const activities = await readTranscript(store, channelId, conversationId);
  if (activities.length === 0) return undefined;
  return renderTranscript(format, activities, { channelId, conversationId }).body;
}

async function show(store: TranscriptStore, command: Extract<TranscriptCommand, { kind: 'show' }>): Promise<number> {
  const { format, channelId, conversationId } = command;
  const text = await exportConversation(store, format, channelId, conversationId);
  if (text === undefined) console.error(`No transcript for ${channelId}/${conversationId}.`);
  else process.stdout.write(text);
  return text === undefined ? 1 : 0;
}

/** The stores the command reads and deletes in: transcripts, and the insights events' text kept with them. */
export type TranscriptStores = Pick<Stores, 'transcripts' | 'insights'>;

/** Why the insights too: an unanswered question's text is the customer's words, and goes with their transcript. */
async function deleteOne(stores: TranscriptStores, channelId: string, conversationId: string): Promise<number> {
  const first = await stores.transcripts.getTranscriptActivities(channelId, conversationId);
  const forgotten = (await stores.insights?.forgetConversation(channelId, conversationId)) ?? 0;
  const also = forgotten > 0 ? ` and ${forgotten} unanswered question(s) kept for insights` : '';
  if (first.items.length === 0) {
    if (forgotten > 0) console.log(`No transcript for ${channelId}/${conversationId}; deleted${also}.`);
    else console.error(`No transcript for ${channelId}/${conversationId}.`);
    return forgotten > 0 ? 0 : 1;
  }
  await stores.transcripts.deleteTranscript(channelId, conversationId);
  console.log(`Deleted the transcript of ${channelId}/${conversationId}${also}.`);
  return 0;
}

async function deleteOlderThan(stores: TranscriptStores, days: number, channels: readonly string[]): Promise<number> {
  const cutoff = retentionCutoff(new Date(), days);
  for (const channelId of channels) {
    const deleted = await deleteQuietTranscripts(stores.transcripts, channelId, cutoff);
    for (const id of deleted) await stores.insights?.forgetConversation(channelId, id);
    console.log(`${channelId}: deleted ${deleted.length} conversation(s) quiet since before ${cutoff.toISOString()}.`);
  }
  return 0;
}

/** What the command line asks for. */
export type TranscriptCommand =
  | { kind: 'list'; channelId: string }
  | { kind: 'show'; format: TranscriptFormat; channelId: string; conversationId: string }
  | { kind: 'delete'; channelId: string; conversationId: string }
  | { kind: 'deleteOlderThan'; days: number; channels: readonly string[] };

/** What the arguments ask for, or undefined when they make no sense. */
export function parseTranscriptArgs(args: readonly string[]): TranscriptCommand | undefined {
  const [first, second, third, ...rest] = args;
  if (first === '--delete')
    return second && third && rest.length === 0
      ? { kind: 'delete', channelId: second, conversationId: third }
      : undefined;
  if (first === '--delete-older-than') {
    const days = parseRetentionDays(second);
    const channels = [third, ...rest].filter((c): c is string => !!c);
    return days
      ? { kind: 'deleteOlderThan', days, channels: channels.length ? channels : CUSTOMER_CHANNELS }
      : undefined;
  }
  if (first === '--format') {
    const [channelId, conversationId, ...more] = [third, ...rest];
    const valid = second && isTranscriptFormat(second) && channelId && conversationId && more.length === 0;
    return valid ? { kind: 'show', format: second, channelId, conversationId } : undefined;
  }
  if (!first || first.startsWith('--') || third !== undefined) return undefined;
  return second
    ? { kind: 'show', format: 'text', channelId: first, conversationId: second }
    : { kind: 'list', channelId: first };
}

/** Runs one command on the stores; the exit code. */
export function runTranscriptCommand(command: TranscriptCommand, stores: TranscriptStores): Promise<number> {
  switch (command.kind) {
    case 'list':
      return listConversations(stores.transcripts, command.channelId);
    case 'show':
      return show(stores.transcripts, command);
    case 'delete':
      return deleteOne(stores, command.channelId, command.conversationId);
    case 'deleteOlderThan':
      return deleteOlderThan(stores, command.days, command.channels);
  }
}

/** Runs the command line against the configured storage; the exit code. */
export async function main(args: string[]): Promise<number> {
  const command = parseTranscriptArgs(args);
  if (!command) {
    console.error(USAGE);
    return 2;
  }
  const stores = await openStores(parseConfig(process.env));
  try {
    return await runTranscriptCommand(command, stores);
  } finally {
    await stores.close();
  }
}

if (require.main === module) runMain(main);
