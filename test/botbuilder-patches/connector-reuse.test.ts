/** Turns share connector and user-token clients instead of building new ones (an HTTP pipeline each) every turn. */
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication, type TurnContext } from 'botbuilder';
import { ClaimsIdentity, ServiceClientCredentialsFactory } from 'botframework-connector';
import type { Server } from 'restify';
import { startConnector, type ConnectorStandIn } from '../../bench/connector-stand-in';
import { parseConfig } from '../../config';
import { createLogger } from '../../logger';
import { createAdapter, createServer, listen, shutdown } from '../../server';
import { reuseClients } from '../../bots/botbuilder-patches/connector-reuse';
import type { ConnectorClient } from '../../bots/botbuilder-patches/connector-types';
import { createOutbound } from '../../bots/botbuilder-patches/outbound';
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

/** Credentials whose signature names the app and audience they were made for, so a mixed-up client shows. */
class NamingCredentialsFactory extends ServiceClientCredentialsFactory {
  made = 0;
  isValidAppId = async () => true;
  isAuthenticationDisabled = async () => false;
  createCredentials = async (appId: string, audience: string | undefined) => {
    this.made++;
    return {
      signRequest: async (resource: { headers: { set(name: string, value: string): void } }) => {
        resource.headers.set('Authorization', `Bearer ${appId}|${audience}`);
        return resource;
      },
    } as never;
  };
}

/** A connector that notes the Authorization header of every post. */
async function signatureRecorder(signatures: string[]) {
  const server = createHttpServer((req, res) => {
    signatures.push(String(req.headers.authorization));
    req.resume().on('end', () => res.end('{"id":"1"}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

/** A turn's view of the connector: who it was (claims), which channel service, which audience. */
type TurnSpec = [claims: Record<string, string>, service: 'a' | 'b', audience?: string];

describe('reuseClients against a fresh client per turn (botbuilder as it ships)', () => {
  const appA = { aud: 'app-a' };
  const appB = { aud: 'app-b' };
  // [turns, how many clients the reuse makes]
  it.each<[string, TurnSpec[], number]>([
    [
      'one bot, one channel service',
      [
        [appA, 'a'],
        [appA, 'a'],
        [appA, 'a'],
      ],
      1,
    ],
    [
      'one bot, two channel services',
      [
        [appA, 'a'],
        [appA, 'b'],
        [appA, 'a'],
      ],
      2,
    ],
    [
      'two bots',
      [
        [appA, 'a'],
        [appB, 'a'],
        [appA, 'a'],
        [appB, 'a'],
      ],
      2,
    ],
    [
      'one bot, two audiences',
      [
        [appA, 'a', 'https://api.botframework.com'],
        [appA, 'a', 'skill-x'],
        [appA, 'a'],
      ],
      3,
    ],
    [
      'claims that do not pick the credentials',
      [
        [{ ...appA, iss: 'x' }, 'a'],
        [{ ...appA, iss: 'y' }, 'a'],
      ],
      1,
    ],
    [
      'an app id claim instead of an audience',
      [
        [{ appid: 'app-a', ver: '1.0' }, 'a'],
        [appA, 'a'],
      ],
      2,
    ],
  ])('%s: every send goes where, and is signed as, a fresh client would', async (_name, turns, clients) => {
    const seen: { a: string[]; b: string[] } = { a: [], b: [] };
    const [a, b] = [await signatureRecorder(seen.a), await signatureRecorder(seen.b)];
    const [fresh, reused] = [new NamingCredentialsFactory(), new NamingCredentialsFactory()];
    const stockAuth = new ConfigurationBotFrameworkAuthentication({}, fresh);
    const ourAuth = reuseClients(new ConfigurationBotFrameworkAuthentication({}, reused), createOutbound());
    try {
      const send = async (auth: typeof ourAuth, [claims, service, audience]: TurnSpec) => {
        const identity = new ClaimsIdentity(
          Object.entries(claims).map(([type, value]) => ({ type, value })),
          true,
        );
        const client = await auth
          .createConnectorFactory(identity)
          .create((service === 'a' ? a : b).serviceUrl, audience);
        await client.conversations.sendToConversation('c', { type: 'message', text: 'hi' });
      };
      for (const spec of turns) await send(stockAuth, spec);
      const stockSeen = { a: seen.a.splice(0), b: seen.b.splice(0) };
      for (const spec of turns) await send(ourAuth, spec);
      expect(seen).toEqual(stockSeen);
      expect([fresh.made, reused.made]).toEqual([turns.length, clients]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
