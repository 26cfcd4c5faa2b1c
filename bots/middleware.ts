/** Adapter middleware the bot needs on every channel. */
import { ActivityTypes, Channels, type Middleware, type TurnContext } from 'botbuilder';
import { oneMessagePerTurn } from './botbuilder-patches';
import { recordTranscript, serialiseTurns, type DurableParts } from './durable-turns';
import { teamsMiddleware } from './teams-middleware';
import { observeTurns, type TurnMeter } from './turn-observer';
import { typingIndicator } from './typing';

/**
 * Trace activities carry debugging payloads (botbuilder-dialogs' runDialog, which the bot no
 * longer calls, sent a "BotState" snapshot holding what the customer typed). Only the Emulator
 * shows traces; elsewhere they would cost a connector call and could echo customer text
 * (expectReplies returns them), so they are dropped.
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

/**
 * Everything an adapter runs before the bot, in order; with `durable` parts, turns of a
 * conversation run one at a time and every activity is recorded; with a `meter`, turns are counted
 * and timed. Why observeTurns first: the turn's id (in every log line) and its time cover the wait
 * for its lease. Why this order for the rest: the turn's joined message (oneMessagePerTurn) is sent inside the transcript's turn, which records it —
 * what was actually sent — and skips the messages held to make it; so a turn is one write.
 */
export function botMiddleware(durable?: DurableParts, meter?: TurnMeter): Middleware[] {
  return [
    observeTurns(meter),
    ...(durable
      ? [serialiseTurns(durable.leases, { logger: durable.logger }), recordTranscript(durable.transcripts)]
      : []),
    oneMessagePerTurn(),
    dropTraces(),
    teamsMiddleware(),
    typingIndicator(),
  ];
}
