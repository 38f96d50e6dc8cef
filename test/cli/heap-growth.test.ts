import { execFileSync } from "node:child_process";
import { describe, expect, test } from "vitest";
import { createHeapGrowth } from "../../src/cli/heap-growth.js";

const MiB = 2 ** 20;

function fakeV8(limitMiB: number) {
  const flags: string[] = [];
  return { flags, v8: { heapSizeLimit: () => limitMiB * MiB, setFlags: (f: string) => void flags.push(f) } };
}

describe("heap growth while following the head", () => {
  test("a capped heap gets the wider growth while following and V8's own back when it falls behind, once per change", () => {
    const { flags, v8 } = fakeV8(176); // the 128 MiB cap plus V8's young generation
    const growth = createHeapGrowth(100, v8);
    expect(growth.percentWhileFollowing).toBe(100);
    expect(flags).toEqual([]); // catching up: V8's own choice
    growth.following(true);
    growth.following(true);
    growth.following(false);
    growth.following(true);
    expect(flags).toEqual(["--heap-growing-percent=100", "--heap-growing-percent=0", "--heap-growing-percent=100"]);
  });

  test("an uncapped heap (V8 already grows it up to 4x) and a setting of 0 leave V8 alone", () => {
    for (const [limitMiB, percent] of [[4144, 100], [2048, 100], [176, 0]] as const) {
      const { flags, v8 } = fakeV8(limitMiB);
      const growth = createHeapGrowth(percent, v8);
      growth.following(true);
      expect(growth.percentWhileFollowing).toBe(0);
      expect(flags).toEqual([]);
    }
  });

  test("V8 takes the growth at run time and gives it back (the limits it sets, from --trace-gc-verbose)", () => {
    // Objects that live long enough to be promoted and then die, as an HTTP server's requests leave them in the old
    // space; one collector thread, so the same collections happen in every run.
    const script = `
      import { createHeapGrowth } from ${JSON.stringify(new URL("../../src/cli/heap-growth.ts", import.meta.url).href)};
      const live = []; for (let i = 0; i < 1e5; i++) live.push({ i, s: "x" + i });
      const ring = new Array(20000);
      const churn = async () => {
        for (let i = 0; i < 5e5; i++) {
          ring[i % ring.length] = new Array(100).fill(i);
          if (i % 1e4 === 0) await new Promise((resolve) => setImmediate(resolve));
        }
      };
      const growth = createHeapGrowth(100);
      await churn(); console.log("phase catching-up");
      growth.following(true); await churn(); console.log("phase following");
      growth.following(false); await churn(); console.log("phase catching-up-again");`;
    const out = execFileSync(process.execPath, ["--max-old-space-size=128", "--single-threaded-gc", "--trace-gc-verbose", "--import", "tsx", "--input-type=module", "-e", script], {
      encoding: "utf8",
      maxBuffer: 64 * 2 ** 20,
    });
    // "[HeapController] Limit: old size: 45483 KB, new limit: 88277 KB (2.0)": the factor of each limit V8 set.
    const factors: Record<string, number[]> = {};
    let pending: number[] = [];
    for (const line of out.split("\n")) {
      const limit = /\[HeapController\] Limit: .*\(([\d.]+)\)$/.exec(line);
      if (limit) pending.push(Number(limit[1]));
      const phase = /^phase (\S+)/.exec(line);
      if (phase) [factors[phase[1]!], pending] = [pending, []];
    }
    expect(factors["catching-up"]!.length).toBeGreaterThan(0);
    expect(Math.max(...factors["catching-up"]!)).toBeLessThan(2);
    // The first limit of a phase may have been set before the change; every later one has the new growth.
    expect(factors.following!.slice(1)).not.toHaveLength(0);
    expect(new Set(factors.following!.slice(1))).toEqual(new Set([2]));
    expect(Math.max(...factors["catching-up-again"]!.slice(1))).toBeLessThan(2);
  }, 60_000);
});
