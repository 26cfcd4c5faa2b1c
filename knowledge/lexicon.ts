/** The words the search understands: read from the lexicon file (knowledge/data/lexicon.yaml), plus the patterns with structure. */
import { allOf, anyOf, gated, inOrder, type TextTest } from './match';
import { listSource, loadLexicon, wordListPattern, type Attribute } from './lexicon-file';
import type { Protocol } from './schema';

export { ATTRIBUTES, type Attribute } from './lexicon-file';

/** The shipped lexicon, validated once when the search is first loaded. */
export const LEXICON = loadLexicon();

/** Phrases rewritten to one canonical word (`synonyms` in the lexicon). */
export const PHRASES: readonly (readonly [readonly string[], string])[] = Object.entries(LEXICON.synonyms).map(
  ([canonical, phrases]) => [phrases, canonical] as const,
);

/**
 * A table looked up by the customer's words, without Object's own names: why, "constructor" or
 * "toString" would otherwise find a function and read as a protocol or a setting.
 */
export function wordTable<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T>> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** Canonical words that name a protocol. */
export const PROTOCOL_WORDS: Readonly<Record<string, Protocol>> = wordTable(LEXICON.protocols);

/** Canonical words that name a setting; `server` is weak (it names a host only when asked alone). */
export const ATTRIBUTE_WORDS: Readonly<Record<string, Attribute>> = wordTable(LEXICON.attributes);

/** Mail programs and devices, by the words customers use for them (first match wins); "outlook.com" is no program. */
export const PROGRAMS: readonly (readonly [string, RegExp])[] = Object.entries(LEXICON.programs).map(
  ([name, words]) => [name, new RegExp(`${wordListPattern(words).source}(?!\\.com)`)] as const,
);

/** Programs named as the app ("gmail app on my samsung"): these win over the list's order; each is a program above. */
const PROGRAM_APPS: readonly (readonly [string, RegExp])[] = Object.entries(LEXICON.programApps).map(
  ([name, words]) => {
    if (!PROGRAMS.some(([program]) => program === name)) throw new Error(`programApps: ${name} is not in programs`);
    return [name, new RegExp(`${wordListPattern(words).source}(?!\\.com)`)] as const;
  },
);

/** The program a (canonical) message names: the one named as the app first, else the first in the list. */
export function programNamed(canonical: string): string | undefined {
  const named = (list: typeof PROGRAMS) => list.find(([, re]) => re.test(canonical))?.[0];
  return named(PROGRAM_APPS) ?? named(PROGRAMS);
}

const WORDS = LEXICON.words;

/** A new question rather than a correction ("sorry, what does pop3 stand for?", "actually should I use pop?"). */
export const NEW_QUESTION = /\b(?:what (?:does|do|is)|whats|stand for|should|why|how)\b/;

/** A protocol taken back in a correction ("its pop3 not imap"). */
export const NOT_PROTOCOL = /\bnot (?:the |an? )?(imap|pop3|smtp)\b/g;

/** Email providers that are not ours: a question about them is out of scope. */
export const OTHER_PROVIDERS = wordListPattern(WORDS.otherProviders);

/** Another provider's own settings asked for ("the gmail imap settings"), even beside "bt" ("moving to gmail from bt"). */
export const OTHER_PROVIDER_SETTINGS = new RegExp(
  `${OTHER_PROVIDERS.source}s? (?:imap |pop3 |smtp |incoming |outgoing |mail |email )?(?:settings?|servers?|ports?|details)\\b`,
);

/** A message that states a value ("no, the server is …", "I've got 993 in there"): no yes/no verdict answers it. */
export const STATES_VALUE = new RegExp(`^${wordListPattern(WORDS.statesValue).source}`);

/** Other BT products and services the sources do not cover. */
export const OTHER_PRODUCTS = wordListPattern(WORDS.otherProducts);

/**
 * Issue 13 (service and symptoms): the mailbox's size, a mailbox feature (route mailbox-storage), not an account
 * matter. "Full of mail I deleted in Thunderbird" is no storage matter.
 */
export const MAILBOX_SIZE =
  /\b(mailbox|inbox|storage|quota)\b.{0,30}\b(size|full(?! of\b)|limit|space|quota|storage)\b/;

/** Account matters the sources do not cover. */
export const ACCOUNT_MATTERS: readonly RegExp[] = [
  /\b(forgot|forgotten|reset|recover|lost|remember|change|changing)\b.{0,40}\bpassword\b/,
  /\bpassword\b.{0,30}\b(forgot|forgotten|reset|recover|lost|expired|locked)\b/,
  /\b(what is|whats|what|tell me|give me|remind me)\b.{0,25}\bmy (\w+ )?password\b/,
  /\b(another|extra|second|additional|change|changing|rename)\b.{0,30}\b(email )?address(es)?\b/,
  /\bnew\b.{0,20}\b(email )?address(es)?\b(?!.*\b(settings?|server|port|imap|pop3|smtp)\b)/,
  /\b(hacked|compromised|phishing|scam|locked out|(account|mailbox|email) (is |has been |got |was )?(locked|suspended|blocked|disabled))\b/,
  /\b(account|customer) (number|id|details|balance)\b|\bmy (bill|billing|contract)\b/,
  // Not "delete the (old) POP account", a step of moving to IMAP.
  /\b(close|delete|cancel)\b(?!.{0,20}\b(pop3|imap|old)\b).{0,20}\b(my )?(bt |email )?account\b/,
  // Asking the bot to look at an account it cannot see.
  /\b(can|could|will|would) you\b.{0,15}\b(check|look at|look into|access|view|open|fix|unlock)\b.{0,15}\bmy (bt |email )?(account|mailbox|inbox)\b(?!.*\b(settings?|imap|pop3|smtp|server|port)\b)/,
  /\b(create|open|get|sign up for)\b.{0,10}\b(a )?new (bt )?(email )?(account|address)\b/,
  // Closing the mail itself ("I want to cancel my email"), and the BT ID that signs in to the account pages.
  /\b(close|cancel|terminate|shut down)\b.{0,15}\bmy (bt |btinternet )?(email|mailbox|email address)\b/,
  /\b(my|a|the) bt id\b/,
];

/**
 * Words that mark a question asking why, or asking for an explanation; issue 13 (definitions): also
 * what a name stands for ("what does pop3 stand for", "what is imap short for", "sorry but what is smtp",
 * "smtp?? what is that", "what are imap and pop in english").
 */
export const EXPLAIN =
  /\b(why|explain|explanation|meaning|(?<!\bi )mean|means|simply|confusing|confused|understand|purpose|point of|difference|stand for|short for|full form|acronym|abbreviation|abbreviated|in (simple |plain |normal |basic )?english|(what is|whats) (this|that) (\w+ )?thing|(what is|whats) (this|that)$|what does \w+ do|(what is|whats) (an? )?(ssl|tls|encryption|authentication|smtp authentication|starttls|imap|pop3|smtp)( for)?( (mate|please|then))?$)\b/;

/** Words that ask for a whole block of settings rather than one fact. */
export const WHOLE_BLOCK = wordListPattern(WORDS.wholeBlock);

/** Issue 13 (multi): block words that ask for nothing ("all good", "that's all I need"), taken out before `WHOLE_BLOCK` is read. */
export const NOT_WHOLE_BLOCK = wordListPattern(WORDS.notWholeBlock, 'g');

/** Wanting mail on a device ("how do I get my emails on my new phone"): the settings to set it up. */
export const ON_A_DEVICE = inOrder(
  /\b(get|getting|access|accessing|put|add|adding)\b/,
  /\b(email|mail|account)\b/,
  /\b(on|onto|to) (my|a|the|our) (new |old |other |second |work )?(phone|mobile|iphone|ipad|android|tablet|laptop|computer|pc|mac|macbook|device)\b/,
);

/** Words that insist on the whole block even when some settings are named. */
export const WHOLE_BLOCK_STRONG = wordListPattern(WORDS.wholeBlockStrong);

/** Asking how to tell which protocol an account uses. */
export const WHICH_PROTOCOL =
  /\b(how (can|do) i (tell|know|check|see|find out)|tell (whether|if)|find out (whether|if|which)|which (protocol|type) (am i|i am|do i|does|is)|which one am i|am i (on|using)|is (it|mine|my account) (imap|pop3)(?!\.\w)|where (would|does|do|can|will) (it|i|that) (tell|say|show|see|find)|(not sure|dont know|no idea|unsure|wondering) (if|whether|which))\b/;

/** A device that took the mail off the server first, in canonical words ("downloads" and "fetches" read "incoming", "pulled" "pull"). */
const DEVICE_TOOK_MAIL =
  /\b(already (downloaded|pull|taken|got|grabbed|collect)|(downloaded|incoming|pull|grabs|grabbed|collect) (them|the (e?mails?|messages?)|my (e?mails?|messages?))( down| off| first)?|(pull|taken|downloaded) (them |it )?(down|off)|(gets|got|get) (there|them) first)\b/;
/** Mail another device never sees. */
const MAIL_MISSED =
  /\b(miss\w*|never (get|gets|see|sees|shows?|appears?|arrives?)|(doesnt|dont|didnt|cant|wont) (get|see|show|appear|arrive)|vanish\w*|disappear\w*|gone|no longer (there|shows?|appears?)|not (on|there|showing|appearing|arriving|getting)|stopped getting)\b/;

/**
 * Symptoms of POP3 not syncing with webmail, or between devices. Webmail (lexicon `webmailSide`) and a change
 * that did not carry over (`syncSeen`) in either order: "mail I delete in Outlook is still in webmail", "webmail
 * is empty once Outlook downloads", "do deletions in Thunderbird carry over to webmail?".
 */
export const SYNC_SYMPTOM = anyOf(
  inOrder(
    /\b(disappear\w*|vanish\w*|delet\w*|remov\w*|gone|missing)\b/,
    /\b(from|off|in|on) (the )?(bt )?server\b(?! (name|field|box|address|setting))/,
  ),
  allOf(wordListPattern(WORDS.webmailSide), wordListPattern(WORDS.syncSeen)),
  // Issue 13 (sync stories): a change on one device undone or unseen on another, either order, no webmail named.
  inOrder(wordListPattern(WORDS.syncDone), wordListPattern(WORDS.syncUndone)),
  inOrder(wordListPattern(WORDS.syncUndone), wordListPattern(WORDS.syncDone)),
  // One device takes the mail and another never sees it ("the office PC already downloaded them, my phone misses them").
  inOrder(DEVICE_TOOK_MAIL, MAIL_MISSED),
  inOrder(MAIL_MISSED, DEVICE_TOOK_MAIL),
);

/** Words of something going wrong: then an entry about the problem beats a bare setting. */
export const SYMPTOM = wordListPattern(WORDS.symptom);

/**
 * A customer telling their own password or username, rather than asking about it; "my password is wrong",
 * "my password is definitely right" judge it and tell nothing (lexicon `judgedOwn`).
 */
export const TELLS_OWN = new RegExp(
  `\\bmy (password|username) (is|was|=)\\b(?! ${listSource(WORDS.judgedOwn)}\\b)`,
  'g',
);

/** Words that mark a wish to move from POP to IMAP: a move said (`switch`), or IMAP or a walkthrough wished for (`switchWish`). */
export const SWITCH = wordListPattern([...WORDS.switch, ...WORDS.switchWish]);

/** Asking which protocol is better or recommended, rather than how to move. */
export const COMPARE =
  /\b(better|best|recommend\w*|suits?|(stay|keep|kept|be|remain) (in )?(sync|step)|should (i|we) (use|be on|go with|pick|choose|stick with|stay on|keep)|why ((would|should|do) (i|we|people) )?(use|pick|choose|go for|want)|is (imap|pop3)( (\d{2,4}|ssl|tls)){0,3} (fine|ok|okay|good|enough|alright|all right)|(imap|pop3) (is )?good enough|(i|we) should (use|be on|go with)|is (she|he|my \w+) right|more secure|safer|prefer|preferable|pros|cons|advantages?|differen\w*|differ|vs|versus|compare|comparing|comparison|risk|lose|losing|lost|imap or pop3|pop3 or imap|same as|the same thing as|different from|(do you|would you|what do you) (suggest|advise|recommend)|alternatives?|(use|pick|choose|switch to|go (for|with)|move to) instead|what (else|instead)|(any|a|good|what|the) (reasons?|point) ((to|for|in|of|why) )?(keep|keeping|stay|staying|use|using|stick|sticking|remain\w*)|worth (keeping|staying|using|sticking|remaining))\b/;

/** A how-to request: with it, a comparison word does not stop the walkthrough. */
export const HOW_TO = wordListPattern(WORDS.howTo);

/** A follow-up that reuses the last question's setting ("and for pop?", "what about smtp"). */
export const FOLLOW_UP =
  /^(and|what about|how about|what if|if i|for|same for|ditto|then|so|also|plus|now)\b|\b(instead|equivalent|counterpart|other one|other side)\b|\b(the )?(same|identical)( one| thing| settings?| details?)? (for|with|on|as for)\b/;

/** Asking what to tick or set, which the whole block answers better than one fact. */
export const WHAT_TO_SET = wordListPattern(WORDS.whatToSet);

/** Words around a number that make it an error code rather than a port ("error 535", "it says 550"). */
export const ERROR_WORDS = wordListPattern(WORDS.errorWords);

/** A question starting so asks yes or no ("is 993 right"). */
export const YESNO_START = new RegExp(`^${wordListPattern(WORDS.yesNoStart).source}`);

/** A yes/no question anywhere ("993, is that right?", "ok to leave ssl on"). */
export const YESNO_ANY = wordListPattern(WORDS.yesNoAny);

/** Issue 13 (verdicts): asking about defaults or what a program does by itself, which the knowledge does not say. */
export const ABOUT_DEFAULTS = wordListPattern(WORDS.aboutDefaults);

/**
 * Issue 13 (verdicts): what a program did by itself, then judged ("it filled in 143 by itself, is that
 * right?", "… on its own - correct?", "should i tick it?"): a yes/no about the value shown, not the default.
 */
export const DESCRIBED_JUDGED = new RegExp(
  `${wordListPattern(WORDS.describedJudged).source}|${wordListPattern(WORDS.describedJudgedEnd).source}$`,
);

/**
 * Issue 13 (verdicts): a choice between a box on and off ("ssl on or off?", "tick or untick?"), or a box
 * asked about with "or not" ("tick the ssl box or not", "is smtp auth needed or not", "ssl yes or no")
 * unless the question judges a value ("is ssl right or not" asks yes or no).
 */
export const SWITCH_CHOICE = wordListPattern(WORDS.switchChoice);
export const OR_NOT = wordListPattern(WORDS.orNot);
export const BOX_WHAT_TO_DO = wordListPattern(WORDS.boxWhatToDo);
export const JUDGES_VALUE = wordListPattern(WORDS.judgesValue);
/** Issue 13 (verdicts): whether going without SSL is safe, which the knowledge answers (SSL protects the password). */
export const SAFETY_WORDS = wordListPattern(WORDS.safetyWords);

/** Issue 13 (talk): BT's own web domains ("bt.com"): never another provider's, nor a BT Email domain. */
export const BT_SITES: ReadonlySet<string> = new Set(WORDS.btSites);

/** Issue 13 (numbers): a word after a number that makes it a count ("25 years", "465 emails"), never a port. */
export const NOT_PORT_UNIT: ReadonlySet<string> = new Set(WORDS.notPortUnit);

/** Issue 13 (verdicts): a quality of a value the knowledge does not judge ("blocked", "faster", "safe"). */
export const UNSTATED_QUALITIES = wordListPattern(WORDS.unstatedQualities);

/** A tag question ending the message ("…, right?", "465 yeah", "isnt it"). */
export const YESNO_END = new RegExp(`${wordListPattern(WORDS.yesNoEnd).source}$`);

/** Another setting asked for apart from the server ("the port and the server", "what port, what server"). */
export const OTHER_SETTING = wordListPattern(WORDS.otherSetting);

/** Words that ask a setting apart from the server: after the setting, before "server". */
export const ASKED_APART = wordListPattern(WORDS.askedApart);

/** Words that start a question of its own after the server ("what is the pop server, secondly do I need SSL"). */
export const ASKED_AFTER_SERVER = wordListPattern(WORDS.askedAfterServer);

/** Asking whether a setting is the same, not saying the same error is back ("same problem again"). */
export const ASKS_SAME = new RegExp(`${wordListPattern(WORDS.sameWords).source}(?! ${listSource(WORDS.sameAgain)})`);

/** Issue 13 (webmail-ssl): a box said to be off after its name ("ssl box is empty"), as a group for slots.ts to place. */
export const SWITCHED_OFF = listSource(WORDS.switchedOff);
/** Issue 13 (webmail-ssl): a box said never switched on, before its name ("never ticked the ssl"). */
export const NEVER_SWITCHED_ON = listSource(WORDS.neverSwitchedOn);

/** Words that show a question is about email at all; a fuzzy match needs one of them. */
export const EMAIL_WORDS = wordListPattern(WORDS.emailWords);

// ---- one side of mail failing: "I can receive but can't send" ----

/** Words that say something does not happen; canonical text has no apostrophes ("cant", "doesnt"). */
const NOT = String.raw`(?:cant|cannot|can not|couldnt|could not|wont|will not|unable to|not|doesnt|does not|isnt|is not|arent|are not|fails? to|failing to|stopped|no longer)`;
/** Words after a side that say it fails ("sending doesn't work", "outgoing mail not working"; issue 13, labels: "sending problems?"). */
const FAILS = String.raw`(?:doesnt|does not|isnt|is not|arent|are not|not|wont|will not|fails?|failed|failing|stopped|problems?|issues?|troubles?)`;
/** Trouble named before a side ("problems sending", "trouble with incoming"). */
const TROUBLE = String.raw`(?:problems?|issues?|troubles?)`;
/** One word between a side and its failing ("outgoing mail not working"), but not a conjunction ("send but not receive"). */
const BETWEEN = String.raw`(?:(?!(?:but|and|or|yet|though|although|while)\b)\w+ )?`;
/** Issue 13 (outbox): mail in the outbox is mail that does not go ("emails stuck in outbox", "outbox keeps filling up"). */
const OUTBOX = String.raw`outbox(?:es)?`;
/** Each side as canonical text names it: "send", "sending", "outgoing" are `smtp`; "receive", "receiving", "incoming" are `incoming`. */
const SIDES = {
  smtp: String.raw`(?:smtp|go out|going out)`,
  incoming: String.raw`(?:incoming|arrive|arriving|come in|(?:get|getting) (?:any |my |new )*(?:emails?|messages|mails?))`,
};
/** Text every match of each side's pattern contains (a name of the side in SIDES, or of both in BOTH_FAIL): without it, the regex is not tried. */
export const SIDE_NEEDLES = {
  smtp: ['smtp', 'go', 'outbox'],
  incoming: ['incoming', 'arriv', 'come in', 'get'],
  both: ['smtp', 'incoming'],
};
export const SIDE_FAILS = {
  smtp: new RegExp(
    String.raw`\b${OUTBOX}\b|\b${NOT} (?:be )?${SIDES.smtp}\b|\b${SIDES.smtp} ${BETWEEN}${FAILS}\b|\b${TROUBLE} (?:with )?${SIDES.smtp}\b`,
  ),
  incoming: new RegExp(
    String.raw`\b${NOT} (?:be )?${SIDES.incoming}\b|\b${SIDES.incoming} ${BETWEEN}${FAILS}\b|\b${TROUBLE} (?:with )?${SIDES.incoming}\b`,
  ),
};
/** A program that cannot reach the server at all. */
export const CANNOT_CONNECT =
  /\b(wont|cant|cannot|can not|unable to|not|doesnt|fails to|failing to) connect\w*\b|\bconnection (to (the )?(mail )?server )?(failed|fails|lost|refused|timed out|interrupted)\b/;

/** Both sides fail together: "can't send or receive", "sending and receiving both stopped". */
export const BOTH_FAIL = new RegExp(
  String.raw`\b${NOT} (?:be )?(?:smtp|incoming) (?:or|and|nor) (?:smtp|incoming)\b|\b(?:smtp|incoming) (?:(?:or|and) )?(?:smtp|incoming) (?:\w+ )?${FAILS}\b`,
);

/** Whether BT's mail service is up: nothing here can see that. */
export const SERVICE_STATUS =
  /\b(is|are) (bt( email| mail)?|btinternet|the (bt |email |mail )?(server|service)|mail\.btinternet\.com|it) (down|offline|broken|having (problems|issue))\b|\b(outage|outages|service status|status page|servers? down|down for everyone|down right now|is down)\b/;

/** Emptying a whole mailbox at once ("delete all my old emails"), a feature too. */
const DELETE_ALL = /^(how (do|can) i )?(delete|empty|clear) (all )?(of )?(my )?(old )?(emails?|mail|messages|inbox)$/;
/** Mailbox features the sources do not cover (spam filters, forwarding, signatures…). */
export const NOT_COVERED = new RegExp(`${wordListPattern(WORDS.notCovered).source}|${DELETE_ALL.source}`);

/** Moving to IMAP said without a "switch" verb: "I want my account on IMAP not POP". */
export const WANTS_IMAP = wordListPattern(WORDS.wantsImap);

/** Leaving POP with IMAP not named ("how do I change from POP?"): IMAP is the only other way in. */
export const LEAVE_POP = wordListPattern(WORDS.leavePop);

/** Issue 13 (side switch): a wish to migrate or move the account ("I want to migrate", "how do I move it"), read with POP named. */
export const MOVE_WISH = gated(['pop3'], wordListPattern(WORDS.moveWish));

/**
 * Issue 13 (walkthrough steps): the account said to be POP now, asking how to change it over ("It's on
 * POP at the moment. How do I convert it?"), or what to do to have it sync with webmail: switching.
 */
const POP_NOW = gated(['pop3'], wordListPattern(WORDS.popNow));
const CHANGE_IT_OVER = wordListPattern(WORDS.changeItOver);
const SYNC_WISH = wordListPattern(WORDS.syncWish);
const WHAT_TO_DO = wordListPattern(WORDS.whatToDo);
const SYNC_COMPLAINT = wordListPattern(WORDS.syncComplaint);
const NO_COMPLAINT: TextTest = { test: (text) => !SYNC_COMPLAINT.test(text) };
export const POP_NOW_CHANGE = allOf(POP_NOW, anyOf(CHANGE_IT_OVER, allOf(SYNC_WISH, WHAT_TO_DO, NO_COMPLAINT)));

/** Protocols the customer says they do not use ("I don't use IMAP"). */
export const NEGATED_PROTOCOL =
  /\b(dont|do not|not|never|no longer|isnt|arent|without)( (use|using|on|have|want|need))? (an? )?(imap|pop3)\b/g;

/** Each word list's pattern, compiled the first time a route or an entry's verdict reads it. */
const SAYS_PATTERNS = new Map<string, RegExp>();

/** Whether `words` say an item of the lexicon's word list `list` (routes' `says LIST`, entries' `verdicts`). */
export function saysWordList(list: string, words: string): boolean {
  let pattern = SAYS_PATTERNS.get(list);
  if (!pattern) SAYS_PATTERNS.set(list, (pattern = wordListPattern(WORDS[list] ?? [])));
  return pattern.test(words);
}
