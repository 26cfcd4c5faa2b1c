/**
 * How a dialog runs over several turns: the main dialog routes each message and may start one
 * dialog (the walkthrough or the error explainer); that dialog's state is saved with the
 * conversation until it ends. Why not botbuilder-dialogs: these dialogs use none of its prompts,
 * waterfalls or memory scopes, and its DialogContext and DialogStateManager layers were about a
 * twentieth of the bot's CPU per turn under load; a dialog here is two functions over its state.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';

/** A multi-turn dialog. `State` is plain JSON, saved with the conversation between turns. */
export interface Dialog<Options, State> {
  readonly id: string;
  /** Whether a saved state is one this dialog can continue (it may come from an older version). */
  isState(value: unknown): value is State;
  /** Starts: says what it says first and returns its state, or undefined when it is already over. */
  begin(context: TurnContext, options: Options): Promise<State | undefined>;
  /** The customer's next message: returns the state to keep, or undefined when it is over. */
  continue(context: TurnContext, state: State): Promise<State | undefined>;
}

/** The dialog under way in a conversation, as saved; the version is of this record's shape. */
export interface ActiveDialog {
  version: 1;
  id: string;
  state: unknown;
}

/** What botbuilder-dialogs saved (property `dialogState`): the main dialog, and inside it the one under way. */
export interface LegacyDialogState {
  dialogStack?: { id?: string; state?: { dialogs?: { dialogStack?: { id?: unknown; state?: unknown }[] } } }[];
}

/**
 * Where the active dialog is kept. A conversation saved by the botbuilder-dialogs version of the
 * bot carries on where it was: its `dialogState` is read once, then removed.
 */
export class ActiveDialogStore {
  constructor(
    private readonly current: StatePropertyAccessor<ActiveDialog | undefined>,
    private readonly legacy?: StatePropertyAccessor<LegacyDialogState | undefined>,
  ) {}

  async get(context: TurnContext): Promise<ActiveDialog | undefined> {
    const active = await this.current.get(context);
    if (active || !this.legacy) return active;
    const old = await this.legacy.get(context);
    if (!old) return undefined;
    await this.legacy.delete(context);
    const inner = old.dialogStack?.[0]?.state?.dialogs?.dialogStack?.[0];
    if (typeof inner?.id !== 'string') return undefined;
    const migrated: ActiveDialog = { version: 1, id: inner.id, state: inner.state };
    await this.current.set(context, migrated);
    return migrated;
  }

  async set(context: TurnContext, active: ActiveDialog | undefined): Promise<void> {
    if (active) await this.current.set(context, active);
    else await this.current.delete(context);
  }
}
