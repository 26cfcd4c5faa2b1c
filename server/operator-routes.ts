/**
 * Endpoints for operators (agents, the support team, scrapers), all behind one scheme: `Authorization: Bearer KEY`
 * with one key per role, compared in constant time; an endpoint whose key is unset is not registered (404).
 * First of them: the transcript export, which a link signed with LINK_SIGNING_SECRET also opens (one
 * conversation, until the link expires), so an agent can open it from a handover card without the key.
 */
import type { TranscriptStore } from 'botbuilder';
import type * as restify from 'restify';
import type { Logger } from '../logger';
import { checkBearer } from '../security/operator-keys';
import { listTranscriptsBounded, readTranscriptBounded } from '../storage/transcript-export';
import type { TranscriptWhere } from '../transcripts/emulator';
import { isTranscriptFormat, renderTranscript, type TranscriptFormat } from '../transcripts/export';
import { checkTranscriptLink, isSignedRequest, TRANSCRIPTS_PATH } from '../transcripts/links';
import { redactActivity } from '../transcripts/redact-activity';

export { TRANSCRIPTS_PATH } from '../transcripts/links';

/** What operator endpoints say; never anything from a record. */
export const OPERATOR_TEXT = {
  unauthorized: 'This endpoint needs its operator key: send Authorization: Bearer KEY.',
  unavailable: 'The transcript store is not answering; try again shortly.',
  truncated: (count: number) => `… cut after ${count} activities; npm run transcript on the server shows all of them.`,
  badFormat:
    'Unknown format: use format=transcript, text or html (a list: text, or JSON with Accept: application/json).',
  badQuery: 'The query is too long.',
  linkInvalid: 'This transcript link is not valid: it was changed, or was made for another conversation.',
  linkExpired: 'This transcript link has expired; the support team can export the transcript with its key.',
} as const;

/** Longest query read; a signed link's is under 200 characters. */
const MAX_QUERY_LENGTH = 1024;

/** The roles, each with its own key; the name is the realm a 401 names. */
export type OperatorRole = 'transcripts' | 'insights' | 'metrics';

/** What the operator endpoints need; each is off while its key is unset. */
export interface OperatorDeps {
  transcriptApiKey?: string;
  /** Checks transcript links; with it the export is on even without TRANSCRIPT_API_KEY, for links only. */
  linkSigningSecret?: string;
  transcripts?: TranscriptStore;
  /** The clock links are checked against; Date.now unless a test says otherwise. */
  now?: () => number;
}

/** What registering needs besides the deps: the logger, and the server's own 404 (so "off" looks like "absent"). */
export interface OperatorRouteDeps extends OperatorDeps {
  logger: Logger;
  notFound: (res: restify.Response) => void;
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;

/** Registers each operator endpoint whose key is set (the transcript export: its key or the link secret). */
export function registerOperatorRoutes(server: restify.Server, deps: OperatorRouteDeps): void {
  const { transcriptApiKey: key, linkSigningSecret: secret, transcripts } = deps;
  if (transcripts === undefined || (key === undefined && secret === undefined)) return;
  const list = listHandler(transcripts, deps);
  const read = transcriptHandler(transcripts, deps);
  // Why a wildcard and not :params: the router refuses parameters over 100 characters, and Teams' ids are longer.
  const route: Handler = async (req, res) => {
    res.header('Cache-Control', 'no-store');
    const query = queryOf(req);
    if (!query) return void res.send(400, { error: OPERATOR_TEXT.badQuery });
    const ids = idsOf(req.path());
    const access = transcriptAccess(req, ids, query, deps);
    if (access !== 'ok') return refuse(req, res, access, deps);
    const format = formatOf(query, ids?.length === 1);
    if (format === 'bad') return void res.send(400, { error: OPERATOR_TEXT.badFormat });
    const chosen = format ?? (wantsJson(req) ? 'json' : 'text');
    const [channelId, conversationId] = ids ?? [];
    if (channelId !== undefined && conversationId !== undefined)
      return read(res, { channelId, conversationId }, chosen);
    if (channelId !== undefined) return list(res, channelId, chosen === 'json');
    deps.notFound(res);
  };
  server.get(`${TRANSCRIPTS_PATH}/*`, route);
}

/** Who a transcript request is let in as: the key, a valid link, or neither (and why). */
type Access = 'ok' | 'off' | 'unauthorized' | 'expired' | 'invalid';

/**
 * The key lets in everywhere; a signed link only on the one conversation it was made for. Without the
 * key configured, lists do not exist (404) and a conversation needs a link (401 without one).
 */
function transcriptAccess(
  req: restify.Request,
  ids: string[] | undefined,
  query: URLSearchParams,
  deps: OperatorDeps,
): Access {
  const bearer = checkBearer(req.headers.authorization, deps.transcriptApiKey);
  if (bearer.kind === 'ok') return 'ok';
  const [channelId, conversationId] = ids ?? [];
  if (isSignedRequest(query)) {
    if (!deps.linkSigningSecret || channelId === undefined || conversationId === undefined) return 'invalid';
    const now = (deps.now ?? Date.now)();
    const verdict = checkTranscriptLink(deps.linkSigningSecret, { channelId, conversationId }, query, now);
    return verdict === 'valid' ? 'ok' : verdict;
  }
  return bearer.kind === 'off' && conversationId === undefined ? 'off' : 'unauthorized';
}

/** 404 while off, 401 with `WWW-Authenticate: Bearer` without credentials, 403 for a bad or expired link. */
function refuse(req: restify.Request, res: restify.Response, access: Access, deps: OperatorRouteDeps): void {
  if (access === 'off') return deps.notFound(res);
  const log = { role: 'transcripts', method: req.method, path: req.path() };
  if (access === 'unauthorized') {
    deps.logger.info({ ...log, status: 401 }, 'operator key refused');
    res.header('WWW-Authenticate', 'Bearer realm="transcripts"');
    return void res.send(401, { error: OPERATOR_TEXT.unauthorized });
  }
  deps.logger.info({ ...log, status: 403, reason: access }, 'transcript link refused');
  res.send(403, { error: access === 'expired' ? OPERATOR_TEXT.linkExpired : OPERATOR_TEXT.linkInvalid });
}

/** The request's query, or undefined when it is too long to read. */
function queryOf(req: restify.Request): URLSearchParams | undefined {
  const url = req.url ?? '';
  const at = url.indexOf('?');
  const query = at < 0 ? '' : url.slice(at + 1);
  return query.length > MAX_QUERY_LENGTH ? undefined : new URLSearchParams(query);
}

/** The format asked for (at most once), undefined for the default, 'bad' for any other; a list is text only. */
function formatOf(query: URLSearchParams, isList: boolean): TranscriptFormat | undefined | 'bad' {
  const [format, ...more] = query.getAll('format');
  if (format === undefined) return undefined;
  if (more.length > 0 || !isTranscriptFormat(format) || (isList && format !== 'text')) return 'bad';
  return format;
}

/** The decoded, checked channel (and conversation) ids after the export's path, or undefined. */
function idsOf(path: string): string[] | undefined {
  const rest = path.slice(TRANSCRIPTS_PATH.length + 1).split('/');
  if (rest.length > 2) return undefined;
  const ids = rest.map(decoded);
  const [channelId, conversationId] = ids;
  if (channelId === undefined || !isChannelId(channelId)) return undefined;
  if (ids.length === 2 && (conversationId === undefined || !isConversationId(conversationId))) return undefined;
  return ids as string[];
}

function decoded(part: string): string | undefined {
  try {
    return decodeURIComponent(part);
  } catch {
    return undefined;
  }
}

/** Who guards an endpoint: the role (the realm a 401 names), its key, and how "off" answers. */
export interface Guard {
  role: OperatorRole;
  key: string | undefined;
  logger: Logger;
  notFound: (res: restify.Response) => void;
}

/** Wraps a handler: 404 while the role's key is unset, 401 with `WWW-Authenticate: Bearer` without the key. */
export function operatorOnly(guard: Guard, handler: Handler): Handler {
  const { role, key, logger } = guard;
  return async (req, res) => {
    res.header('Cache-Control', 'no-store');
    const check = checkBearer(req.headers.authorization, key);
    if (check.kind === 'ok') return handler(req, res);
    if (check.kind === 'off') return guard.notFound(res);
    logger.info({ status: 401, role, method: req.method, path: req.path() }, 'operator key refused');
    res.header('WWW-Authenticate', `Bearer realm="${role}"`);
    res.send(401, { error: OPERATOR_TEXT.unauthorized });
  };
}

function listHandler(store: TranscriptStore, deps: OperatorRouteDeps) {
  return async (res: restify.Response, channelId: string, json: boolean): Promise<void> => {
    const listed = await readOr503(res, deps.logger, () => listTranscriptsBounded(store, channelId));
    if (!listed) return;
    if (listed.items.length === 0) return deps.notFound(res);
    const conversations = listed.items.map((t) => ({ id: t.id, created: new Date(t.created).toISOString() }));
    if (json) return void res.send(200, { channelId, conversations, truncated: listed.truncated });
    const lines = conversations.map((c) => `${c.created}  ${c.id}`);
    sendText(res, [...lines, ...(listed.truncated ? ['…'] : [])].join('\n') + '\n');
  };
}

function transcriptHandler(store: TranscriptStore, deps: OperatorRouteDeps) {
  return async (res: restify.Response, where: TranscriptWhere, format: TranscriptFormat | 'json'): Promise<void> => {
    const { channelId, conversationId } = where;
    const read = await readOr503(res, deps.logger, () => readTranscriptBounded(store, channelId, conversationId));
    if (!read) return;
    if (read.items.length === 0) return deps.notFound(res);
    const { truncated } = read;
    if (format === 'json') {
      // Why redact again: records stored before a redaction rule existed must not leave in clear either.
      const activities = read.items.map((activity) => redactActivity(activity));
      return void res.send(200, { channelId, conversationId, activities, truncated });
    }
    const closing = truncated ? OPERATOR_TEXT.truncated(read.items.length) : undefined;
    const rendered = renderTranscript(format, read.items, where, { closing });
    send(res, rendered.headers, rendered.body, truncated);
  };
}

/** The read's result, or undefined once a 503 has been sent: a store outage is not a server fault. */
async function readOr503<T>(res: restify.Response, logger: Logger, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    // Why only the name: a storage error's message can quote a URL or connection string.
    logger.warn({ error: (err as Error).name, code: (err as { code?: unknown }).code }, 'transcript store failed');
    res.send(503, { error: OPERATOR_TEXT.unavailable });
    return undefined;
  }
}

/** Channel ids are short lower-case words (directline, msteams, emulator). */
function isChannelId(id: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,63}$/i.test(id);
}

/** Conversation ids vary by channel (Teams' hold ":" and "@"); bounded, and no control characters. */
function isConversationId(id: string): boolean {
  if (id.length === 0 || id.length > 512) return false;
  for (let i = 0; i < id.length; i++) {
    const code = id.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return true;
}

function wantsJson(req: restify.Request): boolean {
  return String(req.headers.accept ?? '').includes('application/json');
}

function sendText(res: restify.Response, text: string): void {
  send(res, { 'Content-Type': 'text/plain; charset=utf-8' }, text, false);
}

/**
 * Why writeHead/end: restify's send would pick a formatter by Accept, not by the type set here.
 * Why no referrer: a signed link in the address bar must not travel on to anywhere else.
 */
function send(res: restify.Response, headers: Record<string, string>, body: string, truncated: boolean): void {
  const cut = truncated ? { 'X-Transcript-Truncated': 'true' } : {};
  res.writeHead(200, { ...headers, ...cut, 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' });
  res.end(body);
}
