import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isDiprError } from "../../src/errors.js";
import { createStore, type ApplicationRecord, type StoreBatch } from "../../src/store/index.js";
import { hex32 as h, openTempStore, storeIdentity, type TempStore } from "../support/temp-store.js";

const app = (n: number, filingDate: string): ApplicationRecord => ({
  applicationId: h(1000 + n),
  office: "EP",
  number: String(n),
  canonicalId: `EP:${n}`,
  filingDate,
  ipType: "patent",
  claims: [],
  history: [],
});

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore("dipr-store-");
});
afterEach(() => temp.remove());

const commitBlock = (n: number, write: (b: StoreBatch) => unknown, confirmations = 3) =>
  temp.commitBlock(n, write, { undoFrom: n - confirmations, pruneBelow: n - confirmations });

describe("the LevelDB store", () => {
  test("a block's writes, undo record, kept block and cursor commit together and survive a reopen", async () => {
    await commitBlock(5, (b) => b.putApplication(app(1, "2024-01-01")));
    await temp.reopen();
    expect(await temp.store.getCursor()).toEqual({ number: 5, hash: h(5), digest: h(105) });
    expect((await temp.store.getApplication(h(1001)))?.filingDate).toBe("2024-01-01");
    expect((await temp.store.keptBlocks()).map((b) => [b.number, b.undo])).toEqual([
      [4, []],
      [5, [["meta", "applications", null], ["applications", h(1001), null]]],
    ]);
  });

  test("rollbackTo restores every value, cursor and digest of the ancestor, whatever the blocks above it wrote", async () => {
    await commitBlock(5, (b) => b.putApplication(app(1, "2024-01-01")));
    const before = await temp.store.exportEntries();
    await commitBlock(6, (b) => {
      b.putApplication(app(1, "2024-02-02"));
      b.putApplication(app(2, "2024-03-03"));
    });
    await commitBlock(7, (b) => {
      b.putApplication(app(1, "2024-04-04"));
      b.putMember({ role: h(9), account: h(8), grantedBy: h(7), grantedAt: { blockNumber: 7, transactionHash: h(7), logIndex: 0 } });
    });
    // Rewriting an application is not a new one: the count the store keeps moves with new records only.
    expect(temp.store.countApplications()).toBe(2);
    expect(await temp.store.rollbackTo(5)).toEqual({ number: 5, hash: h(5), digest: h(105) });
    expect(await temp.store.exportEntries()).toEqual(before);
    expect(temp.store.countApplications()).toBe(1);
  });

  test("kept blocks are pruned to confirmations + 1", async () => {
    for (let n = 5; n <= 12; n++) await commitBlock(n, (b) => b.putApplication(app(n, "2024-01-01")), 2);
    expect((await temp.store.keptBlocks()).map((b) => b.number)).toEqual([10, 11, 12]);
  });

  test("a second open of the same directory is STORE_LOCKED, with Level's error as the cause", async () => {
    const error = await createStore({ path: temp.path }).catch((e: unknown) => e);
    expect(isDiprError(error, "STORE_LOCKED")).toBe(true);
    expect(((error as Error).cause as { cause?: { code?: string } }).cause?.code).toBe("LEVEL_LOCKED");
  });

  test("a directory written for another chain or register is STORE_WRONG_CHAIN", async () => {
    await temp.store.close();
    for (const expect_ of [{ ...storeIdentity, chainId: 1 }, { ...storeIdentity, registerAddress: `0x${"bb".repeat(20)}` }]) {
      const error = await createStore({ path: temp.path, expect: expect_ }).catch((e: unknown) => e);
      expect(isDiprError(error, "STORE_WRONG_CHAIN")).toBe(true);
    }
    await temp.reopen();
  });

  test("a batch begun after one still committing reads its writes and records them as the values to undo to", async () => {
    const first = temp.store.beginBatch({ undoFrom: 2 });
    first.atBlock(5);
    first.putApplication(app(1, "2024-01-01"));
    const landing = first.commit({ keep: [{ number: 5, hash: h(5), parentHash: h(4), digest: h(105) }], cursor: { number: 5, hash: h(5), digest: h(105) }, pruneBelow: 2 });
    const second = temp.store.beginBatch({ undoFrom: 2, after: first });
    second.atBlock(6);
    expect(second.getApplication(h(1001))?.filingDate).toBe("2024-01-01");
    second.putApplication(app(1, "2024-02-02"));
    await landing;
    await second.commit({ keep: [{ number: 6, hash: h(6), parentHash: h(5), digest: h(106) }], cursor: { number: 6, hash: h(6), digest: h(106) }, pruneBelow: 2 });
    expect((await temp.store.getApplication(h(1001)))?.filingDate).toBe("2024-02-02");
    const kept = await temp.store.keptBlocks();
    expect(kept.at(-1)!.undo).toEqual([["applications", h(1001), expect.objectContaining({ filingDate: "2024-01-01" })]]);
    await temp.store.rollbackTo(5);
    expect((await temp.store.getApplication(h(1001)))?.filingDate).toBe("2024-01-01");
  });

  test("a family label written before a reopen is found after it (the label filter is rebuilt from the store)", async () => {
    await commitBlock(5, (b) => b.putFamilyLabel("EP:1", "EP:1"));
    await temp.reopen();
    const batch = temp.store.beginBatch({ undoFrom: 2 });
    batch.atBlock(6);
    expect(batch.getFamilyLabel("EP:1")).toBe("EP:1");
    expect(batch.getFamilyLabel("EP:2")).toBeUndefined();
  });

});
