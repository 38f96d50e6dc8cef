import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { InternationalReferenceRecord } from "../../src/store/index.js";
import { hex32 as h, openTempStore, type TempStore } from "../support/temp-store.js";

// The Bloom filters in front of the family labels and the reference lists answer misses without LevelDB; they must
// never rule out a key the store holds: not after a reopen, and not after a rollback that restores a key deleted
// before the reopen.

const commitment = h(0xc0);
const reference: InternationalReferenceRecord = {
  applicationId: commitment,
  office: "JP",
  kind: "pctApplication",
  text: "PCT/JP2026/000001",
  recordedAt: { blockNumber: 5, transactionHash: h(5), logIndex: 0 },
};

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore("dipr-key-filters-");
});
afterEach(() => temp.remove());

describe("key filters", () => {
  test("keys written, kept over a reopen, and restored by a rollback after the reopen are all found", async () => {
    await temp.commitBlock(5, (b) => {
      b.putFamilyLabel("EP:1", "EP:1");
      b.putInternationalReference(reference, commitment);
    });
    expect(await temp.store.listInternationalReferences(commitment)).toEqual([reference]);
    // Block 6 deletes both: the label (a split) and the commitment's list (moved to the revealed application).
    await temp.commitBlock(6, (b) => {
      b.putFamilyLabel("EP:1", null);
      b.moveReferences(commitment, "JP:2026012345");
    });
    expect(await temp.store.listInternationalReferences(commitment)).toEqual([]);
    expect(await temp.store.listInternationalReferences("JP:2026012345")).toEqual([reference]);

    // Reopened, the filters hold only what the store holds now; the rollback brings back what block 6 deleted.
    await temp.reopen();
    await temp.store.rollbackTo(5);
    expect(await temp.store.listInternationalReferences(commitment)).toEqual([reference]);
    expect(await temp.store.listInternationalReferences("JP:2026012345")).toEqual([]);
    const batch = temp.store.beginBatch({ undoFrom: 0 });
    batch.atBlock(6);
    expect(batch.getFamilyLabel("EP:1")).toBe("EP:1");
  });
});
