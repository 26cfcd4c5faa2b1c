import { ConfigError, DEFAULT_SUPPORT_CONTACT, parseConfig, type Config } from '../config';
import { ALWAYS_OPEN } from '../handover/hours';
import { problemsOf } from './helpers/config-problems';

const APP = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: 'tenant-id' };

describe('parseConfig', () => {
  it('gives the anonymous local defaults for an empty environment', () => {
    expect(parseConfig({})).toEqual({
      port: 3978,
      microsoftAppType: 'MultiTenant',
      anonymous: true,
      knowledgeDir: undefined,
      logLevel: 'info',
      supportContact: DEFAULT_SUPPORT_CONTACT,
      storage: 'sqlite',
      dataDir: 'data',
      azureStorageStateContainer: 'bot-state',
      azureStorageTranscriptContainer: 'bot-transcripts',
      handoffTarget: 'contact',
      handoffFallbackTarget: 'contact',
      handoffEventChannels: [],
      handoffWaitMinutes: 10,
      handoffIdleMinutes: 15,
      handoffAgentName: 'first',
      supportHours: { timeZone: 'Europe/London', week: ALWAYS_OPEN, closedDates: [] },
      transcriptLinkTtlHours: 24,
    });
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(parseConfig({}))).toBe(true);
  });

  it.each<[string, NodeJS.ProcessEnv, Partial<Config>]>([
    ['PORT', { PORT: '8080' }, { port: 8080 }],
    ['lower-case port', { port: '8081' }, { port: 8081 }],
    ['PORT over port', { PORT: '8080', port: '8081' }, { port: 8080 }],
    ['port 0', { PORT: '0' }, { port: 0 }],
    ['port 65535', { PORT: '65535' }, { port: 65535 }],
    ['blank PORT as unset', { PORT: '  ' }, { port: 3978 }],
    ['LOG_LEVEL', { LOG_LEVEL: 'debug' }, { logLevel: 'debug' }],
    ['LOG_LEVEL in capitals', { LOG_LEVEL: 'WARN' }, { logLevel: 'warn' }],
    ['LOG_LEVEL silent', { LOG_LEVEL: 'silent' }, { logLevel: 'silent' }],
    ['KNOWLEDGE_DIR', { KNOWLEDGE_DIR: '/srv/knowledge' }, { knowledgeDir: '/srv/knowledge' }],
    ['SUPPORT_CONTACT', { SUPPORT_CONTACT: 'Call 0800 800 150.' }, { supportContact: 'Call 0800 800 150.' }],
    [
      'HANDOFF_TARGET',
      { HANDOFF_TARGET: 'contact', HANDOFF_WAIT_MINUTES: '5' },
      { handoffTarget: 'contact', handoffWaitMinutes: 5 },
    ],
    ['empty MicrosoftAppId as anonymous', { MicrosoftAppId: '' }, { anonymous: true, microsoftAppType: 'MultiTenant' }],
    [
      'an app id defaults to SingleTenant',
      APP,
      {
        anonymous: false,
        microsoftAppType: 'SingleTenant',
        microsoftAppId: 'app-id',
        microsoftAppPassword: 'secret',
        microsoftAppTenantId: 'tenant-id',
      },
    ],
    [
      'MultiTenant without a tenant',
      { MicrosoftAppType: 'MultiTenant', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' },
      { anonymous: false, microsoftAppType: 'MultiTenant', microsoftAppTenantId: undefined },
    ],
    [
      'UserAssignedMSI without a password, type in any case',
      { MicrosoftAppType: 'userassignedmsi', MicrosoftAppId: 'app-id', MicrosoftAppTenantId: 'tenant-id' },
      { anonymous: false, microsoftAppType: 'UserAssignedMSI', microsoftAppPassword: undefined },
    ],
    [
      'MultiTenant named but no app id as anonymous',
      { MicrosoftAppType: 'MultiTenant' },
      { anonymous: true, microsoftAppType: 'MultiTenant' },
    ],
  ])('reads %s', (_name, env, expected) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });

  it.each<[string, NodeJS.ProcessEnv, string[]]>([
    [
      'a port that is not a number',
      { PORT: 'eighty' },
      ['PORT: got "eighty"; set it to a whole number from 0 to 65535'],
    ],
    ['a port out of range', { PORT: '70000' }, ['PORT: got "70000"']],
    ['a negative port', { port: '-1' }, ['port: got "-1"']],
    ['a fractional port', { PORT: '80.5' }, ['PORT: got "80.5"']],
    ['an unknown log level', { LOG_LEVEL: 'verbose' }, ['LOG_LEVEL: got "verbose"; set it to one of fatal, error']],
    ['an unknown support time zone', { SUPPORT_TIMEZONE: 'GMT+1/London' }, ['SUPPORT_TIMEZONE: got "GMT+1/London"']],
    [
      'an unknown app type',
      { ...APP, MicrosoftAppType: 'Tenant' },
      ['MicrosoftAppType: got "Tenant"; set it to one of MultiTenant, SingleTenant, UserAssignedMSI'],
    ],
    [
      'SingleTenant without tenant or password',
      { MicrosoftAppId: 'app-id' },
      [
        'MicrosoftAppPassword: missing (required for SingleTenant); set it to',
        'MicrosoftAppTenantId: missing (required for SingleTenant); set it to',
      ],
    ],
    [
      'MultiTenant without a password',
      { MicrosoftAppType: 'MultiTenant', MicrosoftAppId: 'app-id' },
      ['MicrosoftAppPassword: missing (required for MultiTenant)'],
    ],
    [
      'UserAssignedMSI with a password and no tenant',
      { MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' },
      [
        'MicrosoftAppPassword: set, but UserAssignedMSI',
        'MicrosoftAppTenantId: missing (required for UserAssignedMSI)',
      ],
    ],
    [
      'a password without an app id',
      { MicrosoftAppPassword: 'secret' },
      ['MicrosoftAppId: missing, but MicrosoftAppPassword is set; set it to'],
    ],
    [
      'SingleTenant and a tenant without an app id',
      { MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: 'tenant-id' },
      ['MicrosoftAppId: missing, but MicrosoftAppType=SingleTenant and MicrosoftAppTenantId are set'],
    ],
  ])('rejects %s, naming the variable and how to set it', (_name, env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
  });

  it('reports every problem at once in one ConfigError', () => {
    const env = { PORT: 'x', LOG_LEVEL: 'loud', MicrosoftAppId: 'app-id' };
    expect(() => parseConfig(env)).toThrow(ConfigError);
    expect(() => parseConfig(env)).toThrow(
      /4 problem\(s\)[\s\S]*PORT:[\s\S]*LOG_LEVEL:[\s\S]*MicrosoftAppPassword:[\s\S]*MicrosoftAppTenantId:/,
    );
  });

  it('names its error ConfigError and never prints a secret', () => {
    const err = catchError(() => parseConfig({ MicrosoftAppType: 'UserAssignedMSI', ...APP, PORT: 'x' }));
    expect(err.name).toBe('ConfigError');
    expect(err.message).not.toContain('secret');
  });
});

function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected an error');
}

describe('operator keys, signing secrets and connection limits', () => {
  const KEY = 'k'.repeat(32);
  const other = (c: string) => c.repeat(40);

  it('leaves every operator endpoint off by default', () => {
    expect(parseConfig({})).toMatchObject({
      transcriptApiKey: undefined,
      insightsApiKey: undefined,
      metricsApiKey: undefined,
      linkSigningSecret: undefined,
      handoffWebhookSecret: undefined,
      maxConnectionsPerAddress: undefined,
    });
  });

  it.each<[string, NodeJS.ProcessEnv, Partial<Config>]>([
    ['TRANSCRIPT_API_KEY', { TRANSCRIPT_API_KEY: KEY }, { transcriptApiKey: KEY }],
    ['METRICS_API_KEY', { METRICS_API_KEY: KEY }, { metricsApiKey: KEY }],
    [
      'INSIGHTS_API_KEY with LINK_SIGNING_SECRET',
      { INSIGHTS_API_KEY: KEY, LINK_SIGNING_SECRET: other('s') },
      { insightsApiKey: KEY, linkSigningSecret: other('s') },
    ],
    ['HANDOFF_WEBHOOK_SECRET', { HANDOFF_WEBHOOK_SECRET: other('w') }, { handoffWebhookSecret: other('w') }],
    ['MAX_CONNECTIONS_PER_ADDRESS', { MAX_CONNECTIONS_PER_ADDRESS: '50' }, { maxConnectionsPerAddress: 50 }],
    ['MAX_CONNECTIONS_PER_ADDRESS 0 (off)', { MAX_CONNECTIONS_PER_ADDRESS: '0' }, { maxConnectionsPerAddress: 0 }],
  ])('reads %s', (_name, env, expected) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });

  it.each<[string, NodeJS.ProcessEnv, string[]]>([
    [
      'a short transcript key',
      { TRANSCRIPT_API_KEY: 'short' },
      ['TRANSCRIPT_API_KEY: only 5 characters; use at least 32 random characters'],
    ],
    [
      'a key with a space',
      { METRICS_API_KEY: `${KEY} ${KEY}` },
      ['METRICS_API_KEY: holds a space or a character outside printable ASCII; '],
    ],
    [
      'INSIGHTS_API_KEY without LINK_SIGNING_SECRET',
      { INSIGHTS_API_KEY: KEY },
      ['LINK_SIGNING_SECRET: missing, but INSIGHTS_API_KEY is set'],
    ],
    [
      'a short LINK_SIGNING_SECRET and HANDOFF_WEBHOOK_SECRET',
      { LINK_SIGNING_SECRET: 'x'.repeat(31), HANDOFF_WEBHOOK_SECRET: 'y' },
      ['LINK_SIGNING_SECRET: only 31 characters', 'HANDOFF_WEBHOOK_SECRET: only 1 characters'],
    ],
    [
      'one value for two roles',
      { TRANSCRIPT_API_KEY: KEY, METRICS_API_KEY: KEY },
      ['METRICS_API_KEY: the same as TRANSCRIPT_API_KEY; give each role its own'],
    ],
    [
      'a bad connection cap',
      { MAX_CONNECTIONS_PER_ADDRESS: 'many' },
      ['MAX_CONNECTIONS_PER_ADDRESS: got "many"; set it to a whole number'],
    ],
  ])('rejects %s', (_name, env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(expected.length);
    expected.forEach((start, i) => expect(problems[i]).toContain(start));
  });

  it('lists every bad key at once and never prints one', () => {
    const env = { TRANSCRIPT_API_KEY: 'secret-one', METRICS_API_KEY: 'secret-two', INSIGHTS_API_KEY: KEY };
    const err = catchError(() => parseConfig(env));
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.map((p) => p.variable)).toEqual([
      'TRANSCRIPT_API_KEY',
      'METRICS_API_KEY',
      'LINK_SIGNING_SECRET',
    ]);
    expect(err.message).not.toMatch(/secret-one|secret-two|kkkk/);
  });
});

describe('signed transcript links: TRANSCRIPT_LINK_TTL_HOURS and PUBLIC_BASE_URL', () => {
  it.each<[string, NodeJS.ProcessEnv, Partial<Config>]>([
    ['the defaults', {}, { transcriptLinkTtlHours: 24, publicBaseUrl: undefined }],
    ['a TTL of one hour', { TRANSCRIPT_LINK_TTL_HOURS: '1' }, { transcriptLinkTtlHours: 1 }],
    ['a TTL of a month', { TRANSCRIPT_LINK_TTL_HOURS: '720' }, { transcriptLinkTtlHours: 720 }],
    ['an https origin', { PUBLIC_BASE_URL: 'https://bot.example.com' }, { publicBaseUrl: 'https://bot.example.com' }],
    [
      'a trailing slash, dropped',
      { PUBLIC_BASE_URL: 'https://bot.example.com/' },
      { publicBaseUrl: 'https://bot.example.com' },
    ],
    [
      'a path prefix behind a proxy',
      { PUBLIC_BASE_URL: 'https://example.com/support-bot//' },
      { publicBaseUrl: 'https://example.com/support-bot' },
    ],
    ['http on localhost', { PUBLIC_BASE_URL: 'http://localhost:3978' }, { publicBaseUrl: 'http://localhost:3978' }],
  ])('reads %s', (_name, env, expected) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });

  it.each<[string, NodeJS.ProcessEnv, string]>([
    [
      'a TTL of 0',
      { TRANSCRIPT_LINK_TTL_HOURS: '0' },
      'TRANSCRIPT_LINK_TTL_HOURS: got "0"; set it to whole hours from 1 to 720',
    ],
    ['a TTL over a month', { TRANSCRIPT_LINK_TTL_HOURS: '721' }, 'TRANSCRIPT_LINK_TTL_HOURS: got "721"'],
    ['a TTL in days', { TRANSCRIPT_LINK_TTL_HOURS: '2d' }, 'TRANSCRIPT_LINK_TTL_HOURS: got "2d"'],
    ['a fractional TTL', { TRANSCRIPT_LINK_TTL_HOURS: '1.5' }, 'TRANSCRIPT_LINK_TTL_HOURS: got "1.5"'],
    [
      'plain http on a public host',
      { PUBLIC_BASE_URL: 'http://bot.example.com' },
      'PUBLIC_BASE_URL: got "http://bot.example.com"; give the https address',
    ],
    ['no scheme', { PUBLIC_BASE_URL: 'bot.example.com' }, 'PUBLIC_BASE_URL: got "bot.example.com"'],
    ['a query', { PUBLIC_BASE_URL: 'https://bot.example.com/?x=1' }, 'PUBLIC_BASE_URL: got'],
    ['credentials', { PUBLIC_BASE_URL: 'https://u:p@bot.example.com' }, 'PUBLIC_BASE_URL: got'],
    ['another scheme', { PUBLIC_BASE_URL: 'ftp://bot.example.com' }, 'PUBLIC_BASE_URL: got'],
  ])('rejects %s', (_name, env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });
});

describe('ALLOWED_SERVICE_URLS', () => {
  it.each<[string, string, readonly string[]]>([
    ['one origin', 'https://smba.trafficmanager.net', ['https://smba.trafficmanager.net']],
    ['a trailing slash', 'https://smba.trafficmanager.net/', ['https://smba.trafficmanager.net']],
    ['a host in capitals', 'https://SMBA.trafficmanager.net', ['https://smba.trafficmanager.net']],
    ['the loopback keyword', 'LOOPBACK', ['loopback']],
    [
      'several, comma- and space-separated',
      'loopback, https://smba.trafficmanager.net  https://europe.webchat.botframework.com',
      ['loopback', 'https://smba.trafficmanager.net', 'https://europe.webchat.botframework.com'],
    ],
    ['plain http on loopback', 'http://localhost:3978', ['http://localhost:3978']],
    ['an IPv6 loopback origin', 'http://[::1]:3978', ['http://[::1]:3978']],
  ])('reads %s', (_name, raw, expected) => {
    expect(parseConfig({ ALLOWED_SERVICE_URLS: raw }).allowedServiceUrls).toEqual(expected);
  });

  it('is unset by default, in both modes', () => {
    expect(parseConfig({}).allowedServiceUrls).toBeUndefined();
    expect(parseConfig(APP).allowedServiceUrls).toBeUndefined();
  });

  it.each<[string, string]>([
    ['a path', 'https://smba.trafficmanager.net/emea/'],
    ['credentials', 'https://user:pw@smba.trafficmanager.net'],
    ['a query', 'https://smba.trafficmanager.net?x=1'],
    ['plain http off loopback', 'http://smba.trafficmanager.net'],
    ['another scheme', 'ftp://smba.trafficmanager.net'],
    ['no scheme', 'smba.trafficmanager.net'],
    ['a decimal IPv4 address', 'http://2130706433'],
    ['a short IPv4 address', 'http://127.1'],
    ['a hex IPv4 address', 'http://0x7f.0.0.1'],
    ['the default port spelled out', 'https://smba.trafficmanager.net:443'],
    ['a non-ASCII host', 'https://bücher.example'],
  ])('rejects %s', (_name, raw) => {
    const problems = problemsOf({ ALLOWED_SERVICE_URLS: raw });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`ALLOWED_SERVICE_URLS: got ${JSON.stringify(raw)}`);
  });

  it('reports every bad entry at once', () => {
    const problems = problemsOf({ ALLOWED_SERVICE_URLS: 'http://127.1, https://ok.example, https://a.example/x' });
    expect(problems).toEqual([
      expect.stringContaining('"http://127.1"'),
      expect.stringContaining('"https://a.example/x"'),
    ]);
  });

  it('rejects a list of separators only', () => {
    expect(problemsOf({ ALLOWED_SERVICE_URLS: ' , ' })).toEqual([
      expect.stringContaining('ALLOWED_SERVICE_URLS: names no origin'),
    ]);
  });
});

describe('ToBotFromChannelOpenIdMetadataUrl', () => {
  const URL_VAR = 'ToBotFromChannelOpenIdMetadataUrl';

  it.each<[string, string]>([
    ['the public cloud', 'https://login.botframework.com/v1/.well-known/openidconfiguration'],
    ['a loopback stand-in over http', 'http://127.0.0.1:4000/openid'],
  ])('reads %s', (_name, raw) => {
    expect(parseConfig({ ...APP, [URL_VAR]: raw }).openIdMetadataUrl).toBe(raw);
  });

  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['plain http off loopback', { ...APP, [URL_VAR]: 'http://login.example/openid' }, `${URL_VAR}: got`],
    ['credentials', { ...APP, [URL_VAR]: 'https://u:p@login.example/openid' }, `${URL_VAR}: got`],
    ['not a URL', { ...APP, [URL_VAR]: 'login.example' }, `${URL_VAR}: got`],
    ['anonymous mode', { [URL_VAR]: 'https://login.example/openid' }, `${URL_VAR}: set, but MicrosoftAppId is not`],
  ])('rejects %s', (_name, env, expected) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(expected);
  });
});

describe('parseConfig: the outbound proxy (as the Azure SDK reads it)', () => {
  const PROXY = 'http://proxy.example.com:3128';
  it.each<[string, NodeJS.ProcessEnv, Config['proxy']]>([
    ['none set', {}, undefined],
    ['HTTPS_PROXY', { HTTPS_PROXY: PROXY }, { url: PROXY, noProxy: [] }],
    ['HTTP_PROXY alone', { HTTP_PROXY: PROXY }, { url: PROXY, noProxy: [] }],
    ['ALL_PROXY alone', { ALL_PROXY: PROXY }, { url: PROXY, noProxy: [] }],
    ['lower-case https_proxy', { https_proxy: PROXY }, { url: PROXY, noProxy: [] }],
    [
      'HTTPS_PROXY over ALL_PROXY over HTTP_PROXY',
      { HTTP_PROXY: 'http://c:1', ALL_PROXY: 'http://b:1', HTTPS_PROXY: 'http://a:1' },
      { url: 'http://a:1', noProxy: [] },
    ],
    [
      'upper case over lower case',
      { HTTPS_PROXY: 'http://a:1', https_proxy: 'http://b:1' },
      { url: 'http://a:1', noProxy: [] },
    ],
    [
      'ALL_PROXY over HTTP_PROXY',
      { HTTP_PROXY: 'http://c:1', ALL_PROXY: 'http://b:1' },
      { url: 'http://b:1', noProxy: [] },
    ],
    [
      'NO_PROXY as a trimmed, lower-case list',
      { HTTPS_PROXY: PROXY, NO_PROXY: ' localhost, .Example.com ,,*, 10.0.0.1:8080 ' },
      { url: PROXY, noProxy: ['localhost', '.example.com', '*', '10.0.0.1:8080'] },
    ],
    ['lower-case no_proxy', { HTTPS_PROXY: PROXY, no_proxy: 'localhost' }, { url: PROXY, noProxy: ['localhost'] }],
    ['NO_PROXY without a proxy', { NO_PROXY: 'localhost' }, undefined],
    [
      'an https proxy with credentials',
      { HTTPS_PROXY: 'https://u:p@proxy:443' },
      { url: 'https://u:p@proxy:443', noProxy: [] },
    ],
  ])('reads %s', (_name, env, expected) => {
    expect(parseConfig(env).proxy).toEqual(expected);
  });

  it.each([
    ['no scheme', { HTTPS_PROXY: 'proxy.example.com:3128' }, 'HTTPS_PROXY: got "proxy.example.com:3128"'],
    ['not a URL', { HTTP_PROXY: 'http://' }, 'HTTP_PROXY: got "http://"'],
    ['a SOCKS proxy', { ALL_PROXY: 'socks5://proxy:1080' }, 'ALL_PROXY: got "socks5://proxy:1080"'],
  ])('rejects a proxy with %s, saying what to set', (_name, env, start) => {
    const problems = problemsOf(env);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(start);
    expect(problems[0]).toContain('such as http://proxy.example.com:3128');
  });

  it('never prints the proxy password', () => {
    const err = catchError(() => parseConfig({ HTTPS_PROXY: 'ftp://user:hunter2@proxy' }));
    expect(err.message).toContain('HTTPS_PROXY');
    expect(err.message).not.toContain('hunter2');
  });
});
