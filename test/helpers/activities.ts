/** Activities tests post to /api/messages. */
import type { Activity } from 'botbuilder';

/** A customer's message that asks for the replies in the HTTP response (`expectReplies`), so no connector is needed. */
export function expectRepliesMessage(text: string, conversationId: string): Partial<Activity> {
  return {
    type: 'message',
    text,
    deliveryMode: 'expectReplies',
    channelId: 'test',
    serviceUrl: 'http://127.0.0.1:9',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'user-1', name: 'Customer' },
    recipient: { id: 'bot', name: 'Bot' },
  };
}
