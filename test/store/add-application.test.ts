import { afterEach, beforeEach, expect, test } from "vitest";
import type { ApplicationRecord, StoreBatch } from "../../src/store/index.js";
import { hex32 as h, openTempStore, type TempStore } from "../support/temp-store.js";

// addApplication counts a registration without reading whether its key exists (the register refuses an id it
// holds): the count and the records must still agree, in final blocks and in blocks a reorg can undo.
const app = (n: number): ApplicationRecord => ({
  applicationId: h(1000 + n),
  office: "EP",
  number: String(n),
  canonicalId: `EP:${n}`,
  filingDate: "2024-01-01",
  ipType: "patent",
  claims: [],
  history: [],
});

let temp: TempStore;
beforeEach(async () => {
  temp = await openTempStore("dipr-store-add-");
});
afterEach(() => temp.remove());

// Final blocks (undoFrom above the block) or blocks a reorg can undo (undoFrom 0).
const commitBlock = (n: number, undoFrom: number, write: (b: StoreBatch) => void) => temp.commitBlock(n, write, { undoFrom });

test("registrations in final blocks are counted with their records, across batches", async () => {
  await commitBlock(5, 100, (b) => (b.addApplication(app(1)), b.addApplication(app(2))));
  await commitBlock(6, 100, (b) => b.addApplication(app(3)));
  expect(temp.store.countApplications()).toBe(3);
  expect((await temp.store.getApplication(h(1003)))?.canonicalId).toBe("EP:3");
});

test("a rolled-back registration leaves the count it found", async () => {
  await commitBlock(5, 0, (b) => b.addApplication(app(1)));
  await commitBlock(6, 0, (b) => b.addApplication(app(2)));
  await temp.store.rollbackTo(5);
  expect(temp.store.countApplications()).toBe(1);
  expect(await temp.store.getApplication(h(1002))).toBeUndefined();
});
