import { appendFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
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

describe("replay cache kept in a file", () => {
  const dir = mkdtempSync(join(tmpdir(), "dipr-replay-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const newPath = () => join(dir, `nonces-${++n}`);

  test("a restarted node refuses a nonce used before the restart, and forgets those past their time", () => {
    const path = newPath();
    const before = createReplayCache({ path, nowSeconds: 0 });
    expect(before.remember("used", 400, 10)).toBe(true);
    expect(before.remember("short", 50, 10)).toBe(true);
    before.close();
    const after = createReplayCache({ path, nowSeconds: 100 });
    expect(after.size()).toBe(1);
    expect(after.remember("used", 400, 100)).toBe(false);
    expect(after.remember("short", 150, 100)).toBe(true);
    after.close();
    // Rewritten when opened: only the nonces still in time, then what was appended.
    expect(readFileSync(path, "utf8")).toBe("used 400\nshort 150\n");
  });

  test("a node killed without closing keeps its nonces too, and a line cut short is skipped", () => {
    const path = newPath();
    const killed = createReplayCache({ path, nowSeconds: 0 });
    killed.remember("a", 400, 0);
    appendFileSync(path, "b 4");
    const next = createReplayCache({ path, nowSeconds: 100 });
    expect(next.remember("a", 400, 100)).toBe(false);
    expect(next.size()).toBe(1);
    next.close();
    killed.close();
  });

  test("the file stays about twice the live nonces however many requests pass", () => {
    const path = newPath();
    const cache = createReplayCache({ path, nowSeconds: 0 });
    for (let i = 0; i < 5000; i++) expect(cache.remember(`k${i}`, i + 10, i)).toBe(true);
    const lines = readFileSync(path, "utf8").split("\n").length - 1;
    expect(lines).toBeLessThanOrEqual(1001);
    cache.close();
    const reopened = createReplayCache({ path, nowSeconds: 4995 });
    expect(reopened.remember("k4999", 5009, 4995)).toBe(false);
    expect(reopened.size()).toBe(15);
    reopened.close();
  });

  test("a file that cannot be written is a retryable refusal, not a request accepted without its nonce kept", () => {
    const error = expectCode(() => createReplayCache({ path: join(dir, "no-such-dir", "nonces") }), "DOCUMENT_REQUEST_REPLAY_CACHE_UNAVAILABLE");
    expect(error.retryable).toBe(true);
  });
});
