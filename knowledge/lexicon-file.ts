/** The lexicon file (knowledge/data/lexicon.yaml): its shape, checked with zod, and how its phrases become patterns. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEFAULT_KNOWLEDGE_DIR, describe, KnowledgeError, type Problem } from './load';
import { escapeRegExp } from './match';
import { PROTOCOLS } from './schema';

/** Settings a customer can ask about. */
export const ATTRIBUTES = [
  'host',
  'port',
  'encryption',
  'authentication',
  'username',
  'password',
  'folders',
  'separator',
  'rootfolder',
  'popfolder',
] as const;
export type Attribute = (typeof ATTRIBUTES)[number];

/** The file name the lexicon has beside the knowledge; the knowledge loader does not read it as a provider. */
export const LEXICON_FILE = 'lexicon.yaml';

/** A plain word or phrase, as normalised text has it. */
const PHRASE = /^[a-z0-9@.-]+(?: [a-z0-9@.-]+)*$/;
/** One part of a word-list item: a word (a trailing `*` for any ending), or a group of words `(a|b)`. */
const PART = /^(?:[a-z0-9@.]+\*?|\([a-z0-9@. ]+(?:\|[a-z0-9@. ]+)+\))$/;

const phrase = z.string().regex(PHRASE, 'must be lower-case words separated by single spaces');
const wordItem = z.string().refine((item) => splitParts(item).every((p) => PART.test(p)), {
  message: 'must be words separated by single spaces; only word* and (a|b) are special',
});
const wordList = z.array(wordItem).min(1, 'needs at least one word');

/** The word lists the rules read, by name; a missing or misspelt name is a problem. */
export const WORD_LISTS = [
  'otherProviders',
  'correction',
  'otherProducts',
  'notCovered',
  'wholeBlock',
  'wholeBlockStrong',
  // Issue 13 (multi): a block word that asks for nothing ("all good", "that's all I need", "all the rest").
  'notWholeBlock',
  // Issue 13 (multi): words of choosing that ask nothing of their own ("which one?").
  'choosing',
  'howTo',
  'emailWords',
  'switch',
  // Issue 13 (settings with a protocol named): IMAP or a walkthrough wished for, with no move said ("I want imap").
  'switchWish',
  'wantsImap',
  'leavePop',
  // Issue 13 (side switch): a wish to migrate or move, read as the switch when POP is named ("pop no good, how do I migrate").
  'moveWish',
  // Issue 13 (walkthrough steps): the account said to be POP now, and asking how to change it over.
  'popNow',
  // Issue 13 (walk asides): another device of the customer's, and doing it there too (route other-devices).
  'otherDevice',
  'otherDeviceRedo',
  'changeItOver',
  'whatToDo',
  'syncWish',
  'syncComplaint',
  // Issue 13 (POP described): webmail and a change that did not carry over to it, in either order (SYNC_SYMPTOM).
  'webmailSide',
  'syncSeen',
  'syncDone',
  'syncUndone',
  'oldMail',
  'moveInto',
  'popAccount',
  'removeAccount',
  'whatToSet',
  'symptom',
  // Issue 13 (flow): a message stating a value rather than asking about it.
  'statesValue',
  // Issue 13 (context): "why?" alone, and words that point back at the last reply.
  'whyOnly',
  'refersBack',
  // Issue 13 (reading): a closing IMAP-or-POP choice after a story, and what says a setting is asked there instead.
  'choiceTail',
  'notChoiceTail',
  // Read by the error explainer too: "still nothing" answers "Did that fix it?" with a no.
  'stillBroken',
  // Issue 13 (data): the question's form (slots.ts): an error quoted, a yes/no question.
  'errorWords',
  'yesNoStart',
  'yesNoAny',
  'yesNoEnd',
  // Issue 13 (verdicts): defaults and what a program does by itself, which no yes or no can be given about.
  'aboutDefaults',
  'describedJudged',
  'describedJudgedEnd',
  'unstatedQualities',
  'otherSetting',
  'askedApart',
  'askedAfterServer',
  'sameWords',
  'sameAgain',
  // Issue 13 (webmail-ssl): a box said to be off after its name ("ssl box is empty", "ssl not ticked"),
  // and a box said never switched on before it ("my son never ticked the ssl").
  'switchedOff',
  'neverSwitchedOn',
  // Issue 13 (webmail-ssl): asking whether encryption matters at all ("does ssl matter", "is ssl important").
  'webmailWords',
  'webmailVersus',
  'encryptionWords',
  'asksWorth',
  'asksOkOff',
  'asksMatters',
  // Issue 13 (definitions): the words beside a protocol in a request to explain it ("sorry what does pop3 stand for").
  'explainOnly',
  // Issue 13 (verdicts): what makes "number" beside a protocol something other than its port ("imap error number").
  'notSettingNumber',
  // Issue 13 (numbers): what follows a number that counts something, not a port ("after 25 years").
  'notPortUnit',
  'settingsAsked',
  // Issue 13 (side switch): what may follow "pop no" for "no" to be the number ("pop no please"), not a "no" ("pop no good").
  'numberNoNext',
  // Issue 13 (verdicts): either/or about a box ("ssl on or off?", "tick it or not"), unless a value is judged.
  'switchChoice',
  'orNot',
  // Issue 13 (symptoms): "what do i do with" a box, and a box called a switch, toggle or slider.
  'boxWhatToDo',
  'switchBox',
  'judgesValue',
  // Issue 13 (service and symptoms): BT Email's own future or price; mail slow; mail on one device and not another.
  'servicePlans',
  'mailSlow',
  'mailPlace',
  'mailMissingThere',
  'safetyWords',
  // Issue 13 (pasted logs): what a log shows after "login:" or "user:" that is no username ("login: failed").
  'notUsername',
  // Issue 13 (side switch): a word after "username" with no colon that is no username ("username format?", "login problems").
  'notBareUsername',
  // Issue 13 (symptoms): "my password is wrong" judges the password rather than telling it (lexicon.ts TELLS_OWN).
  'judgedOwn',
  // Issue 13 (symptoms): a password that works in webmail or online, with a contrast: the password symptom.
  'worksElsewhere',
  'contrastWords',
  // Issue 13 (talk): BT's own web domains a customer may write for their address ("my bt.com email"): no other provider's.
  'btSites',
  'boxFragment',
  // Issue 13 (verdicts across messages): "is that right?" alone, and a yes/no asking whether values are wrong.
  'verdictLead',
  'verdictOnly',
  'verdictTagged',
  'verdictTail',
  'asksWrongEnd',
  // Issue 13 (vague failures): a failure told ("it worked for years and now it won't"), never thanks for a fix.
  'failsVaguely',
] as const;
export type WordListName = (typeof WORD_LISTS)[number];

/** Conversation intents (intents.ts) whose phrases the lexicon holds. */
export const INTENT_LISTS = [
  'help',
  'askHelp',
  'greeting',
  'goodbye',
  'howAreYou',
  'repeat',
  'acknowledge',
  'thanks',
  'next',
  'back',
  'stop',
  'yes',
  'no',
  'stillFailing',
  'worksNow',
  // Walkthrough words said with no walkthrough under way, and a yes to the walkthrough offered.
  'strayNavigation',
  'acceptOffer',
  // A yes to a person offered ("go on then", "ok do it", "aye"), beside the plain yes words.
  'acceptPerson',
  'declinePerson',
  // Issue 13 (side switch): a yes said anywhere in a message that asks a question ("hang on yes whats the imap server"):
  // the question is answered and the person offered stays on offer.
  'yesAmid',
  // Issue 13 (walk): a hold-on ("hang on", "wait not yet") before a question to an offer: not now, answer this first.
  'holdOn',
  // Issue 13 (walk asides): a pause or "are you still there?" as the whole message mid-walkthrough: the step is kept.
  'walkPause',
  // Issue 13 (context): carrying on alone ("ill keep trying myself", "nah ill figure it out"): the
  // door kept open, never a goodbye, even after "no thanks".
  'carryOn',
  'escalate',
  'pleasantries',
  // Issue 13 (context): a pleasantry or a "no" leading a question ("Thanks. And what about …?").
  'leadIn',
  // Asking for a person in so many words ("a real person", "your phone number", "agent please"); the
  // requests with more structure are built from intentWords in intents.ts.
  'human',
  // "Who am I talking to?", "what's your name" (a bot-word asked about is built from intentWords).
  'identity',
  // Issue 13 (after an answer): only describing the set-up ("i have an iphone and a laptop").
  'situation',
] as const;
export type IntentListName = (typeof INTENT_LISTS)[number];

/**
 * Word lists that intents.ts combines into its rules (a contact verb near a person word, say), read
 * like the intents from normalised text. How they combine (near(), anchors, order) stays in code.
 */
export const INTENT_WORD_LISTS = [
  'person',
  'anyPerson',
  'supportStaff',
  'supportPlace',
  'toSupport',
  'supportAsVerb',
  'sendOn',
  'contactVerbs',
  'wants',
  'wantsStart',
  'asksFor',
  'asksForStart',
  'getOnto',
  'isThere',
  'somebody',
  'ringVerbs',
  'canSomebody',
  'helpVerbs',
  'dislike',
  'botWords',
  'computerWords',
  'talking',
  'beConnected',
  'politeEnd',
  'contactBy',
  'byPhone',
  'prefers',
  'contactVerbsBt',
  'btPeople',
  'btThings',
  'putThrough',
  'personAtEnd',
  'greetingWords',
  'mailWords',
  'settingsWords',
  'asksAbout',
  'questionStart',
  'requestOpeners',
  // Issue 13 (symptoms): a filler a lead-in may end before ('no dont bother actually, …').
  'leadInJoin',
  'requestPrefix',
  'requestStart',
  'justAsks',
  'identityAsk',
  'identityArticle',
  'identityReal',
  'identityWhat',
  'cancelPrefix',
  'cancelWords',
  'cancelUnless',
  'questionWords',
  // Issue 13 (after an answer): words that make a statement about the set-up a problem or a request.
  'situationUnless',
  // Issue 13 (misfire): someone else's words reported ("my son said", "the BT guy told me to").
  'reportedSpeech',
  // Issue 13 (people words): the customer's own people ("our staff", "a staff laptop"), never a person asked for.
  'peopleOwners',
  'peopleThings',
  // Issue 13 (talk): thanks anywhere, and what asks a question beside it.
  'gratitude',
  'asksOpen',
  // Issue 13 (talk): a statement that asks at its end ('i also have a talk21 email is that the same').
  'asksAtEnd',
] as const;
export type IntentWordListName = (typeof INTENT_WORD_LISTS)[number];

/** How an intent's phrases match: the whole message, its start, or anywhere. */
const intentPhrases = z
  .strictObject({ whole: wordList.optional(), starts: wordList.optional(), says: wordList.optional() })
  .refine((p) => p.whole || p.starts || p.says, { message: 'needs whole, starts or says' });
export type IntentPhrases = z.infer<typeof intentPhrases>;

/** The lexicon file, as written by an editor. */
export const lexiconFileSchema = z.strictObject({
  version: z.literal(1),
  synonyms: z.record(phrase, z.array(phrase).min(1, 'needs at least one phrase')),
  // Issue 13 (context): words that name a setting only in a short follow-up ("user?", "and the number").
  followUpSynonyms: z.record(phrase, z.array(phrase).min(1, 'needs at least one phrase')).default({}),
  // Issue 13 (verdicts): words that name a setting only beside a protocol in a short message ("number for imap").
  besideProtocolSynonyms: z.record(phrase, z.array(phrase).min(1, 'needs at least one phrase')).default({}),
  protocols: z.record(phrase, z.enum(PROTOCOLS)),
  attributes: z.record(phrase, z.enum(ATTRIBUTES)),
  programs: z.record(z.string().trim().min(1), wordList),
  // Issue 15 (setup help): a program named as the app wins over a device named beside it ("gmail app on my samsung").
  programApps: z.record(z.string().trim().min(1), wordList).default({}),
  // The lists the code reads must be there; an editor may add more, for routes to read (`says LIST`).
  words: z
    .object(Object.fromEntries(WORD_LISTS.map((name) => [name, wordList])) as Record<WordListName, typeof wordList>)
    .catchall(wordList),
  neverCorrected: z.array(phrase),
  spellingVocabulary: z.array(phrase),
  stopwords: z.array(phrase),
  intents: z.strictObject(
    Object.fromEntries(INTENT_LISTS.map((name) => [name, intentPhrases])) as Record<
      IntentListName,
      typeof intentPhrases
    >,
  ),
  intentWords: z.strictObject(
    Object.fromEntries(INTENT_WORD_LISTS.map((name) => [name, wordList])) as Record<
      IntentWordListName,
      typeof wordList
    >,
  ),
});

/** A validated lexicon. */
export type Lexicon = z.infer<typeof lexiconFileSchema>;

/** Where the shipped lexicon lives. */
export const DEFAULT_LEXICON_PATH = join(DEFAULT_KNOWLEDGE_DIR, LEXICON_FILE);

/** Reads and validates the lexicon at `path`; throws a KnowledgeError listing every problem. */
export function loadLexicon(path: string = DEFAULT_LEXICON_PATH): Lexicon {
  return parseLexicon(LEXICON_FILE, readFileSync(path, 'utf8'));
}

/** Validates already-read lexicon text; pure, so tests can feed it broken text. */
export function parseLexicon(file: string, text: string): Lexicon {
  const problems = lexiconProblems(file, text);
  if (problems.length > 0) throw new KnowledgeError(problems);
  return lexiconFileSchema.parse(parse(text));
}

/** Every problem of a lexicon's text: its shape, then phrases written twice. */
export function lexiconProblems(file: string, text: string): Problem[] {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (err) {
    return [{ file, path: '', value: 'unreadable YAML', allowed: (err as Error).message.split('\n')[0] ?? '' }];
  }
  const result = lexiconFileSchema.safeParse(raw, { reportInput: true });
  if (!result.success)
    return result.error.issues.map((i) => ({
      file,
      path: i.path.join('.'),
      value: describe('input' in i ? i.input : undefined),
      allowed: i.message,
    }));
  return [...duplicatePhrases(result.data), ...missingCodeWords(result.data)].map((p) => ({ file, ...p }));
}

/**
 * Canonical words the code reads (slots.ts, routes.ts and the patterns in lexicon.ts test for
 * them): each must be one the lexicon gives, or the code would wait for a word that never comes.
 */
export const WORDS_CODE_READS = [
  'imap',
  'pop3',
  'smtp',
  'incoming',
  'spa',
  'hostname',
  'server',
  'port',
  'password',
  'username',
  'folders',
  'sync',
  'gmail',
] as const;

function missingCodeWords(lexicon: Lexicon): Omit<Problem, 'file'>[] {
  const given = new Set([
    ...Object.keys(lexicon.synonyms).flatMap((c) => c.split(' ')),
    ...Object.keys(lexicon.protocols),
    ...Object.keys(lexicon.attributes),
  ]);
  return WORDS_CODE_READS.filter((w) => !given.has(w)).map((w) => ({
    path: 'synonyms',
    value: describe(w),
    allowed: 'the code reads this word: keep it as a canonical word, a protocol or a setting',
  }));
}

/** A phrase under two canonical words, or twice under one: only one can win, so the other is a mistake. */
function duplicatePhrases(lexicon: Lexicon): Omit<Problem, 'file'>[] {
  const seen = new Map<string, string>();
  const out: Omit<Problem, 'file'>[] = [];
  for (const [canonical, phrases] of Object.entries(lexicon.synonyms)) {
    phrases.forEach((p, i) => {
      const first = seen.get(p);
      if (first !== undefined)
        out.push({ path: `synonyms.${canonical}.${i}`, value: describe(p), allowed: `is already under ${first}` });
      seen.set(p, canonical);
    });
  }
  return out;
}

function splitParts(item: string): string[] {
  // Spaces inside a group belong to it: "(how do|how can) i" is two parts.
  return item.match(/\([^()]*\)\*?|[^\s()]+/g) ?? [''];
}

/** The regex source of one word-list item: `word*` is any ending, `(a|b)` one of the words. */
export function itemSource(item: string): string {
  return splitParts(item)
    .map((part) => {
      if (part.startsWith('(')) return `(?:${part.slice(1, -1).split('|').map(escapeRegExp).join('|')})`;
      return part.endsWith('*') ? `${escapeRegExp(part.slice(0, -1))}\\w*` : escapeRegExp(part);
    })
    .join(' ');
}

/** The regex source of a list, one group `(?:a|b)` in the order written, for code to put boundaries around. */
export function listSource(items: readonly string[]): string {
  return `(?:${items.map(itemSource).join('|')})`;
}

/** A whole-word pattern matching any item of a list. */
export function wordListPattern(items: readonly string[], flags = ''): RegExp {
  return new RegExp(`\\b(?:${items.map(itemSource).join('|')})\\b`, flags);
}

/** One pattern for an intent's phrases: `^(whole)$`, `^(starts)\b` or `\b(says)\b`. */
export function intentPattern(phrases: IntentPhrases): RegExp {
  const group = (items: readonly string[]) => `(?:${items.map(itemSource).join('|')})`;
  const parts = [
    ...(phrases.whole ? [`^${group(phrases.whole)}$`] : []),
    ...(phrases.starts ? [`^${group(phrases.starts)}\\b`] : []),
    ...(phrases.says ? [`\\b${group(phrases.says)}\\b`] : []),
  ];
  return new RegExp(parts.join('|'));
}

/** The plain texts an item stands for: every choice of each group, each `word*` as the word itself. */
export function itemExamples(item: string): string[] {
  return splitParts(item).reduce<string[]>(
    (texts, part) => {
      const choices = part.startsWith('(') ? part.slice(1, -1).split('|') : [part.replace(/\*$/, '')];
      return texts.flatMap((t) => choices.map((c) => (t ? `${t} ${c}` : c)));
    },
    [''],
  );
}
