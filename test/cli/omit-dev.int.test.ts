import { execFile, execFileSync, spawnSync } from "node:child_process";
import { existsSync, statSync, utimesSync } from "node:fs";
import { delimiter, join, sep } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PROJECT_ROOT, freePort, startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr, startDipr, type DiprInstall } from "../support/node-process.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";

// An office node as the README installs it: the committed repository, `npm install --omit=dev` run by the machine's
// own Node and npm (not the project's Node 22 from node_modules/.bin, which that install does not bring), then
// `dipr node` on that same Node. Only committed work is tested: the clone is of HEAD.

/** PATH without any node_modules/.bin, so `node` and `npm` are the machine's, as for an operator. */
const SYSTEM_PATH = (process.env.PATH ?? "")
  .split(delimiter)
  .filter((dir) => !dir.includes(`${sep}node_modules${sep}`))
  .join(delimiter);

function systemNode(): string {
  for (const dir of SYSTEM_PATH.split(delimiter)) {
    const candidate = join(dir, "node");
    if (dir !== "" && existsSync(candidate)) return candidate;
  }
  throw new Error(`no node on PATH outside node_modules: ${SYSTEM_PATH}`);
}

const execFileAsync = promisify(execFile);
const operatorEnv = () => ({ PATH: SYSTEM_PATH, HOME: process.env.HOME ?? "" });

let checkout: { path: string; remove: () => void };
let install: DiprInstall;
let installLog: string;
let node: HardhatNode;
let chain: RegisterChain;

beforeAll(async () => {
  checkout = tempDir("dipr-omit-dev-");
  execFileSync("git", ["clone", "--quiet", "--depth", "1", `file://${PROJECT_ROOT}`, checkout.path], { stdio: "pipe" });
  const npm = spawnSync("npm", ["install", "--omit=dev", "--no-audit", "--no-fund"], {
    cwd: checkout.path,
    env: operatorEnv(),
    encoding: "utf8",
    timeout: 300_000,
  });
  installLog = `${npm.stdout}\n${npm.stderr}`;
  if (npm.status !== 0) throw new Error(`npm install --omit=dev failed (${npm.status ?? npm.signal}):\n${installLog.slice(-3000)}`);
  install = { root: checkout.path, node: systemNode() };

  node = await startHardhatNode();
  chain = await setUpRegisterChain(node.url);
  await chain.signer.US.registerApplication("US", { number: "63123456", filingDate: "2024-03-01", ipType: "patent" });
}, 420_000);
afterAll(async () => {
  chain?.close();
  await node?.stop();
  checkout?.remove();
});

describe("an office node installed with npm install --omit=dev", () => {
  test("has the compiled CLI and none of the development dependencies", () => {
    const has = (path: string) => existsSync(join(checkout.path, path));
    expect(has("dist/cli/main.js")).toBe(true);
    expect(["tsx", "hardhat", "vitest", "node", "typescript"].filter((name) => has(`node_modules/${name}`))).toEqual([]);
    expect(installLog).toContain("development dependencies not installed");
  });

  test("prints its version and a command's help on the machine's Node and on the project's", async () => {
    for (const runtime of [install.node, process.execPath]) {
      const version = await runDipr(["--version"], operatorEnv(), { ...install, node: runtime });
      expect({ runtime, code: version.code, stdout: version.stdout, stderr: version.stderr }).toEqual({ runtime, code: 0, stdout: "0.1.0\n", stderr: "" });
      const help = await runDipr(["verify", "--help"], operatorEnv(), { ...install, node: runtime });
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/^Usage: dipr verify/);
    }
  });

  test("dipr node indexes the register, serves an application, and stops cleanly on SIGTERM; show and node status read it", async () => {
    const data = tempDir("dipr-omit-dev-data-");
    const port = await freePort();
    const env = {
      ...operatorEnv(),
      DIPR_RPC_URL: node.url,
      DIPR_REGISTER_ADDRESS: chain.deployment.address,
      DIPR_START_BLOCK: String(chain.deployment.blockNumber),
      DIPR_DATA_DIR: data.path,
      DIPR_DEPLOYMENTS_DIR: data.path,
      DIPR_CONFIRMATIONS: "4",
      DIPR_POLL_INTERVAL_MS: "50",
      DIPR_API_PORT: String(port),
      DIPR_API_READY_MAX_LAG: "0",
    };
    const p = startDipr(["node"], env, install);
    try {
      await p.waitFor((l) => l.msg === "api listening");
      const api = `http://127.0.0.1:${port}/api/v1`;
      const deadline = Date.now() + 30_000;
      while ((await fetch(`${api}/ready`)).status !== 200) {
        if (Date.now() > deadline) throw new Error(`not ready in time; last lines: ${JSON.stringify(p.lines.slice(-5))}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect((await fetch(`${api}/health`)).status).toBe(200);
      const application = await fetch(`${api}/applications/US/63123456`);
      expect(application.status).toBe(200);
      expect(await application.json()).toMatchObject({ canonicalId: "US:63123456", filingDate: "2024-03-01" });
      const page = await fetch(`http://127.0.0.1:${port}/assets/page.js`);
      expect(page.status).toBe(200);
      expect((await page.text()).length).toBeGreaterThan(10_000);
      // As the README has an examiner run it: npx finds the package's own bin, which runs on the machine's Node.
      const show = await execFileAsync("npx", ["dipr", "show", "US", "63123456", "--json", "--api", `http://127.0.0.1:${port}`], { cwd: checkout.path, env: operatorEnv() });
      expect(show.stderr).toBe("");
      expect(JSON.parse(show.stdout)).toMatchObject({ canonicalId: "US:63123456" });

      p.child.kill("SIGTERM");
      expect((await p.exited).code).toBe(0);
      const status = await runDipr(["node", "status", "--json"], env, install);
      expect(status.code).toBe(0);
      expect(JSON.parse(status.stdout)).toMatchObject({ applications: 1 });
    } finally {
      p.child.kill("SIGKILL");
      data.remove();
    }
  });

  test("after a source changes without a build, it runs the older build and says how to rebuild", async () => {
    const source = join(checkout.path, "src", "errors.ts");
    const later = new Date(Date.now() + 60_000);
    const before = statSync(source);
    utimesSync(source, later, later);
    try {
      const version = await runDipr(["--version"], operatorEnv(), install);
      expect({ code: version.code, stdout: version.stdout }).toEqual({ code: 0, stdout: "0.1.0\n" });
      expect(version.stderr).toContain("npm run build:js");
    } finally {
      utimesSync(source, before.atime, before.mtime);
    }
    expect((await runDipr(["--version"], operatorEnv(), install)).stderr).toBe("");
  });

  test("dipr start refuses with a message naming what to install", async () => {
    const dir = tempDir("dipr-omit-dev-local-");
    try {
      const start = await runDipr(["start", "--dir", dir.path, "--chain-port", String(await freePort())], operatorEnv(), install);
      expect(start.code).toBe(1);
      expect(start.stderr).toMatch(/^error LOCAL_CHAIN_NOT_INSTALLED: /);
      expect(existsSync(join(dir.path, "chain"))).toBe(false);
    } finally {
      dir.remove();
    }
  });
});
