/**
 * Bounds the shape of a parsed JSON body: how deeply it nests and how many values it holds.
 * Why: JSON.parse accepts any depth, but JSON.stringify (every response, every store) overflows
 * the stack at a few thousand levels, so one 10 KB body could break every later read of what
 * it was stored in. Pure and iterative: the check itself never recurses.
 */

/** How deep and how large a body may be. */
export interface JsonLimits {
  /** Objects and arrays inside one another; the body itself is level 1. */
  maxDepth: number;
  /** Values of every kind (objects, arrays, strings, numbers, …), the body included. */
  maxValues: number;
}

/** Far beyond any activity a channel sends (a Teams card nests about 15 levels) and far below what breaks. */
export const JSON_LIMITS: JsonLimits = Object.freeze({ maxDepth: 64, maxValues: 20_000 });

/** Whether the value fits, or which limit it passed. */
export type JsonShape =
  { kind: 'ok' } | { kind: 'too-deep'; limit: number } | { kind: 'too-many-values'; limit: number };

/** Walks the value once, breadth first, stopping at the first limit passed. */
export function checkJsonShape(value: unknown, limits: JsonLimits = JSON_LIMITS): JsonShape {
  let level: unknown[] = [value];
  let values = 1;
  for (let depth = 1; level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const item of level) {
      if (item === null || typeof item !== 'object') continue;
      if (depth > limits.maxDepth) return { kind: 'too-deep', limit: limits.maxDepth };
      const children = Object.values(item);
      values += children.length;
      if (values > limits.maxValues) return { kind: 'too-many-values', limit: limits.maxValues };
      next.push(...children);
    }
    level = next;
  }
  return { kind: 'ok' };
}
