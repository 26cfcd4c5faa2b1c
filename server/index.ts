/** The HTTP edge: the Bot Framework adapter and a restify server with /api/messages, /healthz and the web chat. */
import type { AddressInfo } from 'node:net';
import type { BotAdapter, CloudAdapter, Middleware, TurnContext } from 'botbuilder';
import * as restify from 'restify';
import { createOutbound, LeanCloudAdapter, reuseClients } from '../bots/botbuilder-patches';
import { turnIdsOf } from '../bots/turn-observer';
import type { Config } from '../config';
import {
  azureTokenSource,
  builtInTokenSource,
  createDirectLine,
  type DirectLine,
  type DirectLineOptions,
  type TokenSource,
} from '../directline';
import { requestForLog, tagRequest, type Logger } from '../logger';
import { boundedBody } from './body-shape';
import { isObject, malformedField, type ActivityField } from './activity-check';
import { AuthUnavailableError, createBotAuth, ServiceUrlRefusedError } from './bot-auth';
import { registerDirectLineRoutes } from './directline-routes';
import { guardConnections, strictTransportSecurity, type EdgeOptions } from './edge';
import { countResponses, registerMetricsRoute, type BotMetrics } from './metrics';
import { registerInsightsRoutes, type InsightsDeps } from './insights-routes';
import { registerOperatorRoutes, type OperatorDeps } from './operator-routes';
import { Readiness } from './readiness';
import { assignRequestIds, requestIdOf } from './request-ids';
import { registerSetupRoutes, type SetupRouteDeps } from './setup-routes';
import { registerWebRoutes } from './web-routes';
import { isLoopbackPeer, messagesPolicy, type MessagesPolicy } from './service-urls';

export { messagesPolicy, type MessagesPolicy } from './service-urls';

/** Largest request body accepted; Bot Framework activities are a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;

/** How long `shutdown` waits for in-flight requests before closing their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** Every fixed sentence the server says, in one place so tests can assert on them. */
export const SERVER_TEXT = {
  turnError: "Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment.",
  httpError: {
    400: 'The request body must be a Bot Framework activity: a JSON object.',
    404: 'Not found.',
    405: 'Method not allowed.',
    413: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
    415: 'Send the activity as JSON (Content-Type: application/json).',
    500: 'The request could not be handled.',
    503: 'The request could not be authenticated just now. Please try again in a moment.',
  } as Record<number, string>,
  badActivity: {
    type: 'The activity needs a "type": a non-empty string such as "message".',
    channelId: 'The activity needs a "channelId": a non-empty string.',
    'conversation.id': 'The activity needs a "conversation" object with an "id": a non-empty string.',
    serviceUrl: 'The activity needs a "serviceUrl": the URL of its channel, as a string.',
  } satisfies Record<ActivityField, string>,
  forbidden: {
    peer: 'Without MicrosoftAppId, /api/messages accepts requests from this machine only.',
    serviceUrl: "The activity's serviceUrl is not allowed here (ALLOWED_SERVICE_URLS); nothing was sent to it.",
  },
} as const;

/** What a customer is told when a turn fails; never a stack trace. */
export function turnErrorReply(config: Pick<Config, 'supportContact'>): string {
  return `${SERVER_TEXT.turnError} ${config.supportContact}`;
}

/** What the server runs for each activity: an ActivityHandler, or any bot with a `run`. */
export interface Bot {
  run(context: TurnContext): Promise<void>;
}

/** The parts `createServer` needs; with `webChat`, it also serves the chat page and the built-in Direct Line. */
export interface ServerDeps {
  adapter: CloudAdapter;
  bot: Bot;
  logger: Logger;
  webChat?: WebChat;
  /** Operator endpoints (the transcript export); each is off while its key is unset. */
  operators?: OperatorDeps;
  /** The insights page (GET /insights); off while its key, the signing secret or the source is missing. */
  insights?: InsightsDeps;
  /** How the server is reached (a trusted proxy in front) and the connection cap per address. */
  edge?: EdgeOptions;
  /** What /readyz asks (knowledge, storage); without it, ready until shutdown. */
  readiness?: Readiness;
  /** Who may call /api/messages and which serviceUrls it accepts; unset, loopback callers and serviceUrls only. */
  messages?: MessagesPolicy;
  /** Counts every response by route and status class; with `metricsApiKey`, served on GET /metrics. */
  metrics?: BotMetrics;
  /** METRICS_API_KEY: /metrics is 404 while it is unset. */
  metricsApiKey?: string;
  /** The setup files (the Apple profile's short-lived links, autoconfig); not served without them. */
  setup?: Omit<SetupRouteDeps, 'logger'>;
}

/** The web chat: the built-in Direct Line, where the page's tokens come from, and the sites that may embed it. */
export interface WebChat {
  directLine: DirectLine;
  tokens: TokenSource;
  allowedOrigins: readonly string[];
  /** Rate limits count X-Forwarded-For's last address (WEBCHAT_TRUST_PROXY). */
  trustProxy?: boolean;
}

/** What `createWebChat` needs besides the config; tests may also pass Direct Line options (a clock, limits). */
export interface WebChatDeps extends Partial<Omit<DirectLineOptions, 'logic'>> {
  bot: Bot;
  logger: Logger;
  middleware?: Middleware[];
  /** Origins allowed besides WEBCHAT_ORIGINS; the array is read on every request, so it may grow later. */
  allowedOrigins?: string[];
}

/** The web chat for the config: built-in Direct Line always, Azure's for the page when DIRECTLINE_SECRET is set. */
export function createWebChat(config: Readonly<Config>, deps: WebChatDeps): WebChat {
  const { bot, logger, middleware = [], allowedOrigins = [], ...options } = deps;
  const directLine = createDirectLine({
    ...options,
    logic: (context) => bot.run(context),
    tokenSecret: options.tokenSecret ?? config.webChatTokenSecret,
    logger,
  });
  apologiseOnTurnError(directLine.adapter.use(...middleware), config, logger);
  if (!options.tokenSecret && !config.webChatTokenSecret)
    logger.info(
      'WEBCHAT_TOKEN_SECRET not set: web chat tokens are signed with a random secret for this run only, so a restart ends open chats',
    );
  const tokens = config.directLineSecret
    ? azureTokenSource({ secret: config.directLineSecret, endpoint: config.directLineEndpoint, logger })
    : builtInTokenSource(directLine.service);
  allowedOrigins.push(...(config.webChatOrigins ?? []));
  return { directLine, tokens, allowedOrigins, trustProxy: config.webChatTrustProxy };
}

/** What tests may change in `createAdapter`. */
export interface AdapterOptions {
  /** How long a request waits for Bot Framework's token signing keys (503 after). */
  authTimeoutMs?: number;
}

/**
 * A CloudAdapter authenticating with the validated config; a failed turn is logged and apologised for.
 * It makes no connector client for a serviceUrl outside the config's policy (replies and proactive sends).
 */
export function createAdapter(config: Readonly<Config>, logger: Logger, options: AdapterOptions = {}): CloudAdapter {
  const { serviceUrls } = messagesPolicy(config);
  const guarded = createBotAuth(config, { logger, serviceUrls, timeoutMs: options.authTimeoutMs });
  // Why reuse: botbuilder would build a connector client (an HTTP pipeline) for every turn.
  const adapter = new LeanCloudAdapter(reuseClients(guarded, createOutbound(config.proxy)));
  return apologiseOnTurnError(adapter, config, logger);
}

/** Logs a failed turn and tells the customer, on any adapter. */
function apologiseOnTurnError<T extends BotAdapter>(adapter: T, config: Readonly<Config>, logger: Logger): T {
  adapter.onTurnError = async (context, error) => {
    logger.error({ err: error, activity: describeActivity(context) }, 'turn failed');
    try {
      await context.sendActivity(turnErrorReply(config));
    } catch (sendError) {
      logger.error({ err: sendError, activity: describeActivity(context) }, 'could not send the apology');
    }
  };
  return adapter;
}

/** Enough to find a turn in the logs (its request and turn ids too), and never its text. */
function describeActivity(context: TurnContext): object {
  const { activity } = context;
  const where = { type: activity.type, channelId: activity.channelId, conversationId: activity.conversation?.id };
  return { ...where, ...turnIdsOf(context) };
}

/** A restify server: POST /api/messages, GET /healthz and /readyz, the web chat, operator endpoints; `listen` starts it. */
export function createServer(deps: ServerDeps): restify.Server {
  const { adapter, bot, logger, webChat, operators, insights, edge = {}, readiness = new Readiness() } = deps;
  const messages = deps.messages ?? LOOPBACK_ONLY;
  // Why the cast: restify 11 logs with pino, but @types/restify (8.x) still declares a bunyan logger.
  const log = restifyLogger(logger) as unknown as restify.ServerOptions['log'];
  const server = restify.createServer({ name: 'bt-email-support-bot', log });
  guardConnections(server.server, edge, logger);
  server.pre(assignRequestIds());
  if (deps.metrics) server.pre(countResponses(deps.metrics));
  server.pre(strictTransportSecurity(edge.trustProxy));
  server.on('restifyError', errorResponder(logger));
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok' });
  });
  server.get('/readyz', readyHandler(readiness));
  server.post(
    '/api/messages',
    ...(messages.loopbackPeersOnly ? [loopbackPeersOnly(logger)] : []),
    restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }),
    restify.plugins.jsonBodyParser({ bodyReader: true }),
    boundedBody(logger, (res, message) => res.send(400, { error: message })),
    messageHandler(adapter, bot, logger, messages),
  );
  const stopWebChat = webChat ? mountWebChat(server, webChat, logger) : undefined;
  stoppers.set(server, () => {
    readiness.stop();
    stopWebChat?.();
  });
  const notFound = (res: restify.Response) => sendError(res, 404);
  registerOperatorRoutes(server, { ...operators, logger, notFound });
  if (deps.metrics) registerMetricsRoute(server, { metrics: deps.metrics, key: deps.metricsApiKey, logger, notFound });
  registerInsightsRoutes(server, { trustProxy: edge.trustProxy, ...insights, logger });
  if (deps.setup) registerSetupRoutes(server, { ...deps.setup, logger });
  return server;
}

/** What each server must stop before it can close: readiness goes false, open WebSockets hold their connections. */
const stoppers = new WeakMap<restify.Server, () => void>();

function mountWebChat(server: restify.Server, webChat: WebChat, logger: Logger): () => void {
  const { service } = webChat.directLine;
  const { allowedOrigins, tokens, trustProxy } = webChat;
  const maxBodyBytes = MAX_BODY_BYTES;
  const closeStreams = registerDirectLineRoutes(server, { service, logger, allowedOrigins, maxBodyBytes, trustProxy });
  registerWebRoutes(server, { tokens, logger, allowedOrigins, trustProxy });
  service.startSweeping();
  if (tokens.mode === 'azure') logger.info({ mode: tokens.mode }, 'web chat connects to Azure Direct Line');
  return () => {
    closeStreams();
    service.close();
  };
}

/** 200 while the instance can take traffic, else 503 with the short reason (a probe's name, or stopping). */
function readyHandler(readiness: Readiness) {
  return async (_req: restify.Request, res: restify.Response): Promise<void> => {
    const state = await readiness.check();
    res.header('Cache-Control', 'no-store');
    if (state.ready) res.send(200, { status: 'ready' });
    else res.send(503, { status: 'not ready', reason: state.reason });
  };
}

/** Why: restify logs whole requests and responses at debug and trace, which would include customers' words. */
function restifyLogger(logger: Logger): Logger {
  const level = logger.isLevelEnabled('warn') ? 'warn' : logger.level;
  // Why: restify's warnings log the whole request, raw headers (a bearer token, a cookie) and query included.
  const serializers = { req: requestForLog, res: () => undefined, value: () => '[value]' };
  return logger.child({ component: 'restify' }, { level, serializers });
}

/** The strictest policy, for a server built without one: this machine's callers and serviceUrls only. */
const LOOPBACK_ONLY: MessagesPolicy = messagesPolicy({ anonymous: true });

/**
 * Anonymous mode: only this machine's sockets (X-Forwarded-For is not read), refused before the body is.
 * Why three parameters and no async: `next(false)` is how restify ends a chain early.
 */
function loopbackPeersOnly(logger: Logger): restify.RequestHandler {
  return (req, res, next) => {
    if (isLoopbackPeer(req.socket.remoteAddress)) return next();
    logger.info({ status: 403 }, 'refused a caller from another machine on /api/messages (anonymous mode)');
    res.send(403, { error: SERVER_TEXT.forbidden.peer });
    return next(false);
  };
}

/**
 * Why two parameters: restify 11 rejects async handlers that also take `next`.
 * Why check before the adapter: it would run a turn without the required fields, and connect to any serviceUrl.
 */
function messageHandler(adapter: CloudAdapter, bot: Bot, logger: Logger, messages: MessagesPolicy) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!req.is('json')) return sendError(res, 415);
    if (!isObject(req.body)) return sendError(res, 400);
    const field = malformedField(req.body);
    if (field) return void res.send(400, { error: SERVER_TEXT.badActivity[field] });
    if (messages.serviceUrls && !messages.serviceUrls.allows(req.body.serviceUrl)) return sendServiceUrlRefused(res);
    const requestId = requestIdOf(req);
    // Why the body: the adapter makes the turn's activity of this very object, so the turn finds the request's id.
    tagRequest(req.body, requestId);
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      if (res.headersSent) return void logger.error({ err, requestId }, 'processing an activity failed');
      if (err instanceof AuthUnavailableError) return sendError(res, 503);
      if (err instanceof ServiceUrlRefusedError) return sendServiceUrlRefused(res);
      logger.error({ err, requestId }, 'processing an activity failed');
      sendError(res, 500);
    }
  };
}

function sendServiceUrlRefused(res: restify.Response): void {
  res.send(403, { error: SERVER_TEXT.forbidden.serviceUrl });
}

function sendError(res: restify.Response, status: number): void {
  res.send(status, { error: SERVER_TEXT.httpError[status] ?? SERVER_TEXT.httpError[500] });
}

type RestifyError = Error & { statusCode?: number };

/** Why: restify's own error bodies can quote the request (a JSON parse error shows part of the body). */
function errorResponder(logger: Logger) {
  return (req: restify.Request, res: restify.Response, err: RestifyError, done: () => void): void => {
    const status = err.statusCode ?? 500;
    const level = status >= 500 ? 'error' : 'info';
    const requestId = requestIdOf(req);
    logger[level]({ status, error: err.name, method: req.method, path: req.path(), requestId }, 'request rejected');
    if (!res.headersSent) sendError(res, status);
    done();
  };
}

/** Starts listening (port 0 picks a free port) and resolves with the server's URL. */
export function listen(server: restify.Server, port: number, host?: string): Promise<string> {
  const http = server.server;
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    const onListening = () => {
      http.off('error', reject);
      resolve(urlOf(http.address()));
    };
    if (host === undefined) http.listen(port, onListening);
    else http.listen(port, host, onListening);
  });
}

function urlOf(address: AddressInfo | string | null): string {
  if (address === null || typeof address === 'string') return address ?? '';
  const unspecified = address.address === '::' || address.address === '0.0.0.0';
  const host = unspecified ? 'localhost' : address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

/** Stops accepting connections and waits for in-flight requests; after `graceMs` their connections are closed. */
export function shutdown(server: restify.Server, graceMs = SHUTDOWN_GRACE_MS): Promise<void> {
  const http = server.server;
  stoppers.get(server)?.();
  // Why poll: a keep-alive connection whose request ends after close() would stay open until the client drops it.
  const idle = setInterval(() => http.closeIdleConnections(), 50).unref();
  const force = setTimeout(() => http.closeAllConnections(), graceMs).unref();
  return new Promise((resolve, reject) => {
    http.close((err) => {
      clearInterval(idle);
      clearTimeout(force);
      if (err) reject(err);
      else resolve();
    });
  });
}
