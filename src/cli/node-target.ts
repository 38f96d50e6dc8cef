import { join } from "node:path";
import type { Logger } from "pino";
import { currentAbiHash, readDeployment, type Deployment } from "../chain/deployment.js";
import type { Hex } from "../chain/register-contract.js";
import type { Config } from "../config.js";
import { DiprError, isDiprError } from "../errors.js";
import type { ChainReader } from "../indexer/index.js";

/** What a node follows and where it keeps its data. */
export type NodeTarget = Readonly<{ chainId: number; registerAddress: Hex; startBlock: number; dataDir: string }>;

/**
 * Resolves the register and data directory: the configuration first, then deployments/<chainId>.json.
 * Calls eth_chainId (retried while the endpoint is down).
 * @throws DiprError DEPLOYMENT_NOT_FOUND when neither names a register.
 */
export async function resolveNodeTarget(config: Config, chain: ChainReader, log: Logger): Promise<NodeTarget> {
  const chainId = await chain.chainId();
  let deployment: Deployment | undefined;
  try {
    deployment = readDeployment(config.deploymentsDir, chainId);
  } catch (error) {
    if (!isDiprError(error, "DEPLOYMENT_NOT_FOUND") || config.registerAddress === undefined) throw error;
    // An explicit DIPR_REGISTER_ADDRESS needs no deployment record.
  }
  const registerAddress = (config.registerAddress ?? deployment?.address)?.toLowerCase() as Hex | undefined;
  if (registerAddress === undefined) throw new DiprError("DEPLOYMENT_NOT_FOUND", `no register address for chain ${chainId}`, { chainId });
  const fromDeployment = deployment !== undefined && deployment.address.toLowerCase() === registerAddress;
  if (fromDeployment && deployment!.abiHash !== currentAbiHash()) {
    log.warn({ chainId, registerAddress }, "the deployment record's ABI differs from this build; events may not decode");
  }
  return {
    chainId,
    registerAddress,
    startBlock: config.startBlock ?? (fromDeployment ? deployment!.blockNumber : 0),
    dataDir: config.dataDir ?? join("data", `${chainId}-${registerAddress}`),
  };
}
