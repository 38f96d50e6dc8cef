import { afterEach, beforeEach, expect, test } from "vitest";
import { createStore, type ApplicationRecord, type Hex, type Store } from "../../src/store/index.js";
import { tempDir } from "../support/indexer-harness.js";

// addApplication counts a registration without reading whether its key exists (the register refuses an id it
// holds): the count and the records must still agree, in final blocks and in blocks a reorg can undo.
const identity = { chainId: 31337, registerAddress: `0x${"aa".repeat(20)}` as Hex, startBlock: 5 };
const h = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
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

let dir: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(async () => {
  dir = tempDir("dipr-store-add-");
  store = await createStore({ path: dir.path, expect: identity });
  await store.initialise(identity, { number: 4, hash: h(4), digest: h(0) }, { number: 4, hash: h(4), parentHash: h(3) });
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

async function commitBlock(n: number, undoFrom: number, write: (b: ReturnType<Store["beginBatch"]>) => void) {
  const batch = store.beginBatch({ undoFrom });
  batch.atBlock(n);
  write(batch);
  await batch.commit({ keep: [{ number: n, hash: h(n), parentHash: h(n - 1), digest: h(100 + n) }], cursor: { number: n, hash: h(n), digest: h(100 + n) }, pruneBelow: 0 });
}

test("registrations in final blocks are counted with their records, across batches", async () => {
  await commitBlock(5, 100, (b) => (b.addApplication(app(1)), b.addApplication(app(2))));
  await commitBlock(6, 100, (b) => b.addApplication(app(3)));
  expect(store.countApplications()).toBe(3);
  expect((await store.getApplication(h(1003)))?.canonicalId).toBe("EP:3");
});

test("a rolled-back registration leaves the count it found", async () => {
  await commitBlock(5, 0, (b) => b.addApplication(app(1)));
  await commitBlock(6, 0, (b) => b.addApplication(app(2)));
  await store.rollbackTo(5);
  expect(store.countApplications()).toBe(1);
  expect(await store.getApplication(h(1002))).toBeUndefined();
});
