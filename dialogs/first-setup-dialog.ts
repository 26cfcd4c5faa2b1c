/**
 * Issue 15 (steps): setting up a BT Email account in a mail program for the first time, through
 * that program's own screens as its maker's help page gives them (knowledge/data/programs-steps.yaml),
 * with BT's values at each field; Next, Back and Cancel, and questions answered in place, as in
 * the POP → IMAP walkthrough. It asks for the program (buttons) and, where the program comes in
 * versions with different screens (classic or new Outlook), which one; it never guesses either.
 * A program with no maker's page (or "Something else") goes through BT's own page instead, one
 * group of BT's values a step, saying it won't guess that program's menus; never invented menus.
 */
import type { TurnContext } from 'botbuilder';
import type { Suggestion } from '../knowledge';
import { detectNavigation, detectStepNumber } from '../knowledge/intents';
import {
  fieldLines,
  FIELDS,
  programEntry,
  programSteps,
  setupSteps,
  type ProgramEntry,
  type ProgramVersion,
} from '../knowledge/program-steps';
import { bulletList } from '../knowledge/template';
import { PROFILE_PROGRAMS } from '../setup-files/offer';
import { message, profileCard } from './cards';
import type { Dialog } from './engine';
import type { DialogDeps } from './deps';
import { inputText } from './input';
import { isFileRequest } from './profile-requests';
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

export const FIRST_SETUP_DIALOG = 'firstSetup' as const;

/** Options to start with: the program, when the customer named one. */
export interface FirstSetupOptions {
  program?: string;
}

/** Where the walkthrough is: asking for the program, for its version, or showing a step. */
export interface SetupState {
  phase: 'program' | 'version' | 'steps';
  /** None in the steps: "Something else", through BT's page. */
  program?: string;
  /** The version's id (programs-steps.yaml). */
  version?: string;
  /** The index of the step shown. */
  step: number;
}

const PHASES: ReadonlySet<string> = new Set(['program', 'version', 'steps']);

/** A word of a version's label that no other version's label has ("classic", "new", "mac"). */
function versionNamed(entry: ProgramEntry, text: string): ProgramVersion | undefined {
  const words = (label: string) => label.toLowerCase().split(/\s+/);
  const said = new Set(
    text
      .slice(0, 200)
      .toLowerCase()
      .match(/[a-z]+/g) ?? [],
  );
  return entry.versions.find((v) => {
    const others = new Set(entry.versions.filter((o) => o !== v).flatMap((o) => words(o.label)));
    return (
      text.trim().toLowerCase() === v.label.toLowerCase() || words(v.label).some((w) => !others.has(w) && said.has(w))
    );
  });
}

/** Walks a customer through adding their BT account to one program, screen by screen. */
export class FirstSetupDialog implements Dialog<FirstSetupOptions, SetupState> {
  readonly id = FIRST_SETUP_DIALOG;
  private readonly steps = programSteps();

  constructor(private readonly deps: DialogDeps) {}

  isState(value: unknown): value is SetupState {
    const s = value as Partial<SetupState> | undefined;
    if (!s || typeof s.phase !== 'string' || !PHASES.has(s.phase) || !Number.isInteger(s.step)) return false;
    const entry = s.program === undefined ? undefined : programEntry(this.steps, s.program);
    if (s.phase === 'version' && !entry) return false;
    if (s.phase !== 'steps') return true;
    if (s.program !== undefined && !entry?.versions.some((v) => v.id === s.version)) return false;
    return s.step! >= 0 && s.step! < this.stepsOf(s as SetupState).length;
  }

  async begin(context: TurnContext, options: FirstSetupOptions): Promise<SetupState | undefined> {
    await context.sendActivity(message(SAY.setupIntro));
    return this.forProgram(context, options.program);
  }

  async continue(context: TurnContext, state: SetupState): Promise<SetupState | undefined> {
    const text = inputText(context.activity);
    const nav = detectNavigation(text);
    if (nav === 'stop') return this.stop(context, state);
    if (state.phase !== 'program' && this.asksForFile(text)) return this.fileMidWay(context, state, text);
    if (state.phase === 'program') return this.chooseProgram(context, text);
    if (state.phase === 'version') return this.chooseVersion(context, state, text);
    const total = this.stepsOf(state).length;
    const asked = detectStepNumber(text);
    if (asked !== undefined && asked >= 1 && asked <= total) return this.show(context, { ...state, step: asked - 1 });
    const talk = walkSmallTalkAt(text, nav);
    if (talk)
      return answerWalkSmallTalk(context, this.deps, state, talk, {
        last: state.step === total - 1,
        finish: () => this.finish(context, state),
        showAgain: () => this.show(context, state, false),
      });
    if (nav === 'next') return this.move(context, state, +1);
    if (nav === 'back') return this.move(context, state, -1);
    await this.aside(context, text);
    return this.show(context, state, false);
  }

  /** The program known (or not): its version asked, or its steps begun (BT's page's where its maker's were not found). */
  private async forProgram(context: TurnContext, program: string | undefined): Promise<SetupState | undefined> {
    const entry = program === undefined ? undefined : programEntry(this.steps, program);
    if (!entry) return this.askProgram(context);
    if (entry.versions.length > 1) return this.askVersion(context, entry);
    return this.forVersion(context, entry, entry.versions[0]!);
  }

  private async askProgram(context: TurnContext): Promise<SetupState> {
    await context.sendActivity(message(SAY.setupWhichProgram, [...PROGRAM_BUTTONS, BUTTONS.cancel]));
    return { phase: 'program', step: 0 };
  }

  private async askVersion(context: TurnContext, entry: ProgramEntry): Promise<SetupState> {
    const buttons: Suggestion[] = entry.versions.map((v) => ({ title: v.label, value: v.label }));
    await context.sendActivity(message(entry.versionQuestion ?? SAY.setupWhichProgram, [...buttons, BUTTONS.cancel]));
    return { phase: 'version', program: entry.program, step: 0 };
  }

  private async forVersion(context: TurnContext, entry: ProgramEntry, version: ProgramVersion) {
    const state: SetupState = { phase: 'steps', program: entry.program, version: version.id, step: 0 };
    const note = version.addAccount
      ? undefined
      : version.changeSettings
        ? SAY.setupNoAddSteps(version.label)
        : this.withGlance(SAY.setupBtSteps(version.label));
    // Why no settings file here: the main dialog offers it before the steps (sendFileBeforeSteps), once.
    if (note) await context.sendActivity(message(note));
    return this.show(context, state);
  }

  /** BT's values all at once before BT's own steps, for a customer who needs only those. */
  private withGlance(note: string): string {
    const provider = this.deps.answerer.knowledge.providers[0]!;
    return `${note}\n\n${SAY.setupGlance}\n${bulletList(fieldLines(FIELDS, provider))}`;
  }

  /** Apple's settings file asked for mid-way ("can you just send me the file instead?"). */
  private asksForFile(text: string): boolean {
    return isFileRequest(this.deps.answerer.ask(text));
  }

  /**
   * Issue 15 (setup help): the file asked for mid-way. For Mail on an iPhone, iPad or Mac, its card, as at the
   * start; for any other program, what the file is for (the knowledge's answer), that it won't set up this
   * one; then the walkthrough where it was, either way.
   */
  private async fileMidWay(context: TurnContext, state: SetupState, text: string): Promise<SetupState> {
    const { reply, result } = this.deps.answerer.ask(text);
    // The device the file is asked for, if named ("is there a profile for my iphone?"), else the one being set up.
    const named = result.slots.program !== state.program ? result.slots.program : undefined;
    const program = named ?? state.program;
    const offer = this.deps.profileOffers?.offer(program, text);
    if (offer) await context.sendActivity(message(SAY.fileMidWay, [], profileCard(offer)));
    else {
      const label = named ?? (state.phase === 'version' ? state.program! : this.label(state));
      const apple = program !== undefined && PROFILE_PROGRAMS.has(program);
      const lead = apple ? SAY.fileUnavailableMidWay : `${reply.text}\n\n${SAY.fileNotForMidWay(label)}`;
      await context.sendActivity(message(lead));
    }
    if (state.phase === 'version') return this.askVersion(context, programEntry(this.steps, state.program!)!);
    return this.show(context, state, false);
  }

  /** "Something else": BT's page's steps, for whatever program it is. */
  private async forAnyProgram(context: TurnContext): Promise<SetupState> {
    await context.sendActivity(message(this.withGlance(SAY.setupBtSteps(SAY.anyProgram))));
    return this.show(context, { phase: 'steps', step: 0 });
  }

  /** "Which program?" answered: a program, a pass ("Something else"), or a question answered in place first. */
  private async chooseProgram(context: TurnContext, text: string) {
    const program = this.deps.answerer.ask(text).result.slots.program;
    if (program) return this.forProgram(context, program);
    if (skipsProgram(text)) return this.forAnyProgram(context);
    if (!(await this.aside(context, text)) && !isQuestion(text))
      await context.sendActivity(message(SAY.programUnexpected));
    return this.askProgram(context);
  }

  private async chooseVersion(context: TurnContext, state: SetupState, text: string) {
    const entry = programEntry(this.steps, state.program!)!;
    const version = versionNamed(entry, text);
    if (version) return this.forVersion(context, entry, version);
    if (!(await this.aside(context, text))) await context.sendActivity(message(SAY.setupVersionUnexpected));
    return this.askVersion(context, entry);
  }

  /** A question in the middle is answered with the knowledge; false when it was not one it knows. */
  private async aside(context: TurnContext, text: string): Promise<boolean> {
    const answered = await answerInPlace(context, this.deps, text, { protocol: 'imap' });
    if (!answered && isQuestion(text)) await context.sendActivity(message(SAY.setupQuestionUnknown));
    else if (!answered) await context.sendActivity(message(SAY.setupUnexpected));
    return answered;
  }

  private async move(context: TurnContext, state: SetupState, by: number) {
    const next = { ...state, step: Math.max(0, state.step + by) };
    if (next.step >= this.stepsOf(state).length) return this.finish(context, state);
    return this.show(context, next);
  }

  /** One step: its heading, the program's own words, BT's values for its fields, and where it comes from. */
  private async show(context: TurnContext, state: SetupState, reached = true): Promise<SetupState> {
    const steps = this.stepsOf(state);
    const step = steps[state.step]!;
    if (reached) trackStep(context, this.deps.telemetry, 'walkthrough.step', { step: state.step + 1 });
    const provider = this.deps.answerer.knowledge.providers[0]!;
    const values = step.fields.length ? `\n\n${SAY.setupValues}\n${bulletList(fieldLines(step.fields, provider))}` : '';
    const from = SAY.setupFrom(this.steps.sources[step.source]?.title ?? step.source);
    const said = step.text.replaceAll('{program}', this.label(state));
    const text = `${SAY.stepHeading(state.step + 1, steps.length, step.title)}\n\n${said}${values}\n\n${from}`;
    await context.sendActivity(message(text, [BUTTONS.next, BUTTONS.back, BUTTONS.cancel]));
    return state;
  }

  private async finish(context: TurnContext, state: SetupState): Promise<undefined> {
    const label = this.label(state);
    await this.rememberEnded(context, state, 'finished');
    await context.sendActivity(
      message(`${SAY.setupDone(label)}\n\n${SAY.wasThisHelpful}`, [BUTTONS.yesHelped, BUTTONS.noHelped]),
    );
    trackStep(context, this.deps.telemetry, 'walkthrough.finished');
    await recordAnswered(context, this.deps, {
      about: 'walkthrough:first-setup',
      protocol: 'imap',
      feedbackAsked: true,
    });
    return undefined;
  }

  private async stop(context: TurnContext, state: SetupState): Promise<undefined> {
    await context.sendActivity(message(SAY.setupStopped, BUTTONS.menu));
    await this.abandoned(context, state);
    return undefined;
  }

  /** Left at a step (stopped here, or cancelled or interrupted in the main dialog): counted, and remembered. */
  async abandoned(context: TurnContext, state: SetupState): Promise<void> {
    trackStep(context, this.deps.telemetry, 'walkthrough.abandoned', { step: state.step + 1 });
    await this.rememberEnded(context, state, 'stopped');
  }

  /** Why: a "next" or "step 2" typed just after should be about this set-up, not start the switch from POP. */
  private async rememberEnded(context: TurnContext, state: SetupState, how: 'finished' | 'stopped') {
    const session = await this.deps.session.get(context, newSession());
    session.setupEnded = { how, label: this.label(state), ...(state.program ? { program: state.program } : {}) };
    await this.deps.session.set(context, session);
  }

  private stepsOf(state: SetupState) {
    return setupSteps(this.steps, this.version(state));
  }

  private label(state: SetupState): string {
    return this.version(state)?.label ?? SAY.anyProgram;
  }

  private version(state: SetupState): ProgramVersion | undefined {
    return programEntry(this.steps, state.program ?? '')?.versions.find((v) => v.id === state.version);
  }
}
