import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cliEnv, setUpRegisterByCli } from "../support/cli-register.js";
import { startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr } from "../support/node-process.js";
import { startQueryNode, type QueryNode } from "../support/query-node.js";

let node: HardhatNode;
let api: QueryNode | undefined;
let apiUrl: string;
const dir = tempDir("dipr-unpublished-cli-");

/** `dipr …` against the test chain and its register (found through the deployment record's directory). */
const dipr = (args: string[], env: Record<string, string> = {}) => runDipr(args, { ...cliEnv(node.url, dir.path), ...env });

beforeAll(async () => {
  node = await startHardhatNode();
  const { deployment } = await setUpRegisterByCli(node.url, dir.path, { EP: { admin: 3, signer: 4 }, US: { admin: 1, signer: 2 } });
  api = await startQueryNode({ rpcUrl: node.url, deployment, dir: dir.path });
  apiUrl = api.url;
}, 120_000);
afterAll(async () => {
  await api?.stop();
  await node?.stop();
  dir.remove();
});

/** Waits until the node's API answers `check` with true (it indexes every 100 ms). */
async function untilIndexed(path: string, check: (body: Record<string, unknown>) => boolean): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const body = await fetch(`${apiUrl}/api/v1${path}`).then((r) => r.json() as Promise<Record<string, unknown>>, () => ({}));
    if (check(body)) return;
    if (Date.now() > deadline) throw new Error(`the node did not index ${path}: ${JSON.stringify(body)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const EP_BLINDED = ["--office", "EP", "--number", "EP 25 201 236.4", "--filing-date", "2025-10-01"];

describe("unpublished applications, as child processes against a real hardhat node and dipr node", () => {
  test("commit → claimed by another office → verified through the API → a wrong access code refused → revealed", async () => {
    const committed = await dipr(["commit", ...EP_BLINDED, "--account", "4", "--yes", "--json"]);
    expect(committed.code, committed.stderr).toBe(0);
    const out = JSON.parse(committed.stdout) as { canonicalId: string; commitment: string; accessCode: string; note: string };
    expect(out).toMatchObject({ canonicalId: "EP:25201236.4", commitment: expect.stringMatching(/^0x[0-9a-f]{64}$/), accessCode: expect.stringMatching(/^0x[0-9a-f]{64}$/) });
    expect(out.note).toContain("give the access code to the applicant");
    const codeFile = join(dir.path, "access-code");
    writeFileSync(codeFile, `${out.accessCode}\n`);

    // In words, with a code from a file: the commitment, the code, and what to do with it.
    const second = await dipr(["commit", "--office", "EP", "--number", "EP 24 150 001.6", "--filing-date", "2024-01-08", "--access-code-file", codeFile, "--account", "4", "--yes"]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/^committed EP:24150001\.6 unpublished as commitment 0x[0-9a-f]{64}, claiming 0 unpublished applications \(block \d+, transaction 0x[0-9a-f]{64}\)\n/);
    expect(second.stdout).toContain(`access code ${out.accessCode}\ngive the access code to the applicant, and keep it: the office needs it to reveal the application\n`);
    // An access code is a secret: it is never a flag value.
    const asFlag = await dipr(["commit", ...EP_BLINDED, "--access-code", out.accessCode, "--account", "4", "--yes"]);
    expect(asFlag.code).toBe(2);

    // US registers an application in clear and claims the unpublished EP application by its commitment.
    expect((await dipr(["register", "--office", "US", "--number", "18/456,789", "--filing-date", "2026-03-02", "--account", "2", "--yes"])).code).toBe(0);
    const claimed = await dipr(["claim-commitment", "--office", "US", "--number", "18/456,789", "--commitment", out.commitment, "--account", "2", "--yes"]);
    expect(claimed.code, claimed.stderr).toBe(0);
    expect(claimed.stdout).toContain(`US:18456789 now claims the unpublished application ${out.commitment}`);
    const notMine = await dipr(["claim-commitment", "--office", "US", "--number", "18/456,789", "--commitment", out.commitment, "--account", "4", "--yes"]);
    expect(notMine.code).toBe(1);
    expect(notMine.stderr).toContain("error CHAIN_REVERTED");

    await untilIndexed(`/commitments/${out.commitment}/claimants`, (body) => Array.isArray(body.claimants) && body.claimants.length === 1);
    const verified = await dipr(["verify-blinded", ...EP_BLINDED, "--access-code-file", codeFile, "--api", apiUrl]);
    expect(verified.code, verified.stderr).toBe(0);
    // The chain runs on the wall clock: the due day has passed or not depending on the day the test runs.
    const asOf = /as of block (\d+), (\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\dZ)\)/.exec(verified.stdout);
    const asOfDay = asOf?.[2] ?? "";
    expect(verified.stdout).toBe(
      `found: the register holds the unpublished application EP:25201236.4 of 2025-10-01 (patent) (commitment ${out.commitment}, committed in block ${/committed in block (\d+)/.exec(verified.stdout)?.[1]})\n` +
        "revealed: no, still unpublished\nclaimed by 1 application\n" +
        `publication due 2027-04-01 (the filing date plus 18 months): ${asOfDay > "2027-04-01" ? "passed, and still unpublished: OVERDUE" : "not yet"} (as of block ${asOf?.[1]}, ${asOf?.[2]} ${asOf?.[3]})\n`,
    );
    const wrongFile = join(dir.path, "wrong-code");
    writeFileSync(wrongFile, `0x${"11".repeat(32)}`);
    const wrong = await dipr(["verify-blinded", ...EP_BLINDED, "--access-code-file", wrongFile, "--api", apiUrl, "--json"]);
    expect(wrong.code, wrong.stderr).toBe(0);
    expect(JSON.parse(wrong.stdout)).toMatchObject({ canonicalId: "EP:25201236.4", found: false, revealed: false, claimantCount: 0 });
    expect(wrong.stdout).not.toContain("11".repeat(32));

    const refused = await dipr(["reveal", ...EP_BLINDED, "--access-code-file", wrongFile, "--account", "4", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/error CHAIN_REVERTED: the register refused: no blinded application has commitment 0x[0-9a-f]{64} \(DiprRegisterUnknownCommitment\)/);
    const revealed = await dipr(["reveal", ...EP_BLINDED, "--claim", "US:63/512,345:2024-10-01", "--access-code-file", codeFile, "--account", "4", "--yes"]);
    expect(revealed.code, revealed.stderr).toBe(0);
    expect(revealed.stdout).toContain(`revealed EP:25201236.4 (commitment ${out.commitment}): registered in clear, filed 2025-10-01, 1 priority claim (block`);

    await untilIndexed(`/commitments/${out.commitment}`, (body) => body.revealed === true);
    const after = await dipr(["verify-blinded", ...EP_BLINDED, "--access-code-file", codeFile, "--api", apiUrl, "--json"]);
    expect(JSON.parse(after.stdout)).toMatchObject({ found: true, revealed: true, claimantCount: 1 });
  }, 120_000);
});
