/** The settings a setup file carries, read from a provider's knowledge (the table the answers quote). Pure. */
import type { Provider } from '../knowledge';
import type { Server } from '../knowledge/schema';

/** How a server's authentication is named by each file format. */
export interface AuthNames {
  /** Mozilla autoconfig's `<authentication>`. */
  mozilla: 'password-cleartext' | 'password-encrypted';
  /** Apple's `…MailServerAuthentication`. */
  apple: 'EmailAuthPassword' | 'EmailAuthCRAMMD5';
}

/**
 * The knowledge's authentication values (lower case) as each format names them. Why a table: the BT
 * page says "PLAIN" and "normal password", the ISPDB "password-cleartext"; they are one method.
 */
export const AUTH_NAMES: ReadonlyMap<string, AuthNames> = new Map([
  ['normal password', { mozilla: 'password-cleartext', apple: 'EmailAuthPassword' }],
  ['plain', { mozilla: 'password-cleartext', apple: 'EmailAuthPassword' }],
  ['password-cleartext', { mozilla: 'password-cleartext', apple: 'EmailAuthPassword' }],
  ['encrypted password', { mozilla: 'password-encrypted', apple: 'EmailAuthCRAMMD5' }],
  ['cram-md5', { mozilla: 'password-encrypted', apple: 'EmailAuthCRAMMD5' }],
]);

/** One server as a setup file states it. */
export interface ServerSetup {
  host: string;
  port: number;
  encryption: Server['encryption'];
  auth: AuthNames;
}

/** What both setup files are built from. */
export interface MailSetup {
  providerId: string;
  name: string;
  domains: readonly string[];
  imap: ServerSetup;
  pop3: ServerSetup;
  smtp: ServerSetup;
  /** The help page the settings come from, for the files' documentation links. */
  documentation: { url: string; title: string };
}

/** Thrown when the knowledge holds a value no setup file can state; says which and what is allowed. */
export class SetupFileError extends Error {
  override name = 'SetupFileError';
}

/** The provider's settings as the setup files state them; throws a SetupFileError on an unknown authentication. */
export function mailSetup(provider: Provider): MailSetup {
  const { servers, account } = provider;
  const source = provider.sources[account.source] ?? Object.values(provider.sources)[0];
  if (!source) throw new SetupFileError(`${provider.file}: sources: none; a setup file links to its source`);
  return {
    providerId: provider.provider.id,
    name: provider.provider.name,
    domains: provider.provider.domains,
    imap: serverSetup(provider, 'imap', servers.imap),
    pop3: serverSetup(provider, 'pop3', servers.pop3),
    smtp: serverSetup(provider, 'smtp', servers.smtp),
    documentation: { url: source.url, title: source.title },
  };
}

function serverSetup(provider: Provider, id: string, server: Server): ServerSetup {
  const auth = AUTH_NAMES.get(server.authentication.toLowerCase());
  if (!auth) {
    const allowed = [...AUTH_NAMES.keys()].join(', ');
    throw new SetupFileError(
      `${provider.file}: servers.${id}.authentication: got ${JSON.stringify(server.authentication)}; setup files know ${allowed}`,
    );
  }
  return { host: server.host, port: server.port, encryption: server.encryption, auth };
}
