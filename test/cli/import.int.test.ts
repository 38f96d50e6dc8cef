import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { applicationIdOf } from "../../src/chain/register-contract.js";
import { applicationRowsCsv } from "../support/application-rows.js";
import { freePort, startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { runDipr, startDipr } from "../support/node-process.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";

let node: HardhatNode;
let chain: RegisterChain;
let dir: string;
let snapshot: string;

beforeAll(async () => {
  node = await startHardhatNode();
  chain = await setUpRegisterChain(node.url);
  dir = mkdtempSync(join(tmpdir(), "dipr-import-"));
});
afterAll(async () => {
  chain?.close();
  await node?.stop();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  snapshot = (await chain.send("evm_snapshot")) as string;
});
afterEach(async () => {
  await chain.send("evm_revert", [snapshot]);
});

/** `dipr import FILE` as US's signer (account 2) against the test chain. */
const importArgs = (file: string, ...extra: string[]) => ["import", file, "--rpc", node.url, "--register", chain.deployment.address, "--account", "2", "--yes", ...extra];

const writeFile = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

/** How many applications of US the register holds: one eth_getLogs of ApplicationRegistered. */
async function registeredCount(): Promise<number> {
  const register = chain.registrar.register;
  return (await register.queryFilter(register.filters.ApplicationRegistered!(), 0)).length;
}

type Summary = { rows: number; registered: number; skipped: number; unsent: number; transactions: number; gasUsed: number; batches: { applications: number; transactionHash: string; gasUsed: number }[]; rejected: { line: number; field?: string; code: string; message: string }[] };

describe("dipr import", () => {
  test("registers a CSV in batches that fit a transaction; running it again skips every row and sends nothing", async () => {
    const file = writeFile("600.csv", applicationRowsCsv({ count: 600 }));
    const first = await runDipr(importArgs(file, "--json"), {});
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as Summary;
    expect(summary).toMatchObject({ rows: 600, registered: 600, skipped: 0, unsent: 0, rejected: [] });
    // 250 applications (MAX_BATCH) a batch at most; every batch's transaction and gas are listed.
    expect(summary.batches.map((b) => b.applications)).toEqual([250, 250, 100]);
    expect(summary.transactions).toBe(3);
    expect(summary.gasUsed).toBe(summary.batches.reduce((sum, b) => sum + b.gasUsed, 0));
    expect(await registeredCount()).toBe(600);
    // Row 12 of the generator claims one JP application, row 19 three: on chain, canonical.
    const stored = await chain.signer.US.getApplication("US", "18100012");
    expect(stored).toMatchObject({ filingDate: "2025-01-13", ipType: "patent", claimCount: 1 });
    expect((await chain.signer.US.getApplication("US", "18100019"))?.claimCount).toBe(3);
    expect(await chain.registrar.claimantsOf("JP", "2024400048")).toHaveLength(1);

    const block = (await chain.send("eth_blockNumber")) as string;
    const again = await runDipr(importArgs(file), {});
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(`${file}: 600 rows of US; 0 applications registered in 0 transactions; 600 rows skipped (on the register already)\n`);
    expect(await chain.send("eth_blockNumber")).toBe(block);
  });

  test("the example CSV (a divisional of an earlier row, claims of four offices) and the example ST.96 XML", async () => {
    const csv = await runDipr(importArgs("examples/applications.csv"), {});
    expect(csv.code).toBe(0);
    expect(csv.stdout).toMatch(/^examples\/applications\.csv: 5 rows of US; 5 applications registered in 1 transaction; gas [\d,]+ \([\d,]+ per application\); 0 rows skipped \(on the register already\)\n  transaction 0x[0-9a-f]{64}  block \d+  5 applications  gas [\d,]+\n$/);
    // Off a terminal: the write's announcement (write-context's), then one line per transaction instead of a bar.
    expect(csv.stderr).toContain("US signer");
    expect(csv.stderr).toMatch(/\nbatch 1: 5 registered \(block \d+, transaction 0x[0-9a-f]{64}, gas \d+\); rows 5\/5$/);
    expect(await chain.signer.US.getApplication("US", "18900203")).toMatchObject({ linkKind: "divisional" });
    const xml = await runDipr(importArgs("examples/applications.xml", "--json"), {});
    expect(xml.code).toBe(0);
    expect(JSON.parse(xml.stdout)).toMatchObject({ rows: 2, registered: 2, skipped: 0 });
    expect((await chain.signer.US.getApplication("US", "18900601"))?.claimCount).toBe(2);
  });

  test("a file with bad rows: every one reported with its line and reason, exit code 1, nothing sent", async () => {
    const good = applicationRowsCsv({ count: 3 }).trimEnd().split("\n");
    const file = writeFile("bad.csv", [...good, 'US,"18/100,001",2025-01-02,patent,,,', 'US,"17/12,345",2025-01-06,patent,,,', "US,18900203,2025-02-10,patent,EP 23 123 456.7 2023-03-11,,"].join("\n"));
    const block = (await chain.send("eth_blockNumber")) as string;
    const run = await runDipr(importArgs(file), {});
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.split("\n");
    expect(lines[0]).toBe(`${file} line 5: number: US:18100001 is on line 3 already (IMPORT_DUPLICATE_ROW)`);
    expect(lines[1]).toMatch(new RegExp(`^${file} line 6: number: .+ \\(NUMBER_LENGTH\\)$`));
    expect(lines[2]).toMatch(new RegExp(`^${file} line 7: claims\\.0\\.number: .+ \\(CHECK_DIGIT_MISMATCH\\)$`));
    expect(lines[3]).toBe("error IMPORT_ROWS_REJECTED: 3 of 6 rows rejected; nothing was sent");
    expect(await chain.send("eth_blockNumber")).toBe(block);
    expect(await registeredCount()).toBe(0);

    const json = await runDipr(importArgs(file, "--json"), {});
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as Summary).rejected.map((r) => [r.line, r.field, r.code])).toEqual([
      [5, "number", "IMPORT_DUPLICATE_ROW"],
      [6, "number", "NUMBER_LENGTH"],
      [7, "claims.0.number", "CHECK_DIGIT_MISMATCH"],
    ]);
  });

  test("another office's key: the register's refusal in words, exit code 1, nothing written", async () => {
    const file = writeFile("us.csv", applicationRowsCsv({ count: 5 }));
    const run = await runDipr(["import", file, "--rpc", node.url, "--register", chain.deployment.address, "--account", "4", "--yes"], {});
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`${file}: 5 rows of US; 0 applications registered in 0 transactions; 0 rows skipped (on the register already); 5 rows refused (lines 2–6)\n`);
    expect(run.stderr.split("\n").at(-1)).toMatch(/^error CHAIN_REVERTED: .*may not write US records.*\(DiprRegisterUnauthorizedSigner\)/);
    expect(await registeredCount()).toBe(0);
  });

  test("an import killed after its first batch resumes: the re-run skips what is registered and sends only the rest", async () => {
    const file = writeFile("2000.csv", applicationRowsCsv({ count: 2000, series: 17 }));
    const killed = startDipr(importArgs(file), {});
    await killed.waitFor((line) => typeof line.text === "string" && line.text.startsWith("batch 1: 250 registered"));
    killed.child.kill("SIGKILL");
    await killed.exited;
    const before = await registeredCount();
    expect(before).toBeGreaterThanOrEqual(250);
    expect(before).toBeLessThan(2000);
    // Batches are all-or-nothing: what is on chain is whole batches of the file's order.
    expect(before % 250).toBe(0);

    const resumed = await runDipr(importArgs(file, "--json"), {});
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ rows: 2000, skipped: before, registered: 2000 - before, unsent: 0, rejected: [] });
    expect(await registeredCount()).toBe(2000);
  });

  test("a parent neither in the file nor registered rejects its row before anything is sent; no chain is exit code 3", async () => {
    const file = writeFile("orphan.csv", "office,number,filingDate,ipType,parentNumber,parentKind\nUS,18900203,2025-06-02,patent,18/900,divisional\n".replace("18/900", '"18/900,202"'));
    const run = await runDipr(importArgs(file), {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${file} line 2: parent.number: the parent is not on the register, nor on an earlier row of the file (IMPORT_PARENT_UNKNOWN)`);
    expect(await registeredCount()).toBe(0);
    const offline = await runDipr(["import", "examples/applications.csv", "--rpc", `http://127.0.0.1:${await freePort()}`, "--register", chain.deployment.address, "--account", "2", "--yes"], {});
    expect(offline.code).toBe(3);
    expect(offline.stderr).toMatch(/^error CHAIN_UNAVAILABLE: /);
  });
});
