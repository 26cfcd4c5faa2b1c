/** The bot: welcomes people, runs the main dialog on every message and saves state after each turn. */
import { TeamsActivityHandler, type ConversationState, type TurnContext } from 'botbuilder';
import { buttonCard, message } from '../dialogs/cards';
import type { MainDialog } from '../dialogs/main-dialog';
import { BUTTONS, SAY } from '../dialogs/texts';
import { isBareMention, isTeams, teamsGreeting, type Greeting, type TeamsChannels } from './teams';
import { TEAMS_SAY } from './teams-texts';

/** The parts a SupportBot runs with. */
export interface SupportBotParts {
  conversationState: ConversationState;
  dialog: MainDialog;
  /** Remembers the Teams channels the bot is in; without it nothing is remembered. */
  teamsChannels?: TeamsChannels;
}

/** A TeamsActivityHandler, so Teams can be added without changing how the bot runs. */
export class SupportBot extends TeamsActivityHandler {
  constructor(private readonly parts: SupportBotParts) {
    super();
    this.onMessage(async (context, next) => {
      // Why not the dialog: a bare "@Bot" is a call for help, and must not cancel a walkthrough under way.
      if (isBareMention(context.activity)) await context.sendActivity(message(SAY.help, BUTTONS.menu));
      else await this.parts.dialog.onMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const greeting = greetingFor(context);
      if (greeting === 'welcome') await this.welcome(context);
      if (greeting === 'introduction') await this.introduce(context);
      await next();
    });
  }

  /** Runs the turn, then saves what the dialogs changed, even when a handler threw. */
  override async run(context: TurnContext): Promise<void> {
    try {
      await this.parts.teamsChannels?.remember(context.activity);
      await super.run(context);
    } finally {
      await this.parts.conversationState.saveChanges(context, false);
    }
  }

  private async welcome(context: TurnContext): Promise<void> {
    await context.sendActivity(message(SAY.welcome, [], buttonCard('Popular questions:', BUTTONS.menu)));
  }

  /** Teams teams and group chats: one short introduction, in the bot's own name. */
  private async introduce(context: TurnContext): Promise<void> {
    const name = context.activity.recipient?.name || TEAMS_SAY.defaultBotName;
    await context.sendActivity(message(TEAMS_SAY.introduction(name)));
  }
}

/** Teams greets when the bot is added (see teamsGreeting); elsewhere, when someone other than the bot joins. */
function greetingFor(context: TurnContext): Greeting {
  if (isTeams(context.activity)) return teamsGreeting(context.activity);
  const added = context.activity.membersAdded ?? [];
  return added.some((m) => m.id !== context.activity.recipient?.id) ? 'welcome' : 'none';
}
