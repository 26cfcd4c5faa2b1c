/** The POP → IMAP walkthrough: a program, then numbered steps with Next, Back and Cancel. */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { Dialog } from './engine';
import { detectNavigation } from '../knowledge/intents';
import { fillTemplate } from '../knowledge/template';
import type { Walkthrough } from '../knowledge/schema';
import { message } from './cards';
import type { DialogDeps } from './deps';
import { inputText } from './input';
import { answerInPlace, recordAnswered } from './shared';
import { BUTTONS, PROGRAM_BUTTONS, SAY } from './texts';

export const POP_TO_IMAP_DIALOG = 'popToImap' as const;

/** Options to start the walkthrough with; a program named in the request skips step 1. */
export interface PopToImapOptions {
  program?: string;
}

interface WalkState {
  /** 0 is choosing the program; 1.. are the walkthrough's steps. */
  step: number;
  program?: string;
}

/** Walks a customer from a POP account to a new IMAP account, one step at a time. */
export class PopToImapDialog extends Dialog<PopToImapOptions> {
  private readonly walkthrough: Walkthrough;

  constructor(private readonly deps: DialogDeps) {
    super(POP_TO_IMAP_DIALOG);
    const found = deps.answerer.knowledge.providers[0]?.walkthroughs.find((w) => w.id === 'pop-to-imap');
    if (!found) throw new Error('The knowledge has no pop-to-imap walkthrough');
    this.walkthrough = found;
  }

  override async beginDialog(dc: DialogContext, options?: PopToImapOptions): Promise<DialogTurnResult> {
    const state: WalkState = { step: options?.program ? 1 : 0, program: options?.program };
    dc.activeDialog!.state = state;
    await dc.context.sendActivity(message(this.fill(this.walkthrough.intro, state)));
    return this.show(dc, state);
  }

  override async continueDialog(dc: DialogContext): Promise<DialogTurnResult> {
    const state = dc.activeDialog!.state as WalkState;
    const text = inputText(dc.context.activity);
    const nav = detectNavigation(text);
    if (nav === 'stop') return this.stop(dc);
    if (state.step === 0) return this.chooseProgram(dc, state, text, nav);
    if (nav === 'next') return this.move(dc, state, +1);
    if (nav === 'back') return this.move(dc, state, -1);
    return this.aside(dc, state, text);
  }

  private async chooseProgram(dc: DialogContext, state: WalkState, text: string, nav: string | undefined) {
    const program = this.deps.answerer.ask(text).result.slots.program;
    if (program || nav === 'next' || /^(something else|other|skip)\b/i.test(text)) {
      state.program = program;
      return this.move(dc, state, +1);
    }
    return this.aside(dc, state, text);
  }

  /** A question mid-walkthrough is answered in place; then the step is shown again. */
  private async aside(dc: DialogContext, state: WalkState, text: string): Promise<DialogTurnResult> {
    const answered = await answerInPlace(dc, this.deps, text, { protocol: 'imap', walkthrough: 'pop-to-imap' });
    if (!answered)
      await dc.context.sendActivity(message(state.step === 0 ? SAY.programUnexpected : SAY.walkthroughUnexpected));
    return this.show(dc, state);
  }

  private async move(dc: DialogContext, state: WalkState, by: number): Promise<DialogTurnResult> {
    state.step = Math.max(0, state.step + by);
    if (state.step > this.walkthrough.steps.length) return this.finish(dc, state);
    return this.show(dc, state);
  }

  private async show(dc: DialogContext, state: WalkState): Promise<DialogTurnResult> {
    const total = this.walkthrough.steps.length + 1;
    if (state.step === 0) {
      const text = `${SAY.stepHeading(1, total, 'Your mail program')}\n\n${this.walkthrough.programQuestion}`;
      await dc.context.sendActivity(message(text, [...PROGRAM_BUTTONS, BUTTONS.cancel]));
      return Dialog.EndOfTurn;
    }
    const step = this.walkthrough.steps[state.step - 1]!;
    const text = `${SAY.stepHeading(state.step + 1, total, step.title)}\n\n${this.fill(step.text, state)}`;
    await dc.context.sendActivity(message(text, [BUTTONS.next, BUTTONS.back, BUTTONS.cancel]));
    return Dialog.EndOfTurn;
  }

  private async finish(dc: DialogContext, state: WalkState): Promise<DialogTurnResult> {
    const text = `${this.fill(this.walkthrough.done, state)}\n\n${SAY.wasThisHelpful}`;
    await dc.context.sendActivity(message(text, [BUTTONS.yesHelped, BUTTONS.noHelped]));
    await recordAnswered(dc.context, this.deps, { about: `walkthrough:${this.walkthrough.id}`, protocol: 'imap' });
    return dc.endDialog();
  }

  private async stop(dc: DialogContext): Promise<DialogTurnResult> {
    await dc.context.sendActivity(message(SAY.walkthroughStopped, BUTTONS.menu));
    return dc.endDialog();
  }

  private fill(text: string, state: WalkState): string {
    const provider = this.deps.answerer.knowledge.providers[0]!;
    return fillTemplate(text, provider).replaceAll('{program}', state.program ?? SAY.anyProgram);
  }
}
