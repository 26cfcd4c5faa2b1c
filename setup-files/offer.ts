/**
 * The bot's offer of the Apple settings file, in the words of setup-files/offer.yaml (each sentence
 * quoting its sources), for the mail programs that read such a file. Pure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { KnowledgeFile } from '../knowledge/schema';
import { describe, KnowledgeError, projectRoot, type Problem } from '../knowledge/load';
import { fillTemplate } from '../knowledge/template';
import { findAddress } from './address';
import { PROFILE_LINK_TTL_MS, PROFILE_PATH, type ProfileLinks } from './links';

/** Where the offer's words are kept. */
export const OFFER_FILE = join(projectRoot(__dirname), 'setup-files', 'offer.yaml');

const sentence = z.strictObject({
  text: z.string().trim().min(1),
  evidence: z.array(z.strictObject({ source: z.string(), quote: z.string().min(1) })).min(1),
});

const offerFileSchema = z.strictObject({
  version: z.literal(1),
  sources: z.record(
    z.string(),
    z.strictObject({ label: z.string(), url: z.url(), file: z.string().regex(/^[\w-]+\.(?:txt|md)$/) }),
  ),
  offer: z.strictObject({
    title: z.string().min(1),
    button: z.string().min(1),
    intro: sentence,
    iphone: sentence,
    mac: sentence,
    password: sentence,
    addressGiven: sentence,
    addressAsked: sentence,
    unsigned: sentence,
    signed: sentence,
  }),
});

/** The offer file as written, checked. */
export type OfferFile = z.infer<typeof offerFileSchema>;

/**
 * Reads and checks offer.yaml; throws a KnowledgeError listing every problem (a bad field, a source
 * the evidence names but the file does not list), as the knowledge's own files do.
 */
export function loadOfferFile(path: string = OFFER_FILE): OfferFile {
  const name = 'setup-files/offer.yaml';
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new KnowledgeError([
      { file: name, path: '', value: 'unreadable', allowed: (err as Error).message.split('\n')[0] ?? '' },
    ]);
  }
  const result = offerFileSchema.safeParse(raw, { reportInput: true });
  if (!result.success)
    throw new KnowledgeError(
      result.error.issues.map((i) => ({
        file: name,
        path: i.path.join('.'),
        value: describe('input' in i ? i.input : undefined),
        allowed: i.message,
      })),
    );
  const problems = unknownSources(result.data).map((p) => ({ file: name, ...p }));
  if (problems.length > 0) throw new KnowledgeError(problems);
  return result.data;
}

function unknownSources(file: OfferFile): Omit<Problem, 'file'>[] {
  const allowed = `must be one of: ${Object.keys(file.sources).join(', ')}`;
  return Object.entries(file.offer).flatMap(([key, s]) =>
    typeof s === 'object'
      ? s.evidence.flatMap((e, i) =>
          file.sources[e.source]
            ? []
            : [{ path: `offer.${key}.evidence.${i}.source`, value: describe(e.source), allowed }],
        )
      : [],
  );
}

/**
 * The mail programs (the lexicon's names, slot `program`) that install a settings file, and the device
 * each is on. Why a table: only Apple's Mail reads a .mobileconfig; every other program gets no offer.
 */
export const PROFILE_PROGRAMS: ReadonlyMap<string, { kind: 'iphone' | 'mac'; device: string }> = new Map([
  ['iPhone or iPad', { kind: 'iphone', device: 'iPhone or iPad' }],
  ['Apple Mail', { kind: 'mac', device: 'Mac' }],
]);

/** What the bot shows: a title, the text (plain sentences) and the button's title. */
export interface ProfileOfferText {
  title: string;
  text: string;
  button: string;
}

/** What the offer depends on besides the program. */
export interface OfferFacts {
  servers: KnowledgeFile['servers'];
  signed: boolean;
  addressKnown: boolean;
}

/** The offer for a program, or undefined when that program does not read a settings file. */
export function profileOffer(
  file: OfferFile,
  program: string | undefined,
  facts: OfferFacts,
): ProfileOfferText | undefined {
  const target = program === undefined ? undefined : PROFILE_PROGRAMS.get(program);
  if (!target) return undefined;
  const { offer } = file;
  const minutes = Math.round(PROFILE_LINK_TTL_MS / 60_000);
  const sentences = [
    fillTemplate(offer.intro.text, facts).replace('{device}', target.device),
    offer[target.kind].text,
    offer.password.text,
    facts.addressKnown ? offer.addressGiven.text : offer.addressAsked.text,
    facts.signed ? offer.signed.text : offer.unsigned.text,
    `The link works for ${minutes} minutes.`,
  ];
  return { title: offer.title, text: sentences.join(' '), button: offer.button };
}

/** An offer ready to show: its words and the download link for its button. */
export interface ProfileOfferLink extends ProfileOfferText {
  url: string;
}

/** What the bot asks of the setup files: the offer for an answer, with a fresh link (none without a base URL). */
export interface ProfileOffers {
  offer(program: string | undefined, message: string): ProfileOfferLink | undefined;
}

/** The parts an offer is made from. */
export interface ProfileOfferDeps {
  file: OfferFile;
  servers: KnowledgeFile['servers'];
  domains: readonly string[];
  links: ProfileLinks;
  signed: boolean;
  /** The bot's address as customers reach it (PUBLIC_BASE_URL); read at each offer, so a test may learn its port late. */
  baseUrl: () => string | undefined;
}

/**
 * Offers for the programs that read a settings file. The address the message gives (at one of the
 * provider's domains) is kept with the link's token, never put in the link.
 */
export function profileOffers(deps: ProfileOfferDeps): ProfileOffers {
  return {
    offer(program, message) {
      const base = deps.baseUrl();
      if (base === undefined || program === undefined || !PROFILE_PROGRAMS.has(program)) return undefined;
      const address = findAddress(message, deps.domains);
      const facts = { servers: deps.servers, signed: deps.signed, addressKnown: address !== undefined };
      const text = profileOffer(deps.file, program, facts);
      return text && { ...text, url: `${base}${PROFILE_PATH}/${deps.links.create(address)}` };
    },
  };
}
