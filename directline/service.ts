/** Direct Line 3.0, the part Web Chat uses, as plain operations: HTTP and WebSocket details stay in the server. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../logger';
import { clientActivity } from './client-activity';
import { clientKey } from './client-key';
import {
  ConversationGoneError,
  parseWatermark,
  type Activity,
  type ActivitySet,
  type ChannelAccount,
  type ConversationStore,
  type OpenOutcome,
} from './conversations';
import { RateLimiter, type RateLimit } from './rate-limiter';
import { bearerToken, type TokenClaims, type TokenSigner } from './tokens';

/** Where the API lives, as on Azure. */
export const DIRECTLINE_PATH = '/v3/directline';

/** The channel id activities carry, as with Azure's Direct Line. */
export const DIRECTLINE_CHANNEL_ID = 'directline';

/** The bot as customers see it in the conversation. */
export const DEFAULT_BOT_ACCOUNT: ChannelAccount = {
  id: 'bt-email-support-bot',
  name: 'BT Email assistant',
  role: 'bot',
};

/** A successful answer, or an error shaped as Direct Line shapes its errors. */
export type DirectLineResult<T> =
  | { status: 200 | 201; body: T }
  | { status: 400 | 403 | 404 | 413 | 429 | 500 | 503; body: DirectLineError; retryAfterSeconds?: number };

/** Direct Line's error body. */
export interface DirectLineError {
  error: { code: string; message: string };
}

/** What starting or resuming a conversation returns. */
export interface ConversationInfo {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}

/** A token for the page: the conversation is opened when the client first uses it. */
export interface IssuedToken {
  conversationId: string;
  userId: string;
  token: string;
  expiresIn: number;
}

/** An accepted WebSocket: `start` sends what the client missed, then follows the conversation. */
export interface StreamGrant {
  start(send: (set: ActivitySet) => void, end: () => void): () => void;
}

/** The limits a client and a conversation run under. */
export interface DirectLineLimits {
  /** Every request and stream a client (an IP address) makes; polling asks once a second. */
  perClient: RateLimit;
  /** Activities posted to one conversation. */
  perConversation: RateLimit;
  /** New conversations (tokens) a client may start. */
  newConversations: RateLimit;
  /** Open WebSockets on one conversation (tabs of one chat). */
  streamsPerConversation: number;
  /** Largest activity a client may post, as JSON: a typed or pasted message, a card's answer. */
  maxActivityBytes: number;
}

export const DEFAULT_LIMITS: DirectLineLimits = {
  perClient: { burst: 120, perSecond: 5 },
  perConversation: { burst: 20, perSecond: 1 },
  newConversations: { burst: 20, perSecond: 0.2 },
  streamsPerConversation: 5,
  // Why 32 KB: a customer's message is a few hundred bytes and a pasted mail log a few KB; Web Chat sends
  // no files on this page. The request body cap (256 KB) is for Bot Framework's own activities.
  maxActivityBytes: 32 * 1024,
};

/** What a DirectLineService runs with. */
export interface DirectLineServiceOptions {
  signer: TokenSigner;
  store: ConversationStore;
  /** Runs one turn of the bot (with the activity's redacted copy, when the store made one); one at a time per conversation. */
  /** Runs the bot's turn; `requestId` names the HTTP request the activity came in, for the turn's logs. */
  runTurn: (activity: Activity, redacted?: Activity, requestId?: string) => Promise<void>;
  bot?: ChannelAccount;
  limits?: Partial<DirectLineLimits>;
  now?: () => number;
  logger?: Pick<Logger, 'error' | 'info'>;
  /** When set, a backend holding this secret may mint tokens with tokens/generate, as with Azure. */
  generateSecret?: string;
}

type Authorized = { ok: true; claims: TokenClaims } | { ok: false; result: DirectLineResult<never> };

/** The protocol: tokens, conversations, activities with ids and watermarks, rate limits and turn order. */
export class DirectLineService {
  readonly bot: ChannelAccount;
  private readonly limits: DirectLineLimits;
  private readonly perClient: RateLimiter;
  private readonly perConversation: RateLimiter;
  private readonly newConversations: RateLimiter;
  private readonly turns = new Map<string, Promise<boolean>>();
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly options: DirectLineServiceOptions) {
    this.bot = options.bot ?? DEFAULT_BOT_ACCOUNT;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.perClient = new RateLimiter(this.limits.perClient, options.now);
    this.perConversation = new RateLimiter(this.limits.perConversation, options.now);
    this.newConversations = new RateLimiter(this.limits.newConversations, options.now);
  }

  /** A token for a new conversation, for the page's same-origin token endpoint. */
  issueToken(client: string): DirectLineResult<IssuedToken> {
    const limited = this.limit(this.newConversations, clientKey(client));
    return limited ?? ok(200, this.mint());
  }

  /** Direct Line's tokens/generate: a backend exchanges the secret for a conversation token. */
  generateToken(authorization: string | undefined, body: unknown): DirectLineResult<ConversationInfo> {
    if (!this.options.generateSecret || !sameSecret(bearerToken(authorization), this.options.generateSecret))
      return fail(403, 'Forbidden', 'The Direct Line secret is missing or wrong.');
    const userId = (body as { user?: { id?: unknown } } | undefined)?.user?.id;
    if (userId !== undefined && (typeof userId !== 'string' || !/^[\w:.-]{1,64}$/.test(userId)))
      return fail(400, 'BadArgument', 'user.id must be up to 64 letters, digits, "_", ":", "." or "-".');
    // Why no rate limit: only a backend holding the secret gets here, and it mints for all its visitors.
    const { conversationId, token, expiresIn } = this.mint(userId);
    return ok(200, { conversationId, token, expires_in: expiresIn });
  }

  /**
   * POST conversations: opens the token's conversation (the bot is told the user joined) or returns it, also
   * when it is only in the records (the server restarted).
   */
  async startConversation(
    authorization: string | undefined,
    wsBase: string,
    client: string,
  ): Promise<DirectLineResult<ConversationInfo>> {
    const auth = this.authorize(authorization, client);
    if (!auth.ok) return auth.result;
    const { conv, user } = auth.claims;
    return this.safely(conv, async () => {
      const opened = await this.options.store.open(conv, user, clientKey(client));
      return this.started(opened, auth.claims, bearerToken(authorization)!, wsBase);
    });
  }

  private started(
    opened: OpenOutcome,
    claims: TokenClaims,
    token: string,
    wsBase: string,
  ): DirectLineResult<ConversationInfo> {
    const { conv, user } = claims;
    if (opened === 'client-full')
      return fail(429, 'Throttled', 'Too many chats are open from your address; close one and try again.', 60);
    // Why a minute: by then a conversation nobody follows has been left long enough to make room.
    if (opened === 'full')
      return fail(503, 'ServiceUnavailable', 'Too many conversations are open; try again shortly.', 60);
    // Why not awaited: the welcome is not the client's to wait for; it arrives on the stream or the next poll.
    if (opened === 'created') void this.enqueue(conv, this.joinActivity(conv, user));
    return ok(opened === 'created' ? 201 : 200, this.info(claims, token, wsBase, 0));
  }

  /** GET conversations/{id}: a fresh stream URL to reconnect from `watermark`. */
  async reconnect(
    authorization: string | undefined,
    conversationId: string,
    watermark: unknown,
    wsBase: string,
    client: string,
  ): Promise<DirectLineResult<ConversationInfo>> {
    const auth = this.authorize(authorization, client, conversationId);
    if (!auth.ok) return auth.result;
    const from = parseWatermark(watermark);
    if (from === undefined) return badWatermark();
    return this.safely(conversationId, async () => {
      if (!(await this.options.store.touch(conversationId))) return notFound();
      return ok(200, this.info(auth.claims, bearerToken(authorization)!, wsBase, from));
    });
  }

  /** GET conversations/{id}/activities: what happened after `watermark` (polling). */
  async activities(
    authorization: string | undefined,
    conversationId: string,
    watermark: unknown,
    client: string,
  ): Promise<DirectLineResult<ActivitySet>> {
    const auth = this.authorize(authorization, client, conversationId);
    if (!auth.ok) return auth.result;
    const from = parseWatermark(watermark);
    if (from === undefined) return badWatermark();
    return this.safely(conversationId, async () => {
      if (!(await this.options.store.touch(conversationId))) return notFound();
      return ok(200, this.options.store.after(conversationId, from));
    });
  }

  /**
   * POST conversations/{id}/activities: stores the user's activity (the echo), runs the bot's turn in order, and
   * answers once the turn is done and the echo is in the records, so a 200 means the activity and its replies are
   * on record; a failed turn, or an echo that could not be recorded, is 500.
   */
  async postActivity(
    authorization: string | undefined,
    conversationId: string,
    body: unknown,
    client: string,
    requestId?: string,
  ): Promise<DirectLineResult<{ id: string }>> {
    const auth = this.authorize(authorization, client, conversationId);
    if (!auth.ok) return auth.result;
    const limited = this.limit(this.perConversation, conversationId);
    if (limited) return limited;
    const checked = clientActivity(body, { id: auth.claims.user }, this.bot);
    if (!checked.ok) return fail(400, 'BadArgument', checked.message);
    if (Buffer.byteLength(JSON.stringify(checked.activity)) > this.limits.maxActivityBytes)
      return fail(413, 'MessageSizeTooBig', `The activity is larger than ${this.limits.maxActivityBytes / 1024} KB.`);
    const activity = this.addressed(checked.activity, conversationId);
    return this.safely(conversationId, () => this.handle(conversationId, activity, requestId));
  }

  private async handle(
    conversationId: string,
    activity: Activity,
    requestId?: string,
  ): Promise<DirectLineResult<{ id: string }>> {
    const { store } = this.options;
    if (!(await store.touch(conversationId))) return notFound();
    // Why typing is not stored or run: the bot ignores it, and echoing it would only cost bandwidth.
    if (activity.type === 'typing') return ok(200, { id: '' });
    // Why held: the turn may find the message gives a secret; the adapter records its text once the turn has read it.
    const echo = await store.append(conversationId, activity, { holdText: true });
    // Why the turn does not wait for the echo's write: both are on record before the answer, and in order for
    // clients (the echo is shown first); one SQLite commit can then hold both.
    const recorded = echo.shown.then(
      () => true,
      () => false,
    );
    const turn = this.enqueue(conversationId, echo.activity, echo.recorded, requestId);
    const [turned, echoed] = await Promise.all([turn, recorded]);
    if (turned && echoed) return ok(200, { id: echo.activity.id! });
    if (!(await store.touch(conversationId))) return notFound();
    return fail(500, 'ServiceError', 'The activity could not be handled; send it again.');
  }

  /** POST tokens/refresh: a new token for the same conversation and user, while the old one is valid. */
  async refreshToken(authorization: string | undefined, client: string): Promise<DirectLineResult<ConversationInfo>> {
    const auth = this.authorize(authorization, client);
    if (!auth.ok) return auth.result;
    const { conv, user } = auth.claims;
    return this.safely(conv, async () => {
      await this.options.store.touch(conv);
      const { token, expiresIn } = this.options.signer.issue(conv, user);
      return ok(200, { conversationId: conv, token, expires_in: expiresIn });
    });
  }

  /** Checks a WebSocket request before it is accepted; the stream token comes from the stream URL. */
  async openStream(
    conversationId: string,
    streamToken: unknown,
    watermark: unknown,
    client: string,
  ): Promise<DirectLineResult<StreamGrant>> {
    const limited = this.limit(this.perClient, clientKey(client));
    if (limited) return limited;
    const check = typeof streamToken === 'string' ? this.options.signer.verify(streamToken, 'stream') : undefined;
    if (check?.kind !== 'valid' || check.claims.conv !== conversationId) return forbidden(check?.kind === 'expired');
    const from = parseWatermark(watermark);
    if (from === undefined) return badWatermark();
    return this.safely(conversationId, async () => {
      const streams = await this.options.store.subscribers(conversationId);
      if (streams === undefined) return notFound();
      if (streams >= this.limits.streamsPerConversation)
        return fail(429, 'Throttled', 'Too many open streams on this conversation.', 5);
      return ok(200, { start: (send, end) => this.follow(conversationId, from, send, end) });
    });
  }

  /** Starts the clean-up of idle conversations (in memory and in the records) and rate-limit buckets, every `everyMs`. */
  startSweeping(everyMs = 60_000): void {
    const sweep = () =>
      this.sweep().catch((err: unknown) => this.options.logger?.error({ err }, 'sweeping conversations failed'));
    this.sweeper ??= setInterval(sweep, everyMs).unref();
  }

  /** Removes idle and expired conversations and full rate-limit buckets; resolves with how many conversations went. */
  async sweep(): Promise<number> {
    for (const limiter of [this.perClient, this.perConversation, this.newConversations]) limiter.sweep();
    const removed = await this.options.store.sweep();
    if (removed > 0) this.options.logger?.info({ removed }, 'idle conversations removed');
    return removed;
  }

  /** Resolves when every queued turn has run. */
  async settled(): Promise<void> {
    while (this.turns.size > 0) await Promise.all(this.turns.values());
  }

  /** Stops sweeping, ends every stream and forgets every conversation in memory; the records keep them. */
  close(): void {
    clearInterval(this.sweeper);
    this.sweeper = undefined;
    this.options.store.clear();
  }

  /** A new conversation id, a user id (Azure's "dl_" prefix marks ids that only a token can carry) and a token. */
  private mint(userId = `dl_${randomBytes(12).toString('base64url')}`): IssuedToken {
    const conversationId = randomBytes(18).toString('base64url');
    const { token, expiresIn } = this.options.signer.issue(conversationId, userId);
    return { conversationId, userId, token, expiresIn };
  }

  private follow(conversationId: string, from: number, send: (set: ActivitySet) => void, end: () => void): () => void {
    const { store } = this.options;
    const backlog = store.after(conversationId, from);
    // Why synchronously after the backlog: nothing can be appended in between, so nothing is missed or doubled.
    const stop = store.subscribe(conversationId, {
      send,
      // Why say so: a client would otherwise keep reconnecting to a conversation that no longer exists.
      end: () => {
        send({ activities: [this.endOfConversation(conversationId)], watermark: '' });
        end();
      },
    });
    if (backlog.activities.length > 0) send(backlog);
    return stop;
  }

  private endOfConversation(conversationId: string): Activity {
    return {
      ...this.addressed({ type: 'endOfConversation', code: 'completedSuccessfully', from: this.bot }, conversationId),
      id: `${conversationId}|end`,
      timestamp: new Date((this.options.now ?? Date.now)()).toISOString(),
    };
  }

  /** Why every per-client limit counts by `clientKey`: an IPv6 customer has a whole /64 of addresses. */
  private authorize(authorization: string | undefined, client: string, conversationId?: string): Authorized {
    const limited = this.limit(this.perClient, clientKey(client));
    if (limited) return { ok: false, result: limited };
    const token = bearerToken(authorization);
    const check = token === undefined ? undefined : this.options.signer.verify(token);
    if (check?.kind !== 'valid') return { ok: false, result: forbidden(check?.kind === 'expired') };
    if (conversationId !== undefined && check.claims.conv !== conversationId)
      return { ok: false, result: fail(403, 'Forbidden', 'The token is for another conversation.') };
    return { ok: true, claims: check.claims };
  }

  /**
   * Runs an operation that reads or writes the records. Why here: the records are a disk or a network away,
   * and a failure must reach the client as Direct Line's 500 (which Web Chat retries), never as a dropped request.
   */
  private async safely<T>(
    conversationId: string,
    operation: () => Promise<DirectLineResult<T>>,
  ): Promise<DirectLineResult<T>> {
    try {
      return await operation();
    } catch (err) {
      if (err instanceof ConversationGoneError) return notFound();
      this.options.logger?.error({ err, conversationId }, 'direct line records failed');
      return fail(500, 'ServiceError', 'The conversation could not be read or written just now; try again.');
    }
  }

  private limit(limiter: RateLimiter, key: string): DirectLineResult<never> | undefined {
    const check = limiter.take(key);
    if (check.ok) return undefined;
    return fail(429, 'Throttled', 'Too many requests; wait and try again.', check.retryAfterSeconds);
  }

  private info(claims: TokenClaims, token: string, wsBase: string, watermark: number): ConversationInfo {
    const now = Math.floor((this.options.now ?? Date.now)() / 1000);
    const stream = this.options.signer.issue(claims.conv, claims.user, 'stream').token;
    const query = `watermark=${watermark > 0 ? watermark : ''}&t=${encodeURIComponent(stream)}`;
    return {
      conversationId: claims.conv,
      token,
      expires_in: Math.max(0, claims.exp - now),
      streamUrl: `${wsBase}/conversations/${encodeURIComponent(claims.conv)}/stream?${query}`,
    };
  }

  /** Why one update with both members: Azure does the same when the token names the user, so bots welcome at once. */
  private joinActivity(conversationId: string, user: string): Activity {
    const activity = { type: 'conversationUpdate', membersAdded: [this.bot, { id: user, role: 'user' }] };
    return {
      ...this.addressed({ ...activity, from: { id: user, role: 'user' }, recipient: this.bot }, conversationId),
      id: `${conversationId}|join`,
      timestamp: new Date((this.options.now ?? Date.now)()).toISOString(),
    };
  }

  private addressed(activity: Activity, conversationId: string): Activity {
    return { ...activity, channelId: DIRECTLINE_CHANNEL_ID, conversation: { id: conversationId } };
  }

  /**
   * Runs a turn after the conversation's earlier ones; resolves with whether it succeeded (never rejects).
   * Why a queue per conversation: two turns at once would load and save the same state and lose one's changes.
   */
  private enqueue(
    conversationId: string,
    activity: Activity,
    redacted?: Activity,
    requestId?: string,
  ): Promise<boolean> {
    const previous = this.turns.get(conversationId) ?? Promise.resolve(true);
    const turn = previous
      .then(() => this.options.runTurn(activity, redacted, requestId))
      .then(
        () => true,
        (err: unknown) => {
          this.options.logger?.error({ err, conversationId, requestId }, 'direct line turn failed');
          return false;
        },
      );
    this.turns.set(conversationId, turn);
    void turn.then(() => {
      if (this.turns.get(conversationId) === turn) this.turns.delete(conversationId);
    });
    return turn;
  }
}

function ok<T>(status: 200 | 201, body: T): DirectLineResult<T> {
  return { status, body };
}

function fail(
  status: 400 | 403 | 404 | 413 | 429 | 500 | 503,
  code: string,
  message: string,
  retryAfterSeconds?: number,
): DirectLineResult<never> {
  return { status, body: { error: { code, message } }, retryAfterSeconds };
}

function forbidden(expired: boolean): DirectLineResult<never> {
  return expired
    ? fail(403, 'TokenExpired', 'The token has expired; get a new one.')
    : fail(403, 'Forbidden', 'The token is missing or not valid.');
}

function notFound(): DirectLineResult<never> {
  return fail(404, 'NotFound', 'The conversation has ended or was closed after being idle.');
}

function badWatermark(): DirectLineResult<never> {
  return fail(400, 'BadArgument', 'The watermark is not one this server gave out.');
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
