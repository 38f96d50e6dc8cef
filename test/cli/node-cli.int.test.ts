import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createStore } from "../../src/store/index.js";
import { startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { bulkApplications, createRng } from "../support/history.js";
import { freshIndex, tempDir } from "../support/indexer-harness.js";
import { runDipr, startDipr } from "../support/node-process.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";

const BLOCKS = 120;
const APPS_PER_BLOCK = 20;
const KILLS = 20;

let node: HardhatNode;
let chain: RegisterChain;
beforeAll(async () => {
  node = await startHardhatNode();
  chain = await setUpRegisterChain(node.url);
  const rng = createRng(7);
  for (let b = 0; b < BLOCKS; b++) {
    const office = (["US", "EP", "JP"] as const)[b % 3]!;
    await chain.signer[office].registerApplications(office, bulkApplications(office, b * APPS_PER_BLOCK, APPS_PER_BLOCK, rng));
  }
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
  DIPR_CONFIRMATIONS: "5",
  DIPR_GETLOGS_MAX_RANGE: "1",
  DIPR_POLL_INTERVAL_MS: "50",
  DIPR_API_PORT: "0", // any free port: these nodes run side by side
  DIPR_DEPLOYMENTS_DIR: dataDir, // no deployment record there: the address comes from DIPR_REGISTER_ADDRESS
  ...extra,
});

describe("dipr node as a child process", () => {
  test(`survives ${KILLS} kill -9 at random moments: the final digest equals a fresh index and every application appears once`, async () => {
    const dir = tempDir("dipr-crash-");
    const rng = createRng(99);
    try {
      const indexedAtKill: number[] = [];
      for (let round = 0; round < KILLS; round++) {
        const p = startDipr(["node"], envFor(dir.path));
        const ranges = rng.int(1, 3);
        let seen = 0;
        const line = await p.waitFor((l) => (l.msg === "indexed range" && ++seen >= ranges) || l.msg === "caught up");
        // A random moment inside the next range: before, during or after its batch is written.
        await new Promise((resolve) => setTimeout(resolve, rng.int(0, 12)));
        p.child.kill("SIGKILL");
        expect((await p.exited).signal).toBe("SIGKILL");
        indexedAtKill.push(Number(line.toBlock ?? 0));
      }
      // The kills happened during catch-up, not after it.
      expect(Math.max(...indexedAtKill)).toBeLessThan(chain.deployment.blockNumber + 9 + BLOCKS);
      const last = startDipr(["node"], envFor(dir.path));
      await last.waitFor((l) => l.msg === "caught up");
      last.child.kill("SIGTERM");
      expect((await last.exited).code).toBe(0);
      expect(last.lines.some((l) => l.msg === "node stopped")).toBe(true);

      const reference = await freshIndex({ url: node.url, deployment: chain.deployment, confirmations: 5 });
      const store = await createStore({ path: dir.path, expect: { chainId: 31337, registerAddress: chain.deployment.address } });
      try {
        expect(await store.getCursor()).toEqual(reference.cursor);
        expect(await store.countApplications()).toBe(BLOCKS * APPS_PER_BLOCK);
        for await (const app of store.listApplications()) {
          expect(app.history.filter((h) => h.event === "ApplicationRegistered")).toHaveLength(1);
          expect(app.claims.map((c) => c.sequence)).toEqual(app.claims.map((_, i) => i + 1));
        }
        const { blocks, ...entities } = await store.exportEntries();
        const { blocks: refBlocks, ...refEntities } = reference.entries;
        expect(entities).toEqual(refEntities);
        expect(blocks).toEqual(refBlocks);
      } finally {
        await store.close();
      }
    } finally {
      dir.remove();
    }
  }, 180_000);

  test("status reads the running node's status file while it holds the store, and the store after SIGTERM", async () => {
    const dir = tempDir("dipr-status-");
    let p: ReturnType<typeof startDipr> | undefined;
    try {
      p = startDipr(["node"], envFor(dir.path, { DIPR_GETLOGS_MAX_RANGE: "2000" }));
      const caughtUp = await p.waitFor((l) => l.msg === "caught up");
      // bin/dipr.js restarted itself in place with the default 128 MiB old-space cap (the PID check below too).
      const starting = await p.waitFor((l) => l.msg === "node starting");
      expect(Number(starting.heapLimitMiB)).toBeLessThanOrEqual(128 + 64);
      expect(starting.execArgv).toEqual(expect.arrayContaining(["--max-old-space-size=128"]));
      // ... and glibc's arenas limited to two (set before start-up, so read from the process's own environment).
      const arenas = process.env.MALLOC_ARENA_MAX ?? "2"; // a value in the environment is kept
      expect(starting.mallocArenaMax).toBe(arenas);
      expect(readFileSync(`/proc/${p.child.pid}/environ`, "utf8").split("\0")).toContain(`MALLOC_ARENA_MAX=${arenas}`);
      // Caught up under the cap: major collections wait for the old space to double (src/cli/heap-growth.ts).
      expect(starting.heapGrowthPercentWhileFollowing).toBe(100);
      expect((await p.waitFor((l) => l.msg === "heap growth widened while following the head")).heapGrowingPercent).toBe(100);
      const running = await runDipr(["node", "status", "--json"], envFor(dir.path));
      expect(running.code).toBe(0);
      const live = JSON.parse(running.stdout) as Record<string, unknown>;
      expect(live).toMatchObject({ chainId: 31337, registerAddress: chain.deployment.address.toLowerCase(), source: "status-file", indexedBlock: caughtUp.blockNumber, lag: 0, digest: caughtUp.digest });
      expect(live.runningPid).toBe(p.child.pid);
      expect(live.applications).toBe(BLOCKS * APPS_PER_BLOCK);

      // A second node on the same directory is refused with STORE_LOCKED.
      const second = await runDipr(["node"], envFor(dir.path));
      expect(second.code).toBe(1);
      expect(second.stderr).toContain("error STORE_LOCKED");

      p.child.kill("SIGTERM");
      expect((await p.exited).code).toBe(0);
      const stopped = await runDipr(["node", "status"], envFor(dir.path));
      expect(stopped.code).toBe(0);
      expect(stopped.stdout).toMatch(new RegExp(`indexed block\\s+${caughtUp.blockNumber}`));
      expect(stopped.stdout).toMatch(/lag \(blocks\)\s+0/);
      expect(stopped.stdout).toContain(String(caughtUp.digest));
      expect(stopped.stdout).toMatch(new RegExp(`applications\\s+${BLOCKS * APPS_PER_BLOCK}`));

      // The same directory for another register address: a clear error, nothing written.
      const wrong = await runDipr(["node"], envFor(dir.path, { DIPR_REGISTER_ADDRESS: `0x${"12".repeat(20)}` }));
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain("error STORE_WRONG_CHAIN");
    } finally {
      p?.child.kill("SIGKILL"); // a failed assertion must not leave the node running (a no-op after its exit)
      dir.remove();
    }
  }, 120_000);

  test("invalid configuration is reported all at once with CONFIG_INVALID and the usage exit code", async () => {
    const run = await runDipr(["node"], { DIPR_CONFIRMATIONS: "-1", DIPR_RPC_URL: "not a url", DIPR_LOG_LEVEL: "loud", DIPR_NODE_HEAP_MIB: "10" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error CONFIG_INVALID");
    for (const name of ["DIPR_CONFIRMATIONS", "DIPR_RPC_URL", "DIPR_LOG_LEVEL", "DIPR_NODE_HEAP_MIB"]) expect(run.stderr).toContain(name);
  });
});
