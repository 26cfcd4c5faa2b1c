/**
 * The whole bot (createApp, memory storage, anonymous local mode) on loopback with a connector
 * stand-in, for the project's own conversation checker: the same bot `npm start` runs, so a case
 * that passes here passes against it.
 */
import { startConnector, type ConnectorStandIn } from '../../bench/connector-stand-in';
import { parseConfig } from '../../config';
import { createAnswerer } from '../../knowledge';
import { createLogger } from '../../logger';
import { listen } from '../../server';
import { createApp } from '../../server/app';

/** A running bot for the checker: POST cases to `endpoint` with `connector` as the channel. */
export interface CheckerBot {
  endpoint: string;
  connector: ConnectorStandIn;
  close(): Promise<void>;
}

/** Starts the bot and its connector stand-in; `env` adds settings (SUPPORT_HOURS, HANDOFF_TARGET…). */
export async function startCheckerBot(env: NodeJS.ProcessEnv = {}): Promise<CheckerBot> {
  const config = parseConfig({ STORAGE: 'memory', ...env });
  const app = await createApp(config, createLogger('error'), createAnswerer());
  const endpoint = `${await listen(app.server, 0, '127.0.0.1')}/api/messages`;
  const connector = await startConnector();
  return {
    endpoint,
    connector,
    close: async () => {
      await app.close();
      await connector.close();
    },
  };
}
