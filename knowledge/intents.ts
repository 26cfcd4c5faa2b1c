/** Conversation-level intents (help, cancel, a person, thanks…), read before the knowledge search. */
import { LEXICON } from './lexicon';
import { intentPattern, itemSource } from './lexicon-file';
import { allOf, near, type TextTest } from './match';
import { MAX_INPUT, normalise } from './normalise';

/** What a message asks of the conversation itself, rather than of the knowledge. */
export type Intent =
  | 'human'
  | 'identity'
  | 'cancel'
  | 'help'
  | 'greeting'
  | 'thanks'
  | 'goodbye'
  | 'how-are-you'
  | 'acknowledge'
  | 'repeat'
  | 'feedback-yes'
  | 'feedback-no';

/** Moving through a walkthrough. */
export type Navigation = 'next' | 'back' | 'stop';

/** The intents' phrases, from the lexicon (knowledge/data/lexicon.yaml). */
const PHRASES = LEXICON.intents;

/** Words for a person at BT, as a customer asks for one. */
const PERSON =
  /\b(human|humans|person|people|agent|advis[eo]rs?|someone|somebody|anyone|anybody|sum1|some1|any1|staff|operator|representative|colleague|support team|customer (service|services|care|support)|executive|engineer|real one|manager)\b/;
/** The same, without "people", "anyone", "anybody": after "I need", those are often facts ("we need anyone on the team to…"). */
const SUPPORT_PERSON =
  /\b(human|humans|person|agent|advis[eo]rs?|someone|somebody|sum1|some1|staff|operator|representative|colleague|support team|customer (service|services|care|support)|executive|engineer|real one|manager)\b/;

/**
 * A support desk as a place to be sent ("technical support", "your tech team", "the helpdesk"):
 * not "support" alone, which is mostly a verb ("does BT support IMAP?", "does it support SSL").
 */
const SUPPORT_DESK =
  /\b((tech|technical|customer|expert|specialist) support|support (team|staff|desk|people|person|line|agents?|department|dept|centre|center|guys)|help ?desk|service desk|tech(nical)? (team|people|guys|department|dept|staff|desk|person|expert)|it (team|department|dept|helpdesk|help desk|people|guys)|(to|through to|over to|onto|on to) (the |your |a |bt |bts )?support\b(?! (imap|pop3?|smtp|ssl|tls|starttls|oauth|it|this|that)\b))/;
/** The people or the desk themselves, as something wanted ("I need the helpdesk", "I want your tech team"). */
const SUPPORT_STAFF =
  /\b(support (team|staff|desk|people|person|agents?|department|dept|guys)|help ?desk|service desk|tech(nical)? (team|people|guys|department|dept|staff|person|expert)|it (team|department|dept|helpdesk|help desk|people|guys))\b/;
/** Sending a customer on: "transfer me", "put me through", "escalate this", "pass me", "hand me over" (not "I was transferred to…", a story). */
const SEND_ON =
  /\b(transfer|(be|get|being) transferred|pass|(be|get|being) passed|put (me|us) through|put (me|us) in touch|connect|(be|get|being) connected|escalate|forward|hand (me|us|this|it)|route|refer|send (me|us|this)|reach|get hold of|get through to|talk|speak|chat|contact|ring|call|phone)\b/;

/**
 * Asking for a person needs a person-word in a request: a contact verb ("talk to", "ring",
 * "connect me") or a request ("I need", "can I have", "get me"). A preference or a fact about the
 * customer's own set-up ("I prefer to keep POP", "I only have one computer", "we have someone
 * else on the account") is not a request for a person.
 */
const HUMAN: readonly TextTest[] = [
  near(40, SEND_ON, SUPPORT_DESK),
  near(
    40,
    /\b((can|could|may) (i|we) (have|get)|get me|give me|put me|find me|get (me|us) (onto|on to))\b/,
    SUPPORT_DESK,
  ),
  // "I need tech support, outlook won't send" opens a question: only the people or the desk ask for them.
  near(40, /\b(i want|i need|i would like|id like|i wanna|i just want|i just need)\b|^(want|need)\b/, SUPPORT_STAFF),
  near(
    40,
    /\b(talk|speak|speek|spk|chat|connect|transfer|pass|passed|ring|call|phone|contact|let me talk|let me speak)\b/,
    PERSON,
  ),
  near(
    40,
    /\b(i want|i need|i would like|id like|i wanna|i just want|i just need|(can|could|may) (i|we) (have|get)|get me|give me|put me|find me)\b|^(want|need|get|give me)\b/,
    SUPPORT_PERSON,
  ),
  near(
    30,
    /\b(is there|are there|can i)\b/,
    /\b(someone|somebody|anyone|anybody|person|human|agent|advis[eo]r)\b/,
    /\b(ring|call|phone|talk|speak|contact|chat)\b/,
  ),
  /\b(real|actual|live|proper) (human|person|agent|advis[eo]r)\b/,
  // Second line, a call back, BT by phone: "escalate to 2nd line", "can someone ring me back", "how do I contact BT by phone".
  /\b(first|second|third|1st|2nd|3rd) line (support|team|tech|technical|engineers?|agents?|staff|desk)\b|\b(to|through to|for) (first|second|third|1st|2nd|3rd) line\b/,
  /\b(call|ring|phone) (me|us) back\b|\b(callback|call back|ring back)\b/,
  near(30, /\b(contact|speak|talk|reach|get hold of|get in touch)\b/, /\b(by|on the|over the|via) (phone|telephone)\b/),
  /\b(contact|ring|phone|call|get hold of|get in touch with|speak to|talk to) (bt|bts|you guys|your (team|company|office|staff))\b(?! (server|servers|smtp|imap|pop3|mail server|email server))/,
  near(25, /\b(be|get|being) (connected|transferred|passed|put through)\b/, PERSON),
  // Contacting BT or the bot's people, a number for them, or someone to do it: "how can I contact you", "can someone set it up for me".
  /\b(contact|reach|get hold of|get in touch with) (you|you guys|us)\b|^contact (us|bt|support)$/,
  /\b(customer services?|support|helpdesk|help desk|contact|complaints?) (number|phone|phone number|line|telephone)\b/,
  /\b(do|set|set up|setup|fix|sort|configure) (it|this|that|everything|them|it all)( up)? for (me|us)\b/,
  /\b(book|arrange|send me|send out) (an? )?(engineer|technician|home visit|callout|call out)\b/,
  // "Then who can help?", "how do I reach them?" (after the bot said the support team can), "can you put me through".
  /\bhow (do|can|could) (i|we) (reach|contact|get hold of|get in touch with|speak to|talk to) (them|someone|somebody|a person|you)\b/,
  /^((so|ok|okay|then|well|right) )?who (can|could|does|do|will|would) (help|then|that|it|sort|fix)\b|^((so|ok|okay|then|well) )?who does$/,
  /\b(put (me|us) through|transfer (me|us)|pass (me|us) on)\b(?! to (the |your )?(imap|pop3|smtp|server|mail server|incoming|outgoing))/,
  /\b(someone|somebody|a person|a human|an agent|an advis[eo]r) (who|that) (speaks|knows|understands|can help|can sort|can fix)\b/,
  allOf(
    near(25, /\b(prefer|rather|would like|wanna|want)\b/, /\b(talking|speaking|chatting|talk|speak|chat)\b/),
    PERSON,
  ),
  /\b(complaint|complaints)\b|\b(i|we) (want to|wish to|would like to|need to|d like to|will) complain\b/,
  /\b(human|agent|operator|advis[eo]r|real person)( please| now)?$/,
  /\b(phone number|number to (ring|call)|number (i|we) (can )?(ring|call|phone)|contact (number|details)|call centre|call center|helpline|help line)\b/,
  /\b(make|making|raise|file|log|lodge) (a |an )?(complaint|formal complaint)\b|\bwant to complain\b/,
  /\bcomplaints? (department|dept|team|line|procedure|process|manager)\b|\bhow (do|can|could) (i|we) complain\b/,
  // A support ticket or a higher level of support: "raise a ticket with level 2", "escalate to tier 2".
  /\b(raise|open|log|create|submit) (a |an )?(support )?(ticket|case)\b|\b(level|tier) (1|2|3|one|two|three)\b/,
  /\bwho (can|could|do|should|shall) (i|we) (actually |even )?(talk|speak|chat|complain) (to|with)\b|\bwho (do|can|should) (i|we) (call|ring|phone|contact)\b/,
  /^(human|agent|operator|person|advis[eo]r|representative|talk to a person)$/,
  /\b(human|agent|person|advis[eo]r|operator|someone|somebody) (please|now|asap)\b/,
  // Not wanting the bot: "I'd rather not deal with a robot"; a computer only when talking is named
  // ("I'd rather keep POP on my computer" is about the customer's own computer).
  near(
    25,
    /\b(rather|prefer|dont want|do not want|not comfortable|not happy|hate)\b/,
    /\b(bot|bots|robot|chatbot|machine)\b/,
  ),
  allOf(
    near(25, /\b(rather|prefer|dont want|do not want|not comfortable|not happy|hate)\b/, /\bcomputer\b/),
    /\b(talk|talking|speak|speaking|chat|chatting|deal|dealing)\b/,
  ),
  near(
    25,
    /\b(can|could|will|would) (somebody|someone|anybody|anyone|a person|a human|an agent)\b/,
    /\b(help|call|ring|contact|sort)\b/,
  ),
];
/** Stopping what is under way; not "cancel my BT contract" or "stop the spam", which ask about something else. */
const CANCEL =
  /^((actually|ok|okay|no|please|just|oh) )?(cancel|stop|quit|exit|start over|start again|restart|never ?mind|forget it|abort|end)\b(?!.*\b(smtp|imap|pop3|port|server|contract|account|subscription|direct debit|package|order|broadband|bt|membership|payment|email|mail|spam|messages|sending|receiving|deleting|downloading)\b)/;
const HELP = intentPattern(PHRASES.help);
/** "Are you a bot?" in any voice ("r u a bot", "you a bot?", "is this an actual human"): text-speak "u" is "you" by now. */
const IDENTITY =
  /\b(are you|r you|you|am i (talking|speaking|chatting) (to|with)|is this|is it) (a |an |just a )?((real|actual|live) )?(human|bot|chatbot|robot|person|machine|ai|computer|automated)\b|^(who|what) (are you|am i (talking|speaking|chatting) (to|with))$|^what'?s? (is )?your name$/;
const GREETING = intentPattern(PHRASES.greeting);
const THANKS = intentPattern(PHRASES.thanks);
const HOW_ARE_YOU = intentPattern(PHRASES.howAreYou);
const ACKNOWLEDGE = intentPattern(PHRASES.acknowledge);
const REPEAT = intentPattern(PHRASES.repeat);
const GREETING_WORD = /^(hi|hello|hey|hiya|morning|afternoon|evening|good (morning|afternoon|evening))( there)? /;
const GOODBYE = intentPattern(PHRASES.goodbye);
const ESCALATE = intentPattern(PHRASES.escalate);
/** Pleasantries around a greeting ("hope you're well"), taken out to see what else the message says. */
const PLEASANTRIES = new RegExp(intentPattern(PHRASES.pleasantries).source, 'g');
/** A setting or a problem named: then small talk around it does not make the message small talk. */
const ABOUT_SETTINGS = /\b(smtp|imap|pop3?|port|server|ssl|tls|error|settings?|\d{3})\b/;

/** The intent of a message, or undefined when it is a question for the knowledge. */
export function detectIntent(input: string): Intent | undefined {
  const text = normalise(input);
  if (text === 'yes that helped') return 'feedback-yes';
  if (text === 'no that didnt help') return 'feedback-no';
  if (IDENTITY.test(text)) return 'identity';
  if (HUMAN.some((re) => re.test(text))) return 'human';
  if (ESCALATE.test(text) && !ABOUT_SETTINGS.test(text)) return 'human';
  // "Thanks. And the username?", "no thanks, but which port for imap": the question is what counts.
  if (questionAfterLeadIn(input)) return undefined;
  // "Never mind, that's all. Bye!" takes leave rather than stopping something.
  if (GOODBYE.test(text) && !ABOUT_SETTINGS.test(text) && !input.includes('?')) return 'goodbye';
  if (CANCEL.test(text)) return 'cancel';
  if (HELP.test(text)) return 'help';
  if (GREETING.test(text)) return 'greeting';
  if (GOODBYE.test(text)) return 'goodbye';
  const smallTalk = pleasantIntent(text);
  if (smallTalk) return smallTalk;
  if (HOW_ARE_YOU.test(text) || HOW_ARE_YOU.test(text.replace(GREETING_WORD, ''))) return 'how-are-you';
  if (REPEAT.test(text)) return 'repeat';
  if (ACKNOWLEDGE.test(text)) return 'acknowledge';
  if (THANKS.test(text) && !/\b(smtp|imap|pop3?|port|server|error|\d{3})\b/.test(text)) return 'thanks';
  return undefined;
}

/** A greeting wrapped in pleasantries: a greeting, or "how are you" once they are taken out; else undefined. */
function pleasantIntent(text: string): Intent | undefined {
  if (!GREETING_WORD.test(`${text} `) || ABOUT_SETTINGS.test(text)) return undefined;
  const rest = `${text} `.replace(GREETING_WORD, '').replace(PLEASANTRIES, ' ').replace(/\s+/g, ' ').trim();
  if (rest === '' || GREETING.test(rest)) return 'greeting';
  return HOW_ARE_YOU.test(rest) ? 'how-are-you' : undefined;
}

/** A lead-in's items, each ended by punctuation or by a word that starts a question ("ok what port"). */
const LEAD_IN = new RegExp(
  `^(?:${(PHRASES.leadIn.starts ?? []).map(itemSource).join('|')})(?:\\s?[,.!;:]+|\\s-+|\\s(?=(?:and|also|plus|so|but|what|whats|which|how|where|when|why|is|are|do|does|can|could|should|will|would|any|just|tell|give|show|i need|i want|i just|i only|i dont|we need|we just)\\b))\\s?`,
);
/** What the rest of a message must look like to ask something: a question word, or a setting or side named. */
const ASKS_START =
  /^(and|also|plus|so|but|what|whats|which|how|where|when|why|is|are|do|does|can|could|should|will|would|any)\b/;
/** A request rather than a question ("just tell me the outgoing port", "give me the imap server"): it asks too. */
const REQUEST_START =
  /^((just|only) )?((tell|give|show|send|remind) (me|us)|(i|we) (only |just )?(need|want) (the|to know|to see)|(need|want) the)\b|^just (the|what|which)\b/;
const ASKS_ABOUT =
  /\b(smtp|imap|pop3?|port|server|ssl|tls|error|settings?|username|user|password|login|sending|send|outgoing|incoming|receiving|folders?|drafts|encryption|authentication|number|\d{3})\b/;
const MAX_LEADS = 4;

/** A question after a lead-in, and whether the lead-in thanked ("Thanks. And what about X?" → "and what about x"). */
export interface LeadIn {
  thanks: boolean;
  /** The rest asks a question ("?" or a question word), rather than stating something ("no, SSL is on"). */
  question: boolean;
  rest: string;
}

/**
 * Issue 13 (context): a pleasantry, or a "no" to an offer, that leads a question ("Cheers, also
 * which port?", "No, keep trying here. What is the SMTP port?"): the question, or undefined when
 * nothing is asked after it. A lead-in must be closed by punctuation or a question word, so
 * "no ssl?" keeps its "no".
 */
export function questionAfterLeadIn(input: string): LeadIn | undefined {
  const raw = input
    .slice(0, MAX_INPUT)
    .toLowerCase()
    .replace(/[\u2018\u2019'`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  let rest = raw;
  for (let i = 0; i < MAX_LEADS; i++) {
    const lead = LEAD_IN.exec(rest);
    if (!lead) break;
    rest = rest.slice(lead[0].length).trim();
  }
  if (rest === raw) return undefined;
  const words = normalise(rest);
  const question = rest.includes('?') || ASKS_START.test(words) || REQUEST_START.test(words);
  if (!words || !(question || ASKS_ABOUT.test(words))) return undefined;
  return { thanks: THANKS.test(normalise(raw.slice(0, raw.length - rest.length))), question, rest };
}

const NEXT = intentPattern(PHRASES.next);
const BACK = intentPattern(PHRASES.back);
const STOP = intentPattern(PHRASES.stop);

/** A walkthrough command typed or clicked, or undefined for anything else. */
export function detectNavigation(input: string): Navigation | undefined {
  const text = normalise(input);
  if (STOP.test(text)) return 'stop';
  // "Back up my mail first?" is a question, not a step back: "back" is a command only when short.
  if (BACK.test(text) && !/^back up\b/.test(text) && !input.includes('?') && text.split(' ').length <= 6) return 'back';
  if (NEXT.test(text) && text.split(' ').length <= 6) return 'next';
  return undefined;
}

const YES = intentPattern(PHRASES.yes);
const NO = intentPattern(PHRASES.no);

/** Said anywhere in a longer answer: it still fails, or it works now. Failing wins ("sort of, then it failed again"). */
const STILL_FAILING = intentPattern(PHRASES.stillFailing);
const WORKS_NOW = intentPattern(PHRASES.worksNow);

/** Step numbers written as words ("step three"). */
const STEP_WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** A step asked for by number ("what's step 3 again", "go back to step 2"), or undefined. */
export function detectStepNumber(input: string): number | undefined {
  const match = /\bstep (\d{1,2}|one|two|three|four|five|six|seven|eight|nine)\b(?! of)/.exec(normalise(input));
  if (!match) return undefined;
  const word = STEP_WORDS.indexOf(match[1]!);
  return word >= 0 ? word + 1 : Number(match[1]);
}

/** A yes or no answer to "Did that fix it?", or undefined. */
export function detectYesNo(input: string): 'yes' | 'no' | undefined {
  const text = normalise(input);
  if (NO.test(text)) return 'no';
  if (YES.test(text)) return 'yes';
  // A question that mentions failing ("why does it fail on port 465?") is a question, not an answer.
  if (input.includes('?') || /^(why|what|whats|how|which|where|when|who|can|could|should|is|are|do|does)\b/.test(text))
    return undefined;
  if (STILL_FAILING.test(text)) return 'no';
  if (WORKS_NOW.test(text)) return 'yes';
  return undefined;
}

const STRAY_NAVIGATION = intentPattern(PHRASES.strayNavigation);
const ACCEPT_OFFER = intentPattern(PHRASES.acceptOffer);

/** "Next", "back" or a short "step 2": words that only mean something inside a walkthrough. */
export function isStrayNavigation(input: string): boolean {
  const text = normalise(input);
  // A longer message naming a step ("step 3 says port 995, is that right?") is a question.
  return STRAY_NAVIGATION.test(text) || (detectStepNumber(input) !== undefined && text.split(' ').length <= 5);
}

const ACCEPT_PERSON = intentPattern(PHRASES.acceptPerson);
/** A question asked after a yes ("fine, then what can you do"): not a yes to the offer. */
const QUESTION_WORD = /\b(what|whats|which|how|where|when|why|who)\b/;

/**
 * A yes to a person offered ("Would you like that?"): "yes", "go on then", "ok do it", "aye", "ok".
 * A "no", or a question after the yes ("yes, and what's the port?"), is not one.
 */
export function acceptsPerson(input: string): boolean {
  const text = normalise(input);
  if (NO.test(text) || input.includes('?') || ASKS_ABOUT.test(text) || QUESTION_WORD.test(text)) return false;
  return YES.test(text) || ACCEPT_OFFER.test(text) || ACCEPT_PERSON.test(text);
}

const DECLINE_PERSON = intentPattern(PHRASES.declinePerson);

/** A no to a person offered: a plain no ("nah", "maybe later"), or "not right now", "I've changed my mind". */
export function declinesPerson(input: string): boolean {
  return detectYesNo(input) === 'no' || DECLINE_PERSON.test(normalise(input));
}

/** An explicit yes to something offered ("let's do it", "go ahead", "yes please"), not a plain "yes" or "ok". */
export function acceptsExplicitly(input: string): boolean {
  return ACCEPT_OFFER.test(normalise(input)) && !input.includes('?') && !ASKS_ABOUT.test(normalise(input));
}

/** A yes to the walkthrough just offered: "yes please", "go ahead", or a walkthrough "next" word (ok, yes, sure). */
export function acceptsOffer(input: string): boolean {
  return ACCEPT_OFFER.test(normalise(input)) || detectNavigation(input) === 'next';
}
