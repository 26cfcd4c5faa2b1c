/**
 * Who may call /api/messages and where its replies may go. A serviceUrl is judged on the raw string
 * the caller sent, and admitted only when WHATWG URL (which the reply path connects with) reads the
 * same scheme, host and port from it. Why raw: WHATWG URL reads http://2130706433/, http://127.1/
 * and http://0x7f.1/ as 127.0.0.1, drops tabs and newlines and treats `\` as `/`, so a check of its
 * normalised form alone would admit hosts the allowlist never named.
 */
import ipaddr from 'ipaddr.js';
import { LOOPBACK_SERVICE_URLS, type Config } from '../config';

/** The only spellings of loopback a serviceUrl may use (any port, http or https). */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** Longer serviceUrls are refused before any pattern reads them. */
export const MAX_SERVICE_URL_LENGTH = 2048;

/** The scheme, host and port a serviceUrl names. */
export interface ServiceOrigin {
  protocol: 'http:' | 'https:';
  /** As WHATWG URL spells it: lower case, IPv6 in brackets. */
  hostname: string;
  port: number;
}

/** Which serviceUrls replies may be sent to. */
export interface ServiceUrlPolicy {
  allows(serviceUrl: unknown): boolean;
}

/** What /api/messages checks before the adapter runs. */
export interface MessagesPolicy {
  /** Anonymous mode: no token says who is calling, so only this machine may. */
  loopbackPeersOnly: boolean;
  /** Undefined: any serviceUrl (a Bot Framework token binds it to its channel). */
  serviceUrls?: ServiceUrlPolicy;
}

/** ALLOWED_SERVICE_URLS in both modes; unset, loopback only in anonymous mode and no list with an app id. */
export function messagesPolicy(config: Pick<Config, 'anonymous' | 'allowedServiceUrls'>): MessagesPolicy {
  const entries = config.allowedServiceUrls ?? (config.anonymous ? [LOOPBACK_SERVICE_URLS] : undefined);
  return { loopbackPeersOnly: config.anonymous, serviceUrls: entries && serviceUrlPolicy(entries) };
}

/** The policy of ALLOWED_SERVICE_URLS entries: 'loopback' or canonical origins. */
export function serviceUrlPolicy(entries: readonly string[]): ServiceUrlPolicy {
  const loopback = entries.includes(LOOPBACK_SERVICE_URLS);
  const origins = entries.filter((e) => e !== LOOPBACK_SERVICE_URLS).map(originOfEntry);
  const judge = (serviceUrl: unknown): boolean => {
    const origin = serviceOrigin(serviceUrl);
    if (origin === undefined) return false;
    return (loopback && LOOPBACK_HOSTS.includes(origin.hostname)) || origins.some((o) => sameOrigin(o, origin));
  };
  // Why remember verdicts: a channel sends the same serviceUrl on every turn, and parsing it twice costs more.
  const verdicts = new Map<string, boolean>();
  return {
    allows: (serviceUrl) => {
      if (typeof serviceUrl !== 'string') return judge(serviceUrl);
      let verdict = verdicts.get(serviceUrl);
      if (verdict === undefined) {
        verdict = judge(serviceUrl);
        if (verdicts.size >= VERDICTS_KEPT) verdicts.clear();
        verdicts.set(serviceUrl, verdict);
      }
      return verdict;
    },
  };
}

/** How many serviceUrl verdicts are remembered (a deployment talks to a handful of channel services). */
const VERDICTS_KEPT = 256;

function originOfEntry(entry: string): ServiceOrigin {
  const origin = serviceOrigin(entry);
  if (origin === undefined) throw new Error(`not an origin ALLOWED_SERVICE_URLS accepts: ${entry}`);
  return origin;
}

function sameOrigin(a: ServiceOrigin, b: ServiceOrigin): boolean {
  return a.protocol === b.protocol && a.hostname === b.hostname && a.port === b.port;
}

const PRINTABLE_ASCII = /^[\x21-\x7e]+$/;
const HOST_NAME = /^[a-z0-9.-]+$/;
const IPV6_HOST = /^\[[0-9a-f:.]+\]$/;
const PORT = /^\d{1,5}$/;
const DEFAULT_PORTS = { 'http:': 80, 'https:': 443 } as const;

/** The origin of a serviceUrl, or undefined unless its raw spelling and WHATWG URL agree on every part. */
export function serviceOrigin(raw: unknown): ServiceOrigin | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_SERVICE_URL_LENGTH) return undefined;
  if (!PRINTABLE_ASCII.test(raw) || raw.includes('\\')) return undefined;
  const protocol = raw.startsWith('https://') ? 'https:' : raw.startsWith('http://') ? 'http:' : undefined;
  if (protocol === undefined) return undefined;
  const rest = raw.slice(protocol.length + 2);
  const end = rest.search(/[/?#]/);
  const authority = splitAuthority(end === -1 ? rest : rest.slice(0, end));
  if (authority === undefined) return undefined;
  const origin = { protocol, hostname: authority.host, port: authority.port ?? DEFAULT_PORTS[protocol] } as const;
  return whatwgAgrees(raw, origin) ? origin : undefined;
}

/** `host[:port]` with a plain name, dotted address or bracketed IPv6 address; no userinfo. */
function splitAuthority(authority: string): { host: string; port?: number } | undefined {
  const close = authority.startsWith('[') ? authority.indexOf(']') + 1 : 0;
  const colon = authority.indexOf(':', close);
  const host = colon === -1 ? authority : authority.slice(0, colon);
  const rawPort = colon === -1 ? undefined : authority.slice(colon + 1);
  if (!(close > 0 ? IPV6_HOST.test(host) : HOST_NAME.test(host))) return undefined;
  if (rawPort === undefined) return { host };
  const port = PORT.test(rawPort) ? Number(rawPort) : 0;
  return port >= 1 && port <= 65535 ? { host, port } : undefined;
}

function whatwgAgrees(raw: string, origin: ServiceOrigin): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  const port = url.port === '' ? DEFAULT_PORTS[origin.protocol] : Number(url.port);
  const noUserinfo = url.username === '' && url.password === '';
  return noUserinfo && url.protocol === origin.protocol && url.hostname === origin.hostname && port === origin.port;
}

/** True for a socket address on this machine: 127.0.0.0/8 or ::1, IPv4-mapped or not. */
export function isLoopbackPeer(address: string | undefined): boolean {
  // Why the common spellings first: this runs on every request, and parsing an address costs more than the rest.
  if (address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1') return true;
  if (address === undefined || !ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'loopback';
}
