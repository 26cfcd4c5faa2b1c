/** Turns share connector and user-token clients instead of building new ones (an HTTP pipeline each) every turn. */
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import type { Server } from 'restify';
import { startConnector, type ConnectorStandIn } from '../../bench/connector-stand-in';
import { parseConfig } from '../../config';
import { createLogger } from '../../logger';
import { createAdapter, createServer, listen, shutdown } from '../../server';
import type { ConnectorClient } from '../../bots/botbuilder-patches/connector-types';
import { customerMessage, postActivity } from '../helpers/bot-server';

/** Echoes, and notes which clients each turn was given. */
class EchoBot extends ActivityHandler {
  readonly clients: { connector: unknown; userToken: unknown }[] = [];
  constructor() {
    super();
    this.onMessage(async (context, next) => {
      this.clients.push(clientsOf(context));
      await context.sendActivity(`echo: ${context.activity.text}`);
      await next();
    });
  }
}

function clientsOf(context: TurnContext) {
  const adapter = context.adapter as CloudAdapter;
  return {
    connector: context.turnState.get(adapter.ConnectorClientKey),
    userToken: context.turnState.get(adapter.UserTokenClientKey),
  };
}

let connector: ConnectorStandIn;
beforeAll(async () => {
  connector = await startConnector();
});
afterAll(() => connector.close());

async function clientsPerTurn(adapter: CloudAdapter, serviceUrls: string[]): Promise<EchoBot['clients']> {
  const bot = new EchoBot();
  const server: Server = createServer({ adapter, bot, logger: createLogger('silent' as never) });
  const url = await listen(server, 0, '127.0.0.1');
  try {
    for (const serviceUrl of serviceUrls)
      expect(await postActivity(url, { ...customerMessage(connector, 'c-1', 'hi'), serviceUrl })).toBe(200);
    return bot.clients;
  } finally {
    await shutdown(server);
  }
}

const distinct = (values: unknown[]) => new Set(values).size;

describe('connector and user-token clients', () => {
  it('are shared by the turns of our adapter, one per channel service', async () => {
    const other = connector.serviceUrl.replace('127.0.0.1', 'localhost');
    const urls = [connector.serviceUrl, connector.serviceUrl, other, connector.serviceUrl, other];
    const clients = await clientsPerTurn(createAdapter(parseConfig({}), createLogger('silent' as never)), urls);
    expect(distinct(clients.map((c) => c.connector))).toBe(2);
    expect(clients[0]?.connector).toBe(clients[3]?.connector);
    expect(distinct(clients.map((c) => c.userToken))).toBe(1);
  });

  it('send replies directly (lean-replies) and keep every other connector operation', async () => {
    const [clients] = [
      await clientsPerTurn(createAdapter(parseConfig({}), createLogger('silent' as never)), [connector.serviceUrl]),
    ];
    const conversations = (clients[0]?.connector as ConnectorClient).conversations;
    const stock = Object.getPrototypeOf(conversations) as ConnectorClient['conversations'];
    expect(conversations.replyToActivity).not.toBe(stock.replyToActivity);
    expect(conversations.sendToConversation).not.toBe(stock.sendToConversation);
    expect(conversations.getConversationMembers).toBe(stock.getConversationMembers);
    expect(conversations.updateActivity).toBe(stock.updateActivity);
  });

  it('are built anew for every turn by botbuilder as it ships (what the reuse saves)', async () => {
    const stock = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const clients = await clientsPerTurn(stock, Array(3).fill(connector.serviceUrl));
    expect(distinct(clients.map((c) => c.connector))).toBe(3);
  });
});
