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

  test("claims sort in chain order inside a claimed id's range, from a position on, and ranges do not overlap", () => {
    const claimed = "0xAB";
    const at = (blockNumber: number, logIndex: number) => ({ blockNumber, logIndex });
    const keys = [
      claimedKey(claimed, at(2, 9), "0xff", 1),
      claimedKey(claimed, at(2, 10), "0x01", 1),
      claimedKey(claimed, at(10, 0), "0x01", 2),
      claimedKey(claimed, at(10, 0), "0x01", 10),
      claimedKey(claimed, at(64, 3), "0x02", 1),
    ];
    expect([...keys].sort()).toEqual(keys);
    expect(sequenceKey(2)).toBe("002");
    const range = claimedRange(claimed);
    for (const key of keys) expect(key >= range.gte && key < range.lt).toBe(true);
    const other = claimedKey("0xab1", at(1, 0), "0x01", 1);
    expect(other >= range.gte && other < range.lt).toBe(false);
    expect(keys[1]).toBe("0xab/000000000002/000010/0x01/001"); // ids are lower-cased
    // After a position: every later claim, none at or before it (two claims of one application share a position).
    const after = claimedRange(claimed, at(10, 0));
    expect(keys.map((key) => key >= after.gte && key < after.lt)).toEqual([false, false, false, false, true]);
    expect(keys.filter((key) => key >= claimedRange(claimed, at(2, 9)).gte).length).toBe(4);
  });

  test("a claimed-by key gives back its ids, position and sequence", () => {
    expect(parseClaimedKey(claimedKey("0xAB", { blockNumber: 7, logIndex: 3 }, "0xCD", 12))).toEqual({
      claimedId: "0xab",
      claimedAt: { blockNumber: 7, logIndex: 3 },
      claimantId: "0xcd",
      sequence: 12,
    });
    expect(() => parseClaimedKey("0xab/0xcd")).toThrow(TypeError);
  });

  test("member keys group accounts under their role", () => {
    const range = memberRange("0xRole");
    const key = memberKey("0xROLE", "0xAccount");
    expect(key).toBe("0xrole/0xaccount");
    expect(key >= range.gte && key < range.lt).toBe(true);
  });
});
