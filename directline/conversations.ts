/** Conversations in memory: their activities with ids and watermarks, their listeners, and idle clean-up. */

/** A participant as Direct Line shows it. */
export interface ChannelAccount {
  id: string;
  name?: string;
  role?: 'user' | 'bot';
}

/** An activity as JSON; the store fills in `id` and `timestamp`. */
export interface Activity {
  type: string;
  id?: string;
  timestamp?: string;
  channelId?: string;
  from?: ChannelAccount;
  recipient?: ChannelAccount;
  conversation?: { id: string };
  replyToId?: string;
  text?: string;
  channelData?: Record<string, unknown>;
  [field: string]: unknown;
}

/** What GET activities returns and what each WebSocket frame holds. */
export interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

/** Someone following a conversation: a WebSocket, in practice. */
export interface Subscriber {
  send(set: ActivitySet): void;
  /** The conversation was removed (idle, or the server is stopping). */
  end(): void;
}

/** Limits of the store; times in milliseconds, sizes in bytes of an activity's JSON. */
export interface StoreOptions {
  /** Only the latest activities are kept; a client further behind misses the older ones, as with Azure. */
  maxActivities?: number;
  /** A conversation's activities beyond this many bytes are dropped, oldest first (its newest always stays). */
  maxConversationBytes?: number;
  /** All conversations together; beyond it, idle conversations go first, then the largest shrink (see `reclaim`). */
  maxTotalBytes?: number;
  maxConversations?: number;
  /** Open conversations per client (an IPv4 address or an IPv6 /64). */
  maxConversationsPerClient?: number;
  /** A conversation the user posted to or followed, untouched this long and not followed, is removed. */
  idleMs?: number;
  /** A conversation nobody posted to or followed (a token used once, a page that never connected), sooner. */
  unusedMs?: number;
  /** When full, a conversation nobody follows and untouched this long may make room for a new one. */
  abandonedMs?: number;
  now?: () => number;
}

/** Every limit of the store, as set. */
export type StoreLimits = Required<Omit<StoreOptions, 'now'>>;

/** The store's defaults: what a real chat needs, many times over, and not much more. */
export const STORE_DEFAULTS: Readonly<StoreLimits> = {
  maxActivities: 500,
  maxConversationBytes: 128 * 1024,
  maxTotalBytes: 32 * 1024 * 1024,
  maxConversations: 10_000,
  maxConversationsPerClient: 10,
  idleMs: 60 * 60 * 1000,
  unusedMs: 5 * 60 * 1000,
  abandonedMs: 60 * 1000,
};

/** How long a used conversation may sit untouched and unfollowed before it is removed. */
export const DEFAULT_IDLE_MS = STORE_DEFAULTS.idleMs;

/** What opening a conversation came to; `full` and `client-full` mean no room was found. */
export type OpenOutcome = 'created' | 'exists' | 'full' | 'client-full';

interface Stored {
  activity: Activity;
  seq: number;
  bytes: number;
}

interface Conversation {
  id: string;
  user: string;
  client: string;
  seq: number;
  activities: Stored[];
  bytes: number;
  lastActive: number;
  /** The user posted to it or followed it: a real chat, kept longer and evicted last. */
  engaged: boolean;
  subscribers: Set<Subscriber>;
}

/** Parses a client's watermark: empty means "from the start"; undefined means it is not one of ours. */
export function parseWatermark(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return 0;
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/**
 * Holds every open conversation; ids and watermarks only ever grow. Memory is bounded by bytes (each stored
 * activity's JSON is measured) per conversation and in total, and by conversations per client and in total.
 * Why evicting rather than refusing: an abuser must not lock real customers out, so what goes first is what
 * nobody uses, and a live chat loses at most old activities, which its client has already received.
 */
export class ConversationStore {
  /** In order of last use, least recent first (`bump` moves a conversation to the end). */
  private readonly conversations = new Map<string, Conversation>();
  /** Conversations nobody has posted to or followed, oldest first. */
  private readonly unused = new Set<Conversation>();
  private readonly byClient = new Map<string, Set<Conversation>>();
  private readonly limits: StoreLimits;
  private readonly now: () => number;
  private totalBytes = 0;

  constructor(options: StoreOptions = {}) {
    const { now, ...limits } = options;
    this.limits = { ...STORE_DEFAULTS, ...withoutUndefined(limits) };
    this.now = now ?? Date.now;
  }

  /** Opens a conversation for `user` from `client`, making room if it can; says what came of it. */
  open(id: string, user: string, client = ''): OpenOutcome {
    if (this.conversations.has(id)) return 'exists';
    const own = this.byClient.get(client);
    if (own && own.size >= this.limits.maxConversationsPerClient && !this.recycleOwn(own)) return 'client-full';
    if (this.conversations.size >= this.limits.maxConversations && !this.makeRoom()) return 'full';
    const conversation: Conversation = {
      id,
      user,
      client,
      seq: 0,
      activities: [],
      bytes: 0,
      lastActive: this.now(),
      engaged: false,
      subscribers: new Set(),
    };
    this.conversations.set(id, conversation);
    this.unused.add(conversation);
    // Why look it up again: making room may have removed the client's last conversation, and its set.
    const mine = this.byClient.get(client) ?? new Set<Conversation>();
    this.byClient.set(client, mine.add(conversation));
    return 'created';
  }

  /** Whether the conversation is open; counts as activity, so it is not cleaned up. */
  touch(id: string): boolean {
    const conversation = this.conversations.get(id);
    if (conversation) this.bump(conversation);
    return conversation !== undefined;
  }

  /**
   * Stores an activity, gives it an id and timestamp, and sends it to every subscriber; an activity from the
   * user marks the conversation as a real chat. Then trims the conversation and, if needed, the store.
   */
  append(id: string, activity: Activity): Activity {
    const conversation = this.require(id);
    conversation.seq += 1;
    const stored: Activity = {
      ...activity,
      id: `${id}|${String(conversation.seq).padStart(7, '0')}`,
      timestamp: new Date(this.now()).toISOString(),
    };
    // Why: Web Chat holds back an activity whose replyToId it has not seen, for up to 5 seconds.
    if (stored.replyToId !== undefined && !conversation.activities.some((a) => a.activity.id === stored.replyToId))
      delete stored.replyToId;
    const bytes = Buffer.byteLength(JSON.stringify(stored));
    conversation.activities.push({ activity: stored, seq: conversation.seq, bytes });
    this.account(conversation, bytes);
    if (activity.from?.role === 'user') this.engage(conversation);
    this.trim(conversation);
    this.bump(conversation);
    const set = { activities: [stored], watermark: String(conversation.seq) };
    for (const s of conversation.subscribers) s.send(set);
    this.reclaim(conversation);
    return stored;
  }

  /** The activities after `watermark` that are still kept, and the watermark to ask with next time. */
  after(id: string, watermark: number): ActivitySet {
    const conversation = this.require(id);
    const activities = conversation.activities.filter((a) => a.seq > watermark).map((a) => a.activity);
    return { activities, watermark: String(Math.max(watermark, conversation.seq)) };
  }

  /** Follows a conversation (which makes it a real chat); returns the function that stops following. */
  subscribe(id: string, subscriber: Subscriber): () => void {
    const conversation = this.require(id);
    conversation.subscribers.add(subscriber);
    this.engage(conversation);
    this.bump(conversation);
    return () => {
      conversation.subscribers.delete(subscriber);
      if (this.conversations.get(conversation.id) === conversation) this.bump(conversation);
    };
  }

  /** How many subscribers a conversation has, or undefined if it is not open. */
  subscribers(id: string): number | undefined {
    return this.conversations.get(id)?.subscribers.size;
  }

  /** The user a conversation was opened for. */
  userOf(id: string): string | undefined {
    return this.conversations.get(id)?.user;
  }

  /** Removes conversations untouched for `unusedMs` (never used) or `idleMs` (used) that nobody follows. */
  sweep(): number {
    const now = this.now();
    let removed = 0;
    for (const c of this.conversations.values()) {
      const limit = c.engaged ? this.limits.idleMs : this.limits.unusedMs;
      if (c.subscribers.size > 0 || c.lastActive > now - limit) continue;
      this.remove(c);
      removed += 1;
    }
    return removed;
  }

  /** Ends every subscription and forgets every conversation (the server is stopping). */
  clear(): void {
    for (const c of this.conversations.values()) this.remove(c);
  }

  /** How many conversations are open. */
  get size(): number {
    return this.conversations.size;
  }

  /** The bytes of every activity kept (their JSON), the figure the limits are kept by. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** The bytes a conversation holds, or undefined if it is not open. */
  bytesOf(id: string): number | undefined {
    return this.conversations.get(id)?.bytes;
  }

  private bump(conversation: Conversation): void {
    conversation.lastActive = this.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
  }

  private engage(conversation: Conversation): void {
    conversation.engaged = true;
    this.unused.delete(conversation);
  }

  private account(conversation: Conversation, bytes: number): void {
    conversation.bytes += bytes;
    this.totalBytes += bytes;
  }

  /** Drops a conversation's oldest activities beyond its limits; its newest always stays. */
  private trim(conversation: Conversation, maxBytes: number = this.limits.maxConversationBytes): void {
    const { activities } = conversation;
    while (activities.length > 1 && (activities.length > this.limits.maxActivities || conversation.bytes > maxBytes))
      this.account(conversation, -activities.shift()!.bytes);
  }

  /**
   * Brings the store back under its byte limit: first whole conversations left idle (nobody follows them, and
   * nobody touched them for `abandonedMs`), least recently used first; then the conversation holding the most
   * gives up its oldest activity, or goes when it is down to one. Why the largest: that is where a flood's
   * bytes are, while a customer's chat is small; and a new chat nobody has used yet is not taken for idle.
   * `current` (being appended to) keeps at least the activity just stored.
   */
  private reclaim(current: Conversation): void {
    const over = () => this.totalBytes > this.limits.maxTotalBytes;
    for (const victim of this.abandoned()) {
      if (!over()) return;
      if (victim !== current) this.remove(victim);
    }
    while (over()) {
      const largest = this.largest(current);
      if (!largest) return;
      if (largest.activities.length > 1) this.account(largest, -largest.activities.shift()!.bytes);
      else this.remove(largest);
    }
  }

  /** Room for one more conversation: the oldest one nobody used, else the one abandoned longest. */
  private makeRoom(): boolean {
    const victim = this.unused.values().next().value ?? this.abandoned().next().value;
    if (victim) this.remove(victim);
    return victim !== undefined;
  }

  /** Room for one more of a client's own: its oldest unused conversation, else the least recently used unfollowed. */
  private recycleOwn(own: Set<Conversation>): boolean {
    const candidates = [...own].filter((c) => c.subscribers.size === 0);
    const victim = candidates.find((c) => !c.engaged) ?? leastRecent(candidates);
    if (victim) this.remove(victim);
    return victim !== undefined;
  }

  /** Conversations nobody follows that were untouched for `abandonedMs`, least recently used first. */
  private *abandoned(): Generator<Conversation> {
    const cutoff = this.now() - this.limits.abandonedMs;
    for (const c of this.conversations.values()) {
      if (c.lastActive > cutoff) return;
      if (c.subscribers.size === 0) yield c;
    }
  }

  /** The conversation holding the most bytes; `current` only while it has more than its newest activity. */
  private largest(current: Conversation): Conversation | undefined {
    let largest: Conversation | undefined;
    for (const c of this.conversations.values()) {
      if (c === current && c.activities.length <= 1) continue;
      if (!largest || c.bytes > largest.bytes) largest = c;
    }
    return largest;
  }

  private remove(conversation: Conversation): void {
    if (this.conversations.get(conversation.id) !== conversation) return;
    this.conversations.delete(conversation.id);
    this.unused.delete(conversation);
    const own = this.byClient.get(conversation.client);
    own?.delete(conversation);
    if (own?.size === 0) this.byClient.delete(conversation.client);
    this.totalBytes -= conversation.bytes;
    for (const s of conversation.subscribers) s.end();
    conversation.subscribers.clear();
  }

  private require(id: string): Conversation {
    const conversation = this.conversations.get(id);
    if (!conversation) throw new ConversationGoneError(id);
    return conversation;
  }
}

/** Thrown when a conversation was cleaned up while someone still used it. */
export class ConversationGoneError extends Error {
  override name = 'ConversationGoneError';
  constructor(id: string) {
    super(`Conversation ${id} is not open (it ended or was cleaned up after being idle)`);
  }
}

function leastRecent(conversations: Conversation[]): Conversation | undefined {
  return conversations.reduce<Conversation | undefined>(
    (a, c) => (a && a.lastActive <= c.lastActive ? a : c),
    undefined,
  );
}

/** Why: `{...defaults, ...options}` would let an explicit `undefined` (an unset option passed on) erase a default. */
function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}
