/** Small helpers the dialogs share: answering a question in place, remembering answers, and reading "which program?" replies. */
import type { TurnContext } from 'botbuilder';
import type { Answer, SearchContext, SearchResult } from '../knowledge';
import { detectIntent, pausesWalk, saysDone, thanksForDone } from '../knowledge/intents';
import { saysWordList, type Attribute } from '../knowledge/lexicon';
import { ENTRY_IDS, type NoneReason } from '../knowledge/routes';
import type { Protocol } from '../knowledge/schema';
import type { Proposed, Slots, YesOrNo } from '../knowledge/slots';
import { message, replyActivity } from './cards';
import type { DialogDeps } from './deps';
import { newSession, type Session } from './session';
import { aboutOf, trackAnswer, trackStep } from './telemetry';
import { SAY } from './texts';
import { TEXT } from '../knowledge/texts';
import { INCOMING_GIVES_SECRET } from '../transcripts/redact-activity';

/**
 * Passing on "which mail program?": the Skip or Something else button, not knowing, or naming a
 * program not on the list ("I use Mailbird", "eM Client") — the general tip fits it, and the
 * name is not repeated back (the bot never echoes what a customer typed).
 */
export function skipsProgram(text: string): boolean {
  if (/^(skip|something else|other|not sure|unsure|no idea|(i )?(do ?n[o'’]?t|dont) know)\b/i.test(text)) return true;
  return namesUnlistedProgram(text);
}

/** A question rather than a program's name: a "?", or a question word first ("must I back up first"). */
export function isQuestion(text: string): boolean {
  return (
    text.includes('?') ||
    /^(?:(?:ok|okay|hang on|wait|sorry|but|and|so|before (?:this|that|we start|i start))[, ]+)?(?:what|whats|how|which|why|where|when|who|can|could|should|must|do|does|did|is|are|will|would|have|has)\b/i.test(
      text.trim(),
    )
  );
}

/** Whether the text names a protocol or a setting: then it is about the settings, whatever else it says. */
export function namesASetting(text: string): boolean {
  return /\b(smtp|imap|pop3?|port|server|ssl|tls|settings?|password|username|error|incoming|outgoing|webmail)\b/i.test(
    text,
  );
}

/** A short statement that names a program, with no question and no setting in it. */
function namesUnlistedProgram(text: string): boolean {
  if (text.includes('?') || text.split(/\s+/).length > 5) return false;
  if (namesASetting(text)) return false;
  return /^(i(['’]?m| am)? (use|using|on|have)|it['’]?s|its|using)\b|\b(mail|client|app|email)$/i.test(text.trim());
}

/**
 * Issue 13 (walk): the customer says the account is POP ("my outlook is on pop", "thunderbird, pop3"), not
 * asking a POP setting ("whats the pop3 port") nor what POP is: the walkthrough's step 1 then only asks to be sure.
 */
export function saysPopInUse(slots: Slots): boolean {
  if (!slots.protocols.includes('pop3')) return false;
  if (saysWordList('popNow', slots.words)) return true;
  const asksAbout = slots.attributes.length > 0 || slots.explain || slots.compare;
  return !slots.protocols.includes('imap') && !asksAbout;
}

/** Issue 13 (walk): what a message said of the set-up (the program, POP in use), kept for a walkthrough started later. */
export async function rememberSetUp(context: TurnContext, deps: DialogDeps, slots: Slots): Promise<void> {
  const saidPop = saysPopInUse(slots);
  if (!slots.program && !saidPop) return;
  const session = await deps.session.get(context, newSession());
  if (slots.program) session.program = slots.program;
  if (saidPop) session.saidPop = true;
  await deps.session.set(context, session);
}

/** Remembers whether this message typed a password (the reply warns), for the next one's reading ("ok its X then"). */
export async function rememberTypedSecret(
  context: TurnContext,
  deps: DialogDeps,
  session: Session,
  typed: boolean,
): Promise<void> {
  if (typed === (session.lastTypedSecret === true)) return;
  if (typed) session.lastTypedSecret = true;
  else delete session.lastTypedSecret;
  await deps.session.set(context, session);
}

/** Outcomes that say nothing about the question asked: the dialog says it did not follow instead. */
const NOT_ANSWERS: ReadonlySet<NoneReason> = new Set(['no-match', 'empty']);

/**
 * Notes in the turn state that the customer's message gives a secret, when the search's reading of it says so
 * (a password typed, or given after the bot declined to check one): the transcript, the built-in Direct Line's
 * copy and the handover's transcript then keep it without the secret (INCOMING_GIVES_SECRET).
 */
export function noteGivenSecret(turn: TurnContext, result: SearchResult): void {
  if (result.givesSecret || result.slots.typedSecret) INCOMING_GIVES_SECRET.set(turn.turnState, true);
}

/** Answers a side question with the knowledge; false when the text was not a question it knows. */
export async function answerInPlace(
  turn: TurnContext,
  deps: DialogDeps,
  text: string,
  context: SearchContext,
): Promise<boolean> {
  const answer = deps.answerer.ask(text, context);
  const { result } = answer;
  noteGivenSecret(turn, result);
  // An out-of-scope question ("what about my broadband bill?") is told so in place; only "not understood" is not an answer.
  if ((result.kind === 'none' && NOT_ANSWERS.has(result.reason)) || result.kind === 'ambiguous') {
    // Issue 15 (steps): a password typed mid-way is never passed over as "not understood": the warning, then the step.
    if (!result.slots.typedSecret) return false;
    await turn.sendActivity(message(TEXT.dontSharePassword));
    return true;
  }
  if (result.kind === 'answer' && result.target.type === 'entry' && result.target.entry.id === ENTRY_IDS.popToImap)
    return false;
  trackAnswer(turn, deps.telemetry, answer, text);
  await turn.sendActivity(replyActivity({ ...answer.reply, suggestions: [] }, [], turn.activity.channelId));
  return true;
}

/** The single protocol an answer was about, if it was about exactly one. */
export function protocolOf(answer: Answer): Protocol | undefined {
  const { result } = answer;
  if (result.kind !== 'answer' || result.target.type !== 'settings') return undefined;
  const incoming = result.target.protocols.filter((p) => p !== 'smtp');
  return incoming.length === 1
    ? incoming[0]
    : result.target.protocols.length === 1
      ? result.target.protocols[0]
      : undefined;
}

/** What was answered, remembered for follow-ups and feedback. */
export interface Answered {
  about: string;
  protocol?: Protocol;
  /** Every protocol a settings answer covered. */
  protocols?: Protocol[];
  attributes?: Attribute[];
  entryId?: string;
  /** A settings question asked yes or no: what it proposed ("do I need SSL for incoming?": SSL). */
  yesNo?: Proposed;
  /** Issue 13 (talk): the yes or no that opened an answer about a box ("Yes — tick it."). */
  verdict?: YesOrNo;
  /** Issue 13 (verdicts across messages): values described, not asked about ("outlook has 587 for outgoing"). */
  described?: Proposed;
  replyText?: string;
  /** The answer ended with "Was this helpful?". */
  feedbackAsked?: boolean;
  /** The answer offered the POP to IMAP walkthrough (its button). */
  walkthroughOffered?: boolean;
  /** The answer showed the walkthrough's button as a suggestion beside something else. */
  walkthroughSuggested?: boolean;
}

/** Remembers what was last answered, for follow-up questions and feedback. */
export async function recordAnswered(context: TurnContext, deps: DialogDeps, answered: Answered): Promise<void> {
  const session = await deps.session.get(context, newSession());
  session.lastAnswer = answered.about;
  session.lastEntryId = answered.entryId;
  delete session.lastNone;
  if (answered.protocols && answered.protocols.length > 1) session.lastProtocols = answered.protocols;
  else delete session.lastProtocols;
  if (answered.replyText) session.lastReplyText = answered.replyText;
  if (answered.protocol) session.lastProtocol = answered.protocol;
  if (answered.attributes?.length) session.lastAttributes = answered.attributes;
  if (answered.yesNo) session.lastYesNo = answered.yesNo;
  else delete session.lastYesNo;
  if (answered.verdict) session.lastVerdict = answered.verdict;
  else delete session.lastVerdict;
  if (answered.described) session.lastDescribed = answered.described;
  else delete session.lastDescribed;
  if (answered.feedbackAsked) session.feedbackAsked = true;
  if (answered.walkthroughOffered) session.walkthroughOffered = true;
  if (answered.walkthroughSuggested) session.walkthroughSuggested = true;
  await deps.session.set(context, session);
}

/** How an answer is remembered: what it was about, its protocol, settings and entry. */
export function answeredOf(answer: Answer): Answered {
  const { result } = answer;
  if (result.kind !== 'answer') return { about: result.kind };
  const t = result.target;
  const about = aboutOf(result)!;
  if (t.type === 'entry') return { about, entryId: t.entry.id, ...verdictOf(answer) };
  if (t.type !== 'settings') return { about };
  const yesNo = result.slots.form === 'yesno' ? { yesNo: result.slots.proposed } : {};
  const settings = { about, protocol: protocolOf(answer), protocols: t.protocols, attributes: t.attributes };
  return { ...settings, ...yesNo, ...describedOf(result.slots), ...verdictOf(answer) };
}

/** Issue 13 (verdicts across messages): a port or server described, not asked about, for a next "is that right?". */
function describedOf({ form, proposed }: Slots): { described?: Proposed } {
  const values = proposed.ports.length + proposed.hosts.length + proposed.encryption.length + proposed.auth.length;
  return values > 0 && (form === 'statement' || form === 'open') ? { described: proposed } : {};
}

/** Issue 13 (talk): the yes or no an answer opens with ("Yes — tick it.", "No — leave it off."), if any. */
function verdictOf({ reply }: Answer): { verdict?: YesOrNo } {
  const opening = /^(Yes|No)\b/.exec(reply.text)?.[1];
  return opening === 'Yes' || opening === 'No' ? { verdict: opening } : {};
}

/** Issue 13 (walk asides): small talk mid-walkthrough, and what it is. */
export type WalkSmallTalk = 'thanks' | 'thanks-done' | 'pause' | 'goodbye';

/**
 * Issue 13 (walk asides): thanks, a pause, "are you still there?" or a goodbye as the whole message
 * mid-walkthrough: a short word back and the step kept (the goodbye ends it), never "I didn't quite follow".
 */
export function walkSmallTalk(text: string): WalkSmallTalk | undefined {
  const intent = detectIntent(text);
  if (intent === 'goodbye') return 'goodbye';
  if (intent === 'thanks' || thanksForDone(text)) return saysDone(text) ? 'thanks-done' : 'thanks';
  if (intent === 'greeting' || intent === 'how-are-you' || pausesWalk(text)) return 'pause';
  return undefined;
}

/**
 * Issue 13 (walk asides): the small talk a walkthrough answers, given the navigation read: thanks
 * starting "ok" ("ok cheers", "ok thanks") is thanks, not Next; "ok done that thanks" is still Next.
 */
export function walkSmallTalkAt(text: string, nav: string | undefined): WalkSmallTalk | undefined {
  if (nav === 'stop' || nav === 'back') return undefined;
  const talk = walkSmallTalk(text);
  if (nav === 'next') return talk === 'thanks' ? talk : undefined;
  return talk;
}

/** What a stepped walkthrough does after small talk: finish it (thanks on the last step), or show the step again. */
interface AfterSmallTalk<S> {
  last: boolean;
  finish: () => Promise<S | undefined>;
  showAgain: () => Promise<S>;
}

/** Small talk inside a walkthrough: a goodbye ends it, "thanks, done" on the last step finishes it, else a short reply and the step again. */
export async function answerWalkSmallTalk<S extends { step: number }>(
  context: TurnContext,
  deps: DialogDeps,
  state: S,
  talk: WalkSmallTalk,
  after: AfterSmallTalk<S>,
): Promise<S | undefined> {
  if (talk === 'goodbye') {
    trackStep(context, deps.telemetry, 'walkthrough.abandoned', { step: state.step + 1 });
    await context.sendActivity(message(SAY.goodbye));
    return undefined;
  }
  if (talk === 'thanks-done' && after.last) return after.finish();
  await context.sendActivity(message(talk === 'pause' ? SAY.walkPause : SAY.walkThanks));
  return after.showAgain();
}
