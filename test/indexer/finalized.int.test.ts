import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isDiprError } from "../../src/errors.js";
import { startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { createHistoryDriver, createRng } from "../support/history.js";
import { freshIndex, openNode, tempDir } from "../support/indexer-harness.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";
import { startRpcProxy, type RpcProxy } from "../support/rpc-proxy.js";

// DIPR_CONFIRMATIONS=finalized: the node keeps (and can undo) exactly the blocks above the chain's finalized block.
// hardhat's finalized block is its head, so the proxy plays a chain whose finality lags the head.

let node: HardhatNode;
let chain: RegisterChain;
let proxy: RpcProxy;
let history: ReturnType<typeof createHistoryDriver>;

beforeAll(async () => {
  node = await startHardhatNode();
  chain = await setUpRegisterChain(node.url);
  proxy = await startRpcProxy(node.url);
  history = createHistoryDriver(chain, createRng(7));
  await history.mine(10);
});
afterAll(async () => {
  await proxy?.close();
  chain?.close();
  await node?.stop();
});

/** Mines `depth` blocks, lets `during` see them, then reverts them and mines `depth + 1` different ones. */
async function reorg(depth: number, during: () => Promise<unknown>): Promise<void> {
  await history.withReorg(depth, during);
  await history.mine(depth + 1);
}

describe("confirmations = finalized", () => {
  test("keeps the blocks above the finalized one, survives a reorg among them, and stops on a deeper one", async () => {
    const dir = tempDir("dipr-finalized-");
    proxy.setFinalized({ lag: 6 });
    const live = await openNode({ path: dir.path, url: proxy.url, deployment: chain.deployment, confirmations: "finalized" });
    try {
      const cursor = await live.indexer.syncToHead();
      const kept = await live.store.keptBlocks();
      expect(kept.map((b) => b.number)).toEqual([0, 1, 2, 3, 4, 5, 6].map((k) => cursor.number - 6 + k));
      expect(kept.every((b) => b.undo !== null)).toBe(true);

      // A reorg of 4 blocks, above the finalized block: undone and re-indexed, equal to a fresh index.
      await reorg(4, () => live.indexer.syncToHead());
      await live.indexer.syncToHead();
      const fresh = await freshIndex({ url: proxy.url, deployment: chain.deployment, confirmations: "finalized" });
      const { blocks: _kept, ...entities } = await live.store.exportEntries();
      const { blocks: _freshKept, ...freshEntities } = fresh.entries;
      expect(entities).toEqual(freshEntities);

      // Finality catching up to 2 blocks below the head: a reorg of 5 now reaches below what the node keeps.
      proxy.setFinalized({ lag: 2 });
      await reorg(5, () => live.indexer.syncToHead());
      const error = await live.indexer.syncToHead().catch((e: unknown) => e);
      expect(isDiprError(error, "INDEXER_REORG_TOO_DEEP")).toBe(true);
      // More confirmations mean nothing here: the endpoint reorganised a block it had called final.
      expect((error as Error).message).not.toContain("more confirmations");
      expect((error as Error).message).toContain("finalized block");
    } finally {
      proxy.setFinalized(undefined);
      await live.close();
      dir.remove();
    }
  }, 120_000);

  test("an endpoint without a finalized block is a clear error, not a retry loop", async () => {
    const dir = tempDir("dipr-finalized-");
    proxy.setFinalized("unsupported");
    const live = await openNode({ path: dir.path, url: proxy.url, deployment: chain.deployment, confirmations: "finalized" });
    try {
      const error = await live.indexer.syncToHead().catch((e: unknown) => e);
      expect(isDiprError(error, "CHAIN_BAD_RESPONSE")).toBe(true);
      expect((error as Error).message).toContain("DIPR_CONFIRMATIONS");
    } finally {
      proxy.setFinalized(undefined);
      await live.close();
      dir.remove();
    }
  }, 60_000);
});
