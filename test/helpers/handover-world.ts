/**
 * Everything a live handover runs across, over real HTTP: the whole bot (createApp, as index.ts builds
 * it), the Teams connector stand-in with the support team, a loopback ticket webhook receiver, and
 * customers on the built-in Direct Line through the official client or in a Teams personal chat.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  sendToBot,
  startTeamsStandIn,
  SUPPORT_SCENE,
  TEAMS_PEOPLE,
  TeamsSender,
  type BotAnswer,
  type TeamsCall,
  type TeamsStandIn,
} from '../../bench/teams-stand-in';
import { parseConfig } from '../../config';
import type { Activity } from '../../directline';
import { createAnswerer, type Answerer } from '../../knowledge';
import { createLogger } from '../../logger';
import { listen } from '../../server';
import { createApp, type App, type AppOptions } from '../../server/app';
import { connectClient, type Client } from './directline-client';

/** Two agents in the support channel, and a customer in a Teams personal chat. */
export const { jane: JANE, bob: BOB, pat: PAT } = TEAMS_PEOPLE;

/** A password typed by a customer: it must never leave the process or reach a store. */
export const PASSWORD = 'Zebra42xQ';

export const SECRETS = {
  WEBCHAT_TOKEN_SECRET: 'handover-e2e-webchat-secret-'.repeat(2),
  TRANSCRIPT_API_KEY: 'handover-e2e-transcript-key-'.repeat(2),
  LINK_SIGNING_SECRET: 'handover-e2e-link-secret-'.repeat(2),
  HANDOFF_WEBHOOK_SECRET: 'handover-e2e-webhook-secret-'.repeat(2),
} as const;

/** One request the webhook receiver got. */
export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback ticketing system: answers 200 and keeps what it got. */
export interface WebhookReceiver {
  url: string;
  requests: WebhookRequest[];
  /** Resolves with the `count`th request once it has arrived (the bot sends tickets after telling the customer). */
  waitFor(count: number, timeoutMs?: number): Promise<WebhookRequest>;
  close(): Promise<void>;
}

/** Starts the webhook receiver on a free loopback port. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const requests: WebhookRequest[] = [];
  const waiters = new Set<() => void>();
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      requests.push({ headers: req.headers, body });
      waiters.forEach((w) => w());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/tickets`,
    requests,
    waitFor: (count, timeoutMs = 5000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          if (requests.length < count) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(requests[count - 1]!);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`waited ${timeoutMs} ms for webhook request ${count}; got ${requests.length}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A customer on the built-in Direct Line, through the official client. */
export interface WebCustomer {
  token: string;
  conversationId: string;
  client: Client;
  /** Says `text` and resolves once the client has it back. */
  say(text: string): Promise<void>;
  /** The next bot message matching `pattern`, after any already consumed by `hears`. */
  hears(pattern: RegExp | string, timeoutMs?: number): Promise<Activity>;
  /** Every text the bot sent this customer so far. */
  botTexts(): string[];
}

/** The bot's running parts and the people around it. */
export interface World {
  url: string;
  app: App;
  teams: TeamsStandIn;
  sender: TeamsSender;
  webhook: WebhookReceiver;
  logs: string[];
  dataDir: string;
  webCustomer(): Promise<WebCustomer>;
  /** Posts `activity` to /api/messages as Teams does. */
  send(activity: Record<string, unknown>): Promise<BotAnswer>;
  close(): Promise<void>;
}

let answerer: Answerer | undefined;

/** Starts the bot on SQLite in a fresh folder with the support channel, links, the webhook, and `env` on top. */
export async function startWorld(env: Record<string, string> = {}, options: AppOptions = {}): Promise<World> {
  const teams = await startTeamsStandIn();
  const webhook = await startWebhookReceiver();
  const dataDir = mkdtempSync(join(tmpdir(), 'handover-e2e-'));
  const config = parseConfig({
    STORAGE: 'sqlite',
    DATA_DIR: dataDir,
    TEAMS_SUPPORT_TEAM_ID: SUPPORT_SCENE.team.aadGroupId,
    TEAMS_SUPPORT_CHANNEL_ID: SUPPORT_SCENE.channelId,
    HANDOFF_WEBHOOK_URL: webhook.url,
    PUBLIC_BASE_URL: 'https://bot.example.com',
    ...SECRETS,
    ...env,
  });
  const logs: string[] = [];
  const logger = createLogger('info', { write: (line: string) => logs.push(line) });
  const app = await createApp(config, logger, (answerer ??= createAnswerer()), options);
  const url = await listen(app.server, 0, '127.0.0.1');
  const sender = new TeamsSender(teams.serviceUrl);
  const customers: WebCustomer[] = [];
  const world: World = {
    ...{ url, app, teams, sender, webhook, logs, dataDir },
    webCustomer: async () => {
      const customer = await webCustomer(url);
      customers.push(customer);
      return customer;
    },
    send: (activity) => sendToBot(url, activity),
    close: async () => {
      customers.forEach((c) => c.client.end());
      await app.close();
      await teams.close();
      await webhook.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  const installed = await world.send(sender.installed());
  if (installed.status !== 200) throw new Error(`installing the bot in the support team: ${installed.status}`);
  return world;
}

const fromBot = (a: Activity) => a.type === 'message' && a.from?.role === 'bot';

/** A new web chat: a token, the official client over WebSocket, and the welcome received. */
export async function webCustomer(url: string): Promise<WebCustomer> {
  const res = await fetch(`${url}/api/webchat/token`, { method: 'POST' });
  const session = (await res.json()) as { token: string; conversationId: string };
  const client = connectClient({ domain: `${url}/v3/directline`, token: session.token, webSocket: true });
  return customerOf(session, client);
}

/** The customer helpers over a connected client: a new one (waits for the welcome) or one resumed after a restart. */
export async function customerOf(
  session: { token: string; conversationId: string },
  client: Client,
  resumed = false,
): Promise<WebCustomer> {
  let consumed = 0;
  const botMessages = () => client.received.filter(fromBot);
  const customer: WebCustomer = {
    ...session,
    client,
    say: async (text) => {
      const id = await client.post({ text });
      await client.waitFor((a) => a.id === id);
    },
    hears: async (pattern, timeoutMs = 5000) => {
      const matches = (a: Activity) => (typeof pattern === 'string' ? a.text === pattern : pattern.test(a.text ?? ''));
      const found = await client.waitFor(
        (a) => fromBot(a) && botMessages().indexOf(a) >= consumed && matches(a),
        timeoutMs,
      );
      consumed = botMessages().indexOf(found) + 1;
      return found;
    },
    botTexts: () => botMessages().map((a) => a.text ?? ''),
  };
  if (!resumed) await customer.hears(/settings assistant/);
  return customer;
}

/** What an agents' card offers: the Action.Execute to accept (verb and data) and its Action.Submit fallback. */
export interface CardActions {
  execute?: { verb: string; data: unknown; fallback?: unknown };
  submits: { title: string; data: unknown }[];
}

/** The Adaptive Cards attached to a call. */
export function cardsOf(call: Pick<TeamsCall, 'activity'>): Record<string, unknown>[] {
  const attachments = (call.activity.attachments ?? []) as { contentType?: string; content?: unknown }[];
  return attachments
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as Record<string, unknown>);
}

/** Every action object in a card (Action.Execute, Action.Submit, their fallbacks), depth first. */
export function actionsOf(card: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.type === 'string' && o.type.startsWith('Action.')) found.push(o);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return found;
}

/** The Accept button of an agents' card: the Action.Execute whose title is Accept. */
export function acceptOf(card: unknown): { verb: string; data: unknown; fallback?: Record<string, unknown> } {
  const execute = actionsOf(card).find((a) => a.type === 'Action.Execute' && /accept/i.test(String(a.title)));
  if (!execute) throw new Error(`no Accept (Action.Execute) on the card: ${JSON.stringify(card).slice(0, 2000)}`);
  const fallback = execute.fallback as Record<string, unknown> | undefined;
  return { verb: String(execute.verb), data: execute.data, ...(fallback && { fallback }) };
}

/** Every text block's text in a card, joined by new lines (what a person reads on it). */
export function cardText(card: unknown): string {
  const texts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    // Why whole: a rich text block is one line read as its runs put together ("Accepted by " + "Jane Smith").
    if (o.type === 'RichTextBlock' && Array.isArray(o.inlines))
      return void texts.push(o.inlines.map((r: { text?: unknown }) => String(r.text ?? '')).join(''));
    for (const key of ['text', 'title', 'value'] as const) if (typeof o[key] === 'string') texts.push(o[key] as string);
    Object.values(o).forEach(walk);
  };
  walk(card);
  return texts.join('\n');
}

/** Teams message text as a person reads it: the entities the console escapes with turned back into characters. */
export function unescapeHtml(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return text.replace(/&(#\d{1,7}|#x[\da-f]{1,6}|[a-z]{2,5});/gi, (whole, code: string) => {
    if (code[0] !== '#') return named[code.toLowerCase()] ?? whole;
    const n = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : Number(code.slice(1));
    return n <= 0x10ffff ? String.fromCodePoint(n) : whole;
  });
}

/** Every text the bot posted into `thread` (the handover's thread in the support channel). */
export function threadTexts(teams: TeamsStandIn, thread: string): string[] {
  return teams.calls.filter((c) => c.kind === 'post' && c.conversationId === thread).map((c) => textOf(c));
}

/** A call's text, and its cards' text. */
export function textOf(call: Pick<TeamsCall, 'activity'>): string {
  const text = unescapeHtml(String(call.activity.text ?? ''));
  return [text, ...cardsOf(call).map(cardText)].filter(Boolean).join('\n');
}
