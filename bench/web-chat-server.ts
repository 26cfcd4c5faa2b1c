/** The real bot behind the real server with the web chat, on a free loopback port, for tests and the web chat bench. */
import type { Server } from 'restify';
import { botMiddleware, createBot } from '../bots';
import { parseConfig } from '../config';
import { createAnswerer, type Answerer } from '../knowledge';
import { createLogger, type Logger } from '../logger';
import { createSetupParts } from '../setup-files';
import {
  createAdapter,
  createServer,
  createWebChat,
  listen,
  shutdown,
  type WebChat,
  type WebChatDeps,
} from '../server';

/** A running server; `url` is http://127.0.0.1:PORT. */
export interface RunningWebChat {
  url: string;
  server: Server;
  webChat: WebChat;
  logs: string[];
  close(): Promise<void>;
}

/** Options: the environment the config is parsed from, and Direct Line options such as a clock or limits. */
export interface WebChatServerOptions extends Partial<Omit<WebChatDeps, 'bot' | 'logger'>> {
  env?: NodeJS.ProcessEnv;
  answerer?: Answerer;
  /** Serve the setup files and offer the Apple profile, its links on this server's own address. */
  setupFiles?: boolean;
}

let sharedAnswerer: Answerer | undefined;

/** Starts the bot with its real middleware and the web chat on 127.0.0.1, port 0. */
export async function startWebChatServer(options: WebChatServerOptions = {}): Promise<RunningWebChat> {
  const { env = {}, answerer: given, setupFiles, ...webChatOptions } = options;
  const config = parseConfig(env);
  const logs: string[] = [];
  const logger: Logger = createLogger('info', { write: (line: string) => logs.push(line) });
  const answerer = given ?? (sharedAnswerer ??= createAnswerer());
  // Why late: the links start with the address, known once the server listens on its free port.
  const at: { url?: string } = {};
  const setup = setupFiles
    ? createSetupParts({ provider: answerer.knowledge.providers[0]!, baseUrl: () => at.url })
    : undefined;
  const bot = createBot({ answerer, config, ...(setup ? { profileOffers: setup.offers } : {}) });
  const webChat = createWebChat(config, { bot, logger, middleware: botMiddleware(), ...webChatOptions });
  const adapter = createAdapter(config, logger).use(...botMiddleware());
  const server = createServer({ adapter, bot, logger, webChat, ...(setup ? { setup } : {}) });
  const url = (at.url = await listen(server, 0, '127.0.0.1'));
  return { url, server, webChat, logs, close: () => shutdown(server, 2000) };
}
