/** The error explainer: what the error means and the fix, where to change it, then "Did that fix it?". */
import type { TurnContext } from 'botbuilder';
import type { Dialog } from './engine';
import { detectNavigation, detectYesNo, questionAfterLeadIn } from '../knowledge/intents';
import { LEXICON } from '../knowledge/lexicon';
import { wordListPattern } from '../knowledge/lexicon-file';
import { normalise } from '../knowledge/normalise';
import type { ErrorEntry } from '../knowledge/schema';
import { programPath, programPathText, programSteps } from '../knowledge/program-steps';
import { bulletList, fillTemplate } from '../knowledge/template';
import { message } from './cards';
import type { DialogDeps } from './deps';
import { inputText } from './input';
import { reportOutcome } from './outcome';
import { answerInPlace, recordAnswered, rememberSetUp, skipsProgram, walkSmallTalkAt } from './shared';
import { trackStep } from './telemetry';
import { BUTTONS, PROGRAM_BUTTONS, SAY } from './texts';

export const ERROR_DIALOG = 'errorExplainer' as const;

/** "Still nothing", "no luck": the fix did not work, said without a yes or no. */
const STILL_BROKEN = wordListPattern(LEXICON.words.stillBroken);

/** Which error to explain, and the mail program if the customer already named it. */
export interface ErrorOptions {
  entryId: string;
  program?: string;
  /** The reply already composed for the customer's question. */
  text: string;
}

const STAGES = ['program', 'fixed', 'checked'] as const;

export interface ErrorState {
  entryId: string;
  stage: (typeof STAGES)[number];
}

/** Explains an error, then follows up until it is fixed or a person is offered. */
export class ErrorDialog implements Dialog<ErrorOptions, ErrorState> {
  readonly id = ERROR_DIALOG;

  constructor(private readonly deps: DialogDeps) {}

  isState(value: unknown): value is ErrorState {
    const state = value as Partial<ErrorState> | undefined;
    return typeof state?.entryId === 'string' && !!this.entry(state.entryId) && STAGES.includes(state.stage!);
  }

  async begin(context: TurnContext, options: ErrorOptions): Promise<ErrorState | undefined> {
    const entry = this.entry(options.entryId);
    if (!entry) return undefined;
    await context.sendActivity(message(options.text));
    trackStep(context, this.deps.telemetry, 'error.explained', { code: entry.code });
    await recordAnswered(context, this.deps, { about: `entry:${entry.id}`, entryId: entry.id, protocol: 'smtp' });
    const state: ErrorState = { entryId: entry.id, stage: 'fixed' };
    if (entry.programTip && !options.program) return this.askProgram(context, state);
    if (entry.programTip && options.program) await this.sendTip(context, entry, options.program);
    return this.askFixed(context, state);
  }

  async continue(context: TurnContext, state: ErrorState): Promise<ErrorState | undefined> {
    const entry = this.entry(state.entryId)!;
    const text = inputText(context.activity);
    if (state.stage === 'program') return this.onProgram(context, state, entry, text);
    // "Cheers, that worked. What's the IMAP port while I'm here?": fixed, and the question answered.
    const lead = questionAfterLeadIn(text);
    if (lead?.question && detectYesNo(text) === 'yes') {
      reportOutcome(context, 'fixed');
      await context.sendActivity(message(SAY.fixed));
      await answerInPlace(context, this.deps, lead.rest, { protocol: 'smtp' });
      return undefined;
    }
    const { slots } = this.deps.answerer.ask(text).result;
    if (slots.programOnly && slots.program) {
      await this.sendTip(context, entry, slots.program);
      return this.askFixed(context, state);
    }
    // A new problem statement ("reset the password, still 535") answers "Did that fix it?" with a no.
    const problem =
      !text.includes('?') &&
      (slots.symptom ||
        slots.errorCodes.length > 0 ||
        slots.failing !== undefined ||
        STILL_BROKEN.test(normalise(text)));
    const answer = detectYesNo(text) ?? (problem ? 'no' : undefined);
    if (answer) reportOutcome(context, answer === 'yes' ? 'fixed' : 'fix-failed');
    if (answer === 'yes') return this.fixed(context);
    if (answer === 'no')
      return state.stage === 'fixed' ? this.moreChecks(context, state, entry) : this.offerPerson(context, true);
    // Issue 13 (walk asides): thanks or a pause keeps the question; a goodbye ends politely.
    const talk = walkSmallTalkAt(text, undefined);
    if (talk === 'goodbye') return void (await context.sendActivity(message(SAY.goodbye)));
    if (talk) {
      await context.sendActivity(message(talk === 'pause' ? SAY.errorPause : SAY.welcomeLead));
      return this.askFixed(context, state);
    }
    if (!(await answerInPlace(context, this.deps, text, { protocol: 'smtp' })))
      await context.sendActivity(message(SAY.fixedUnexpected));
    return this.askFixed(context, state);
  }

  private async onProgram(
    context: TurnContext,
    state: ErrorState,
    entry: ErrorEntry,
    text: string,
  ): Promise<ErrorState> {
    const { slots } = this.deps.answerer.ask(text).result;
    const program = slots.program;
    // The program named here is carried into a walkthrough started later ("…now move me to IMAP").
    await rememberSetUp(context, this.deps, slots);
    const skipped = detectNavigation(text) === 'next' || skipsProgram(text);
    if (!program && !skipped) {
      if (!(await answerInPlace(context, this.deps, text, { protocol: 'smtp' })))
        await context.sendActivity(message(SAY.programUnexpected));
      return this.askProgram(context, state);
    }
    await this.sendTip(context, entry, program ?? SAY.anyProgram);
    state.stage = 'fixed';
    return this.askFixed(context, state);
  }

  private async askProgram(context: TurnContext, state: ErrorState): Promise<ErrorState> {
    state.stage = 'program';
    await context.sendActivity(message(SAY.askProgramForError, [...PROGRAM_BUTTONS.slice(0, -1), BUTTONS.skip]));
    return state;
  }

  private async sendTip(context: TurnContext, entry: ErrorEntry, program: string): Promise<void> {
    const tip = entry.programTip
      ? fillTemplate(entry.programTip, this.provider()).replaceAll('{program}', program)
      : SAY.programLocation(program, this.provider().servers.smtp.host, this.provider().servers.smtp.port);
    // Issue 15 (steps): the program's own path to its server settings, where its maker's help gives one.
    const where = programPathText(programPath(programSteps(), program, 'changeSettings'), programSteps());
    await context.sendActivity(message(where ? `${tip}\n\n${where}` : tip));
  }

  private async askFixed(context: TurnContext, state: ErrorState): Promise<ErrorState> {
    await context.sendActivity(message(SAY.didThatFix, [BUTTONS.fixedYes, BUTTONS.fixedNo]));
    return state;
  }

  private async moreChecks(
    context: TurnContext,
    state: ErrorState,
    entry: ErrorEntry,
  ): Promise<ErrorState | undefined> {
    if (entry.checks.length === 0) return this.offerPerson(context, false);
    const checks = bulletList(entry.checks.map((c) => fillTemplate(c, this.provider())));
    state.stage = 'checked';
    await context.sendActivity(message(`${SAY.nextChecks}\n${checks}`));
    return this.askFixed(context, state);
  }

  /** Fixed: the dialog ends. */
  private async fixed(context: TurnContext): Promise<undefined> {
    await context.sendActivity(message(SAY.fixed));
    return undefined;
  }

  /** Still broken after the checks: a person is offered (by the handover, after a second "No") and the dialog ends. */
  private async offerPerson(context: TurnContext, secondNo: boolean): Promise<undefined> {
    if (!(secondNo && this.deps.handoverOffers)) await context.sendActivity(message(SAY.stillBroken, [BUTTONS.person]));
    return undefined;
  }

  private provider() {
    return this.deps.answerer.knowledge.providers[0]!;
  }

  private entry(id: string): ErrorEntry | undefined {
    return this.provider().entries.find((e): e is ErrorEntry => e.kind === 'error' && e.id === id);
  }
}
