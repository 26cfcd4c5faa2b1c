/**
 * Links to one conversation's transcript, signed with LINK_SIGNING_SECRET and working until they
 * expire: what the handover card gives agents, and what the export checks. Pure (strings, times and
 * the config in; no server). The signature covers the conversation and the expiry, not the format,
 * so an agent may change `format=` and the link still opens that one conversation, and no other.
 */
import { signLink, verifyLink } from '../security/signing';
import type { TranscriptWhere } from './emulator';
import type { TranscriptFormat } from './export';

/** Where the transcript export lives: `…/CHANNEL` lists, `…/CHANNEL/CONVERSATION` reads one. */
export const TRANSCRIPTS_PATH = '/api/transcripts';

/** What making links needs: the secret, the bot's public base URL, and how long a link works. */
export interface LinkSigner {
  secret: string;
  /** Absolute, without a trailing "/": https://bot.example.com or https://example.com/bot. */
  baseUrl: string;
  ttlHours: number;
}

/** The parts of the config links are made from (structural, so the config module is not imported). */
export interface LinkSettings {
  linkSigningSecret?: string;
  publicBaseUrl?: string;
  transcriptLinkTtlHours: number;
  anonymous: boolean;
  port: number;
}

/** What checking a link finds. */
export type LinkVerdict = 'valid' | 'expired' | 'invalid';

/** Longest signature read: a SHA-256 MAC in base64url is 43 characters. */
const MAX_SIG_LENGTH = 100;

/**
 * The signer for the config, or undefined when no link can be made: without LINK_SIGNING_SECRET, or
 * with an app id but no PUBLIC_BASE_URL (a link to localhost would not open for an agent elsewhere).
 * In anonymous local mode the base URL defaults to the listening one, http://localhost:PORT.
 */
export function transcriptLinkSigner(settings: LinkSettings): LinkSigner | undefined {
  const { linkSigningSecret: secret, transcriptLinkTtlHours: ttlHours } = settings;
  const baseUrl = settings.publicBaseUrl ?? (settings.anonymous ? `http://localhost:${settings.port}` : undefined);
  return secret === undefined || baseUrl === undefined ? undefined : { secret, baseUrl, ttlHours };
}

/** The path of a conversation's transcript, each id one encoded segment. */
export function transcriptPath(where: TranscriptWhere): string {
  return `${TRANSCRIPTS_PATH}/${encodeURIComponent(where.channelId)}/${encodeURIComponent(where.conversationId)}`;
}

/** The absolute signed link to a conversation's transcript (HTML unless told), working for the signer's TTL from `nowMs`. */
export function transcriptLink(
  signer: LinkSigner,
  where: TranscriptWhere,
  nowMs: number,
  format: TranscriptFormat = 'html',
): string {
  const path = transcriptPath(where);
  const signed = signLink(signer.secret, path, nowMs + signer.ttlHours * 3600_000);
  return `${signer.baseUrl}${path}?format=${format}&${signed.slice(path.length + 1)}`;
}

/** True when a request's query carries a signature or an expiry: it asks to be let in by a link. */
export function isSignedRequest(query: URLSearchParams): boolean {
  return query.has('sig') || query.has('exp');
}

/**
 * Whether the query's `exp` and `sig` (each exactly once) sign this conversation's path. Why rebuild
 * the signed string from the ids: a client may spell the path's escapes differently, and the other
 * parameters (`format`) are free.
 */
export function checkTranscriptLink(
  secret: string,
  where: TranscriptWhere,
  query: URLSearchParams,
  nowMs: number,
): LinkVerdict {
  const [exp, ...moreExp] = query.getAll('exp');
  const [sig, ...moreSig] = query.getAll('sig');
  if (exp === undefined || sig === undefined || moreExp.length > 0 || moreSig.length > 0) return 'invalid';
  if (!/^\d{1,12}$/.test(exp) || sig.length > MAX_SIG_LENGTH || !/^[\w-]+$/.test(sig)) return 'invalid';
  return verifyLink(secret, `${transcriptPath(where)}?exp=${exp}&sig=${sig}`, nowMs).kind;
}
