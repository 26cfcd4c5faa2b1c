/** The whole bot built from the config: stores, knowledge, bot, both adapters and the server, not yet listening. */
import type * as restify from 'restify';
import { botMiddleware, createBot } from '../bots';
import type { Config } from '../config';
import { createAnswerer, loadKnowledgeDir, type Answerer } from '../knowledge';
import type { Logger } from '../logger';
import { openStores, type Stores } from '../storage';
import { transcriptLinkSigner } from '../transcripts/links';
import { createAdapter, createServer, createWebChat, messagesPolicy, shutdown } from './index';
import { createReadiness, knowledgeProbe, storageProbe } from './readiness';

/** A built bot: `listen(app.server, port)` starts it, `close` stops the server and closes the stores. */
export interface App {
  server: restify.Server;
  stores: Stores;
  close(): Promise<void>;
}

/** Builds everything `index.ts` starts; tests and the fuzzer build the same app. `answerer` defaults to the config's knowledge. */
export async function createApp(config: Readonly<Config>, logger: Logger, answerer?: Answerer): Promise<App> {
  answerer ??= createAnswerer(loadKnowledgeDir(config.knowledgeDir));
  const stores = await openStores(config);
  logger.info({ storage: stores.kind, location: stores.location }, 'storage open');
  if (stores.kind === 'memory') logger.warn('STORAGE=memory: conversations and transcripts are lost on restart');
  const bot = createBot({ answerer, config, storage: stores.storage, references: stores.references });
  // Why one list: every adapter (HTTP, web chat) must serialise turns and record transcripts the same way.
  const middleware = botMiddleware({ ...stores, logger });
  const adapter = createAdapter(config, logger).use(...middleware);
  const webChat = createWebChat(config, { bot, logger, middleware, records: stores.directLine });
  const operators = {
    ...{ transcriptApiKey: config.transcriptApiKey, linkSigningSecret: config.linkSigningSecret },
    transcripts: stores.transcripts,
  };
  warnWithoutPublicUrl(config, logger);
  const edge = { trustProxy: config.webChatTrustProxy, maxConnectionsPerAddress: config.maxConnectionsPerAddress };
  const readiness = createReadiness([knowledgeProbe(answerer), storageProbe(stores.storage)], logger);
  const server = createServer({
    ...{ adapter, bot, logger, webChat, operators, edge, readiness },
    messages: messagesPolicy(config),
  });
  // Why wait for the Direct Line's writes: a trim or a save nobody waited for must reach the store before it closes.
  const close = () => shutdown(server).then(() => webChat.directLine.store.idle().then(() => stores.close()));
  return { server, stores, close };
}

/** Why only a warning: the bot works without transcript links; the handover card then has none. */
function warnWithoutPublicUrl(config: Readonly<Config>, logger: Logger): void {
  if (config.linkSigningSecret && !config.anonymous && !transcriptLinkSigner(config))
    logger.warn('LINK_SIGNING_SECRET is set but PUBLIC_BASE_URL is not: handover cards carry no transcript link');
}
