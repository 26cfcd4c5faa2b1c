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
