/**
 * The agents' turns: what people in the Teams support channel do to a handover, passed to the
 * runtime (ports.ts HandoverDesk). A click on the card (Accept, End) arrives as an
 * `adaptiveCard/action` invoke, answered with the card as it now is, or as a message with `value`
 * (the Action.Submit fallback); a message in a handover's thread is the agent writing to the
 * customer (or /note, /end, /release, which the core reads); an edit or a deletion there is
 * reported so the agent is told it was not mirrored. Only the configured support channel acts, and
 * only HANDOFF_AGENT_IDS when set; everything else is left to the bot, which never relays it.
 */
import {
  ActivityTypes,
  teamsGetChannelId,
  teamsGetTeamInfo,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { AgentAction } from '../../handover/machine';
import { AGENT_TEXT } from '../../handover/messages';
import type { Agent } from '../../handover/state';
import { channelOf, conversationTypeOf, isTeams, type SupportChannelIds } from '../teams';
import { agentCard, CARD_VERBS, readCardClick, type CardClick } from './agent-card';
import { CONSOLE_TEXT } from './console-texts';
import type { AgentOutcome, HandoverDesk, ThreadOwner } from './ports';

/** The invoke Teams sends for an Action.Execute. */
export const CARD_ACTION_INVOKE = 'adaptiveCard/action';

/** What the agents' turns need: the desk, the support channel, and who may act. */
export interface AgentTurnsOptions {
  /** The runtime; a function when it is built after the console (it needs the console, the console's turns need it). */
  desk: HandoverDesk | (() => HandoverDesk);
  support: SupportChannelIds;
  /** HANDOFF_AGENT_IDS (lower case); unset, anyone in the support channel. */
  agentIds?: readonly string[];
}

/** The longest agent id or name passed on (records refuse longer ones). */
const MAX_AGENT_CHARS = 200;

/** Routes the support channel's activities to the desk, before the customer's dialog sees them. */
export class AgentTurns {
  constructor(private readonly options: AgentTurnsOptions) {}

  /** Handles the turn if it is an agent's: true when handled (answered or refused), false to leave it to the bot. */
  async onTurn(context: TurnContext): Promise<boolean> {
    const { activity } = context;
    if (!isTeams(activity) || conversationTypeOf(activity) !== 'channel') return false;
    if (activity.type === ActivityTypes.Invoke) return activity.name === CARD_ACTION_INVOKE && this.onInvoke(context);
    if (activity.type === ActivityTypes.Message) {
      const click = readCardClick(activity.value);
      return click ? this.onClick(context, click, false) : this.onMessage(context);
    }
    if (activity.type === ActivityTypes.MessageUpdate || activity.type === ActivityTypes.MessageDelete)
      return this.onEdit(context);
    return false;
  }

  private async onInvoke(context: TurnContext): Promise<boolean> {
    const click = readCardClick(context.activity.value);
    if (!click) return false;
    return this.onClick(context, click, true);
  }

  /** Accept or End, from the invoke (answered with the card) or the fallback message. */
  private async onClick(context: TurnContext, click: CardClick, invoke: boolean): Promise<boolean> {
    const refusal = this.refusal(context.activity);
    const owner = refusal ? undefined : await this.ownerOf(context.activity);
    if (!owner || owner.handoverId !== click.handoverId) {
      await answer(context, invoke, refusal ?? CONSOLE_TEXT.unknownCard);
      return true;
    }
    const action: AgentAction = click.verb === CARD_VERBS.accept ? { type: 'accept' } : { type: 'end' };
    // Why no updateActivity here: the desk carries out the core's updateAgentCard through this turn
    // (TeamsConsole.updateCard), so everyone sees the card change once; the invoke answer is for the clicker.
    const outcome = await this.desk().agentAction(owner, agentOf(context.activity), action, context);
    if (invoke) await context.sendActivity(invokeAnswer(cardResponse(outcome)));
    return true;
  }

  /** A message in a handover's thread: the agent's; elsewhere the bot's (an @mention) or nobody's. */
  private async onMessage(context: TurnContext): Promise<boolean> {
    const owner = await this.ownerOf(context.activity);
    if (!owner) return false;
    const refusal = this.refusal(context.activity);
    if (refusal) {
      await context.sendActivity(refusal);
      return true;
    }
    const text = context.activity.text ?? '';
    const files = filesOf(context.activity);
    if (!text.trim() && files === 0) return true;
    const action: AgentAction = files > 0 ? { type: 'message', text, files } : { type: 'message', text };
    await this.desk().agentAction(owner, agentOf(context.activity), action, context);
    return true;
  }

  /** An edit or deletion in a handover's thread: not mirrored, and the core tells the agent once. */
  private async onEdit(context: TurnContext): Promise<boolean> {
    const owner = await this.ownerOf(context.activity);
    if (!owner) return false;
    if (!this.refusal(context.activity))
      await this.desk().agentAction(owner, agentOf(context.activity), { type: 'edit' }, context);
    return true;
  }

  /** The handover whose thread this is, in the support channel only. */
  private async ownerOf(activity: Activity): Promise<ThreadOwner | undefined> {
    if (!inSupportChannel(activity, this.options.support)) return undefined;
    const conversationId = activity.conversation.id;
    return conversationId.includes(';messageid=') ? this.desk().threadOwner(conversationId) : undefined;
  }

  /** Why this person may not act, or undefined when they may. */
  private refusal(activity: Activity): string | undefined {
    if (!inSupportChannel(activity, this.options.support)) return CONSOLE_TEXT.unknownCard;
    const { agentIds } = this.options;
    const id = activity.from?.aadObjectId?.toLowerCase();
    return agentIds && !(id && agentIds.includes(id)) ? CONSOLE_TEXT.notAnAgent : undefined;
  }

  private desk(): HandoverDesk {
    const { desk } = this.options;
    return typeof desk === 'function' ? desk() : desk;
  }
}

/**
 * Whether the activity comes from the configured support channel. Why the channel id decides and the
 * team only confirms: channel ids are unique to their team, and Teams names the team in a message by
 * its 19:… id, sending its groupId (what TEAMS_SUPPORT_TEAM_ID usually holds) only sometimes.
 */
export function inSupportChannel(activity: Activity, support: SupportChannelIds): boolean {
  if (teamsGetChannelId(activity) !== support.channelId) return false;
  if (channelOf(activity.conversation?.id ?? '') !== support.channelId) return false;
  const team = teamsGetTeamInfo(activity);
  if (!team?.id) return false;
  if (team.id === support.teamId || team.aadGroupId === support.teamId) return true;
  return team.aadGroupId === undefined && !support.teamId.startsWith('19:');
}

/** The agent as the core keeps them: the Entra object id (Teams' user id without one) and the display name. */
export function agentOf(activity: Activity): Agent {
  const id = (activity.from?.aadObjectId ?? activity.from?.id ?? '').slice(0, MAX_AGENT_CHARS);
  const name = (activity.from?.name ?? '').trim().slice(0, MAX_AGENT_CHARS);
  return { id, name: name || CONSOLE_TEXT.unnamedAgent };
}

/** Files (and pasted images) in a Teams message; Teams also attaches the message's own HTML, which is not a file. */
function filesOf(activity: Activity): number {
  return (activity.attachments ?? []).filter((a) => a.contentType !== 'text/html').length;
}

/** The activity that answers an invoke (the adapter turns it into the HTTP response). */
function invokeAnswer(body: unknown): Partial<Activity> {
  const value: InvokeResponse = { status: 200, body };
  return { type: ActivityTypes.InvokeResponse, value };
}

/** The Universal Action's answer: the card as it now is, or a line for the person who clicked. */
function cardResponse(outcome: AgentOutcome): unknown {
  if (outcome.card)
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: agentCard(outcome.card) };
  const told = outcome.decision.effects.find((e) => e.kind === 'tellAgent');
  return messageResponse(told?.kind === 'tellAgent' ? told.text : AGENT_TEXT.notWaiting);
}

function messageResponse(text: string): unknown {
  return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text };
}

/** A refusal: as the invoke's answer, or a reply in the thread. */
async function answer(context: TurnContext, invoke: boolean, text: string): Promise<void> {
  if (invoke) await context.sendActivity(invokeAnswer(messageResponse(text)));
  else await context.sendActivity(text);
}
