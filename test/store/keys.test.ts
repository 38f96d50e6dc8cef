import { describe, expect, test } from "vitest";
import { blockKey, claimedKey, claimedRange, memberKey, memberRange, parseBlockKey, parseClaimedKey, sequenceKey } from "../../src/store/keys.js";

describe("store keys", () => {
  test("block keys are zero-padded so byte order is numeric order", () => {
    const numbers = [0, 9, 10, 99, 100, 12_345_678, 999_999_999_999];
    const keys = numbers.map(blockKey);
    expect([...keys].sort()).toEqual(keys);
    expect(keys.map(parseBlockKey)).toEqual(numbers);
    expect(blockKey(7)).toBe("000000000007");
  });

  test.each([-1, 1.5, 10 ** 12, Number.NaN])("refuses block number %s", (n) => {
    expect(() => blockKey(n)).toThrow(TypeError);
  });

  test("claim sequences sort numerically inside a claimed id's range, and ranges do not overlap", () => {
    const claimed = "0xAB";
    const keys = [1, 2, 10, 64].map((s) => claimedKey(claimed, "0x01", s));
    expect([...keys].sort()).toEqual(keys);
    expect(sequenceKey(2)).toBe("002");
    const range = claimedRange(claimed);
    for (const key of keys) expect(key >= range.gte && key < range.lt).toBe(true);
    const other = claimedKey("0xab1", "0x01", 1);
    expect(other >= range.gte && other < range.lt).toBe(false);
    expect(keys[0]).toBe("0xab/0x01/001"); // ids are lower-cased
  });

  test("a claimed-by key gives back its ids and sequence", () => {
    expect(parseClaimedKey(claimedKey("0xAB", "0xCD", 12))).toEqual({ claimedId: "0xab", claimantId: "0xcd", sequence: 12 });
    expect(() => parseClaimedKey("0xab/0xcd")).toThrow(TypeError);
  });

  test("member keys group accounts under their role", () => {
    const range = memberRange("0xRole");
    const key = memberKey("0xROLE", "0xAccount");
    expect(key).toBe("0xrole/0xaccount");
    expect(key >= range.gte && key < range.lt).toBe(true);
  });
});
