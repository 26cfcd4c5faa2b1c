/**
 * The routing table (knowledge/data/routes.yaml): the search's decision as named routes, each a
 * list of conditions, a target and a reason. Code holds the conditions and the named answers;
 * the file says which apply in what order, and every name in it is checked when it loads.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import {
  ACCOUNT_MATTERS,
  MAILBOX_SIZE,
  NOT_COVERED,
  NEW_QUESTION,
  NOT_PROTOCOL,
  OTHER_PROVIDERS,
  OTHER_PROVIDER_SETTINGS,
  PROTOCOL_WORDS,
  SERVICE_STATUS,
  LEXICON,
  saysWordList,
  type Attribute,
} from './lexicon';
import { listSource, wordListPattern } from './lexicon-file';
import { DEFAULT_KNOWLEDGE_DIR, describe, KnowledgeError, type KnowledgeBase, type Problem } from './load';
import type { Entry, Protocol } from './schema';
import { fieldCount, type Screen } from './screen';
import type { Proposed, Slots, YesOrNo } from './slots';

/** How many settings a line must list to be checked without being asked to. */
const LISTED_FIELDS = 3;

/** Why nothing was found. */
export const NONE_REASONS = [
  'empty',
  'still-failing',
  'other-provider',
  'other-product',
  'account',
  'password',
  'others-password',
  'own-domain',
  'not-covered',
  'service-status',
  // Issue 13 (service and symptoms): BT Email's future, price or what happens on leaving BT; mail slow or late.
  'service-plans',
  'speed',
  'no-match',
] as const;
export type NoneReason = (typeof NONE_REASONS)[number];

/** Entry ids the code itself names (beside the route file's): checked against the knowledge at load. */
export const ENTRY_IDS = {
  imapVsPop: 'imap-vs-pop',
  whichProtocol: 'which-protocol',
  popToImap: 'pop-to-imap',
  cannotSend: 'cannot-send',
  cannotReceive: 'cannot-receive',
  passwordRejected: 'password-rejected',
  whySsl: 'why-ssl',
  smtpAuth: 'smtp-auth',
  spa: 'spa',
  passwordCheck: 'password-check',
  passwordRules: 'password-rules',
  firstSetup: 'first-setup',
  setupFile: 'setup-file',
  thunderbirdAutoconfig: 'thunderbird-autoconfig',
} as const;

/** Walkthrough ids the code names: checked against the knowledge at load. */
export const WALKTHROUGH_IDS = { popToImap: 'pop-to-imap' } as const;

/** What the conversation already knows, e.g. the protocol of a walkthrough under way. */
export interface SearchContext {
  protocol?: Protocol;
  /** Every protocol the last settings answer covered, when it was more than one ("the incoming server": IMAP and POP3). */
  protocols?: Protocol[];
  /** The settings the last question asked about, for "and for POP?". */
  attributes?: Attribute[];
  /** The entry last answered, for "it's Thunderbird" after an error. */
  lastEntryId?: string;
  /** The walkthrough under way: its own FAQs ("will I lose my mail?") come first. */
  walkthrough?: typeof WALKTHROUGH_IDS.popToImap;
  /** The last reply was out of scope (a mailbox feature, another provider…): "where is that in webmail?" stays there. */
  lastNone?: NoneReason;
  /**
   * Issue 13 (context): the last settings question asked yes or no ("do I need SSL for incoming?"): the
   * values it proposed, so an elliptical "and outgoing" is answered yes or no too.
   */
  lastYesNo?: Proposed;
  /**
   * Issue 13 (talk): the yes or no that opened the last answer, about a box (SSL, SMTP authentication, SPA): "and
   * for outgoing?" after "is SSL needed for incoming?" keeps it for the side now named.
   */
  lastVerdict?: YesOrNo;
  /** Issue 15 (checker): the mail program named earlier, for a settings check whose own message names none. */
  program?: string;
  /**
   * Issue 13 (verdicts across messages): the values the last message described without asking about them
   * ("outlook has smtp.btinternet.com in the outgoing box"), for a next "is that right?" to be a yes or no on them.
   */
  lastDescribed?: Proposed;
  /** Issue 13 (vague failures): the last reply asked whether sending or receiving fails (answer which-side). */
  sideAsked?: boolean;
  /** The last message typed a password (the reply warned not to share it): "ok its X then" gives it again. */
  lastTypedSecret?: boolean;
}

/** An entry the words match, and how well (0 to 1). */
export interface Match {
  entry: Entry;
  score: number;
}

/** Overlap at or above STRONG is a confident match; from WEAK up it is a "did you mean". */
export const STRONG = 0.5;
export const WEAK = 0.3;

/** One question as the conditions see it; the costly matches are computed only when a condition asks. */
export interface Query {
  /** The message as typed (bounded): the checker reads its settings, which canonical words lose. */
  text: string;
  words: string;
  slots: Slots;
  context: SearchContext;
  content: string[];
  /** The best matching walkthrough FAQ, if one matches at least weakly. */
  walkthroughFaq(): Match | undefined;
  /** The entries the words match, best first (none when no email word is there to anchor them). */
  hits(): Match[];
  /** Issue 15 (checker): the settings the message shows (two fields or more), read once when asked. */
  settingsShown(): Screen | undefined;
}

/**
 * Issue 13 (verdicts across messages): "is that right?", "so is that wrong then?", "thats ok yeah" as a whole message
 * (lexicon `verdictLead`, `verdictOnly`, `verdictTagged` and `verdictTail`).
 */
const VERDICT_ONLY = new RegExp(
  `^(?:${listSource(LEXICON.words.verdictLead)} )?(?:(?:${listSource(LEXICON.words.verdictOnly)})(?: ${listSource(LEXICON.words.verdictTail)})?|(?:${listSource(LEXICON.words.verdictTagged)}) ${listSource(LEXICON.words.verdictTail)})$`,
);
/** A short message (eight words at most) with a word of letters and digits that is no address or host ("its Penguin2024"). */
function givesValue(text: string): boolean {
  if (text.length > 80) return false;
  const words = text.split(/\s+/);
  return (
    words.length <= 8 &&
    words.some(
      (w) =>
        w.length >= 4 && /\d/.test(w) && /[a-z]/i.test(w) && !/[.@]\w/.test(w) && !(w.toLowerCase() in PROTOCOL_WORDS),
    )
  );
}

/** "Why?" in its many short forms, as a whole message (lexicon `whyOnly`). */
const WHY_ONLY = new RegExp(`^${wordListPattern(LEXICON.words.whyOnly).source}$`);
/**
 * Issue 13 (talk): the boxes the last answer was about — SSL, SMTP authentication or SPA as an entry, or SSL and
 * authentication as the only settings given with no port or server proposed — whose yes or no a side follow-up keeps.
 */
export function lastBoxes(context: SearchContext): ('encryption' | 'authentication' | 'spa')[] {
  const { lastEntryId, attributes = [], lastYesNo } = context;
  if (lastEntryId !== undefined)
    return lastEntryId === ENTRY_IDS.whySsl
      ? ['encryption']
      : lastEntryId === ENTRY_IDS.smtpAuth
        ? ['authentication']
        : lastEntryId === ENTRY_IDS.spa
          ? ['spa']
          : [];
  if ((lastYesNo?.ports.length ?? 0) + (lastYesNo?.hosts.length ?? 0) > 0) return [];
  const boxes = attributes.filter((a) => a === 'encryption' || a === 'authentication');
  return boxes.length === attributes.length ? boxes : [];
}

/** Issue 13 (talk): a box, switch or slider named and nothing else ("the slider?", "which box?"), as a whole message. */
const BOX_FRAGMENT = new RegExp(`^${wordListPattern(LEXICON.words.boxFragment).source}$`);
/** Issue 13 (reading): a short IMAP-or-POP choice at the end of a message ("… imap or pop, which one?"), no setting asked there. */
const CHOICE_TAIL = wordListPattern(LEXICON.words.choiceTail);
const NOT_CHOICE_TAIL = wordListPattern(LEXICON.words.notChoiceTail);
/** How many words at the end of a message a closing choice question is looked for in. */
const TAIL_WORDS = 8;

/** The last `TAIL_WORDS` words of the canonical text. */
function tail(words: string): string {
  let at = words.length;
  for (let i = 0; i < TAIL_WORDS && at > 0; i++) at = words.lastIndexOf(' ', at - 1);
  return at > 0 ? words.slice(at + 1) : words;
}

function endsInChoice(words: string): boolean {
  const end = tail(words);
  return CHOICE_TAIL.test(end) && !NOT_CHOICE_TAIL.test(end);
}

/** The none reasons that say a question is out of scope, rather than not understood or still failing. */
const OUT_OF_SCOPE: ReadonlySet<NoneReason> = new Set([
  'account',
  'password',
  'others-password',
  'own-domain',
  'other-provider',
  'other-product',
  'not-covered',
  'service-status',
  'service-plans',
  'speed',
]);

const TYPE_WORDS = /\b(server|account|mail|incoming) type\b/;
const ABOUT_EMAIL = /\b(email|mail|smtp|imap|pop3|incoming|webmail|outlook|thunderbird)\b/;
/**
 * Words that only ask for an explanation ("what does smtp mean", "explain imap"), with the fillers
 * around it ("sorry", "um", "quick one", "m8"): lexicon `explainOnly`.
 */
const EXPLAINING: ReadonlySet<string> = new Set(LEXICON.words.explainOnly);

const best = (q: Query): Match | undefined => q.hits()[0];
const only = (q: Query, allowed: (a: Attribute) => boolean): boolean => q.slots.attributes.every(allowed);

/** The one protocol a request to explain names and nothing else. */
export function explainedProtocol(q: Query): Protocol | undefined {
  const { slots, content } = q;
  if (!slots.explain || slots.attributes.length > 0 || slots.protocols.length !== 1) return undefined;
  const onlyProtocol = content.every((w) => w in PROTOCOL_WORDS || EXPLAINING.has(w));
  return onlyProtocol ? slots.protocols[0] : undefined;
}

/** "And for POP?": the protocols the last question's settings are now asked for, or undefined. */
export function followUpProtocols(q: Query): Protocol[] | undefined {
  const { slots, context } = q;
  // "And incoming?" names no protocol: the incoming one just talked about, else both.
  const lastIncoming = context.protocol === 'imap' || context.protocol === 'pop3' ? [context.protocol] : undefined;
  const incoming: Protocol[] = slots.incoming ? (lastIncoming ?? ['imap', 'pop3']) : [];
  const protocols = slots.protocols.length > 0 ? slots.protocols : incoming;
  const reuse = slots.followUp && slots.attributes.length === 0 && protocols.length > 0 && context.attributes?.length;
  return reuse && !slots.explain && !slots.compare ? protocols : undefined;
}

const CORRECTION = wordListPattern(LEXICON.words.correction);
const TAKEN_BACK: Readonly<Record<string, Protocol>> = { imap: 'imap', pop3: 'pop3', smtp: 'smtp' };

/**
 * Issue 13 (corrections): "oh wait no its pop", "my mistake its pop3 not imap", "correction: outgoing" after an
 * answer: the protocols now meant (the one taken back left out), for the same question again; else undefined.
 */
export function correctedProtocols(q: Query): Protocol[] | undefined {
  const { slots, context } = q;
  if (context.protocol === undefined && context.lastEntryId === undefined) return undefined;
  if (slots.words.length > 100 || slots.words.split(' ').length > 12 || !CORRECTION.test(slots.words)) return undefined;
  if (NEW_QUESTION.test(slots.words)) return undefined;
  if (slots.attributes.some((a) => a !== 'host' || !slots.weakHost)) return undefined;
  const takenBack = new Set([...slots.words.matchAll(NOT_PROTOCOL)].map((m) => TAKEN_BACK[m[1] ?? '']));
  const named = slots.protocols.filter((p) => !takenBack.has(p));
  const lastIncoming = context.protocol === 'imap' || context.protocol === 'pop3' ? [context.protocol] : undefined;
  const protocols: Protocol[] = named.length > 0 ? named : slots.incoming ? (lastIncoming ?? ['imap', 'pop3']) : [];
  return protocols.length === 1 || slots.incoming ? protocols : undefined;
}

/** A request for a whole block: "imap settings", "all the server details", or three settings at once. */
function wantsBlock(slots: Slots): boolean {
  const named = slots.attributes.filter((a) => a !== 'host' || !slots.weakHost);
  // Issue 13 (multi): three values to check ("smtp.btinternet.com port 587 tls?") are checked one by one, not a block.
  if (slots.attributes.length >= 3 && !hasProposed(slots)) return true;
  if (slots.whatToSet && named.length === 0) return true;
  if (!slots.wholeBlock) return false;
  if (named.length === 0 || (slots.wholeBlockStrong && slots.attributes.length >= 2)) return true;
  // Issue 13 (settings with a protocol named): "I want IMAP over implicit TLS, give me the full setup", "complete config
  // for IMAP on 993": a value that only says which kind of the protocol, asked nothing of, beside a strong block word.
  const { form, symptom, protocols, proposed } = slots;
  return (
    slots.wholeBlockStrong &&
    form === 'open' &&
    !symptom &&
    protocols.length > 0 &&
    named.every((a) => statesKind(a, proposed))
  );
}

/**
 * Whether the setting named is only a value the customer typed to say which kind of the protocol (993, implicit TLS):
 * one value, not options to choose from ("security type is none / ssl/tls / starttls - which for outgoing").
 */
function statesKind(attribute: Attribute, proposed: Slots['proposed']): boolean {
  if (attribute === 'port') return proposed.ports.length === 1;
  return attribute === 'encryption' && proposed.encryption.length === 1;
}

function hasProposed(slots: Slots): boolean {
  const p = slots.proposed;
  return p.ports.length + p.hosts.length + p.encryption.length + p.auth.length > 0;
}

/** Three settings or more, of both the incoming and the outgoing side. */
function listsBothSides(screen: Screen | undefined): boolean {
  if (!screen || fieldCount(screen) < LISTED_FIELDS) return false;
  const sides = new Set([...screen.hosts, ...screen.ports, ...screen.encryption].map((f) => f.side));
  return sides.has('incoming') && sides.has('outgoing');
}

/** The conditions a route may name; README.md ("The routes") lists them in words. */
export const CONDITIONS = {
  'no-words': (q) => !/[a-z0-9]/.test(q.words),
  'account-matter': (q) => ACCOUNT_MATTERS.some((re) => re.test(q.words)),
  'service-status': (q) => SERVICE_STATUS.test(q.words),
  'mailbox-feature': (q) => NOT_COVERED.test(q.words),
  'mailbox-size': (q) => MAILBOX_SIZE.test(q.words),
  'other-provider': (q) => OTHER_PROVIDERS.test(q.words.replace(/\bgmail (app|application|on android)\b/g, ' ')),
  // "bt's" reads as "bts" once the apostrophe goes ("coming from virgin, what are bt's imap settings").
  ours: (q) => q.slots.domains.length > 0 || /\bbts?\b/.test(q.words),
  'foreign-address': (q) => q.slots.foreignDomains.length > 0,
  // Issue 13 (moving provider): every unknown domain is a server name typed ("sky used pop.tools.sky.com"), no address.
  'asks-other-provider-settings': (q) => OTHER_PROVIDER_SETTINGS.test(q.words),
  'foreign-servers-only': (q) => q.slots.foreignDomains.every((d) => q.slots.proposed.hosts.includes(d)),
  'about-email': (q) => ABOUT_EMAIL.test(q.words),
  'quotes-code': (q) => q.slots.errorCodes.length > 0,
  'quotes-error': (q) => q.slots.errorCodes.length > 0 || q.slots.unknownError,
  spa: (q) => q.slots.spa,
  'in-walkthrough': (q) => q.context.walkthrough !== undefined,
  'whole-block': (q) => q.slots.wholeBlock,
  'walkthrough-faq-matches': (q) => q.walkthroughFaq() !== undefined,
  'switch-to-imap': (q) => q.slots.switchToImap,
  // Issue 13 (how to move after a sync wish): how to move off POP or over to IMAP asked ("need my phone and pc to
  // match, how do I get off pop"): the sync routes step aside for the walkthrough.
  'asks-how-to-switch': (q) => q.slots.switchToImap && q.slots.howTo,
  // "The server type" names no setting: "can I just change the server type to IMAP?" is about switching.
  'names-no-setting-besides-type': (q) => only(q, (a) => a === 'host' && TYPE_WORDS.test(q.words)),
  'pop-just-came-up': (q) =>
    q.context.protocol === 'pop3' ||
    q.context.lastEntryId === ENTRY_IDS.imapVsPop ||
    q.context.lastEntryId === ENTRY_IDS.whichProtocol,
  'which-protocol': (q) => q.slots.whichProtocol,
  'asks-type': (q) => TYPE_WORDS.test(q.words) && q.slots.protocols.length === 0,
  'names-only-host': (q) => only(q, (a) => a === 'host'),
  'program-only': (q) => q.slots.programOnly,
  // Issue 13 (changed password): a mail program named anywhere in the message ("… and now outlook wont connect").
  'names-program': (q) => q.slots.program !== undefined,
  // Issue 13 (vague failures): the last reply asked whether sending or receiving fails.
  'follows-which-side': (q) => q.context.sideAsked === true,
  // Issue 15 (setup files): the last answer was the settings file's, which asks for the device it is for.
  'follows-setup-file': (q) => q.context.lastEntryId === ENTRY_IDS.setupFile,
  symptom: (q) => q.slots.symptom,
  'names-password-or-username': (q) => q.slots.attributes.some((a) => a === 'password' || a === 'username'),
  // Issue 13 (context): two settings or more asked for ("port and security"), a passing "server" not counted.
  'names-several-settings': (q) => q.slots.attributes.filter((a) => a !== 'host' || !q.slots.weakHost).length >= 2,
  // Issue 13 (context): no setting named but the sign-in's own ("login and password?").
  'names-only-sign-in': (q) => only(q, (a) => a === 'password' || a === 'username'),
  'follow-up': (q) => followUpProtocols(q) !== undefined,
  correction: (q) => correctedProtocols(q) !== undefined,
  'wants-block': (q) => wantsBlock(q.slots),
  'sync-symptom': (q) => q.slots.syncSymptom,
  'names-folders': (q) => q.slots.attributes.includes('folders') && /\b(called|name|names)\b/.test(q.words),
  'names-only-folders': (q) => only(q, (a) => a === 'folders' || (a === 'host' && q.slots.weakHost)),
  compare: (q) => q.slots.compare,
  'how-to': (q) => q.slots.howTo,
  // "IMAP or POP, port 993?" proposes a value: that asks about the value, not which protocol.
  'names-both-protocols': (q) =>
    q.slots.protocols.includes('imap') && q.slots.protocols.includes('pop3') && !hasProposed(q.slots),
  'about-protocols': (q) => q.slots.protocols.some((p) => p !== 'smtp') || /\b(protocol|webmail|sync)\b/.test(q.words),
  'typed-secret': (q) => q.slots.typedSecret,
  'one-side-fails': (q) => q.slots.failing !== undefined,
  'names-no-setting-besides-server': (q) => only(q, (a) => a === 'host' && q.slots.weakHost),
  'explains-smtp-only': (q) => explainedProtocol(q) === 'smtp',
  'explains-imap-or-pop-only': (q) => ['imap', 'pop3'].includes(explainedProtocol(q) ?? ''),
  explain: (q) => q.slots.explain,
  'proposes-port': (q) => q.slots.proposed.ports.length > 0,
  // Issue 13 (webmail-ssl): SSL said to be off, unticked or left blank ("ssl box is empty, does it matter?").
  'says-ssl-off': (q) => q.slots.proposed.encryption.includes('none'),
  // Issue 13 (context): a port or server typed, to be checked ("my smtp settings say 587, is that right?").
  'proposes-value': (q) => q.slots.proposed.ports.length + q.slots.proposed.hosts.length > 0,
  'weak-match': (q) => (best(q)?.score ?? 0) >= WEAK,
  'strong-match': (q) => (best(q)?.score ?? 0) >= STRONG,
  'match-is-topic': (q) => best(q)?.entry.kind === 'topic',
  'only-protocol-words': (q) => q.content.length > 0 && q.content.every((w) => w in PROTOCOL_WORDS),
  'names-setting': (q) => q.slots.attributes.length > 0,
  'names-protocol': (q) => q.slots.protocols.length > 0,
  // IMAP was just recommended ("should I use IMAP or POP?"): "which port then?" is IMAP's.
  'imap-just-recommended': (q) => q.context.lastEntryId === ENTRY_IDS.imapVsPop,
  'smtp-just-came-up': (q) => q.context.protocol === 'smtp' || q.context.lastEntryId === ENTRY_IDS.cannotSend,
  // "What about sending?": a protocol named as a follow-up, no setting, and none carried over to reuse.
  // Issue 13 (context): a side named ("and for incoming?") counts as a protocol here.
  'bare-follow-up': (q) =>
    q.slots.followUp &&
    q.slots.attributes.length === 0 &&
    (q.slots.protocols.length > 0 || q.slots.incoming) &&
    !q.context.attributes?.length,
  'follows-an-answer': (q) => q.context.lastEntryId !== undefined || q.context.protocol !== undefined,
  // Issue 13 (after an answer): both incoming servers were just given ("incoming server?"), no single protocol.
  'follows-incoming': (q) => !!q.context.protocols?.length && !q.context.protocols.includes('smtp'),
  // Issue 13 (context): "y tho", "why?", "how come" and nothing else.
  'asks-only-why': (q) => WHY_ONLY.test(q.words),
  // Issue 13 (talk): a yes or no just given about a box, and now only another side named ("same for smtp?").
  'follows-box-verdict': (q) => q.context.lastVerdict !== undefined && lastBoxes(q.context).length > 0,
  'names-only-a-side': (q) =>
    q.slots.followUp &&
    q.slots.attributes.length === 0 &&
    (q.slots.protocols.length > 0 || q.slots.incoming) &&
    !q.slots.explain &&
    !q.slots.compare,
  // Issue 13 (talk): "the slider?", "which box?", "that toggle?" and nothing else.
  'names-only-a-box': (q) => BOX_FRAGMENT.test(q.words),
  // Issue 13 (context): the last reply said the question was out of scope.
  'follows-out-of-scope': (q) => q.context.lastNone !== undefined && OUT_OF_SCOPE.has(q.context.lastNone),
  // Issue 13 (reading): a story that ends in "IMAP or POP for all this?", "which should I use then?".
  'ends-in-protocol-choice': (q) => endsInChoice(q.words),
  // Issue 13 (comparison with values): "IMAP/993 vs POP3/995", IMAP and POP named in the words (not only
  // through a value), whatever values stand beside them.
  'names-imap-and-pop': (q) =>
    q.slots.protocols.includes('imap') && q.slots.protocols.includes('pop3') && !q.slots.protocolsFromValues,
  // Issue 13 (verdicts across messages): the last message described values, and this one only asks whether they are right.
  'follows-described-value': (q) => q.context.lastDescribed !== undefined,
  'asks-only-verdict': (q) => VERDICT_ONLY.test(q.words),
  // Issue 13 (confirm): the last answer was a knowledge entry's, or named settings (SSL, authentication, folders…).
  'follows-entry-or-setting': (q) =>
    q.context.lastEntryId !== undefined ||
    (q.context.protocol !== undefined && (q.context.attributes ?? []).length > 0),
  // A port or server was the last answer (no entry since): "is that right?" asks about it.
  'follows-settings-answer': (q) =>
    q.context.lastEntryId === undefined &&
    q.context.protocol !== undefined &&
    (q.context.attributes ?? []).some((a) => a === 'port' || a === 'host'),
  // Issue 13 (context): the last reply declined to see or check a password.
  // Issue 13 (passwords): a short message holding a word of letters and digits ("its Penguin2024"), read after the decline.
  'gives-a-value': (q) => givesValue(q.text),
  // The last message typed a password, and the reply warned not to share it.
  'follows-password-warning': (q) => q.context.lastTypedSecret === true,
  'follows-password-decline': (q) =>
    q.context.lastEntryId === ENTRY_IDS.passwordCheck || q.context.lastEntryId === ENTRY_IDS.passwordRules,
  // Issue 15 (checker): two settings or more shown, in a pasted screen, a log or free text.
  'shows-settings': (q) => q.settingsShown() !== undefined,
  // Issue 15 (checker): three settings or more of both sides typed on one line, nothing asked ("incoming
  // pop.btinternet.com 110 no ssl, outgoing …"); not a labelled line, which is a pasted screen's (two ":" or "=").
  'lists-settings': (q) =>
    !/[\n?]/.test(q.text) && q.text.split(/[:=]/, 3).length < 3 && listsBothSides(q.settingsShown()),
} satisfies Record<string, (q: Query) => boolean>;
export type ConditionName = keyof typeof CONDITIONS;

/** The named answers a route may give (see search.ts), and whether a query's best match is worth anything. */
export const ANSWERS = [
  'error',
  'described-verdict',
  'confirm-last',
  'walkthrough-faq',
  'switch',
  'program-only',
  'last-settings',
  'settings-block',
  'compare',
  'failing-side',
  'smtp-settings',
  'best-match',
  'named-protocols',
  'named-settings',
  'did-you-mean',
  'next-checks',
  'which-side',
  'recommended-settings',
  'server-and-port',
  'explain-last',
  'where-last',
  'box-choice',
  'which-box',
  'box-verdict',
  'out-of-scope-again',
  'sign-in-details',
  'settings-check',
  'check-form',
] as const;
export type AnswerName = (typeof ANSWERS)[number];

const conditionNames = Object.keys(CONDITIONS) as ConditionName[];

/** One condition of a route: a named one, or `says LIST` (an item of a lexicon word list is in the words); `not ` turns it round. */
export type Condition = { negate: boolean } & ({ name: ConditionName } | { says: string });

const CONDITION_TEXT = /^(not )?(says )?([a-zA-Z0-9-]+)$/;

function parseCondition(text: string, ctx: z.core.$RefinementCtx<string>): Condition {
  const [, not, says, name = ''] = CONDITION_TEXT.exec(text) ?? [];
  const negate = not !== undefined;
  if (says !== undefined && name in LEXICON.words) return { negate, says: name };
  if (says === undefined && (conditionNames as string[]).includes(name)) return { negate, name: name as ConditionName };
  const message = says
    ? `must name a word list of lexicon.yaml: ${Object.keys(LEXICON.words).join(', ')}`
    : `must be a condition (or "not " and one, or "says LIST"): ${conditionNames.join(', ')}`;
  ctx.issues.push({ code: 'custom', message, input: text });
  return z.NEVER;
}

const condition = z.string().transform(parseCondition);
const anyCondition = z.strictObject({ any: z.array(condition).min(2, 'needs two conditions or more') });
/** A `when` item: a condition, or `{ any: [...] }`; read by hand so each keeps its own message (a union gives "Invalid input"). */
const whenItem = z.unknown().transform((value, ctx) => {
  const result = (typeof value === 'string' ? condition : anyCondition).safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues)
    ctx.issues.push({
      code: 'custom',
      message: issue.message,
      path: issue.path,
      input: 'input' in issue ? issue.input : value,
    });
  return z.NEVER;
});

const target = z.union([
  z.strictObject({ entry: z.string().regex(/^[a-z0-9-]+$/, 'must be an entry id') }),
  z.strictObject({ none: z.enum(NONE_REASONS) }),
  z.strictObject({ answer: z.enum(ANSWERS) }),
]);
const routeSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9-]+$/, 'must be a lower-case name with - between words'),
  when: z.array(whenItem),
  to: target,
  reason: z.string().trim().min(1, 'must say why, in one line'),
  example: z.string().trim().min(1, 'must give a question this route decides'),
  /** The message this route decides gives a secret (a password given after the decline): stores redact it. */
  givesSecret: z.literal(true).optional(),
  context: z
    .strictObject({
      protocol: z.enum(['imap', 'pop3', 'smtp']).optional(),
      attributes: z.array(z.string()).optional(),
      lastEntryId: z.string().optional(),
      walkthrough: z.literal(WALKTHROUGH_IDS.popToImap).optional(),
      lastNone: z.enum(NONE_REASONS).optional(),
      lastVerdict: z.enum(['Yes', 'No']).optional(),
      lastTypedSecret: z.boolean().optional(),
      lastDescribed: z
        .strictObject({
          ports: z.array(z.number()),
          hosts: z.array(z.string()),
          encryption: z.array(z.enum(['ssl', 'tls', 'starttls', 'none'])),
          auth: z.array(z.string()),
        })
        .optional(),
      sideAsked: z.literal(true).optional(),
    })
    .optional(),
});
const routesFileSchema = z.strictObject({ version: z.literal(1), routes: z.array(routeSchema).min(1) });

/** One named route, as the routing file has it. */
export type Route = z.infer<typeof routeSchema>;

/** The file name the routes have beside the knowledge. */
export const ROUTES_FILE = 'routes.yaml';
/** Where the shipped routes live. */
export const DEFAULT_ROUTES_PATH = join(DEFAULT_KNOWLEDGE_DIR, ROUTES_FILE);

/** Reads and validates the routing table; throws a KnowledgeError listing every problem. */
export function loadRoutes(path: string = DEFAULT_ROUTES_PATH): Route[] {
  const { routes, problems } = parseRoutes(ROUTES_FILE, readFileSync(path, 'utf8'));
  if (problems.length > 0) throw new KnowledgeError(problems);
  return routes;
}

/** Validates already-read routing text: its shape, unique names and a last route that always applies. */
export function parseRoutes(file: string, text: string): { routes: Route[]; problems: Problem[] } {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    const allowed = (err as Error).message.split('\n')[0] ?? '';
    return { routes: [], problems: [{ file, path: '', value: 'unreadable YAML', allowed }] };
  }
  const result = routesFileSchema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    const problems = result.error.issues.map((i) => ({
      file,
      path: i.path.join('.'),
      value: describe('input' in i ? i.input : undefined),
      allowed: i.message,
    }));
    return { routes: [], problems };
  }
  const routes = result.data.routes;
  return { routes, problems: tableProblems(routes).map((p) => ({ file, ...p })) };
}

function tableProblems(routes: Route[]): Omit<Problem, 'file'>[] {
  const out: Omit<Problem, 'file'>[] = [];
  const names = routes.map((r) => r.name);
  routes.forEach((r, i) => {
    if (names.indexOf(r.name) !== i)
      out.push({ path: `routes.${i}.name`, value: describe(r.name), allowed: 'route names must be unique' });
  });
  const last = routes.at(-1);
  if (last && last.when.length > 0)
    out.push({
      path: `routes.${routes.length - 1}.when`,
      value: describe(last.when.length),
      allowed: 'the last route must have no conditions, so every question gets an answer',
    });
  return out;
}

/**
 * Every entry and walkthrough id the routes and the code name, missing from the default
 * provider (the first, which every question falls back to): a renamed entry fails here, not
 * silently a customer. Other providers may leave some out; those questions then find no match.
 */
export function referenceProblems(kb: KnowledgeBase, routes: Route[]): Problem[] {
  const provider = kb.providers[0];
  if (!provider) return [];
  const ids = new Set(provider.entries.map((e) => e.id));
  const walkthroughs = new Set(provider.walkthroughs.map((w) => w.id));
  const out: Problem[] = [];
  const need = (file: string, path: string, id: string, known: Set<string>, what: string) => {
    if (!known.has(id))
      out.push({
        file,
        path,
        value: describe(id),
        allowed: `must be ${what} in ${provider.file}: ${[...known].join(', ')}`,
      });
  };
  routes.forEach((r, i) => {
    if ('entry' in r.to) need(ROUTES_FILE, `routes.${i}.to.entry`, r.to.entry, ids, 'an entry id');
  });
  provider.entries.forEach((e, i) => {
    if (e.kind === 'error') return;
    e.verdicts.forEach((v, j) => {
      if (!(v.says in LEXICON.words))
        out.push({
          file: provider.file,
          path: `entries.${i}.verdicts.${j}.says`,
          value: describe(v.says),
          allowed: `must be a word list of lexicon.yaml: ${Object.keys(LEXICON.words).join(', ')}`,
        });
    });
  });
  for (const [name, id] of Object.entries(ENTRY_IDS))
    need('knowledge/routes.ts', `ENTRY_IDS.${name}`, id, ids, 'an entry id');
  for (const [name, id] of Object.entries(WALKTHROUGH_IDS))
    need('knowledge/routes.ts', `WALKTHROUGH_IDS.${name}`, id, walkthroughs, 'a walkthrough id');
  return out;
}

/** Whether every condition of a route holds for a query. */
export function routeApplies(route: Route, q: Query): boolean {
  return route.when.every((c) => ('any' in c ? c.any.some((one) => holds(one, q)) : holds(c, q)));
}

/** The conditions by name, as a Map: a name read from routes.yaml is not one of V8's own strings, and an object lookup by it is slow. */
const CONDITION_TESTS: ReadonlyMap<ConditionName, (q: Query) => boolean> = new Map(
  Object.entries(CONDITIONS) as [ConditionName, (q: Query) => boolean][],
);

function holds(c: Condition, q: Query): boolean {
  if ('name' in c) return CONDITION_TESTS.get(c.name)!(q) !== c.negate;
  return saysWordList(c.says, q.words) !== c.negate;
}
