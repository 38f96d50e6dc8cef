// npm run bench:startup: what the compiled build (dist/, scripts/build-dist.mjs) saves against running src/ through
// tsx, as the CLI did before: `dipr --version` wall time, and a `dipr node`'s time from spawn to its API answering
// /ready (caught up over a register with one application on a real hardhat node). The two ways take turns in every
// round, on the Node that runs this script. Writes startup.json to the results directory.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { freePort, PROJECT_ROOT, startHardhatNode } from "../test/support/hardhat-node.js";
import { tempDir } from "../test/support/indexer-harness.js";
import { DIPR_BIN } from "../test/support/node-process.js";
import { setUpRegisterChain } from "../test/support/register-chain.js";
import { benchScale, median, withSteal, writeResults } from "./machine.js";

const VERSION_RUNS = 10;
const NODE_RUNS = benchScale() === "full" ? 5 : 2;
const BUILD_SCRIPT = fileURLToPath(new URL("../scripts/build-dist.mjs", import.meta.url));
const SRC_MAIN = fileURLToPath(new URL("../src/cli/main.ts", import.meta.url));
const say = (text: string) => process.stderr.write(`${text}\n`);

type Way = "dist" | "tsx";
// bin/dipr.js runs src/ through tsx whenever dist/ is older than src/, so the build runs (when needed) before each
// compiled sample, outside the timing: otherwise an edit during the run would be measured as the compiled build.
function ensureBuilt(): void {
  const result = spawnSync(process.execPath, [BUILD_SCRIPT, "--quiet"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("building dist/ failed");
}
/** The command line of each way; tsx's is what bin/dipr.js ran before the build (register tsx, import main.ts). */
const argv = (way: Way, args: readonly string[], heapFlag: readonly string[] = []) =>
  way === "dist" ? [DIPR_BIN, ...args] : [...heapFlag, "--import", "tsx", SRC_MAIN, ...args];

function versionMs(way: Way): number {
  if (way === "dist") ensureBuilt();
  const started = performance.now();
  const result = spawnSync(process.execPath, argv(way, ["--version"]), { cwd: PROJECT_ROOT, encoding: "utf8" });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`dipr --version (${way}) failed: ${result.stderr}`);
  return ms;
}

async function nodeReadyMs(way: Way, env: Record<string, string>): Promise<number> {
  if (way === "dist") ensureBuilt();
  const data = tempDir("dipr-bench-startup-");
  const port = await freePort();
  const started = performance.now();
  // bin/dipr.js re-executes `dipr node` with the heap cap; the tsx way gets the same flag directly.
  const child = spawn(process.execPath, argv(way, ["node"], ["--max-old-space-size=128"]), {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env, DIPR_DATA_DIR: data.path, DIPR_DEPLOYMENTS_DIR: data.path, DIPR_API_PORT: String(port) },
    stdio: ["ignore", "ignore", "ignore"],
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`dipr node (${way}) exited with ${child.exitCode}`);
      const status = await fetch(`http://127.0.0.1:${port}/api/v1/ready`).then((r) => r.status, () => 0);
      if (status === 200) return performance.now() - started;
      if (performance.now() - started > 60_000) throw new Error(`dipr node (${way}) not ready in 60 s`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
    data.remove();
  }
}

const round = (ms: number) => Math.round(ms);
const summary = (samples: Record<Way, number[]>) => ({
  distMs: round(median(samples.dist)),
  tsxMs: round(median(samples.tsx)),
  ratio: Math.round((median(samples.dist) / median(samples.tsx)) * 100) / 100,
  samples: { dist: samples.dist.map(round), tsx: samples.tsx.map(round) },
});

const version = await withSteal(async () => {
  const samples: Record<Way, number[]> = { dist: [], tsx: [] };
  for (let i = 0; i < VERSION_RUNS; i++) for (const way of i % 2 === 0 ? (["dist", "tsx"] as const) : (["tsx", "dist"] as const)) samples[way].push(versionMs(way));
  return summary(samples);
});
say(`dipr --version: dist ${version.distMs} ms, tsx ${version.tsxMs} ms (medians of ${VERSION_RUNS})`);

const hardhat = await startHardhatNode();
const chain = await setUpRegisterChain(hardhat.url);
await chain.signer.US.registerApplication("US", { number: "63123456", filingDate: "2024-03-01", ipType: "patent" });
const env = {
  DIPR_RPC_URL: hardhat.url,
  DIPR_REGISTER_ADDRESS: chain.deployment.address,
  DIPR_START_BLOCK: String(chain.deployment.blockNumber),
  DIPR_CONFIRMATIONS: "4",
  DIPR_POLL_INTERVAL_MS: "50",
  DIPR_API_READY_MAX_LAG: "0",
  DIPR_LOG_LEVEL: "warn",
};
try {
  const nodeReady = await withSteal(async () => {
    const samples: Record<Way, number[]> = { dist: [], tsx: [] };
    for (let i = 0; i < NODE_RUNS; i++) for (const way of i % 2 === 0 ? (["dist", "tsx"] as const) : (["tsx", "dist"] as const)) samples[way].push(await nodeReadyMs(way, env));
    return summary(samples);
  });
  say(`dipr node, spawn to ready: dist ${nodeReady.distMs} ms, tsx ${nodeReady.tsxMs} ms (medians of ${NODE_RUNS})`);
  say(`wrote ${writeResults("startup", { node: process.version, version, nodeReady })}`);
} finally {
  chain.close();
  await hardhat.stop();
}
