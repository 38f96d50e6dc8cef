import { describe, expect, test } from "vitest";
import { DiprError, isDiprError } from "../../src/errors.js";
import { withRetry } from "../../src/indexer/retry.js";
import { captureLog } from "../support/capture-log.js";

const down = (n: number) => new DiprError("CHAIN_UNAVAILABLE", `cannot reach the JSON-RPC node (try ${n})`, { method: "eth_chainId" }, { retryable: true });

describe("withRetry", () => {
  test("bounded tries: the last error is thrown after maxAttempts calls, each retry logged in one short line", async () => {
    const capture = captureLog();
    let calls = 0;
    const error = await withRetry(
      async () => {
        throw down(++calls);
      },
      { log: capture.log, policy: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 3 }, what: "eth_chainId" },
    ).catch((e: unknown) => e);
    expect(calls).toBe(3);
    expect(isDiprError(error, "CHAIN_UNAVAILABLE") && error.message).toBe("cannot reach the JSON-RPC node (try 3)");
    const retries = capture.lines.filter((l) => l.msg === "rpc call failed, retrying");
    expect(retries.map((l) => l.attempt)).toEqual([1, 2]);
    // The code and the message, not a stack per try.
    for (const line of retries) {
      expect(line.err).toMatchObject({ code: "CHAIN_UNAVAILABLE", message: `cannot reach the JSON-RPC node (try ${String(line.attempt)})` });
      expect((line.err as { stack?: string }).stack ?? "").toBe("");
    }
  });

  test("without maxAttempts it keeps trying until the call succeeds", async () => {
    let calls = 0;
    const result = await withRetry(
      async () => {
        if (++calls < 6) throw down(calls);
        return "0x7a69";
      },
      { log: captureLog().log, policy: { baseDelayMs: 1, maxDelayMs: 1 }, what: "eth_chainId" },
    );
    expect([result, calls]).toEqual(["0x7a69", 6]);
  });
});
