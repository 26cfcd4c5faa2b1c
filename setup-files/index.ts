/** One-tap setup files from the knowledge: an Apple profile and Mozilla's autoconfig. Pure core (no botbuilder, no restify). */
import type { Provider } from '../knowledge';
import { appleProfile } from './apple-profile';
import { autoconfigXml } from './autoconfig';
import { mailSetup, type MailSetup } from './settings';
import { signProfile, type SigningIdentity } from './signing';

export { PROFILE_CONTENT_TYPE, MAIL_PAYLOAD_TYPE, appleProfile, appleProfileData } from './apple-profile';
export { AUTOCONFIG_CONTENT_TYPE, autoconfigXml } from './autoconfig';
export { findAddress, parseAddress, MAX_ADDRESS_LENGTH } from './address';
export { memoryProfileLinks, PROFILE_LINK_TTL_MS, PROFILE_PATH, type LinkLookup, type ProfileLinks } from './links';
export { mailSetup, SetupFileError, type MailSetup } from './settings';
export { identityProblem, signProfile, type SigningIdentity } from './signing';

/** A profile ready to serve. */
export interface ProfileFile {
  body: Buffer;
  /** Signed profiles show their signer on the device; unsigned ones say "Unverified". */
  signed: boolean;
}

/** The setup files of one provider. */
export interface SetupFiles {
  setup: MailSetup;
  /** The Apple profile, pre-filled with `address` when given; signed when an identity was given. */
  profile(address?: string): ProfileFile;
  /** The autoconfig file (the same for every address: Thunderbird fills in %EMAILADDRESS%). */
  autoconfig(): string;
  /** Whether profiles are signed. */
  readonly signed: boolean;
}

/** Builds the provider's setup files; throws a SetupFileError when a setting cannot be stated. */
export function createSetupFiles(provider: Provider, signing?: SigningIdentity): SetupFiles {
  const setup = mailSetup(provider);
  const xml = autoconfigXml(setup);
  return {
    setup,
    signed: signing !== undefined,
    profile(address) {
      const text = appleProfile(setup, address ? { address } : {});
      return signing
        ? { body: signProfile(text, signing), signed: true }
        : { body: Buffer.from(text, 'utf8'), signed: false };
    },
    autoconfig: () => xml,
  };
}
