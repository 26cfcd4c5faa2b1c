/** The web chat's settings in the config: all optional, each checked with a fix when wrong. */
import { ConfigError, parseConfig, type Config } from '../config';

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    parseConfig(env);
    return [];
  } catch (err) {
    if (err instanceof ConfigError) return err.problems.map((p) => `${p.variable}: ${p.problem}`);
    throw err;
  }
}

describe('web chat config', () => {
  it('needs nothing: the built-in Direct Line with a random token secret', () => {
    expect(parseConfig({})).toMatchObject({
      webChatTokenSecret: undefined,
      directLineSecret: undefined,
      directLineEndpoint: undefined,
      webChatOrigins: undefined,
    });
  });

  it.each<[string, NodeJS.ProcessEnv, Partial<Config>]>([
    ['a shared token secret', { WEBCHAT_TOKEN_SECRET: 's'.repeat(32) }, { webChatTokenSecret: 's'.repeat(32) }],
    ['Azure mode', { DIRECTLINE_SECRET: 'secret' }, { directLineSecret: 'secret' }],
    [
      'a regional endpoint, trailing slash dropped',
      { DIRECTLINE_SECRET: 's', DIRECTLINE_ENDPOINT: 'https://europe.directline.botframework.com/' },
      { directLineEndpoint: 'https://europe.directline.botframework.com' },
    ],
    [
      'a loopback endpoint over http',
      { DIRECTLINE_SECRET: 's', DIRECTLINE_ENDPOINT: 'http://127.0.0.1:5000' },
      { directLineEndpoint: 'http://127.0.0.1:5000' },
    ],
    [
      'origins separated by commas or spaces',
      { WEBCHAT_ORIGINS: 'https://www.example.com, https://help.example.com:8443' },
      { webChatOrigins: ['https://www.example.com', 'https://help.example.com:8443'] },
    ],
    ['trusting a reverse proxy', { WEBCHAT_TRUST_PROXY: 'true' }, { webChatTrustProxy: true }],
    ['not trusting one', { WEBCHAT_TRUST_PROXY: '0' }, { webChatTrustProxy: false }],
  ])('reads %s', (_name, env, expected) => {
    expect(parseConfig(env)).toMatchObject(expected);
  });

  it.each<[string, NodeJS.ProcessEnv, string]>([
    ['a short token secret', { WEBCHAT_TOKEN_SECRET: 'short' }, 'WEBCHAT_TOKEN_SECRET: only 5 characters'],
    ['an endpoint without a secret', { DIRECTLINE_ENDPOINT: 'https://x.example.com' }, 'DIRECTLINE_SECRET: missing'],
    [
      'an endpoint over plain http',
      { DIRECTLINE_SECRET: 's', DIRECTLINE_ENDPOINT: 'http://directline.example.com' },
      'DIRECTLINE_ENDPOINT: got "http://directline.example.com"',
    ],
    [
      'an endpoint with a path',
      { DIRECTLINE_SECRET: 's', DIRECTLINE_ENDPOINT: 'https://x.example.com/v3/directline' },
      'DIRECTLINE_ENDPOINT: got',
    ],
    ['an origin that is not a URL', { WEBCHAT_ORIGINS: 'example.com' }, 'WEBCHAT_ORIGINS: got "example.com"'],
    ['a switch that is neither', { WEBCHAT_TRUST_PROXY: 'maybe' }, 'WEBCHAT_TRUST_PROXY: got "maybe"'],
  ])('reports %s', (_name, env, problem) => {
    expect(problemsOf(env).join('\n')).toContain(problem);
  });
});
