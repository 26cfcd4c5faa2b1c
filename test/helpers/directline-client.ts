/** The official Direct Line client (botframework-directlinejs) in Node: fetch behind its ajax, `ws` as its WebSocket. */
import { ConnectionStatus, DirectLine, type Activity as ClientActivity } from 'botframework-directlinejs';
import { Observable } from 'rxjs/Observable';
import type { Subscriber } from 'rxjs/Subscriber';
import WebSocket from 'ws';
import type { Activity } from '../../directline';

// Why global: the client checks for a global WebSocket before it uses the one it is given.
(globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;

interface AjaxRequest {
  method?: string;
  url?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the client's ajax expects: `{response, status}`, and errors with `status` and `xhr.getResponseHeader`. */
function fetchAjax(request: AjaxRequest): Observable<{ response: unknown; status: number }> {
  return Observable.create((subscriber: Subscriber<{ response: unknown; status: number }>) => {
    const controller = new AbortController();
    const body =
      request.body === undefined || typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
    fetch(request.url ?? '', {
      method: request.method ?? 'GET',
      headers: request.headers,
      body,
      signal: controller.signal,
    })
      .then(async (res) => {
        const text = await res.text();
        const response: unknown = text ? JSON.parse(text) : null;
        if (res.ok) {
          subscriber.next({ response, status: res.status });
          subscriber.complete();
        } else
          subscriber.error({
            status: res.status,
            response,
            xhr: { getResponseHeader: (n: string) => res.headers.get(n) },
          });
      })
      .catch((error: unknown) => subscriber.error({ status: 0, error }));
    return () => controller.abort();
  });
}

/** A connected client and every activity it has received. */
export interface Client {
  directLine: DirectLine;
  received: Activity[];
  /** Resolves with the first received activity matching, waiting up to `timeoutMs`. */
  waitFor(match: (a: Activity) => boolean, timeoutMs?: number): Promise<Activity>;
  /** Posts an activity and resolves with its id (the client's own echo has arrived by then or soon after). */
  post(activity: Partial<Activity>): Promise<string>;
  /** The watermark the client would reconnect with: what it has received so far. */
  watermark(): string;
  end(): void;
}

/** Options of the official client that the tests use. */
export interface ClientOptions {
  domain: string;
  token: string;
  conversationId?: string;
  /** Where to resume from, with `conversationId` (as a page does after a reload). */
  watermark?: string;
  webSocket?: boolean;
  pollingInterval?: number;
}

/** Connects the official client to `domain` and starts collecting activities. */
export function connectClient(options: ClientOptions): Client {
  const directLine = new DirectLine({ ...options, ajax: fetchAjax as never, WebSocket: WebSocket as never });
  const received: Activity[] = [];
  const waiters = new Set<() => void>();
  const subscription = directLine.activity$.subscribe((a) => {
    received.push(a as unknown as Activity);
    waiters.forEach((w) => w());
  });
  const userId = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()).user;
  return {
    directLine,
    received,
    waitFor: (match, timeoutMs = 5000) => waitFor(received, waiters, match, timeoutMs),
    post: (activity) =>
      new Promise((resolve, reject) => {
        const full = { type: 'message', from: { id: userId(options.token) }, ...activity } as unknown as ClientActivity;
        directLine.postActivity(full).subscribe({ next: resolve, error: reject });
      }),
    // Why the cast: the client keeps its watermark in a field its typings mark private.
    watermark: () => (directLine as unknown as { watermark: string }).watermark,
    end: () => {
      subscription.unsubscribe();
      directLine.end();
    },
  };
}

function waitFor(
  received: Activity[],
  waiters: Set<() => void>,
  match: (a: Activity) => boolean,
  timeoutMs: number,
): Promise<Activity> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = received.find(match);
      if (!found) return;
      waiters.delete(check);
      clearTimeout(timer);
      resolve(found);
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      reject(new Error(`no matching activity within ${timeoutMs} ms; got ${received.map((a) => a.type).join(', ')}`));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}

export { ConnectionStatus };
