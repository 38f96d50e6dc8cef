import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ContractFactory, getAddress, keccak256, toUtf8Bytes, type Signer } from "ethers";
import { DiprError } from "../errors.js";
import { loadRegisterArtifact, type Hex } from "./register-contract.js";

/** What `deployments/<chainId>.json` records about a deployed register. */
export type Deployment = Readonly<{
  contract: "DiprRegister";
  chainId: number;
  address: Hex;
  blockNumber: number;
  blockHash: Hex;
  transactionHash: Hex;
  deployer: Hex;
  registrar: Hex;
  /** keccak256 of the ABI's JSON text: a node refuses a deployment whose ABI differs from its own build. */
  abiHash: Hex;
  deployedAt: string;
}>;

export const currentAbiHash = (): Hex => keccak256(toUtf8Bytes(JSON.stringify(loadRegisterArtifact().abi))) as Hex;

/**
 * Two days between the start of a registrar handover and the earliest time the successor may accept it: long
 * enough for the offices to see a handover they did not expect (the contract's events announce it).
 */
export const DEFAULT_HANDOVER_DELAY_SECONDS = 2 * 24 * 60 * 60;

export type DeployRegisterParams = Readonly<{ signer: Signer; registrar?: string; handoverDelaySeconds?: number }>;

/**
 * Deploys the register from the shipped build, signed by `signer`; the registrar defaults to the signer.
 * Waits for the receipt and reads the block, so the record names the exact block indexers start from.
 */
export async function deployRegister({ signer, registrar, handoverDelaySeconds = DEFAULT_HANDOVER_DELAY_SECONDS }: DeployRegisterParams): Promise<Deployment> {
  const provider = signer.provider;
  if (!provider) throw new TypeError("the deploying signer needs a provider");
  const { abi, bytecode } = loadRegisterArtifact();
  const deployer = getAddress(await signer.getAddress()) as Hex;
  const registrarAddress = getAddress(registrar ?? deployer) as Hex;
  let receipt;
  try {
    const contract = await new ContractFactory(abi, bytecode, signer).deploy(registrarAddress, handoverDelaySeconds);
    receipt = await contract.deploymentTransaction()!.wait();
  } catch (error) {
    throw new DiprError("CHAIN_UNAVAILABLE", `deployment failed: ${(error as Error).message}`, {}, { cause: error });
  }
  if (!receipt?.contractAddress) throw new DiprError("CHAIN_UNAVAILABLE", "deployment transaction has no contract address");
  const network = await provider.getNetwork();
  return {
    contract: "DiprRegister",
    chainId: Number(network.chainId),
    address: getAddress(receipt.contractAddress) as Hex,
    blockNumber: receipt.blockNumber,
    blockHash: receipt.blockHash as Hex,
    transactionHash: receipt.hash as Hex,
    deployer,
    registrar: registrarAddress,
    abiHash: currentAbiHash(),
    deployedAt: new Date().toISOString(),
  };
}

export const deploymentPath = (dir: string, chainId: number): string => join(dir, `${chainId}.json`);

/** Writes the record as `<dir>/<chainId>.json` and returns the path. */
export function writeDeployment(dir: string, deployment: Deployment): string {
  mkdirSync(dir, { recursive: true });
  const path = deploymentPath(dir, deployment.chainId);
  writeFileSync(path, `${JSON.stringify(deployment, null, 2)}\n`);
  return path;
}

/** @throws DiprError DEPLOYMENT_NOT_FOUND when there is no record, or it is unreadable. */
export function readDeployment(dir: string, chainId: number): Deployment {
  const path = deploymentPath(dir, chainId);
  try {
    return JSON.parse(readFileSync(path, "utf8")) as Deployment;
  } catch (error) {
    throw new DiprError("DEPLOYMENT_NOT_FOUND", `no readable deployment record at ${path}; run npm run deploy first`, { path, chainId }, {
      cause: error,
    });
  }
}
