import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort, startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr, startDipr } from "../support/node-process.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";

let node: HardhatNode;
let chain: RegisterChain;
beforeAll(async () => {
  node = await startHardhatNode();
  chain = await setUpRegisterChain(node.url);
  await chain.signer.US.registerApplication("US", { number: "63123456", filingDate: "2024-03-01", ipType: "patent" });
}, 120_000);
afterAll(async () => {
  chain?.close();
  await node?.stop();
});

const envFor = (dataDir: string, port: number) => ({
  DIPR_RPC_URL: node.url,
  DIPR_REGISTER_ADDRESS: chain.deployment.address,
  DIPR_START_BLOCK: String(chain.deployment.blockNumber),
  DIPR_DATA_DIR: dataDir,
  DIPR_DEPLOYMENTS_DIR: dataDir,
  DIPR_CONFIRMATIONS: "4",
  DIPR_POLL_INTERVAL_MS: "50",
  DIPR_API_PORT: String(port),
  // Ready only when fully caught up, so the registration mined before the start is indexed by then.
  DIPR_API_READY_MAX_LAG: "0",
});

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("dipr node serves the query API from the indexing process", () => {
  test("answers on its port, follows new registrations, and stops cleanly on SIGTERM", async () => {
    const dir = tempDir("dipr-node-api-");
    const port = await freePort();
    const p = startDipr(["node"], envFor(dir.path, port));
    try {
      const listening = await p.waitFor((l) => l.msg === "api listening");
      expect(listening.port).toBe(port);
      // Off a terminal too, the operator is told where the API is, on stdout and unredacted in the log.
      const announced = await until(async () => (p.stdout().includes("\n") ? p.stdout() : undefined), 10_000);
      expect(announced).toBe(`query API on http://127.0.0.1:${port}\n`);
      expect(listening.apiUrl).toBe(`http://127.0.0.1:${port}/api/v1`);
      const api = `http://127.0.0.1:${port}/api/v1`;
      const ready = await until(async () => {
        const r = await fetch(`${api}/ready`);
        return r.status === 200 ? ((await r.json()) as { indexedBlock: number; lag: number }) : undefined;
      });
      expect(ready.lag).toBe(0);
      const first = await fetch(`${api}/applications/US/${encodeURIComponent("63/123,456")}`);
      expect(first.status).toBe(200);
      expect(await first.json()).toMatchObject({ canonicalId: "US:63123456", filingDate: "2024-03-01" });

      await chain.signer.EP.registerApplication("EP", {
        number: "25153079.6",
        filingDate: "2025-02-27",
        ipType: "patent",
        claims: [{ office: "US", number: "63123456", filingDate: "2024-03-01" }],
      });
      const claimants = await until(async () => {
        const body = (await (await fetch(`${api}/applications/US/63123456/claimants`)).json()) as { claimants: { claimantCanonicalId: string }[] };
        return body.claimants.length > 0 ? body.claimants : undefined;
      });
      expect(claimants.map((c) => c.claimantCanonicalId)).toEqual(["EP:25153079.6"]);

      p.child.kill("SIGTERM");
      expect((await p.exited).code).toBe(0);
      await expect(fetch(`${api}/health`)).rejects.toThrow();
    } finally {
      p.child.kill("SIGKILL");
      dir.remove();
    }
  });

  test("a node restarted on an idle chain becomes ready without a new block", async () => {
    const dir = tempDir("dipr-node-idle-");
    try {
      const first = startDipr(["node"], envFor(dir.path, await freePort()));
      await first.waitFor((l) => l.msg === "caught up");
      first.child.kill("SIGTERM");
      expect((await first.exited).code).toBe(0);
      const head = Number(await chain.send("eth_blockNumber"));

      const port = await freePort();
      const again = startDipr(["node"], envFor(dir.path, port));
      try {
        await again.waitFor((l) => l.msg === "caught up");
        const ready = await until(async () => {
          const r = await fetch(`http://127.0.0.1:${port}/api/v1/ready`);
          return r.status === 200 ? ((await r.json()) as { headBlock: number; lag: number }) : undefined;
        }, 10_000);
        expect(ready).toMatchObject({ headBlock: head, lag: 0 });
        expect(Number(await chain.send("eth_blockNumber"))).toBe(head); // nothing was mined meanwhile
      } finally {
        again.child.kill("SIGTERM");
        await again.exited;
      }
    } finally {
      dir.remove();
    }
  });

  test("a port already in use ends the node with API_LISTEN_FAILED and exit code 1", async () => {
    const dir = tempDir("dipr-node-api-busy-");
    const blocker = createServer();
    const port = await freePort();
    await new Promise<void>((resolve) => blocker.listen(port, "127.0.0.1", resolve));
    try {
      const run = await runDipr(["node"], envFor(dir.path, port));
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("error API_LISTEN_FAILED");
    } finally {
      blocker.close();
      dir.remove();
    }
  });
});
