/** The floor for bench:load: a bare botbuilder echo bot on the same restify + CloudAdapter stack. */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { parseConfig } from '../config';
import { createLogger } from '../logger';
import { createAdapter, createServer, listen, shutdown } from '../server';

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      await context.sendActivity(`Echo: ${context.activity.text ?? ''}`);
      await next();
    });
  }
}

/** `--ours`: our adapter (connector reuse) instead of botbuilder's as it ships. */
async function main(): Promise<void> {
  const config = parseConfig({});
  const logger = createLogger('warn');
  const adapter = process.argv.includes('--ours')
    ? createAdapter(config, logger)
    : new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const server = createServer({ adapter, bot: new EchoBot(), logger });
  const url = await listen(server, 0, '127.0.0.1');
  console.log(JSON.stringify({ url }));
  process.once('SIGTERM', () => void shutdown(server).then(() => process.exit(0)));
}

void main();
