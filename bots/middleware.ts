/** Adapter middleware the bot needs on every channel. */
import { ActivityTypes, Channels, type Middleware, type TurnContext } from 'botbuilder';
import { teamsMiddleware } from './teams-middleware';
import { typingIndicator } from './typing';

/**
 * botbuilder-dialogs' runDialog sends a "BotState" trace with a snapshot of dialog memory,
 * which holds what the customer typed. Only the Emulator shows traces; elsewhere they would
 * cost a connector call and could echo customer text (expectReplies returns them), so drop them.
 */
export function dropTraces(): Middleware {
  return {
    onTurn: async (context: TurnContext, next: () => Promise<void>) => {
      if (context.activity.channelId !== Channels.Emulator) {
        // The list is shared with what is finally sent, so traces are removed from it in place.
        context.onSendActivities(async (_ctx, activities, send) => {
          for (let i = activities.length - 1; i >= 0; i--)
            if (activities[i]?.type === ActivityTypes.Trace) activities.splice(i, 1);
          // Nothing left: the adapter refuses an empty list, so there is nothing to send.
          return activities.length > 0 ? send() : [];
        });
      }
      await next();
    },
  };
}

/** Everything the adapter should run before the bot. */
export function botMiddleware(): Middleware[] {
  return [dropTraces(), teamsMiddleware(), typingIndicator()];
}
