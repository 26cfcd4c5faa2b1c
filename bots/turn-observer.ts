/**
 * The first middleware of every turn: gives the turn an id, finds the id of the HTTP request its activity came in,
 * keeps both in the turn state for the turn's log lines (`turnIdsOf`, `turnLogger`), and reports the finished turn
 * (channel, seconds, failed) to the metrics.
 */
import { performance } from 'node:perf_hooks';
import type { Middleware, TurnContext } from 'botbuilder';
import { newLogId, requestIdOfActivity, type Logger } from '../logger';

/** Where finished turns go (server/metrics.ts's BotMetrics fits); a failed turn is one whose logic threw. */
export interface TurnMeter {
  turnEnded(turn: { channel: string; seconds: number; failed: boolean }): void;
}

/** What a turn's log lines carry: its own id, and the request's when it came over HTTP (not a proactive turn). */
export interface TurnIds {
  turnId?: string;
  requestId?: string;
}

const TURN_IDS = Symbol('turnIds');

/** The turn's ids, empty if `observeTurns` did not run; spread them into a log line. */
export function turnIdsOf(context: TurnContext): TurnIds {
  return (context.turnState.get(TURN_IDS) as TurnIds | undefined) ?? {};
}

/** A child logger whose every line carries the turn's ids, for the parts of the bot that log during a turn. */
export function turnLogger(context: TurnContext, logger: Logger): Logger {
  return logger.child(turnIdsOf(context));
}

/** Ids every turn and, with a meter, counts and times it; `now` is in milliseconds (tests pass a clock). */
export function observeTurns(meter?: TurnMeter, now: () => number = () => performance.now()): Middleware {
  return {
    onTurn: async (context, next) => {
      const requestId = requestIdOfActivity(context.activity);
      const ids: TurnIds = requestId === undefined ? { turnId: newLogId() } : { turnId: newLogId(), requestId };
      context.turnState.set(TURN_IDS, ids);
      const started = now();
      let failed = true;
      try {
        await next();
        failed = false;
      } finally {
        const seconds = (now() - started) / 1000;
        meter?.turnEnded({ channel: context.activity.channelId ?? '', seconds, failed });
      }
    },
  };
}
