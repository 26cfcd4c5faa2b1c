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
import { tagRequest } from '../logger';
import { REDACTED_INCOMING, incomingGivesSecret, redactGivingSecret } from '../transcripts/redact-activity';
import {
  ConversationGoneError,
  type Activity,
  type ChannelAccount,
  type ConversationStatus,
  type ConversationStore,
} from './conversations';
import { DIRECTLINE_CHANNEL_ID } from './service';

/** The serviceUrl turns carry; nothing is ever sent to it, replies go straight into the conversation. */
export const IN_PROCESS_SERVICE_URL = 'urn:directline:in-process';

/** Where a turn's error is kept for `processActivity`, which then rejects. */
const TURN_ERROR = Symbol('directLineTurnError');

type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;

/** A turn failed (the bot, or the middleware recording it): its activity must not be acknowledged. */
export class TurnFailedError extends Error {
  override name = 'TurnFailedError';
  constructor(override readonly cause: unknown) {
    super(`The turn failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * Why in-process and not a POST back to /api/messages: that would need Bot Framework authentication
 * off for everyone, and would let a caller choose the serviceUrl the bot sends replies to.
 */
export class DirectLineAdapter extends BotAdapter {
  private turnErrorHandler?: TurnErrorHandler;

  constructor(
    private readonly store: ConversationStore,
    private readonly bot: ChannelAccount,
  ) {
    super();
  }

  /**
   * Runs one turn through the middleware and `logic`; resolves once it is done (its transcript written, when
   * the durable middleware is in use), and rejects with TurnFailedError when it failed, after onTurnError ran.
   * `redacted`, the activity's copy the store redacted (recording its text held back), is handed to the transcript
   * in the turn state, and recorded once the turn has read the activity;
   * `requestId`, the HTTP request it came in, to the turn's logs.
   */
  async processActivity(
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
    redacted?: Activity,
    requestId?: string,
  ): Promise<void> {
    const incoming = { ...activity, serviceUrl: IN_PROCESS_SERVICE_URL } as unknown as BotActivity;
    if (requestId !== undefined) tagRequest(incoming, requestId);
    const context = new TurnContext(this, incoming);
    if (redacted) context.turnState.set(REDACTED_INCOMING, { ...redacted, serviceUrl: IN_PROCESS_SERVICE_URL });
    await this.runMiddleware(context, logic);
    if (redacted) await this.recordIncoming(context, activity, redacted);
    if (context.turnState.has(TURN_ERROR)) throw new TurnFailedError(context.turnState.get(TURN_ERROR));
  }

  /**
   * Records the incoming activity's copy to keep, which the store held back its text from (`holdText`): redacted,
   * and without the secret it gives when the turn found one, which clients then also read back. Why before the turn
   * resolves: the activity is acknowledged only once that copy is kept.
   */
  private async recordIncoming(context: TurnContext, activity: Activity, redacted: Activity): Promise<void> {
    const givesSecret = incomingGivesSecret(context.turnState);
    if (typeof redacted.text !== 'string' && !givesSecret) return;
    const kept = givesSecret ? redactGivingSecret(activity) : redacted;
    await this.store.replace(activity.conversation?.id ?? '', kept, givesSecret);
  }

  /**
   * Why wrap: BotAdapter hands a failed turn to onTurnError and then resolves as if it had succeeded (the
   * apology was sent); the Direct Line must still know, so that it does not acknowledge the activity.
   */
  override get onTurnError(): TurnErrorHandler {
    return async (context, error) => {
      context.turnState.set(TURN_ERROR, error);
      await this.turnErrorHandler?.(context, error);
    };
  }

  override set onTurnError(handler: TurnErrorHandler) {
    this.turnErrorHandler = handler;
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
      responses.push({ id: await this.deliver(conversationId, activity) });
    }
    return responses;
  }

  override async updateActivity(): Promise<void> {
    throw new Error('The built-in Direct Line endpoint cannot update a sent activity; send a new one.');
  }

  override async deleteActivity(): Promise<void> {
    throw new Error('The built-in Direct Line endpoint cannot delete a sent activity.');
  }

  /**
   * A proactive turn in a conversation (for example, an agent's message during a handover): what `logic` sends
   * reaches the customer's open stream, or their next poll or reconnect. The conversation may be only in the
   * records (after a restart); it is loaded. Rejects with ConversationGoneError, before `logic` runs, when the
   * conversation no longer exists (it expired or was removed: the customer left).
   */
  override async continueConversation(
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    const conversationId = reference.conversation?.id ?? '';
    if ((await this.store.userOf(conversationId)) === undefined) throw new ConversationGoneError(conversationId);
    const event = { type: ActivityTypes.Event, name: 'continueConversation' };
    const activity = TurnContext.applyConversationReference(event, reference, true) as Activity;
    await this.processActivity(activity, logic);
  }

  /** Whether a conversation still exists and when its customer was last there; undefined once it is gone. */
  conversationStatus(conversationId: string): Promise<ConversationStatus | undefined> {
    return this.store.status(conversationId);
  }

  /** Appends a reply and resolves with its id once it is in the records and sent to the customer's streams. */
  private async deliver(conversationId: string, activity: Partial<BotActivity>): Promise<string> {
    const user = await this.store.userOf(conversationId);
    if (user === undefined) throw new ConversationGoneError(conversationId);
    const appended = await this.store.append(conversationId, this.outgoing(activity, conversationId, user));
    await appended.shown;
    return appended.activity.id!;
  }

  /** Plain JSON from the bot, with the bot as sender and the conversation's user as recipient. */
  private outgoing(activity: Partial<BotActivity>, conversationId: string, user: string): Activity {
    const json = JSON.parse(JSON.stringify(activity)) as Activity;
    delete json.serviceUrl;
    return {
      ...json,
      channelId: DIRECTLINE_CHANNEL_ID,
      conversation: { id: conversationId },
      from: { ...this.bot, role: 'bot' },
      recipient: { id: user, role: 'user' },
    };
  }
}
