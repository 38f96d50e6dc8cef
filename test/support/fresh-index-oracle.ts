import { expect } from "vitest";
import type { Store } from "../../src/store/index.js";
import { freshIndex } from "./indexer-harness.js";
import type { RegisterChain } from "./register-chain.js";

/**
 * Asserts the indexer tests' oracle: a live store's cursor, entities and meta equal a fresh index of the same chain
 * into a new directory. Of the kept blocks only the newest is compared: a live node may keep fewer (see
 * reorg.int.test.ts, which compares every one it keeps).
 */
export async function expectSameAsFreshIndex(live: Store, chain: Pick<RegisterChain, "url" | "deployment">, confirmations: number): Promise<void> {
  const fresh = await freshIndex({ url: chain.url, deployment: chain.deployment, confirmations });
  expect(await live.getCursor()).toEqual(fresh.cursor);
  const { blocks, ...entities } = await live.exportEntries();
  const { blocks: freshBlocks, ...freshEntities } = fresh.entries;
  expect(entities).toEqual(freshEntities);
  expect(blocks.at(-1)).toEqual(freshBlocks.at(-1));
}
