/** Conversation-level intents (help, cancel, a person, thanks…), read before the knowledge search. */
import { LEXICON, PROGRAMS } from './lexicon';
import { intentPattern, listSource, wordListPattern, type IntentWordListName } from './lexicon-file';
import { allOf, near, type TextTest } from './match';
import { MAX_INPUT, normalise, THANK_YOU_RUN_ON, THANKS_SPEAK, WHAT_SPEAK, WHATS_SPEAK } from './normalise';

/** What a message asks of the conversation itself, rather than of the knowledge. */
export type Intent =
  | 'human'
  | 'identity'
  | 'cancel'
  | 'help'
  | 'ask-help'
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

/** The word lists the rules below combine, from the lexicon (`intentWords`). */
const WORDS = LEXICON.intentWords;

/** A whole-word pattern of one of those lists. */
function words(name: IntentWordListName): RegExp {
  return new RegExp(`\\b${listSource(WORDS[name])}\\b`);
}

/** Words for a person at BT, as a customer asks for one. */
const PERSON = new RegExp(`\\b(?:${listSource(WORDS.person)}|${listSource(WORDS.anyPerson)})\\b`);
/** The same, without "people", "anyone", "anybody": after "I need", those are often facts ("we need anyone on the team to…"). */
const SUPPORT_PERSON = words('person');

/**
 * A support desk as a place to be sent ("technical support", "your tech team", "the helpdesk"):
 * not "support" alone, which is mostly a verb ("does BT support IMAP?", "does it support SSL").
 */
const SUPPORT_DESK = new RegExp(
  `\\b(?:${listSource(WORDS.supportPlace)}|${listSource(WORDS.supportStaff)}|${listSource(WORDS.toSupport)}\\b(?! ${listSource(WORDS.supportAsVerb)}\\b))`,
);
/** The people or the desk themselves, as something wanted ("I need the helpdesk", "I want your tech team"). */
const SUPPORT_STAFF = words('supportStaff');
/** Sending a customer on: "transfer me", "put me through", "escalate this", "pass me", "hand me over" (not "I was transferred to…", a story). */
const SEND_ON = words('sendOn');

/**
 * Asking for a person needs a person-word in a request: a contact verb ("talk to", "ring",
 * "connect me") or a request ("I need", "can I have", "get me"). A preference or a fact about the
 * customer's own set-up ("I prefer to keep POP", "I only have one computer", "we have someone
 * else on the account") is not a request for a person.
 */
const HUMAN: readonly TextTest[] = [
  near(40, SEND_ON, SUPPORT_DESK),
  near(40, new RegExp(`\\b(?:${listSource(WORDS.asksFor)}|${listSource(WORDS.getOnto)})\\b`), SUPPORT_DESK),
  // "I need tech support, outlook won't send" opens a question: only the people or the desk ask for them.
  near(40, new RegExp(`\\b${listSource(WORDS.wants)}\\b|^${listSource(WORDS.wantsStart)}\\b`), SUPPORT_STAFF),
  near(40, words('contactVerbs'), PERSON),
  near(
    40,
    new RegExp(
      `\\b(?:${listSource(WORDS.wants)}|${listSource(WORDS.asksFor)})\\b|^(?:${listSource(WORDS.wantsStart)}|${listSource(WORDS.asksForStart)})\\b`,
    ),
    SUPPORT_PERSON,
  ),
  near(30, words('isThere'), words('somebody'), words('ringVerbs')),
  // In so many words: "a real person", "your phone number", "I want to complain", "agent please".
  intentPattern(PHRASES.human),
  // Handover by phrase (lexicon intents.human) covers second line, call-backs, tickets, complaints;
  // these need code: a lookahead or an anchor the lexicon cannot say.
  near(25, words('beConnected'), PERSON),
  near(30, words('contactBy'), words('byPhone')),
  allOf(near(25, words('prefers'), words('talking')), PERSON),
  new RegExp(
    `\\b${listSource(WORDS.contactVerbsBt)} ${listSource(WORDS.btPeople)}\\b(?! ${listSource(WORDS.btThings)}\\b)`,
  ),
  new RegExp(`\\b${listSource(WORDS.putThrough)}\\b(?! to (?:the |your )?${listSource(WORDS.btThings)})`),
  new RegExp(`\\b${listSource(WORDS.personAtEnd)}(?: please| now)?$`),
  // Not wanting the bot: "I'd rather not deal with a robot"; a computer only when talking is named
  // ("I'd rather keep POP on my computer" is about the customer's own computer).
  near(25, words('dislike'), words('botWords')),
  allOf(near(25, words('dislike'), words('computerWords')), words('talking')),
  near(25, words('canSomebody'), words('helpVerbs')),
];
/** "Cancel", "ok start over": not when a setting follows ("stop using port 25"). */
const CANCEL = new RegExp(
  `^(?:${listSource(WORDS.cancelPrefix)} )?${listSource(WORDS.cancelWords)}\\b(?!.*\\b${listSource(WORDS.cancelUnless)}\\b)`,
);
const HELP = intentPattern(PHRASES.help);
/** Help asked for, or a question announced, with nothing named yet ("can you help me", "quick question"). */
const ASK_HELP = intentPattern(PHRASES.askHelp);
const POLITE_END = new RegExp(` ${listSource(WORDS.politeEnd)}$`);
/** "Are you a bot?" in any voice ("r u a bot", "you a bot?", "is this an actual human"): text-speak "u" is "you" by now. */
const IDENTITY = new RegExp(
  `\\b${listSource(WORDS.identityAsk)} (?:${listSource(WORDS.identityArticle)} )?(?:${listSource(WORDS.identityReal)} )?${listSource(WORDS.identityWhat)}\\b|${intentPattern(PHRASES.identity).source}`,
);
const GREETING = intentPattern(PHRASES.greeting);
const THANKS = intentPattern(PHRASES.thanks);
/** "It worked for years and now it won't": a failure told, though it starts like thanks for a fix. */
const FAILS_VAGUELY = wordListPattern(LEXICON.words.failsVaguely);
const HOW_ARE_YOU = intentPattern(PHRASES.howAreYou);
const ACKNOWLEDGE = intentPattern(PHRASES.acknowledge);
const REPEAT = intentPattern(PHRASES.repeat);
/** A greeting opening a message, with a "there" after it ("hi there "): read with a space after the text. */
const GREETING_WORD = new RegExp(`^${listSource(WORDS.greetingWords)}(?: there)? `);
const GOODBYE = intentPattern(PHRASES.goodbye);
/** "no thanks ill keep trying myself": carrying on alone, which is no goodbye though it starts like one. */
const CARRY_ON = intentPattern(PHRASES.carryOn);
const ESCALATE = intentPattern(PHRASES.escalate);
/** Pleasantries around a greeting ("hope you're well"), taken out to see what else the message says. */
const PLEASANTRIES = new RegExp(intentPattern(PHRASES.pleasantries).source, 'g');
/** A setting or a problem named: then small talk around it does not make the message small talk. */
const ABOUT_SETTINGS = new RegExp(`\\b(?:${listSource(WORDS.mailWords)}|${listSource(WORDS.settingsWords)}|\\d{3})\\b`);
/** A question word: with a setting named, a goodbye before it ("thanks bye, oh wait whats the imap port") asks more. */
const ASKS_WORD = words('questionWords');
/** A mail setting or problem named: then "thanks" is more than thanks. */
const ABOUT_MAIL = new RegExp(`\\b(?:${listSource(WORDS.mailWords)}|\\d{3})\\b`);

const SITUATION = intentPattern(PHRASES.situation);
const SITUATION_UNLESS = words('situationUnless');
const MAX_SITUATION_WORDS = 14;

/**
 * Issue 13 (after an answer): a message that only describes the set-up ("i have an iphone and a
 * laptop", "its a btinternet address"). Why not with a program named: the settings for that program
 * answer it ("im using outlook 2016"); nor with a setting, a problem or a request in it. Read only
 * when the knowledge found nothing to answer, so a symptom told as a statement is still answered.
 */
export function describesSituation(input: string): boolean {
  const text = normalise(input);
  if (!SITUATION.test(text) || input.includes('?') || text.split(' ').length > MAX_SITUATION_WORDS) return false;
  return !SITUATION_UNLESS.test(text) && !ABOUT_SETTINGS.test(text) && !namesProgram(text);
}

/** A mail program of the lexicon's list named ("outlook", "my ipad"). */
function namesProgram(text: string): boolean {
  return PROGRAMS.some(([, re]) => re.test(text));
}

const REPORTED = words('reportedSpeech');

/**
 * Issue 13 (misfire): "the BT guy on the phone said to switch to imap", "my son said it should be
 * 465": with a setting named, the person before a reporting word is who said it; only the rest is
 * read for a request for a person ("…but I want to talk to someone" still is one).
 */
function withoutSpeaker(text: string): string {
  if (!ABOUT_SETTINGS.test(text)) return text;
  const reported = REPORTED.exec(text);
  return reported ? text.slice(reported.index + reported[0].length) : text;
}

/**
 * Issue 13 (people words): the customer's own people ("our staff", "my colleague", "for a staff member")
 * and their things ("a staff laptop", "staff members outlook"), which a question is about, not a person
 * asked for: read as "them" when looking for a request for a person.
 */
const OWN_PEOPLE = new RegExp(
  `\\b${listSource(WORDS.peopleOwners)} ${listSource(WORDS.person)}\\b|\\b${listSource(WORDS.person)}(?: members?)?(?: email| mail| work| office)? ${listSource(WORDS.peopleThings)}\\b`,
  'g',
);

/** The text for the request-for-a-person rules: someone else's words and the customer's own people left out. */
function forPersonRules(text: string): string {
  return withoutSpeaker(text).replace(OWN_PEOPLE, 'them');
}

/** The intent of a message, or undefined when it is a question for the knowledge. */
export function detectIntent(input: string): Intent | undefined {
  const text = normalise(input);
  if (text === 'yes that helped') return 'feedback-yes';
  if (text === 'no that didnt help') return 'feedback-no';
  if (IDENTITY.test(text)) return 'identity';
  if (HUMAN.some((re) => re.test(forPersonRules(text)))) return 'human';
  if (ESCALATE.test(text) && !ABOUT_SETTINGS.test(text)) return 'human';
  // "Thanks. And the username?", "no thanks, but which port for imap": the question is what counts.
  if (questionAfterLeadIn(input)) return undefined;
  // "Never mind, that's all. Bye!" takes leave rather than stopping something.
  if (GOODBYE.test(text) && !CARRY_ON.test(text) && !ABOUT_SETTINGS.test(text) && !input.includes('?'))
    return 'goodbye';
  if (CANCEL.test(text)) return 'cancel';
  if (HELP.test(text)) return 'help';
  if (ASK_HELP.test(text) || ASK_HELP.test(text.replace(POLITE_END, ''))) return 'ask-help';
  if (GREETING.test(text)) return 'greeting';
  if (GOODBYE.test(text) && !CARRY_ON.test(text) && !(ABOUT_SETTINGS.test(text) && ASKS_WORD.test(text)))
    return 'goodbye';
  const smallTalk = pleasantIntent(text);
  if (smallTalk) return smallTalk;
  if (HOW_ARE_YOU.test(text) || HOW_ARE_YOU.test(text.replace(GREETING_WORD, ''))) return 'how-are-you';
  if (REPEAT.test(text)) return 'repeat';
  if (ACKNOWLEDGE.test(text)) return 'acknowledge';
  if (FAILS_VAGUELY.test(text)) return undefined;
  if (THANKS.test(text) && !ABOUT_MAIL.test(text)) return 'thanks';
  if (thanksForFix(text, input)) return 'thanks';
  return undefined;
}

const GRATITUDE = words('gratitude');
const ASKS_OPEN = words('asksOpen');
const MAX_THANKS_WORDS = 20;

/**
 * Issue 13 (talk): thanks for a fix, even as a first message and with a mail word in it ("my outlook is working
 * again, thanks a million", "i can send and receive now, thank you"): thanks and "it works now", nothing asked,
 * nothing still failing.
 */
function thanksForFix(text: string, input: string): boolean {
  if (input.includes('?') || text.split(' ').length > MAX_THANKS_WORDS) return false;
  return GRATITUDE.test(text) && WORKS_NOW.test(text) && !STILL_FAILING.test(text) && !ASKS_OPEN.test(text);
}

/** A greeting wrapped in pleasantries: a greeting, or "how are you" once they are taken out; else undefined. */
function pleasantIntent(text: string): Intent | undefined {
  if (!GREETING_WORD.test(`${text} `) || ABOUT_SETTINGS.test(text)) return undefined;
  const rest = `${text} `.replace(GREETING_WORD, '').replace(PLEASANTRIES, ' ').replace(/\s+/g, ' ').trim();
  if (rest === '' || GREETING.test(rest)) return 'greeting';
  // "Hello, I have a question", "hi there, I wonder if you can help me": help with nothing named yet.
  if (ASK_HELP.test(rest)) return 'ask-help';
  if (HELP.test(rest)) return 'help';
  return HOW_ARE_YOU.test(rest) ? 'how-are-you' : undefined;
}

/** Why longest first: "thank you so much." is one lead-in, not "thank you" before a question word ("so"). */
function longestFirst(items: readonly string[]): string[] {
  return [...items].sort((a, b) => b.length - a.length);
}

/** What may follow a lead-in item with no comma: a filler ("actually", "mate") or a decline ("no leave it"). */
const LEAD_JOIN = listSource([...WORDS.leadInJoin, ...(PHRASES.declinePerson.starts ?? [])]);
/**
 * A lead-in's items, each ended by punctuation, by a word that starts a question ("ok what port"), by
 * a filler or decline read next ("no dont bother actually, just …", "nah leave it mate whats …"), or by
 * the message's end: "that worked, thank you so much" is all lead-in, not "thank you" before "so much".
 */
const LEAD_IN = new RegExp(
  `^${listSource(longestFirst(PHRASES.leadIn.starts ?? []))}(?:\\s?[,.!;:]+|\\s-+|\\s(?=(?:${listSource(WORDS.questionStart)}|${listSource(WORDS.requestOpeners)}|${LEAD_JOIN})\\b)|$)\\s?`,
);
/** What the rest of a message must look like to ask something: a question word, or a setting or side named. */
const ASKS_START = new RegExp(`^${listSource(WORDS.questionStart)}\\b`);
/** A request rather than a question ("just tell me the outgoing port", "give me the imap server"): it asks too. */
const REQUEST_START = new RegExp(
  `^(?:${listSource(WORDS.requestPrefix)} )?${listSource(WORDS.requestStart)}\\b|^${listSource(WORDS.justAsks)}\\b`,
);
/** A setting, a side or a problem named: what is left after a lead-in asks about it ("ok, and the username"). */
const ASKS_ABOUT = new RegExp(
  `\\b(?:${listSource(WORDS.mailWords)}|${listSource(WORDS.settingsWords)}|${listSource(WORDS.asksAbout)}|\\d{3})\\b`,
);
/** A statement that asks at its end ("i also have a talk21 email is that the same"). */
const ASKS_END = new RegExp(`\\b${listSource(WORDS.asksAtEnd)}$`);
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
    .replace(/[\u2013\u2014]/g, '-')
    .replace(THANK_YOU_RUN_ON, 'thank you')
    .replace(THANKS_SPEAK, 'thanks')
    .replace(WHAT_SPEAK, 'what')
    .replace(WHATS_SPEAK, 'whats')
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
  const question = rest.includes('?') || ASKS_START.test(words) || REQUEST_START.test(words) || ASKS_END.test(words);
  // A mail program named after thanks ("ta, i use thunderbird") shapes the answer as a question would.
  if (!words || !(question || ASKS_ABOUT.test(words) || namesProgram(words))) return undefined;
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

/** A message starting with a question word asks rather than answers. */
const ASKS_INSTEAD = new RegExp(`^${listSource(WORDS.questionWords)}\\b`);

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

/**
 * Saying a fix still fails ("still not working", "nope still getting 535", "didnt help, outlook
 * still wont send"): more than a "no" to "Was this helpful?", it asks for the next checks.
 */
export function saysStillFailing(input: string): boolean {
  return STILL_FAILING.test(normalise(input));
}

/** A yes or no answer to "Did that fix it?", or undefined. */
export function detectYesNo(input: string): 'yes' | 'no' | undefined {
  const text = normalise(input);
  if (NO.test(text)) return 'no';
  if (YES.test(text)) return 'yes';
  // A question that mentions failing ("why does it fail on port 465?") is a question, not an answer.
  if (input.includes('?') || ASKS_INSTEAD.test(text)) return undefined;
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

const YES_AMID = intentPattern(PHRASES.yesAmid);

/**
 * Issue 13 (side switch): a yes followed by a question while a person is offered ("hang on yes whats the imap
 * server", "yes but whats the smtp port"): not a yes to the person (`acceptsPerson` says no), but the offer stands.
 */
export function yesThenAsks(input: string): boolean {
  const text = normalise(input);
  if (NO.test(text) || acceptsPerson(input) || !YES_AMID.test(text)) return false;
  return input.includes('?') || ASKS_ABOUT.test(text) || QUESTION_WORD.test(text);
}

const DECLINE_PERSON = intentPattern(PHRASES.declinePerson);

/** A no to a person offered: a plain no ("nah", "maybe later"), or "not right now", "I've changed my mind". */
export function declinesPerson(input: string): boolean {
  return detectYesNo(input) === 'no' || DECLINE_PERSON.test(normalise(input));
}

const WALK_PAUSE = intentPattern(PHRASES.walkPause);
/** Longer than this, a message is more than a pause. */
const MAX_PAUSE = 60;

/** Issue 13 (walk asides): the whole message a pause or "are you still there?" ("hang on a sec", "brb", "hello?"). */
export function pausesWalk(input: string): boolean {
  return input.length <= MAX_PAUSE && WALK_PAUSE.test(normalise(input));
}

const SAYS_DONE = /\b(?:all done|done|finished|did (?:it|that)|done (?:it|that))\b/;

/** Issue 13 (walk asides): thanks that says the step is done ("thanks, all done", "all done thank you"). */
export function saysDone(input: string): boolean {
  return input.length <= MAX_PAUSE && SAYS_DONE.test(normalise(input));
}

/** Issue 13 (walk asides): done and thanks in a short message, nothing asked ("all done thank you"). */
export function thanksForDone(input: string): boolean {
  return saysDone(input) && !input.includes('?') && GRATITUDE.test(normalise(input));
}

const HOLD_ON = intentPattern(PHRASES.holdOn);

/** Issue 13 (walk): a hold-on leading the message ("hang on", "wait not yet", "first"): not now, and something else first. */
export function holdsOn(input: string): boolean {
  return HOLD_ON.test(normalise(input));
}

/** What follows a hold-on ("hang on, yes please connect me" → "yes please connect me"), or the text itself. */
export function afterHoldOn(input: string): string {
  const text = normalise(input);
  const hold = HOLD_ON.exec(text);
  return hold ? text.slice(hold[0].length).trim() : input;
}

/**
 * Issue 13 (context): saying they'll carry on themselves ("nah ill figure it out", "no thanks ill
 * keep trying myself", "not now, ill try again later"), with no question or setting in it: the bot
 * says it is still here rather than goodbye or "not sure".
 */
export function carriesOnAlone(input: string): boolean {
  const text = normalise(input);
  return CARRY_ON.test(text) && !input.includes('?') && !ABOUT_SETTINGS.test(text) && !ASKS_INSTEAD.test(text);
}

/** An explicit yes to something offered ("let's do it", "go ahead", "yes please"), not a plain "yes" or "ok". */
export function acceptsExplicitly(input: string): boolean {
  return ACCEPT_OFFER.test(normalise(input)) && !input.includes('?') && !ASKS_ABOUT.test(normalise(input));
}

/** A yes to the walkthrough just offered: "yes please", "go ahead", or a walkthrough "next" word (ok, yes, sure). */
export function acceptsOffer(input: string): boolean {
  return ACCEPT_OFFER.test(normalise(input)) || detectNavigation(input) === 'next';
}
