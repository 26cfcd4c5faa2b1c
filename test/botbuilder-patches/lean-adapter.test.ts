/** LeanCloudAdapter answers every request as botbuilder's CloudAdapter.process does, request by request. */
import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Request,
  type TurnContext,
} from 'botbuilder';
import { LeanCloudAdapter } from '../../bots/botbuilder-patches/lean-adapter';

/** What a response was given: its status, body and whether it was ended. */
interface Answer {
  status?: number;
  body?: unknown;
  ended: boolean;
}

function fakeResponse(answer: Answer) {
  return {
    socket: {},
    status: (code: number) => void (answer.status = code),
    send: (body: unknown) => void (answer.body = body),
    header: () => undefined,
    end: () => void (answer.ended = true),
  };
}

const message = { type: 'message', text: 'hi', serviceUrl: 'http://127.0.0.1:1/', channelId: 'test' };
const conversation = { conversation: { id: 'c-1' }, from: { id: 'u-1' }, recipient: { id: 'bot' } };

/** The turn's logic: an invoke gets a response, everything else nothing (no connector is called). */
async function logic(context: TurnContext): Promise<void> {
  if (context.activity.type === 'invoke' && context.activity.name === 'answer')
    await context.sendActivity({ type: 'invokeResponse', value: { status: 202, body: { done: true } } });
}

const anonymous: ConfigurationBotFrameworkAuthenticationOptions = {};
const withAppId: ConfigurationBotFrameworkAuthenticationOptions = {
  MicrosoftAppId: 'app-id',
  MicrosoftAppPassword: 'secret',
  MicrosoftAppTenantId: 'tenant-id',
};

const cases: [string, ConfigurationBotFrameworkAuthenticationOptions, Request][] = [
  ['a message', anonymous, { method: 'POST', headers: {}, body: { ...message, ...conversation } }],
  ['a GET', anonymous, { method: 'GET', headers: {}, body: { ...message, ...conversation } }],
  ['no body', anonymous, { method: 'POST', headers: {} }],
  ['an array body', anonymous, { method: 'POST', headers: {}, body: [] as never }],
  ['an empty type', anonymous, { method: 'POST', headers: {}, body: { ...message, ...conversation, type: '' } }],
  [
    'an event',
    anonymous,
    { method: 'POST', headers: {}, body: { ...message, ...conversation, type: 'event', name: 'x' } },
  ],
  [
    'an invoke it answers',
    anonymous,
    { method: 'POST', headers: {}, body: { ...message, ...conversation, type: 'invoke', name: 'answer' } },
  ],
  [
    'an invoke it does not answer',
    anonymous,
    { method: 'POST', headers: {}, body: { ...message, ...conversation, type: 'invoke', name: 'other' } },
  ],
  ['no Authorization header', withAppId, { method: 'POST', headers: {}, body: { ...message, ...conversation } }],
  [
    'a bad Authorization header',
    withAppId,
    { method: 'POST', headers: { authorization: 'Bearer nonsense' }, body: { ...message, ...conversation } },
  ],
  [
    'a Basic Authorization header',
    withAppId,
    { method: 'POST', headers: { Authorization: 'Basic eDp5' }, body: { ...message, ...conversation } },
  ],
];

async function answerOf(adapter: CloudAdapter, req: Request): Promise<Answer> {
  const answer: Answer = { ended: false };
  await adapter.process({ ...req, body: req.body && structuredClone(req.body) }, fakeResponse(answer), logic);
  return answer;
}

describe('LeanCloudAdapter.process', () => {
  beforeAll(() => jest.spyOn(console, 'error').mockImplementation(() => undefined));
  afterAll(() => jest.restoreAllMocks());

  it.each(cases)('answers %s as CloudAdapter does', async (_name, auth, req) => {
    const lean = await answerOf(new LeanCloudAdapter(new ConfigurationBotFrameworkAuthentication(auth)), req);
    const botbuilder = await answerOf(new CloudAdapter(new ConfigurationBotFrameworkAuthentication(auth)), req);
    expect(lean).toEqual(botbuilder);
    expect(lean.ended).toBe(true);
  });

  it.each([
    ['a message', 200],
    ['an invoke it answers', 202],
    ['an invoke it does not answer', 501],
    ['a GET', 405],
    ['no body', 400],
    ['no Authorization header', 401],
  ])('answers %s with %i', async (name, status) => {
    const [, auth, req] = cases.find(([n]) => n === name)!;
    expect((await answerOf(new LeanCloudAdapter(new ConfigurationBotFrameworkAuthentication(auth)), req)).status).toBe(
      status,
    );
  });

  it.each<[string, unknown]>([
    ['a body without a type', { ...message, ...conversation, type: undefined }],
    ['a type that is not a string', { ...message, ...conversation, type: 7 }],
  ])('answers %s with 400, where CloudAdapter throws its schema error', async (_name, body) => {
    const req = { method: 'POST', headers: {}, body } as Request;
    const auth = new ConfigurationBotFrameworkAuthentication(anonymous);
    await expect(answerOf(new CloudAdapter(auth), req)).rejects.toThrow(/type/);
    expect(await answerOf(new LeanCloudAdapter(auth), req)).toEqual({ status: 400, ended: true });
  });

  it('runs the turn with the activity botbuilder would give it (timestamps as dates)', async () => {
    const seen: unknown[] = [];
    const adapter = new LeanCloudAdapter(new ConfigurationBotFrameworkAuthentication(anonymous));
    const body = { ...message, ...conversation, timestamp: '2026-11-27T10:00:00.000Z' };
    await adapter.process(
      { method: 'POST', headers: {}, body },
      fakeResponse({ ended: false }),
      async (context: TurnContext) => {
        seen.push(context.activity.timestamp, context.activity.text);
      },
    );
    expect(seen).toEqual([new Date('2026-11-27T10:00:00.000Z'), 'hi']);
  });

  it('throws a failed turn to the caller instead of printing it', async () => {
    const adapter = new LeanCloudAdapter(new ConfigurationBotFrameworkAuthentication(anonymous));
    const req = { method: 'POST', headers: {}, body: { ...message, ...conversation } };
    const failing = async () => {
      throw new Error('boom');
    };
    await expect(adapter.process(req, fakeResponse({ ended: false }), failing)).rejects.toThrow('boom');
  });
});
