import { Contract, JsonRpcProvider, type JsonRpcSigner } from "ethers";
import { deployRegister, type Deployment } from "../../src/chain/deployment.js";
import { createRegisterClient, type RegisterClient } from "../../src/chain/register-client.js";
import { loadRegisterArtifact } from "../../src/chain/register-contract.js";
import { rpc, startHardhatNode, type HardhatNode } from "./hardhat-node.js";

export const TEST_OFFICES = ["US", "EP", "JP"] as const;
export type TestOffice = (typeof TEST_OFFICES)[number];

export type RegisterChain = Readonly<{
  url: string;
  provider: JsonRpcProvider;
  deployment: Deployment;
  registrar: RegisterClient;
  /** A client signed by the office's signer account. */
  signer: Readonly<Record<TestOffice, RegisterClient>>;
  admin: Readonly<Record<TestOffice, RegisterClient>>;
  accounts: readonly JsonRpcSigner[];
  send: (method: string, params?: unknown[]) => Promise<unknown>;
  close: () => void;
}>;

/**
 * Deploys the register to a real `hardhat node` at `url` and admits US, EP and JP, each with an admin and a
 * signer account. Returns typed clients for producing chain history.
 */
export async function setUpRegisterChain(url: string): Promise<RegisterChain> {
  // No caching and a short poll: tests read blocks right after evm_revert (toolchain.md section 5).
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 20 });
  const accounts = await Promise.all(Array.from({ length: 10 }, (_, i) => provider.getSigner(i)));
  const deployment = await deployRegister({ signer: accounts[0]! });
  const { abi } = loadRegisterArtifact();
  const client = (i: number) => createRegisterClient({ register: new Contract(deployment.address, abi, accounts[i]!) });
  const registrar = client(0);
  const signer = {} as Record<TestOffice, RegisterClient>;
  const admin = {} as Record<TestOffice, RegisterClient>;
  for (const [i, office] of TEST_OFFICES.entries()) {
    admin[office] = client(1 + 2 * i);
    signer[office] = client(2 + 2 * i);
    await registrar.admitOffice(office, `${office} office`, await accounts[1 + 2 * i]!.getAddress());
    await admin[office].grantSigner(office, await accounts[2 + 2 * i]!.getAddress());
  }
  return {
    url,
    provider,
    deployment,
    registrar,
    signer,
    admin,
    accounts,
    send: (method, params = []) => rpc(url, method, params),
    close: () => provider.destroy(),
  };
}

export type RegisterChainNode = Readonly<{ node: HardhatNode; chain: RegisterChain }>;

/** A new `hardhat node` process with the register set up by setUpRegisterChain; the node is stopped if that fails. */
export async function startRegisterChainNode(): Promise<RegisterChainNode> {
  const node = await startHardhatNode();
  try {
    return { node, chain: await setUpRegisterChain(node.url) };
  } catch (error) {
    await node.stop();
    throw error;
  }
}

/** Ends what startRegisterChainNode started; either part may be missing when the start failed. */
export async function stopRegisterChainNode({ node, chain }: Partial<RegisterChainNode>): Promise<void> {
  chain?.close();
  await node?.stop();
}
