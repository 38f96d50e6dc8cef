import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isDiprError } from "../../src/errors.js";
import type { Store } from "../../src/store/index.js";
import { captureLog } from "../support/capture-log.js";
import { startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { createHistoryDriver, createRng } from "../support/history.js";
import { freshIndex, openNode, tempDir } from "../support/indexer-harness.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";

const CONFIRMATIONS = 20;
const ROUNDS = 50;

let node: HardhatNode;
let chain: RegisterChain;
const rng = createRng(20261201);
let mine: (count: number) => Promise<void>;
let withReorg: (depth: number, during: () => Promise<unknown>) => Promise<void>;

beforeAll(async () => {
  node = await startHardhatNode();
  chain = await setUpRegisterChain(node.url);
  ({ mine, withReorg } = createHistoryDriver(chain, rng));
  await mine(12);
});
afterAll(async () => {
  chain?.close();
  await node?.stop();
});

/**
 * The oracle: entities and meta (cursor, digest, identity) equal a fresh index exactly. Kept blocks may be
 * fewer on the live node (a reorg to a shorter chain leaves blocks it had pruned unkept), but every block it
 * keeps, with its undo record, equals the fresh node's.
 */
async function expectSameAsFresh(live: Store, label: string): Promise<void> {
  const cursor = await live.getCursor();
  const fresh = await freshIndex({ url: node.url, deployment: chain.deployment, confirmations: CONFIRMATIONS });
  expect(cursor, label).toEqual(fresh.cursor);
  const { blocks, ...entities } = await live.exportEntries();
  const { blocks: freshBlocks, ...freshEntities } = fresh.entries;
  expect(entities, label).toEqual(freshEntities);
  const freshByKey = new Map(freshBlocks);
  expect(blocks.at(-1)?.[0], label).toBe(freshBlocks.at(-1)?.[0]);
  for (const [key, value] of blocks) expect(value, `${label}: kept block ${key}`).toEqual(freshByKey.get(key));
}

describe("chain reorganisations against a real hardhat node", () => {
  test(`${ROUNDS} random reorgs of depth 1-20: after each, the store equals a fresh index of the chain`, async () => {
    const dir = tempDir("dipr-reorg-");
    const capture = captureLog();
    const live = await openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations: CONFIRMATIONS, maxBlocks: 7, log: capture.log });
    try {
      await live.indexer.syncToHead();
      for (let round = 1; round <= ROUNDS; round++) {
        const depth = rng.int(1, 20);
        await withReorg(depth, async () => {
          await live.indexer.syncToHead();
        });
        await mine(rng.int(1, 20));
        await live.indexer.syncToHead();
        await expectSameAsFresh(live.store, `round ${round} (depth ${depth})`);
      }
      // Every round replaced at least one block the node had indexed (identical re-mined blocks aside).
      expect(capture.count("reorg handled")).toBeGreaterThanOrEqual(ROUNDS * 0.9);
      const depths = capture.lines.filter((l) => l.msg === "reorg handled").map((l) => l.reorgDepth as number);
      expect(Math.max(...depths)).toBeLessThanOrEqual(CONFIRMATIONS);
    } finally {
      await live.close();
      dir.remove();
    }
  }, 240_000);

  test("a reorg deeper than the kept blocks stops the node with INDEXER_REORG_TOO_DEEP and leaves the store as it was", async () => {
    const dir = tempDir("dipr-deep-");
    const live = await openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations: 2 });
    try {
      await live.indexer.syncToHead();
      await withReorg(5, async () => {
        await live.indexer.syncToHead();
      });
      await mine(6);
      const before = await live.store.exportEntries();
      const error = await live.indexer.syncToHead().catch((e: unknown) => e);
      expect(isDiprError(error, "INDEXER_REORG_TOO_DEEP")).toBe(true);
      expect(await live.store.exportEntries()).toEqual(before);
    } finally {
      await live.close();
      dir.remove();
    }
  });

  test("a reorg that happened while the node was stopped is undone on restart before anything new is indexed", async () => {
    const dir = tempDir("dipr-restart-");
    const open = () => openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations: CONFIRMATIONS });
    try {
      let live = await open();
      await withReorg(8, async () => {
        await live.indexer.syncToHead();
        await live.close();
      });
      await mine(3); // shorter than before: the old cursor is above the new head
      live = await open();
      await live.indexer.syncToHead();
      await expectSameAsFresh(live.store, "after restart");
      await live.close();
    } finally {
      dir.remove();
    }
  });
});
