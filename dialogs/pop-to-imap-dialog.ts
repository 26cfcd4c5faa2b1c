/**
 * The POP → IMAP walkthrough: the source's numbered steps, in its order, with Next, Back and
 * Cancel. Step 1 (check the account type) also asks for the program when none was named.
 */
import type { TurnContext } from 'botbuilder';
import type { Dialog } from './engine';
import { detectNavigation, detectStepNumber } from '../knowledge/intents';
import { WALKTHROUGH_IDS } from '../knowledge/routes';
import { programPath, programPathText, programSteps } from '../knowledge/program-steps';
import { fillTemplate } from '../knowledge/template';
import type { Walkthrough } from '../knowledge/schema';
import { message } from './cards';
import type { DialogDeps } from './deps';
import { inputText } from './input';
import { newSession } from './session';
import {
  answerInPlace,
  answerWalkSmallTalk,
  isQuestion,
  recordAnswered,
  skipsProgram,
  walkSmallTalkAt,
} from './shared';
import { trackStep } from './telemetry';
import { BUTTONS, PROGRAM_BUTTONS, SAY } from './texts';

/** A statement this short that names a program is the program, not a question ("it's thunderbird actually"). */
const MAX_PROGRAM_WORDS = 5;

export const POP_TO_IMAP_DIALOG = 'popToImap' as const;

/** At step 1, the type checked and found POP ("it says POP3", "yes it's pop"): on to step 2. */
function confirmsPop(text: string): boolean {
  const t = text.slice(0, 200).trim();
  if (isQuestion(t) || t.split(/\s+/).length > 10) return false;
  return /\bpop ?3?\b/i.test(t) && !/\b(?:not|isn'?t|imap|delete|remove)\b/i.test(t);
}

/** Options to start the walkthrough with: the program and whether the customer said the account is POP. */
export interface PopToImapOptions {
  program?: string;
  saidPop?: boolean;
}

export interface WalkState {
  /** The index of the step shown (0 is step 1, checking the account type and asking for the program). */
  step: number;
  program?: string;
  /** The customer said the account is POP: step 1 only asks to be sure. */
  saidPop?: boolean;
}

/** Walks a customer from a POP account to a new IMAP account, one step at a time. */
export class PopToImapDialog implements Dialog<PopToImapOptions, WalkState> {
  readonly id = POP_TO_IMAP_DIALOG;
  private readonly walkthrough: Walkthrough;

  constructor(private readonly deps: DialogDeps) {
    const found = deps.answerer.knowledge.providers[0]?.walkthroughs.find((w) => w.id === WALKTHROUGH_IDS.popToImap);
    if (!found) throw new Error('The knowledge has no pop-to-imap walkthrough');
    this.walkthrough = found;
  }

  isState(value: unknown): value is WalkState {
    const state = value as Partial<WalkState> | undefined;
    const { step, program, saidPop } = state ?? {};
    const inRange = Number.isInteger(step) && step! >= 0 && step! < this.walkthrough.steps.length;
    const flag = saidPop === undefined || typeof saidPop === 'boolean';
    return inRange && flag && (program === undefined || typeof program === 'string');
  }

  async begin(context: TurnContext, options: PopToImapOptions): Promise<WalkState> {
    // Always step 1 first: a customer following the source's numbered steps is never a step ahead.
    const state: WalkState = { step: 0, program: options.program, saidPop: options.saidPop };
    await context.sendActivity(message(this.fill(this.walkthrough.intro, state)));
    return this.show(context, state);
  }

  async continue(context: TurnContext, state: WalkState): Promise<WalkState | undefined> {
    const text = inputText(context.activity);
    const nav = detectNavigation(text);
    if (nav === 'stop') return this.stop(context, state);
    // A step named by number wins over "back" in "go back to step 2".
    const asked = detectStepNumber(text);
    if (asked !== undefined && asked >= 1 && asked <= this.walkthrough.steps.length) {
      state.step = asked - 1;
      return this.show(context, state);
    }
    if (state.step === 0 && confirmsPop(text)) {
      // "It says POP3 in Outlook": step 1 is done, and the program taken if named.
      state.program = this.deps.answerer.ask(text).result.slots.program ?? state.program;
      return this.move(context, state, +1);
    }
    const talk = walkSmallTalkAt(text, nav);
    if (talk)
      return answerWalkSmallTalk(context, this.deps, state, talk, {
        last: state.step === this.walkthrough.steps.length - 1,
        finish: () => this.move(context, state, +1),
        showAgain: () => this.show(context, state, false),
      });
    if (state.step === 0 && !state.program) return this.chooseProgram(context, state, text, nav);
    const named = this.onlyNamesProgram(text);
    if (named) {
      // "Thunderbird" (or "it's on my iPhone actually") mid-way: the program is taken and the step shown for it.
      state.program = named;
      return this.show(context, state, false);
    }
    if (nav === 'next') return this.move(context, state, +1);
    if (nav === 'back') return this.move(context, state, -1);
    return this.aside(context, state, text);
  }

  /**
   * The answer to "which program?". A question typed there ("must I back up first?", "how do I
   * tell if I'm on POP?") is answered first, then the program it names is taken, or the question
   * asked again; never only "please pick your program".
   */
  private async chooseProgram(context: TurnContext, state: WalkState, text: string, nav: string | undefined) {
    const program = this.deps.answerer.ask(text).result.slots.program;
    if (isQuestion(text)) {
      // "Must I back up first? I use Outlook": the question is answered, the program taken.
      const question = text.includes('?') ? text.slice(0, text.lastIndexOf('?') + 1) : text;
      if (!(await this.answerAside(context, question))) await context.sendActivity(message(SAY.programQuestionUnknown));
      if (!program) return this.show(context, state, false);
      state.program = program;
      return this.move(context, state, +1);
    }
    if (program || nav === 'next' || skipsProgram(text)) {
      state.program = program;
      return this.move(context, state, +1);
    }
    return this.aside(context, state, text);
  }

  /** The program a short statement names and nothing else ("thunderbird", "it's outlook actually"), else undefined. */
  private onlyNamesProgram(text: string): string | undefined {
    if (isQuestion(text) || text.trim().split(/\s+/).length > MAX_PROGRAM_WORDS) return undefined;
    const { slots } = this.deps.answerer.ask(text).result;
    return slots.attributes.length === 0 ? slots.program : undefined;
  }

  /**
   * Issue 13 (walk asides): thanks or a pause gets a short word back and the step again; thanks
   * saying it is done on the last step finishes; a goodbye ends the walkthrough politely.
   */
  /** A question mid-walkthrough is answered in place; then the step is shown again. */
  private async aside(context: TurnContext, state: WalkState, text: string): Promise<WalkState> {
    const answered = await this.answerAside(context, text);
    if (!answered)
      await context.sendActivity(
        message(state.step === 0 && !state.program ? SAY.programUnexpected : SAY.walkthroughUnexpected),
      );
    return this.show(context, state, false);
  }

  private answerAside(context: TurnContext, text: string): Promise<boolean> {
    return answerInPlace(context, this.deps, text, { protocol: 'imap', walkthrough: WALKTHROUGH_IDS.popToImap });
  }

  private async move(context: TurnContext, state: WalkState, by: number): Promise<WalkState | undefined> {
    state.step = Math.max(0, state.step + by);
    if (state.step >= this.walkthrough.steps.length) return this.finish(context, state);
    return this.show(context, state);
  }

  /** Shows the step; `reached` false when it is shown again after an aside (the funnel counts each step once a visit). */
  private async show(context: TurnContext, state: WalkState, reached = true): Promise<WalkState> {
    const total = this.walkthrough.steps.length;
    if (reached) trackStep(context, this.deps.telemetry, 'walkthrough.step', { step: state.step + 1 });
    const step = this.walkthrough.steps[state.step]!;
    const body = this.fill((state.saidPop && step.saidPop) || step.text, state);
    const heading = SAY.stepHeading(state.step + 1, total, step.title);
    if (state.step === 0 && !state.program) {
      // Step 1 asks for the program too: its buttons answer it.
      const text = `${heading}\n\n${body}\n\n${this.walkthrough.programQuestion}`;
      await context.sendActivity(message(text, [...PROGRAM_BUTTONS, BUTTONS.cancel]));
      return state;
    }
    const where = this.programScreens(step.programSteps, state.program);
    await context.sendActivity(message(`${heading}\n\n${body}${where}`, [BUTTONS.next, BUTTONS.back, BUTTONS.cancel]));
    return state;
  }

  /** Issue 15 (steps): the program's own screens for this step, as its maker's help gives them, when the program is known. */
  private programScreens(kind: Walkthrough['steps'][number]['programSteps'], program: string | undefined): string {
    if (!kind) return '';
    const steps = programSteps();
    const text = programPathText(programPath(steps, program, kind), steps);
    return text ? `\n\n${text}` : '';
  }

  /** The last step done: the dialog ends. */
  private async finish(context: TurnContext, state: WalkState): Promise<undefined> {
    const text = `${this.fill(this.walkthrough.done, state)}\n\n${SAY.wasThisHelpful}`;
    await context.sendActivity(message(text, [BUTTONS.yesHelped, BUTTONS.noHelped]));
    const about = `walkthrough:${this.walkthrough.id}`;
    trackStep(context, this.deps.telemetry, 'walkthrough.finished');
    await this.rememberEnded(context, state, 'finished');
    await recordAnswered(context, this.deps, { about, protocol: 'imap', feedbackAsked: true });
    return undefined;
  }

  private async stop(context: TurnContext, state: WalkState): Promise<undefined> {
    await context.sendActivity(message(SAY.walkthroughStopped, BUTTONS.menu));
    await this.abandoned(context, state);
    return undefined;
  }

  /** Left at a step (stopped here, or cancelled or interrupted in the main dialog): counted, and remembered. */
  async abandoned(context: TurnContext, state: WalkState): Promise<void> {
    trackStep(context, this.deps.telemetry, 'walkthrough.abandoned', { step: state.step + 1 });
    await this.rememberEnded(context, state, 'stopped');
  }

  /** Why: a "next" or "step 2" typed just after should say the switch has ended, not start it again unasked. */
  private async rememberEnded(context: TurnContext, state: WalkState, how: 'finished' | 'stopped') {
    const session = await this.deps.session.get(context, newSession());
    session.switchEnded = { how, ...(state.program ? { program: state.program } : {}) };
    await this.deps.session.set(context, session);
  }

  private fill(text: string, state: WalkState): string {
    const provider = this.deps.answerer.knowledge.providers[0]!;
    return fillTemplate(text, provider).replaceAll('{program}', state.program ?? SAY.anyProgram);
  }
}
