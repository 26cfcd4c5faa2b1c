/**
 * Bot Framework authentication as the server uses it: botbuilder's, from the validated config, with
 * two guards. A token that cannot be checked because the signing keys are out of reach is a 503 (and
 * a log line), a token the keys do not verify a 401, never the 500 botbuilder's errors would become.
 * And no connector client is made for a serviceUrl the policy refuses: replies and proactive sends
 * (stored references) alike, so nothing is sent there and its host is never even looked up.
 */
import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
  CallerIdConstants,
} from 'botbuilder';
import {
  AuthenticationConstants,
  AuthenticationError,
  type BotFrameworkAuthentication,
  type ConnectorFactory,
} from 'botframework-connector';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { withOverrides } from '../bots/with-overrides';
import type { ServiceUrlPolicy } from './service-urls';

/** How long a request waits for the token signing keys before it is answered 503. */
export const AUTH_TIMEOUT_MS = 10_000;

/** The token could not be checked: the signing keys could not be fetched (answered 503). */
export class AuthUnavailableError extends Error {
  override name = 'AuthUnavailableError';
}

/** A connector client was asked for a serviceUrl the policy refuses (answered 403). */
export class ServiceUrlRefusedError extends Error {
  override name = 'ServiceUrlRefusedError';
  constructor() {
    super('The serviceUrl is not in ALLOWED_SERVICE_URLS; nothing was sent to it.');
  }
}

/** What the guards need. */
export interface BotAuthOptions {
  logger: Logger;
  /** Undefined: any serviceUrl (a Bot Framework token binds it). */
  serviceUrls?: ServiceUrlPolicy;
  /** How long a request waits for the signing keys (0: no limit); default AUTH_TIMEOUT_MS. */
  timeoutMs?: number;
}

/** botbuilder's authentication for the config, with both guards. */
export function createBotAuth(config: Readonly<Config>, options: BotAuthOptions): BotFrameworkAuthentication {
  // Why no timer in anonymous mode: no token is checked, so no key is ever fetched.
  const guards = config.anonymous ? { ...options, timeoutMs: 0 } : options;
  return guardAuthentication(new ConfigurationBotFrameworkAuthentication(botAuthOptions(config)), guards);
}

/**
 * Why explicit: botbuilder would otherwise read process.env itself, bypassing our validation.
 * Why the public cloud's values with a metadata URL: botbuilder takes any one of these as the whole
 * set given, and would leave the others (the token issuer, the login URL) empty.
 */
export function botAuthOptions(config: Readonly<Config>): ConfigurationBotFrameworkAuthenticationOptions {
  const credentials = {
    MicrosoftAppId: config.microsoftAppId,
    MicrosoftAppPassword: config.microsoftAppPassword,
    MicrosoftAppType: config.microsoftAppType,
    MicrosoftAppTenantId: config.microsoftAppTenantId,
  };
  if (config.openIdMetadataUrl === undefined) return credentials;
  return { ...PUBLIC_CLOUD, ...credentials, ToBotFromChannelOpenIdMetadataUrl: config.openIdMetadataUrl };
}

const PUBLIC_CLOUD: ConfigurationBotFrameworkAuthenticationOptions = {
  ValidateAuthority: true,
  ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
  ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
  ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
  OAuthUrl: AuthenticationConstants.OAuthUrl,
  ToBotFromEmulatorOpenIdMetadataUrl: AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
  CallerId: CallerIdConstants.PublicAzureChannel,
};

/** `auth` with its token errors mapped to 401 or 503 and its connector clients limited to allowed serviceUrls. */
export function guardAuthentication(
  auth: BotFrameworkAuthentication,
  options: BotAuthOptions,
): BotFrameworkAuthentication {
  const guard = (factory: ConnectorFactory): ConnectorFactory => ({
    create: (serviceUrl, audience) =>
      options.serviceUrls && !options.serviceUrls.allows(serviceUrl)
        ? Promise.reject(new ServiceUrlRefusedError())
        : factory.create(serviceUrl, audience),
  });
  const overrides: Partial<BotFrameworkAuthentication> = {
    authenticateRequest: async (activity, authHeader) => {
      const result = await checkToken(() => auth.authenticateRequest(activity, authHeader), options);
      return { ...result, connectorFactory: result.connectorFactory && guard(result.connectorFactory) };
    },
    createConnectorFactory: (identity) => guard(auth.createConnectorFactory(identity)),
  };
  return withOverrides(auth, overrides);
}

/** The library jsonwebtoken's errors: the token is malformed, forged, expired or not yet valid. */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

async function checkToken<T>(authenticate: () => Promise<T>, options: BotAuthOptions): Promise<T> {
  const timeoutMs = options.timeoutMs ?? AUTH_TIMEOUT_MS;
  try {
    return await (timeoutMs > 0 ? withTimeout(authenticate(), timeoutMs) : authenticate());
  } catch (err) {
    if (err instanceof AuthenticationError && err.statusCode < 500) throw err;
    if (err instanceof Error && TOKEN_ERRORS.has(err.name))
      throw new AuthenticationError('Unauthorized. The token could not be verified.', 401);
    // Why everything else: botbuilder fails this way only while fetching the OpenID metadata or its keys.
    const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    options.logger.error({ reason }, 'Bot Framework token signing keys could not be fetched: answering 503');
    throw new AuthUnavailableError(reason);
  }
}

/** Why: botbuilder fetches the keys with no timeout, so a key endpoint that never answers would hold every request. */
function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no signing keys within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
