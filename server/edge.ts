/**
 * The HTTP edge's own defences, below the routes: a cap on connections per peer address, timeouts that drop
 * slow clients (slowloris), and Strict-Transport-Security when the page was served over HTTPS.
 */
import type { Server as HttpServer } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import ipaddr from 'ipaddr.js';
import type * as restify from 'restify';
import type { Logger } from '../logger';

/** Open connections one peer may hold: a browser uses about 7 per tab, a busy office behind one NAT some dozens. */
export const DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 256;

/** Why each: a client must send its headers within 15 s and its whole request within 30 s; idle keep-alives go. */
export const HTTP_TIMEOUTS = {
  headersMs: 15_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  /** Behind a proxy, longer than its idle timeout (60 s on most), so the proxy never reuses a socket we closed. */
  keepAliveBehindProxyMs: 65_000,
} as const;

/** Browsers remember for a year to use HTTPS only, for this host and its subdomains. */
export const HSTS = 'max-age=31536000; includeSubDomains';

/** How the server is reached. */
export interface EdgeOptions {
  /** A reverse proxy in front (WEBCHAT_TRUST_PROXY): it says the scheme in X-Forwarded-Proto, and it is the peer. */
  trustProxy?: boolean;
  /** MAX_CONNECTIONS_PER_ADDRESS; unset, the default directly, no cap behind a proxy. */
  maxConnectionsPerAddress?: number;
}

/**
 * The cap in force (0: none). Why none behind a proxy by default: every connection then comes from the proxy, so a
 * per-address cap would cap everyone together; limit per client at the proxy instead.
 */
export function connectionCap(options: EdgeOptions): number {
  return options.maxConnectionsPerAddress ?? (options.trustProxy ? 0 : DEFAULT_MAX_CONNECTIONS_PER_ADDRESS);
}

/** Applies the cap and the timeouts to the server under restify. */
export function guardConnections(http: HttpServer, options: EdgeOptions, logger: Logger): void {
  http.headersTimeout = HTTP_TIMEOUTS.headersMs;
  http.requestTimeout = HTTP_TIMEOUTS.requestMs;
  http.keepAliveTimeout = options.trustProxy ? HTTP_TIMEOUTS.keepAliveBehindProxyMs : HTTP_TIMEOUTS.keepAliveMs;
  const cap = connectionCap(options);
  if (cap > 0) capConnections(http, cap, logger);
}

/** Closes at once any connection past `cap` from one peer; logs once each time a peer reaches the cap. */
function capConnections(http: HttpServer, cap: number, logger: Logger): void {
  const open = new Map<string, number>();
  const refusing = new Set<string>();
  http.on('connection', (socket: Socket) => {
    const peer = peerKey(socket.remoteAddress);
    const count = open.get(peer) ?? 0;
    if (count >= cap) {
      if (!refusing.has(peer)) logger.warn({ peer, cap }, 'connection cap reached: closing further connections');
      refusing.add(peer);
      return void socket.destroy();
    }
    open.set(peer, count + 1);
    socket.once('close', () => {
      const left = (open.get(peer) ?? 1) - 1;
      if (left > 0) open.set(peer, left);
      else open.delete(peer);
      refusing.delete(peer);
    });
  });
}

/** What a connection counts against: an IPv4 address (IPv4-mapped ones too), or an IPv6 /64, one subscriber's. */
export function peerKey(address: string | undefined): string {
  if (address === undefined) return 'unknown';
  // Why first: a plain IPv4 address is its own key, and parsing it on every connection costs.
  if (!address.includes(':') || !ipaddr.isValid(address)) return address;
  const ip = ipaddr.process(address);
  if (ip.kind() === 'ipv4') return ip.toString();
  const prefix = (ip as ipaddr.IPv6).parts.slice(0, 4);
  return `${new ipaddr.IPv6([...prefix, 0, 0, 0, 0]).toString()}/64`;
}

/**
 * Middleware for `server.pre`: HSTS on every answer served over HTTPS — the connection is TLS, or a trusted proxy
 * says https in X-Forwarded-Proto (its last value, the one it added). Never over plain http, where it means nothing.
 */
export function strictTransportSecurity(trustProxy = false) {
  return async (req: restify.Request, res: restify.Response): Promise<void> => {
    if (servedOverHttps(req, trustProxy)) res.header('Strict-Transport-Security', HSTS);
  };
}

/** Whether the request came over HTTPS: a TLS socket, or a trusted proxy's X-Forwarded-Proto (its last value). */
export function servedOverHttps(req: restify.Request, trustProxy: boolean): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  if (!trustProxy) return false;
  const header = req.headers['x-forwarded-proto'];
  const proto = (Array.isArray(header) ? header.join(',') : header)?.split(',').at(-1)?.trim().toLowerCase();
  return proto === 'https';
}
