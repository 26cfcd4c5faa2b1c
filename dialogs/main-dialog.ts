/** The main dialog: interruptions first, then the active walkthrough, else the knowledge search. */
import type { Activity, TurnContext } from 'botbuilder';
import type { Answer } from '../knowledge';
import { PROFILE_PROGRAMS, type ProfileOfferLink } from '../setup-files/offer';
import {
  acceptsExplicitly,
  acceptsOffer,
  acceptsPerson,
  yesThenAsks,
  carriesOnAlone,
  describesSituation,
  detectIntent,
  detectYesNo,
  isStrayNavigation,
  questionAfterLeadIn,
  saysStillFailing,
  type Intent,
} from '../knowledge/intents';
import { programPath, programPathText, programSteps } from '../knowledge/program-steps';
import { ENTRY_IDS, type NoneReason } from '../knowledge/routes';
import { cardAttachment, message, profileCard, replyActivity } from './cards';
import type { DialogDeps } from './deps';
import type { ActiveDialog, Dialog } from './engine';
import { ErrorDialog } from './error-dialog';
import { FIRST_SETUP_DIALOG, FirstSetupDialog, type SetupState } from './first-setup-dialog';
import { inputText } from './input';
import { PopToImapDialog, type PopToImapOptions } from './pop-to-imap-dialog';
import { reportOutcome } from './outcome';
import { entryAnswer, fileRequest, isFileRequest, setUpButton } from './profile-requests';
import { newSession, type Session } from './session';
import {
  answeredOf,
  namesASetting,
  noteGivenSecret,
  recordAnswered,
  rememberSetUp,
  rememberTypedSecret,
  saysPopInUse,
} from './shared';
import { trackAnswer, trackStep } from './telemetry';
import { BUTTONS, PROGRAM_BUTTONS, SAY } from './texts';

/** A question that came after thanks: a short "You're welcome." leads the answer. */
function thanked(answer: Answer): Answer {
  return { ...answer, reply: { ...answer.reply, text: `${SAY.welcomeLead} ${answer.reply.text}` } };
}

/** What the last reply asked or offered, for this message only. */
interface Asked {
  feedbackAsked: boolean;
  walkthroughOffered: boolean;
  walkthroughSuggested: boolean;
  personOffered: boolean;
  /** Issue 15 (steps): the first set-up just ended. */
  setupEnded?: Session['setupEnded'];
  /** Issue 15 (setup help): the switch from POP to IMAP just ended. */
  switchEnded?: Session['switchEnded'];
  sideAsked: boolean;
}

/** A plain "yes" or "no" and nothing else, with nothing asked: there is nothing to search for. */
const BARE_YES_NO = /^(no|nope|nah|not really|yes|yeah|yep|yup)[.!]*$/i;

/** The message an answer is for (its question part), and the mail program known then. */
interface AnswerAbout {
  asked: string;
  program?: string;
  /** The settings file's offer already made for this answer (a request for the file). */
  offer?: ProfileOfferLink;
}

/** Intents that interrupt whatever is under way. */
const INTERRUPTIONS: ReadonlySet<Intent> = new Set(['human', 'cancel', 'help']);
/** Intents that are never a yes to the walkthrough offered: the feedback buttons answer "Was this helpful?". */
const NOT_ACCEPTANCE: ReadonlySet<Intent> = new Set(['feedback-yes', 'feedback-no']);

/** Routes every message; it stays in charge for the whole conversation. */
export class MainDialog {
  private readonly popToImap: PopToImapDialog;
  private readonly errorExplainer: ErrorDialog;
  private readonly firstSetup: FirstSetupDialog;
  private readonly dialogs: ReadonlyMap<string, Dialog<never, unknown>>;
  /** The walkthrough entry's title: a reply with a button of that value offers the walkthrough. */
  private readonly switchTitle: string | undefined;

  constructor(private readonly deps: DialogDeps) {
    this.popToImap = new PopToImapDialog(deps);
    this.errorExplainer = new ErrorDialog(deps);
    this.firstSetup = new FirstSetupDialog(deps);
    const all = [this.popToImap, this.errorExplainer, this.firstSetup];
    this.dialogs = new Map<string, Dialog<never, unknown>>(all.map((d) => [d.id, d]));
    const entries = deps.answerer.knowledge.providers[0]?.entries ?? [];
    this.switchTitle = entries.find((e) => e.id === ENTRY_IDS.popToImap)?.title;
  }

  /** One customer message. */
  async onMessage(context: TurnContext): Promise<void> {
    // Issue 15 (checker): the settings form sent back (Action.Submit), checked as a pasted screen is.
    const checked = this.deps.answerer.checkForm(context.activity.value);
    if (checked) return this.sendAnswer(context, checked, { asked: '' });
    const text = inputText(context.activity);
    const intent = detectIntent(text);
    const active = await this.deps.activeDialog.get(context);
    const {
      feedbackAsked,
      walkthroughOffered,
      walkthroughSuggested,
      personOffered,
      setupEnded,
      switchEnded,
      sideAsked,
    } = await this.takeQuestions(context);
    // "I have a question" mid-walkthrough: the walkthrough waits for it rather than ending.
    if (intent === 'ask-help' && active) return void (await context.sendActivity(message(SAY.askHelpMidWay)));
    if (intent && INTERRUPTIONS.has(intent)) {
      if (active) await this.abandon(context, active);
      await this.onIntent(context, intent);
    } else if (!active && setupEnded && !intent && isStrayNavigation(text)) {
      await this.afterSetupEnded(context, setupEnded);
    } else if (!active && switchEnded && !intent && isStrayNavigation(text)) {
      await this.afterSwitchEnded(context, switchEnded);
    } else if (!active && walkthroughOffered && this.accepts(text, intent)) {
      await this.startWalkthrough(context, this.setUpIn(text));
    } else if (!active && walkthroughSuggested && !intent && acceptsExplicitly(text)) {
      await this.startWalkthrough(context, this.setUpIn(text));
    } else if (!active && walkthroughOffered && !intent && this.declines(text)) {
      await context.sendActivity(message(SAY.walkthroughDeclined, BUTTONS.menu));
    } else if (!active && !intent && carriesOnAlone(text)) {
      await context.sendActivity(message(SAY.carryingOn));
    } else if (!active && personOffered && (!intent || intent === 'acknowledge') && acceptsPerson(text)) {
      await this.onPersonAccepted(context);
    } else if (!active || !(await this.continueActive(context, active))) {
      if (!intent && feedbackAsked && (await this.answerFeedback(context, text))) return;
      await this.route(context, text, intent, sideAsked);
      // "Hang on, yes, what's the imap server?": answered, and the person offered is still on offer.
      if (!active && personOffered && yesThenAsks(text)) await this.offeredPerson(context);
    }
  }

  /** Drops the dialog under way; a walkthrough left so counts as abandoned at its step. */
  private async abandon(context: TurnContext, active: ActiveDialog): Promise<void> {
    await this.deps.activeDialog.set(context, undefined);
    if (active.id === this.popToImap.id && this.popToImap.isState(active.state))
      await this.popToImap.abandoned(context, active.state);
    if (active.id === this.firstSetup.id && this.firstSetup.isState(active.state))
      await this.firstSetup.abandoned(context, active.state);
  }

  /** Whether the last reply asked "Was this helpful?" or offered or suggested the walkthrough; all are spent either way. */
  private async takeQuestions(context: TurnContext): Promise<Asked> {
    const session = await this.deps.session.get(context, newSession());
    const asked = {
      feedbackAsked: !!session.feedbackAsked,
      walkthroughOffered: !!session.walkthroughOffered,
      walkthroughSuggested: !!session.walkthroughSuggested,
      personOffered: !!session.personOffered,
      ...(session.setupEnded ? { setupEnded: session.setupEnded } : {}),
      ...(session.switchEnded ? { switchEnded: session.switchEnded } : {}),
      sideAsked: !!session.sideAsked,
    };
    if (!Object.values(asked).some(Boolean)) return asked;
    delete session.feedbackAsked;
    delete session.walkthroughOffered;
    delete session.walkthroughSuggested;
    delete session.personOffered;
    delete session.setupEnded;
    delete session.switchEnded;
    delete session.sideAsked;
    await this.deps.session.set(context, session);
    return asked;
  }

  /** Issue 15 (steps): "next" or "step 2" just after the first set-up ended is about it: said so, with a way to go again. */
  private async afterSetupEnded(context: TurnContext, ended: NonNullable<Session['setupEnded']>): Promise<void> {
    const buttons = [BUTTONS.setUpAgain(ended.program), BUTTONS.person];
    await context.sendActivity(message(SAY.setupEnded(ended.how, ended.label), buttons));
    // Kept for the next message too: a second "next" is still about the set-up.
    const session = await this.deps.session.get(context, newSession());
    session.setupEnded = ended;
    await this.deps.session.set(context, session);
  }

  /** Issue 15 (setup help): "next" or "step 2" just after the switch ended: said so, with a way to go through it again. */
  private async afterSwitchEnded(context: TurnContext, ended: NonNullable<Session['switchEnded']>): Promise<void> {
    await context.sendActivity(
      message(SAY.switchEnded(ended.how), [BUTTONS.switchAgain(ended.program), BUTTONS.person]),
    );
    // Kept for the next message too: a second "next" is still about the switch.
    const session = await this.deps.session.get(context, newSession());
    session.switchEnded = ended;
    await this.deps.session.set(context, session);
  }

  /**
   * A yes to the person the last reply offered. Why through the outcome with a live handover: the
   * handover makes its own offer (and knows whether anyone is there); without one, the contact.
   */
  private async onPersonAccepted(context: TurnContext): Promise<void> {
    if (this.deps.handoverOffers) return reportOutcome(context, 'asked-person');
    await this.onIntent(context, 'human');
  }

  /** A short no to the walkthrough offered ("no", "nah", "not now"); a question after it asks something else. */
  private declines(text: string): boolean {
    if (detectYesNo(text) !== 'no' || text.includes('?') || namesASetting(text)) return false;
    return !questionAfterLeadIn(text)?.question && text.split(/\s+/).length <= 6;
  }

  /** A short yes to the walkthrough offered ("yes please", "ok", "next"); a question or a setting asks something else. */
  private accepts(text: string, intent: Intent | undefined): boolean {
    if (intent && NOT_ACCEPTANCE.has(intent)) return false;
    return acceptsOffer(text) && !text.includes('?') && !namesASetting(text);
  }

  /** "Next" or "step 2" with nothing under way: say what they belong to, and offer the walkthrough. */
  private async offerWalkthrough(context: TurnContext): Promise<void> {
    await context.sendActivity(message(SAY.noWalkthrough, [BUTTONS.startWalkthrough, BUTTONS.person]));
    await recordAnswered(context, this.deps, { about: 'stray-navigation', walkthroughOffered: true });
  }

  /**
   * A short typed yes or no to "Was this helpful?"; false for anything else, including a question
   * or a setting named ("thanks, and for pop?" asks more). "Still not working" is a no that asks
   * for more, and thanks can lead a question: either is kept as feedback, and the search answers.
   */
  private async answerFeedback(context: TurnContext, text: string): Promise<boolean> {
    const answer = detectYesNo(text);
    // "Still not working", or thanks before a question ("thanks. im on an iphone"): kept, and answered.
    if ((answer === 'no' && saysStillFailing(text)) || (answer && questionAfterLeadIn(text))) {
      await this.recordFeedback(context, answer === 'yes');
      return false;
    }
    if (!answer || text.split(/\s+/).length > 6 || text.includes('?') || namesASetting(text)) return false;
    await this.onFeedback(context, answer === 'yes');
    return true;
  }

  /** Continues the dialog under way; false (and it is dropped) when this version cannot continue it. */
  private async continueActive(context: TurnContext, active: ActiveDialog): Promise<boolean> {
    const dialog = active.version === 1 ? this.dialogs.get(active.id) : undefined;
    if (!dialog?.isState(active.state)) {
      await this.deps.activeDialog.set(context, undefined);
      return false;
    }
    if (active.id === FIRST_SETUP_DIALOG) await this.offerForProgramChosen(context, active.state as SetupState);
    await this.keep(context, dialog, await dialog.continue(context, active.state));
    return true;
  }

  /**
   * Issue 15 (setup files): "which program?" of the first set-up answered with iPhone, iPad or Mac Mail (a
   * button or typed): the settings file is offered before the walkthrough goes on, read as the walkthrough reads it.
   */
  private async offerForProgramChosen(context: TurnContext, state: SetupState): Promise<void> {
    if (state.phase !== 'program') return;
    const text = inputText(context.activity);
    await this.sendFileBeforeSteps(context, this.deps.answerer.ask(text).result.slots.program, text);
  }

  /** The settings file's card ahead of a walkthrough's steps, for a program that reads it; nothing otherwise. */
  private async sendFileBeforeSteps(context: TurnContext, program: string | undefined, asked: string): Promise<void> {
    const offer = this.deps.profileOffers?.offer(program, asked);
    if (offer) await context.sendActivity(message(SAY.fileOrSteps, [], profileCard(offer)));
  }

  private async start<O, S>(context: TurnContext, dialog: Dialog<O, S>, options: O): Promise<void> {
    await this.keep(context, dialog, await dialog.begin(context, options));
  }

  /** The program and POP in use a yes names ("yes please, on my iphone"). */
  private setUpIn(text: string): PopToImapOptions {
    const { slots } = this.deps.answerer.ask(text).result;
    return { ...(slots.program ? { program: slots.program } : {}), ...(saysPopInUse(slots) ? { saidPop: true } : {}) };
  }

  /**
   * The walkthrough, with the program and POP in use that this message or an earlier one said: why
   * earlier ones too, a "yes" to an offer names neither, and step 1 should not ask again what was said.
   */
  private async startWalkthrough(context: TurnContext, said: PopToImapOptions): Promise<void> {
    const session = await this.deps.session.get(context, newSession());
    const program = said.program ?? session.program;
    const saidPop = said.saidPop || session.saidPop;
    await this.start(context, this.popToImap, { ...(program ? { program } : {}), ...(saidPop ? { saidPop } : {}) });
  }

  /** Saves the dialog's state, or forgets the dialog when it has ended. */
  private async keep(context: TurnContext, dialog: { id: string }, state: unknown): Promise<void> {
    await this.deps.activeDialog.set(context, state === undefined ? undefined : { version: 1, id: dialog.id, state });
  }

  private async route(
    context: TurnContext,
    text: string,
    intent: Intent | undefined,
    sideAsked = false,
  ): Promise<void> {
    if (!text) return void (await context.sendActivity(message(SAY.notText, BUTTONS.menu)));
    if (intent) return this.onIntent(context, intent);
    if (isStrayNavigation(text)) return this.offerWalkthrough(context);
    // A bare "yes" or "no" with nothing asked: nothing to search for, so what else it can do.
    if (BARE_YES_NO.test(text.trim())) return void (await context.sendActivity(message(SAY.acknowledge, BUTTONS.menu)));
    if (/^none of these$/i.test(text)) {
      reportOutcome(context, 'not-understood');
      await context.sendActivity(message(SAY.noneOfThese, [BUTTONS.person]));
      return this.offeredPerson(context);
    }
    const session = await this.deps.session.get(context, newSession());
    // "Thanks. And what about X?": X is the question; a short thanks leads the answer.
    const lead = questionAfterLeadIn(text);
    const asked = lead && (lead.thanks || lead.question) ? lead.rest : text;
    const answer = this.deps.answerer.ask(asked, {
      protocol: session.lastProtocol,
      protocols: session.lastProtocols,
      attributes: session.lastAttributes,
      lastEntryId: session.lastEntryId,
      lastNone: session.lastNone,
      lastYesNo: session.lastYesNo,
      lastVerdict: session.lastVerdict,
      program: session.program,
      lastDescribed: session.lastDescribed,
      ...(sideAsked ? { sideAsked } : {}),
      lastTypedSecret: session.lastTypedSecret,
    });
    noteGivenSecret(context, answer.result);
    await rememberTypedSecret(context, this.deps, session, answer.result.slots.typedSecret);
    if (this.onlyDescribes(answer, asked)) {
      trackStep(context, this.deps.telemetry, 'answer.given', { kind: 'clarify', reason: 'situation' });
      return void (await context.sendActivity(message(SAY.situation, BUTTONS.menu)));
    }
    trackAnswer(context, this.deps.telemetry, answer, asked);
    await rememberSetUp(context, this.deps, answer.result.slots);
    // The program this message names, else the one named before ("I'm on an iPhone", then "imap settings").
    const program = answer.result.slots.program ?? (await this.deps.session.get(context, newSession())).program;
    if (isFileRequest(answer)) return this.answerFileRequest(context, answer, { asked, program });
    const started = await this.startDialogFor(context, answer, asked);
    if (!started) await this.sendAnswer(context, lead?.thanks ? thanked(answer) : answer, { asked, program });
  }

  /** Nothing found to answer, and the message only describes the set-up ("we have 3 laptops"): ask what they need. */
  private onlyDescribes({ result }: Answer, text: string): boolean {
    const nothing =
      (result.kind === 'ambiguous' && !result.ask) || (result.kind === 'none' && result.reason === 'no-match');
    return nothing && describesSituation(text);
  }

  /** Walkthroughs and error explanations are dialogs of their own. */
  private async startDialogFor(context: TurnContext, answer: Answer, asked: string): Promise<boolean> {
    const { result } = answer;
    if (result.kind !== 'answer' || result.target.type !== 'entry') return false;
    const entry = result.target.entry;
    const program = result.slots.program;
    // "Switch my POP account to IMAP": step 1 (check the account type) only asks to be sure.
    const saidPop = result.slots.protocols.includes('pop3');
    if (entry.id === ENTRY_IDS.popToImap) await this.startWalkthrough(context, { program, saidPop });
    else if (entry.id === ENTRY_IDS.firstSetup) {
      // Issue 15 (setup files): for iPhone, iPad or Mac Mail the settings file comes first, the steps after it.
      await this.sendFileBeforeSteps(context, program, asked);
      await this.start(context, this.firstSetup, { program });
    } else if (entry.kind === 'error')
      await this.start(context, this.errorExplainer, { entryId: entry.id, program, text: answer.reply.text });
    else return false;
    return true;
  }

  private async sendAnswer(context: TurnContext, answer: Answer, about: AnswerAbout): Promise<void> {
    const { reply, result } = answer;
    const feedback = reply.substantial ? [BUTTONS.yesHelped, BUTTONS.noHelped] : [];
    const extra = result.kind === 'none' ? [] : feedback;
    if (result.kind === 'none')
      reportOutcome(context, result.reason === 'still-failing' ? 'still-failing' : 'not-understood');
    await context.sendActivity(
      this.withProfileOffer(replyActivity(reply, extra, context.activity.channelId), answer, about),
    );
    const where = this.programScreens(answer);
    if (where) await context.sendActivity(message(where));
    if (result.kind === 'none') await this.rememberNone(context, result.reason);
    if (result.kind === 'ambiguous' && result.ask === 'which-side') await this.rememberSideAsked(context);
    if (result.kind === 'answer')
      await recordAnswered(context, this.deps, {
        ...answeredOf(answer),
        replyText: reply.text,
        feedbackAsked: extra.length > 0,
        walkthroughOffered: this.offersWalkthrough(answer),
        walkthroughSuggested: this.suggestsWalkthrough(answer),
      });
  }

  /** Issue 15 (steps): settings asked for a named program: where they are in it, as its maker's help gives it. */
  private programScreens({ result }: Answer): string | undefined {
    if (result.kind !== 'answer' || !result.slots.program) return undefined;
    // Issue 13 (changed password): an entry whose fix is made in the program's settings names its screens too.
    const { target } = result;
    const kind =
      target.type === 'settings'
        ? 'changeSettings'
        : target.type === 'entry' && target.entry.kind !== 'error'
          ? target.entry.programSteps
          : undefined;
    if (!kind) return undefined;
    const steps = programSteps();
    return programPathText(programPath(steps, result.slots.program, kind), steps);
  }

  /**
   * Issue 15 (setup files): the settings file asked for ("is there a mobileconfig?", "one tap setup for
   * iphone?"), answered by the program named now or earlier: the file's button for Apple's Mail,
   * Mozilla's automatic configuration for Thunderbird, BT's settings and the first set-up for any other,
   * and with none known, which device it is for (a program named next comes back here: routes.yaml).
   */
  private async answerFileRequest(context: TurnContext, answer: Answer, about: AnswerAbout): Promise<void> {
    const offer = this.deps.profileOffers?.offer(about.program, about.asked);
    const request = fileRequest(about.program, about.asked, offer !== undefined);
    if (request.kind === 'offer') return this.sendAnswer(context, answer, { ...about, offer });
    const autoconfig = request.kind === 'thunderbird' && entryAnswer(answer, ENTRY_IDS.thunderbirdAutoconfig);
    if (autoconfig) return this.sendAnswer(context, autoconfig, about);
    await context.sendActivity(replyActivity({ ...answer.reply, suggestions: [] }, [], context.activity.channelId));
    if (request.kind === 'which') {
      await context.sendActivity(message(SAY.fileWhichDevice, PROGRAM_BUTTONS));
      return recordAnswered(context, this.deps, { ...answeredOf(answer), replyText: answer.reply.text });
    }
    const program = request.kind === 'other' ? request.program : undefined;
    const setUp = entryAnswer(answer, ENTRY_IDS.firstSetup);
    if (!setUp) return;
    const lead =
      program && PROFILE_PROGRAMS.has(program) ? SAY.fileUnavailable : SAY.fileNotFor(program ?? SAY.anyProgram);
    const reply = { ...setUp.reply, text: `${lead}\n\n${setUp.reply.text}`, suggestions: [setUpButton(program)] };
    await this.sendAnswer(context, { ...setUp, reply }, about);
  }

  /**
   * A settings answer for iPhone, iPad or Mac Mail ("imap settings for my iphone") also offers the
   * settings file, as a small card after the answer. Why only settings answers: the file sets up the
   * IMAP and SMTP servers, which is what those answers are about; every other reply is unchanged.
   */
  private withProfileOffer(activity: Partial<Activity>, { result }: Answer, about: AnswerAbout): Partial<Activity> {
    if (about.offer)
      return { ...activity, attachments: [...(activity.attachments ?? []), cardAttachment(profileCard(about.offer))] };
    if (result.kind !== 'answer' || result.target.type !== 'settings') return activity;
    if (!result.target.protocols.some((p) => p === 'imap' || p === 'smtp')) return activity;
    const offer = this.deps.profileOffers?.offer(about.program, about.asked);
    if (!offer) return activity;
    return { ...activity, attachments: [...(activity.attachments ?? []), cardAttachment(profileCard(offer))] };
  }

  /** Issue 13 (vague failures): "sending or receiving?" was asked, so "both" or "no idea" next answers it. */
  private async rememberSideAsked(context: TurnContext): Promise<void> {
    const session = await this.deps.session.get(context, newSession());
    session.sideAsked = true;
    await this.deps.session.set(context, session);
  }

  /** An out-of-scope reply is remembered, so "where is that in webmail then?" stays out of scope. */
  private async rememberNone(context: TurnContext, reason: NoneReason): Promise<void> {
    const session = await this.deps.session.get(context, newSession());
    session.lastNone = reason;
    session.personOffered = true;
    await this.deps.session.set(context, session);
  }

  /**
   * A request to move to IMAP answered with the walkthrough's button ("can I change my account to
   * IMAP?" gets a FAQ and the button): a following yes starts it. Why only then: after a comparison
   * the button is a suggestion, and "yes" answers "Was this helpful?".
   */
  private offersWalkthrough({ reply, result }: Answer): boolean {
    return result.slots.switchToImap && reply.suggestions.some((s) => s.value === this.switchTitle);
  }

  /** The walkthrough's button shown beside another answer ("is IMAP better?"): "let's do it" starts it. */
  private suggestsWalkthrough({ reply }: Answer): boolean {
    return reply.suggestions.some((s) => s.value === this.switchTitle);
  }

  private async onIntent(context: TurnContext, intent: Intent): Promise<void> {
    if (intent === 'feedback-yes' || intent === 'feedback-no')
      return this.onFeedback(context, intent === 'feedback-yes');
    if (intent === 'repeat') return this.onRepeat(context);
    if (intent === 'thanks') return this.onThanks(context);
    const replies: Record<
      Exclude<Intent, 'feedback-yes' | 'feedback-no' | 'repeat' | 'thanks'>,
      ReturnType<typeof message>
    > = {
      human: message(SAY.human(this.deps.supportContact)),
      identity: message(SAY.identity, [BUTTONS.person]),
      cancel: message(SAY.cancelled, BUTTONS.menu),
      help: message(SAY.help, BUTTONS.menu),
      'ask-help': message(SAY.askHelp, BUTTONS.menu),
      greeting: message(SAY.greeting, BUTTONS.menu),
      goodbye: message(SAY.goodbye),
      'how-are-you': message(SAY.howAreYou, BUTTONS.menu),
      acknowledge: message(SAY.acknowledge),
    };
    await context.sendActivity(replies[intent]);
    if (intent === 'identity') await this.offeredPerson(context);
  }

  /**
   * Issue 13 (talk): thanks. With nothing answered yet in this conversation ("that worked, thank you so much" as
   * a first message), the menu comes with it, so there is a way on.
   */
  private async onThanks(context: TurnContext): Promise<void> {
    const session = await this.deps.session.get(context, newSession());
    await context.sendActivity(message(SAY.thanks, session.lastAnswer === undefined ? BUTTONS.menu : []));
  }

  /** The reply just sent offered a person: a "yes" to it asks for one. */
  private async offeredPerson(context: TurnContext): Promise<void> {
    const session = await this.deps.session.get(context, newSession());
    session.personOffered = true;
    await this.deps.session.set(context, session);
  }

  private async onRepeat(context: TurnContext): Promise<void> {
    const session = await this.deps.session.get(context, newSession());
    await context.sendActivity(message(session.lastReplyText ?? SAY.nothingToRepeat, BUTTONS.menu));
  }

  /** Keeps a "Was this helpful?" answer for analytics. */
  private async recordFeedback(context: TurnContext, helpful: boolean): Promise<void> {
    const session = await this.deps.session.get(context, newSession());
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    session.feedback.push({ about: session.lastAnswer ?? 'unknown', helpful, at });
    const about = session.lastAnswer ?? 'unknown';
    trackStep(context, this.deps.telemetry, 'feedback', { about, helpful: helpful ? 'yes' : 'no' });
    await this.deps.session.set(context, session);
  }

  private async onFeedback(context: TurnContext, helpful: boolean): Promise<void> {
    await this.recordFeedback(context, helpful);
    if (!helpful) reportOutcome(context, 'not-helpful');
    // Why nothing more: the handover offers a person in its own words.
    if (!helpful && this.deps.handoverOffers) return;
    await context.sendActivity(helpful ? message(SAY.feedbackYes) : message(SAY.feedbackNo, [BUTTONS.person]));
    if (!helpful) await this.offeredPerson(context);
  }
}
