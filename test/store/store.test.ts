import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { isDiprError } from "../../src/errors.js";
import { createStore, type ApplicationRecord, type Hex, type Store } from "../../src/store/index.js";
import { tempDir } from "../support/indexer-harness.js";

const identity = { chainId: 31337, registerAddress: `0x${"aa".repeat(20)}` as Hex, startBlock: 5 };
const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
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

let dir: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(async () => {
  dir = tempDir("dipr-store-");
  store = await createStore({ path: dir.path, expect: identity });
  await store.initialise(identity, { number: 4, hash: h(4), digest: h(0) }, { number: 4, hash: h(4), parentHash: h(3) });
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

async function commitBlock(n: number, write: (b: ReturnType<Store["beginBatch"]>) => unknown, confirmations = 3) {
  const batch = store.beginBatch({ undoFrom: n - confirmations });
  batch.atBlock(n);
  await write(batch);
  await batch.commit({ keep: [{ number: n, hash: h(n), parentHash: h(n - 1), digest: h(100 + n) }], cursor: { number: n, hash: h(n), digest: h(100 + n) }, pruneBelow: n - confirmations });
}

describe("the LevelDB store", () => {
  test("a block's writes, undo record, kept block and cursor commit together and survive a reopen", async () => {
    await commitBlock(5, (b) => b.putApplication(app(1, "2024-01-01")));
    await store.close();
    store = await createStore({ path: dir.path, expect: identity });
    expect(await store.getCursor()).toEqual({ number: 5, hash: h(5), digest: h(105) });
    expect((await store.getApplication(h(1001)))?.filingDate).toBe("2024-01-01");
    expect((await store.keptBlocks()).map((b) => [b.number, b.undo])).toEqual([
      [4, []],
      [5, [["meta", "applications", null], ["applications", h(1001), null]]],
    ]);
  });

  test("rollbackTo restores every value, cursor and digest of the ancestor, whatever the blocks above it wrote", async () => {
    await commitBlock(5, (b) => b.putApplication(app(1, "2024-01-01")));
    const before = await store.exportEntries();
    await commitBlock(6, (b) => {
      b.putApplication(app(1, "2024-02-02"));
      b.putApplication(app(2, "2024-03-03"));
    });
    await commitBlock(7, (b) => {
      b.putApplication(app(1, "2024-04-04"));
      b.putMember({ role: h(9), account: h(8), grantedBy: h(7), grantedAt: { blockNumber: 7, transactionHash: h(7), logIndex: 0 } });
    });
    // Rewriting an application is not a new one: the count the store keeps moves with new records only.
    expect(store.countApplications()).toBe(2);
    expect(await store.rollbackTo(5)).toEqual({ number: 5, hash: h(5), digest: h(105) });
    expect(await store.exportEntries()).toEqual(before);
    expect(store.countApplications()).toBe(1);
  });

  test("kept blocks are pruned to confirmations + 1", async () => {
    for (let n = 5; n <= 12; n++) await commitBlock(n, (b) => b.putApplication(app(n, "2024-01-01")), 2);
    expect((await store.keptBlocks()).map((b) => b.number)).toEqual([10, 11, 12]);
  });

  test("a second open of the same directory is STORE_LOCKED, with Level's error as the cause", async () => {
    const error = await createStore({ path: dir.path }).catch((e: unknown) => e);
    expect(isDiprError(error, "STORE_LOCKED")).toBe(true);
    expect(((error as Error).cause as { cause?: { code?: string } }).cause?.code).toBe("LEVEL_LOCKED");
  });

  test("a directory written for another chain or register is STORE_WRONG_CHAIN", async () => {
    await store.close();
    for (const expect_ of [{ ...identity, chainId: 1 }, { ...identity, registerAddress: `0x${"bb".repeat(20)}` }]) {
      const error = await createStore({ path: dir.path, expect: expect_ }).catch((e: unknown) => e);
      expect(isDiprError(error, "STORE_WRONG_CHAIN")).toBe(true);
    }
    store = await createStore({ path: dir.path, expect: identity });
  });

  test("a batch begun after one still committing reads its writes and records them as the values to undo to", async () => {
    const first = store.beginBatch({ undoFrom: 2 });
    first.atBlock(5);
    first.putApplication(app(1, "2024-01-01"));
    const landing = first.commit({ keep: [{ number: 5, hash: h(5), parentHash: h(4), digest: h(105) }], cursor: { number: 5, hash: h(5), digest: h(105) }, pruneBelow: 2 });
    const second = store.beginBatch({ undoFrom: 2, after: first });
    second.atBlock(6);
    expect(second.getApplication(h(1001))?.filingDate).toBe("2024-01-01");
    second.putApplication(app(1, "2024-02-02"));
    await landing;
    await second.commit({ keep: [{ number: 6, hash: h(6), parentHash: h(5), digest: h(106) }], cursor: { number: 6, hash: h(6), digest: h(106) }, pruneBelow: 2 });
    expect((await store.getApplication(h(1001)))?.filingDate).toBe("2024-02-02");
    const kept = await store.keptBlocks();
    expect(kept.at(-1)!.undo).toEqual([["applications", h(1001), expect.objectContaining({ filingDate: "2024-01-01" })]]);
    await store.rollbackTo(5);
    expect((await store.getApplication(h(1001)))?.filingDate).toBe("2024-01-01");
  });

  test("a family label written before a reopen is found after it (the label filter is rebuilt from the store)", async () => {
    await commitBlock(5, (b) => b.putFamilyLabel("EP:1", "EP:1"));
    await store.close();
    store = await createStore({ path: dir.path, expect: identity });
    const batch = store.beginBatch({ undoFrom: 2 });
    batch.atBlock(6);
    expect(batch.getFamilyLabel("EP:1")).toBe("EP:1");
    expect(batch.getFamilyLabel("EP:2")).toBeUndefined();
  });

});
