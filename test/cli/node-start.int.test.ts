import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { currentAbiHash } from "../../src/chain/deployment.js";
import { freePort, startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr, startDipr } from "../support/node-process.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";

// What `dipr node` and `dipr node status` do at start-up when something around them is wrong: the chain is down,
// the deployment record names another ABI, the chain was restarted from scratch under the data directory.

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

const envFor = (dataDir: string, extra: Record<string, string> = {}) => ({
  DIPR_RPC_URL: node.url,
  DIPR_REGISTER_ADDRESS: chain.deployment.address,
  DIPR_START_BLOCK: String(chain.deployment.blockNumber),
  DIPR_DATA_DIR: dataDir,
  DIPR_DEPLOYMENTS_DIR: dataDir,
  DIPR_CONFIRMATIONS: "4",
  DIPR_POLL_INTERVAL_MS: "50",
  DIPR_API_PORT: "0",
  ...extra,
});

/** The lines of stderr that are not JSON log lines: what an operator reads as the CLI's own message. */
const plainLines = (stderr: string) => stderr.split("\n").filter((l) => l.length > 0 && !l.startsWith("{"));

describe("dipr start-up", () => {
  test("dipr --version prints package.json's version", async () => {
    const run = await runDipr(["--version"], {});
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(version);
  });

  test("status with the chain down gives up after a few tries: one line, exit code 3", async () => {
    const dir = tempDir("dipr-down-");
    try {
      const down = `http://127.0.0.1:${await freePort()}`;
      const run = await runDipr(["node", "status"], envFor(dir.path, { DIPR_RPC_URL: down }));
      expect(run.code).toBe(3);
      expect(run.stderr.trim().split("\n")).toHaveLength(1);
      expect(run.stderr).toMatch(/^error CHAIN_UNAVAILABLE: /);
    } finally {
      dir.remove();
    }
  }, 30_000);

  test("dipr node with the chain down gives up at start-up with one error line and exit code 3, no stack traces", async () => {
    const dir = tempDir("dipr-down-");
    try {
      const down = `http://127.0.0.1:${await freePort()}`;
      const run = await runDipr(["node"], envFor(dir.path, { DIPR_RPC_URL: down }));
      expect(run.code).toBe(3);
      expect(plainLines(run.stderr)).toHaveLength(1);
      expect(plainLines(run.stderr)[0]).toMatch(/^error CHAIN_UNAVAILABLE: /);
      expect(run.stderr).not.toContain("    at ");
    } finally {
      dir.remove();
    }
  }, 30_000);

  test("a deployment record with another ABI is refused, unless DIPR_ALLOW_ABI_MISMATCH or --allow-abi-mismatch", async () => {
    const dir = tempDir("dipr-abi-");
    try {
      const deployments = join(dir.path, "deployments");
      mkdirSync(deployments);
      const other = `0x${"ab".repeat(32)}`;
      expect(other).not.toBe(currentAbiHash());
      writeFileSync(join(deployments, "31337.json"), JSON.stringify({ ...chain.deployment, abiHash: other }));
      const env = envFor(join(dir.path, "data"), { DIPR_DEPLOYMENTS_DIR: deployments, DIPR_REGISTER_ADDRESS: "", DIPR_START_BLOCK: "" });

      const refused = await runDipr(["node"], env);
      expect(refused.code).toBe(1);
      expect(plainLines(refused.stderr)).toEqual([expect.stringMatching(/^error DEPLOYMENT_ABI_MISMATCH: .*DIPR_ALLOW_ABI_MISMATCH/)]);

      for (const [args, extra] of [
        [["node"], { DIPR_ALLOW_ABI_MISMATCH: "1" }],
        [["node", "--allow-abi-mismatch"], {}],
      ] as const) {
        const p = startDipr(args, { ...env, ...extra });
        try {
          const started = await p.waitFor((l) => l.msg === "caught up");
          expect(started.blockNumber).toBeGreaterThanOrEqual(chain.deployment.blockNumber);
          expect(p.lines.some((l) => l.msg === "the deployment record's ABI differs from this build; events may not decode")).toBe(true);
          p.child.kill("SIGTERM");
          expect((await p.exited).code).toBe(0);
        } finally {
          p.child.kill("SIGKILL"); // a no-op once it exited
        }
      }
    } finally {
      dir.remove();
    }
  }, 60_000);
});

describe("a dev chain restarted from scratch", () => {
  test("meets the old data directory with one clear STORE_WRONG_CHAIN error naming the fix, not INDEXER_REORG_TOO_DEEP", async () => {
    const dir = tempDir("dipr-restarted-");
    const second = await startHardhatNode();
    let secondChain: RegisterChain | undefined;
    try {
      const first = startDipr(["node"], envFor(dir.path));
      try {
        await first.waitFor((l) => l.msg === "caught up");
        first.child.kill("SIGTERM");
        expect((await first.exited).code).toBe(0);
      } finally {
        first.child.kill("SIGKILL"); // a no-op once it exited
      }

      // The same deployer and nonce: the same register address on the same chain id, in a new chain. A few more
      // blocks than the first chain, so its head is above the old cursor as after some use.
      secondChain = await setUpRegisterChain(second.url);
      expect(secondChain.deployment.address).toBe(chain.deployment.address);
      await secondChain.send("hardhat_mine", ["0x10"]);
      const run = await runDipr(["node"], envFor(dir.path, { DIPR_RPC_URL: second.url, DIPR_START_BLOCK: String(secondChain.deployment.blockNumber) }));
      expect(run.code).toBe(1);
      const lines = plainLines(run.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^error STORE_WRONG_CHAIN: /);
      expect(lines[0]).toContain(dir.path);
      expect(lines[0]).toContain("--data-dir");
    } finally {
      secondChain?.close();
      await second.stop();
      dir.remove();
    }
  }, 120_000);
});
