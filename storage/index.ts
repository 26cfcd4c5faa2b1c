/** Opens the stores the config asks for: SQLite by default, Azure Blob Storage for many instances, memory for tests. */
import { resolve } from 'node:path';
import type { StorageConfig } from './config';
import { openMemoryStores } from './memory';
import { openSqliteStores } from './sqlite';
import type { Stores } from './types';

export { guardETags } from './etag-guard';
export { LeaseTimeoutError, StaleWriteError } from './errors';
export type { Lease, LeaseStore, Stores, StorageKind } from './types';

/** The stores could not be opened; the message names the setting to change. */
export class StorageOpenError extends Error {
  override name = 'StorageOpenError';
}

/** Opens (and for blob, reaches) the configured backend, so a bad setting stops the start, not the first turn. */
export async function openStores(config: StorageConfig): Promise<Stores> {
  switch (config.storage) {
    case 'memory':
      return openMemoryStores();
    case 'sqlite':
      return openSqlite(resolve(config.dataDir));
    case 'blob':
      return openBlob(config);
  }
}

function openSqlite(dataDir: string): Stores {
  try {
    return openSqliteStores(dataDir);
  } catch (err) {
    throw new StorageOpenError(
      `Could not open the SQLite database in ${dataDir}: ${(err as Error).message}. ` +
        'Set DATA_DIR to a folder the bot can create and write to.',
    );
  }
}

async function openBlob(config: StorageConfig): Promise<Stores> {
  // Why load it here: the Azure SDK costs memory and start-up time that SQLite deployments never need.
  const { openBlobStores } = await import('./blob');
  const stores = openBlobStores({
    connectionString: config.azureStorageConnectionString ?? '',
    stateContainer: config.azureStorageStateContainer,
    transcriptContainer: config.azureStorageTranscriptContainer,
  });
  try {
    // Reading a key creates the containers if needed and proves the account and key work.
    await stores.storage.read(['startup-check']);
    await stores.transcripts.listTranscripts('startup-check');
  } catch (err) {
    throw new StorageOpenError(
      `Could not reach Azure Blob Storage (${stores.location}): ${(err as Error).message.split('\n')[0]}. ` +
        'Check AZURE_STORAGE_CONNECTION_STRING and that the account allows this host.',
    );
  }
  return stores;
}
