import { join } from "node:path";
import type { Logger } from "pino";
import { currentAbiHash, deploymentPath, readDeployment, type Deployment } from "../chain/deployment.js";
import type { Hex } from "../chain/register-contract.js";
import type { Config } from "../config.js";
import { DiprError, isDiprError } from "../errors.js";
import type { ChainReader } from "../indexer/index.js";

/** The data directory of a node following `registerAddress` on chain `chainId` when DIPR_DATA_DIR does not name one. */
export const defaultDataDir = (chainId: number, registerAddress: string): string => join("data", `${chainId}-${registerAddress.toLowerCase()}`);

/** What a node follows and where it keeps its data. */
export type NodeTarget = Readonly<{ chainId: number; registerAddress: Hex; startBlock: number; dataDir: string }>;

/**
 * Resolves the register and data directory: the configuration first, then deployments/<chainId>.json.
 * Calls eth_chainId, retried as the chain reader's policy says (callers bound it: see START_UP_RETRY).
 * @throws DiprError DEPLOYMENT_NOT_FOUND when neither names a register; DEPLOYMENT_ABI_MISMATCH when the record's
 * ABI is not this build's and `config.allowAbiMismatch` is off; CHAIN_UNAVAILABLE / CHAIN_RPC_TIMEOUT.
 */
export async function resolveNodeTarget(config: Config, chain: ChainReader, log: Logger): Promise<NodeTarget> {
  const chainId = await chain.chainId().catch((error: unknown) => {
    // Still retryable in itself; the caller's bounded tries are over, so say what to check.
    if (!isDiprError(error, "CHAIN_UNAVAILABLE") && !isDiprError(error, "CHAIN_RPC_TIMEOUT")) throw error;
    throw new DiprError(error.code, `${error.message}; gave up (is the chain running, and is DIPR_RPC_URL right?)`, error.details, { cause: error });
  });
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
    // A register of another ABI emits events this build may decode wrongly (same topic, other layout) or not at
    // all, and a node that indexes them writes a wrong store. Refused unless the operator says they know.
    if (!config.allowAbiMismatch) {
      throw new DiprError(
        "DEPLOYMENT_ABI_MISMATCH",
        `the deployment record ${deploymentPath(config.deploymentsDir, chainId)} names register ABI ${deployment!.abiHash}, ` +
          `this build has ${currentAbiHash()}: update dipr to the register's version, or start anyway with ` +
          `--allow-abi-mismatch (DIPR_ALLOW_ABI_MISMATCH=1)`,
        { chainId, registerAddress, recorded: deployment!.abiHash, current: currentAbiHash() },
      );
    }
    log.warn({ chainId, registerAddress }, "the deployment record's ABI differs from this build; events may not decode");
  }
  return {
    chainId,
    registerAddress,
    startBlock: config.startBlock ?? (fromDeployment ? deployment!.blockNumber : 0),
    dataDir: config.dataDir ?? defaultDataDir(chainId, registerAddress),
  };
}
