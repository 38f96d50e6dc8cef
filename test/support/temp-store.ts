import { createStore, type Hex, type Store, type StoreBatch } from "../../src/store/index.js";
import { tempDir } from "./indexer-harness.js";

/** A 32-byte word holding `n`: block hashes, digests and ids that read back plainly in a failing assertion. */
export const hex32 = (n: number): Hex => `0x${n.toString(16).padStart(64, "0")}` as Hex;

/** The chain and register every temporary store is written for. */
export const storeIdentity = { chainId: 31337, registerAddress: `0x${"aa".repeat(20)}` as Hex, startBlock: 5 };

export type CommitOptions = Readonly<{
  /** Blocks from this number on get undo records; a number above the block makes it final. Default 0. */
  undoFrom?: number;
  /** Kept blocks below this number are pruned. Default 0. */
  pruneBelow?: number;
}>;

export type TempStore = {
  /** The open store; `reopen` replaces it. */
  readonly store: Store;
  readonly path: string;
  /**
   * Commits block `n` (hash `hex32(n)`, parent `hex32(n - 1)`, digest `hex32(100 + n)`) with what `write` puts in
   * its batch, moving the cursor to it.
   */
  commitBlock: (n: number, write: (batch: StoreBatch) => unknown, options?: CommitOptions) => Promise<void>;
  /** Closes the store and opens its directory again, as a restart does. */
  reopen: () => Promise<Store>;
  /** Closes the store (if still open) and deletes its directory. */
  remove: () => Promise<void>;
};

/**
 * A real LevelDB store in a new temporary directory, initialised for `storeIdentity` with block 4 as its cursor and
 * only kept block.
 */
export async function openTempStore(prefix: string): Promise<TempStore> {
  const dir = tempDir(prefix);
  let store = await createStore({ path: dir.path, expect: storeIdentity });
  await store.initialise(storeIdentity, { number: 4, hash: hex32(4), digest: hex32(0) }, { number: 4, hash: hex32(4), parentHash: hex32(3) });
  return {
    get store() {
      return store;
    },
    path: dir.path,
    commitBlock: async (n, write, { undoFrom = 0, pruneBelow = 0 } = {}) => {
      const batch = store.beginBatch({ undoFrom });
      batch.atBlock(n);
      await write(batch);
      const kept = { number: n, hash: hex32(n), parentHash: hex32(n - 1), digest: hex32(100 + n) };
      await batch.commit({ keep: [kept], cursor: { number: n, hash: kept.hash, digest: kept.digest }, pruneBelow });
    },
    reopen: async () => {
      await store.close();
      store = await createStore({ path: dir.path, expect: storeIdentity });
      return store;
    },
    remove: async () => {
      await store.close();
      dir.remove();
    },
  };
}
