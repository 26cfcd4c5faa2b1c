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
  /** Appends and waits until the activity is recorded and shown; resolves with it as stored. */
  const add = async (store: ConversationStore, id: string, activity: Activity) => {
    const appended = await store.append(id, activity);
    await appended.shown;
    return appended.activity;
  };

  it('numbers activities per conversation and keeps watermarks growing', async () => {
    const store = new ConversationStore({ now: clock().now });
    await store.open('c', 'u');
    const ids: string[] = [];
    for (const t of ['one', 'two', 'three']) ids.push((await add(store, 'c', message(t))).id!);
    expect(ids).toEqual(['c|0000001', 'c|0000002', 'c|0000003']);
    expect(store.after('c', 1)).toMatchObject({ watermark: '3', activities: [{ text: 'two' }, { text: 'three' }] });
    expect(store.after('c', 3)).toEqual({ watermark: '3', activities: [] });
  });

  it('keeps a replyToId only when it names an activity the client has seen (Web Chat waits for it otherwise)', async () => {
    const store = new ConversationStore();
    await store.open('c', 'u');
    const seen = (await add(store, 'c', message('question'))).id;
    expect((await add(store, 'c', message('answer', seen))).replyToId).toBe(seen);
    expect((await add(store, 'c', message('welcome', 'c|join'))).replyToId).toBeUndefined();
  });

  it('keeps only the latest activities, and watermarks still grow', async () => {
    const store = new ConversationStore({ maxActivities: 2 });
    await store.open('c', 'u');
    for (const t of ['a', 'b', 'c']) await add(store, 'c', message(t));
    expect(store.after('c', 0)).toMatchObject({ watermark: '3', activities: [{ text: 'b' }, { text: 'c' }] });
  });

  it('tells subscribers of each new activity and ends them when the conversation goes', async () => {
    const store = new ConversationStore();
    await store.open('c', 'u');
    const got: ActivitySet[] = [];
    let ended = false;
    store.subscribe('c', { send: (set) => got.push(set), end: () => (ended = true) });
    await add(store, 'c', message('hi'));
    store.clear();
    expect(got).toMatchObject([{ watermark: '1', activities: [{ text: 'hi' }] }]);
    expect(ended).toBe(true);
  });

  it.each([
    ['created', 0, 'created'],
    ['exists', 1, 'exists'],
  ])('opens a conversation: %s', async (_n, before, outcome) => {
    const store = new ConversationStore();
    for (let i = 0; i < before; i++) await store.open('c', 'u');
    expect(await store.open('c', 'u')).toBe(outcome);
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

  /** Appends and waits until the activity is recorded and shown; resolves with its id. */
  async function add(s: ConversationStore, id: string, activity: Activity): Promise<string> {
    const appended = await s.append(id, activity);
    await appended.shown;
    return appended.activity.id!;
  }

  /** The bytes the store should be holding: the JSON of every activity it would still give a client. */
  function counted(s: ConversationStore, ids: string[]): number {
    return ids
      .filter((id) => s.holds(id))
      .flatMap((id) => s.after(id, 0).activities)
      .reduce((sum, a) => sum + Buffer.byteLength(JSON.stringify(a)), 0);
  }

  it('counts the JSON bytes of every activity kept, and frees them when activities and conversations go', async () => {
    const { store: s } = store({ maxConversationBytes: 10 * KB });
    for (const id of ['a', 'b']) await s.open(id, 'u');
    for (let i = 0; i < 12; i++) await add(s, i % 3 ? 'a' : 'b', sized(1 + (i % 4)));
    expect(s.bytes).toBe(counted(s, ['a', 'b']));
    expect(s.bytesOf('a')).toBeLessThanOrEqual(10 * KB);
    s.clear();
    expect(s.bytes).toBe(0);
  });

  it("drops a conversation's oldest activities beyond its budget; an old watermark gets what is left", async () => {
    const { store: s } = store({ maxConversationBytes: 10 * KB });
    await s.open('c', 'u');
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) ids.push(await add(s, 'c', sized(3)));
    expect(s.after('c', 0)).toEqual({ watermark: '8', activities: expect.any(Array) });
    expect(s.after('c', 0).activities.map((a) => a.id)).toEqual(ids.slice(-3));
    expect(s.after('c', 2).activities.map((a) => a.id)).toEqual(ids.slice(-3));
    expect(s.after('c', 7).activities.map((a) => a.id)).toEqual(ids.slice(-1));
  });

  it('keeps the newest activity even when it alone is over the budget', async () => {
    const { store: s } = store({ maxConversationBytes: 2 * KB });
    await s.open('c', 'u');
    await add(s, 'c', sized(1));
    const big = await add(s, 'c', sized(5));
    expect(s.after('c', 0).activities.map((a) => a.id)).toEqual([big]);
  });

  it.each<[string, (s: ConversationStore, time: ReturnType<typeof clock>) => Promise<unknown>, string, number]>([
    [
      'a conversation idle for a minute goes first, whole',
      async (s, time) => {
        await s.open('other', 'u');
        await add(s, 'other', sized(5, 'user'));
        time.advance(61_000);
        await s.touch('recent');
      },
      'other',
      3,
    ],
    [
      'a new one nobody used yet is not idle: the largest conversation gives up its oldest activity',
      async (s) => {
        await s.open('other', 'u');
        await add(s, 'other', sized(5));
      },
      'live',
      2,
    ],
  ])('when the total is reached, %s', async (_name, arrange, shrunk, liveActivities) => {
    const { store: s, time } = store({ maxTotalBytes: 40 * KB, maxConversationBytes: 30 * KB });
    await s.open('live', 'u');
    s.subscribe('live', follower());
    await add(s, 'live', sized(10));
    await s.open('recent', 'u');
    await add(s, 'recent', sized(10, 'user'));
    await arrange(s, time);
    await add(s, 'live', sized(10));
    await add(s, 'live', sized(9));
    expect(s.holds('recent')).toBe(true);
    expect(s.holds('other')).toBe(shrunk !== 'other');
    expect(s.after('live', 0).activities).toHaveLength(liveActivities);
    expect(s.bytes).toBeLessThanOrEqual(40 * KB);
  });

  it('when the total is reached by live chats, the largest gives up old activities first, then goes', async () => {
    const { store: s } = store({ maxTotalBytes: 28 * KB, maxConversationBytes: 20 * KB });
    for (const id of ['a', 'b', 'c']) {
      await s.open(id, 'u');
      s.subscribe(id, follower());
      await add(s, id, sized(4));
      await add(s, id, sized(4));
    }
    await add(s, 'c', sized(8));
    expect(['a', 'b', 'c'].map((id) => s.after(id, 0).activities.length)).toEqual([2, 2, 2]);
    await add(s, 'a', sized(18));
    expect(s.bytes).toBeLessThanOrEqual(28 * KB);
    expect(s.holds('c')).toBe(false);
    expect(['a', 'b'].map((id) => s.after(id, 0).activities.length)).toEqual([1, 2]);
    await add(s, 'b', sized(12));
    expect(s.bytes).toBeLessThanOrEqual(28 * KB);
    expect(s.holds('a')).toBe(false);
    expect(s.after('b', 0).activities.length).toBe(2);
  });

  it('stays within its total under a sustained flood from many clients, and a live chat carries on', async () => {
    const { store: s, time } = store({ maxTotalBytes: 256 * KB, maxConversations: 100 });
    await s.open('customer', 'dl_customer', '198.51.100.1');
    s.subscribe('customer', follower());
    const opened = ['customer'];
    let peak = 0;
    for (let second = 0; second < 600; second++) {
      time.advance(1000);
      for (let c = 0; c < 5; c++) {
        const id = `flood-${second}-${c}`;
        if ((await s.open(id, 'u', `203.0.113.${c}`)) !== 'created') continue;
        opened.push(id);
        await add(s, id, sized(30, 'user'));
        await add(s, id, sized(8));
      }
      if (second % 10 === 0) await add(s, 'customer', sized(1, 'user'));
      // A new customer whose page has not connected yet is not taken for idle, however hard the flood pushes.
      if (second === 300) await s.open('newcomer', 'dl_newcomer', '198.51.100.2');
      if (second === 330) expect(await add(s, 'newcomer', sized(1, 'user'))).toBe('newcomer|0000001');
      if (second % 60 === 0) await s.sweep();
      peak = Math.max(peak, s.bytes);
    }
    expect(opened.length).toBeGreaterThan(1000);
    expect(peak).toBeLessThanOrEqual(256 * KB);
    expect(s.bytes).toBe(counted(s, opened));
    expect(s.after('customer', 0).activities.length).toBeGreaterThan(0);
    expect(await add(s, 'customer', sized(1, 'user'))).toBe('customer|0000061');
  });

  it('when full, makes room with the oldest unused conversation at once, else one left for a minute', async () => {
    const { store: s, time } = store({ maxConversations: 2 });
    await s.open('a', 'u');
    await s.open('b', 'u');
    expect(await s.open('new-1', 'u')).toBe('created');
    expect(s.holds('a')).toBe(false);
    s.subscribe('new-1', follower());
    await add(s, 'b', sized(1, 'user'));
    expect(await s.open('new-2', 'u')).toBe('full');
    time.advance(61_000);
    expect(await s.open('new-2', 'u')).toBe('created');
    expect([s.holds('b'), s.holds('new-1')]).toEqual([false, true]);
  });

  it.each<[string, (s: ConversationStore) => Promise<unknown>, string, string | undefined]>([
    ['recycles its own unused conversation', async () => undefined, 'created', 'one'],
    [
      'else its least recently used one nobody follows',
      async (s) => {
        for (const id of ['one', 'two']) await add(s, id, sized(1, 'user'));
      },
      'created',
      'one',
    ],
    [
      'and refuses only when every one is followed',
      async (s) => ['one', 'two'].forEach((id) => s.subscribe(id, follower())),
      'client-full',
      undefined,
    ],
  ])('with a client at its cap, it %s', async (_name, arrange, outcome, gone) => {
    const { store: s, time } = store({ maxConversationsPerClient: 2 });
    await s.open('one', 'u', '2001:db8::/64');
    time.advance(1000);
    await s.open('two', 'u', '2001:db8::/64');
    await s.open('neighbour', 'u', '2001:db8:0:1::/64');
    await arrange(s);
    expect(await s.open('three', 'u', '2001:db8::/64')).toBe(outcome);
    expect(['one', 'two', 'neighbour'].filter((id) => !s.holds(id))).toEqual(gone ? [gone] : []);
  });

  it.each<[string, (s: ConversationStore) => Promise<unknown>, number, boolean]>([
    ['an unused conversation, after 5 minutes', async () => undefined, 5 * 60_000, false],
    ['an unused conversation, not before', async () => undefined, 5 * 60_000 - 1, true],
    ['a conversation the user posted to, not after 5 minutes', (s) => add(s, 'c', sized(1, 'user')), 30 * 60_000, true],
    ['a conversation the user posted to, after an hour', (s) => add(s, 'c', sized(1, 'user')), 60 * 60_000, false],
    ['a followed conversation, never', async (s) => s.subscribe('c', follower()), 24 * 60 * 60_000, true],
  ])('sweeps %s', async (_name, arrange, after, kept) => {
    const { store: s, time } = store();
    await s.open('c', 'u');
    await arrange(s);
    time.advance(after);
    await s.sweep();
    expect(s.holds('c')).toBe(kept);
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
