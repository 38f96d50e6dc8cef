import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Express } from "express";
import { createApp, type ApiOptions } from "../../src/api/app.js";
import type { NodeStatus } from "../../src/api/node-status.js";
import { createRegisterClient } from "../../src/chain/register-client.js";
import { Contract } from "ethers";
import { loadRegisterArtifact } from "../../src/chain/register-contract.js";
import type { Store } from "../../src/store/index.js";
import { startHardhatNode, type HardhatNode } from "./hardhat-node.js";
import { openNode, silentLog, tempDir, type IndexedNode } from "./indexer-harness.js";
import { setUpRegisterChain, type RegisterChain } from "./register-chain.js";
import { registerWithdrawnClaimCase, registerWorkedExample } from "./worked-example.js";

/**
 * The API's one shared fixture: a real `hardhat node`, the register with US, EP, JP and CN admitted, the
 * worked family example of docs/domain.md §6.3 plus a few edge cases, indexed by the real indexer into a
 * real LevelDB directory. Every API test reads this store through HTTP on 127.0.0.1.
 */
export type ApiFixture = Readonly<{
  chain: RegisterChain;
  node: IndexedNode;
  store: Store;
  nodeStatus: () => Promise<NodeStatus | undefined>;
  serve: (app: Express) => Promise<{ url: string; close: () => Promise<void> }>;
  /** An app over the fixture's store on a free port, with `options` on top of the defaults. */
  start: (options?: Partial<ApiOptions>, status?: () => Promise<NodeStatus | undefined>) => Promise<{ url: string; close: () => Promise<void> }>;
  close: () => Promise<void>;
}>;

export async function createApiFixture(): Promise<ApiFixture> {
  const hardhat: HardhatNode = await startHardhatNode();
  const chain = await setUpRegisterChain(hardhat.url);
  const cnAdmin = chain.accounts[7]!;
  const cnSigner = chain.accounts[8]!;
  const { abi } = loadRegisterArtifact();
  await chain.registrar.admitOffice("CN", "CNIPA", await cnAdmin.getAddress());
  await createRegisterClient({ register: new Contract(chain.deployment.address, abi, cnAdmin) }).grantSigner("CN", await cnSigner.getAddress());
  const cn = createRegisterClient({ register: new Contract(chain.deployment.address, abi, cnSigner) });
  const { US, JP } = chain.signer;

  // domain.md §6.3: A1..A4 (registerWorkedExample), then A5 and A6.
  await registerWorkedExample(chain);
  await cn.registerApplication("CN", {
    number: "202410012345.2",
    filingDate: "2024-02-20",
    ipType: "patent",
    claims: [{ office: "JP", number: "2023050001", filingDate: "2023-03-01" }],
  });
  await US.registerApplication("US", {
    number: "18600001",
    filingDate: "2024-12-01",
    ipType: "patent",
    claims: [{ office: "CN", number: "202410012345.2", filingDate: "2024-02-20" }],
  });
  // Edge cases: a claim of a non-participating office (KR), a withdrawn claim, a trade mark, a batch.
  await registerWithdrawnClaimCase(chain);
  await JP.registerApplication("JP", { number: "2024099999", filingDate: "2024-05-01", ipType: "trademark" });
  await JP.registerApplications(
    "JP",
    Array.from({ length: 5 }, (_, i) => ({
      number: `20240500${String(i).padStart(2, "0")}`,
      filingDate: "2024-09-01",
      ipType: "patent" as const,
      claims: [{ office: "KR", number: "1020230123456", filingDate: "2023-07-03" }],
    })),
  );

  const dir = tempDir("dipr-api-");
  const node = await openNode({ path: dir.path, url: hardhat.url, deployment: chain.deployment, confirmations: 4 });
  const cursor = await node.indexer.syncToHead();
  const head = Number(await chain.send("eth_blockNumber"));
  const nodeStatus = async (): Promise<NodeStatus> => ({
    chainId: chain.deployment.chainId,
    registerAddress: chain.deployment.address.toLowerCase(),
    indexedBlock: cursor.number,
    headBlock: head,
    digest: cursor.digest,
  });

  const serve = (app: Express) =>
    new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
      const server: Server = app.listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
      });
    });

  return {
    chain,
    node,
    store: node.store,
    nodeStatus,
    serve,
    start: (options = {}, status = nodeStatus) => serve(createApp({ store: node.store, nodeStatus: status, log: silentLog(), options })),
    close: async () => {
      await node.close();
      dir.remove();
      chain.close();
      await hardhat.stop();
    },
  };
}
