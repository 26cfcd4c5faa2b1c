/** The operator part of the config: one key per role, the signing secrets, and the connection cap. Pure. */

/** Shortest key or secret accepted: 32 random characters cannot be guessed. */
export const MIN_SECRET_LENGTH = 32;

/** Largest MAX_CONNECTIONS_PER_ADDRESS accepted. */
const MAX_CONNECTION_CAP = 100_000;

/** The validated operator settings; an unset key turns its endpoint off. */
export interface SecurityConfig {
  /** `Authorization: Bearer` key for the transcript export (/api/transcripts); off when unset. */
  transcriptApiKey?: string;
  /** Key for the insights page and its data; needs LINK_SIGNING_SECRET (the page's session cookie). */
  insightsApiKey?: string;
  /** Key for /metrics; off when unset. */
  metricsApiKey?: string;
  /** Signs links (with an expiry) and session cookies. */
  linkSigningSecret?: string;
  /** Signs outgoing webhooks (X-Signature-256). */
  handoffWebhookSecret?: string;
  /** Open connections one peer address may hold (0: no cap); unset, the server's default applies. */
  maxConnectionsPerAddress?: number;
}

interface Problem {
  variable: string;
  problem: string;
  fix: string;
}

type Read = (name: string) => string | undefined;

const KEYS = {
  TRANSCRIPT_API_KEY: 'the transcript export',
  INSIGHTS_API_KEY: 'the insights page',
  METRICS_API_KEY: '/metrics',
} as const;

const SECRETS = {
  LINK_SIGNING_SECRET: 'signed links and session cookies',
  HANDOFF_WEBHOOK_SECRET: 'webhook signatures',
} as const;

/** Reads the keys, secrets and connection cap; pushes every problem, never a value. */
export function parseSecurityConfig(read: Read, problems: Problem[]): SecurityConfig {
  const value = (name: string, purpose: string, isKey: boolean) => readSecret(read, name, purpose, isKey, problems);
  const transcriptApiKey = value('TRANSCRIPT_API_KEY', KEYS.TRANSCRIPT_API_KEY, true);
  const insightsApiKey = value('INSIGHTS_API_KEY', KEYS.INSIGHTS_API_KEY, true);
  const metricsApiKey = value('METRICS_API_KEY', KEYS.METRICS_API_KEY, true);
  const linkSigningSecret = value('LINK_SIGNING_SECRET', SECRETS.LINK_SIGNING_SECRET, false);
  const handoffWebhookSecret = value('HANDOFF_WEBHOOK_SECRET', SECRETS.HANDOFF_WEBHOOK_SECRET, false);
  if (insightsApiKey !== undefined && read('LINK_SIGNING_SECRET') === undefined)
    problems.push({
      variable: 'LINK_SIGNING_SECRET',
      problem: 'missing, but INSIGHTS_API_KEY is set (the insights page signs its session cookie with it)',
      fix: `set it to at least ${MIN_SECRET_LENGTH} random characters (openssl rand -base64 48), or unset INSIGHTS_API_KEY`,
    });
  problems.push(...sharedValues(read));
  const maxConnectionsPerAddress = parseConnectionCap(read('MAX_CONNECTIONS_PER_ADDRESS'), problems);
  return {
    transcriptApiKey,
    insightsApiKey,
    metricsApiKey,
    linkSigningSecret,
    handoffWebhookSecret,
    maxConnectionsPerAddress,
  };
}

/**
 * The value when it is long enough; keys must also be printable ASCII without spaces, as they travel in a header.
 * Why check at start: a weak key found in production would already have been guessable.
 */
function readSecret(read: Read, variable: string, purpose: string, isKey: boolean, problems: Problem[]) {
  const raw = read(variable);
  if (raw === undefined) return undefined;
  const fix = `use at least ${MIN_SECRET_LENGTH} random characters (openssl rand -base64 48), or leave it unset to turn ${purpose} off`;
  if (raw.length < MIN_SECRET_LENGTH) problems.push({ variable, problem: `only ${raw.length} characters`, fix });
  else if (isKey && !isHeaderToken(raw))
    problems.push({ variable, problem: 'holds a space or a character outside printable ASCII', fix });
  else return raw;
  return undefined;
}

function isHeaderToken(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return false;
  }
  return true;
}

/** Why: one value for two roles would let, say, the metrics scraper read transcripts. */
function sharedValues(read: Read): Problem[] {
  const names = [...Object.keys(KEYS), ...Object.keys(SECRETS)];
  const problems: Problem[] = [];
  names.forEach((name, i) => {
    const value = read(name);
    const earlier = names.slice(0, i).find((other) => value !== undefined && read(other) === value);
    if (earlier)
      problems.push({
        variable: name,
        problem: `the same as ${earlier}`,
        fix: 'give each role its own random value, so one leaked key opens one door',
      });
  });
  return problems;
}

function parseConnectionCap(raw: string | undefined, problems: Problem[]): number | undefined {
  if (raw === undefined) return undefined;
  const cap = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (cap <= MAX_CONNECTION_CAP) return cap;
  problems.push({
    variable: 'MAX_CONNECTIONS_PER_ADDRESS',
    problem: `got ${JSON.stringify(raw)}`,
    fix: `set it to a whole number from 0 (no cap) to ${MAX_CONNECTION_CAP}, or leave it unset for the default`,
  });
  return undefined;
}
