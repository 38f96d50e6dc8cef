import { join } from "node:path";
import { freePort } from "./hardhat-node.js";
import { startDipr, type NodeProcess } from "./node-process.js";

export type QueryNode = Readonly<{ url: string; process: NodeProcess; stop: () => Promise<void> }>;

export type QueryNodeParams = Readonly<{
  rpcUrl: string;
  deployment: Readonly<{ address: string; blockNumber: number }>;
  /** The test's own directory: the node's data goes to `<dir>/data`, the deployment record is read from `<dir>/deployments`. */
  dir: string;
}>;

/**
 * Starts a real `dipr node` serving the query API on a free 127.0.0.1 port, indexing the register from its deployment
 * block with no confirmations every 100 ms. Resolves once the process is started, not once it answers.
 */
export async function startQueryNode(p: QueryNodeParams): Promise<QueryNode> {
  const port = await freePort();
  const process = startDipr(["node"], {
    DIPR_RPC_URL: p.rpcUrl,
    DIPR_REGISTER_ADDRESS: p.deployment.address,
    DIPR_START_BLOCK: String(p.deployment.blockNumber),
    DIPR_DATA_DIR: join(p.dir, "data"),
    DIPR_DEPLOYMENTS_DIR: join(p.dir, "deployments"),
    DIPR_CONFIRMATIONS: "0",
    DIPR_POLL_INTERVAL_MS: "100",
    DIPR_API_PORT: String(port),
    DIPR_API_READY_MAX_LAG: "0",
  });
  return {
    url: `http://127.0.0.1:${port}`,
    process,
    stop: async () => {
      process.child.kill("SIGTERM");
      await process.exited;
    },
  };
}
