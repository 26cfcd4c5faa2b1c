/** The sink the bot writes to: each event to the store, an unanswered question placed in its group first. */
import type { InsightEvent, TelemetrySink } from './events';
import { placeUnanswered, type UnansweredReader } from './group';
import type { InsightsStore } from './sqlite';

/**
 * Writes each event to `store`, without waiting. Why not wait: an event is not worth slowing or
 * failing a customer's turn; a failed write is reported to `onError` and the turn goes on.
 */
export function storeSink(
  store: Pick<InsightsStore, 'record'>,
  reader: UnansweredReader,
  onError: (err: unknown) => void,
): TelemetrySink {
  return {
    track(event: InsightEvent): void {
      try {
        const unanswered = event.name === 'answer.given' && event.kind === 'none';
        const place = unanswered ? placeUnanswered(event.text ?? '', reader) : undefined;
        store.record(event, place).catch(onError);
      } catch (err) {
        onError(err);
      }
    },
  };
}
