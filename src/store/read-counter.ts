import type { SublevelName } from "./keys.js";
import type { Sublevel, Sublevels } from "./open-database.js";

/** Told of every read: the sublevel and how many entries it delivered (a point read counts 1, found or not). */
export type ReadObserver = (sublevel: SublevelName, entries: number) => void;

const POINT_READS = new Set<PropertyKey>(["get", "getSync"]);
const RANGE_READS = new Set<PropertyKey>(["keys", "values", "iterator"]);

/**
 * The sublevels with every read reported to `onRead`: what a query costs in store entries, counted rather than
 * timed, so a test can hold a query to "reads only its page". Only the store's reads go through these; batches
 * write through the plain sublevels.
 */
export function observeReads(subs: Sublevels, onRead: ReadObserver): Sublevels {
  return Object.fromEntries(Object.entries(subs).map(([name, sub]) => [name, observeSublevel(name as SublevelName, sub, onRead)])) as unknown as Sublevels;
}

// abstract-level keeps its state in private fields, so every method runs on the real object, never on the proxy.
function observeSublevel(name: SublevelName, sub: Sublevel, onRead: ReadObserver): Sublevel {
  return new Proxy(sub, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target) as unknown;
      if (typeof value !== "function") return value;
      if (POINT_READS.has(prop)) {
        return (...args: unknown[]) => {
          onRead(name, 1);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      if (RANGE_READS.has(prop)) return (...args: unknown[]) => observeIterator(name, (value as (...a: unknown[]) => object).apply(target, args), onRead);
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

type AnyIterator = { next(): Promise<unknown>; nextv(size: number): Promise<unknown[]>; all(): Promise<unknown[]>; close(): Promise<void> };

function observeIterator(name: SublevelName, iterator: object, onRead: ReadObserver): object {
  const it = iterator as AnyIterator;
  const next = async () => {
    const item = await it.next();
    if (item !== undefined) onRead(name, 1);
    return item;
  };
  return new Proxy(iterator, {
    get(target, prop) {
      if (prop === "next") return next;
      if (prop === "nextv") {
        return async (size: number) => {
          const items = await it.nextv(size);
          onRead(name, items.length);
          return items;
        };
      }
      if (prop === "all") {
        return async () => {
          const items = await it.all();
          onRead(name, items.length);
          return items;
        };
      }
      if (prop === Symbol.asyncIterator) {
        return async function* () {
          try {
            for (let item = await next(); item !== undefined; item = await next()) yield item;
          } finally {
            await it.close();
          }
        };
      }
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === "function" ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
