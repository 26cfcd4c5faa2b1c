/** The pure Direct Line core: tokens, rate limits, the conversation store and what a client may post. */
import { clientActivity } from '../directline/client-activity';
import { clientKey } from '../directline/client-key';
import {
  ConversationStore,
  parseWatermark,
  type Activity,
  type ActivitySet,
  type StoreOptions,
} from '../directline/conversations';
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

describe('clientKey', () => {
  it.each([
    ['an IPv4 address', '203.0.113.7', '203.0.113.7'],
    ['an IPv4-mapped IPv6 address', '::ffff:203.0.113.7', '203.0.113.7'],
    ['an IPv6 address', '2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['another address in the same /64, in capitals', '2001:DB8:1:2::9', '2001:db8:1:2::/64'],
    ['an address in the next /64', '2001:db8:1:3::1', '2001:db8:1:3::/64'],
    ['a link-local address with a zone', 'fe80::1%eth0', 'fe80::/64'],
    ['something else', 'unknown', 'unknown'],
    ['something long', 'x'.repeat(100), 'x'.repeat(64)],
  ])('keys %s (%s) as %s', (_name, address, key) => {
    expect(clientKey(address)).toBe(key);
  });
});

describe('ConversationStore limits', () => {
  const KB = 1024;
  const from = (role: 'user' | 'bot') => ({ id: role, role });
  /** An activity whose JSON, once stored with an id and timestamp, is close to `kb` KB. */
  const sized = (kb: number, role: 'user' | 'bot' = 'bot'): Activity => ({
    type: 'message',
    from: from(role),
    text: 'x'.repeat(kb * KB - 150),
  });
  const follower = () => ({ send: () => undefined, end: () => undefined });

  function store(options: StoreOptions = {}) {
    const time = clock();
    return { time, store: new ConversationStore({ now: time.now, ...options }) };
  }

  /** The bytes the store should be holding: the JSON of every activity it would still give a client. */
  function counted(s: ConversationStore, ids: string[]): number {
    return ids
      .filter((id) => s.userOf(id) !== undefined)
      .flatMap((id) => s.after(id, 0).activities)
      .reduce((sum, a) => sum + Buffer.byteLength(JSON.stringify(a)), 0);
  }

  it('counts the JSON bytes of every activity kept, and frees them when activities and conversations go', () => {
    const { store: s } = store({ maxConversationBytes: 10 * KB });
    ['a', 'b'].forEach((id) => s.open(id, 'u'));
    for (let i = 0; i < 12; i++) s.append(i % 3 ? 'a' : 'b', sized(1 + (i % 4)));
    expect(s.bytes).toBe(counted(s, ['a', 'b']));
    expect(s.bytesOf('a')).toBeLessThanOrEqual(10 * KB);
    s.clear();
    expect(s.bytes).toBe(0);
  });

  it("drops a conversation's oldest activities beyond its budget; an old watermark gets what is left", () => {
    const { store: s } = store({ maxConversationBytes: 10 * KB });
    s.open('c', 'u');
    const ids = Array.from({ length: 8 }, () => s.append('c', sized(3)).id);
    expect(s.after('c', 0)).toEqual({ watermark: '8', activities: expect.any(Array) });
    expect(s.after('c', 0).activities.map((a) => a.id)).toEqual(ids.slice(-3));
    expect(s.after('c', 2).activities.map((a) => a.id)).toEqual(ids.slice(-3));
    expect(s.after('c', 7).activities.map((a) => a.id)).toEqual(ids.slice(-1));
  });

  it('keeps the newest activity even when it alone is over the budget', () => {
    const { store: s } = store({ maxConversationBytes: 2 * KB });
    s.open('c', 'u');
    s.append('c', sized(1));
    const big = s.append('c', sized(5)).id;
    expect(s.after('c', 0).activities.map((a) => a.id)).toEqual([big]);
  });

  it.each<[string, (s: ConversationStore, time: ReturnType<typeof clock>) => void, string, number]>([
    [
      'a conversation idle for a minute goes first, whole',
      (s, time) => {
        s.open('other', 'u');
        s.append('other', sized(5, 'user'));
        time.advance(61_000);
        s.touch('recent');
      },
      'other',
      3,
    ],
    [
      'a new one nobody used yet is not idle: the largest conversation gives up its oldest activity',
      (s) => {
        s.open('other', 'u');
        s.append('other', sized(5));
      },
      'live',
      2,
    ],
  ])('when the total is reached, %s', (_name, arrange, shrunk, liveActivities) => {
    const { store: s, time } = store({ maxTotalBytes: 40 * KB, maxConversationBytes: 30 * KB });
    s.open('live', 'u');
    s.subscribe('live', follower());
    s.append('live', sized(10));
    s.open('recent', 'u');
    s.append('recent', sized(10, 'user'));
    arrange(s, time);
    s.append('live', sized(10));
    s.append('live', sized(9));
    expect(s.userOf('recent')).toBe('u');
    expect(s.userOf('other')).toBe(shrunk === 'other' ? undefined : 'u');
    expect(s.after('live', 0).activities).toHaveLength(liveActivities);
    expect(s.bytes).toBeLessThanOrEqual(40 * KB);
  });

  it('when the total is reached by live chats, the largest gives up old activities first, then goes', () => {
    const { store: s } = store({ maxTotalBytes: 28 * KB, maxConversationBytes: 20 * KB });
    for (const id of ['a', 'b', 'c']) {
      s.open(id, 'u');
      s.subscribe(id, follower());
      s.append(id, sized(4));
      s.append(id, sized(4));
    }
    s.append('c', sized(8));
    expect(['a', 'b', 'c'].map((id) => s.after(id, 0).activities.length)).toEqual([2, 2, 2]);
    s.append('a', sized(18));
    expect(s.bytes).toBeLessThanOrEqual(28 * KB);
    expect(s.userOf('c')).toBeUndefined();
    expect(['a', 'b'].map((id) => s.after(id, 0).activities.length)).toEqual([1, 2]);
    s.append('b', sized(12));
    expect(s.bytes).toBeLessThanOrEqual(28 * KB);
    expect(s.userOf('a')).toBeUndefined();
    expect(s.after('b', 0).activities.length).toBe(2);
  });

  it('stays within its total under a sustained flood from many clients, and a live chat carries on', () => {
    const { store: s, time } = store({ maxTotalBytes: 256 * KB, maxConversations: 100 });
    s.open('customer', 'dl_customer', '198.51.100.1');
    s.subscribe('customer', follower());
    const opened = ['customer'];
    let peak = 0;
    for (let second = 0; second < 600; second++) {
      time.advance(1000);
      for (let c = 0; c < 5; c++) {
        const id = `flood-${second}-${c}`;
        if (s.open(id, 'u', `203.0.113.${c}`) !== 'created') continue;
        opened.push(id);
        s.append(id, sized(30, 'user'));
        s.append(id, sized(8));
      }
      if (second % 10 === 0) s.append('customer', sized(1, 'user'));
      // A new customer whose page has not connected yet is not taken for idle, however hard the flood pushes.
      if (second === 300) s.open('newcomer', 'dl_newcomer', '198.51.100.2');
      if (second === 330) expect(s.append('newcomer', sized(1, 'user')).id).toBe('newcomer|0000001');
      if (second % 60 === 0) s.sweep();
      peak = Math.max(peak, s.bytes);
    }
    expect(opened.length).toBeGreaterThan(1000);
    expect(peak).toBeLessThanOrEqual(256 * KB);
    expect(s.bytes).toBe(counted(s, opened));
    expect(s.after('customer', 0).activities.length).toBeGreaterThan(0);
    expect(s.append('customer', sized(1, 'user')).id).toBe('customer|0000061');
  });

  it('when full, makes room with the oldest unused conversation at once, else one left for a minute', () => {
    const { store: s, time } = store({ maxConversations: 2 });
    s.open('a', 'u');
    s.open('b', 'u');
    expect(s.open('new-1', 'u')).toBe('created');
    expect(s.userOf('a')).toBeUndefined();
    s.subscribe('new-1', follower());
    s.append('b', sized(1, 'user'));
    expect(s.open('new-2', 'u')).toBe('full');
    time.advance(61_000);
    expect(s.open('new-2', 'u')).toBe('created');
    expect([s.userOf('b'), s.userOf('new-1')]).toEqual([undefined, 'u']);
  });

  it.each<[string, (s: ConversationStore) => void, string, string | undefined]>([
    ['recycles its own unused conversation', () => undefined, 'created', 'one'],
    [
      'else its least recently used one nobody follows',
      (s) => ['one', 'two'].forEach((id) => s.append(id, sized(1, 'user'))),
      'created',
      'one',
    ],
    [
      'and refuses only when every one is followed',
      (s) => ['one', 'two'].forEach((id) => s.subscribe(id, follower())),
      'client-full',
      undefined,
    ],
  ])('with a client at its cap, it %s', (_name, arrange, outcome, gone) => {
    const { store: s, time } = store({ maxConversationsPerClient: 2 });
    s.open('one', 'u', '2001:db8::/64');
    time.advance(1000);
    s.open('two', 'u', '2001:db8::/64');
    s.open('neighbour', 'u', '2001:db8:0:1::/64');
    arrange(s);
    expect(s.open('three', 'u', '2001:db8::/64')).toBe(outcome);
    expect(['one', 'two', 'neighbour'].filter((id) => s.userOf(id) === undefined)).toEqual(gone ? [gone] : []);
  });

  it.each<[string, (s: ConversationStore) => void, number, boolean]>([
    ['an unused conversation, after 5 minutes', () => undefined, 5 * 60_000, false],
    ['an unused conversation, not before', () => undefined, 5 * 60_000 - 1, true],
    [
      'a conversation the user posted to, not after 5 minutes',
      (s) => s.append('c', sized(1, 'user')),
      30 * 60_000,
      true,
    ],
    ['a conversation the user posted to, after an hour', (s) => s.append('c', sized(1, 'user')), 60 * 60_000, false],
    ['a followed conversation, never', (s) => s.subscribe('c', follower()), 24 * 60 * 60_000, true],
  ])('sweeps %s', (_name, arrange, after, kept) => {
    const { store: s, time } = store();
    s.open('c', 'u');
    arrange(s);
    time.advance(after);
    s.sweep();
    expect(s.userOf('c') !== undefined).toBe(kept);
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
