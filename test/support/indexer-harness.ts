import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Deployment } from "../../src/chain/deployment.js";
import { createChainReader, createIndexer, createRpcClient, type Indexer, type IndexerProgress } from "../../src/indexer/index.js";
import { createLogger, type Logger } from "../../src/log.js";
import { createStore, type Cursor, type Store, type SublevelName } from "../../src/store/index.js";

export const silentLog = (): Logger => createLogger({ level: "silent" });

export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export type IndexedNode = Readonly<{ store: Store; indexer: Indexer; close: () => Promise<void> }>;

export type OpenNodeParams = Readonly<{
  path: string;
  url: string;
  deployment: Deployment;
  confirmations: number | "finalized";
  maxBlocks?: number;
  targetLogs?: number;
  log?: Logger;
  retry?: { baseDelayMs: number; maxDelayMs: number };
  signal?: AbortSignal;
  onProgress?: (p: IndexerProgress) => void;
}>;

/** An in-process node (store + indexer) over a real LevelDB directory and a real JSON-RPC endpoint. */
export async function openNode(p: OpenNodeParams): Promise<IndexedNode> {
  const log = p.log ?? silentLog();
  const store = await createStore({ path: p.path, expect: { chainId: p.deployment.chainId, registerAddress: p.deployment.address } });
  const rpc = createRpcClient({ url: p.url, timeoutMs: 10_000 });
  const indexer = createIndexer({
    store,
    chain: createChainReader({ rpc, address: p.deployment.address, log, retry: p.retry ?? { baseDelayMs: 50, maxDelayMs: 500 }, signal: p.signal }),
    chainId: p.deployment.chainId,
    registerAddress: p.deployment.address,
    startBlock: p.deployment.blockNumber,
    confirmations: p.confirmations,
    pollIntervalMs: 20,
    getLogs: { minBlocks: 1, maxBlocks: p.maxBlocks ?? 2000, targetLogs: p.targetLogs },
    log,
    onProgress: p.onProgress,
  });
  return { store, indexer, close: () => store.close() };
}

/** Indexes the whole chain into a new directory and returns what it holds: the oracle of the reorg and crash tests. */
export async function freshIndex(
  p: Omit<OpenNodeParams, "path">,
): Promise<{ cursor: Cursor; entries: Record<SublevelName, [string, unknown][]>; applications: number }> {
  const dir = tempDir("dipr-fresh-");
  const node = await openNode({ ...p, path: dir.path });
  try {
    const cursor = await node.indexer.syncToHead();
    return { cursor, entries: await node.store.exportEntries(), applications: await node.store.countApplications() };
  } finally {
    await node.close();
    dir.remove();
  }
}
