// Deploys the register to the network Hardhat was given (`npm run deploy -- --network localhost`) and writes
// deployments/<chainId>.json. Any EVM network is a `networks` entry in hardhat.config.ts; see README.md.
import { network } from "hardhat";
import { deployRegister, writeDeployment } from "../src/chain/deployment.js";
import { loadConfig } from "../src/config.js";
import { DiprError } from "../src/errors.js";
import { runMain } from "./run-main.js";

await runMain(async () => {
  const config = loadConfig();
  const connection = await network.create();
  const signers = await connection.ethers.getSigners().catch((error: unknown) => {
    throw new DiprError(
      "CHAIN_UNAVAILABLE",
      `cannot reach the JSON-RPC node of network ${connection.networkName}: ${(error as Error).message.split("\n")[0]}`,
      { network: connection.networkName },
      { cause: error, retryable: true },
    );
  });
  const [signer] = signers;
  if (!signer) throw new Error(`network ${connection.networkName} has no account to deploy from`);
  const deployment = await deployRegister({ signer, registrar: config.registrar });
  const path = writeDeployment(config.deploymentsDir, deployment);
  process.stdout.write(
    `DiprRegister deployed on ${connection.networkName} (chain ${deployment.chainId}) at ${deployment.address}, ` +
      `block ${deployment.blockNumber}; registrar ${deployment.registrar}\nwrote ${path}\n`,
  );
});
