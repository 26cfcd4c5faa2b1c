/**
 * botbuilder's BotState.saveChanges writes with eTag "*" (last writer wins). This wrapper puts
 * back the eTag the item had when it was last read here, so a save that lost a race (two
 * instances, a turn lease that ran out) is refused with a StaleWriteError instead of silently
 * overwriting newer state.
 *
 * Why no per-turn scope: turns of one conversation already run one at a time in a process
 * (serialiseTurns), so the last read of a conversation's key is this turn's read. A read
 * older than `maxAgeMs` (longer than any turn) is ignored, so a write that follows no read of
 * its own (BotState.clear) stays unconditional; entries are bounded by `capacity`.
 */
import type { Storage, StoreItems } from 'botbuilder';
import { expectedETag } from './items';

/** The oldest read whose eTag a write still carries: longer than any turn (and than a turn lease). */
export const GUARD_MAX_AGE_MS = 15_000;

/** `storage`, with the eTag of the last recent read put back on writes that carry none or "*". */
export function guardETags(storage: Storage, maxAgeMs = GUARD_MAX_AGE_MS, capacity = 10_000): Storage {
  const reads = new Map<string, { eTag: string; at: number }>();
  const remember = (key: string, eTag: string | undefined) => {
    reads.delete(key);
    if (eTag === undefined) return;
    reads.set(key, { eTag, at: Date.now() });
    if (reads.size > capacity) reads.delete(reads.keys().next().value as string);
  };
  const recentETag = (key: string) => {
    const read = reads.get(key);
    return read && Date.now() - read.at <= maxAgeMs ? read.eTag : undefined;
  };
  return {
    async read(keys: string[]): Promise<StoreItems> {
      const items = await storage.read(keys);
      for (const key of keys) remember(key, expectedETag(items[key]));
      return items;
    },
    async write(changes: StoreItems): Promise<void> {
      const guarded: StoreItems = {};
      for (const [key, item] of Object.entries(changes)) {
        const eTag = expectedETag(item) === undefined ? recentETag(key) : undefined;
        guarded[key] = eTag === undefined ? item : { ...item, eTag };
      }
      // Why forget even on failure: the new eTag is unknown here, and a retry must read again.
      for (const key of Object.keys(changes)) reads.delete(key);
      await storage.write(guarded);
    },
    async delete(keys: string[]): Promise<void> {
      for (const key of keys) reads.delete(key);
      await storage.delete(keys);
    },
  };
}
