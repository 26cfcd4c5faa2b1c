/** Posting to the Teams support channel without being asked: a new thread, for handovers and alerts. */
import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import type { ConversationReferenceStore } from './references';
import { referenceKey } from './teams';

/** What happened to a post: sent (with the new thread, for replies into it) or why not. */
export type SupportPost =
  { kind: 'posted'; thread: Partial<ConversationReference> } | { kind: 'not-configured' } | { kind: 'not-in-channel' };

/** The adapter call a proactive post needs (CloudAdapter's). */
export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

/** What a poster needs: the adapter, the bot's app id, the configured channel and the references. */
export interface SupportChannelOptions {
  adapter: ProactiveAdapter;
  /** The bot's MicrosoftAppId; empty in anonymous local mode. */
  appId?: string;
  /** TEAMS_SUPPORT_CHANNEL_ID; undefined when no support channel is configured. */
  channelId?: string;
  references: ConversationReferenceStore;
}

/** Posts text or an activity to the support channel; rejects if the connector refuses it. */
export type PostToSupportChannel = (message: string | Partial<Activity>) => Promise<SupportPost>;

/** A `postToSupportChannel` bound to the adapter and the remembered channel reference. */
export function supportChannelPoster(options: SupportChannelOptions): PostToSupportChannel {
  return async (message) => {
    if (!options.channelId) return { kind: 'not-configured' };
    const reference = await options.references.get(referenceKey(options.channelId));
    if (!reference?.conversation) return { kind: 'not-in-channel' };
    let postedId: string | undefined;
    let failure: { error: unknown } | undefined;
    await options.adapter.continueConversationAsync(options.appId ?? '', reference, async (context) => {
      context.onSendActivities(async (_ctx, activities, send) => {
        // Why: the continuation event has a made-up id, and a post answering it would be sent as a reply to nothing.
        activities.forEach((a) => delete a.replyToId);
        return send();
      });
      // Why carried out of the turn: the adapter's onTurnError would catch it and post an apology into the channel.
      postedId = await context.sendActivity(message).then(
        (sent) => sent?.id,
        (error: unknown) => void (failure = { error }),
      );
    });
    if (failure) throw failure.error;
    return { kind: 'posted', thread: threadOf(reference, postedId) };
  };
}

/** Teams threads a channel by its root post: replies go to "<channel>;messageid=<post id>". */
function threadOf(
  reference: Partial<ConversationReference>,
  postId: string | undefined,
): Partial<ConversationReference> {
  const conversation = reference.conversation!;
  const id = postId ? `${conversation.id};messageid=${postId}` : conversation.id;
  return { ...reference, conversation: { ...conversation, id } };
}
