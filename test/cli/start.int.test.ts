import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr, startDipr, type NodeProcess } from "../support/node-process.js";

const dir = tempDir("dipr-start-");
afterAll(() => dir.remove());

/** The node's status at the end of the first run: the second must find the same chain and index. */
let firstStatus: Record<string, unknown> | undefined;
let chainPort: number;
let apiPort: number;
beforeAll(async () => {
  chainPort = await freePort();
  apiPort = await freePort();
});

const running: NodeProcess[] = [];
afterAll(() => {
  // A failed test must not leave its dipr running.
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
});

function start(): NodeProcess {
  return track(startDipr(["start", "--dir", join(dir.path, "local"), "--chain-port", String(chainPort), "--api-port", String(apiPort)], {}));
}

function track(p: NodeProcess): NodeProcess {
  running.push(p);
  return p;
}

async function untilBanner(p: NodeProcess, timeoutMs = 120_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!p.stdout().includes("Try:")) {
    if (p.child.exitCode !== null) throw new Error(`dipr start exited with ${p.child.exitCode}: ${p.stdout()} ${JSON.stringify(p.lines)}`);
    if (Date.now() > deadline) throw new Error(`no banner within ${timeoutMs} ms: ${p.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return p.stdout();
}

const api = (path: string) => fetch(`http://127.0.0.1:${apiPort}/api/v1${path}`).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

const verify = (claimed: [string, string, string], claimant: [string, string], ipType = "patent") =>
  api(
    `/priority-claims/verify?${new URLSearchParams({
      office: claimed[0],
      number: claimed[1],
      filingDate: claimed[2],
      ipType,
      claimantOffice: claimant[0],
      claimantFilingDate: claimant[1],
      claimantIpType: ipType,
    })}`,
  );

/** Every process below `pid` (children, their children ...). */
function descendants(pid: number): number[] {
  const table = spawnSync("ps", ["-e", "-o", "pid=,ppid="]).stdout.toString().trim().split("\n").map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const [child, ppid] of table) if (ppid === parent && child !== undefined) (found.push(child), walk(child));
  };
  walk(pid);
  return found;
}

const alive = (pid: number) => spawnSync("ps", ["-o", "pid=", "-p", String(pid)]).stdout.toString().trim() !== "";

async function stopWithCtrlC(p: NodeProcess): Promise<void> {
  // Chain, node and API run in the one process; whatever it started (tsx's compiler service) must end with it.
  const below = descendants(p.child.pid!);
  p.child.kill("SIGINT");
  const { code } = await p.exited;
  expect(code).toBe(0);
  // A child notices its parent is gone when its pipe closes: give it a few seconds, then none may be left.
  for (let i = 0; i < 50 && below.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 100));
  expect(below.filter(alive).map((pid) => spawnSync("ps", ["-o", "pid=,args=", "-p", String(pid)]).stdout.toString().trim())).toEqual([]);
  // Both ports are closed again.
  for (const port of [chainPort, apiPort]) {
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  }
}

describe("dipr start (npm start)", () => {
  test("brings up the chain, the register with its sample, the node and the API, and stops cleanly on Ctrl-C", async () => {
    const p = start();
    const banner = await untilBanner(p);
    // The web page is the first URL, and a browser asking for it gets the page.
    expect(banner.split("\n").find((line) => line.includes("http://"))).toContain(`web page    http://127.0.0.1:${apiPort}/`);
    expect((await fetch(`http://127.0.0.1:${apiPort}/`, { headers: { accept: "text/html" } })).headers.get("content-type")).toMatch(/^text\/html/);
    expect(banner).toContain(`chain       http://127.0.0.1:${chainPort}`);
    expect(banner).toContain(`query API   http://127.0.0.1:${apiPort}/api/v1`);
    expect(banner).toMatch(/6 offices \(US, EP, JP, CN, KR, DE\), 24 applications: sample written \(\d+ transactions\)/);
    // The commands it suggests work as printed (on this port they name the API).
    const suggested = banner.split("\n").find((line) => line.startsWith("  npx dipr family"))!;
    expect(suggested).toBe(`  npx dipr family JP 特願2024-045678 --api http://127.0.0.1:${apiPort}`);
    const tree = await runDipr(["family", "JP", "特願2024-045678", "--api", `http://127.0.0.1:${apiPort}`], {});
    expect(tree.code, tree.stderr).toBe(0);
    expect(tree.stdout).toContain("DE:102025100234.7");

    // Every verdict outcome appears in the sample.
    const outcomes = await Promise.all([
      verify(["US", "63/512,345", "2024-03-01"], ["EP", "2025-02-27"]),
      verify(["DE", "10 2024 112 233.1", "2024-05-15"], ["CN", "2025-06-20"]),
      verify(["KR", "10-2024-0012345", "2024-03-20"], ["EP", "2025-07-15"]),
      verify(["EP", "EP 24 150 321.8", "2024-03-10"], ["KR", "2025-03-01"]),
      verify(["US", "63/600,001", "2024-06-01"], ["JP", "2025-05-20"]),
      verify(["AU", "2024901234", "2024-05-02"], ["EP", "2025-04-30"]),
      verify(["JP", "商願2025-012345", "2025-01-15"], ["KR", "2025-06-10"], "trademark"),
    ]);
    expect(outcomes.map((o) => o.body.outcome)).toEqual(["verified", "verifiedRestorable", "late", "mismatch", "notRegistered", "unknownOffice", "verified"]);

    const withdrawn = await api(`/applications/US/${encodeURIComponent("18/345,678")}`);
    expect(withdrawn.status).toBe(200);
    expect(JSON.stringify(withdrawn.body)).toContain('"withdrawn"');
    const divisional = await api(`/applications/EP/${encodeURIComponent("EP 25 190 456.1")}`);
    expect(JSON.stringify(divisional.body)).toContain('"divisional"');
    const family = await api(`/applications/JP/${encodeURIComponent("特願2024-045678")}/family`);
    expect(JSON.stringify(family.body)).toContain("DE:102025100234.7");

    // The registrar's and admins' listings read the same API.
    const offices = await runDipr(["office", "list", "--api", `http://127.0.0.1:${apiPort}`], {});
    expect(offices.code, offices.stderr).toBe(0);
    expect(offices.stdout.trim().split("\n").map((line) => line.slice(0, 2))).toEqual(["CN", "DE", "EP", "JP", "KR", "US"]);
    expect(offices.stdout).toMatch(/^EP {2}active {6}1 signer {3}European Patent Office \(EPO\)$/m);
    const signers = await runDipr(["signer", "list", "EP", "--api", `http://127.0.0.1:${apiPort}`, "--json"], {});
    expect(JSON.parse(signers.stdout)).toMatchObject({ office: "EP", signers: [{ account: "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65" }] });

    firstStatus = (await api("/status")).body;
    await stopWithCtrlC(p);
  }, 180_000);

  test("a second start replays the chain, writes nothing and the node goes on with its data directory", async () => {
    const p = start();
    const banner = await untilBanner(p);
    expect(banner).toMatch(/local chain 31337, \d+ blocks replayed from its journal/);
    expect(banner).toContain("sample already on the chain");
    // Same head (no block written twice), same index digest: the data directory went on from where it was.
    const status = await api("/status");
    expect(status.status).toBe(200);
    expect(firstStatus).toBeDefined();
    expect(status.body).toMatchObject({ headBlock: firstStatus!.headBlock, indexedBlock: firstStatus!.indexedBlock, digest: firstStatus!.digest });
    // No error of any kind: no reorganisation, no store mismatch.
    expect(p.lines.filter((l) => typeof l.level === "number" && l.level >= 40)).toEqual([]);
    await stopWithCtrlC(p);
  }, 180_000);

  test("a local register of another dipr version is named, with the fix", async () => {
    const other = tempDir("dipr-start-old-");
    try {
      const { mkdirSync, writeFileSync } = await import("node:fs");
      mkdirSync(join(other.path, "deployments"), { recursive: true });
      writeFileSync(join(other.path, "deployments", "31337.json"), JSON.stringify({ contract: "DiprRegister", chainId: 31337, address: "0x5FbDB2315678afecb367f032d93F642f64180aa3", blockNumber: 1, abiHash: "0x1234" }));
      const p = track(startDipr(["start", "--dir", other.path, "--chain-port", String(chainPort), "--api-port", String(apiPort)], {}));
      const { code } = await p.exited;
      expect(code).toBe(1);
      expect(p.lines.map((l) => l.text).join("\n")).toMatch(/^error DEPLOYMENT_ABI_MISMATCH: .* names a register of another dipr version .*delete the whole directory to start a new one$/m);
    } finally {
      other.remove();
    }
  }, 120_000);
});
