/**
 * Microsoft Teams' connector on loopback, for the handover tests and bench: it records what the bot
 * posts and updates, threads a channel as Teams does, can throttle (429 with Retry-After), and builds
 * the activities Teams sends the bot from agents in the support channel and customers in a personal chat.
 *
 * Threads: a post to `/v3/conversations/<channel>/activities` starts a thread and is answered with the
 * root post's id; the thread's conversation id is then `<channel>;messageid=<root id>`, and replies into
 * it are posted there. `PUT /v3/conversations/<id>/activities/<activity id>` is an update (updateActivity).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a call did: started a thread in a channel, posted into a conversation (a thread, a chat), or updated a post. */
export type TeamsCallKind = 'thread' | 'post' | 'update';

/** One request the bot made to the stand-in, as answered. */
export interface TeamsCall {
  kind: TeamsCallKind;
  method: string;
  /** The conversation in the path: a channel, a thread (`<channel>;messageid=<root>`) or a chat. */
  conversationId: string;
  /** The activity in the path: replied to (POST) or updated (PUT). */
  activityId?: string;
  /** The id the stand-in answered with: a new thread's root post id, or the updated activity's. */
  id: string;
  /** The HTTP status given: 200, or 429 when throttled. */
  status: number;
  activity: Record<string, unknown>;
  /** Bytes of the request body, as Teams would count them against its message size limit. */
  bytes: number;
}

/** The next `times` calls (to `conversationId`, or any) are answered 429 with `Retry-After: retryAfterSeconds`. */
export interface Throttle {
  times: number;
  retryAfterSeconds: number;
  conversationId?: string;
}

/** A running stand-in; put `serviceUrl` in the activities sent to the bot. */
export interface TeamsStandIn {
  serviceUrl: string;
  /** Every call answered 200, in arrival order. */
  calls: TeamsCall[];
  /** Every call, those answered 429 included. */
  attempts: TeamsCall[];
  throttle(throttle: Throttle): void;
  /** Resolves with the first `count` answered calls that match, waiting up to `timeoutMs` for them. */
  waitFor(match: (call: TeamsCall) => boolean, count?: number, timeoutMs?: number): Promise<TeamsCall[]>;
  close(): Promise<void>;
}

const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/?]+)\/activities(?:\/([^/?]+))?/;

/** Teams' channel ids end so; group chats end in @thread.v2 and personal chats start with "a:". */
export function isChannelId(conversationId: string): boolean {
  return !conversationId.includes(';') && /@thread\.(?:tacv2|skype)$/.test(conversationId);
}

/** The conversation id of a thread in a channel. */
export function threadId(channelId: string, rootId: string): string {
  return `${channelId};messageid=${rootId}`;
}

/** Starts the stand-in on a free loopback port. */
export async function startTeamsStandIn(): Promise<TeamsStandIn> {
  const state = new StandInState();
  const server: Server = createServer((req, res) => state.handle(req, res));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    calls: state.calls,
    attempts: state.attempts,
    throttle: (t) => state.throttles.push({ ...t }),
    waitFor: (match, count = 1, timeoutMs = 5000) => state.waitFor(match, count, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

class StandInState {
  readonly calls: TeamsCall[] = [];
  readonly attempts: TeamsCall[] = [];
  readonly throttles: Throttle[] = [];
  private readonly waiters = new Set<() => void>();
  /** Teams' message ids are epoch milliseconds; these count up from a fixed start so they stay unique. */
  private nextId = 1_760_000_000_000;

  handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const match = ACTIVITIES_PATH.exec(req.url ?? '');
      if (!match || (req.method !== 'POST' && req.method !== 'PUT')) return answer(res, 200, {});
      const conversationId = decodeURIComponent(match[1] ?? '');
      const throttle = this.takeThrottle(conversationId);
      const call = this.call(req.method, conversationId, match[2], body, throttle ? 429 : 200);
      this.attempts.push(call);
      if (throttle)
        return answer(res, 429, { error: { code: 'Throttled' } }, { 'retry-after': `${throttle.retryAfterSeconds}` });
      this.calls.push(call);
      this.waiters.forEach((w) => w());
      answer(res, 200, { id: call.id });
    });
  }

  waitFor(match: (call: TeamsCall) => boolean, count: number, timeoutMs: number): Promise<TeamsCall[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.calls.filter(match);
        if (found.length < count) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found.slice(0, count));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const seen = this.calls.map((c) => `${c.kind} ${c.conversationId}`).join('\n  ');
        reject(new Error(`waited ${timeoutMs} ms for ${count} matching Teams calls; got:\n  ${seen}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  private call(method: string, conversationId: string, inPath: string | undefined, body: Buffer, status: number) {
    const activityId = inPath === undefined ? undefined : decodeURIComponent(inPath);
    const kind: TeamsCallKind = method === 'PUT' ? 'update' : isChannelId(conversationId) ? 'thread' : 'post';
    // Why no id for a throttled call: Teams made no post, and ids are what tests thread replies by.
    const id = kind === 'update' ? (activityId ?? '') : status === 200 ? String(this.nextId++) : '';
    const activity = JSON.parse(body.toString() || '{}') as Record<string, unknown>;
    const call: TeamsCall = { kind, method, conversationId, id, status, activity, bytes: body.length };
    return activityId === undefined ? call : { ...call, activityId };
  }

  private takeThrottle(conversationId: string): Throttle | undefined {
    const throttle = this.throttles.find((t) => t.times > 0 && (t.conversationId ?? conversationId) === conversationId);
    if (throttle) throttle.times--;
    return throttle;
  }
}

function answer(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // Why writeHead then end: restify, loaded in the same jest worker, patches writeHead to return nothing.
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

// ---- What Teams sends the bot ----

/** A Teams user: `id` is the 29:… chat id, `aadObjectId` the Entra object id that HANDOFF_AGENT_IDS lists. */
export interface TeamsPerson {
  id: string;
  name: string;
  aadObjectId: string;
}

/** The team the support channel is in, as channelData names it. */
export interface TeamsTeam {
  id: string;
  name: string;
  aadGroupId: string;
}

/** Where the activities come from: the bot's own account, the tenant, the support team and its channel. */
export interface TeamsScene {
  bot: { id: string; name: string };
  tenantId: string;
  team: TeamsTeam;
  /** TEAMS_SUPPORT_CHANNEL_ID: a standard channel of `team`. */
  channelId: string;
}

/** A fixed support team, for tests and the bench: the values to put in TEAMS_SUPPORT_TEAM_ID and TEAMS_SUPPORT_CHANNEL_ID. */
export const SUPPORT_SCENE: TeamsScene = {
  bot: { id: '28:0f4b5a1e-8c2d-4e6f-9a7b-1c2d3e4f5a6b', name: 'BT Email help' },
  tenantId: 'tenant-3f1c',
  team: {
    id: '19:support-general@thread.tacv2',
    name: 'BT Email support',
    aadGroupId: '0d5e8c7a-1b2c-4d3e-9f8a-7b6c5d4e3f2a',
  },
  channelId: '19:support-desk@thread.tacv2',
};

/** Two agents in the support channel, and a customer in a Teams personal chat. */
export const TEAMS_PEOPLE: Readonly<Record<'jane' | 'bob' | 'pat', TeamsPerson>> = {
  jane: { id: '29:1jane', name: 'Jane Smith', aadObjectId: '6a1f3c2e-0000-4000-8000-00000000000a' },
  bob: { id: '29:1bob', name: 'Bob Jones', aadObjectId: '6a1f3c2e-0000-4000-8000-00000000000b' },
  pat: { id: '29:1pat', name: 'Pat Customer', aadObjectId: '6a1f3c2e-0000-4000-8000-00000000000c' },
};

/** Options of an agent's message in a thread. */
export interface AgentMessageOptions {
  /** Whether the agent @mentioned the bot (Teams then delivers `<at>Bot</at> text` with a mention entity). */
  mention?: boolean;
  /** Files attached, as Teams lists them (a download link per file). */
  files?: number;
  /** Another channel of the team (messages there must never reach a customer). */
  channelId?: string;
}

/** Builds the activities Teams would POST to the bot's /api/messages from `scene`, replies going to `serviceUrl`. */
export class TeamsSender {
  private serial = 0;

  constructor(
    private readonly serviceUrl: string,
    readonly scene: TeamsScene = SUPPORT_SCENE,
  ) {}

  /** The bot added to the support team: Teams' conversationUpdate in the team's General channel. */
  installed(): Record<string, unknown> {
    const { team } = this.scene;
    return this.activity(team.id, this.scene.bot, {
      type: 'conversationUpdate',
      membersAdded: [this.scene.bot],
      channelData: { ...this.channelData(team.id), eventType: 'teamMemberAdded' },
    });
  }

  /** An agent's message in a handover thread (`thread` is `<channel>;messageid=<root>`). */
  agentMessage(
    thread: string,
    agent: TeamsPerson,
    text: string,
    options: AgentMessageOptions = {},
  ): Record<string, unknown> {
    const channel = options.channelId ?? thread.split(';')[0] ?? thread;
    const conversationId = options.channelId ? threadId(options.channelId, thread.split('=')[1] ?? '') : thread;
    const mention = `<at>${this.scene.bot.name}</at>`;
    const entities = options.mention ? [{ type: 'mention', text: mention, mentioned: this.scene.bot }] : [];
    return this.activity(conversationId, agent, {
      type: 'message',
      text: options.mention ? `${mention} ${text}` : text,
      textFormat: 'plain',
      entities: [...entities, { type: 'clientInfo', locale: 'en-GB', country: 'GB', platform: 'Web' }],
      attachments: files(options.files ?? 0),
      channelData: this.channelData(channel),
    });
  }

  /** An Action.Execute click on the card `cardActivityId`: the `adaptiveCard/action` invoke of Universal Actions. */
  execute(
    thread: string,
    agent: TeamsPerson,
    cardActivityId: string,
    verb: string,
    data: unknown,
  ): Record<string, unknown> {
    return this.activity(thread, agent, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: cardActivityId,
      value: { action: { type: 'Action.Execute', id: `action-${this.serial}`, verb, data }, trigger: 'manual' },
      channelData: this.channelData(thread.split(';')[0] ?? thread),
    });
  }

  /** The same click from a client without Universal Actions: Action.Submit, a message carrying the data as `value`. */
  submit(thread: string, agent: TeamsPerson, cardActivityId: string, data: unknown): Record<string, unknown> {
    return this.activity(thread, agent, {
      type: 'message',
      replyToId: cardActivityId,
      value: data,
      channelData: { ...this.channelData(thread.split(';')[0] ?? thread), postBack: true },
    });
  }

  /** What a customer types in their personal chat with the bot (`a:…` conversation). */
  personal(conversationId: string, customer: TeamsPerson, text: string): Record<string, unknown> {
    return this.activity(conversationId, customer, {
      type: 'message',
      text,
      textFormat: 'plain',
      conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId: this.scene.tenantId },
      channelData: { tenant: { id: this.scene.tenantId } },
    });
  }

  private channelData(channelId: string): Record<string, unknown> {
    return { tenant: { id: this.scene.tenantId }, team: this.scene.team, channel: { id: channelId } };
  }

  private activity(conversationId: string, from: { id: string; name: string }, fields: Record<string, unknown>) {
    const channel = { id: conversationId, conversationType: 'channel', isGroup: true, tenantId: this.scene.tenantId };
    return {
      id: `${1_770_000_000_000 + ++this.serial}`,
      channelId: 'msteams',
      serviceUrl: this.serviceUrl,
      timestamp: new Date().toISOString(),
      locale: 'en-GB',
      from,
      recipient: this.scene.bot,
      conversation: channel,
      ...fields,
    };
  }
}

/** Teams' file attachments: a download link per file. */
function files(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    contentType: 'application/vnd.microsoft.teams.file.download.info',
    name: `screenshot-${i + 1}.png`,
    content: { downloadUrl: `https://contoso.sharepoint.com/file-${i + 1}`, fileType: 'png' },
  }));
}

/** What the bot answered an activity with: the HTTP status and, for an invoke, the body. */
export interface BotAnswer {
  status: number;
  body: unknown;
}

/** POSTs an activity to the bot's /api/messages as Teams does (anonymous mode: no token) and reads the answer. */
export async function sendToBot(botUrl: string, activity: Record<string, unknown>): Promise<BotAnswer> {
  const res = await fetch(`${botUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}
