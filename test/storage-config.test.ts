/** STORAGE, DATA_DIR and the Azure Storage settings: defaults, choices, and every problem reported with its fix. */
import { ConfigError, parseConfig, type Config } from '../config';

const CONNECTION =
  'DefaultEndpointsProtocol=https;AccountName=botstore;AccountKey=c2VjcmV0LWtleQ==;EndpointSuffix=core.windows.net';

describe('storage config', () => {
  it.each<[string, NodeJS.ProcessEnv, Partial<Config>]>([
    ['nothing set: SQLite under ./data', {}, { storage: 'sqlite', dataDir: 'data' }],
    ['DATA_DIR', { DATA_DIR: '/var/lib/bot' }, { storage: 'sqlite', dataDir: '/var/lib/bot' }],
    ['only a connection string: blob', { AZURE_STORAGE_CONNECTION_STRING: CONNECTION }, { storage: 'blob' }],
    [
      'STORAGE=sqlite wins over a connection string',
      { STORAGE: 'sqlite', AZURE_STORAGE_CONNECTION_STRING: CONNECTION },
      { storage: 'sqlite' },
    ],
    ['STORAGE in capitals', { STORAGE: 'MEMORY' }, { storage: 'memory' }],
    ['the emulator shortcut', { STORAGE: 'blob', AZURE_STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }, {}],
    [
      'container names',
      {
        AZURE_STORAGE_CONNECTION_STRING: CONNECTION,
        AZURE_STORAGE_STATE_CONTAINER: 'state-1',
        AZURE_STORAGE_TRANSCRIPT_CONTAINER: 'talk',
      },
      { azureStorageStateContainer: 'state-1', azureStorageTranscriptContainer: 'talk' },
    ],
  ])('%s', (_name, env, expected) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });

  it.each<[string, NodeJS.ProcessEnv, string[]]>([
    ['an unknown backend', { STORAGE: 'mongo' }, ['STORAGE: got "mongo"; set it to sqlite']],
    ['blob without a connection string', { STORAGE: 'blob' }, ['AZURE_STORAGE_CONNECTION_STRING: missing']],
    [
      'a connection string that is not one',
      { AZURE_STORAGE_CONNECTION_STRING: 'hunter2-secret' },
      ['AZURE_STORAGE_CONNECTION_STRING: not a connection string'],
    ],
    [
      'bad container names',
      { AZURE_STORAGE_STATE_CONTAINER: 'Bot_State', AZURE_STORAGE_TRANSCRIPT_CONTAINER: 'a--b' },
      ['AZURE_STORAGE_STATE_CONTAINER: got "Bot_State"', 'AZURE_STORAGE_TRANSCRIPT_CONTAINER: got "a--b"'],
    ],
    [
      'one container for both',
      { AZURE_STORAGE_STATE_CONTAINER: 'bot', AZURE_STORAGE_TRANSCRIPT_CONTAINER: 'bot' },
      ['AZURE_STORAGE_TRANSCRIPT_CONTAINER: the same container'],
    ],
  ])('reports %s, with a fix', (_name, env, fragments) => {
    let error: unknown;
    try {
      parseConfig(env);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    for (const fragment of fragments) expect(message).toContain(fragment);
    expect((error as ConfigError).problems).toHaveLength(fragments.length);
    expect(message).not.toContain('hunter2');
  });
});
