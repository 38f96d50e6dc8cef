import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createStore, type Hex, type OfficeRecord, type Store, type StoreBatch } from "../../src/store/index.js";
import { tempDir } from "../support/indexer-harness.js";

// Verification reads the claimed office's record from memory: it must follow every commit and rollback that writes it.

const identity = { chainId: 31337, registerAddress: `0x${"aa".repeat(20)}` as Hex, startBlock: 5 };
const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const ref = (n: number) => ({ blockNumber: n, transactionHash: h(n), logIndex: 0 });
const ep = (status: OfficeRecord["status"], n: number): OfficeRecord => ({
  office: "EP",
  name: "European Patent Office",
  adminRole: h(1),
  signerRole: h(2),
  status,
  admittedAt: ref(5),
  statusChangedAt: ref(n),
});

let dir: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(async () => {
  dir = tempDir("dipr-office-cache-");
  store = await createStore({ path: dir.path, expect: identity });
  await store.initialise(identity, { number: 4, hash: h(4), digest: h(0) }, { number: 4, hash: h(4), parentHash: h(3) });
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

async function commitBlock(n: number, write: (b: StoreBatch) => void) {
  const batch = store.beginBatch({ undoFrom: 0 });
  batch.atBlock(n);
  write(batch);
  await batch.commit({ keep: [{ number: n, hash: h(n), parentHash: h(n - 1), digest: h(100 + n) }], cursor: { number: n, hash: h(n), digest: h(100 + n) }, pruneBelow: 0 });
}

describe("the offices in memory", () => {
  test("an office read before its admission, its suspension and a rollback of it are each seen at once", async () => {
    expect(store.getOfficeSync("EP")).toBeUndefined();
    await commitBlock(5, (b) => b.putOffice(ep("active", 5)));
    expect(store.getOfficeSync("EP")?.status).toBe("active");
    // A batch that writes no office keeps what is in memory.
    await commitBlock(6, (b) => b.putRegistered("EP:1", { filingDate: "2024-01-01", ipType: "patent" }));
    expect(store.getOfficeSync("EP")?.status).toBe("active");
    await commitBlock(7, (b) => b.putOffice(ep("suspended", 7)));
    expect(store.getOfficeSync("EP")?.status).toBe("suspended");
    expect((await store.getOffice("EP"))?.status).toBe("suspended");
    await store.rollbackTo(6);
    expect(store.getOfficeSync("EP")?.status).toBe("active");
    await store.rollbackTo(4);
    expect(store.getOfficeSync("EP")).toBeUndefined();
  });
});
