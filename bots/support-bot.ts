/** The bot: welcomes people, runs the main dialog on every message and saves state after each turn. */
import {
  TeamsActivityHandler,
  type ConversationState,
  type StatePropertyAccessor,
  type TurnContext,
  type UserState,
} from 'botbuilder';
import { runDialog, type DialogState } from 'botbuilder-dialogs';
import { buttonCard, message } from '../dialogs/cards';
import type { MainDialog } from '../dialogs/main-dialog';
import { BUTTONS, SAY } from '../dialogs/texts';

/** The parts a SupportBot runs with. */
export interface SupportBotParts {
  conversationState: ConversationState;
  userState: UserState;
  dialog: MainDialog;
  dialogState: StatePropertyAccessor<DialogState>;
}

/** A TeamsActivityHandler, so Teams can be added without changing how the bot runs. */
export class SupportBot extends TeamsActivityHandler {
  constructor(private readonly parts: SupportBotParts) {
    super();
    this.onMessage(async (context, next) => {
      await runDialog(parts.dialog, context, parts.dialogState);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const added = context.activity.membersAdded ?? [];
      if (added.some((m) => m.id !== context.activity.recipient?.id)) await this.welcome(context);
      await next();
    });
  }

  /** Runs the turn, then saves what the dialogs changed, even when a handler threw. */
  override async run(context: TurnContext): Promise<void> {
    try {
      await super.run(context);
    } finally {
      await this.parts.conversationState.saveChanges(context, false);
      await this.parts.userState.saveChanges(context, false);
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    await context.sendActivity(message(SAY.welcome, [], buttonCard('Popular questions:', BUTTONS.menu)));
  }
}
