/**
 * botbuilder's BotState.saveChanges writes with eTag "*" (last writer wins). Inside a turn
 * scope, this wrapper puts back the eTag the turn read, so a write that lost a race (two
 * instances, a lease that ran out) is refused with a StaleWriteError instead of silently
 * overwriting newer state. Outside a turn scope it changes nothing.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Storage, StoreItems } from 'botbuilder';
import { expectedETag } from './items';

/** Per turn: key → the eTag it had when this turn read it. */
const turnReads = new AsyncLocalStorage<Map<string, string>>();

/** Runs `fn` as one turn: state it reads is written back only if no one changed it since. */
export function inTurnScope<T>(fn: () => Promise<T>): Promise<T> {
  return turnReads.run(new Map(), fn);
}

/** `storage`, with the eTags read in the current turn scope put back on unconditional writes. */
export function guardETags(storage: Storage): Storage {
  return {
    async read(keys: string[]): Promise<StoreItems> {
      const items = await storage.read(keys);
      const reads = turnReads.getStore();
      if (reads)
        for (const key of keys) {
          const eTag = expectedETag(items[key]);
          if (eTag === undefined) reads.delete(key);
          else reads.set(key, eTag);
        }
      return items;
    },
    async write(changes: StoreItems): Promise<void> {
      const reads = turnReads.getStore();
      if (!reads) return storage.write(changes);
      const guarded: StoreItems = {};
      for (const [key, item] of Object.entries(changes)) {
        const eTag = reads.get(key);
        guarded[key] = eTag !== undefined && expectedETag(item) === undefined ? { ...item, eTag } : item;
      }
      await storage.write(guarded);
      // Why forget: the new eTag is unknown here, and a second save in the same turn must not refuse itself.
      for (const key of Object.keys(changes)) reads.delete(key);
    },
    async delete(keys: string[]): Promise<void> {
      const reads = turnReads.getStore();
      for (const key of keys) reads?.delete(key);
      await storage.delete(keys);
    },
  };
}
