import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Signer } from "ethers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Hex } from "../../src/chain/register-contract.js";
import { sha256Of, signDocumentRequest, type AccessLogLine } from "../../src/documents/index.js";
import { freePort, rpc, startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr, startDipr, type NodeProcess } from "../support/node-process.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";

// Issue 18's test: one chain, two office nodes. Office A (EP) and office B (US) each run `dipr node` with their own
// data directory and document storage; office C (JP) has no node. B's application claims A's, so the two are one
// family: B fetches A's search report through the CLI and the hash checks out; C, a revoked key, a suspended office,
// an expired and a replayed request, and bytes changed in A's storage are refused with problem bodies and stable
// codes; a reorganisation that removes C's new family link removes C's access again.

let hardhat: HardhatNode;
let chain: RegisterChain;
const dir = tempDir("dipr-two-nodes-");
type OfficeNode = { office: "EP" | "US"; url: string; env: Record<string, string>; dataDir: string; process: NodeProcess };
const nodes = {} as Record<"A" | "B", OfficeNode>;

// Accounts of setUpRegisterChain: 0 registrar; US admin 1, signer 2; EP admin 3, signer 4; JP admin 5, signer 6.
const SIGNER = { US: 2, EP: 4, JP: 6 } as const;
const EXTRA_US_SIGNER = 7;
const EP_NUMBER = "26150021.9";
const US_NUMBER = "18722222";
const JP_NUMBER = "2026088888";
const REPORT = Buffer.from("%PDF-1.7\nSearch report of EP 26 150 021.9: documents X, Y and A cited.\n%%EOF\n");
const US_ACTION = Buffer.from("%PDF-1.7\nOffice action on US 18/722,222.\n%%EOF\n");

const common = () => ({
  DIPR_RPC_URL: hardhat.url,
  DIPR_REGISTER_ADDRESS: chain.deployment.address,
  DIPR_START_BLOCK: String(chain.deployment.blockNumber),
  DIPR_DEPLOYMENTS_DIR: join(dir.path, "deployments"),
  DIPR_LOCAL_DIR: join(dir.path, "local"),
});

async function startOfficeNode(name: "A" | "B", office: "EP" | "US"): Promise<OfficeNode> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = join(dir.path, name, "data");
  const env = { ...common(), DIPR_DATA_DIR: dataDir, DIPR_API_PORT: String(port), DIPR_PUBLIC_URL: url };
  const process = startDipr(["node"], { ...env, DIPR_POLL_INTERVAL_MS: "100", DIPR_API_READY_MAX_LAG: "0", DIPR_CONFIRMATIONS: "12" });
  await process.waitFor((line) => line.msg === "api listening");
  return { office, url, env, dataDir, process };
}

/** Waits until the node has indexed the chain's head. */
async function untilIndexed(node: OfficeNode): Promise<void> {
  const head = Number(await rpc(hardhat.url, "eth_blockNumber"));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await fetch(`${node.url}/api/v1/status`).then((r) => r.json() as Promise<{ indexedBlock?: number }>, () => ({ indexedBlock: -1 }));
    if ((status.indexedBlock ?? -1) >= head) return;
    if (Date.now() > deadline) throw new Error(`node ${node.office} did not index block ${head}: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const dipr = (args: string[], env: Record<string, string>) => runDipr(args, env);
const account = (i: number): Signer => chain.accounts[i]!;

beforeAll(async () => {
  hardhat = await startHardhatNode();
  chain = await setUpRegisterChain(hardhat.url);
  await chain.signer.EP.registerApplication("EP", { number: EP_NUMBER, filingDate: "2026-01-12", ipType: "patent" });
  await chain.signer.US.registerApplication("US", {
    number: US_NUMBER,
    filingDate: "2026-07-01",
    ipType: "patent",
    claims: [{ office: "EP", number: EP_NUMBER, filingDate: "2026-01-12" }],
  });
  await chain.signer.JP.registerApplication("JP", { number: JP_NUMBER, filingDate: "2026-04-01", ipType: "patent" });
  nodes.A = await startOfficeNode("A", "EP");
  nodes.B = await startOfficeNode("B", "US");
}, 180_000);

afterAll(async () => {
  for (const node of Object.values(nodes)) {
    node.process.child.kill("SIGTERM");
    await node.process.exited;
  }
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
  expect(reply.bytes.includes(REPORT)).toBe(false);
}

const accessLog = (node: OfficeNode): AccessLogLine[] =>
  readFileSync(join(node.dataDir, "document-access.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as AccessLogLine);

let reportId: Hex;

describe("documents shared between two office nodes on one chain", () => {
  test("A records its search report; B, in the family, fetches it from A's node with the CLI and the hash checks out", async () => {
    const file = join(dir.path, "search-report.pdf");
    writeFileSync(file, REPORT);
    const added = await dipr(["document", "add", file, "--application", `EP:${EP_NUMBER}`, "--kind", "searchReport", "--date", "2026-05-04", "--account", String(SIGNER.EP), "--yes", "--json"], nodes.A.env);
    expect(added.code, added.stderr).toBe(0);
    const out = JSON.parse(added.stdout) as { documentId: Hex; sha256: Hex; url: string; kind: string; size: number };
    reportId = out.documentId;
    expect(out).toMatchObject({ kind: "searchReport", sha256: sha256Of(REPORT), size: REPORT.length, url: `${nodes.A.url}/api/v1/documents/${reportId}` });
    // Stored in A's own storage, content-addressed, before the reference went on chain.
    const key = out.sha256.slice(2);
    expect(readFileSync(join(nodes.A.dataDir, "documents", key.slice(0, 2), key)).equals(REPORT)).toBe(true);

    await untilIndexed(nodes.B);
    const listed = await dipr(["document", "list", "--application", `EP:${EP_NUMBER}`, "--api", nodes.B.url], {});
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toBe(`2026-05-04  searchReport       ${reportId}  EP  application/pdf  ${out.url}\n`);
    // The family shows the report's kind and date under A's application, with its PCT number once recorded.
    const pct = await dipr(["international", "add", "--application", `EP:${EP_NUMBER}`, "--kind", "pctApplication", "--reference", "PCT/EP2026/000021", "--account", String(SIGNER.EP), "--yes"], nodes.A.env);
    expect(pct.code, pct.stderr).toBe(0);
    expect(pct.stdout).toMatch(new RegExp(`^recorded pctApplication PCT/EP2026/000021 \\(WO:EP2026000021\\) for EP:${EP_NUMBER.replace(".", "\\.")} \\(block \\d+`));
    await untilIndexed(nodes.B);
    const family = await dipr(["family", "US", US_NUMBER, "--api", nodes.B.url], {});
    expect(family.code, family.stderr).toBe(0);
    expect(family.stdout).toContain(`EP:${EP_NUMBER}  2026-01-12  patent  [PCT PCT/EP2026/000021]  documents: searchReport 2026-05-04`);
    const references = await dipr(["international", "list", "--application", `EP:${EP_NUMBER}`, "--api", nodes.B.url], {});
    expect(references.stdout).toBe("pctApplication      PCT/EP2026/000021  WO:EP2026000021\n");

    await untilIndexed(nodes.A);
    const fetched = join(dir.path, "fetched-by-us.pdf");
    const got = await dipr(["document", "get", reportId, "--office", "US", "--account", String(SIGNER.US), "--out", fetched], nodes.B.env);
    expect(got.code, got.stderr).toBe(0);
    expect(got.stdout).toBe(`fetched the searchReport of 2026-05-04 (application/pdf, ${REPORT.length} bytes) into ${fetched}; its SHA-256 matches the register\n`);
    expect(readFileSync(fetched).equals(REPORT)).toBe(true);
    expect(accessLog(nodes.A).at(-1)).toMatchObject({ outcome: "allowed", documentId: reportId, office: "US", code: "family" });
  }, 120_000);

  test("the other way round: A fetches B's office action from B's node", async () => {
    const file = join(dir.path, "office-action.pdf");
    writeFileSync(file, US_ACTION);
    const added = await dipr(["document", "add", file, "--application", `US:${US_NUMBER}`, "--kind", "officeAction", "--date", "2026-08-03", "--account", String(SIGNER.US), "--yes", "--json"], nodes.B.env);
    expect(added.code, added.stderr).toBe(0);
    const { documentId } = JSON.parse(added.stdout) as { documentId: Hex };
    await untilIndexed(nodes.B);
    const reply = await request(nodes.B, documentId, "EP", account(SIGNER.EP));
    expect([reply.status, reply.bytes.equals(US_ACTION)]).toEqual([200, true]);
    expect(accessLog(nodes.B).at(-1)).toMatchObject({ outcome: "allowed", documentId, office: "EP", code: "family" });
  }, 60_000);

  test("office C, outside the family, is refused: 403 DOCUMENT_ACCESS_DENIED, and the CLI exits 1", async () => {
    expectRefusal(await request(nodes.A, reportId, "JP", account(SIGNER.JP)), 403, "DOCUMENT_ACCESS_DENIED");
    const got = await dipr(["document", "get", reportId, "--office", "JP", "--account", String(SIGNER.JP), "--out", join(dir.path, "jp.pdf")], common());
    expect(got.code).toBe(1);
    expect(got.stderr).toContain("error DOCUMENT_ACCESS_DENIED");
    expect(accessLog(nodes.A).at(-1)).toMatchObject({ outcome: "refused", documentId: reportId, office: "JP", code: "DOCUMENT_ACCESS_DENIED" });
  }, 60_000);

  test("an expired and a replayed request are refused 401 with WWW-Authenticate", async () => {
    const expired = await request(nodes.A, reportId, "US", account(SIGNER.US), { nowSeconds: Math.floor(Date.now() / 1000) - 600 });
    expectRefusal(expired, 401, "DOCUMENT_REQUEST_EXPIRED");
    expect(expired.headers.get("www-authenticate")).toMatch(/^Dipr-EIP712 /);
    const headers = await signDocumentRequest({
      signer: account(SIGNER.US),
      register: { chainId: chain.deployment.chainId, address: chain.deployment.address },
      documentId: reportId,
      office: "US",
      nowSeconds: Math.floor(Date.now() / 1000),
    });
    expect((await request(nodes.A, reportId, "US", account(SIGNER.US), { headers })).status).toBe(200);
    expectRefusal(await request(nodes.A, reportId, "US", account(SIGNER.US), { headers }), 401, "DOCUMENT_REQUEST_REPLAYED");
  });

  test("a revoked key and a suspended office are refused 403 once the node has indexed the change", async () => {
    const extra = account(EXTRA_US_SIGNER);
    await chain.admin.US.grantSigner("US", await extra.getAddress());
    await untilIndexed(nodes.A);
    expect((await request(nodes.A, reportId, "US", extra)).status).toBe(200);
    await chain.admin.US.revokeSigner("US", await extra.getAddress());
    await untilIndexed(nodes.A);
    expectRefusal(await request(nodes.A, reportId, "US", extra), 403, "DOCUMENT_REQUEST_NOT_SIGNER");

    await chain.registrar.suspendOffice("US");
    await untilIndexed(nodes.A);
    expectRefusal(await request(nodes.A, reportId, "US", account(SIGNER.US)), 403, "DOCUMENT_REQUEST_OFFICE_SUSPENDED");
    await chain.registrar.reinstateOffice("US");
    await untilIndexed(nodes.A);
    expect((await request(nodes.A, reportId, "US", account(SIGNER.US))).status).toBe(200);
  }, 60_000);

  test("bytes changed in A's storage are refused by A (500 DOCUMENT_STORAGE_CORRUPT); bytes that do not match the register are refused by the client", async () => {
    const key = sha256Of(REPORT).slice(2);
    const path = join(nodes.A.dataDir, "documents", key.slice(0, 2), key);
    writeFileSync(path, Buffer.from(REPORT.toString("latin1").replace("X, Y and A", "Z only"), "latin1"));
    expectRefusal(await request(nodes.A, reportId, "US", account(SIGNER.US)), 500, "DOCUMENT_STORAGE_CORRUPT");
    const got = await dipr(["document", "get", reportId, "--office", "US", "--account", String(SIGNER.US), "--out", join(dir.path, "tampered.pdf")], nodes.B.env);
    expect(got.code).toBe(1);
    expect(got.stderr).toContain("error DOCUMENT_STORAGE_CORRUPT");
    writeFileSync(path, REPORT);

    // A node that serves other bytes than the register's hash (here a stand-in at the URL A recorded): the client refuses them.
    const rogue: Server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF-1.7 not the report\n"));
    await new Promise<void>((resolve) => rogue.listen(0, "127.0.0.1", resolve));
    try {
      const rogueUrl = `http://127.0.0.1:${(rogue.address() as AddressInfo).port}`;
      const file = join(dir.path, "written-opinion.pdf");
      writeFileSync(file, Buffer.from("%PDF-1.7 written opinion\n"));
      const added = await dipr(
        ["document", "add", file, "--application", `EP:${EP_NUMBER}`, "--kind", "writtenOpinion", "--date", "2026-05-04", "--public-url", rogueUrl, "--account", String(SIGNER.EP), "--yes", "--json"],
        nodes.A.env,
      );
      expect(added.code, added.stderr).toBe(0);
      const { documentId } = JSON.parse(added.stdout) as { documentId: Hex };
      const refused = await dipr(["document", "get", documentId, "--office", "US", "--account", String(SIGNER.US), "--out", join(dir.path, "rogue.pdf")], nodes.B.env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("error DOCUMENT_HASH_MISMATCH");
    } finally {
      await new Promise((resolve) => rogue.close(resolve));
    }
  }, 60_000);

  test("a reorganisation that removes C's new family link removes C's access", async () => {
    const snapshot = (await chain.send("evm_snapshot")) as string;
    // C's application claims A's: C is in the family now, and may read the report.
    await chain.signer.JP.addPriorityClaim("JP", JP_NUMBER, { office: "EP", number: EP_NUMBER, filingDate: "2026-01-12" });
    await untilIndexed(nodes.A);
    const allowed = await request(nodes.A, reportId, "JP", account(SIGNER.JP));
    expect([allowed.status, allowed.bytes.equals(REPORT)]).toEqual([200, true]);
    expect(accessLog(nodes.A).at(-1)).toMatchObject({ outcome: "allowed", office: "JP", code: "family" });

    // The chain drops the claim's block and grows past it.
    expect(await chain.send("evm_revert", [snapshot])).toBe(true);
    await chain.send("hardhat_mine", ["0x3"]);
    await untilIndexed(nodes.A);
    const family = (await (await fetch(`${nodes.A.url}/api/v1/applications/EP/${EP_NUMBER}/family`)).json()) as { members: { canonicalId: string }[] };
    expect(family.members.map((m) => m.canonicalId).sort()).toEqual([`EP:${EP_NUMBER}`, `US:${US_NUMBER}`]);
    expectRefusal(await request(nodes.A, reportId, "JP", account(SIGNER.JP)), 403, "DOCUMENT_ACCESS_DENIED");
  }, 60_000);
});
