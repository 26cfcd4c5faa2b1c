/** The connector stand-in in a process of its own, so it does not take the bot's CPU: prints its serviceUrl. */
import { startConnector } from './connector-stand-in';

async function main(): Promise<void> {
  const connector = await startConnector();
  // Why forget what arrives: a long run would otherwise hold every reply in memory.
  setInterval(() => connector.sent.splice(0), 1000).unref();
  console.log(JSON.stringify({ serviceUrl: connector.serviceUrl }));
  process.once('SIGTERM', () => void connector.close().then(() => process.exit(0)));
}

void main();
