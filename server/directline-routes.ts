/** The built-in Direct Line 3.0 over HTTP and WebSocket: thin restify and `ws` glue around DirectLineService. */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as restify from 'restify';
import { WebSocketServer, type WebSocket } from 'ws';
import { DIRECTLINE_PATH, type ActivitySet, type DirectLineResult, type DirectLineService } from '../directline';
import type { Logger } from '../logger';
import { boundedBody } from './body-shape';
import { requestIdOf } from './request-ids';

/** How often an open stream is pinged; a client that misses a pong is dropped. */
export const STREAM_HEARTBEAT_MS = 30_000;

/** Largest message a client may send on the stream; Web Chat sends only empty keep-alives. */
const STREAM_MAX_PAYLOAD = 4 * 1024;
const STREAM_PATH = new RegExp(`^${DIRECTLINE_PATH}/conversations/([^/]+)/stream$`);
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/** What the Direct Line routes need. */
export interface DirectLineRouteDeps {
  service: DirectLineService;
  logger: Logger;
  /** Other origins whose pages may call the API and open streams (the page's own origin always may). */
  allowedOrigins: readonly string[];
  maxBodyBytes: number;
  /** Rate-limit by X-Forwarded-For's last address (set by the reverse proxy in front), not the socket's. */
  trustProxy?: boolean;
}

/** Registers the REST routes and the WebSocket upgrade; returns what stops them on shutdown. */
export function registerDirectLineRoutes(server: restify.Server, deps: DirectLineRouteDeps): () => void {
  const { service } = deps;
  const client = (req: IncomingMessage) => clientAddress(req, deps.trustProxy);
  const body = [
    restify.plugins.bodyReader({ maxBodySize: deps.maxBodyBytes }),
    restify.plugins.jsonBodyParser({ bodyReader: true }),
    boundedBody(deps.logger, (res, message) => res.send(400, { error: { code: 'BadArgument', message } })),
  ];
  const route = (handler: Handler) => directLineHandler(deps, handler);
  const id = (req: restify.Request) => String(req.params.conversationId);
  const watermark = (req: restify.Request) => queryOf(req).get('watermark');
  server.opts(`${DIRECTLINE_PATH}/*`, preflight(deps.allowedOrigins));
  server.post(
    `${DIRECTLINE_PATH}/tokens/generate`,
    ...body,
    route((r) => service.generateToken(auth(r), r.body)),
  );
  server.post(
    `${DIRECTLINE_PATH}/tokens/refresh`,
    ...body,
    route((r) => service.refreshToken(auth(r), client(r))),
  );
  server.post(
    `${DIRECTLINE_PATH}/conversations`,
    ...body,
    route((r) => withHost(r, (ws) => service.startConversation(auth(r), ws, client(r)))),
  );
  server.get(
    `${DIRECTLINE_PATH}/conversations/:conversationId`,
    route((r) => withHost(r, (ws) => service.reconnect(auth(r), id(r), watermark(r), ws, client(r)))),
  );
  server.get(
    `${DIRECTLINE_PATH}/conversations/:conversationId/activities`,
    route((r) => service.activities(auth(r), id(r), watermark(r), client(r))),
  );
  server.post(
    `${DIRECTLINE_PATH}/conversations/:conversationId/activities`,
    ...body,
    route((r) => service.postActivity(auth(r), id(r), r.body, client(r), requestIdOf(r))),
  );
  return acceptStreams(server, deps);
}

/** A Direct Line operation; most read or write the conversation's records, and posting waits for its turn. */
type Handler = (req: restify.Request) => DirectLineResult<unknown> | Promise<DirectLineResult<unknown>>;

/** Why two parameters: restify 11 rejects async handlers that also take `next`. */
function directLineHandler(deps: DirectLineRouteDeps, handler: Handler) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    allowCrossOrigin(req, res, deps.allowedOrigins);
    res.header('Cache-Control', 'no-store');
    const result = await handler(req);
    if ('retryAfterSeconds' in result && result.retryAfterSeconds) res.header('Retry-After', result.retryAfterSeconds);
    if (result.status >= 500) {
      const requestId = requestIdOf(req);
      deps.logger.warn({ status: result.status, path: req.path(), requestId }, 'direct line refused');
    }
    res.send(result.status, result.body);
  };
}

/** The stream URL's base, from the request's Host; a TLS-terminating proxy says https in X-Forwarded-Proto. */
function withHost<T>(
  req: restify.Request,
  then: (wsBase: string) => Promise<DirectLineResult<T>>,
): Promise<DirectLineResult<T>> {
  const host = req.headers.host ?? '';
  if (!HOST.test(host))
    return Promise.resolve({ status: 400, body: { error: { code: 'BadArgument', message: 'Bad Host header.' } } });
  const proto = String(req.headers['x-forwarded-proto'] ?? '')
    .split(',')[0]
    ?.trim();
  const secure = req.isSecure() || proto === 'https';
  return then(`${secure ? 'wss' : 'ws'}://${host}${DIRECTLINE_PATH}`);
}

function auth(req: restify.Request): string | undefined {
  return req.headers.authorization;
}

/**
 * The client a rate limit counts against: the socket's address, or behind a trusted reverse proxy the address
 * it appended to X-Forwarded-For (the last one; earlier ones come from the client and may be made up).
 */
export function clientAddress(req: IncomingMessage, trustProxy = false): string {
  const header = req.headers['x-forwarded-for'];
  const last = trustProxy ? (Array.isArray(header) ? header.join(',') : header)?.split(',').at(-1)?.trim() : undefined;
  return (last && withoutPort(last)) || req.socket.remoteAddress || 'unknown';
}

/** Some proxies (Azure App Service) add the client's port: 203.0.113.7:51234 or [2001:db8::1]:51234. */
function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) return bracketed[1]!;
  return address.split(':').length === 2 ? address.split(':')[0]! : address;
}

function queryOf(req: IncomingMessage): URLSearchParams {
  return new URL(req.url ?? '/', 'http://localhost').searchParams;
}

/** Whether a browser request's Origin is this server itself or one of the allowed sites; no Origin is not a browser. */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** CORS for the allowed sites only; same-origin requests need none. */
export function allowCrossOrigin(req: restify.Request, res: restify.Response, allowed: readonly string[]): void {
  const origin = req.headers.origin;
  if (origin === undefined || !allowed.includes(origin)) return;
  res.header('Access-Control-Allow-Origin', origin);
  res.header('Vary', 'Origin');
}

function preflight(allowed: readonly string[]) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    allowCrossOrigin(req, res, allowed);
    res.header('Access-Control-Allow-Methods', 'GET, POST');
    res.header('Access-Control-Allow-Headers', 'authorization, content-type, x-ms-bot-agent, x-requested-with');
    res.header('Access-Control-Max-Age', '600');
    res.send(204);
  };
}

/** Handles WebSocket upgrades for stream URLs; everything else is refused. */
function acceptStreams(server: restify.Server, deps: DirectLineRouteDeps): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: STREAM_MAX_PAYLOAD });
  server.server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const match = STREAM_PATH.exec(new URL(req.url ?? '/', 'http://localhost').pathname);
    if (!match) return refuse(socket, 404);
    // Why: a page on another site must not read a conversation even if it got hold of a stream URL.
    if (!originAllowed(req, deps.allowedOrigins)) return refuse(socket, 403);
    void upgrade(wss, { req, socket, head, conversationId: decodeURIComponent(match[1] ?? '') }, deps);
  });
  return () => {
    for (const ws of wss.clients) goAway(ws);
    wss.close();
  };
}

/** A WebSocket upgrade request for a conversation's stream. */
interface Upgrade {
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  conversationId: string;
}

/** Accepts the upgrade once the service grants it (the conversation may first be loaded from its records). */
async function upgrade(
  wss: WebSocketServer,
  { req, socket, head, conversationId }: Upgrade,
  deps: DirectLineRouteDeps,
) {
  // Why: the HTTP server stops watching an upgraded socket's errors; a reset while waiting must not throw.
  const dropped = () => socket.destroy();
  socket.on('error', dropped);
  const query = queryOf(req);
  const client = clientAddress(req, deps.trustProxy);
  const grant = await deps.service.openStream(conversationId, query.get('t'), query.get('watermark'), client);
  if (socket.destroyed) return;
  if (grant.status !== 200)
    return refuse(socket, grant.status, 'retryAfterSeconds' in grant ? grant.retryAfterSeconds : 0);
  socket.off('error', dropped);
  wss.handleUpgrade(req, socket, head, (ws) => stream(ws, grant.body.start, deps.logger));
}

/** Sends every new activity as a `{activities, watermark}` frame until either side closes. */
function stream(
  ws: WebSocket,
  start: (send: (set: ActivitySet) => void, end: () => void) => () => void,
  logger: Logger,
) {
  let alive = true;
  const heartbeat = setInterval(() => {
    if (!alive) return ws.terminate();
    alive = false;
    ws.ping();
  }, STREAM_HEARTBEAT_MS).unref();
  ws.on('pong', () => (alive = true));
  ws.on('error', (err) => logger.info({ err: err.message }, 'direct line stream error'));
  try {
    const stop = start(
      (set) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(set)),
      () => ws.close(1000, 'conversation ended'),
    );
    ws.on('close', () => {
      clearInterval(heartbeat);
      stop();
    });
  } catch {
    // The conversation was cleaned up between the check and the upgrade.
    clearInterval(heartbeat);
    ws.close(1000, 'conversation ended');
  }
}

/** On shutdown: a polite close, then the socket is dropped if the client does not answer. */
function goAway(ws: WebSocket): void {
  ws.close(1001, 'server stopping');
  setTimeout(() => ws.terminate(), 1000).unref();
}

function refuse(socket: Duplex, status: number, retryAfterSeconds = 0): void {
  const retry = retryAfterSeconds > 0 ? `Retry-After: ${retryAfterSeconds}\r\n` : '';
  socket.once('finish', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n${retry}Content-Length: 0\r\n\r\n`);
}
