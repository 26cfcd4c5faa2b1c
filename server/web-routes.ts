/** The chat page: GET /, the official Web Chat bundle from node_modules, the page's script, and its token endpoint. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type * as restify from 'restify';
import type { TokenSource } from '../directline';
import type { Logger } from '../logger';
import { allowCrossOrigin, clientAddress, originAllowed } from './directline-routes';

/** Where the page's files are served from. */
export const WEB_PATHS = {
  page: '/',
  webChat: '/webchat/webchat.js',
  script: '/webchat/chat.js',
  style: '/webchat/chat.css',
  token: '/api/webchat/token',
} as const;

/** What the token endpoint says when a page on another site asks for a token. */
export const WEB_TEXT = {
  foreignOrigin: 'This site is not allowed to start a chat here. Add its origin to WEBCHAT_ORIGINS to allow it.',
} as const;

/** What the web routes need. */
export interface WebRouteDeps {
  tokens: TokenSource;
  logger: Logger;
  /** Other sites that may embed the page in an iframe and call the token endpoint. */
  allowedOrigins: readonly string[];
  trustProxy?: boolean;
}

/** A file served from memory, with its ETag and Cache-Control. */
export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  /** Cache-Control: the bundle is versioned by the package, the page's own files change with deploys. */
  cache: string;
  gzipped?: Buffer;
}

/** Registers the page, its assets and the token endpoint. */
export function registerWebRoutes(server: restify.Server, deps: WebRouteDeps): void {
  const files = publicDir();
  const revalidate = 'no-cache';
  const page = asset(join(files, 'index.html'), 'text/html; charset=utf-8', revalidate);
  const csp = contentSecurityPolicy(deps);
  server.get(WEB_PATHS.page, serve(page, { 'Content-Security-Policy': csp, 'Referrer-Policy': 'no-referrer' }));
  server.get(
    WEB_PATHS.webChat,
    serve(asset(webChatBundle(), 'text/javascript; charset=utf-8', 'public, max-age=86400')),
  );
  server.get(WEB_PATHS.script, serve(asset(join(files, 'chat.js'), 'text/javascript; charset=utf-8', revalidate)));
  server.get(WEB_PATHS.style, serve(asset(join(files, 'chat.css'), 'text/css; charset=utf-8', revalidate)));
  server.post(WEB_PATHS.token, tokenHandler(deps));
}

/** Why no secret here: the page only ever receives a token for one conversation. */
function tokenHandler(deps: WebRouteDeps) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    allowCrossOrigin(req, res, deps.allowedOrigins);
    res.header('Cache-Control', 'no-store');
    if (!originAllowed(req, deps.allowedOrigins)) return void res.send(403, { error: WEB_TEXT.foreignOrigin });
    const result = await deps.tokens.create(clientAddress(req, deps.trustProxy));
    if (result.ok) return void res.send(200, result.session);
    if (result.retryAfterSeconds) res.header('Retry-After', result.retryAfterSeconds);
    res.send(result.status, { error: result.message });
  };
}

/** Scripts only from this server, connections only here or to Azure's Direct Line in Azure mode. */
function contentSecurityPolicy(deps: WebRouteDeps): string {
  const ancestors = ["'self'", ...deps.allowedOrigins].join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    // Web Chat styles its components with inline <style> elements (emotion).
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "media-src 'self' data: blob:",
    `connect-src ${["'self'", ...deps.tokens.origins].join(' ')}`,
    `frame-ancestors ${ancestors}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** A handler that sends the file (gzipped when asked, 304 on a matching ETag) with the extra headers. */
export function serve(file: Asset, headers: Record<string, string> = {}) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    res.header('Content-Type', file.type);
    res.header('Cache-Control', file.cache);
    res.header('ETag', file.etag);
    res.header('X-Content-Type-Options', 'nosniff');
    for (const [name, value] of Object.entries(headers)) res.header(name, value);
    if (req.headers['if-none-match'] === file.etag) return void res.send(304);
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.header('Vary', 'Accept-Encoding');
    if (gzip) res.header('Content-Encoding', 'gzip');
    // Why writeHead/end: restify's send would try to format a Buffer by the content type.
    res.writeHead(200);
    res.end(gzip ? (file.gzipped ??= gzipSync(file.body)) : file.body);
  };
}

const assets = new Map<string, Asset>();

/** Files are read once per process; the bundle is 4 MB. */
export function asset(path: string, type: string, cache: string): Asset {
  let found = assets.get(path);
  if (!found) {
    const body = readFileSync(path);
    found = { body, type, cache, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"` };
    assets.set(path, found);
  }
  return found;
}

/**
 * The prebuilt Web Chat bundle. Why not require.resolve('botframework-webchat/dist/webchat.js'): the
 * package's `exports` map hides dist/ and package.json, so the package folder is found on Node's search path.
 */
export function webChatBundle(): string {
  for (const dir of require.resolve.paths('botframework-webchat') ?? []) {
    const file = join(dir, 'botframework-webchat', 'dist', 'webchat.js');
    if (existsSync(file)) return file;
  }
  throw new Error('botframework-webchat is not installed: run npm ci');
}

/** The page's own files: public/ at the project root, found from here in both the sources and dist/. */
export function publicDir(from = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'public', 'index.html'))) return join(dir, 'public');
    if (dirname(dir) === dir) throw new Error(`public/index.html not found above ${from}`);
  }
}
