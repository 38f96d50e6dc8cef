import { join } from "node:path";
import { JsonRpcProvider } from "ethers";
import type { Logger } from "pino";
import { currentAbiHash, deployRegister, readDeployment, writeDeployment, type Deployment } from "../chain/deployment.js";
import type { Config } from "../config.js";
import { DiprError, isDiprError } from "../errors.js";
import { LOCAL_CHAIN_ID, startLocalChain } from "../local-chain/local-chain.js";
import { SAMPLE_FILINGS, SAMPLE_OFFICES } from "../sample/sample-register.js";
import { sampleKeys, seedSampleRegister } from "../sample/seed-sample.js";
import { runNode } from "./node-command.js";
import { printLine } from "./print.js";

export type RunStartParams = Readonly<{ config: Config; log: Logger; signal: AbortSignal }>;

/** Where `dipr start` keeps its three parts under DIPR_LOCAL_DIR. */
export const localPaths = (localDir: string) => ({
  chain: join(localDir, "chain"),
  deployments: join(localDir, "deployments"),
  node: join(localDir, "node"),
});

/**
 * `dipr start` (`npm start`): the whole register on this machine in one process — the persisted local chain, the
 * register deployed once, the sample offices and applications written once, and an office node indexing it and
 * serving the query API — until `signal` aborts (Ctrl-C). Everything lives under DIPR_LOCAL_DIR and survives a
 * restart: the chain is replayed from its journal, so the node's data directory stays valid.
 */
export async function runStart({ config, log, signal }: RunStartParams): Promise<void> {
  const paths = localPaths(config.localDir);
  const chain = await startLocalChain({ dir: paths.chain, port: config.chainPort, log: log.child({ module: "local-chain" }) });
  const provider = new JsonRpcProvider(chain.url, LOCAL_CHAIN_ID, { staticNetwork: true });
  try {
    const accounts = await Promise.all(Array.from({ length: 1 + 2 * SAMPLE_OFFICES.length }, (_, i) => provider.getSigner(i)));
    const deployment = await deployOnce(paths.deployments, provider, accounts[0]!);
    const seeded = await seedSampleRegister(deployment.address, sampleKeys(accounts));
    const nodeConfig: Config = { ...config, rpcUrl: chain.url, deploymentsDir: paths.deployments, dataDir: paths.node, registerAddress: undefined };
    let apiUrl: string | undefined;
    const node = runNode({ config: nodeConfig, log: log.child({ module: "node" }), signal, isTty: false, onApiListening: (url) => (apiUrl = url) });
    // The banner once the node has caught up, so the example commands answer at once.
    const ready = await Promise.race([node.then(() => false), waitUntilReady(() => apiUrl, signal)]);
    if (ready && apiUrl !== undefined) {
      printBanner({ chainUrl: chain.url, replayedBlocks: chain.replayedBlocks, deployment, apiUrl, localDir: config.localDir, writes: seeded.transactions });
    }
    await node;
  } finally {
    provider.destroy();
    await chain.close();
  }
}

/** The deployment record of the local chain, deploying the register the first time. */
async function deployOnce(dir: string, provider: JsonRpcProvider, deployer: Awaited<ReturnType<JsonRpcProvider["getSigner"]>>): Promise<Deployment> {
  let deployment: Deployment | undefined;
  try {
    deployment = readDeployment(dir, LOCAL_CHAIN_ID);
  } catch (error) {
    if (!isDiprError(error, "DEPLOYMENT_NOT_FOUND")) throw error;
  }
  if (deployment === undefined) {
    deployment = await deployRegister({ signer: deployer });
    writeDeployment(dir, deployment);
    return deployment;
  }
  if (deployment.abiHash !== currentAbiHash()) {
    throw new DiprError(
      "DEPLOYMENT_ABI_MISMATCH",
      `${dir} names a register of another dipr version (ABI ${deployment.abiHash}, this one has ${currentAbiHash()}); ` +
        `the local register is a sample: delete the whole directory to start a new one`,
      { address: deployment.address },
    );
  }
  if ((await provider.getCode(deployment.address)) === "0x") {
    throw new DiprError(
      "LOCAL_CHAIN_JOURNAL",
      `${dir} names a register at ${deployment.address}, which the local chain does not hold (its journal was removed?); ` +
        `remove the whole directory to start a new local register`,
      { address: deployment.address },
    );
  }
  return deployment;
}

async function waitUntilReady(apiUrl: () => string | undefined, signal: AbortSignal): Promise<boolean> {
  while (!signal.aborted) {
    const url = apiUrl();
    if (url !== undefined) {
      const ready = await fetch(`${url}/api/v1/ready`).then((r) => r.ok, () => false);
      if (ready) return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function printBanner(p: Readonly<{ chainUrl: string; replayedBlocks: number; deployment: Deployment; apiUrl: string; localDir: string; writes: number }>): void {
  const restarted = p.replayedBlocks > 0 ? `, ${p.replayedBlocks} blocks replayed from its journal` : "";
  const sample = p.writes > 0 ? `sample written (${p.writes} transactions)` : "sample already on the chain";
  const api = `${p.apiUrl}/api/v1`;
  // The CLI reads the local node at its default address; on another port the commands must say where.
  const apiFlag = p.apiUrl === "http://127.0.0.1:3000" ? "" : ` --api ${p.apiUrl}`;
  const lines = [
    "dipr is running on this machine (Ctrl-C stops it; everything is kept in " + p.localDir + ")",
    `  web page    ${p.apiUrl}/   for examiners: look up, verify claims, see families`,
    `  chain       ${p.chainUrl}   local chain ${LOCAL_CHAIN_ID}${restarted}`,
    `  register    ${p.deployment.address}   ${SAMPLE_OFFICES.length} offices (${SAMPLE_OFFICES.join(", ")}), ${SAMPLE_FILINGS.length} applications: ${sample}`,
    `  query API   ${api}`,
    `  API docs    ${api}/docs`,
    "",
    "Try:",
    `  npx dipr verify --office EP --number "EP 24 150 321.8" --filing-date 2024-03-10 --claimant-office KR --claimant-filing-date 2025-03-01${apiFlag}`,
    `  npx dipr family JP 特願2024-045678${apiFlag}`,
    `  curl '${api}/applications/US/63%2F512%2C345/claimants'`,
    `  curl '${api}/priority-claims/verify?office=EP&number=EP%2024%20150%20321.8&filingDate=2024-03-10&ipType=patent&claimantOffice=KR&claimantFilingDate=2025-03-01&claimantIpType=patent'`,
    `  curl '${api}/applications/JP/2024-045678/family'`,
  ];
  for (const line of lines) printLine(line);
}
