/** The real bot behind the real server with the given stores, and a client posting as a channel would. */
import type { Activity } from 'botbuilder';
import type { Server } from 'restify';
import { customerMessage, type ConnectorStandIn } from '../../bench/connector-stand-in';

export { customerMessage };
import { botMiddleware, createBot, typingIndicator } from '../../bots';
import { parseConfig } from '../../config';
import { createAnswerer, type Answerer } from '../../knowledge';
import { createLogger } from '../../logger';
import { createAdapter, createServer, listen, shutdown } from '../../server';
import type { Stores } from '../../storage';

let answerer: Answerer | undefined;

/** A running bot server and what it logged. */
export interface BotServer {
  url: string;
  logs: string[];
  close(): Promise<void>;
}

/** Starts the bot on a free loopback port with `stores` (durable middleware unless `durable` is false). */
export async function startBotServer(stores: Stores, durable = true): Promise<BotServer> {
  const config = parseConfig({});
  const logs: string[] = [];
  const logger = createLogger('warn', { write: (line: string) => logs.push(line) });
  answerer ??= createAnswerer();
  const bot = createBot({ answerer, config, storage: stores.storage, references: stores.references });
  const middleware = botMiddleware(durable ? { ...stores, logger } : undefined);
  const adapter = createAdapter(config, logger).use(...middleware, typingIndicator(5_000, 5_000));
  const server: Server = createServer({ adapter, bot, logger });
  const url = await listen(server, 0, '127.0.0.1');
  return { url, logs, close: () => shutdown(server) };
}

/** Posts an activity to /api/messages and resolves with the HTTP status once the bot has handled it. */
export async function postActivity(url: string, activity: Partial<Activity>): Promise<number> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
  });
  await res.arrayBuffer();
  return res.status;
}

/** The texts the bot sent to `conversationId`, typing left out. */
export function sentTexts(connector: ConnectorStandIn, conversationId: string): string[] {
  return connector.sent
    .filter((r) => r.conversationId === conversationId && r.activity.type === 'message')
    .map((r) => String(r.activity.text ?? ''));
}

/** The "Step N of 6" headings in `texts`, in order. */
export function steps(texts: string[]): string[] {
  return texts.flatMap((t) => /Step \d of \d/.exec(t) ?? []);
}
