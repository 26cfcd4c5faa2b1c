/** Conversations: their activities with ids and watermarks, their listeners, idle clean-up, and their durable copy. */
import { REDACTED, redactSecrets } from '../transcripts/redact';
import { redactActivity, rememberingRedactor } from '../transcripts/redact-activity';
import type { Activity, ActivitySet } from './activity';
import {
  isExpired,
  MemoryConversationRecords,
  type ConversationRecord,
  type ConversationRecords,
  type ExpiryCutoffs,
  type LoadedConversation,
} from './records';

export type { Activity, ActivitySet, ChannelAccount } from './activity';

/** Someone following a conversation: a WebSocket, in practice. */
export interface Subscriber {
  send(set: ActivitySet): void;
  /** The conversation was removed (idle, or the server is stopping). */
  end(): void;
}

/** Limits of the store; times in milliseconds, sizes in bytes of an activity's JSON. */
export interface StoreLimitOptions {
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
  /**
   * How often at most a conversation's record is saved only to say it is still in use. Records are that much
   * behind, so one is taken for expired only that much after its limit (records of other instances, or
   * from before a restart, are judged by what they say).
   */
  touchEveryMs?: number;
}

/** The store's limits, where it keeps its durable copy, and its clock. */
export interface StoreOptions extends StoreLimitOptions {
  /** The durable copy; in memory (lost on restart) when absent. */
  records?: ConversationRecords;
  /** Told of a write to the records that nobody waits for (a trim, a removal, a save) and that failed. */
  onRecordError?: (err: unknown, conversationId: string) => void;
  now?: () => number;
}

/** Every limit of the store, as set. */
export type StoreLimits = Required<StoreLimitOptions>;

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
  touchEveryMs: 60 * 1000,
};

/** How long a used conversation may sit untouched and unfollowed before it is removed. */
export const DEFAULT_IDLE_MS = STORE_DEFAULTS.idleMs;

/** What opening a conversation came to; `full` and `client-full` mean no room was found. */
export type OpenOutcome = 'created' | 'exists' | 'full' | 'client-full';

/** An activity appended: as stored (with its id and timestamp), and when it is durable and shown to clients. */
export interface Appended {
  activity: Activity;
  /** The copy written to the records: redacted, as the transcript keeps it. */
  recorded: Activity;
  /** Resolves once the activity is in the records and sent to the followers; rejects if it could not be recorded. */
  shown: Promise<void>;
}

/** How `append` records an activity. */
export interface AppendOptions {
  /**
   * Record the text as `[redacted]` until `replace` records the copy to keep: for a customer's message, which only
   * the turn can tell gives a secret ("its Penguin2024"), so that its text never reaches the records before.
   */
  holdText?: boolean;
}

/** Whether the customer is still there: for a handover, "the customer left" is idle past a timeout. */
export interface ConversationStatus {
  /** A stream is open on it, on this instance. */
  followed: boolean;
  /** When the customer last posted, polled, reconnected or closed a stream (now, while one is open); ms. */
  lastSeen: number;
  /** When anything last happened in it, replies and proactive messages included; ms. */
  lastActive: number;
}

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
  /** Activities up to this number are in the records, so clients may see them. */
  shown: number;
  activities: Stored[];
  bytes: number;
  lastActive: number;
  lastSeen: number;
  /** The user posted to it or followed it: a real chat, kept longer and evicted last. */
  engaged: boolean;
  subscribers: Set<Subscriber>;
  /** The conversation's writes to the records, in order (see `queue`). */
  tail: Promise<void>;
  /** When its record was last saved. */
  savedAt: number;
  /** The newest activity dropped for the limits, and whether a trim of the records is queued for it. */
  trimThrough: number;
  trimQueued: boolean;
}

/** Parses a client's watermark: empty means "from the start"; undefined means it is not one of ours. */
export function parseWatermark(raw: unknown): number | undefined {
  if (raw === undefined || raw === null || raw === '') return 0;
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : undefined;
}

const ignore = () => undefined;

/**
 * Holds every open conversation; ids and watermarks only ever grow. Memory is bounded by bytes (each stored
 * activity's JSON is measured) per conversation and in total, and by conversations per client and in total.
 * Why evicting rather than refusing: an abuser must not lock real customers out, so what goes first is what
 * nobody uses, and a live chat loses at most old activities, which its client has already received.
 *
 * Durable copy: every conversation and activity is also in `records` (redacted, as the transcript is), and a
 * client sees an activity only once it is there, so after a restart a watermark it holds still means the same.
 * Memory stays the working copy; a conversation only in the records (after a restart) is loaded when used.
 * The records follow memory: what is trimmed or removed here goes there too, and expired records are swept.
 */
export class ConversationStore {
  /** In order of last use, least recent first (`bump` moves a conversation to the end). */
  private readonly conversations = new Map<string, Conversation>();
  /** Conversations nobody has posted to or followed, oldest first. */
  private readonly unused = new Set<Conversation>();
  private readonly byClient = new Map<string, Set<Conversation>>();
  /** Conversations being read from the records, so that two requests load one only once. */
  private readonly loading = new Map<string, Promise<void>>();
  /** Removals from the records under way: the same id opened or loaded again waits for them. */
  private readonly removing = new Map<string, Promise<void>>();
  /** Every write to the records not yet settled, for `idle`. */
  private readonly pending = new Set<Promise<unknown>>();
  private readonly limits: StoreLimits;
  private readonly records: ConversationRecords;
  private readonly onRecordError: (err: unknown, conversationId: string) => void;
  private readonly now: () => number;
  /** The records hold activities redacted as the transcript holds them; the bot's own words are remembered. */
  private readonly redactBot = rememberingRedactor();
  private totalBytes = 0;

  constructor(options: StoreOptions = {}) {
    const { now, records, onRecordError, ...limits } = options;
    this.limits = { ...STORE_DEFAULTS, ...withoutUndefined(limits) };
    this.records = records ?? new MemoryConversationRecords();
    this.onRecordError = onRecordError ?? ignore;
    this.now = now ?? Date.now;
  }

  /** Opens a conversation for `user` from `client`, making room if it can; resolves once it is in the records. */
  async open(id: string, user: string, client = ''): Promise<OpenOutcome> {
    await this.ready(id);
    // Why look only now: another request may have opened it, or loaded it from the records, meanwhile.
    if (this.conversations.has(id)) return 'exists';
    const own = this.byClient.get(client);
    if (own && own.size >= this.limits.maxConversationsPerClient && !this.recycleOwn(own)) return 'client-full';
    if (this.conversations.size >= this.limits.maxConversations && !this.makeRoom()) return 'full';
    const conversation = this.create(id, user, client);
    try {
      await this.queue(conversation, () => this.records.save(this.recordOf(conversation)));
    } catch (err) {
      this.remove(conversation, false);
      throw err;
    }
    return 'created';
  }

  /** Whether the conversation exists, loading it from the records if need be; a client's request, so it counts as use. */
  async touch(id: string): Promise<boolean> {
    await this.ready(id);
    const conversation = this.conversations.get(id);
    if (!conversation) return false;
    conversation.lastSeen = this.now();
    this.bump(conversation);
    return true;
  }

  /**
   * Stores an activity and gives it an id and timestamp; an activity from the user marks the conversation as a
   * real chat. Its followers get it once it is in the records, in order. Then trims the conversation and, if
   * needed, the store. Rejects with ConversationGoneError when the conversation does not exist.
   */
  async append(id: string, activity: Activity, options: AppendOptions = {}): Promise<Appended> {
    await this.ready(id);
    const conversation = this.conversations.get(id);
    if (!conversation) throw new ConversationGoneError(id);
    return this.add(conversation, activity, options);
  }

  /**
   * Records `recorded` as a kept activity's copy (found by its id), after its earlier writes; with `inMemory`, it
   * also becomes the copy clients read back. Resolves once the records hold it. Why: an activity appended with
   * `holdText` is recorded in full only when its turn has read it (see INCOMING_GIVES_SECRET). An activity no
   * longer kept (trimmed, discarded, the conversation gone) is left.
   */
  async replace(id: string, recorded: Activity, inMemory = false): Promise<void> {
    const conversation = this.conversations.get(id);
    const entry = conversation?.activities.find((a) => a.activity.id === recorded.id);
    if (!conversation || !entry) return;
    if (inMemory) {
      const bytes = Buffer.byteLength(JSON.stringify(recorded));
      this.account(conversation, bytes - entry.bytes);
      Object.assign(entry, { activity: recorded, bytes });
    }
    await this.queue(conversation, () => this.records.append(id, { seq: entry.seq, activity: recorded }));
  }

  /** The activities after `watermark` that are kept and recorded, and the watermark to ask with next time. */
  after(id: string, watermark: number): ActivitySet {
    const conversation = this.require(id);
    const { shown } = conversation;
    const activities = conversation.activities
      .filter((a) => a.seq > watermark && a.seq <= shown)
      .map((a) => a.activity);
    return { activities, watermark: String(Math.max(watermark, shown)) };
  }

  /** Follows a conversation (which makes it a real chat); returns the function that stops following. */
  subscribe(id: string, subscriber: Subscriber): () => void {
    const conversation = this.require(id);
    conversation.subscribers.add(subscriber);
    this.engage(conversation);
    this.bump(conversation);
    return () => {
      conversation.subscribers.delete(subscriber);
      conversation.lastSeen = this.now();
      if (this.conversations.get(conversation.id) === conversation) this.bump(conversation);
    };
  }

  /** How many subscribers a conversation has (loading it if need be), or undefined if it does not exist. */
  async subscribers(id: string): Promise<number | undefined> {
    await this.ready(id);
    return this.conversations.get(id)?.subscribers.size;
  }

  /** The user a conversation was opened for (loading it if need be), or undefined if it does not exist. */
  async userOf(id: string): Promise<string | undefined> {
    await this.ready(id);
    return this.conversations.get(id)?.user;
  }

  /** Whether the conversation exists and whether its customer is still there; reading it does not count as use. */
  async status(id: string): Promise<ConversationStatus | undefined> {
    const held = this.conversations.get(id);
    if (held) return this.statusOf(held);
    if (this.removing.has(id)) return undefined;
    const record = await this.records.read(id);
    if (!record || isExpired(record, this.cutoffs())) return undefined;
    return { followed: false, lastSeen: record.lastSeen, lastActive: record.lastActive };
  }

  /** Whether the conversation is in memory now (it may also be only in the records). */
  holds(id: string): boolean {
    return this.conversations.has(id);
  }

  /**
   * Removes conversations untouched for `unusedMs` (never used) or `idleMs` (used) that nobody follows, here and
   * in the records, and records expired that are not in memory (from before a restart, or another instance's).
   * Followed conversations' records are saved now and then, so they are never taken for expired.
   */
  async sweep(): Promise<number> {
    const now = this.now();
    let removed = 0;
    for (const c of this.conversations.values()) {
      if (c.subscribers.size > 0) this.saveIfDue(c);
      const limit = c.engaged ? this.limits.idleMs : this.limits.unusedMs;
      if (c.subscribers.size > 0 || c.lastActive > now - limit) continue;
      this.remove(c);
      removed += 1;
    }
    return removed + (await this.sweepRecords());
  }

  /** Ends every subscription and forgets every conversation in memory; the records keep them (the server is stopping). */
  clear(): void {
    for (const c of this.conversations.values()) this.remove(c, false);
  }

  /** Resolves once every write to the records started so far has settled. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** How many conversations are in memory. */
  get size(): number {
    return this.conversations.size;
  }

  /** The bytes of every activity kept in memory (their JSON), the figure the limits are kept by. */
  get bytes(): number {
    return this.totalBytes;
  }

  /** The bytes a conversation holds, or undefined if it is not in memory. */
  bytesOf(id: string): number | undefined {
    return this.conversations.get(id)?.bytes;
  }

  private add(conversation: Conversation, activity: Activity, options: AppendOptions): Appended {
    conversation.seq += 1;
    const seq = conversation.seq;
    const stored: Activity = {
      ...activity,
      id: `${conversation.id}|${String(seq).padStart(7, '0')}`,
      timestamp: new Date(this.now()).toISOString(),
    };
    // Why: Web Chat holds back an activity whose replyToId it has not seen, for up to 5 seconds.
    if (stored.replyToId !== undefined && !conversation.activities.some((a) => a.activity.id === stored.replyToId))
      delete stored.replyToId;
    const entry: Stored = { activity: stored, seq, bytes: Buffer.byteLength(JSON.stringify(stored)) };
    conversation.activities.push(entry);
    this.account(conversation, entry.bytes);
    if (activity.from?.role === 'user') this.engage(conversation);
    const recorded = redactActivity(stored, activity.from?.role === 'bot' ? this.redactBot : redactSecrets);
    const first = options.holdText && typeof recorded.text === 'string' ? { ...recorded, text: REDACTED } : recorded;
    const shown = this.record(conversation, entry, first);
    this.trim(conversation);
    this.bump(conversation);
    this.reclaim(conversation);
    return { activity: stored, recorded, shown };
  }

  /**
   * Writes the activity to the records at once; shows it to followers once it and every earlier write of the
   * conversation are done. An activity that could not be written is dropped: no client ever saw it.
   */
  private record(conversation: Conversation, entry: Stored, recorded: Activity): Promise<void> {
    const written = this.records.append(conversation.id, { seq: entry.seq, activity: recorded });
    written.catch(ignore);
    const shown = this.queue(conversation, () =>
      written.then(
        () => this.show(conversation, entry),
        (err: unknown) => {
          this.discard(conversation, entry);
          throw err;
        },
      ),
    );
    shown.catch(ignore);
    return shown;
  }

  private show(conversation: Conversation, entry: Stored): void {
    conversation.shown = entry.seq;
    const set = { activities: [entry.activity], watermark: String(entry.seq) };
    for (const s of conversation.subscribers) s.send(set);
  }

  private discard(conversation: Conversation, entry: Stored): void {
    const at = conversation.activities.indexOf(entry);
    if (at < 0) return;
    conversation.activities.splice(at, 1);
    conversation.bytes -= entry.bytes;
    if (this.conversations.get(conversation.id) === conversation) this.totalBytes -= entry.bytes;
  }

  /**
   * Runs `step` after every earlier write of the conversation. Why in order: a trim or a removal must not
   * overtake the write it follows (Blob requests run in parallel), and activities are shown in order.
   */
  private queue<T>(conversation: Conversation, step: () => Promise<T> | T): Promise<T> {
    const result = conversation.tail.then(step);
    const tail = result.then(ignore, ignore);
    conversation.tail = tail;
    this.pending.add(tail);
    void tail.then(() => this.pending.delete(tail));
    return result;
  }

  /** A write nobody waits for: queued in order, and a failure reported. */
  private later(conversation: Conversation, step: () => Promise<void>): void {
    this.queue(conversation, step).catch((err: unknown) => this.onRecordError(err, conversation.id));
  }

  /** Loads the conversation from the records unless it is in memory; two requests at once load it once. */
  private async ready(id: string): Promise<void> {
    if (this.conversations.has(id)) return;
    let loading = this.loading.get(id);
    if (!loading) {
      loading = this.load(id).finally(() => this.loading.delete(id));
      this.loading.set(id, loading);
    }
    await loading;
  }

  private async load(id: string): Promise<void> {
    await this.removing.get(id);
    const loaded = await this.records.load(id);
    if (!loaded || this.conversations.has(id)) return;
    if (isExpired(loaded.record, this.cutoffs())) return void this.forget(id);
    this.admit(loaded);
  }

  /** A conversation from the records back in memory, within the limits as if it had never left. */
  private admit({ record, activities }: LoadedConversation): void {
    const conversation = this.create(record.id, record.user, record.client, record.engaged);
    conversation.lastSeen = record.lastSeen;
    conversation.savedAt = record.lastActive;
    for (const { seq, activity } of activities) {
      const bytes = Buffer.byteLength(JSON.stringify(activity));
      conversation.activities.push({ activity, seq, bytes });
      this.account(conversation, bytes);
    }
    conversation.seq = conversation.shown = activities.at(-1)?.seq ?? 0;
    this.trim(conversation);
    this.reclaim(conversation);
    const own = this.byClient.get(record.client);
    if (own && own.size > this.limits.maxConversationsPerClient) this.recycleOwn(own, conversation);
    if (this.conversations.size > this.limits.maxConversations) this.makeRoom(conversation);
  }

  private create(id: string, user: string, client: string, engaged = false): Conversation {
    const now = this.now();
    const conversation: Conversation = {
      id,
      user,
      client,
      seq: 0,
      shown: 0,
      activities: [],
      bytes: 0,
      lastActive: now,
      lastSeen: now,
      engaged,
      subscribers: new Set(),
      tail: this.removing.get(id) ?? Promise.resolve(),
      savedAt: now,
      trimThrough: 0,
      trimQueued: false,
    };
    this.conversations.set(id, conversation);
    if (!engaged) this.unused.add(conversation);
    // Why look it up again: making room may have removed the client's last conversation, and its set.
    const mine = this.byClient.get(client) ?? new Set<Conversation>();
    this.byClient.set(client, mine.add(conversation));
    return conversation;
  }

  private recordOf(conversation: Conversation): ConversationRecord {
    // Why now while followed: an open stream is use, though nothing moves; the record must not look idle.
    const now = conversation.subscribers.size > 0 ? this.now() : undefined;
    const { id, user, client, engaged } = conversation;
    return {
      version: 1,
      ...{ id, user, client, engaged },
      lastActive: now ?? conversation.lastActive,
      lastSeen: now ?? conversation.lastSeen,
    };
  }

  private statusOf(conversation: Conversation): ConversationStatus {
    const followed = conversation.subscribers.size > 0;
    const { lastSeen, lastActive } = conversation;
    return { followed, lastSeen: followed ? this.now() : lastSeen, lastActive };
  }

  /** Saves the record if the saved one is older than `touchEveryMs`. */
  private saveIfDue(conversation: Conversation): void {
    if (this.now() - conversation.savedAt < this.limits.touchEveryMs) return;
    this.save(conversation);
  }

  private save(conversation: Conversation): void {
    conversation.savedAt = this.now();
    this.later(conversation, () => this.records.save(this.recordOf(conversation)));
  }

  /** Records older than their limit by more than `touchEveryMs` (how far behind a record may be). */
  private cutoffs(): ExpiryCutoffs {
    const now = this.now() - this.limits.touchEveryMs;
    return { engagedBefore: now - this.limits.idleMs, unusedBefore: now - this.limits.unusedMs };
  }

  private async sweepRecords(): Promise<number> {
    const expired = await this.records.expired(this.cutoffs());
    const cold = expired.filter((id) => !this.conversations.has(id) && !this.loading.has(id));
    await Promise.all(cold.map((id) => this.forget(id)));
    return cold.length;
  }

  /** Removes a conversation from the records after `after` (its queued writes); a failure is reported. */
  private forget(id: string, after: Promise<void> = Promise.resolve()): Promise<void> {
    const gone = after
      .then(() => this.records.remove(id))
      .catch((err: unknown) => this.onRecordError(err, id))
      .finally(() => {
        if (this.removing.get(id) === gone) this.removing.delete(id);
        this.pending.delete(gone);
      });
    this.removing.set(id, gone);
    this.pending.add(gone);
    return gone;
  }

  private bump(conversation: Conversation): void {
    conversation.lastActive = this.now();
    this.conversations.delete(conversation.id);
    this.conversations.set(conversation.id, conversation);
    this.saveIfDue(conversation);
  }

  private engage(conversation: Conversation): void {
    if (conversation.engaged) return;
    conversation.engaged = true;
    this.unused.delete(conversation);
    // Why at once: an engaged conversation's record expires after an hour, an unused one's after minutes.
    this.save(conversation);
  }

  private account(conversation: Conversation, bytes: number): void {
    conversation.bytes += bytes;
    this.totalBytes += bytes;
  }

  /** Drops a conversation's oldest activities beyond its limits; its newest always stays. */
  private trim(conversation: Conversation, maxBytes: number = this.limits.maxConversationBytes): void {
    const { activities } = conversation;
    while (activities.length > 1 && (activities.length > this.limits.maxActivities || conversation.bytes > maxBytes))
      this.dropOldest(conversation);
  }

  /** Drops the oldest activity, and from the records too, in one trim for however many go before it runs. */
  private dropOldest(conversation: Conversation): void {
    const oldest = conversation.activities.shift()!;
    this.account(conversation, -oldest.bytes);
    conversation.trimThrough = oldest.seq;
    if (conversation.trimQueued) return;
    conversation.trimQueued = true;
    this.later(conversation, () => {
      conversation.trimQueued = false;
      return this.records.trim(conversation.id, conversation.trimThrough);
    });
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
      if (largest.activities.length > 1) this.dropOldest(largest);
      else this.remove(largest);
    }
  }

  /** Room for one more conversation: the oldest one nobody used, else the one abandoned longest. */
  private makeRoom(except?: Conversation): boolean {
    const victim = firstOther(this.unused, except) ?? firstOther(this.abandoned(), except);
    if (victim) this.remove(victim);
    return victim !== undefined;
  }

  /** Room for one more of a client's own: its oldest unused conversation, else the least recently used unfollowed. */
  private recycleOwn(own: Set<Conversation>, except?: Conversation): boolean {
    const candidates = [...own].filter((c) => c.subscribers.size === 0 && c !== except);
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

  /** Takes the conversation out of memory and, unless the server is only stopping, out of the records. */
  private remove(conversation: Conversation, durably = true): void {
    if (this.conversations.get(conversation.id) !== conversation) return;
    this.conversations.delete(conversation.id);
    this.unused.delete(conversation);
    const own = this.byClient.get(conversation.client);
    own?.delete(conversation);
    if (own?.size === 0) this.byClient.delete(conversation.client);
    this.totalBytes -= conversation.bytes;
    if (durably) void this.forget(conversation.id, conversation.tail);
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

function firstOther(conversations: Iterable<Conversation>, except: Conversation | undefined): Conversation | undefined {
  for (const c of conversations) if (c !== except) return c;
  return undefined;
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
