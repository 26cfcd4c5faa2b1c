/**
 * An Apple configuration profile (.mobileconfig) with one Mail payload (com.apple.mail.managed), built
 * from the knowledge's settings. Never a password: the device asks for it. Pure but for the UUIDs.
 */
import { randomUUID } from 'node:crypto';
import { build, type PlistObject } from 'plist';
import type { MailSetup, ServerSetup } from './settings';

/** The payload type of a Mail account, as Apple's schema names it. */
export const MAIL_PAYLOAD_TYPE = 'com.apple.mail.managed';

/** The content type Safari and macOS open a profile with. */
export const PROFILE_CONTENT_TYPE = 'application/x-apple-aspen-config';

/** What a profile may be given besides the settings. */
export interface ProfileOptions {
  /** The customer's address, pre-filled as the address and both usernames; without it the device asks. */
  address?: string;
  /** Makes the UUIDs (tests pass a fixed one). */
  uuid?: () => string;
}

/** The profile's outer dictionary and its Mail payload, as plain data (tests validate it against Apple's schema). */
export function appleProfileData(setup: MailSetup, options: ProfileOptions = {}): PlistObject {
  const uuid = options.uuid ?? randomUUID;
  const identifier = reverseDns(setup);
  return {
    PayloadType: 'Configuration',
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: uuid(),
    PayloadDisplayName: `${setup.name} settings`,
    PayloadDescription: `Adds your ${setup.name} account to Mail (IMAP ${setup.imap.host}, SMTP ${setup.smtp.host}). Mail asks for your password.`,
    PayloadContent: [mailPayload(setup, `${identifier}.mail`, uuid(), options.address)],
  };
}

/** The profile as XML property-list text. */
export function appleProfile(setup: MailSetup, options: ProfileOptions = {}): string {
  return build(appleProfileData(setup, options));
}

/**
 * The Mail payload. Why both usernames are the address: Apple's default is the part before the @,
 * and BT's servers want the whole address. Why no password keys: the profile is not encrypted.
 */
function mailPayload(setup: MailSetup, identifier: string, payloadUuid: string, address?: string): PlistObject {
  const who: PlistObject = address ? { EmailAddress: address } : {};
  const usernames: PlistObject = address
    ? { IncomingMailServerUsername: address, OutgoingMailServerUsername: address }
    : {};
  return {
    PayloadType: MAIL_PAYLOAD_TYPE,
    PayloadVersion: 1,
    PayloadIdentifier: identifier,
    PayloadUUID: payloadUuid,
    PayloadDisplayName: `${setup.name} (IMAP)`,
    EmailAccountDescription: setup.name,
    EmailAccountType: 'EmailTypeIMAP',
    ...who,
    ...server('Incoming', setup.imap),
    ...server('Outgoing', setup.smtp),
    ...usernames,
    OutgoingPasswordSameAsIncomingPassword: true,
  };
}

function server(side: 'Incoming' | 'Outgoing', s: ServerSetup): PlistObject {
  return {
    [`${side}MailServerHostName`]: s.host,
    [`${side}MailServerPortNumber`]: s.port,
    [`${side}MailServerUseSSL`]: s.encryption !== 'none',
    [`${side}MailServerAuthentication`]: s.auth.apple,
  };
}

/** "com.btinternet.mail-settings" from the first domain: the same for every download, so a new one replaces the old. */
function reverseDns(setup: MailSetup): string {
  const domain = setup.domains[0] ?? setup.providerId;
  return `${domain.split('.').reverse().join('.')}.${setup.providerId}.mail-settings`;
}
