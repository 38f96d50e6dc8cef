import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { epochDayToIso, isoToEpochDay, publicationDue } from "../../src/domain/index.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cliEnv, setUpRegisterByCli } from "../support/cli-register.js";
import { rpc, startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr } from "../support/node-process.js";
import { startQueryNode, type QueryNode } from "../support/query-node.js";

// The whole life of an unpublished application, as the people involved type it: JP records it blinded, EP and US
// register applications claiming it, their examiners check the claims with the applicant's access code, JP sees
// who claims it, EP's family shows it as an opaque member; JP publishes it, and everything is ordinary and in
// clear. A real hardhat node, a real `dipr node` serving the query API, every command a child process.

let chain: HardhatNode;
let node: QueryNode | undefined;
let apiUrl: string;
// Filing dates a few weeks before the chain's time (the chain runs on the wall clock), so the story reads the same
// whatever day the test runs: JP files first, EP and US claim its priority within weeks.
let dates: { jp: string; ep: string; us: string };
const dir = tempDir("dipr-blinded-life-");

const dipr = (args: string[]) => runDipr(args, { ...cliEnv(chain.url, dir.path), DIPR_API_URL: apiUrl });

/** Runs a command that must succeed, and gives its standard output. */
async function ok(args: string[]): Promise<string> {
  const run = await dipr(args);
  expect(run.code, `dipr ${args.join(" ")}: ${run.stderr}`).toBe(0);
  return run.stdout;
}

// Signer accounts of the three offices (their admins are the account before each).
const SIGNER = { JP: "6", EP: "4", US: "2" } as const;

beforeAll(async () => {
  chain = await startHardhatNode();
  const latest = (await rpc(chain.url, "eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
  const today = isoToEpochDay(new Date(Number(latest.timestamp) * 1000).toISOString().slice(0, 10));
  dates = { jp: epochDayToIso(today - 40), ep: epochDayToIso(today - 2), us: epochDayToIso(today - 1) };
  const { deployment } = await setUpRegisterByCli(chain.url, dir.path, { JP: { admin: 5, signer: 6 }, EP: { admin: 3, signer: 4 }, US: { admin: 1, signer: 2 } });
  node = await startQueryNode({ rpcUrl: chain.url, deployment, dir: dir.path });
  apiUrl = node.url;
}, 120_000);
afterAll(async () => {
  await node?.stop();
  await chain?.stop();
  dir.remove();
});

/** Waits until the node has indexed the chain's head (it polls every 100 ms). */
async function indexed(): Promise<void> {
  const head = Number(await rpc(chain.url, "eth_blockNumber"));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = (await fetch(`${apiUrl}/api/v1/status`).then((r) => r.json(), () => ({}))) as { indexedBlock?: number };
    if ((status.indexedBlock ?? -1) >= head) return;
    if (Date.now() > deadline) throw new Error(`the node did not reach block ${head}: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const JP = () => ["--office", "JP", "--number", "特願2026-012345", "--filing-date", dates.jp];
const EP_NUMBER = "EP 26 150 001.1";
const US_NUMBER = "18/712,345";

describe("an unpublished application from its commitment to its publication", () => {
  test("committed → claimed by two offices → verified by both → seen by its office → published → an ordinary family", async () => {
    // JP records the application blinded and hands the access code to the applicant.
    const committed = JSON.parse(await ok(["commit", ...JP(), "--account", SIGNER.JP, "--yes", "--json"])) as { commitment: string; accessCode: string };
    const commitment = committed.commitment;
    const codeFile = join(dir.path, "jp-access-code");
    writeFileSync(codeFile, `${committed.accessCode}\n`);

    // EP and US register applications in clear and record their claims of it by its commitment (from the applicant).
    await ok(["register", "--office", "EP", "--number", EP_NUMBER, "--filing-date", dates.ep, "--account", SIGNER.EP, "--yes"]);
    await ok(["claim-commitment", "--office", "EP", "--number", EP_NUMBER, "--commitment", commitment, "--account", SIGNER.EP, "--yes"]);
    await ok(["register", "--office", "US", "--number", US_NUMBER, "--filing-date", dates.us, "--account", SIGNER.US, "--yes"]);
    await ok(["claim-commitment", "--office", "US", "--number", US_NUMBER, "--commitment", commitment, "--account", SIGNER.US, "--yes"]);
    await indexed();

    // The examiners at EP and US check the claim with the number, date and access code the applicant gave (typed
    // in two formats): found, claimed twice, publication due 18 months after the filing date. A wrong code finds nothing.
    for (const number of ["特願2026-012345", "2026012345"]) {
      const verified = await ok(["verify-blinded", "--office", "JP", "--number", number, "--filing-date", dates.jp, "--access-code-file", codeFile]);
      const lines = verified.split("\n");
      expect(lines[0]).toMatch(new RegExp(`^found: the register holds the unpublished application JP:2026012345 of ${dates.jp} \\(patent\\) \\(commitment ${commitment}, committed in block \\d+\\)$`));
      expect(lines.slice(1, 3)).toEqual(["revealed: no, still unpublished", "claimed by 2 applications"]);
      expect(lines[3]).toMatch(new RegExp(`^publication due ${publicationDue(dates.jp)} \\(the filing date plus 18 months\\): not yet \\(as of block \\d+, \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ\\)$`));
    }
    const wrongFile = join(dir.path, "wrong-code");
    writeFileSync(wrongFile, `0x${"5a".repeat(32)}`);
    const wrong = await ok(["verify-blinded", ...JP(), "--access-code-file", wrongFile]);
    expect(wrong).toMatch(new RegExp(`^not found: the register holds no unpublished application JP:2026012345 of ${dates.jp} \\(patent\\) with this access code`));

    // JP sees, before publication, that two offices claim its application.
    const claimants = await ok(["claimants", "--commitment", commitment]);
    expect(claimants.split("\n").slice(0, 3)).toEqual([
      `2 claims of the commitment ${commitment}, from 2 offices:`,
      expect.stringMatching(/^block \d+ {2}EP {2}EP:26150001\.1$/),
      expect.stringMatching(/^block \d+ {2}US {2}US:18712345$/),
    ]);
    const record = await ok(["show", "--commitment", commitment]);
    expect(record).toContain("no, still unpublished");
    expect(record).toContain("not overdue");

    // The family of the EP application: JP is an opaque member, by office and commitment only.
    const family = await ok(["family", "EP", EP_NUMBER]);
    expect(family.split("\n")[0]).toBe("Extended family of EP:26150001.1: 3 members (1 unpublished), 2 links");
    expect(family).toContain(`JP UNPUBLISHED  commitment ${commitment}  recorded `);
    expect(family).toContain(`EP:26150001.1  ${dates.ep}  patent  ◀  (priority, date unpublished)`);
    expect(family).toContain(`US:18712345  ${dates.us}  patent  (priority, date unpublished)`);
    expect(family).not.toContain("2026012345");
    expect(family).not.toContain(dates.jp);

    // JP publishes it.
    const revealed = await ok(["reveal", ...JP(), "--access-code-file", codeFile, "--account", SIGNER.JP, "--yes"]);
    expect(revealed).toContain(`revealed JP:2026012345 (commitment ${commitment}): registered in clear, filed ${dates.jp}`);
    await indexed();

    // An ordinary family: the JP number and date, the EP and US claims ordinary priority links with its date.
    expect((await ok(["family", "EP", EP_NUMBER])).split("\n")).toEqual([
      "Extended family of EP:26150001.1: 3 members, 2 links",
      "Under each application, those that claim its priority (with the date their claim gives) or derive from it; ◀ the one asked for.",
      "",
      `JP:2026012345  ${dates.jp}  patent`,
      `├─ EP:26150001.1  ${dates.ep}  patent  ◀  (priority of ${dates.jp})`,
      `└─ US:18712345  ${dates.us}  patent  (priority of ${dates.jp})`,
      "",
    ]);
    const simple = JSON.parse(await ok(["family", "JP", "2026012345", "--kind", "simple", "--json"])) as { members: { canonicalId: string }[]; blindedMembers: unknown[] };
    expect(simple.members.map((m) => m.canonicalId)).toEqual(["EP:26150001.1", "JP:2026012345", "US:18712345"]);
    expect(simple.blindedMembers).toEqual([]);
    const jpClaimants = await ok(["claimants", "JP", "2026012345"]);
    expect(jpClaimants.split("\n")[0]).toBe("2 claims of JP:2026012345 (2 active):");
    expect(jpClaimants).toContain(`— a claim recorded against its commitment ${commitment} while it was unpublished`);

    // EP's examiner verifies EP's claim the ordinary way: verified.
    const verdict = await ok(["verify", "--office", "JP", "--number", "2026012345", "--filing-date", dates.jp, "--claimant-office", "EP", "--claimant-filing-date", dates.ep, "--json"]);
    expect(JSON.parse(verdict)).toMatchObject({ outcome: "verified", claimedCanonicalId: "JP:2026012345" });

    // The blinded record says what it was revealed as; nothing of JP is left unpublished or overdue.
    expect(await ok(["show", "--commitment", commitment])).toContain(`as JP:2026012345, filed ${dates.jp}`);
    expect((await ok(["commitments", "--office", "JP"])).split("\n")[1]).toMatch(new RegExp(`^JP {2}${commitment} {2}recorded .* {2}revealed as JP:2026012345$`));
    expect((await ok(["commitments", "--overdue"])).split("\n")[0]).toMatch(/^0 overdue commitments \(as of block \d+, .*\)\.$/);
  }, 240_000);

  test("show, family and claimants take a number or --commitment, not both, not neither: exit 2", async () => {
    const both = await dipr(["show", "EP", EP_NUMBER, "--commitment", `0x${"00".repeat(32)}`]);
    expect([both.code, both.stderr]).toEqual([2, "error CLI_USAGE: show takes <office> <number> or --commitment, not both."]);
    const neither = await dipr(["family"]);
    expect([neither.code, neither.stderr]).toEqual([2, "error CLI_USAGE: family needs <office> <number>, or --commitment 0x… for an unpublished application; see dipr family --help."]);
    const bad = await dipr(["claimants", "--commitment", "0x12"]);
    expect([bad.code, bad.stderr]).toEqual([2, 'error CLI_USAGE: --commitment must be 0x and 64 hex digits, got "0x12".']);
    const unknown = await dipr(["show", "--commitment", `0x${"00".repeat(32)}`]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/^error API_COMMITMENT_NOT_FOUND: /);
  }, 60_000);
});
