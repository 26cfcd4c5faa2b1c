/** The bot's side of the built-in Direct Line: a BotAdapter that runs turns in-process and stores the replies. */
import {
  ActivityTypes,
  BotAdapter,
  TurnContext,
  type Activity as BotActivity,
  type ConversationReference,
  type ResourceResponse,
} from 'botbuilder';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Activity, ChannelAccount, ConversationStore } from './conversations';
import { DIRECTLINE_CHANNEL_ID } from './service';

/** The serviceUrl turns carry; nothing is ever sent to it, replies go straight into the conversation. */
export const IN_PROCESS_SERVICE_URL = 'urn:directline:in-process';

/**
 * Why in-process and not a POST back to /api/messages: that would need Bot Framework authentication
 * off for everyone, and would let a caller choose the serviceUrl the bot sends replies to.
 */
export class DirectLineAdapter extends BotAdapter {
  constructor(
    private readonly store: ConversationStore,
    private readonly bot: ChannelAccount,
  ) {
    super();
  }

  /** Runs one turn through the middleware and `logic` for an activity a client posted. */
  async processActivity(activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const incoming = { ...activity, serviceUrl: IN_PROCESS_SERVICE_URL } as unknown as BotActivity;
    await this.runMiddleware(new TurnContext(this, incoming), logic);
  }

  /** Stores each reply in its conversation, where clients read it; `delay` activities pause as elsewhere. */
  override async sendActivities(context: TurnContext, activities: Partial<BotActivity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') await sleep(typeof activity.value === 'number' ? activity.value : 1000);
      if (activity.type === 'delay' || activity.type === ActivityTypes.InvokeResponse) {
        responses.push({ id: '' });
        continue;
      }
      const conversationId = activity.conversation?.id ?? context.activity.conversation.id;
      responses.push({ id: this.store.append(conversationId, this.outgoing(activity, conversationId)).id! });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('The built-in Direct Line endpoint cannot update a sent activity; send a new one.');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('The built-in Direct Line endpoint cannot delete a sent activity.');
  }

  /** A proactive turn in an open conversation (for example, to tell the customer an agent has joined). */
  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const event = { type: ActivityTypes.Event, name: 'continueConversation' };
    const activity = TurnContext.applyConversationReference(event, reference, true) as Activity;
    await this.processActivity(activity, logic);
  }

  /** Plain JSON from the bot, with the bot as sender and the conversation's user as recipient. */
  private outgoing(activity: Partial<BotActivity>, conversationId: string): Activity {
    const json = JSON.parse(JSON.stringify(activity)) as Activity;
    delete json.serviceUrl;
    return {
      ...json,
      channelId: DIRECTLINE_CHANNEL_ID,
      conversation: { id: conversationId },
      from: { ...this.bot, role: 'bot' },
      recipient: { id: this.store.userOf(conversationId) ?? '', role: 'user' },
    };
  }
}
