/** Composition root: config, logger, knowledge, bot and server, wired together and started. */
import { setFlagsFromString } from 'node:v8';
import { BotbuilderVersionError, checkPatchedVersions } from './bots/botbuilder-patches';
import { ConfigError, parseConfig } from './config';
import { KnowledgeError } from './knowledge';
import { createLogger } from './logger';
import { listen } from './server';
import { createApp } from './server/app';
import { StorageOpenError } from './storage';

async function main(): Promise<void> {
  // Why: under load V8 otherwise lets garbage grow the heap to several times the live set between full
  // collections (about 270 MB in bench:load); growing it 40% at a time keeps the bot under 200 MB, at no
  // measurable CPU cost. A GC heuristic, read at each collection, so it can be set here.
  setFlagsFromString('--heap-growing-percent=40');
  // Why first: the botbuilder patches are only known to be right on the botbuilder they were written for.
  checkPatchedVersions();
  const config = parseConfig(process.env);
  const logger = createLogger(config.logLevel);
  if (config.anonymous)
    logger.warn(
      { allowedServiceUrls: config.allowedServiceUrls ?? ['loopback'] },
      'anonymous local mode: no MicrosoftAppId set, Bot Framework authentication is off. /api/messages accepts ' +
        'requests from this machine only and replies only to allowed serviceUrls; the web chat stays public',
    );
  const app = await createApp(config, logger);
  const url = await listen(app.server, config.port);
  logger.info({ url, endpoint: `${url}/api/messages`, chat: `${url}/` }, 'listening');
  const stop = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    app.close().then(
      () => logger.info('stopped'),
      (err: unknown) => logger.error({ err }, 'shutdown failed'),
    );
  };
  // Why once: a second Ctrl-C falls through to Node's default handler and exits at once.
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err: unknown) => {
  const known =
    err instanceof ConfigError ||
    err instanceof KnowledgeError ||
    err instanceof StorageOpenError ||
    err instanceof BotbuilderVersionError;
  if (!known) throw err;
  console.error(err.message);
  process.exitCode = 1;
});
