import { createLogger, REDACTED } from '../logger';

function logged(fields: object): Record<string, unknown> {
  const lines: string[] = [];
  createLogger('info', { write: (line: string) => lines.push(line) }).info(fields, 'event');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '{}') as Record<string, unknown>;
}

describe('createLogger', () => {
  it.each<[string, object, object]>([
    ['message text', { text: 'my password is hunter2' }, { text: REDACTED }],
    [
      "an activity's text",
      { activity: { type: 'message', text: 'hi' } },
      { activity: { type: 'message', text: REDACTED } },
    ],
    ['text two levels down', { context: { activity: { text: 'hi' } } }, { context: { activity: { text: REDACTED } } }],
    ['a password', { password: 'hunter2' }, { password: REDACTED }],
    ['a nested password', { account: { password: 'hunter2' } }, { account: { password: REDACTED } }],
    [
      'the app secret in a config',
      { config: { microsoftAppPassword: 's3cret' } },
      { config: { microsoftAppPassword: REDACTED } },
    ],
    [
      'the app secret as botbuilder names it',
      { auth: { MicrosoftAppPassword: 's3cret' } },
      { auth: { MicrosoftAppPassword: REDACTED } },
    ],
    [
      'an authorization header',
      { req: { headers: { authorization: 'Bearer t' } } },
      { req: { headers: { authorization: REDACTED } } },
    ],
    [
      'a capitalised Authorization header',
      { headers: { Authorization: 'Bearer t' } },
      { headers: { Authorization: REDACTED } },
    ],
  ])('redacts %s', (_name, fields, expected) => {
    expect(logged(fields)).toMatchObject(expected);
  });

  it('keeps fields that are not secret', () => {
    expect(logged({ status: 413, activity: { type: 'message' } })).toMatchObject({
      status: 413,
      activity: { type: 'message' },
      msg: 'event',
    });
  });

  it('writes nothing below its level', () => {
    const lines: string[] = [];
    const logger = createLogger('warn', { write: (line: string) => lines.push(line) });
    logger.info('quiet');
    logger.warn('loud');
    expect(lines.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(['loud']);
  });
});

describe('createLogger and operator secrets', () => {
  const names = [
    ...['transcriptApiKey', 'insightsApiKey', 'metricsApiKey', 'linkSigningSecret', 'handoffWebhookSecret'],
    'appInsightsConnectionString',
  ];
  it.each(names)('redacts %s at the top and in a config', (name) => {
    const value = 'k'.repeat(40);
    const line = JSON.stringify(logged({ [name]: value, config: { [name]: value } }));
    expect(line).not.toContain(value);
    expect(logged({ config: { [name]: value } })).toMatchObject({ config: { [name]: REDACTED } });
  });
});

describe('createLogger: requests, responses and errors never carry a token', () => {
  const SECRET = 'S3CR3T';

  function line(fields: object): string {
    const lines: string[] = [];
    createLogger('info', { write: (l: string) => lines.push(l) }).warn(fields, 'event');
    return lines.join('');
  }

  const request = {
    method: 'POST',
    url: `/v3/directline/conversations/c-1/stream?t=${SECRET}&watermark=3&token=${SECRET}`,
    headers: {
      host: 'bot.example',
      'content-type': 'application/json',
      authorization: `Bearer ${SECRET}`,
      cookie: `session=${SECRET}`,
      'x-api-key': SECRET,
    },
    rawHeaders: ['Authorization', `Bearer ${SECRET}`],
    body: { text: SECRET },
    _body: `{"text":"${SECRET}"}`,
  };

  it.each<[string, object, string[]]>([
    [
      'a request (restify logs `req`)',
      { req: request },
      ['POST', '/v3/directline/conversations/c-1/stream?t=', 'bot.example'],
    ],
    [
      'a response with a cookie',
      { res: { statusCode: 401, getHeaders: () => ({ 'set-cookie': `s=${SECRET}`, 'content-type': 'text/plain' }) } },
      ['401', 'text/plain'],
    ],
    [
      'an HTTP client error carrying its request',
      {
        err: Object.assign(new Error('Unauthorized'), {
          statusCode: 401,
          request: { method: 'POST', url: `https://smba.example/v3/x?token=${SECRET}`, headers: request.headers },
          response: { status: 401, headers: { 'set-cookie': SECRET } },
        }),
      },
      ['Unauthorized', 'https://smba.example/v3/x?token=', '401'],
    ],
    ['a cookie header elsewhere', { headers: { cookie: SECRET }, upstream: { headers: { cookie: SECRET } } }, []],
  ])('keeps %s useful and secret-free', (_name, fields, kept) => {
    const logged = line(fields);
    expect(logged).not.toContain(SECRET);
    for (const part of kept) expect(logged).toContain(part);
  });
});
