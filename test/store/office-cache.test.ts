import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { OfficeRecord } from "../../src/store/index.js";
import { hex32 as h, openTempStore, type TempStore } from "../support/temp-store.js";

// Verification reads the claimed office's record from memory: it must follow every commit and rollback that writes it.

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

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore("dipr-office-cache-");
});
afterEach(() => temp.remove());

describe("the offices in memory", () => {
  test("an office read before its admission, its suspension and a rollback of it are each seen at once", async () => {
    expect(temp.store.getOfficeSync("EP")).toBeUndefined();
    await temp.commitBlock(5, (b) => b.putOffice(ep("active", 5)));
    expect(temp.store.getOfficeSync("EP")?.status).toBe("active");
    // A batch that writes no office keeps what is in memory.
    await temp.commitBlock(6, (b) => b.putRegistered("EP:1", { filingDate: "2024-01-01", ipType: "patent" }));
    expect(temp.store.getOfficeSync("EP")?.status).toBe("active");
    await temp.commitBlock(7, (b) => b.putOffice(ep("suspended", 7)));
    expect(temp.store.getOfficeSync("EP")?.status).toBe("suspended");
    expect((await temp.store.getOffice("EP"))?.status).toBe("suspended");
    await temp.store.rollbackTo(6);
    expect(temp.store.getOfficeSync("EP")?.status).toBe("active");
    await temp.store.rollbackTo(4);
    expect(temp.store.getOfficeSync("EP")).toBeUndefined();
  });
});
