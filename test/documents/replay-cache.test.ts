import { describe, expect, test } from "vitest";
import { createReplayCache } from "../../src/documents/replay-cache.js";
import { expectCode } from "../domain/expect-code.js";

describe("replay cache", () => {
  test("a key is refused while in time and accepted again once past it", () => {
    const cache = createReplayCache();
    expect(cache.remember("a", 100, 50)).toBe(true);
    expect(cache.remember("a", 100, 60)).toBe(false);
    expect(cache.remember("a", 100, 100)).toBe(false);
    expect(cache.remember("a", 200, 101)).toBe(true);
  });

  test("when full of keys in time it refuses new ones (retryable) rather than forget one early", () => {
    const cache = createReplayCache({ maxEntries: 2 });
    cache.remember("a", 100, 0);
    cache.remember("b", 300, 0);
    const error = expectCode(() => cache.remember("c", 300, 50), "DOCUMENT_REQUEST_REPLAY_CACHE_FULL");
    expect(error.retryable).toBe(true);
    expect(cache.remember("a", 100, 50)).toBe(false);
  });

  test("expired keys make room, even behind a key still in time", () => {
    const cache = createReplayCache({ maxEntries: 2 });
    cache.remember("long", 1000, 0);
    cache.remember("short", 100, 0);
    expect(cache.remember("c", 300, 150)).toBe(true);
    expect(cache.size()).toBe(2);
    expect(cache.remember("long", 1000, 150)).toBe(false);
  });
});
