/** A Bot Framework connector stand-in on loopback: records what a bot sends to its serviceUrl. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Activity } from 'botbuilder';

/** One activity the bot sent, with the conversation it was sent to. */
export interface Recorded {
  /** POST (a new post or a reply) or PUT (updateActivity). */
  method: string;
  conversationId: string;
  replyToId?: string;
  activity: Record<string, unknown>;
}

/** A running stand-in; `serviceUrl` goes into the activities posted to the bot. */
export interface ConnectorStandIn {
  serviceUrl: string;
  sent: Recorded[];
  /** Answers the next `times` posts and updates 429 with `Retry-After: retryAfterSeconds` (Teams' throttling); they are not recorded. */
  throttle(times: number, retryAfterSeconds?: number): void;
  /** How many requests were answered 429. */
  throttled(): number;
  /** Resolves when `count` more activities have arrived for a conversation. */
  waitFor(conversationId: string, count: number, timeoutMs?: number): Promise<Recorded[]>;
  close(): Promise<void>;
}

const ACTIVITY_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/;

/** Starts the stand-in on a free loopback port. */
export async function startConnector(): Promise<ConnectorStandIn> {
  const sent: Recorded[] = [];
  const waiters = new Set<() => void>();
  const throttling = { left: 0, retryAfterSeconds: 0, answered: 0 };
  const server: Server = createServer((req, res) => handle(req, res, { sent, waiters, throttling }));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    serviceUrl: `http://127.0.0.1:${port}/`,
    sent,
    throttle: (times, retryAfterSeconds = 0) => Object.assign(throttling, { left: times, retryAfterSeconds }),
    throttled: () => throttling.answered,
    waitFor: (conversationId, count, timeoutMs = 5000) => waitFor(sent, waiters, conversationId, count, timeoutMs),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface StandInState {
  sent: Recorded[];
  waiters: Set<() => void>;
  throttling: { left: number; retryAfterSeconds: number; answered: number };
}

function handle(req: IncomingMessage, res: ServerResponse, { sent, waiters, throttling }: StandInState): void {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const match = ACTIVITY_PATH.exec(req.url ?? '');
    const activityCall = match && (req.method === 'POST' || req.method === 'PUT');
    if (activityCall && throttling.left > 0) {
      throttling.left--;
      throttling.answered++;
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': String(throttling.retryAfterSeconds) });
      res.end(JSON.stringify({ error: { code: 'Throttled', message: 'Too many requests' } }));
      return;
    }
    if (match && activityCall) {
      sent.push({
        method: req.method ?? '',
        conversationId: decodeURIComponent(match[1] ?? ''),
        replyToId: match[2],
        activity: JSON.parse(body || '{}'),
      });
      waiters.forEach((w) => w());
    }
    const id = req.url?.startsWith('/v3/conversations') && !match ? `conv-${randomUUID()}` : randomUUID();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, activityId: randomUUID() }));
  });
}

function waitFor(
  sent: Recorded[],
  waiters: Set<() => void>,
  conversationId: string,
  count: number,
  timeoutMs: number,
): Promise<Recorded[]> {
  const start = sent.filter((r) => r.conversationId === conversationId).length;
  return new Promise((resolve, reject) => {
    const check = () => {
      const mine = sent.filter((r) => r.conversationId === conversationId);
      if (mine.length - start < count) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(mine.slice(start));
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`waited ${timeoutMs} ms for ${count} activities to ${conversationId}`));
    }, timeoutMs);
    waiters.add(check);
  });
}

/** A message from the customer of `conversationId`; replies go to the connector stand-in. */
export function customerMessage(connector: ConnectorStandIn, conversationId: string, text: string): Partial<Activity> {
  return {
    type: 'message',
    id: `m-${Math.random().toString(36).slice(2)}`,
    text,
    channelId: 'webchat',
    serviceUrl: connector.serviceUrl,
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: `user-${conversationId}`, name: 'Customer', role: 'user' },
    recipient: { id: 'bot', name: 'Bot', role: 'bot' },
  };
}
