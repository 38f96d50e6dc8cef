import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createStore, type Hex, type InternationalReferenceRecord, type Store, type StoreBatch } from "../../src/store/index.js";
import { tempDir } from "../support/indexer-harness.js";

// The Bloom filters in front of the family labels and the reference lists answer misses without LevelDB; they must
// never rule out a key the store holds: not after a reopen, and not after a rollback that restores a key deleted
// before the reopen.

const identity = { chainId: 31337, registerAddress: `0x${"aa".repeat(20)}` as Hex, startBlock: 5 };
const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const commitment = h(0xc0);
const reference: InternationalReferenceRecord = {
  applicationId: commitment,
  office: "JP",
  kind: "pctApplication",
  text: "PCT/JP2026/000001",
  recordedAt: { blockNumber: 5, transactionHash: h(5), logIndex: 0 },
};

let dir: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(async () => {
  dir = tempDir("dipr-key-filters-");
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

describe("key filters", () => {
  test("keys written, kept over a reopen, and restored by a rollback after the reopen are all found", async () => {
    await commitBlock(5, (b) => {
      b.putFamilyLabel("EP:1", "EP:1");
      b.putInternationalReference(reference, commitment);
    });
    expect(await store.listInternationalReferences(commitment)).toEqual([reference]);
    // Block 6 deletes both: the label (a split) and the commitment's list (moved to the revealed application).
    await commitBlock(6, (b) => {
      b.putFamilyLabel("EP:1", null);
      b.moveReferences(commitment, "JP:2026012345");
    });
    expect(await store.listInternationalReferences(commitment)).toEqual([]);
    expect(await store.listInternationalReferences("JP:2026012345")).toEqual([reference]);

    // Reopened, the filters hold only what the store holds now; the rollback brings back what block 6 deleted.
    await store.close();
    store = await createStore({ path: dir.path, expect: identity });
    await store.rollbackTo(5);
    expect(await store.listInternationalReferences(commitment)).toEqual([reference]);
    expect(await store.listInternationalReferences("JP:2026012345")).toEqual([]);
    const batch = store.beginBatch({ undoFrom: 0 });
    batch.atBlock(6);
    expect(batch.getFamilyLabel("EP:1")).toBe("EP:1");
  });
});
