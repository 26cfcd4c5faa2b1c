/**
 * Endpoints for operators (agents, the support team, scrapers), all behind one scheme: `Authorization: Bearer KEY`
 * with one key per role, compared in constant time; an endpoint whose key is unset is not registered (404).
 * First of them: the transcript export.
 */
import type { TranscriptStore } from 'botbuilder';
import type * as restify from 'restify';
import type { Logger } from '../logger';
import { checkBearer } from '../security/operator-keys';
import { listTranscriptsBounded, readTranscriptBounded } from '../storage/transcript-export';
import { formatTranscript, type TranscriptActivity } from '../transcripts/format';
import { redactDeep } from '../transcripts/redact';

/** Where the transcript export lives: `…/CHANNEL` lists, `…/CHANNEL/CONVERSATION` reads one. */
export const TRANSCRIPTS_PATH = '/api/transcripts';

/** What operator endpoints say; never anything from a record. */
export const OPERATOR_TEXT = {
  unauthorized: 'This endpoint needs its operator key: send Authorization: Bearer KEY.',
  unavailable: 'The transcript store is not answering; try again shortly.',
  truncated: (count: number) => `… cut after ${count} activities; npm run transcript on the server shows all of them.`,
} as const;

/** The roles, each with its own key; the name is the realm a 401 names. */
export type OperatorRole = 'transcripts' | 'insights' | 'metrics';

/** What the operator endpoints need; each is off while its key is unset. */
export interface OperatorDeps {
  transcriptApiKey?: string;
  transcripts?: TranscriptStore;
}

/** What registering needs besides the deps: the logger, and the server's own 404 (so "off" looks like "absent"). */
export interface OperatorRouteDeps extends OperatorDeps {
  logger: Logger;
  notFound: (res: restify.Response) => void;
}

type Handler = (req: restify.Request, res: restify.Response) => Promise<void>;

/** Registers each operator endpoint whose key is set. */
export function registerOperatorRoutes(server: restify.Server, deps: OperatorRouteDeps): void {
  const { transcriptApiKey: key, transcripts } = deps;
  if (key === undefined || transcripts === undefined) return;
  const list = listHandler(transcripts, deps);
  const read = transcriptHandler(transcripts, deps);
  // Why a wildcard and not :params: the router refuses parameters over 100 characters, and Teams' ids are longer.
  const route: Handler = async (req, res) => {
    const ids = idsOf(req.path());
    if (ids?.length === 1) return list(res, ids[0]!, wantsJson(req));
    if (ids?.length === 2) return read(res, ids[0]!, ids[1]!, wantsJson(req));
    deps.notFound(res);
  };
  const guard: Guard = { role: 'transcripts', key, logger: deps.logger, notFound: deps.notFound };
  server.get(`${TRANSCRIPTS_PATH}/*`, operatorOnly(guard, route));
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
  return async (res: restify.Response, channelId: string, conversationId: string, json: boolean): Promise<void> => {
    const read = await readOr503(res, deps.logger, () => readTranscriptBounded(store, channelId, conversationId));
    if (!read) return;
    if (read.items.length === 0) return deps.notFound(res);
    // Why redact again: records stored before a redaction rule existed must not leave in clear either.
    const activities = read.items.map((activity) => redactDeep(activity));
    const { truncated } = read;
    if (json) return void res.send(200, { channelId, conversationId, activities, truncated });
    const cut = truncated ? `${OPERATOR_TEXT.truncated(activities.length)}\n` : '';
    sendText(res, formatTranscript(activities as TranscriptActivity[]) + cut);
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

/** Why writeHead/end: restify's send would pick a formatter by Accept, not by the type set here. */
function sendText(res: restify.Response, text: string): void {
  res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' });
  res.end(text);
}
