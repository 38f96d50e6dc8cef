import { describe, expect, test } from "vitest";
import { isDiprError } from "../../src/errors.js";
import { createRangeSizer } from "../../src/indexer/range-sizer.js";

describe("adaptive eth_getLogs range", () => {
  test("doubles after light ranges up to the maximum, halves after heavy ones", () => {
    const sizer = createRangeSizer({ minBlocks: 1, maxBlocks: 1000, targetLogs: 100, initialBlocks: 10 });
    sizer.onSuccess(10, 0);
    expect(sizer.size()).toBe(20);
    for (let i = 0; i < 10; i++) sizer.onSuccess(sizer.size(), 0);
    expect(sizer.size()).toBe(1000);
    sizer.onSuccess(1000, 1000);
    expect(sizer.size()).toBe(500);
    sizer.onSuccess(500, 100); // on target: unchanged
    expect(sizer.size()).toBe(500);
  });

  test("halves on a refusal, takes a smaller suggestion, and does not grow back past the refused size at once", () => {
    const sizer = createRangeSizer({ minBlocks: 1, maxBlocks: 1000, targetLogs: 100, initialBlocks: 64 });
    sizer.onRefused(64);
    expect(sizer.size()).toBe(32);
    sizer.onRefused(32, 5);
    expect(sizer.size()).toBe(5);
    for (let i = 0; i < 5; i++) sizer.onSuccess(sizer.size(), 0);
    expect(sizer.size()).toBe(31);
  });

  test("gives up with INDEXER_RANGE_UNAVAILABLE when the minimum is refused", () => {
    const sizer = createRangeSizer({ minBlocks: 1, maxBlocks: 10, targetLogs: 100, initialBlocks: 1 });
    let error: unknown;
    try {
      sizer.onRefused(1);
    } catch (e) {
      error = e;
    }
    expect(isDiprError(error, "INDEXER_RANGE_UNAVAILABLE")).toBe(true);
  });
});
