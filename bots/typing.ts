/** The typing indicator, except where replies are returned in the HTTP response, and in quiet turns. */
import { DeliveryModes, ShowTypingMiddleware, type Middleware, type TurnContext } from 'botbuilder';

/** Turn-state key: the turn must show no typing (the customer is with a person: the bot is silent). */
const QUIET = Symbol('quietTurn');

/** Marks the turn quiet: no typing indicator from now on (the handover runtime, while a person has the chat). */
export function markQuiet(context: TurnContext): void {
  context.turnState.set(QUIET, true);
}

/**
 * botbuilder's ShowTypingMiddleware sends typing to the channel's serviceUrl while a turn
 * takes longer than `delay` ms. With deliveryMode "expectReplies" there is no serviceUrl to
 * call, so those turns are passed straight through. Why a view of the context: the middleware
 * sends typing through `context.adapter` directly (past every send handler), so the view's
 * adapter is the one place a quiet turn can hold it back.
 */
export function typingIndicator(delay = 500, period = 2000): Middleware {
  const typing = new ShowTypingMiddleware(delay, period);
  return {
    onTurn: (context: TurnContext, next: () => Promise<void>) =>
      context.activity.deliveryMode === DeliveryModes.ExpectReplies ? next() : typing.onTurn(quietView(context), next),
  };
}

/** The context, whose adapter sends nothing once the turn is marked quiet. */
function quietView(context: TurnContext): TurnContext {
  const adapter = context.adapter;
  const quietAdapter = new Proxy(adapter, {
    get(target, property) {
      if (property !== 'sendActivities') return Reflect.get(target, property, target);
      return (ctx: TurnContext, activities: Parameters<typeof adapter.sendActivities>[1]) =>
        context.turnState.get(QUIET) ? Promise.resolve([]) : target.sendActivities(ctx, activities);
    },
  });
  return new Proxy(context, {
    get: (target, property) => (property === 'adapter' ? quietAdapter : Reflect.get(target, property, target)),
  });
}
