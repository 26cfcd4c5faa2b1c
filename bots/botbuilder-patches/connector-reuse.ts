/**
 * botbuilder's CloudAdapter builds a new ConnectorClient (an HTTP pipeline of a dozen policies)
 * and a new UserTokenClient for every turn; profiling put that at about a quarter of an echo
 * bot's CPU time per turn. This wrapper hands out one of each per bot identity and channel
 * service, kept in a small LRU. (Connections are already pooled: @azure/core-client shares one
 * keep-alive HTTP client between all pipelines.)
 */
import type {
  BotFrameworkAuthentication,
  ClaimsIdentity,
  ConnectorClient,
  ConnectorFactory,
  UserTokenClient,
} from './connector-types';
import { withOverrides } from '../with-overrides';
import { withLeanReplies } from './lean-replies';
import type { Outbound } from './outbound';

/** How many distinct (bot, serviceUrl, audience) clients are kept; an anonymous bot sees arbitrary serviceUrls. */
export const CLIENT_CACHE_SIZE = 100;

/** `auth` with its connector and user-token clients reused across turns; replies leave through `outbound`. */
export function reuseClients(
  auth: BotFrameworkAuthentication,
  outbound: Outbound,
  capacity = CLIENT_CACHE_SIZE,
): BotFrameworkAuthentication {
  const connectors = promiseCache<ConnectorClient>(capacity);
  const tokenClients = promiseCache<UserTokenClient>(capacity);
  const caching = (factory: ConnectorFactory, identity: ClaimsIdentity): ConnectorFactory => ({
    create: (serviceUrl: string, audience?: string) =>
      connectors(JSON.stringify([botOf(identity), serviceUrl, audience]), () =>
        factory.create(serviceUrl, audience).then((client) => withLeanReplies(client, serviceUrl, outbound)),
      ),
  });
  const overrides: Partial<BotFrameworkAuthentication> = {
    authenticateRequest: async (activity, authHeader) => {
      const result = await auth.authenticateRequest(activity, authHeader);
      const factory = result.connectorFactory;
      return { ...result, connectorFactory: factory && caching(factory, result.claimsIdentity) };
    },
    createConnectorFactory: (identity) => caching(auth.createConnectorFactory(identity), identity),
    createUserTokenClient: (identity) => tokenClients(botOf(identity), () => auth.createUserTokenClient(identity)),
  };
  return withOverrides(auth, overrides);
}

/** The claims that decide which credentials a client carries (app id and audience). */
function botOf(identity: ClaimsIdentity): string {
  const wanted = new Set(['aud', 'appid', 'azp', 'ver']);
  return JSON.stringify((identity?.claims ?? []).filter((c) => wanted.has(c.type)).map((c) => [c.type, c.value]));
}

/** A bounded map of promises by key: a rejected promise is dropped so the next call tries again. */
function promiseCache<T>(capacity: number): (key: string, make: () => Promise<T>) => Promise<T> {
  const entries = new Map<string, Promise<T>>();
  return (key, make) => {
    let entry = entries.get(key);
    if (entry) {
      entries.delete(key);
    } else {
      entry = make();
      entry.catch(() => entries.get(key) === entry && entries.delete(key));
    }
    entries.set(key, entry);
    if (entries.size > capacity) entries.delete(entries.keys().next().value as string);
    return entry;
  };
}
