/** Reads the environment once into a frozen, typed config; every problem is reported at once. */
import { parseHandoverConfig, type HandoverConfig } from './handover/config';
import { parseAppInsightsConfig, type AppInsightsConfig } from './security/app-insights-config';
import { parseSecurityConfig, type SecurityConfig } from './security/config';
import { isLoopbackHost, parseUrl } from './security/urls';
import { parseStorageConfig, type StorageConfig } from './storage/config';
import { parseProfileSigningConfig, type ProfileSigningConfig } from './setup-files/signing-config';
import { parseTranscriptLinkConfig, type TranscriptLinkConfig } from './transcripts/link-config';

/** How the bot authenticates to Azure Bot Service (botbuilder's MicrosoftAppType values). */
export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

/** pino's levels, quietest last. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_PORT = 3978;
export const DEFAULT_SUPPORT_CONTACT = "You can contact BT's support team through BT Help at www.bt.com/help.";

/** The validated settings the server and bot run with; storage, operator, link and handover settings are in their own parts. */
export interface Config
  extends StorageConfig, SecurityConfig, TranscriptLinkConfig, HandoverConfig, AppInsightsConfig, ProfileSigningConfig {
  port: number;
  microsoftAppType: AppType;
  microsoftAppId?: string;
  microsoftAppPassword?: string;
  microsoftAppTenantId?: string;
  /** True when no MicrosoftAppId is set: Bot Framework authentication is off (local use only). */
  anonymous: boolean;
  /** Folder of knowledge files; undefined means the shipped knowledge/data. */
  knowledgeDir?: string;
  logLevel: LogLevel;
  /** How customers can reach BT support, in words the bot can say. */
  supportContact: string;
  /** The Teams team the support channel is in: its 19:…@thread id or its groupId (both or neither with the channel). */
  teamsSupportTeamId?: string;
  /** The Teams channel support staff work in (19:…@thread.tacv2); the bot can post there proactively. */
  teamsSupportChannelId?: string;
  /** Signs the built-in Direct Line's tokens; random per start when unset (instances behind one address must share it). */
  webChatTokenSecret?: string;
  /** Azure mode: the Direct Line channel's secret, exchanged on the server for the page's tokens. */
  directLineSecret?: string;
  /** Azure mode: Direct Line's base URL, for regional or sovereign clouds (default https://directline.botframework.com). */
  directLineEndpoint?: string;
  /** Other sites allowed to embed the chat (iframe) and to call the token and Direct Line endpoints from a browser. */
  webChatOrigins?: readonly string[];
  /** Behind a reverse proxy: rate-limit by the client address the proxy adds to X-Forwarded-For. */
  webChatTrustProxy?: boolean;
  /** ALLOWED_SERVICE_URLS: origins (and 'loopback') replies may go to; unset, loopback only in anonymous mode. */
  allowedServiceUrls?: readonly string[];
  /** Where Bot Framework's token signing keys are described (ToBotFromChannelOpenIdMetadataUrl); unset, the public cloud's. */
  openIdMetadataUrl?: string;
  /** The proxy replies to the channels go through (HTTPS_PROXY, ALL_PROXY, HTTP_PROXY, NO_PROXY), if any. */
  proxy?: ProxyConfig;
}

/** An outgoing HTTP proxy, read from the variables the Azure SDK reads (it sends botbuilder's other calls). */
export interface ProxyConfig {
  /** The proxy's URL, http: or https:, credentials included. */
  url: string;
  /** NO_PROXY's entries, trimmed and lower case: host names, .suffixes, host:port, or *. */
  noProxy: readonly string[];
}

/** One bad or missing environment variable and how to set it. */
export interface ConfigProblem {
  variable: string;
  problem: string;
  fix: string;
}

/** Thrown by `parseConfig`; `problems` lists every bad or missing variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Configuration is invalid (${problems.length} problem(s)):\n${problems.map(formatConfigProblem).join('\n')}`);
  }
}

export function formatConfigProblem(p: ConfigProblem): string {
  return `  ${p.variable}: ${p.problem}; ${p.fix}`;
}

type Auth = Pick<
  Config,
  'microsoftAppType' | 'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppTenantId' | 'anonymous'
>;

/** Parses the environment; throws a `ConfigError` naming every problem. */
export function parseConfig(env: NodeJS.ProcessEnv): Readonly<Config> {
  const problems: ConfigProblem[] = [];
  const read = (name: string): string | undefined => env[name]?.trim() || undefined;
  const port = parsePort(read, problems);
  const logLevel = parseLogLevel(read('LOG_LEVEL'), problems);
  const auth = parseAuth(read, problems);
  const teamsSupport = parseTeamsSupport(read, problems);
  const webChat = parseWebChat(read, problems);
  const storage = parseStorageConfig(read, problems);
  const security = parseSecurityConfig(read, problems);
  const handover = parseHandoverConfig(read, problems);
  const transcriptLinks = parseTranscriptLinkConfig(read, problems);
  const edge = parseEdge(read, auth.anonymous, problems);
  const proxy = parseProxy(read, problems);
  const appInsights = parseAppInsightsConfig(read, problems);
  const profileSigning = parseProfileSigningConfig(read, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    port,
    ...auth,
    knowledgeDir: read('KNOWLEDGE_DIR'),
    logLevel,
    supportContact: read('SUPPORT_CONTACT') ?? DEFAULT_SUPPORT_CONTACT,
    ...teamsSupport,
    ...webChat,
    ...storage,
    ...security,
    ...handover,
    ...transcriptLinks,
    ...edge,
    proxy,
    ...appInsights,
    ...profileSigning,
  });
}

type Read = (name: string) => string | undefined;

/** PORT wins over the lower-case `port` some Azure hosts set. */
function parsePort(read: Read, problems: ConfigProblem[]): number {
  const variable = read('PORT') !== undefined ? 'PORT' : 'port';
  const raw = read(variable);
  if (raw === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (port >= 0 && port <= 65535) return port;
  problems.push({
    variable,
    problem: `got ${JSON.stringify(raw)}`,
    fix: `set it to a whole number from 0 to 65535, or leave it unset for ${DEFAULT_PORT}`,
  });
  return DEFAULT_PORT;
}

function parseLogLevel(raw: string | undefined, problems: ConfigProblem[]): LogLevel {
  if (raw === undefined) return 'info';
  const level = LOG_LEVELS.find((l) => l === raw.toLowerCase());
  if (level) return level;
  problems.push({
    variable: 'LOG_LEVEL',
    problem: `got ${JSON.stringify(raw)}`,
    fix: `set it to one of ${LOG_LEVELS.join(', ')}, or leave it unset for info`,
  });
  return 'info';
}

function parseAppType(raw: string | undefined, problems: ConfigProblem[]): AppType | undefined {
  if (raw === undefined) return undefined;
  const type = APP_TYPES.find((t) => t.toLowerCase() === raw.toLowerCase());
  if (!type)
    problems.push({
      variable: 'MicrosoftAppType',
      problem: `got ${JSON.stringify(raw)}`,
      fix: `set it to one of ${APP_TYPES.join(', ')}`,
    });
  return type;
}

function parseAuth(read: Read, problems: ConfigProblem[]): Auth {
  const explicitType = parseAppType(read('MicrosoftAppType'), problems);
  const microsoftAppId = read('MicrosoftAppId');
  const microsoftAppPassword = read('MicrosoftAppPassword');
  const microsoftAppTenantId = read('MicrosoftAppTenantId');
  if (microsoftAppId === undefined) {
    problems.push(...halfConfiguredProblems(explicitType, microsoftAppPassword, microsoftAppTenantId));
    return { microsoftAppType: 'MultiTenant', anonymous: true };
  }
  const microsoftAppType = explicitType ?? 'SingleTenant';
  problems.push(...credentialProblems(microsoftAppType, microsoftAppPassword, microsoftAppTenantId));
  return { microsoftAppType, microsoftAppId, microsoftAppPassword, microsoftAppTenantId, anonymous: false };
}

/** Why: a deployment missing only its app id would otherwise run silently without authentication. */
function halfConfiguredProblems(type: AppType | undefined, password?: string, tenantId?: string): ConfigProblem[] {
  const set = [
    type && type !== 'MultiTenant' ? `MicrosoftAppType=${type}` : undefined,
    password && 'MicrosoftAppPassword',
    tenantId && 'MicrosoftAppTenantId',
  ].filter((s): s is string => Boolean(s));
  if (set.length === 0) return [];
  return [
    {
      variable: 'MicrosoftAppId',
      problem: `missing, but ${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set`,
      fix: "set it to the bot's Azure app id, or leave all four Microsoft* variables empty for anonymous local mode",
    },
  ];
}

/** The same rules botbuilder asserts at startup, reported here with what to do. */
function credentialProblems(type: AppType, password?: string, tenantId?: string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (type !== 'UserAssignedMSI' && !password)
    problems.push({
      variable: 'MicrosoftAppPassword',
      problem: `missing (required for ${type})`,
      fix: "set it to the app registration's client secret",
    });
  if (type === 'UserAssignedMSI' && password)
    problems.push({
      variable: 'MicrosoftAppPassword',
      problem: 'set, but UserAssignedMSI authenticates with the managed identity',
      fix: 'remove it, or set MicrosoftAppType to SingleTenant',
    });
  if (type !== 'MultiTenant' && !tenantId)
    problems.push({
      variable: 'MicrosoftAppTenantId',
      problem: `missing (required for ${type})`,
      fix: "set it to the Microsoft Entra tenant id of the bot's app registration",
    });
  return problems;
}

type TeamsSupport = Pick<Config, 'teamsSupportTeamId' | 'teamsSupportChannelId'>;

/** Teams thread ids (19:…@thread.tacv2); a copied channel link holds them URL-encoded, so they are decoded. */
const TEAMS_THREAD_ID = /^19:[^\s;]+@thread\.[a-z0-9]+$/i;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Both ids or neither: a channel without its team could never be recognised when the bot is added. */
function parseTeamsSupport(read: Read, problems: ConfigProblem[]): TeamsSupport {
  const before = problems.length;
  const team = readTeamsId(read, 'TEAMS_SUPPORT_TEAM_ID', problems);
  const channel = readTeamsId(read, 'TEAMS_SUPPORT_CHANNEL_ID', problems);
  if ((team === undefined) !== (channel === undefined)) {
    const [missing, set] = team === undefined ? ['TEAM', 'CHANNEL'] : ['CHANNEL', 'TEAM'];
    problems.push({
      variable: `TEAMS_SUPPORT_${missing}_ID`,
      problem: `missing, but TEAMS_SUPPORT_${set}_ID is set`,
      fix: 'set both, or neither',
    });
  }
  return problems.length > before ? {} : { teamsSupportTeamId: team, teamsSupportChannelId: channel };
}

const TEAMS_ID_FIX: Record<string, string> = {
  TEAMS_SUPPORT_TEAM_ID: "set it to the team's groupId (the GUID in 'Get link to team') or its 19:…@thread.tacv2 id",
  TEAMS_SUPPORT_CHANNEL_ID: "set it to the channel's id from 'Get link to channel', such as 19:abc…@thread.tacv2",
};

/** A team may be named by its groupId too; a channel only by its thread id. */
function readTeamsId(read: Read, variable: string, problems: ConfigProblem[]): string | undefined {
  const id = decodeId(read(variable));
  if (id === undefined) return undefined;
  const valid = TEAMS_THREAD_ID.test(id) || (variable === 'TEAMS_SUPPORT_TEAM_ID' && GUID.test(id));
  if (!valid) problems.push({ variable, problem: `got ${JSON.stringify(id)}`, fix: TEAMS_ID_FIX[variable] ?? '' });
  return id;
}

function decodeId(raw: string | undefined): string | undefined {
  if (raw === undefined || !raw.includes('%')) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

type WebChatSettings = Pick<
  Config,
  'webChatTokenSecret' | 'directLineSecret' | 'directLineEndpoint' | 'webChatOrigins' | 'webChatTrustProxy'
>;

/** The web chat's settings; every one is optional, and with none the page runs on the built-in Direct Line. */
function parseWebChat(read: Read, problems: ConfigProblem[]): WebChatSettings {
  const webChatTokenSecret = read('WEBCHAT_TOKEN_SECRET');
  if (webChatTokenSecret !== undefined && webChatTokenSecret.length < 32)
    problems.push({
      variable: 'WEBCHAT_TOKEN_SECRET',
      problem: `only ${webChatTokenSecret.length} characters`,
      fix: 'use at least 32 random characters (for example: openssl rand -base64 48), or leave it unset',
    });
  const directLineSecret = read('DIRECTLINE_SECRET');
  const directLineEndpoint = parseOrigin(read, 'DIRECTLINE_ENDPOINT', problems);
  if (directLineEndpoint !== undefined && directLineSecret === undefined)
    problems.push({
      variable: 'DIRECTLINE_SECRET',
      problem: 'missing, but DIRECTLINE_ENDPOINT is set',
      fix: "set it to a secret of the bot's Direct Line channel in Azure, or remove DIRECTLINE_ENDPOINT",
    });
  const origins = read('WEBCHAT_ORIGINS')
    ?.split(/[\s,]+/)
    .filter(Boolean);
  const webChatOrigins = origins?.map((o) => parseOrigin(() => o, 'WEBCHAT_ORIGINS', problems) ?? o);
  const webChatTrustProxy = parseSwitch(read, 'WEBCHAT_TRUST_PROXY', problems);
  return { webChatTokenSecret, directLineSecret, directLineEndpoint, webChatOrigins, webChatTrustProxy };
}

/** true/false (or 1/0, yes/no); unset is undefined. */
function parseSwitch(read: Read, variable: string, problems: ConfigProblem[]): boolean | undefined {
  const raw = read(variable)?.toLowerCase();
  if (raw === undefined) return undefined;
  if (['true', '1', 'yes'].includes(raw)) return true;
  if (['false', '0', 'no'].includes(raw)) return false;
  problems.push({ variable, problem: `got ${JSON.stringify(raw)}`, fix: 'set it to true or false, or leave it unset' });
  return undefined;
}

/** An origin such as https://example.com; plain http only for loopback, so a secret never travels in clear. */
function parseOrigin(read: Read, variable: string, problems: ConfigProblem[]): string | undefined {
  const raw = read(variable);
  if (raw === undefined) return undefined;
  const url = parseUrl(raw);
  const loopback = url !== undefined && isLoopbackHost(url.hostname);
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && loopback);
  if (url && secure && url.pathname === '/' && !url.search && !url.hash && !url.username) return url.origin;
  problems.push({
    variable,
    problem: `got ${JSON.stringify(raw)}`,
    fix: 'give scheme and host only, such as https://www.example.com (http only for localhost)',
  });
  return undefined;
}

/** The keyword in ALLOWED_SERVICE_URLS for localhost, 127.0.0.1 and [::1] on any port. */
export const LOOPBACK_SERVICE_URLS = 'loopback';

type Edge = Pick<Config, 'allowedServiceUrls' | 'openIdMetadataUrl'>;

/** What /api/messages trusts: where replies may go, and where token signing keys come from. */
function parseEdge(read: Read, anonymous: boolean, problems: ConfigProblem[]): Edge {
  return {
    allowedServiceUrls: parseServiceUrls(read('ALLOWED_SERVICE_URLS'), problems),
    openIdMetadataUrl: parseOpenIdMetadataUrl(read, anonymous, problems),
  };
}

const SERVICE_URLS_FIX =
  "give 'loopback' or origins such as https://smba.trafficmanager.net: scheme and host only, spelled as a browser would";

/** Why canonical only: the check compares the caller's raw serviceUrl, so 127.1 or :443 here could never match. */
function parseServiceUrls(raw: string | undefined, problems: ConfigProblem[]): readonly string[] | undefined {
  if (raw === undefined) return undefined;
  const entries = raw.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0)
    problems.push({ variable: 'ALLOWED_SERVICE_URLS', problem: 'names no origin', fix: SERVICE_URLS_FIX });
  return entries.map((entry) => {
    if (entry.toLowerCase() === LOOPBACK_SERVICE_URLS) return LOOPBACK_SERVICE_URLS;
    const origin = parseOrigin(() => entry, 'ALLOWED_SERVICE_URLS', []);
    const spelled = entry.endsWith('/') ? entry.slice(0, -1) : entry;
    if (origin !== undefined && origin === spelled.toLowerCase()) return origin;
    const fix = origin === undefined ? SERVICE_URLS_FIX : `write it as ${origin}`;
    problems.push({ variable: 'ALLOWED_SERVICE_URLS', problem: `got ${JSON.stringify(entry)}`, fix });
    return entry;
  });
}

const OPENID_VAR = 'ToBotFromChannelOpenIdMetadataUrl';

/** A full https URL (http only on loopback, for a stand-in in tests); only meaningful with an app id. */
function parseOpenIdMetadataUrl(read: Read, anonymous: boolean, problems: ConfigProblem[]): string | undefined {
  const raw = read(OPENID_VAR);
  if (raw === undefined) return undefined;
  if (anonymous) {
    problems.push({
      variable: OPENID_VAR,
      problem: 'set, but MicrosoftAppId is not (anonymous mode checks no tokens)',
      fix: 'set MicrosoftAppId too, or remove it',
    });
    return undefined;
  }
  const url = parseUrl(raw);
  const secure = url?.protocol === 'https:' || (url?.protocol === 'http:' && isLoopbackHost(url.hostname));
  if (url && secure && !url.username && !url.password) return raw;
  problems.push({
    variable: OPENID_VAR,
    problem: `got ${JSON.stringify(raw)}`,
    fix: 'give the full https URL of the OpenID metadata document, or leave it unset for the public cloud',
  });
  return undefined;
}

/** The Azure SDK's order (HTTPS_PROXY, then ALL_PROXY, then HTTP_PROXY; each in capitals, then lower case). */
const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'ALL_PROXY', 'all_proxy', 'HTTP_PROXY', 'http_proxy'];

/** Why here: the proxy is read once, checked at start-up, and never from process.env at request time. */
function parseProxy(read: Read, problems: ConfigProblem[]): ProxyConfig | undefined {
  const variable = PROXY_VARIABLES.find((name) => read(name) !== undefined);
  const raw = variable && read(variable);
  if (!variable || !raw) return undefined;
  if (!isProxyUrl(raw)) {
    problems.push({
      variable,
      problem: `got ${JSON.stringify(withoutCredentials(raw))}`,
      fix: "set it to the proxy's http or https URL, such as http://proxy.example.com:3128, or leave it unset",
    });
    return undefined;
  }
  const noProxy = (read('NO_PROXY') ?? read('no_proxy') ?? '').split(',');
  return { url: raw, noProxy: noProxy.map((entry) => entry.trim().toLowerCase()).filter(Boolean) };
}

function isProxyUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** A proxy URL fit for an error message: whatever precedes the host's '@' (user and password) is left out. */
function withoutCredentials(raw: string): string {
  const at = raw.lastIndexOf('@');
  if (at < 0) return raw;
  const scheme = raw.indexOf('://');
  return `${scheme >= 0 && scheme < at ? raw.slice(0, scheme + 3) : ''}…${raw.slice(at)}`;
}
