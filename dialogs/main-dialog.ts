/** The main dialog: interruptions first, then the active walkthrough, else the knowledge search. */
import type { DialogContext, DialogTurnResult } from 'botbuilder-dialogs';
import { ComponentDialog, Dialog } from './engine';
import type { Answer } from '../knowledge';
import { detectIntent, type Intent } from '../knowledge/intents';
import { message, replyActivity } from './cards';
import type { DialogDeps } from './deps';
import { ERROR_DIALOG, ErrorDialog } from './error-dialog';
import { inputText } from './input';
import { POP_TO_IMAP_DIALOG, PopToImapDialog } from './pop-to-imap-dialog';
import { newSession } from './session';
import { answeredOf, recordAnswered } from './shared';
import { BUTTONS, SAY } from './texts';

export const MAIN_DIALOG = 'main' as const;

/** Intents that interrupt whatever is under way. */
const INTERRUPTIONS: ReadonlySet<Intent> = new Set(['human', 'cancel', 'help']);

/** Routes every message; it stays active for the whole conversation. */
export class MainDialog extends ComponentDialog {
  constructor(private readonly deps: DialogDeps) {
    super(MAIN_DIALOG);
    this.addDialog(new PopToImapDialog(deps));
    this.addDialog(new ErrorDialog(deps));
  }

  protected override async onBeginDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.handle(inner);
  }

  protected override async onContinueDialog(inner: DialogContext): Promise<DialogTurnResult> {
    return this.handle(inner);
  }

  private async handle(inner: DialogContext): Promise<DialogTurnResult> {
    const text = inputText(inner.context.activity);
    const intent = detectIntent(text);
    if (intent && INTERRUPTIONS.has(intent)) {
      await inner.cancelAllDialogs();
      await this.onIntent(inner, intent);
    } else if (inner.activeDialog) {
      await inner.continueDialog();
    } else {
      await this.route(inner, text, intent);
    }
    return Dialog.EndOfTurn;
  }

  private async route(inner: DialogContext, text: string, intent: Intent | undefined): Promise<void> {
    if (!text) return void (await inner.context.sendActivity(message(SAY.notText, BUTTONS.menu)));
    if (intent) return this.onIntent(inner, intent);
    if (/^none of these$/i.test(text))
      return void (await inner.context.sendActivity(message(SAY.noneOfThese, [BUTTONS.person])));
    const session = await this.deps.session.get(inner.context, newSession());
    const context = {
      protocol: session.lastProtocol,
      attributes: session.lastAttributes,
      lastEntryId: session.lastEntryId,
    };
    const answer = this.deps.answerer.ask(text, context);
    const started = await this.startDialogFor(inner, answer);
    if (!started) await this.sendAnswer(inner, answer);
  }

  /** Walkthroughs and error explanations are dialogs of their own. */
  private async startDialogFor(inner: DialogContext, answer: Answer): Promise<boolean> {
    const { result } = answer;
    if (result.kind !== 'answer' || result.target.type !== 'entry') return false;
    const entry = result.target.entry;
    const program = result.slots.program;
    if (entry.id === 'pop-to-imap') await inner.beginDialog(POP_TO_IMAP_DIALOG, { program });
    else if (entry.kind === 'error')
      await inner.beginDialog(ERROR_DIALOG, { entryId: entry.id, program, text: answer.reply.text });
    else return false;
    return true;
  }

  private async sendAnswer(inner: DialogContext, answer: Answer): Promise<void> {
    const { reply, result } = answer;
    const feedback = reply.substantial ? [BUTTONS.yesHelped, BUTTONS.noHelped] : [];
    const extra = result.kind === 'none' ? [] : feedback;
    await inner.context.sendActivity(replyActivity(reply, extra));
    if (result.kind === 'answer')
      await recordAnswered(inner.context, this.deps, { ...answeredOf(answer), replyText: reply.text });
  }

  private async onIntent(inner: DialogContext, intent: Intent): Promise<void> {
    if (intent === 'feedback-yes' || intent === 'feedback-no') return this.onFeedback(inner, intent === 'feedback-yes');
    if (intent === 'repeat') return this.onRepeat(inner);
    const replies: Record<Exclude<Intent, 'feedback-yes' | 'feedback-no' | 'repeat'>, ReturnType<typeof message>> = {
      human: message(SAY.human(this.deps.supportContact)),
      identity: message(SAY.identity, [BUTTONS.person]),
      cancel: message(SAY.cancelled, BUTTONS.menu),
      help: message(SAY.help, BUTTONS.menu),
      greeting: message(SAY.greeting, BUTTONS.menu),
      thanks: message(SAY.thanks),
      goodbye: message(SAY.goodbye),
      'how-are-you': message(SAY.howAreYou, BUTTONS.menu),
      acknowledge: message(SAY.acknowledge),
    };
    await inner.context.sendActivity(replies[intent]);
  }

  private async onRepeat(inner: DialogContext): Promise<void> {
    const session = await this.deps.session.get(inner.context, newSession());
    await inner.context.sendActivity(message(session.lastReplyText ?? SAY.nothingToRepeat, BUTTONS.menu));
  }

  private async onFeedback(inner: DialogContext, helpful: boolean): Promise<void> {
    const session = await this.deps.session.get(inner.context, newSession());
    const at = (this.deps.now?.() ?? new Date()).toISOString();
    session.feedback.push({ about: session.lastAnswer ?? 'unknown', helpful, at });
    await this.deps.session.set(inner.context, session);
    await inner.context.sendActivity(helpful ? message(SAY.feedbackYes) : message(SAY.feedbackNo, [BUTTONS.person]));
  }
}
