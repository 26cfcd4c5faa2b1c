/**
 * APPLICATIONINSIGHTS_CONNECTION_STRING, checked at start: an instrumentation key, and endpoints that are https
 * (plain http only on this machine, for a stand-in in tests), so telemetry never travels in clear. Pure.
 */
import { isLoopbackHost, parseUrl } from './urls';

/** The validated setting; unset, the bot sends nothing to Application Insights. */
export interface AppInsightsConfig {
  /** Application Insights' connection string, from the resource's Overview page. */
  appInsightsConnectionString?: string;
}

interface Problem {
  variable: string;
  problem: string;
  fix: string;
}

export const APP_INSIGHTS_VARIABLE = 'APPLICATIONINSIGHTS_CONNECTION_STRING';

/** Longest connection string read; Azure's are about 250 characters. */
const MAX_LENGTH = 2048;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Settings of the string that name a URL the SDK sends to. */
const ENDPOINTS = ['ingestionendpoint', 'liveendpoint'];

const FIX = "copy the connection string from the Application Insights resource's Overview page, or leave it unset";

/** Reads the connection string; pushes each problem without repeating the value (it holds the key). */
export function parseAppInsightsConfig(read: (name: string) => string | undefined, problems: Problem[]) {
  const raw = read(APP_INSIGHTS_VARIABLE);
  if (raw === undefined) return {};
  const found = connectionStringProblems(raw);
  problems.push(...found.map((problem) => ({ variable: APP_INSIGHTS_VARIABLE, problem, fix: FIX })));
  return found.length === 0 ? { appInsightsConnectionString: raw } : {};
}

/** What is wrong with a connection string, in words; empty when it is usable. */
export function connectionStringProblems(raw: string): string[] {
  if (raw.length > MAX_LENGTH) return [`longer than ${MAX_LENGTH} characters`];
  const settings = parseConnectionString(raw);
  if (settings === undefined) return ['not a list of Name=value settings separated by ";"'];
  const problems: string[] = [];
  const key = settings.get('instrumentationkey');
  if (key === undefined || !GUID.test(key)) problems.push('InstrumentationKey is missing or is not a GUID');
  for (const name of ENDPOINTS) {
    const value = settings.get(name);
    if (value !== undefined && !isSafeEndpoint(value)) problems.push(`${endpointName(name)} is not an https URL`);
  }
  return problems;
}

/** The settings by lower-case name, or undefined when a part is not Name=value. */
function parseConnectionString(raw: string): Map<string, string> | undefined {
  const settings = new Map<string, string>();
  for (const part of raw.split(';')) {
    if (part.trim() === '') continue;
    const at = part.indexOf('=');
    if (at <= 0) return undefined;
    settings.set(part.slice(0, at).trim().toLowerCase(), part.slice(at + 1).trim());
  }
  return settings;
}

/** https without credentials; http only to this machine (a stand-in in tests). */
function isSafeEndpoint(value: string): boolean {
  const url = parseUrl(value);
  if (url === undefined || url.username || url.password || url.search) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

function endpointName(name: string): string {
  return name === 'liveendpoint' ? 'LiveEndpoint' : 'IngestionEndpoint';
}

/** Where the events are, for the insights page (`InsightsSource.where`): the resource's region host, never the key. */
export function appInsightsWhere(connectionString: string): string {
  const endpoint = parseConnectionString(connectionString)?.get('ingestionendpoint');
  const host = endpoint === undefined ? undefined : parseUrl(endpoint)?.host;
  return `Application Insights${host ? ` (${host})` : ''}, table customEvents; the README has the Kusto queries`;
}
