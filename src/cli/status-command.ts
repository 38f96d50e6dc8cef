import { existsSync } from "node:fs";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { isDiprError } from "../errors.js";
import { createChainReader, createRpcClient } from "../indexer/index.js";
import { createStore } from "../store/index.js";
import { resolveNodeTarget } from "./node-target.js";
import { printJson, printTable } from "./print.js";
import { readStatusFile } from "./status-file.js";

export type NodeStatus = Readonly<{
  chainId: number;
  registerAddress: string;
  dataDir: string;
  indexedBlock: number | null;
  headBlock: number | null;
  lag: number | null;
  digest: string | null;
  applications: number | null;
  /** "store": read from LevelDB; "status-file": a running node holds the store, figures from its status file. */
  source: "store" | "status-file" | "none";
  runningPid: number | null;
}>;

/**
 * `dipr node status`. LevelDB lets one process open a directory, so while a node runs this reads the node's
 * status file instead of the store (and says so).
 */
export async function nodeStatus({ config, log }: { config: Config; log: Logger }): Promise<NodeStatus> {
  const rpc = createRpcClient({ url: config.rpcUrl, timeoutMs: Math.min(config.rpcTimeoutMs, 5000) });
  // Three tries within a second: status should answer at once, not wait for an endpoint that is down.
  const chain = createChainReader({ rpc, address: "", log, retry: { baseDelayMs: 200, maxDelayMs: 400, maxAttempts: 3 } });
  const target = await resolveNodeTarget(config, chain, log);
  let indexedBlock: number | null = null;
  let digest: string | null = null;
  let applications: number | null = null;
  let source: NodeStatus["source"] = "none";
  let runningPid: number | null = null;
  if (!existsSync(target.dataDir)) {
    // Nothing indexed into this directory yet; opening it would create an empty store.
  } else try {
    const store = await createStore({ path: target.dataDir, expect: target });
    try {
      const cursor = await store.getCursor();
      if (cursor) {
        indexedBlock = cursor.number;
        digest = cursor.digest;
        source = "store";
      }
      applications = await store.countApplications();
    } finally {
      await store.close();
    }
  } catch (error) {
    if (!isDiprError(error, "STORE_LOCKED")) throw error;
    const file = readStatusFile(target.dataDir);
    if (file === undefined) throw error;
    indexedBlock = file.cursor.number;
    digest = file.cursor.digest;
    source = "status-file";
    runningPid = file.pid;
    applications = file.applications ?? null; // absent from a file an older dipr wrote
  }
  const headBlock = await rpc.call<string>("eth_blockNumber", []).then(
    (hex) => parseInt(hex, 16),
    (error: unknown) => {
      log.warn({ err: error }, "cannot read the chain head");
      return null;
    },
  );
  return {
    chainId: target.chainId,
    registerAddress: target.registerAddress,
    dataDir: target.dataDir,
    indexedBlock,
    headBlock,
    lag: headBlock !== null && indexedBlock !== null ? Math.max(0, headBlock - indexedBlock) : null,
    digest,
    applications,
    source,
    runningPid,
  };
}

export function printNodeStatus(status: NodeStatus, asJson: boolean): void {
  if (asJson) return printJson(status);
  const show = (v: number | string | null) => (v === null ? "-" : String(v));
  printTable([
    ["chain id", String(status.chainId)],
    ["register", status.registerAddress],
    ["data dir", status.dataDir],
    ["indexed block", show(status.indexedBlock)],
    ["head block", show(status.headBlock)],
    ["lag (blocks)", show(status.lag)],
    ["digest", show(status.digest)],
    ["applications", show(status.applications)],
    [
      "source",
      status.source === "status-file"
        ? `status file of the running node (pid ${status.runningPid}); LevelDB allows one process per directory`
        : status.source === "store"
          ? "store"
          : "nothing indexed yet",
    ],
  ]);
}
