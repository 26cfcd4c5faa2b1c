/** The bot: welcomes people, runs the main dialog on every message and saves state after each turn. */
import {
  ActivityHandlerBase,
  HandoffEventNames,
  type BotTelemetryClient,
  type ConversationState,
  type TurnContext,
} from 'botbuilder';
import type { BotOutcome } from '../handover/machine';
import { outcomeOf } from '../dialogs/outcome';
import { buttonCard, message } from '../dialogs/cards';
import type { MainDialog } from '../dialogs/main-dialog';
import { trackStep } from '../dialogs/telemetry';
import { BUTTONS, SAY } from '../dialogs/texts';
import {
  isBareMention,
  isTeams,
  isUnaddressedChannelMessage,
  teamsGreeting,
  type Greeting,
  type TeamsChannels,
} from './teams';
import { TEAMS_SAY } from './teams-texts';
import type { TurnSources } from './handover/runtime';

/** The parts a SupportBot runs with. */
export interface SupportBotParts {
  conversationState: ConversationState;
  dialog: MainDialog;
  /** Remembers the Teams channels the bot is in; without it nothing is remembered. */
  teamsChannels?: TeamsChannels;
  /** The agents' console (bots/handover/agent-turns.ts): takes the support channel's turns first; true when it did. */
  agents?: { onTurn(context: TurnContext): Promise<boolean> };
  /** Live handover; without it "a person" is the support contact only. */
  handover?: { side: CustomerSide; sources: TurnSources };
  /** Insights events (bots/telemetry.ts); the dialogs get the same client. */
  telemetry?: BotTelemetryClient;
}

/** The handover's customer side (bots/handover/runtime.ts), as the bot calls it around the dialog. */
export interface CustomerSide {
  /** Before the dialog: true when the bot answers; false when the handover did (the bot is then silent). */
  customerTurn(context: TurnContext, sources: TurnSources): Promise<boolean>;
  /** After the dialog answered: what it did, which may lead to offering a person. */
  botTurn(context: TurnContext, sources: TurnSources, outcome: BotOutcome): Promise<void>;
  /** A contact-centre hub's `handoff.status` event. */
  handoffStatus(context: TurnContext, sources: TurnSources): Promise<void>;
}

/**
 * Why ActivityHandlerBase (one method per activity type) rather than ActivityHandler or
 * TeamsActivityHandler: the bot answers messages and greets, nothing more, and their lists of
 * handlers and per-event dispatch cost about 3% of a turn's CPU under load. Invokes are answered
 * 501 Not Implemented either way.
 */
export class SupportBot extends ActivityHandlerBase {
  constructor(private readonly parts: SupportBotParts) {
    super();
  }

  protected override async onMessageActivity(context: TurnContext): Promise<void> {
    if (await this.overheard(context)) return;
    trackStep(context, this.parts.telemetry, 'message.received');
    const handover = this.parts.handover;
    // Why first: while a person has (or is about to have) the chat, the bot says nothing at all.
    if (handover && !(await handover.side.customerTurn(context, handover.sources))) return;
    // Why not the dialog: a bare "@Bot" is a call for help, and must not cancel a walkthrough under way.
    if (isBareMention(context.activity)) await context.sendActivity(message(SAY.help, BUTTONS.menu));
    else await this.parts.dialog.onMessage(context);
    if (handover) await handover.side.botTurn(context, handover.sources, outcomeOf(context));
  }

  /** A contact-centre hub's `handoff.status`; every other event is ignored, as before. */
  protected override async onEventActivity(context: TurnContext): Promise<void> {
    const handover = this.parts.handover;
    if (handover && context.activity.name === HandoffEventNames.HandoffStatus)
      await handover.side.handoffStatus(context, handover.sources);
  }

  /** Why not onMembersAddedActivity: the base skips an update that adds only the bot, which is how Teams adds it to a team. */
  protected override async onConversationUpdateActivity(context: TurnContext): Promise<void> {
    if (!context.activity.membersAdded?.length) return;
    const greeting = greetingFor(context);
    if (greeting === 'welcome') await this.welcome(context);
    if (greeting === 'introduction') await this.introduce(context);
  }

  /** Runs the turn, then saves what the dialogs changed, even when a handler threw. */
  override async run(context: TurnContext): Promise<void> {
    try {
      await this.parts.teamsChannels?.remember(context.activity);
      if (!(await this.parts.agents?.onTurn(context))) await super.run(context);
    } finally {
      await this.parts.conversationState.saveChanges(context, false);
    }
  }

  /**
   * A Teams channel message not addressed to the bot, in a thread where it is not in a dialog: the
   * app's resource-specific consent (ChannelMessage.Read.Group) delivers every channel message, and
   * people talking among themselves are not asking the bot. Why a dialog under way still hears them:
   * card buttons (imBack) and answers to its questions arrive without the @mention.
   */
  private async overheard(context: TurnContext): Promise<boolean> {
    if (!isUnaddressedChannelMessage(context.activity)) return false;
    const state = (await this.parts.conversationState.load(context)) as { activeDialog?: unknown };
    return state.activeDialog === undefined;
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
