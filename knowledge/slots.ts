/** Stage 4: what the question is about, read from canonical words. */
import {
  ASKED_AFTER_SERVER,
  ASKED_APART,
  ASKS_SAME,
  ATTRIBUTE_WORDS,
  COMPARE,
  EXPLAIN,
  BOTH_FAIL,
  CANNOT_CONNECT,
  ERROR_WORDS,
  NEGATED_PROTOCOL,
  ON_A_DEVICE,
  OTHER_SETTING,
  SIDE_FAILS,
  SIDE_NEEDLES,
  FOLLOW_UP,
  HOW_TO,
  PROGRAMS,
  programNamed,
  PROTOCOL_WORDS,
  SWITCH,
  STATES_VALUE,
  SYMPTOM,
  SYNC_SYMPTOM,
  TELLS_OWN,
  WANTS_IMAP,
  LEAVE_POP,
  MOVE_WISH,
  POP_NOW_CHANGE,
  WHAT_TO_SET,
  WHICH_PROTOCOL,
  WHOLE_BLOCK,
  WHOLE_BLOCK_STRONG,
  YESNO_ANY,
  YESNO_END,
  YESNO_START,
  NOT_WHOLE_BLOCK,
  ABOUT_DEFAULTS,
  DESCRIBED_JUDGED,
  UNSTATED_QUALITIES,
  SWITCHED_OFF,
  NEVER_SWITCHED_ON,
  SWITCH_CHOICE,
  OR_NOT,
  BOX_WHAT_TO_DO,
  JUDGES_VALUE,
  SAFETY_WORDS,
  BT_SITES,
  NOT_PORT_UNIT,
  type Attribute,
  saysWordList,
} from './lexicon';
import { escapeRegExp, gated, inOrder, type TextTest } from './match';
import type { Protocol } from './schema';

/** Encryption choices a customer may name. */
export type EncryptionWord = 'ssl' | 'tls' | 'starttls' | 'none';

/** A verdict's opening word. */
export type YesOrNo = 'Yes' | 'No';

/** Values the customer proposed, to be checked against the settings. */
export interface Proposed {
  ports: number[];
  hosts: string[];
  encryption: EncryptionWord[];
  auth: string[];
}

/** Everything the search read from one question. */
export interface Slots {
  protocols: Protocol[];
  /** The protocols come from values typed ("993 or 995?"), not named: the conversation may say which is meant. */
  protocolsFromValues?: boolean;
  incoming: boolean;
  attributes: Attribute[];
  /** The host was named only in passing ("the outgoing server port"), not asked for. */
  weakHost: boolean;
  errorCodes: string[];
  unknownError: boolean;
  program?: string;
  domains: string[];
  /** Issue 13 (talk): a yes or no kept from the last answer about a box, for a follow-up naming only another side. */
  keptVerdict?: YesOrNo;
  /** Issue 13 (confirm): "is that right?" right after an entry that gave no port or server: a yes and its point again. */
  confirmsLast?: boolean;
  /**
   * Issue 13 (side switch): the settings carried from the last answer when a follow-up moved to the other side and the
   * side's key lines came with them ("same for smtp?" after the username): what a "same" verdict is about.
   */
  carried?: Attribute[];
  /** Issue 13 (talk): BT's own web domain written for the address ("my bt.com email"): the reply says which domains it covers. */
  btSite: boolean;
  /** Email domains mentioned that no provider here covers (e.g. "@outlook.com"). */
  foreignDomains: string[];
  proposed: Proposed;
  /** How it asks: yes or no, this or that, what a value is for ("what is port 993 for"), or otherwise. */
  form: 'yesno' | 'choice' | 'what' | 'statement' | 'open';
  explain: boolean;
  wholeBlock: boolean;
  wholeBlockStrong: boolean;
  whichProtocol: boolean;
  syncSymptom: boolean;
  /** A password (or other secret) was typed: exactly what transcript redaction removes (transcripts/redact.ts). */
  typedSecret: boolean;
  /** Something is going wrong ("keeps asking for my password"). */
  symptom: boolean;
  /** Which way mail fails when the customer says ("I can receive but can't send"): one side only. */
  failing?: 'smtp' | 'incoming';
  /** Issue 13 (after an answer): the side was read only from "can't connect to the server", naming neither side. */
  failingByConnect: boolean;
  /** Asking which protocol is better, safer or recommended. */
  compare: boolean;
  /** A question somewhere in the message ("Going over to IMAP. Will my emails…?"). */
  asksQuestion: boolean;
  /** Asking how to do something, step by step. */
  howTo: boolean;
  /** Reads as a follow-up to the last question ("and for pop?"). */
  followUp: boolean;
  /** Asking what to tick or set for a server. */
  whatToSet: boolean;
  /** Only a mail program was named ("it's Thunderbird"). */
  programOnly: boolean;
  switchToImap: boolean;
  spa: boolean;
  /** Asking about authentication switched off ("should I leave SMTP authentication off?"). */
  authOff: boolean;
  /** Issue 13 (last): asking whether a setting is the same on another side ("same for outgoing?", "is it the same for sending?"). */
  asksSame: boolean;
  /** The canonical words the slots were read from, for an entry's verdicts (`verdicts` in the knowledge). */
  words: string;
  /**
   * Issue 13 (verdicts): asking what the knowledge does not say: what is so by default or what a program
   * does by itself ("is spa off by default?"), or another quality of a value than its being right ("is
   * 993 blocked by firewalls?", "is 465 faster?"): the fact is given without a yes or no.
   */
  asksUnstated: boolean;
  /** Issue 13 (context): what a question about a box asks: whether it should be off ("should SPA be off?"), or "on or off?". */
  switchAsked: 'off' | 'on' | 'choice';
}

const KNOWN_PORTS = new Set([25, 110, 143, 465, 587, 993, 995, 2525]);
/**
 * The lexicon's word tables as Maps, for the lookups made for every word of every message: why,
 * a Map hashes a word once, while an object first has to find the word among V8's own strings.
 */
const PROTOCOL_OF: ReadonlyMap<string, Protocol> = new Map(Object.entries(PROTOCOL_WORDS));
const ATTRIBUTE_OF: ReadonlyMap<string, Attribute> = new Map(Object.entries(ATTRIBUTE_WORDS));
/** Issue 13 (context): a box asked about as off ("should SPA be off?", "can I untick it"). */
const SWITCH_OFF =
  /\b(off|disable|disabled|untick|unticked|uncheck|unchecked|without|(not|dont|do not|never) (use|tick|enable|need|have))\b/;
/** A server's error text quoted without its number ("mailbox unavailable"): only texts no question would use. */
const ERROR_TEXTS: readonly [RegExp, string][] = [
  [
    /\b(mailbox (is )?unavailable|relay(ing)? (access )?(denied|refused|prohibited)|relay(ing)? not (permitted|allowed)|not (permitted|allowed) to relay)\b/,
    '550',
  ],
  [/\btransaction failed\b/, '554'],
  [
    /\b(wasnt|was not|couldnt be|could not be|not been|not|never) delivered\b|\bundeliverable\b|\bdelivery (has )?failed\b/,
    '550',
  ],
  [/\bauthentication username password invalid\b/, '535'],
];

/** Whether any of the error texts is there: one pass over a message, which most messages fail. */
const ANY_ERROR_TEXT = new RegExp(ERROR_TEXTS.map(([re]) => `(?:${re.source})`).join('|'));

/** SSL turned off or done without: "can I turn off ssl", "the non ssl port", "ssl unticked", "should ssl be off". */
const ANSWER_NO = /^(no|nope|nah) (?=(the )?(ssl|tls) (is|was|s) (on|tick|enabled|already|set))/;
/** A setting switched off, left off or done without, around its name (`SUBJECT`, which always contains one of `needles`). */
function offPattern(subject: string, needles: readonly string[]): TextTest {
  const off = SWITCHED_OFF;
  const pattern = new RegExp(
    [
      String.raw`\b(?:(?:turn|switch|turning|switching) off|disable|disabling|untick|unticking|uncheck|without|no|non|not use|dont use|do not use|dont need|do not need|dont tick|do not tick|dont enable|do not enable|skip|skipping|bother with|bothering with) (?:the |my |that |this ){0,2}${subject}\b`,
      String.raw`\b${NEVER_SWITCHED_ON} (?:the |my |that |this ){0,2}${subject}\b`,
      String.raw`\b${subject} (?:box |option |setting |thing |one |toggle |slider |checkbox |tickbox )?(?:is |was |be |being |set to |left |turned |turn |switched |switch |kept |stay |stays |and |its |which |that ){0,3}${off}\b`,
      String.raw`\b(?:turn|switch|leave|keep|set) (?:the |my |that |this ){0,2}${subject} (?:box |option |setting |toggle |switch |slider |checkbox |tickbox )?${off}\b`,
    ].join('|'),
  );
  return gated(needles, pattern);
}
// Issue 13 (verdicts): "is it fine without encryption", "encryption off ok?" go without SSL as much as "without ssl".
const SSL_OFF = offPattern('(?:ssl|tls|encryption)', ['ssl', 'tls', 'encryption']);
/** SMTP authentication left off: "should I leave smtp authentication off", "can I untick the authentication box". */
const AUTH_OFF = offPattern('(?:smtp |incoming )?(?:server requires |requires )?authentication', ['authentication']);

/**
 * Issue 13 (verdicts): a box named, then switched off by a pronoun ("'outgoing server requires authentication'
 * is ticked, should i untick it?"): the box is left off as much as "untick authentication".
 */
const OFF_IT =
  /\b(?:untick|uncheck|disable|(?:turn|switch|take) off) (?:it|that|this|them)\b|\b(?:turn|switch|leave|take) (?:it|that|this|them) off\b/;

const SSL_WORDS: ReadonlySet<string> = new Set(['ssl', 'tls', 'encryption']);

/** SMTP authentication is the one box named: no SSL or SPA that "it" could stand for. */
function onlyAuthenticationBox(words: string[], attributes: readonly Attribute[]): boolean {
  return attributes.includes('authentication') && !attributes.includes('encryption') && !words.includes('spa');
}

/**
 * Enhanced status codes (RFC 3463) given without their reply code, as the reply codes the
 * knowledge explains: RFC 4954 pairs 530 with 5.7.0, 535 with 5.7.8, 534 with 5.7.9, 538 with
 * 5.7.11 and 454 with 4.7.0; X.7.1 is "delivery not authorized, message refused", as 550.
 */
const ENHANCED_CODES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    '5.7.0': '530',
    '5.7.8': '535',
    '5.7.9': '534',
    '5.7.11': '538',
    '4.7.0': '454',
    '5.7.1': '550',
  }),
);

/** Issue 13 (context): a side named only as what something is the same as ("the same as incoming"). */
const SAME_AS_SIDE =
  /\b(same|identical) (as|to) (for )?(the |my |your )?(incoming|smtp|(imap|pop3) (server|one|hostname))\b/g;

/** Asking where POP takes mail from ("where does pop download emails from"): the POP folder. */
const POP_FROM_WHERE = inOrder(
  /\b(where|which folders?)\b/,
  /\bpop3\b/,
  /\b(incoming|get|gets|take|pull)\b/,
  /\bfrom\b/,
);
/** "The server and do I need SSL": the server and something more. */
const SERVER_AND_MORE = inOrder(/\bserver\b/, /\b(and|also|plus)\b/);
/** Another setting asked for apart from the server ("the port and the server", "what port, what server"). */
const SETTING_THEN_SERVER = inOrder(OTHER_SETTING, ASKED_APART, /\bserver\b/);
/** "What is the pop server, secondly do I need SSL": a question of its own after the server. */
const SERVER_THEN_SETTING = inOrder(/\bserver\b/, ASKED_AFTER_SERVER, OTHER_SETTING);
/** Asking what a value is for, not whether it is right: "what is port 993 for", "what uses 465". */
/**
 * Issue 13 (misfire): "it keeps asking me for the smtp server / the port / the username" asks for
 * that setting; only the password asked for again and again is the sign-in symptom.
 */
const ASKED_FOR_SETTING =
  /\bkeep (?:asking|prompting|wanting|requesting|needing)(?: me| us)?(?: for| about| what)? (?:(?:my|the|a|an|your|our) )?(?:(?:smtp|imap|pop3|incoming|mail|email) ){0,3}(?:servers?|ports?|hostname|username|settings?|details|name of (?:the )?server)\b/;
const WHAT_FOR = /^(what|whats|which)\b.*\b(for|do|does|mean|means)$|^(what|which) (uses|needs)\b/;
const AUTH_WORDS = new Set(['plain', 'spa', 'ntlm', 'oauth', 'oauth2', 'kerberos', 'cram', 'md5', 'xoauth2']);

/**
 * Reads the slots of canonical text; `knownCodes` are the reply codes the knowledge explains.
 * All but `typedSecret`, which the search reads from the raw text with the transcript's redaction.
 */
/** Issue 13 (username verdicts): the full email address, named for the username without the word. */
const FULL_ADDRESS = /\b(full|whole|complete|entire) (email |mail )?address\b/;

/**
 * Issue 13 (username verdicts): "just the incoming needs the full email address right?", "the full address for
 * sending as well?": the full address asked for one side of mail or both is the username asked about.
 */
function namesUsernameAcrossSides(canonical: string): boolean {
  if (!FULL_ADDRESS.test(canonical) || !saysWordList('mailSides', canonical)) return false;
  return saysWordList('oneSideOnly', canonical) || saysWordList('bothSides', canonical);
}

export function extractSlots(
  canonical: string,
  knownCodes: ReadonlySet<string>,
  knownDomains: readonly string[],
): Omit<Slots, 'typedSecret'> {
  const words = canonical.split(' ').filter(Boolean);
  // "The server is the same as incoming": the side named after "same as" is what it is compared with.
  // Why the `includes` first: each pattern needs that word, and most messages have none of them
  // (matchAll copies its regex on every call).
  const sideWords = /same|identical/.test(canonical)
    ? canonical.replace(SAME_AS_SIDE, ' ').split(' ').filter(Boolean)
    : words;
  const proposed = proposedValues(canonical, words);
  // "All good, what port for imap": an "all" that asks for nothing does not ask for the whole block.
  const blockWords = canonical.replace(NOT_WHOLE_BLOCK, ' ');
  const negated = /imap|pop3/.test(canonical)
    ? [...canonical.matchAll(NEGATED_PROTOCOL)].map((m) => PROTOCOL_OF.get(m[5] ?? '')).filter(isDefined)
    : [];
  const told = canonical.includes('my ')
    ? [...canonical.matchAll(TELLS_OWN)].map((m) => ATTRIBUTE_OF.get(m[1] ?? ''))
    : [];
  const errorCodes = [
    ...words.filter((w) => isErrorCode(w, canonical, knownCodes, proposed.ports)),
    ...(ANY_ERROR_TEXT.test(canonical)
      ? ERROR_TEXTS.filter(([re, code]) => knownCodes.has(code) && re.test(canonical)).map(([, code]) => code)
      : []),
    ...words.map((w) => ENHANCED_CODES.get(w)).filter((c): c is string => c !== undefined && knownCodes.has(c)),
  ];
  const protocols = namedOrImpliedProtocols(sideWords, proposed).filter((p) => !negated.includes(p));
  const attributes = unique([
    ...words.map((w) => ATTRIBUTE_OF.get(w)).filter(isDefined),
    ...impliedAttributes(proposed),
    ...(POP_FROM_WHERE.test(canonical) ? (['popfolder'] as const) : []),
    ...(namesUsernameAcrossSides(canonical) ? (['username'] as const) : []),
  ]).filter((a) => !told.includes(a));
  const switchAsked = askedSwitch(canonical, words, attributes);
  const form =
    switchAsked === 'choice' && isSwitchOnly(proposed, attributes, words)
      ? 'choice'
      : questionForm(canonical, proposed);
  return {
    protocols,
    protocolsFromValues: protocols.length > 0 && !sideWords.some((w) => PROTOCOL_OF.has(w)),
    incoming: sideWords.includes('incoming'),
    attributes,
    // "the server and do I need SSL", "the port and the server" ask two things; "the outgoing server port" asks one.
    weakHost:
      !words.includes('hostname') &&
      proposed.hosts.length === 0 &&
      !SERVER_AND_MORE.test(canonical) &&
      !SETTING_THEN_SERVER.test(canonical) &&
      !SERVER_THEN_SETTING.test(canonical),
    errorCodes: unique(errorCodes),
    unknownError: /\b0x[0-9a-f]{4,8}\b/.test(canonical) || errorCodes.some((c) => !knownCodes.has(c)),
    program: programNamed(canonical),
    domains: knownDomains.filter((d) => domainPattern(d).test(canonical)),
    btSite: mentionedDomains(words).some((d) => BT_SITES.has(d)),
    foreignDomains: mentionedDomains(words).filter(
      (d) => !BT_SITES.has(d) && !knownDomains.some((k) => d === k || d.endsWith(`.${k}`)),
    ),
    proposed,
    form,
    explain: EXPLAIN.test(canonical),
    wholeBlock: WHOLE_BLOCK.test(blockWords) || onADevice(canonical),
    wholeBlockStrong: WHOLE_BLOCK_STRONG.test(blockWords),
    whichProtocol: WHICH_PROTOCOL.test(canonical),
    syncSymptom: SYNC_SYMPTOM.test(canonical),
    symptom: SYMPTOM.test(canonical) && !(ASKED_FOR_SETTING.test(canonical) && !/\bpassword\b/.test(canonical)),
    failing: failingSide(canonical),
    failingByConnect: connectsOnly(canonical),
    compare: COMPARE.test(canonical),
    // Issue 13 (walkthrough steps): "it's POP now, how do I convert it?" asks for the steps.
    howTo: HOW_TO.test(canonical) || (!words.includes('imap') && POP_NOW_CHANGE.test(canonical)),
    // Not "can you …", a request to the bot ("can you put my email on imap"), which is no question of its own.
    asksQuestion: /\b(will|would|can|could|should|do|does|is|are) (the|my|i|it|they|we|these|those|all)\b/.test(
      canonical,
    ),
    followUp: FOLLOW_UP.test(canonical),
    whatToSet: WHAT_TO_SET.test(canonical),
    // Issue 13 (verdicts): a server typed beside the program ("my samsung has smtp.btinternet.com, correct?") is a setting.
    programOnly: proposed.hosts.length === 0 && isProgramOnly(words),
    switchToImap: wantsImap(canonical, words, negated),
    spa: words.includes('spa'),
    authOff: AUTH_OFF.test(canonical) || (OFF_IT.test(canonical) && onlyAuthenticationBox(words, attributes)),
    // Why not with "or": "its own password, or the same one?" is no yes-or-no question.
    asksSame: ASKS_SAME.test(canonical) && !/\bor\b/.test(canonical) && form !== 'statement',
    words: canonical,
    asksUnstated:
      (ABOUT_DEFAULTS.test(canonical) && !DESCRIBED_JUDGED.test(canonical)) ||
      (UNSTATED_QUALITIES.test(canonical) && !(proposed.encryption.includes('none') && SAFETY_WORDS.test(canonical))),
    switchAsked,
  };
}

/** The boxes a customer ticks or not: SSL, SMTP authentication, SPA. */
const SWITCH_ATTRIBUTES: readonly Attribute[] = ['encryption', 'authentication'];

/**
 * Issue 13 (context, verdicts): what a question about a box asks: "on or off?" (or, about a box, "… or
 * not?" or "what do I do with it?" that judges no value), whether it should be off ("should SPA be off?"), or else on.
 */
function askedSwitch(canonical: string, words: string[], attributes: Attribute[]): Slots['switchAsked'] {
  if (SWITCH_CHOICE.test(canonical)) return 'choice';
  const aboutBox = words.includes('spa') || attributes.some((a) => SWITCH_ATTRIBUTES.includes(a));
  if (aboutBox && (OR_NOT.test(canonical) || BOX_WHAT_TO_DO.test(canonical)) && !JUDGES_VALUE.test(canonical))
    return 'choice';
  return SWITCH_OFF.test(canonical) ? 'off' : 'on';
}

/**
 * Issue 13 (verdicts): an either/or about a box, with no server or method typed to be checked; a port may be
 * there ("ssl on or off for port 465?"): a wrong one is still corrected after the option.
 */
function isSwitchOnly(p: Proposed, attributes: Attribute[], words: string[]): boolean {
  if (p.hosts.length + p.auth.length > 0) return false;
  return words.includes('spa') || attributes.some((a) => SWITCH_ATTRIBUTES.includes(a));
}

/** Values the customer rules out beside the ones proposed: "465 SSL, not 587 STARTTLS", "465 rather than 587". */
const RULED_OUT =
  /\b(?:not|rather than|instead of) (?:port )?\d{2,5}(?: (?:with |and )?(?:starttls|ssl|tls))?\b|\b(?:not|rather than|instead of) starttls\b/g;

function proposedValues(text: string, words: string[]): Proposed {
  // Issue 13 (multi): "SMTP 465 SSL, not 587 STARTTLS?" proposes 465 with SSL; what is ruled out is no proposal, when something is left.
  const kept = text.replace(RULED_OUT, ' ');
  const keptWords = kept.split(' ').filter(Boolean);
  const proposed = valuesIn(kept, keptWords);
  const all = valuesIn(text, words);
  return {
    ...all,
    ports: proposed.ports.length > 0 ? proposed.ports : all.ports,
    encryption: proposed.encryption.length > 0 ? proposed.encryption : all.encryption,
  };
}

function valuesIn(text: string, words: string[]): Proposed {
  const ports = words
    // Issue 13 (numbers): "after 25 years", "465 emails in my inbox" count something; no port.
    .map((w, i) => ({
      n: /^\d{2,5}$/.test(w) && (words[i - 1] === 'port' || !NOT_PORT_UNIT.has(words[i + 1] ?? '')) ? Number(w) : NaN,
      afterPort: words[i - 1] === 'port',
    }))
    .filter(({ n, afterPort }) => KNOWN_PORTS.has(n) || (afterPort && n > 0 && n < 65536))
    .map(({ n }) => n);
  // "Can I turn SSL off?" proposes no encryption, not SSL.
  // "No, SSL is on": the opening "no" answers the last question, it does not say "no SSL".
  // Issue 13 (verdicts): "use ssl is ticked, should i untick it?" switches SSL off by a pronoun, SSL the one box named.
  const sslOff =
    SSL_OFF.test(text.replace(ANSWER_NO, '')) ||
    (OFF_IT.test(text) && words.some((w) => SSL_WORDS.has(w)) && !/\b(authentication|spa)\b/.test(text));
  const named: readonly string[] = sslOff ? ['starttls'] : ['starttls', 'ssl', 'tls'];
  const encryption = words.filter((w): w is EncryptionWord => named.includes(w));
  // Issue 13 (verdicts): "unencrypted" says it alone ("is unencrypted fine for pop"); "none" only beside "encryption".
  if (
    sslOff ||
    words.includes('unencrypted') ||
    (/\bnone\b|\bno encryption\b/.test(text) && words.includes('encryption'))
  )
    encryption.push('none');
  return {
    ports: unique(ports),
    // A host has a letter in it: "5.7.1" is a status code, not a server.
    hosts: unique(words.filter((w) => /^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/.test(w) && /[a-z]/.test(w))),
    encryption: unique(encryption),
    // "login" is a mechanism only beside another one ("PLAIN, LOGIN or CRAM-MD5").
    auth: unique(words.filter((w) => AUTH_WORDS.has(w) || (w === 'login' && words.some((x) => AUTH_WORDS.has(x))))),
  };
}

/** Moving to IMAP: a switch verb, both protocols with a wish ("I want my account on IMAP not POP"), or leaving POP. */
function wantsImap(text: string, words: string[], negated: Protocol[]): boolean {
  if (negated.includes('imap')) return false;
  if (!words.includes('imap')) return LEAVE_POP.test(text) || POP_NOW_CHANGE.test(text) || MOVE_WISH.test(text);
  return SWITCH.test(text) || (words.includes('pop3') && WANTS_IMAP.test(text));
}

/** A short message naming a mail program and nothing else of the settings. */
function isProgramOnly(words: string[]): boolean {
  if (words.length > 8) return false;
  const text = words.join(' ');
  if (!PROGRAMS.some(([, re]) => re.test(text))) return false;
  return !words.some(
    (w) => PROTOCOL_OF.has(w) || ATTRIBUTE_OF.has(w) || w === 'incoming' || (/^\d+$/.test(w) && !VERSION.test(w)),
  );
}

/** A program's version or year ("outlook 2016", "windows 10", "ios 17", "office 365"), not a port or an error code. */
const VERSION = /^(?:1?\d|19\d\d|20\d\d|365)$/;

/** The usual protocol of each well-known port, for "can I use 587?" with no protocol named. */
const PORT_PROTOCOL: Record<number, Protocol> = {
  25: 'smtp',
  465: 'smtp',
  587: 'smtp',
  2525: 'smtp',
  143: 'imap',
  993: 'imap',
  110: 'pop3',
  995: 'pop3',
};

/** The protocol a host's first label names ("smtp.btinternet.com", "pop.btinternet.com"), for a host typed without its setting. */
const HOST_PROTOCOL: ReadonlyMap<string, Protocol> = new Map([
  ['smtp', 'smtp'],
  ['imap', 'imap'],
  ['pop', 'pop3'],
  ['pop3', 'pop3'],
]);

function namedOrImpliedProtocols(words: string[], proposed: Proposed): Protocol[] {
  const named = unique(words.map((w) => PROTOCOL_OF.get(w)).filter(isDefined));
  if (named.length > 0 || words.includes('incoming')) return named;
  const byHost = unique(proposed.hosts.map((h) => HOST_PROTOCOL.get(h.split('.')[0] ?? '')).filter(isDefined));
  if (byHost.length > 0) return byHost;
  return unique(proposed.ports.map((p) => PORT_PROTOCOL[p]).filter(isDefined));
}

/** Domains of addresses ("bob@outlook.com", "@gmail.com") and host names the customer typed. */
function mentionedDomains(words: string[]): string[] {
  return words
    .map((w) => w.replace(/^[^@]*@/, ''))
    .filter((w) => /^[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|net|org|co\.uk|uk|ie|io)$/.test(w));
}

/** A value typed without naming its setting ("993 or 143 for imap?") still asks about it. */
function impliedAttributes(p: Proposed): Attribute[] {
  const implied: [unknown[], Attribute][] = [
    [p.ports, 'port'],
    [p.hosts, 'host'],
    [p.encryption, 'encryption'],
    [p.auth, 'authentication'],
  ];
  return implied.filter(([values]) => values.length > 0).map(([, a]) => a);
}

function isErrorCode(word: string, text: string, known: ReadonlySet<string>, ports: number[]): boolean {
  if (!/^[45]\d\d$/.test(word) || ports.includes(Number(word))) return false;
  // A message that starts with the code is a server's reply pasted in ("451 temporary local problem").
  return known.has(word) || ERROR_WORDS.test(text) || text.startsWith(`${word} `);
}

function questionForm(text: string, p: Proposed): Slots['form'] {
  const sameKindCount = Math.max(p.ports.length, p.hosts.length, p.encryption.length, p.auth.length);
  if (sameKindCount >= 2 && /\bor\b/.test(text)) return 'choice';
  if (YESNO_START.test(text) || YESNO_ANY.test(text) || YESNO_END.test(text)) return 'yesno';
  // "No, the server is the same" states a value: a "Yes —" or "No —" would answer a question never asked.
  if (STATES_VALUE.test(text)) return 'statement';
  return WHAT_FOR.test(text) || namesEncryptionOnly(text, p) ? 'what' : 'open';
}

/** Settings named beside SSL ("the port and ssl"): SSL is then one more setting's name. */
const NAMES_SETTING = /\b(port|server|hostname|authentication|username|password|encryption)\b/;

/**
 * Issue 13 (context): "which ssl setting for imap?", "and for outgoing? port and ssl" name the
 * setting by its usual value: a question (what, which, how) or a list of settings whose only
 * value is SSL or TLS proposes nothing to say "Yes" to. (A yes/no question was read before this.)
 */
function namesEncryptionOnly(text: string, p: Proposed): boolean {
  const onlySsl = p.encryption.length > 0 && p.encryption.every((e) => e === 'ssl' || e === 'tls');
  const nothingElse = p.ports.length + p.hosts.length + p.auth.length === 0;
  return onlySsl && nothingElse && (/^(what|whats|which|how)\b/.test(text) || NAMES_SETTING.test(text));
}

/** A domain's first label as a word ("btinternet"), compiled once per domain of the knowledge. */
const DOMAIN_PATTERNS = new Map<string, RegExp>();
function domainPattern(domain: string): RegExp {
  let pattern = DOMAIN_PATTERNS.get(domain);
  if (!pattern) {
    pattern = new RegExp(`\\b${escapeRegExp(domain.split('.')[0] ?? '')}\\b`);
    DOMAIN_PATTERNS.set(domain, pattern);
  }
  return pattern;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function isDefined<T>(x: T | undefined): x is T {
  return x !== undefined;
}

/** Wanting mail on a device, with nothing wrong and nothing about webmail or syncing: a setup. */
function onADevice(canonical: string): boolean {
  return ON_A_DEVICE.test(canonical) && !SYMPTOM.test(canonical) && !/\b(webmail|sync\w*)\b/.test(canonical);
}

/** The failing patterns, tried only when the text names what they need. */
const FAILS_TEST = {
  both: gated(SIDE_NEEDLES.both, BOTH_FAIL),
  smtp: gated(SIDE_NEEDLES.smtp, SIDE_FAILS.smtp),
  incoming: gated(SIDE_NEEDLES.incoming, SIDE_FAILS.incoming),
  connect: gated(['connect'], CANNOT_CONNECT),
};

/** "Can't connect to the server" with neither side named: after a sending answer, it is sending that fails. */
function connectsOnly(canonical: string): boolean {
  return FAILS_TEST.connect.test(canonical) && !FAILS_TEST.smtp.test(canonical) && !FAILS_TEST.incoming.test(canonical);
}

/** The one side said to fail; none when neither or both are. */
function failingSide(canonical: string): Slots['failing'] {
  if (FAILS_TEST.both.test(canonical)) return undefined;
  const smtp = FAILS_TEST.smtp.test(canonical);
  // "Outlook won't connect to the server", sending not named: a program connects to fetch mail.
  const connecting = FAILS_TEST.connect.test(canonical) && !/\bsmtp\b/.test(canonical);
  const incoming = FAILS_TEST.incoming.test(canonical) || connecting;
  if (smtp === incoming) return undefined;
  return smtp ? 'smtp' : 'incoming';
}
