import { startHardhatNode, type HardhatNode } from "./hardhat-node.js";
import { tempDir } from "./indexer-harness.js";
import type { NodeProcess } from "./node-process.js";
import { startQueryNode } from "./query-node.js";
import { setUpRegisterChain, type RegisterChain } from "./register-chain.js";
import { registerWithdrawnClaimCase, registerWorkedExample } from "./worked-example.js";

/**
 * What the examiner's commands read: a real `hardhat node`, the register with US, EP and JP, a small family, and
 * a real `dipr node` process serving the query API on a free 127.0.0.1 port, caught up.
 *
 * - US 63/100,001 (2023-01-10) and JP 2023-050001 (2023-03-01): first filings;
 * - EP 24 150 001.6 (2024-01-08) claims both; EP 24 199 999.4 (2024-09-02) is its divisional;
 * - US 18/600,001 (2024-02-20) claims the JP application with a wrong date (2023-03-02);
 * - EP 24 160 002.2 (2024-06-03) claims KR 10-2023-0123456 (2023-07-03; KR does not take part) and US 63/100,001,
 *   the second claim withdrawn.
 */
export type ExaminerFixture = Readonly<{ apiUrl: string; hardhat: HardhatNode; chain: RegisterChain; node: NodeProcess; close: () => Promise<void> }>;

export async function registerExaminerSample(chain: RegisterChain): Promise<void> {
  await registerWorkedExample(chain);
  await chain.signer.US.registerApplication("US", {
    number: "18600001",
    filingDate: "2024-02-20",
    ipType: "patent",
    claims: [{ office: "JP", number: "2023050001", filingDate: "2023-03-02" }],
  });
  await registerWithdrawnClaimCase(chain);
}

export async function createExaminerFixture(): Promise<ExaminerFixture> {
  const hardhat = await startHardhatNode();
  const chain = await setUpRegisterChain(hardhat.url);
  await registerExaminerSample(chain);
  const dir = tempDir("dipr-examiner-");
  const query = await startQueryNode({ rpcUrl: hardhat.url, deployment: chain.deployment, dir: dir.path });
  const { url: apiUrl, process: node } = query;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ready = await fetch(`${apiUrl}/api/v1/ready`).then((r) => r.status === 200, () => false);
    if (ready) break;
    if (Date.now() > deadline || node.child.exitCode !== null) {
      throw new Error(`dipr node did not become ready: ${JSON.stringify(node.lines.slice(-5))}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    apiUrl,
    hardhat,
    chain,
    node,
    close: async () => {
      await query.stop();
      dir.remove();
      chain.close();
      await hardhat.stop();
    },
  };
}
