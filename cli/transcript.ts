/**
 * `npm run transcript -- CHANNEL [CONVERSATION]`: a conversation's transcript as readable text,
 * from the configured storage (STORAGE, DATA_DIR, AZURE_STORAGE_*); without a conversation, the
 * channel's conversations. Secrets were redacted before they were stored.
 */
import type { Activity, TranscriptStore } from 'botbuilder';
import { ConfigError, parseConfig } from '../config';
import { openStores, StorageOpenError } from '../storage';
import { formatTranscript } from '../transcripts/format';

const USAGE =
  'usage: npm run transcript -- CHANNEL [CONVERSATION]\n' +
  '  CHANNEL: directline (the built-in web chat), webchat (Azure Direct Line), msteams, emulator';

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

async function listConversations(store: TranscriptStore, channelId: string): Promise<string[]> {
  const lines: string[] = [];
  let token: string | undefined;
  do {
    const page = await store.listTranscripts(channelId, token);
    lines.push(...page.items.map((t) => `${new Date(t.created).toISOString()}  ${t.id}`));
    token = page.continuationToken || undefined;
  } while (token);
  return lines.sort();
}

async function main([channelId, conversationId]: string[]): Promise<number> {
  if (!channelId) {
    console.error(USAGE);
    return 2;
  }
  const stores = await openStores(parseConfig(process.env));
  try {
    if (!conversationId) {
      const lines = await listConversations(stores.transcripts, channelId);
      console.log(lines.length > 0 ? lines.join('\n') : `No transcripts for channel ${channelId}.`);
      return 0;
    }
    const activities = await readTranscript(stores.transcripts, channelId, conversationId);
    if (activities.length === 0) console.error(`No transcript for ${channelId}/${conversationId}.`);
    else process.stdout.write(formatTranscript(activities));
    return activities.length === 0 ? 1 : 0;
  } finally {
    await stores.close();
  }
}

if (require.main === module)
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      if (!(err instanceof ConfigError || err instanceof StorageOpenError)) throw err;
      console.error(err.message);
      process.exitCode = 1;
    },
  );
