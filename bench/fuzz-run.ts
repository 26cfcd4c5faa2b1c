/** Runs the HTTP fuzzer against the whole app (built as index.ts builds it), then checks the bot still answers. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseConfig } from '../config';
import type { Answerer } from '../knowledge';
import { createLogger } from '../logger';
import { listen } from '../server';
import { createApp } from '../server/app';
import { customerMessage, startConnector, type ConnectorStandIn } from './connector-stand-in';
import { probe, requestArbitrary, type FuzzFailure, type FuzzTarget } from './fuzz-http';

/** How long and how reproducibly to fuzz. */
export interface FuzzOptions {
  runs: number;
  seed: number;
  answerer?: Answerer;
  /** Called after each third of the runs, e.g. to sample memory. */
  checkpoint?: (done: number) => void;
}

/** What a run found: the failures (shrunk to the smallest), and whether the bot answered correctly afterwards. */
export interface FuzzReport {
  runs: number;
  failures: FuzzFailure[];
  /** The reply to "what port for smtp" afterwards, over Direct Line and over /api/messages. */
  afterwards: { directLine: string; messages: string };
  /** Log lines that held a token or key the fuzzer sent. */
  leakedLogLines: number;
  /** How many answers had each HTTP status. */
  statuses: Map<number, number>;
}

/** Fuzzes a fresh app on a free loopback port; the app and its stores are closed at the end. */
export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const transcriptApiKey = randomBytes(24).toString('base64url');
  const metricsApiKey = randomBytes(24).toString('base64url');
  // Why SQLite: the default store, and memory storage keeps every transcript, so memory could not stay flat.
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-fuzz-'));
  const keys = { TRANSCRIPT_API_KEY: transcriptApiKey, METRICS_API_KEY: metricsApiKey };
  const env = { DATA_DIR: dataDir, ...keys, WEBCHAT_TRUST_PROXY: 'true' };
  // Why checked as written: keeping every line would itself grow memory over a long run.
  const secrets = [transcriptApiKey, metricsApiKey];
  let leakedLogLines = 0;
  const logger = createLogger('info', { write: (line: string) => void (leaks(line, secrets) && leakedLogLines++) });
  const app = await createApp(parseConfig(env), logger, options.answerer);
  const connector = await startConnector();
  try {
    const url = await listen(app.server, 0, '127.0.0.1');
    const target = { url, transcriptApiKey, metricsApiKey, serviceUrl: connector.serviceUrl, ...(await openChat(url)) };
    secrets.push(target.directLineToken);
    const statuses = new Map<number, number>();
    const failures = await fuzzInThirds(target, options, statuses);
    const afterwards = { directLine: await askDirectLine(url), messages: await askMessages(url, connector) };
    return { runs: options.runs, failures, afterwards, leakedLogLines, statuses };
  } finally {
    await app.close();
    await connector.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function leaks(line: string, secrets: string[]): boolean {
  return secrets.some((s) => line.includes(s));
}

/** The runs in three parts (so memory can be sampled between them), each part with its own seed. */
async function fuzzInThirds(
  target: FuzzTarget,
  options: FuzzOptions,
  statuses: Map<number, number>,
): Promise<FuzzFailure[]> {
  const failures: FuzzFailure[] = [];
  const part = Math.ceil(options.runs / 3);
  for (let i = 0; i < 3; i++) {
    const found: FuzzFailure[] = [];
    const property = fc.asyncProperty(requestArbitrary(target), async (request) => {
      const failure = await probe(target, request, statuses);
      if (failure) found.push(failure);
      return failure === undefined;
    });
    const result = await fc.check(property, { numRuns: part, seed: options.seed + i });
    // Why the last: fast-check shrinks a failure, so the last one recorded is the smallest.
    if (result.failed && found.length > 0) failures.push(found.at(-1)!);
    options.checkpoint?.((i + 1) * part);
  }
  return failures;
}

/** A web chat conversation as the page opens one: a token from the page's endpoint, then the conversation. */
async function openChat(url: string): Promise<{ directLineToken: string; conversationId: string }> {
  const headers = { 'x-forwarded-for': '192.0.2.1' };
  const session = (await (await fetch(`${url}/api/webchat/token`, { method: 'POST', headers })).json()) as {
    token: string;
  };
  const auth = { ...headers, authorization: `Bearer ${session.token}` };
  const started = await fetch(`${url}/v3/directline/conversations`, { method: 'POST', headers: auth });
  const { conversationId, token } = (await started.json()) as { conversationId: string; token: string };
  return { directLineToken: token, conversationId };
}

/** Asks a new web chat conversation and returns the bot's reply text. */
async function askDirectLine(url: string): Promise<string> {
  const { directLineToken, conversationId } = await openChat(url);
  const headers = {
    'x-forwarded-for': '192.0.2.1',
    authorization: `Bearer ${directLineToken}`,
    'content-type': 'application/json',
  };
  const base = `${url}/v3/directline/conversations/${conversationId}/activities`;
  const body = JSON.stringify({ type: 'message', from: { id: 'customer' }, text: 'what port for smtp' });
  const posted = (await (await fetch(base, { method: 'POST', headers, body })).json()) as { id: string };
  const set = (await (await fetch(base, { headers })).json()) as {
    activities: { replyToId?: string; text?: string }[];
  };
  return set.activities
    .filter((a) => a.replyToId === posted.id)
    .map((a) => a.text ?? '')
    .join('\n');
}

/** Asks over /api/messages, as a channel would, and returns what reached the connector. */
async function askMessages(url: string, connector: ConnectorStandIn): Promise<string> {
  const conversationId = `after-fuzz-${randomBytes(6).toString('hex')}`;
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(customerMessage(connector, conversationId, 'what port for smtp')),
  });
  await res.arrayBuffer();
  return connector.sent
    .filter((r) => r.conversationId === conversationId)
    .map((r) => JSON.stringify(r.activity))
    .join('\n');
}
