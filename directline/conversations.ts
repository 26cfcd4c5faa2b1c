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

/** Limits of the store; times in milliseconds. */
export interface StoreOptions {
  /** Only the latest activities are kept; a client further behind misses the older ones, as with Azure. */
  maxActivities?: number;
  maxConversations?: number;
  idleMs?: number;
  now?: () => number;
}

interface Conversation {
  id: string;
  user: string;
  seq: number;
  activities: Activity[];
  lastActive: number;
  subscribers: Set<Subscriber>;
}

export const DEFAULT_IDLE_MS = 60 * 60 * 1000;

/** Parses a client's watermark: empty means "from the start"; undefined means it is not one of ours. */
export function parseWatermark(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return 0;
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

/** Holds every open conversation; ids and watermarks only ever grow. */
export class ConversationStore {
  private readonly conversations = new Map<string, Conversation>();
  private readonly maxActivities: number;
  private readonly maxConversations: number;
  private readonly idleMs: number;
  private readonly now: () => number;

  constructor(options: StoreOptions = {}) {
    this.maxActivities = options.maxActivities ?? 500;
    this.maxConversations = options.maxConversations ?? 10_000;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.now = options.now ?? Date.now;
  }

  /** Opens a conversation for `user`; says whether it was new, already open, or the store is full. */
  open(id: string, user: string): 'created' | 'exists' | 'full' {
    if (this.conversations.has(id)) return 'exists';
    if (this.conversations.size >= this.maxConversations) return 'full';
    this.conversations.set(id, { id, user, seq: 0, activities: [], lastActive: this.now(), subscribers: new Set() });
    return 'created';
  }

  /** Whether the conversation is open; counts as activity, so it is not cleaned up. */
  touch(id: string): boolean {
    const conversation = this.conversations.get(id);
    if (conversation) conversation.lastActive = this.now();
    return conversation !== undefined;
  }

  /** Stores an activity, gives it an id and timestamp, and sends it to every subscriber. */
  append(id: string, activity: Activity): Activity {
    const conversation = this.require(id);
    conversation.seq += 1;
    const stored: Activity = {
      ...activity,
      id: `${id}|${String(conversation.seq).padStart(7, '0')}`,
      timestamp: new Date(this.now()).toISOString(),
    };
    // Why: Web Chat holds back an activity whose replyToId it has not seen, for up to 5 seconds.
    if (stored.replyToId !== undefined && !conversation.activities.some((a) => a.id === stored.replyToId))
      delete stored.replyToId;
    conversation.activities.push(stored);
    if (conversation.activities.length > this.maxActivities) conversation.activities.shift();
    conversation.lastActive = this.now();
    const set = { activities: [stored], watermark: String(conversation.seq) };
    for (const s of conversation.subscribers) s.send(set);
    return stored;
  }

  /** The activities after `watermark`, and the watermark to ask with next time. */
  after(id: string, watermark: number): ActivitySet {
    const conversation = this.require(id);
    const activities = conversation.activities.filter((a) => sequenceOf(a) > watermark);
    return { activities, watermark: String(Math.max(watermark, conversation.seq)) };
  }

  /** Follows a conversation; returns the function that stops following. */
  subscribe(id: string, subscriber: Subscriber): () => void {
    const conversation = this.require(id);
    conversation.subscribers.add(subscriber);
    return () => {
      conversation.subscribers.delete(subscriber);
      conversation.lastActive = this.now();
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

  /** Removes conversations nobody has used for `idleMs` and nobody follows; returns how many. */
  sweep(): number {
    const cutoff = this.now() - this.idleMs;
    let removed = 0;
    for (const c of [...this.conversations.values()]) {
      if (c.lastActive > cutoff || c.subscribers.size > 0) continue;
      this.remove(c);
      removed += 1;
    }
    return removed;
  }

  /** Ends every subscription and forgets every conversation (the server is stopping). */
  clear(): void {
    for (const c of [...this.conversations.values()]) this.remove(c);
  }

  /** How many conversations are open. */
  get size(): number {
    return this.conversations.size;
  }

  private remove(conversation: Conversation): void {
    this.conversations.delete(conversation.id);
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

function sequenceOf(activity: Activity): number {
  return Number(activity.id?.slice(activity.id.lastIndexOf('|') + 1) ?? 0);
}
