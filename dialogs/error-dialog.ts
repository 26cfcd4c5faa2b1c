/** The error explainer: what the error means and the fix, where to change it, then "Did that fix it?". */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './engine';
import { detectNavigation, detectYesNo } from '../knowledge/intents';
import type { ErrorEntry } from '../knowledge/schema';
import { bulletList, fillTemplate } from '../knowledge/template';
import { message } from './cards';
import type { DialogDeps } from './deps';
import { inputText } from './input';
import { answerInPlace, recordAnswered } from './shared';
import { BUTTONS, PROGRAM_BUTTONS, SAY } from './texts';

export const ERROR_DIALOG = 'errorExplainer' as const;

/** Which error to explain, and the mail program if the customer already named it. */
export interface ErrorOptions {
  entryId: string;
  program?: string;
  /** The reply already composed for the customer's question. */
  text: string;
}

interface ErrorState {
  entryId: string;
  stage: 'program' | 'fixed' | 'checked';
}

/** Explains an error, then follows up until it is fixed or a person is offered. */
export class ErrorDialog extends Dialog<ErrorOptions> {
  constructor(private readonly deps: DialogDeps) {
    super(ERROR_DIALOG);
  }

  override async beginDialog(dc: DialogContext, options?: ErrorOptions): Promise<DialogTurnResult> {
    const entry = options && this.entry(options.entryId);
    if (!entry || !options) return dc.endDialog();
    await dc.context.sendActivity(message(options.text));
    await recordAnswered(dc.context, this.deps, { about: `entry:${entry.id}`, entryId: entry.id, protocol: 'smtp' });
    const state: ErrorState = { entryId: entry.id, stage: 'fixed' };
    dc.activeDialog!.state = state;
    if (entry.programTip && !options.program) return this.askProgram(dc, state);
    if (entry.programTip && options.program) await this.sendTip(dc, entry, options.program);
    return this.askFixed(dc);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as ErrorState;
    const entry = this.entry(state.entryId)!;
    const text = inputText(dc.context.activity);
    if (state.stage === 'program') return this.onProgram(dc, state, entry, text);
    const { slots } = this.deps.answerer.ask(text).result;
    if (slots.programOnly && slots.program) {
      await this.sendTip(dc, entry, slots.program);
      return this.askFixed(dc);
    }
    const answer = detectYesNo(text);
    if (answer === 'yes') return this.fixed(dc);
    if (answer === 'no') return state.stage === 'fixed' ? this.moreChecks(dc, state, entry) : this.offerPerson(dc);
    if (!(await answerInPlace(dc, this.deps, text, { protocol: 'smtp' })))
      await dc.context.sendActivity(message(SAY.fixedUnexpected));
    return this.askFixed(dc);
  }

  private async onProgram(
    dc: DialogContext,
    state: ErrorState,
    entry: ErrorEntry,
    text: string,
  ): Promise<DialogTurnResult> {
    const program = this.deps.answerer.ask(text).result.slots.program;
    const skipped = detectNavigation(text) === 'next' || /^(skip|something else|other)\b/i.test(text);
    if (!program && !skipped) {
      if (!(await answerInPlace(dc, this.deps, text, { protocol: 'smtp' })))
        await dc.context.sendActivity(message(SAY.programUnexpected));
      return this.askProgram(dc, state);
    }
    await this.sendTip(dc, entry, program ?? SAY.anyProgram);
    state.stage = 'fixed';
    return this.askFixed(dc);
  }

  private async askProgram(dc: DialogContext, state: ErrorState): Promise<DialogTurnResult> {
    state.stage = 'program';
    await dc.context.sendActivity(message(SAY.askProgramForError, [...PROGRAM_BUTTONS.slice(0, -1), BUTTONS.skip]));
    return Dialog.EndOfTurn;
  }

  private async sendTip(dc: DialogContext, entry: ErrorEntry, program: string): Promise<void> {
    const tip = entry.programTip
      ? fillTemplate(entry.programTip, this.provider()).replaceAll('{program}', program)
      : SAY.programLocation(program, this.provider().servers.smtp.host, this.provider().servers.smtp.port);
    await dc.context.sendActivity(message(tip));
  }

  private async askFixed(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity(message(SAY.didThatFix, [BUTTONS.fixedYes, BUTTONS.fixedNo]));
    return Dialog.EndOfTurn;
  }

  private async moreChecks(dc: DialogContext, state: ErrorState, entry: ErrorEntry): Promise<DialogTurnResult> {
    if (entry.checks.length === 0) return this.offerPerson(dc);
    const checks = bulletList(entry.checks.map((c) => fillTemplate(c, this.provider())));
    state.stage = 'checked';
    await dc.context.sendActivity(message(`${SAY.nextChecks}\n${checks}`));
    return this.askFixed(dc);
  }

  private async fixed(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity(message(SAY.fixed));
    return dc.endDialog({ fixed: true });
  }

  private async offerPerson(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity(message(SAY.stillBroken, [BUTTONS.person]));
    return dc.endDialog({ fixed: false });
  }

  private provider() {
    return this.deps.answerer.knowledge.providers[0]!;
  }

  private entry(id: string): ErrorEntry | undefined {
    return this.provider().entries.find((e): e is ErrorEntry => e.kind === 'error' && e.id === id);
  }
}
