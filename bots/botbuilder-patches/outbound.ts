/**
 * What the Azure HTTP pipeline gives every connector call and lean-replies must give its own:
 * the proxy (HTTPS_PROXY and NO_PROXY, as @azure/core-rest-pipeline's proxyPolicy reads them)
 * and the User-Agent botframework-connector's client sends.
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { arch, release, type } from 'node:os';
import { HttpProxyAgent } from 'http-proxy-agent';
import { HttpsProxyAgent } from 'https-proxy-agent';
import type { ProxyConfig } from '../../config';
import { installedVersion } from './version';

/** How replies leave the process: the agent for a channel's URL, and the User-Agent they carry. */
export interface Outbound {
  /** Keep-alive connections, through the proxy unless NO_PROXY covers the URL's host; chosen once per service URL. */
  agentFor(url: URL): HttpAgent;
  userAgent: string;
}

/** The agents for `proxy` (none: direct connections), made once and shared by every client. */
export function createOutbound(proxy?: ProxyConfig): Outbound {
  const direct = { http: new HttpAgent({ keepAlive: true }), https: new HttpsAgent({ keepAlive: true }) };
  const proxied = proxy && {
    http: new HttpProxyAgent(proxy.url, { keepAlive: true }),
    https: new HttpsProxyAgent(proxy.url, { keepAlive: true }),
  };
  const userAgent = connectorUserAgent();
  return {
    agentFor(url) {
      const agents = proxied && !bypassesProxy(url, proxy.noProxy) ? proxied : direct;
      return url.protocol === 'https:' ? agents.https : agents.http;
    },
    userAgent,
  };
}

/**
 * Whether NO_PROXY sends `url` direct. As proxyPolicy: `.example.com` covers example.com and every
 * host under it, any other entry its host exactly. Beyond it, as curl and most tools: `*` covers
 * every host and `host:port` only that port (proxyPolicy would never match either).
 */
export function bypassesProxy(url: URL, noProxy: readonly string[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    const { pattern, port: wanted } = splitPort(entry);
    if (wanted !== undefined && wanted !== port) return false;
    return pattern.startsWith('.') ? host.endsWith(pattern) || host === pattern.slice(1) : host === pattern;
  });
}

/** `host:port`, `[v6]:port`, or a bare host or IPv6 address (written with or without brackets). */
function splitPort(entry: string): { pattern: string; port?: string } {
  const colon = entry.lastIndexOf(':');
  const bracketed = entry.startsWith('[');
  if (colon < 0) return { pattern: entry };
  if (bracketed) {
    const close = entry.indexOf(']');
    const port = entry.slice(close + 2);
    return { pattern: entry.slice(0, close + 1), port: entry[close + 1] === ':' && isPort(port) ? port : undefined };
  }
  if (entry.indexOf(':') !== colon) return { pattern: `[${entry}]` };
  const port = entry.slice(colon + 1);
  return isPort(port) ? { pattern: entry.slice(0, colon), port } : { pattern: entry };
}

function isPort(text: string): boolean {
  return text.length > 0 && text.length <= 5 && [...text].every((c) => c >= '0' && c <= '9');
}

/**
 * The User-Agent botframework-connector's client sends, built as it is: ConnectorClientContext's
 * fixed prefix, ConnectorFactoryImpl's Bot Framework product token, then core-rest-pipeline's
 * userAgentPolicy (its version, Node's and the OS's).
 */
export function connectorUserAgent(): string {
  const connector = `botframework-connector/4.0.0 Microsoft-BotFramework/3.1 botframework-connector/${installedVersion('botframework-connector')}  `;
  const pipeline = installedVersion('@azure/core-rest-pipeline');
  const runtime = `Node/${process.versions.node} (${type()} ${release()}; ${arch()})`;
  return `${connector} ${pipeline ? `core-rest-pipeline/${pipeline} ` : ''}${runtime}`;
}
