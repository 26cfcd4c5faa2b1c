/** The pure Direct Line core: tokens, rate limits, the conversation store and what a client may post. */
import { clientActivity } from '../directline/client-activity';
import { ConversationStore, parseWatermark, type ActivitySet } from '../directline/conversations';
import { RateLimiter } from '../directline/rate-limiter';
import { createTokenSigner, bearerToken } from '../directline/tokens';

const T0 = Date.parse('2025-01-01T09:00:00Z');

function clock() {
  let now = T0;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('tokens', () => {
  const time = clock();
  const signer = createTokenSigner({ secret: 'a'.repeat(32), now: time.now });
  const other = createTokenSigner({ secret: 'b'.repeat(32), now: time.now });

  it('carries the conversation and user, for 30 minutes', () => {
    const { token, expiresIn } = signer.issue('conv-1', 'dl_user');
    expect(expiresIn).toBe(1800);
    expect(signer.verify(token)).toEqual({
      kind: 'valid',
      claims: { conv: 'conv-1', user: 'dl_user', scope: 'conversation', iat: T0 / 1000, exp: T0 / 1000 + 1800 },
    });
  });

  it.each<[string, () => string, string]>([
    ['signed with another secret', () => other.issue('conv-1', 'u').token, 'invalid'],
    ['a stream token used for the API', () => signer.issue('conv-1', 'u', 'stream').token, 'invalid'],
    ['with an extra part', () => `${signer.issue('conv-1', 'u').token}.x`, 'invalid'],
    ['with alg none', () => `eyJhbGciOiJub25lIn0.${signer.issue('c', 'u').token.split('.')[1]}.`, 'invalid'],
    ['empty', () => '', 'invalid'],
  ])('refuses a token %s', (_name, token, kind) => {
    expect(signer.verify(token()).kind).toBe(kind);
  });

  it('expires a token at its expiry time, not before', () => {
    const { token } = signer.issue('conv-1', 'u');
    time.advance(1799_000);
    expect(signer.verify(token).kind).toBe('valid');
    time.advance(1000);
    expect(signer.verify(token).kind).toBe('expired');
  });

  it.each([
    ['Bearer abc', 'abc'],
    ['bearer abc ', 'abc'],
    ['Basic abc', undefined],
    ['Bearer', undefined],
    [undefined, undefined],
  ])('reads the bearer token from %j', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });
});

describe('RateLimiter', () => {
  it('allows a burst, then one request per refill, and says how long to wait', () => {
    const time = clock();
    const limiter = new RateLimiter({ burst: 2, perSecond: 0.5 }, time.now);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([
      { ok: true },
      { ok: true },
      { ok: false, retryAfterSeconds: 2 },
    ]);
    expect(limiter.take('b')).toEqual({ ok: true });
    time.advance(2000);
    expect(limiter.take('a')).toEqual({ ok: true });
  });

  it('forgets keys whose allowance is full again', () => {
    const time = clock();
    const limiter = new RateLimiter({ burst: 2, perSecond: 1 }, time.now);
    limiter.take('a');
    limiter.sweep();
    expect(limiter.size).toBe(1);
    time.advance(1000);
    limiter.sweep();
    expect(limiter.size).toBe(0);
  });
});

describe('ConversationStore', () => {
  const message = (text: string, replyToId?: string) => ({ type: 'message', text, replyToId });

  it('numbers activities per conversation and keeps watermarks growing', () => {
    const store = new ConversationStore({ now: clock().now });
    store.open('c', 'u');
    const ids = ['one', 'two', 'three'].map((t) => store.append('c', message(t)).id);
    expect(ids).toEqual(['c|0000001', 'c|0000002', 'c|0000003']);
    expect(store.after('c', 1)).toMatchObject({ watermark: '3', activities: [{ text: 'two' }, { text: 'three' }] });
    expect(store.after('c', 3)).toEqual({ watermark: '3', activities: [] });
  });

  it('keeps a replyToId only when it names an activity the client has seen (Web Chat waits for it otherwise)', () => {
    const store = new ConversationStore();
    store.open('c', 'u');
    const seen = store.append('c', message('question')).id;
    expect(store.append('c', message('answer', seen)).replyToId).toBe(seen);
    expect(store.append('c', message('welcome', 'c|join')).replyToId).toBeUndefined();
  });

  it('keeps only the latest activities, and watermarks still grow', () => {
    const store = new ConversationStore({ maxActivities: 2 });
    store.open('c', 'u');
    ['a', 'b', 'c'].forEach((t) => store.append('c', message(t)));
    expect(store.after('c', 0)).toMatchObject({ watermark: '3', activities: [{ text: 'b' }, { text: 'c' }] });
  });

  it('tells subscribers of each new activity and ends them when the conversation goes', () => {
    const store = new ConversationStore();
    store.open('c', 'u');
    const got: ActivitySet[] = [];
    let ended = false;
    store.subscribe('c', { send: (set) => got.push(set), end: () => (ended = true) });
    store.append('c', message('hi'));
    store.clear();
    expect(got).toMatchObject([{ watermark: '1', activities: [{ text: 'hi' }] }]);
    expect(ended).toBe(true);
  });

  it.each([
    ['created', 0, 'created'],
    ['exists', 1, 'exists'],
  ])('opens a conversation: %s', (_n, before, outcome) => {
    const store = new ConversationStore();
    for (let i = 0; i < before; i++) store.open('c', 'u');
    expect(store.open('c', 'u')).toBe(outcome);
  });

  it('refuses new conversations when full', () => {
    const store = new ConversationStore({ maxConversations: 1 });
    store.open('a', 'u');
    expect(store.open('b', 'u')).toBe('full');
  });

  it.each<[unknown, number | undefined]>([
    [undefined, 0],
    ['', 0],
    [null, 0],
    ['12', 12],
    ['1e3', undefined],
    ['-1', undefined],
    ['abc', undefined],
    [['1'], undefined],
  ])('parses watermark %j as %j', (raw, parsed) => {
    expect(parseWatermark(raw)).toBe(parsed);
  });
});

describe('clientActivity', () => {
  const user = { id: 'dl_user' };
  const bot = { id: 'bot', role: 'bot' as const };

  it('keeps what Web Chat sends and sets from and recipient itself', () => {
    const body = {
      type: 'message',
      text: 'hi',
      locale: 'en-GB',
      channelData: { clientActivityID: 'x' },
      from: { id: 'spoofed', role: 'bot' },
      recipient: { id: 'elsewhere' },
      serviceUrl: 'http://evil.example',
      id: 'mine',
      replyToId: 'c|0000001',
    };
    expect(clientActivity(body, user, bot)).toEqual({
      ok: true,
      activity: {
        type: 'message',
        text: 'hi',
        locale: 'en-GB',
        channelData: { clientActivityID: 'x' },
        from: { id: 'dl_user', role: 'user' },
        recipient: bot,
      },
    });
  });

  it.each<[string, unknown, string]>([
    ['a string', 'hello', 'body'],
    ['a conversationUpdate', { type: 'conversationUpdate' }, 'type'],
    ['an invoke', { type: 'invoke' }, 'type'],
    ['a long locale', { type: 'message', text: 'x', locale: 'x'.repeat(40) }, 'locale'],
    ['too many attachments', { type: 'message', attachments: Array(11).fill({}) }, 'attachments'],
    ['channelData that is a list', { type: 'message', text: 'x', channelData: [] }, 'channelData'],
    ['an empty message', { type: 'message' }, 'text'],
  ])('refuses %s', (_name, body, field) => {
    expect(clientActivity(body, user, bot)).toMatchObject({ ok: false, field });
  });

  it.each([
    ['a card button', { type: 'message', value: { text: 'Next' } }],
    ['an event', { type: 'event', name: 'webchat/join', value: {} }],
    ['typing', { type: 'typing' }],
  ])('accepts %s', (_name, body) => {
    expect(clientActivity(body, user, bot).ok).toBe(true);
  });
});
