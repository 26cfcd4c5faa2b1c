/**
 * The insights page for the support team: GET /insights (the page, or the sign-in form with 401), its data as JSON
 * and each table as CSV, signing in and out, and the page's assets (chart.js's UMD build from node_modules).
 * Who may see it: a browser signed in with INSIGHTS_API_KEY (a session cookie signed with LINK_SIGNING_SECRET), or
 * a script sending `Authorization: Bearer INSIGHTS_API_KEY`. Off (404, as a path that does not exist) while the key
 * is unset. Where the data comes from is injected: an InsightsSource (the SQLite store, or Application Insights).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as restify from 'restify';
import { RateLimiter, type RateLimit } from '../directline/rate-limiter';
import { entrySkeleton } from '../insights/entry-skeleton';
import { isInsightsTable, tableCsv } from '../insights/csv';
import { dayOf } from '../insights/events';
import { parseInsightsQuery, queryOfFilter, type QueryCheck } from '../insights/page-query';
import type { InsightsReport, InsightsSource } from '../insights/report';
import type { Logger } from '../logger';
import { checkBearer, sameSecret } from '../security/operator-keys';
import { signCookie } from '../security/signing';
import { clientAddress } from './directline-routes';
import {
  SESSION_HOURS,
  sameOriginPost,
  sessionCookieHeader,
  sessionOf,
  sessionPayload,
  signInPage,
  type SessionCheck,
} from './insights-session';
import { asset, publicDir, serve, type Asset } from './web-routes';

/** Where the page and its parts are. */
export const INSIGHTS_PATHS = {
  page: '/insights',
  signIn: '/insights/sign-in',
  signOut: '/insights/sign-out',
  data: '/insights/data',
  csv: '/insights/csv',
  script: '/insights/insights.js',
  style: '/insights/insights.css',
  chart: '/insights/chart.umd.js',
} as const;

/** Every sentence the insights endpoints say. */
export const INSIGHTS_TEXT = {
  signIn: 'Sign in to see the insights.',
  unauthorized: 'The insights need their key: sign in at /insights, or send Authorization: Bearer INSIGHTS_API_KEY.',
  expired: 'Your session has ended: sign in again.',
  wrongKey: 'That key is not the insights key.',
  tooMany: 'Too many sign-in attempts from here: wait a minute and try again.',
  foreign: 'This form must be sent from the insights page itself.',
  badForm: 'Send the sign-in form as application/x-www-form-urlencoded.',
  unavailable: 'The insights are not answering just now; try again shortly.',
  unknownTable: 'Unknown table.',
} as const;

/** Longest sign-in form read: a key is at most a few hundred characters. */
export const MAX_SIGN_IN_BYTES = 2048;

/** What GET /insights/data answers: the report, where its data is (null: this server's store), a YAML per group. */
export interface InsightsPageData {
  report: InsightsReport;
  where: string | null;
  /** "Copy as YAML": an entry skeleton for each of `report.unanswered`, in the same order. */
  skeletons: string[];
}

/** Sign-in attempts per client address: 10 at once, then one every 30 s. */
export const SIGN_IN_LIMIT: RateLimit = { burst: 10, perSecond: 1 / 30 };

/** What the insights routes need; they are registered only with the key, the secret and a source. */
export interface InsightsDeps {
  apiKey?: string;
  /** Signs the session cookie (LINK_SIGNING_SECRET); the config refuses INSIGHTS_API_KEY without it. */
  signingSecret?: string;
  source?: InsightsSource;
  /** Read X-Forwarded-For's last address and X-Forwarded-Proto (WEBCHAT_TRUST_PROXY). */
  trustProxy?: boolean;
  /** The clock cookies are signed and checked against, and "today" for the default range. */
  now?: () => number;
  /** Sign-in attempts allowed per client address; SIGN_IN_LIMIT unless a test says otherwise. */
  signInLimit?: RateLimit;
}

/** What registering needs besides the deps. */
export interface InsightsRouteDeps extends InsightsDeps {
  logger: Logger;
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;

interface Context {
  apiKey: string;
  secret: string;
  source: InsightsSource;
  trustProxy: boolean;
  now: () => number;
  signInLimit: RateLimit;
  logger: Logger;
}

/** Registers the page, its data, CSV, sign-in and assets; nothing when the key, the secret or the source is missing. */
export function registerInsightsRoutes(server: restify.Server, deps: InsightsRouteDeps): void {
  const ctx = contextOf(deps);
  if (!ctx) return;
  const files = join(publicDir(), 'insights');
  const js = 'text/javascript; charset=utf-8';
  const page = asset(join(files, 'index.html'), 'text/html; charset=utf-8', 'no-store');
  server.get(INSIGHTS_PATHS.page, pageHandler(ctx, page));
  server.post(
    INSIGHTS_PATHS.signIn,
    restify.plugins.bodyReader({ maxBodySize: MAX_SIGN_IN_BYTES }),
    signInHandler(ctx),
  );
  server.post(INSIGHTS_PATHS.signOut, signOutHandler(ctx));
  server.get(INSIGHTS_PATHS.data, guarded(ctx, dataHandler(ctx)));
  server.get(`${INSIGHTS_PATHS.csv}/:table`, guarded(ctx, csvHandler(ctx)));
  server.get(INSIGHTS_PATHS.style, serve(asset(join(files, 'insights.css'), 'text/css; charset=utf-8', 'no-cache')));
  server.get(INSIGHTS_PATHS.script, guarded(ctx, serve(asset(join(files, 'insights.js'), js, 'no-cache'))));
  server.get(INSIGHTS_PATHS.chart, guarded(ctx, serve(asset(chartBundle(), js, 'private, max-age=86400'))));
}

/** What every handler reads; undefined while the page is off. */
function contextOf(deps: InsightsRouteDeps): Context | undefined {
  const { apiKey, signingSecret: secret, source, logger } = deps;
  if (!apiKey || !secret || !source) return undefined;
  const trustProxy = deps.trustProxy ?? false;
  return {
    apiKey,
    secret,
    source,
    trustProxy,
    now: deps.now ?? Date.now,
    signInLimit: deps.signInLimit ?? SIGN_IN_LIMIT,
    logger,
  };
}

/** Scripts and styles from this server only, data from here only, forms posted only here, never in a frame. */
export const INSIGHTS_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Who the request is: the key (Bearer), a valid session, an expired one, or nobody. */
function access(req: restify.Request, ctx: Context): SessionCheck {
  if (checkBearer(req.headers.authorization, ctx.apiKey).kind === 'ok') return 'valid';
  return sessionOf(req, ctx.secret, ctx.now());
}

/** The page when signed in; otherwise 401 with the sign-in form as its body, and nothing else. */
function pageHandler(ctx: Context, page: Asset): Handler {
  const send = serve(page, pageHeaders());
  return async (req, res) => {
    const who = access(req, ctx);
    if (who === 'valid') return send(req, res);
    refused(req, ctx, 401, who);
    res.header('WWW-Authenticate', 'Bearer realm="insights"');
    const message = who === 'expired' ? INSIGHTS_TEXT.expired : INSIGHTS_TEXT.signIn;
    sendHtml(res, 401, signInPage(message, filterQuery(queryString(req), ctx)));
  };
}

/** Runs the handler for a signed-in caller; 401 JSON, naming how to get in, for anyone else. */
function guarded(ctx: Context, handler: Handler): Handler {
  return async (req, res) => {
    const who = access(req, ctx);
    if (who === 'valid') return handler(req, res);
    refused(req, ctx, 401, who);
    noStore(res);
    res.header('WWW-Authenticate', 'Bearer realm="insights"');
    res.send(401, { error: who === 'expired' ? INSIGHTS_TEXT.expired : INSIGHTS_TEXT.unauthorized });
  };
}

/** The sign-in form's post: same origin, rate-limited per client, the key compared in constant time. */
function signInHandler(ctx: Context): Handler {
  const limiter = new RateLimiter(ctx.signInLimit, ctx.now);
  return async (req, res) => {
    if (!sameOriginPost(req)) return failSignIn(req, res, ctx, 403, INSIGHTS_TEXT.foreign);
    if (limiter.size > 1000) limiter.sweep();
    const allowance = limiter.take(clientAddress(req, ctx.trustProxy));
    if (!allowance.ok) {
      res.header('Retry-After', String(allowance.retryAfterSeconds));
      return failSignIn(req, res, ctx, 429, INSIGHTS_TEXT.tooMany);
    }
    if (!req.is('application/x-www-form-urlencoded')) return failSignIn(req, res, ctx, 415, INSIGHTS_TEXT.badForm);
    const form = new URLSearchParams(bodyText(req));
    const then = filterQuery(form.get('then') ?? '', ctx);
    if (!sameSecret(form.get('key') ?? '', ctx.apiKey))
      return failSignIn(req, res, ctx, 401, INSIGHTS_TEXT.wrongKey, then);
    const cookie = signCookie(ctx.secret, sessionPayload(), ctx.now() + SESSION_HOURS * 3_600_000);
    res.header('Set-Cookie', sessionCookieHeader(req, cookie, ctx.trustProxy));
    redirectToPage(res, then);
  };
}

/** Why a post and the origin check: a link or an image on another site must not sign anyone out. */
function signOutHandler(ctx: Context): Handler {
  return async (req, res) => {
    if (!sameOriginPost(req)) return failSignIn(req, res, ctx, 403, INSIGHTS_TEXT.foreign);
    res.header('Set-Cookie', sessionCookieHeader(req, undefined, ctx.trustProxy));
    redirectToPage(res);
  };
}

/** GET /insights/data: `{ report, where, skeletons }`, a skeleton (YAML) per unanswered group, in the same order. */
function dataHandler(ctx: Context): Handler {
  return async (req, res) => {
    noStore(res);
    const report = await reportFor(req, res, ctx);
    if (!report) return;
    const data: InsightsPageData = {
      report,
      where: ctx.source.where ?? null,
      skeletons: report.unanswered.map(entrySkeleton),
    };
    res.send(200, data);
  };
}

/** GET /insights/csv/TABLE: one table of the report for the same query, as a CSV download. */
function csvHandler(ctx: Context): Handler {
  return async (req, res) => {
    noStore(res);
    const table = String(req.params.table ?? '');
    if (!isInsightsTable(table)) return void res.send(404, { error: INSIGHTS_TEXT.unknownTable });
    const report = await reportFor(req, res, ctx);
    if (!report) return;
    const { from, to, channel } = report.filter;
    const name = ['insights', table, channel, from, to].filter(Boolean).join('-');
    res.header('Content-Type', 'text/csv; charset=utf-8');
    res.header('Content-Disposition', `attachment; filename="${name}.csv"`);
    res.header('X-Content-Type-Options', 'nosniff');
    res.writeHead(200);
    res.end(tableCsv(table, report));
  };
}

/** The report for the request's query; answers 400 (bad query) or 503 (the source failed) itself otherwise. */
async function reportFor(req: restify.Request, res: restify.Response, ctx: Context) {
  const query: QueryCheck = parseInsightsQuery(queryString(req), dayOf(ctx.now()));
  if (!query.ok) return void res.send(400, { error: query.error });
  try {
    return await ctx.source.report(query.filter);
  } catch (err) {
    ctx.logger.error({ err, path: req.path() }, 'the insights source failed');
    res.send(503, { error: INSIGHTS_TEXT.unavailable });
    return undefined;
  }
}

function failSignIn(
  req: restify.Request,
  res: restify.Response,
  ctx: Context,
  status: number,
  message: string,
  then?: string,
) {
  refused(req, ctx, status, message);
  sendHtml(res, status, signInPage(message, then));
}

function refused(req: restify.Request, ctx: Context, status: number, reason: string): void {
  ctx.logger.info({ role: 'insights', method: req.method, path: req.path(), status, reason }, 'insights refused');
}

/**
 * The filter a page was asked with, rewritten from its parsed form (so only a valid filter, never a path or another
 * site, goes back into a Location), or undefined for none or a bad one.
 */
function filterQuery(query: string, ctx: Context): string | undefined {
  if (query === '') return undefined;
  const check = parseInsightsQuery(query, dayOf(ctx.now()));
  return check.ok ? queryOfFilter(check.filter) : undefined;
}

/** Back to the page, with the filter it was opened with. */
function redirectToPage(res: restify.Response, query?: string): void {
  noStore(res);
  res.header('Location', query ? `${INSIGHTS_PATHS.page}?${query}` : INSIGHTS_PATHS.page);
  res.send(303);
}

function sendHtml(res: restify.Response, status: number, html: string): void {
  for (const [name, value] of Object.entries(pageHeaders())) res.header(name, value);
  res.header('Content-Type', 'text/html; charset=utf-8');
  res.writeHead(status);
  res.end(html);
}

function pageHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': INSIGHTS_CSP,
    'Cache-Control': 'no-store',
    // Why not no-referrer: with it the browser sends `Origin: null` on the forms, and the origin check refuses them.
    'Referrer-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

function noStore(res: restify.Response): void {
  res.header('Cache-Control', 'no-store');
  res.header('Referrer-Policy', 'no-referrer');
  res.header('X-Content-Type-Options', 'nosniff');
}

/** The raw query after `?`, undecoded; parseInsightsQuery bounds its length. */
function queryString(req: restify.Request): string {
  const url = req.url ?? '';
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/** The form body bodyReader kept (a Buffer or a string). */
function bodyText(req: restify.Request): string {
  const body: unknown = req.body;
  if (Buffer.isBuffer(body)) return body.toString('utf8');
  return typeof body === 'string' ? body : '';
}

/**
 * chart.js's prebuilt UMD file, the only file of the package served. Why the search path: the package's `exports`
 * map hides dist/chart.umd.min.js from require.resolve, as botframework-webchat's does.
 */
export function chartBundle(): string {
  for (const dir of require.resolve.paths('chart.js') ?? []) {
    const file = join(dir, 'chart.js', 'dist', 'chart.umd.min.js');
    if (existsSync(file)) return file;
  }
  throw new Error('chart.js is not installed: run npm ci');
}
