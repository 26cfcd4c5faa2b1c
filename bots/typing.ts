/** The typing indicator, except where replies are returned in the HTTP response. */
import { DeliveryModes, ShowTypingMiddleware, type Middleware, type TurnContext } from 'botbuilder';

/**
 * botbuilder's ShowTypingMiddleware sends typing to the channel's serviceUrl while a turn
 * takes longer than `delay` ms. With deliveryMode "expectReplies" there is no serviceUrl to
 * call, so those turns are passed straight through.
 */
export function typingIndicator(delay = 500, period = 2000): Middleware {
  const typing = new ShowTypingMiddleware(delay, period);
  return {
    onTurn: (context: TurnContext, next: () => Promise<void>) =>
      context.activity.deliveryMode === DeliveryModes.ExpectReplies ? next() : typing.onTurn(context, next),
  };
}
