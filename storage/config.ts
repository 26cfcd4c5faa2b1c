/** The storage part of the config: which backend, where, and every problem with it at once. Pure. */

/** Where the bot keeps its records; memory is for tests only. */
export const STORAGE_KINDS = ['sqlite', 'blob', 'memory'] as const;
export type StorageKind = (typeof STORAGE_KINDS)[number];

/** The folder the SQLite file goes in, relative to the working directory unless absolute. */
export const DEFAULT_DATA_DIR = 'data';
export const DEFAULT_STATE_CONTAINER = 'bot-state';
export const DEFAULT_TRANSCRIPT_CONTAINER = 'bot-transcripts';

/** The validated storage settings. */
export interface StorageConfig {
  /** sqlite unless set; blob when only AZURE_STORAGE_CONNECTION_STRING is set. */
  storage: StorageKind;
  /** Folder of the SQLite file (STORAGE=sqlite). */
  dataDir: string;
  /** Azure Storage account connection string (STORAGE=blob); a secret: the logger redacts it. */
  azureStorageConnectionString?: string;
  /** Blob container for state and turn leases. */
  azureStorageStateContainer: string;
  /** Blob container for transcripts; must differ from the state container. */
  azureStorageTranscriptContainer: string;
}

/** A problem in the shape config.ts reports. */
interface Problem {
  variable: string;
  problem: string;
  fix: string;
}

/** Reads STORAGE, DATA_DIR, AZURE_STORAGE_CONNECTION_STRING and the container names; pushes every problem. */
export function parseStorageConfig(read: (name: string) => string | undefined, problems: Problem[]): StorageConfig {
  const connectionString = read('AZURE_STORAGE_CONNECTION_STRING');
  const storage = parseKind(read('STORAGE'), connectionString, problems);
  if (storage === 'blob') problems.push(...connectionStringProblems(connectionString));
  const state = parseContainer('AZURE_STORAGE_STATE_CONTAINER', read, DEFAULT_STATE_CONTAINER, problems);
  const transcripts = parseContainer(
    'AZURE_STORAGE_TRANSCRIPT_CONTAINER',
    read,
    DEFAULT_TRANSCRIPT_CONTAINER,
    problems,
  );
  if (state === transcripts)
    problems.push({
      variable: 'AZURE_STORAGE_TRANSCRIPT_CONTAINER',
      problem: `the same container as AZURE_STORAGE_STATE_CONTAINER (${state})`,
      fix: 'give transcripts a container of their own: listing transcripts would otherwise list state blobs too',
    });
  return {
    storage,
    dataDir: read('DATA_DIR') ?? DEFAULT_DATA_DIR,
    azureStorageConnectionString: connectionString,
    azureStorageStateContainer: state,
    azureStorageTranscriptContainer: transcripts,
  };
}

function parseKind(raw: string | undefined, connectionString: string | undefined, problems: Problem[]): StorageKind {
  if (raw === undefined) return connectionString ? 'blob' : 'sqlite';
  const kind = STORAGE_KINDS.find((k) => k === raw.toLowerCase());
  if (kind) return kind;
  problems.push({
    variable: 'STORAGE',
    problem: `got ${JSON.stringify(raw)}`,
    fix: 'set it to sqlite (one file under DATA_DIR), blob (Azure Blob Storage, for several instances) or memory (tests only)',
  });
  return 'sqlite';
}

/** Why so loose: Azure accepts several forms (keys, SAS, endpoints, the emulator shortcut); only nonsense is refused here. */
function connectionStringProblems(connectionString: string | undefined): Problem[] {
  const fix =
    'set it to the storage account\'s connection string (Azure portal: Storage account → Access keys), e.g. "DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=core.windows.net", or set STORAGE=sqlite';
  if (connectionString === undefined)
    return [{ variable: 'AZURE_STORAGE_CONNECTION_STRING', problem: 'missing (required for STORAGE=blob)', fix }];
  if (/(^|;)\s*(AccountName|BlobEndpoint|UseDevelopmentStorage|SharedAccessSignature)\s*=/i.test(connectionString))
    return [];
  // Never echo the value: it is a secret.
  return [{ variable: 'AZURE_STORAGE_CONNECTION_STRING', problem: 'not a connection string (no AccountName=…)', fix }];
}

/** Azure's rules: 3-63 characters, lower-case letters, digits and single hyphens, starting with a letter or digit. */
function parseContainer(
  variable: string,
  read: (name: string) => string | undefined,
  fallback: string,
  problems: Problem[],
): string {
  const raw = read(variable);
  if (raw === undefined) return fallback;
  if (/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(raw)) return raw;
  problems.push({
    variable,
    problem: `got ${JSON.stringify(raw)}`,
    fix: `use 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit, or leave it unset for ${fallback}`,
  });
  return fallback;
}
