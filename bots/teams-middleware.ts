/** Teams' rules applied at the edge, so the dialogs stay free of channel checks. */
import { ActivityTypes, TurnContext, type Activity, type CardAction, type Middleware } from 'botbuilder';
import { actionCard, cardAttachment } from '../dialogs/cards';
import type { Suggestion } from '../knowledge';
import { conversationTypeOf, isTeams, type TeamsConversationType } from './teams';

/** Teams shows suggested actions only in personal chat, and at most this many. */
export const TEAMS_MAX_SUGGESTED_ACTIONS = 3;

/**
 * In Teams: the bot's @mention is taken out of what the customer said before anything reads it,
 * and suggested actions Teams would not show become card buttons, which work in every scope.
 */
export function teamsMiddleware(): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      if (isTeams(context.activity)) {
        if (context.activity.type === ActivityTypes.Message) removeMentions(context.activity);
        const type = conversationTypeOf(context.activity);
        context.onSendActivities(async (_ctx, activities, send) => {
          activities.forEach((activity) => fitSuggestedActions(activity, type));
          return send();
        });
      }
      await next();
    },
  };
}

/** Removes every mention of the bot, then leaves other people's mentions as their plain names. */
export function removeMentions(activity: Partial<Activity>): void {
  if (typeof activity.text !== 'string') return;
  if (activity.recipient?.id) {
    // Why loop: removeRecipientMention takes out one occurrence, and "@Bot … @Bot" happens.
    let before: string | undefined;
    while (before !== activity.text) {
      before = activity.text;
      TurnContext.removeRecipientMention(activity as Activity);
    }
  }
  activity.text = activity.text.replace(/<at[^<>]*>([^<]*)<\/at>/gi, '$1').trim();
}

/** Suggested actions Teams cannot show move into an Adaptive Card of buttons under the text. */
export function fitSuggestedActions(activity: Partial<Activity>, type: TeamsConversationType): void {
  const actions = activity.suggestedActions?.actions ?? [];
  if (activity.type !== ActivityTypes.Message || actions.length === 0) return;
  if (type === 'personal' && actions.length <= TEAMS_MAX_SUGGESTED_ACTIONS) return;
  delete activity.suggestedActions;
  const card = cardAttachment(actionCard(actions.map(suggestionOf)));
  activity.attachments = [...(activity.attachments ?? []), card];
}

function suggestionOf(action: CardAction): Suggestion {
  return { title: action.title, value: typeof action.value === 'string' ? action.value : action.title };
}
