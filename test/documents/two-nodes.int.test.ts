import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Signer } from "ethers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Hex } from "../../src/chain/register-contract.js";
import { sha256Of, signDocumentRequest } from "../../src/documents/index.js";
import { EP_NUMBER, registerEpUsFamily, SEARCH_REPORT, US_NUMBER } from "../support/document-family.js";
import { startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr } from "../support/node-process.js";
import { chainEnv, readAccessLog, SIGNER_ACCOUNT, startOfficeNode, untilIndexed, type OfficeNode } from "../support/office-nodes.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";
import { startWrongBytesServer } from "../support/wrong-bytes-server.js";

// Issue 18's test: one chain, two office nodes. Office A (EP) and office B (US) each run `dipr node` with their own
// data directory and document storage; office C (JP) has no node. B's application claims A's, so the two are one
// family: B fetches A's search report through the CLI and the hash checks out; C, a revoked key, a suspended office,
// an expired and a replayed request, and bytes changed in A's storage are refused with problem bodies and stable
// codes; a reorganisation that removes C's new family link removes C's access again.

let hardhat: HardhatNode;
let chain: RegisterChain;
const dir = tempDir("dipr-two-nodes-");
const nodes = {} as Record<"A" | "B", OfficeNode>;

const EXTRA_US_SIGNER = 7;
const JP_NUMBER = "2026088888";
const US_ACTION = Buffer.from("%PDF-1.7\nOffice action on US 18/722,222.\n%%EOF\n");

const dipr = (args: string[], env: Record<string, string>) => runDipr(args, env);
const account = (i: number): Signer => chain.accounts[i]!;

beforeAll(async () => {
  hardhat = await startHardhatNode();
  chain = await setUpRegisterChain(hardhat.url);
  await registerEpUsFamily(chain);
  await chain.signer.JP.registerApplication("JP", { number: JP_NUMBER, filingDate: "2026-04-01", ipType: "patent" });
  // Twelve confirmations: the reorganisation test below replaces blocks the nodes have indexed.
  for (const [name, office] of [["A", "EP"], ["B", "US"]] as const) {
    nodes[name] = await startOfficeNode({ chain, dir: dir.path, name, office, env: { DIPR_CONFIRMATIONS: "12" } });
  }
}, 180_000);

afterAll(async () => {
  for (const node of Object.values(nodes)) await node.stop();
  chain?.close();
  await hardhat?.stop();
  dir.remove();
});

/** A signed request, sent straight to a node: for the refusals the CLI would not even try. */
async function request(node: OfficeNode, documentId: Hex, office: string, key: Signer, options: { nowSeconds?: number; headers?: Record<string, string> } = {}) {
  const headers =
    options.headers ??
    (await signDocumentRequest({
      signer: key,
      register: { chainId: chain.deployment.chainId, address: chain.deployment.address },
      documentId,
      office,
      nowSeconds: options.nowSeconds ?? Math.floor(Date.now() / 1000),
    }));
  const response = await fetch(`${node.url}/api/v1/documents/${documentId}`, { headers: { ...headers } });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get("content-type") ?? "";
  return { status: response.status, type, bytes, body: type.startsWith("application/problem+json") ? (JSON.parse(bytes.toString("utf8")) as { code: string; status: number }) : undefined, headers: response.headers };
}

/** Asserts a refusal: its status, a problem body with the stable code, never the document. */
function expectRefusal(reply: Awaited<ReturnType<typeof request>>, status: number, code: string): void {
  expect([reply.status, reply.body?.code, reply.body?.status]).toEqual([status, code, status]);
  expect(reply.type).toMatch(/^application\/problem\+json/);
  expect(reply.bytes.includes(SEARCH_REPORT)).toBe(false);
}

let reportId: Hex;

describe("documents shared between two office nodes on one chain", () => {
  test("A records its search report; B, in the family, fetches it from A's node with the CLI and the hash checks out", async () => {
    const file = join(dir.path, "search-report.pdf");
    writeFileSync(file, SEARCH_REPORT);
    const added = await dipr(["document", "add", file, "--application", `EP:${EP_NUMBER}`, "--kind", "searchReport", "--date", "2026-05-04", "--account", String(SIGNER_ACCOUNT.EP), "--yes", "--json"], nodes.A.env);
    expect(added.code, added.stderr).toBe(0);
    const out = JSON.parse(added.stdout) as { documentId: Hex; sha256: Hex; url: string; kind: string; size: number };
    reportId = out.documentId;
    expect(out).toMatchObject({ kind: "searchReport", sha256: sha256Of(SEARCH_REPORT), size: SEARCH_REPORT.length, url: `${nodes.A.url}/api/v1/documents/${reportId}` });
    // Stored in A's own storage, content-addressed, before the reference went on chain.
    const key = out.sha256.slice(2);
    expect(readFileSync(join(nodes.A.dataDir, "documents", key.slice(0, 2), key)).equals(SEARCH_REPORT)).toBe(true);

    await untilIndexed(nodes.B, chain);
    const listed = await dipr(["document", "list", "--application", `EP:${EP_NUMBER}`, "--api", nodes.B.url], {});
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toBe(`2026-05-04  searchReport       ${reportId}  EP  application/pdf  ${out.url}\n`);
    // The family shows the report's kind and date under A's application, with its PCT number once recorded.
    const pct = await dipr(["international", "add", "--application", `EP:${EP_NUMBER}`, "--kind", "pctApplication", "--reference", "PCT/EP2026/000021", "--account", String(SIGNER_ACCOUNT.EP), "--yes"], nodes.A.env);
    expect(pct.code, pct.stderr).toBe(0);
    expect(pct.stdout).toMatch(new RegExp(`^recorded pctApplication PCT/EP2026/000021 \\(WO:EP2026000021\\) for EP:${EP_NUMBER.replace(".", "\\.")} \\(block \\d+`));
    await untilIndexed(nodes.B, chain);
    const family = await dipr(["family", "US", US_NUMBER, "--api", nodes.B.url], {});
    expect(family.code, family.stderr).toBe(0);
    expect(family.stdout).toContain(`EP:${EP_NUMBER}  2026-01-12  patent  [PCT PCT/EP2026/000021]  documents: searchReport 2026-05-04`);
    const references = await dipr(["international", "list", "--application", `EP:${EP_NUMBER}`, "--api", nodes.B.url], {});
    expect(references.stdout).toBe("pctApplication      PCT/EP2026/000021  WO:EP2026000021\n");

    await untilIndexed(nodes.A, chain);
    const fetched = join(dir.path, "fetched-by-us.pdf");
    const got = await dipr(["document", "get", reportId, "--office", "US", "--account", String(SIGNER_ACCOUNT.US), "--out", fetched], nodes.B.env);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toBe(`fetched the searchReport of 2026-05-04 (application/pdf, ${SEARCH_REPORT.length} bytes) into ${fetched}; its SHA-256 matches the register\n`);
    expect(readFileSync(fetched).equals(SEARCH_REPORT)).toBe(true);
    expect(readAccessLog(nodes.A).at(-1)).toMatchObject({ outcome: "allowed", documentId: reportId, office: "US", code: "family" });
  }, 120_000);

  test("the other way round: A fetches B's office action from B's node", async () => {
    const file = join(dir.path, "office-action.pdf");
    writeFileSync(file, US_ACTION);
    const added = await dipr(["document", "add", file, "--application", `US:${US_NUMBER}`, "--kind", "officeAction", "--date", "2026-08-03", "--account", String(SIGNER_ACCOUNT.US), "--yes", "--json"], nodes.B.env);
    expect(added.code, added.stderr).toBe(0);
    const { documentId } = JSON.parse(added.stdout) as { documentId: Hex };
    await untilIndexed(nodes.B, chain);
    const reply = await request(nodes.B, documentId, "EP", account(SIGNER_ACCOUNT.EP));
    expect([reply.status, reply.bytes.equals(US_ACTION)]).toEqual([200, true]);
    expect(readAccessLog(nodes.B).at(-1)).toMatchObject({ outcome: "allowed", documentId, office: "EP", code: "family" });
  }, 60_000);

  test("office C, outside the family, is refused: 403 DOCUMENT_ACCESS_DENIED, and the CLI exits 1", async () => {
    expectRefusal(await request(nodes.A, reportId, "JP", account(SIGNER_ACCOUNT.JP)), 403, "DOCUMENT_ACCESS_DENIED");
    const got = await dipr(["document", "get", reportId, "--office", "JP", "--account", String(SIGNER_ACCOUNT.JP), "--out", join(dir.path, "jp.pdf")], chainEnv(chain, dir.path));
    expect(got.code).toBe(1);
    expect(got.stderr).toContain("error DOCUMENT_ACCESS_DENIED");
    expect(readAccessLog(nodes.A).at(-1)).toMatchObject({ outcome: "refused", documentId: reportId, office: "JP", code: "DOCUMENT_ACCESS_DENIED" });
  }, 60_000);

  test("an expired and a replayed request are refused 401 with WWW-Authenticate, the replay also after the node is killed and restarted", async () => {
    const expired = await request(nodes.A, reportId, "US", account(SIGNER_ACCOUNT.US), { nowSeconds: Math.floor(Date.now() / 1000) - 600 });
    expectRefusal(expired, 401, "DOCUMENT_REQUEST_EXPIRED");
    expect(expired.headers.get("www-authenticate")).toMatch(/^Dipr-EIP712 /);
    const headers = await signDocumentRequest({
      signer: account(SIGNER_ACCOUNT.US),
      register: { chainId: chain.deployment.chainId, address: chain.deployment.address },
      documentId: reportId,
      office: "US",
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    expect((await request(nodes.A, reportId, "US", account(SIGNER_ACCOUNT.US), { headers })).status).toBe(200);
    expectRefusal(await request(nodes.A, reportId, "US", account(SIGNER_ACCOUNT.US), { headers }), 401, "DOCUMENT_REQUEST_REPLAYED");
    // Killed, not stopped: the nonce was on disk before the document was served.
    nodes.A.process.child.kill("SIGKILL");
    await nodes.A.process.exited;
    nodes.A = await startOfficeNode({ chain, dir: dir.path, name: "A", office: "EP", env: { DIPR_CONFIRMATIONS: "12" }, port: Number(new URL(nodes.A.url).port) });
    expectRefusal(await request(nodes.A, reportId, "US", account(SIGNER_ACCOUNT.US), { headers }), 401, "DOCUMENT_REQUEST_REPLAYED");
  });

  test("a revoked key and a suspended office are refused 403 once the node has indexed the change", async () => {
    const extra = account(EXTRA_US_SIGNER);
    await chain.admin.US.grantSigner("US", await extra.getAddress());
    await untilIndexed(nodes.A, chain);
    expect((await request(nodes.A, reportId, "US", extra)).status).toBe(200);
    await chain.admin.US.revokeSigner("US", await extra.getAddress());
    await untilIndexed(nodes.A, chain);
    expectRefusal(await request(nodes.A, reportId, "US", extra), 403, "DOCUMENT_REQUEST_NOT_SIGNER");

    await chain.registrar.suspendOffice("US");
    await untilIndexed(nodes.A, chain);
    expectRefusal(await request(nodes.A, reportId, "US", account(SIGNER_ACCOUNT.US)), 403, "DOCUMENT_REQUEST_OFFICE_SUSPENDED");
    await chain.registrar.reinstateOffice("US");
    await untilIndexed(nodes.A, chain);
    expect((await request(nodes.A, reportId, "US", account(SIGNER_ACCOUNT.US))).status).toBe(200);
  }, 60_000);

  test("bytes changed in A's storage are refused by A (500 DOCUMENT_STORAGE_CORRUPT); bytes that do not match the register are refused by the client", async () => {
    const key = sha256Of(SEARCH_REPORT).slice(2);
    const path = join(nodes.A.dataDir, "documents", key.slice(0, 2), key);
    writeFileSync(path, Buffer.from(SEARCH_REPORT.toString("latin1").replace("X, Y and A", "Z only"), "latin1"));
    expectRefusal(await request(nodes.A, reportId, "US", account(SIGNER_ACCOUNT.US)), 500, "DOCUMENT_STORAGE_CORRUPT");
    const got = await dipr(["document", "get", reportId, "--office", "US", "--account", String(SIGNER_ACCOUNT.US), "--out", join(dir.path, "tampered.pdf")], nodes.B.env);
    expect(got.code).toBe(1);
    expect(got.stderr).toContain("error DOCUMENT_STORAGE_CORRUPT");
    writeFileSync(path, SEARCH_REPORT);

    // A node that serves other bytes than the register's hash (here a stand-in at the URL A recorded): the client refuses them.
    const rogue = await startWrongBytesServer("%PDF-1.7 not the report\n");
    try {
      const file = join(dir.path, "written-opinion.pdf");
      writeFileSync(file, Buffer.from("%PDF-1.7 written opinion\n"));
      const added = await dipr(
        ["document", "add", file, "--application", `EP:${EP_NUMBER}`, "--kind", "writtenOpinion", "--date", "2026-05-04", "--public-url", rogue.url, "--account", String(SIGNER_ACCOUNT.EP), "--yes", "--json"],
        nodes.A.env,
      );
      expect(added.code, added.stderr).toBe(0);
      const { documentId } = JSON.parse(added.stdout) as { documentId: Hex };
      const refused = await dipr(["document", "get", documentId, "--office", "US", "--account", String(SIGNER_ACCOUNT.US), "--out", join(dir.path, "rogue.pdf")], nodes.B.env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("error DOCUMENT_HASH_MISMATCH");
    } finally {
      await rogue.close();
    }
  }, 60_000);

  test("a reorganisation that removes C's new family link removes C's access", async () => {
    const snapshot = (await chain.send("evm_snapshot")) as string;
    // C's application claims A's: C is in the family now, and may read the report.
    await chain.signer.JP.addPriorityClaim("JP", JP_NUMBER, { office: "EP", number: EP_NUMBER, filingDate: "2026-01-12" });
    await untilIndexed(nodes.A, chain);
    const allowed = await request(nodes.A, reportId, "JP", account(SIGNER_ACCOUNT.JP));
    expect([allowed.status, allowed.bytes.equals(SEARCH_REPORT)]).toEqual([200, true]);
    expect(readAccessLog(nodes.A).at(-1)).toMatchObject({ outcome: "allowed", office: "JP", code: "family" });

    // The chain drops the claim's block and grows past it.
    expect(await chain.send("evm_revert", [snapshot])).toBe(true);
    await chain.send("hardhat_mine", ["0x3"]);
    await untilIndexed(nodes.A, chain);
    const family = (await (await fetch(`${nodes.A.url}/api/v1/applications/EP/${EP_NUMBER}/family`)).json()) as { members: { canonicalId: string }[] };
    expect(family.members.map((m) => m.canonicalId).sort()).toEqual([`EP:${EP_NUMBER}`, `US:${US_NUMBER}`]);
    expectRefusal(await request(nodes.A, reportId, "JP", account(SIGNER_ACCOUNT.JP)), 403, "DOCUMENT_ACCESS_DENIED");
  }, 60_000);
});
