/**
 * botframework-connector's types the patches share, reached through botbuilder's (CloudAdapter's
 * constructor), so that connector-reuse and lean-replies both import them from here and not from
 * each other.
 */
import type { CloudAdapter } from 'botbuilder';

/** What CloudAdapter authenticates and builds its clients with. */
export type BotFrameworkAuthentication = NonNullable<ConstructorParameters<typeof CloudAdapter>[0]>;
/** The identity a request was authenticated as. */
export type ClaimsIdentity = Parameters<BotFrameworkAuthentication['createConnectorFactory']>[0];
/** Builds a connector client for a channel service URL. */
export type ConnectorFactory = ReturnType<BotFrameworkAuthentication['createConnectorFactory']>;
/** botframework-connector's ConnectorClient. */
export type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
/** botframework-connector's UserTokenClient. */
export type UserTokenClient = Awaited<ReturnType<BotFrameworkAuthentication['createUserTokenClient']>>;
