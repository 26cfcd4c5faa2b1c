/** The HTTP edge: the Bot Framework adapter and a restify server with /api/messages, /healthz and the web chat. */
import type { AddressInfo } from 'node:net';
import {
  type BotAdapter,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Middleware,
  type TurnContext,
} from 'botbuilder';
import * as restify from 'restify';
import { createOutbound, LeanCloudAdapter, reuseClients } from '../bots/botbuilder-patches';
import type { Config } from '../config';
import {
  azureTokenSource,
  builtInTokenSource,
  createDirectLine,
  type DirectLine,
  type DirectLineOptions,
  type TokenSource,
} from '../directline';
import type { Logger } from '../logger';
import { registerDirectLineRoutes } from './directline-routes';
import { registerWebRoutes } from './web-routes';

/** Largest request body accepted; Bot Framework activities are a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;

/** How long `shutdown` waits for in-flight requests before closing their connections. */
export const SHUTDOWN_GRACE_MS = 10_000;

/** Every fixed sentence the server says, in one place so tests can assert on them. */
export const SERVER_TEXT = {
  turnError: "Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment.",
  httpError: {
    400: 'The request body must be a Bot Framework activity: a JSON object with a "type".',
    404: 'Not found.',
    405: 'Method not allowed.',
    413: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.`,
    415: 'Send the activity as JSON (Content-Type: application/json).',
    500: 'The request could not be handled.',
  } as Record<number, string>,
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
    logger.info('WEBCHAT_TOKEN_SECRET not set: web chat tokens are signed with a random secret for this run only');
  const tokens = config.directLineSecret
    ? azureTokenSource({ secret: config.directLineSecret, endpoint: config.directLineEndpoint, logger })
    : builtInTokenSource(directLine.service);
  allowedOrigins.push(...(config.webChatOrigins ?? []));
  return { directLine, tokens, allowedOrigins, trustProxy: config.webChatTrustProxy };
}

/** A CloudAdapter authenticating with the validated config; a failed turn is logged and apologised for. */
export function createAdapter(config: Readonly<Config>, logger: Logger): CloudAdapter {
  // Why reuse: botbuilder would build a connector client (an HTTP pipeline) for every turn.
  const auth = reuseClients(
    new ConfigurationBotFrameworkAuthentication(authOptions(config)),
    createOutbound(config.proxy),
  );
  const adapter = new LeanCloudAdapter(auth);
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

/** Why explicit: botbuilder would otherwise read process.env itself, bypassing our validation. */
function authOptions(config: Readonly<Config>): ConfigurationBotFrameworkAuthenticationOptions {
  return {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
  };
}

/** Enough to find a turn in the logs, and never its text. */
function describeActivity({ activity }: TurnContext): object {
  return { type: activity.type, channelId: activity.channelId, conversationId: activity.conversation?.id };
}

/** A restify server exposing POST /api/messages and GET /healthz (and the web chat); call `listen` to start it. */
export function createServer({ adapter, bot, logger, webChat }: ServerDeps): restify.Server {
  // Why the cast: restify 11 logs with pino, but @types/restify (8.x) still declares a bunyan logger.
  const log = restifyLogger(logger) as unknown as restify.ServerOptions['log'];
  const server = restify.createServer({ name: 'bt-email-support-bot', log });
  server.on('restifyError', errorResponder(logger));
  server.get('/healthz', async (_req: restify.Request, res: restify.Response) => {
    res.send(200, { status: 'ok' });
  });
  server.post(
    '/api/messages',
    restify.plugins.bodyReader({ maxBodySize: MAX_BODY_BYTES }),
    restify.plugins.jsonBodyParser({ bodyReader: true }),
    messageHandler(adapter, bot, logger),
  );
  if (webChat) stoppers.set(server, mountWebChat(server, webChat, logger));
  return server;
}

/** What each server must stop before it can close: open WebSockets hold their connections. */
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

/** Why: restify logs whole requests and responses at debug and trace, which would include customers' words. */
function restifyLogger(logger: Logger): Logger {
  return logger.child({ component: 'restify' }, { level: logger.isLevelEnabled('warn') ? 'warn' : logger.level });
}

/** Why two parameters: restify 11 rejects async handlers that also take `next`. */
function messageHandler(adapter: CloudAdapter, bot: Bot, logger: Logger) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (!req.is('json')) return sendError(res, 415);
    if (!isActivityBody(req.body)) return sendError(res, 400);
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      logger.error({ err }, 'processing an activity failed');
      if (!res.headersSent) sendError(res, 500);
    }
  };
}

/** Why check here: the adapter throws, rather than answering 400, on a body without a `type`. */
function isActivityBody(body: unknown): body is Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const type = (body as Record<string, unknown>).type;
  return typeof type === 'string' && type.length > 0;
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
    logger[level]({ status, error: err.name, method: req.method, path: req.path() }, 'request rejected');
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
