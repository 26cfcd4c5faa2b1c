/**
 * The first middleware of every turn: gives the turn an id that every line logged during it carries (`turnId`,
 * beside the request's `requestId`), and reports the finished turn (channel, seconds, failed) to the metrics.
 */
import { performance } from 'node:perf_hooks';
import type { Middleware, TurnContext } from 'botbuilder';
import { inLogScope, newLogId } from '../logger';

/** Where finished turns go (server/metrics.ts's BotMetrics fits); a failed turn is one whose logic threw. */
export interface TurnMeter {
  turnEnded(turn: { channel: string; seconds: number; failed: boolean }): void;
}

/** Where the turn's id is kept in turn state, for the adapter's error handler (it logs outside the turn's scope). */
export const TURN_ID = Symbol('turnId');

/** The turn's id, if `observeTurns` ran. */
export function turnIdOf(context: TurnContext): string | undefined {
  const id: unknown = context.turnState.get(TURN_ID);
  return typeof id === 'string' ? id : undefined;
}

/** Ids every turn and, with a meter, counts and times it; `now` is in milliseconds (tests pass a clock). */
export function observeTurns(meter?: TurnMeter, now: () => number = () => performance.now()): Middleware {
  return {
    onTurn: async (context, next) => {
      const turnId = newLogId();
      context.turnState.set(TURN_ID, turnId);
      const started = now();
      let failed = true;
      try {
        await inLogScope({ turnId }, next);
        failed = false;
      } finally {
        const seconds = (now() - started) / 1000;
        meter?.turnEnded({ channel: context.activity.channelId ?? '', seconds, failed });
      }
    },
  };
}
