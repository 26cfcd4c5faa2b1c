/** One-tap setup files from the knowledge: an Apple profile and Mozilla's autoconfig. Pure core (no botbuilder, no restify). */
import type { Provider } from '../knowledge';
import { appleProfile } from './apple-profile';
import { autoconfigXml } from './autoconfig';
import { memoryProfileLinks, type ProfileLinks } from './links';
import { loadOfferFile, profileOffers, type ProfileOffers } from './offer';
import { mailSetup, type MailSetup } from './settings';
import { signProfile, type SigningIdentity } from './signing';

export { PROFILE_CONTENT_TYPE, MAIL_PAYLOAD_TYPE, appleProfile, appleProfileData } from './apple-profile';
export { AUTOCONFIG_CONTENT_TYPE, autoconfigXml } from './autoconfig';
export { findAddress, parseAddress, MAX_ADDRESS_LENGTH } from './address';
export { memoryProfileLinks, PROFILE_LINK_TTL_MS, PROFILE_PATH, type LinkLookup, type ProfileLinks } from './links';
export { loadOfferFile, profileOffer, profileOffers, PROFILE_PROGRAMS, type ProfileOffers } from './offer';
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

/** Everything the bot and the server share for setup files: the files, the links' memory, and the bot's offers. */
export interface SetupParts {
  files: SetupFiles;
  links: ProfileLinks;
  offers: ProfileOffers;
}

/** What `createSetupParts` needs. */
export interface SetupPartsOptions {
  provider: Provider;
  signing?: SigningIdentity;
  /** The bot's address as customers reach it; no offers while it is undefined (the links would not open). */
  baseUrl: () => string | undefined;
  links?: ProfileLinks;
}

/** Builds the setup files, an in-memory link store and the offers on it. */
export function createSetupParts(options: SetupPartsOptions): SetupParts {
  const { provider, signing, baseUrl } = options;
  const files = createSetupFiles(provider, signing);
  const links = options.links ?? memoryProfileLinks();
  const { servers, provider: about } = provider;
  const file = loadOfferFile();
  const offers = profileOffers({ file, servers, domains: about.domains, links, signed: files.signed, baseUrl });
  return { files, links, offers };
}
