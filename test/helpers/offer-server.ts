/**
 * Issue 15 (setup files): the real server with the settings-file parts, started once per test file, and
 * conversations with the bot as that server builds it, so every offer's link downloads from it.
 */
import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import type { Server } from 'restify';
import { createBot } from '../../bots';
import { parseConfig } from '../../config';
import { createAnswerer } from '../../knowledge';
import { createLogger } from '../../logger';
import { createAdapter, createServer, listen, shutdown } from '../../server';
import { createSetupParts } from '../../setup-files';

/** Starts the server before the file's tests and stops it after; `url()` is its address once started. */
export function offerServer() {
  const answerer = createAnswerer();
  const provider = answerer.knowledge.providers[0]!;
  let url = '';
  const setup = createSetupParts({ provider, baseUrl: () => url });
  let server: Server | undefined;

  beforeAll(async () => {
    const config = parseConfig({});
    const logger = createLogger('error', { write: () => undefined });
    const bot = createBot({ answerer, config });
    server = createServer({ adapter: createAdapter(config, logger), bot, logger, setup });
    url = await listen(server, 0, '127.0.0.1');
  });

  afterAll(() => (server ? shutdown(server, 2000) : undefined));

  /** A new conversation: each message sent returns the bot's replies to it. */
  function newChat(): (text: string) => Promise<Partial<Activity>[]> {
    const bot = createBot({
      answerer,
      config: { supportContact: 'Call the support line.' },
      storage: new MemoryStorage(),
      profileOffers: setup.offers,
    });
    const adapter = new TestAdapter((context) => bot.run(context));
    return async (text) => {
      await adapter.send(text).startTest();
      return adapter.activeQueue.splice(0);
    };
  }

  return { answerer, provider, url: () => url, newChat };
}
