import { writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { encryptKeystoreJson, type Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { applicationIdOf, type Hex } from "../../src/chain/register-contract.js";
import { documentReferenceToChain, sha256Of } from "../../src/documents/index.js";
import { EP_NUMBER, registerEpUsFamily, SEARCH_REPORT, US_NUMBER } from "../support/document-family.js";
import { startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr } from "../support/node-process.js";
import { addDocument, grantProxyKey, readAccessLog, startOfficeNode, untilIndexed, type OfficeNode } from "../support/office-nodes.js";
import { createResponseValidator, type ResponseValidator } from "../support/openapi-validator.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";
import { startWrongBytesServer, type WrongBytesServer } from "../support/wrong-bytes-server.js";

// The document proxy of an office node, between two real `dipr node` processes on one chain: office A (EP) serves
// its documents; office B (US), whose application claims A's, runs its node with the proxy on, signing with a US key
// from an encrypted keystore. B's node fetches A's search report for a loopback client and checks its hash; it
// refuses bytes that do not match the register, passes on A's refusal of a document outside the family, and answers
// nobody that is not on its own machine, names another host or comes from another site's page. A's node has no
// proxy and says so.

let hardhat: HardhatNode;
let chain: RegisterChain;
let A: OfficeNode;
let B: OfficeNode;
let proxyKey: Wallet;
let validator: ResponseValidator;
const dir = tempDir("dipr-document-proxy-");

const EP_OTHER = "26150077.1";
const OTHER_REPORT = Buffer.from("%PDF-1.7\nSearch report of EP 26 150 077.1, in no family of US.\n%%EOF\n");
let reportId: Hex;
let otherId: Hex;
let tamperedId: Hex;
let refusedReferenceId: Hex;
let rogue: WrongBytesServer | undefined;

beforeAll(async () => {
  hardhat = await startHardhatNode();
  chain = await setUpRegisterChain(hardhat.url);
  await registerEpUsFamily(chain);
  await chain.signer.EP.registerApplication("EP", { number: EP_OTHER, filingDate: "2026-02-02", ipType: "patent" });
  proxyKey = await grantProxyKey(chain, "US");
  const keystore = join(dir.path, "us-proxy.json");
  writeFileSync(keystore, await encryptKeystoreJson({ address: proxyKey.address, privateKey: proxyKey.privateKey }, "examiner's node", { scrypt: { N: 1024 } }));
  writeFileSync(join(dir.path, "us-proxy.password"), "examiner's node\n");
  A = await startOfficeNode({ chain, dir: dir.path, name: "A", office: "EP" });
  B = await startOfficeNode({
    chain,
    dir: dir.path,
    name: "B",
    office: "US",
    env: { DIPR_DOCUMENT_PROXY_OFFICE: "US", DIPR_DOCUMENT_PROXY_KEYSTORE: keystore, DIPR_DOCUMENT_PROXY_PASSWORD_FILE: join(dir.path, "us-proxy.password") },
  });

  const file = (name: string, bytes: Buffer) => {
    writeFileSync(join(dir.path, name), bytes);
    return join(dir.path, name);
  };
  reportId = await addDocument(A, file("report.pdf", SEARCH_REPORT), `EP:${EP_NUMBER}`, "searchReport", "2026-05-04");
  otherId = await addDocument(A, file("other.pdf", OTHER_REPORT), `EP:${EP_OTHER}`, "searchReport", "2026-05-05");
  rogue = await startWrongBytesServer("%PDF-1.7 not the opinion\n");
  tamperedId = await addDocument(A, file("opinion.pdf", Buffer.from("%PDF-1.7 written opinion\n")), `EP:${EP_NUMBER}`, "writtenOpinion", "2026-05-04", rogue.url);
  // The register takes a URL with a password; dipr's rules refuse it, so no node ever fetches it.
  const refused = documentReferenceToChain({
    applicationId: applicationIdOf("EP", EP_NUMBER) as Hex,
    kind: "officeAction",
    date: "2026-06-01",
    sha256: sha256Of(Buffer.from("an office action")),
    mediaType: "application/pdf",
    url: "http://127.0.0.1/placeholder",
  });
  refusedReferenceId = (await chain.signer.EP.recordDocument(applicationIdOf("EP", EP_NUMBER) as Hex, { ...refused, url: "http://clerk:secret@127.0.0.1/office-action" })).documentId;
  await untilIndexed(A, chain);
  await untilIndexed(B, chain);
  validator = createResponseValidator(await (await fetch(`${B.url}/api/v1/openapi.json`)).json());
}, 180_000);

afterAll(async () => {
  await A?.stop();
  await B?.stop();
  await rogue?.close();
  chain?.close();
  await hardhat?.stop();
  dir.remove();
});

type Reply = { status: number; type: string; bytes: Buffer; body: { code?: string; status?: number; [k: string]: unknown } | undefined; headers: Record<string, string | string[] | undefined> };

/** A GET with exactly these headers (node:http: fetch would not send a Host of our choosing), checked against the OpenAPI document. */
function get(node: OfficeNode, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${node.url}/api/v1${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const bytes = Buffer.concat(chunks);
        const type = res.headers["content-type"] ?? "";
        const body = /json/.test(type) ? (JSON.parse(bytes.toString("utf8")) as Reply["body"]) : undefined;
        if (!(res.statusCode === 200 && path.startsWith("/document-proxy/"))) validator.check("GET", `/api/v1${path}`, res.statusCode!, type, body);
        resolve({ status: res.statusCode!, type, bytes, body, headers: res.headers });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

function expectRefusal(reply: Reply, status: number, code: string): void {
  expect([reply.status, reply.body?.code, reply.body?.status]).toEqual([status, code, status]);
  expect(reply.type).toMatch(/^application\/problem\+json/);
  expect(reply.headers["cache-control"]).toBe("private, no-store");
}

describe("the document proxy of an office node", () => {
  test("B's node says its proxy is on for US, with the keystore's key, a current signer, for this client; A's says it has none", async () => {
    const status = await get(B, "/document-proxy");
    expect(status.body).toEqual({ configured: true, office: "US", signerAddress: proxyKey.address.toLowerCase(), signerIsCurrent: true, servesThisClient: true });
    expect(status.headers["cache-control"]).toBe("private, no-store");
    expect((await get(B, "/document-proxy", { host: "intranet.example:3000" })).body).toMatchObject({ configured: true, servesThisClient: false });
    expect((await get(A, "/document-proxy")).body).toEqual({ configured: false, servesThisClient: false });
    expectRefusal(await get(A, `/document-proxy/${reportId}`), 404, "DOCUMENT_PROXY_NOT_CONFIGURED");
  });

  test("B's node fetches A's search report for a loopback client, signed for US with the proxy's key; the bytes hash to the register's SHA-256", async () => {
    const reply = await get(B, `/document-proxy/${reportId}`);
    expect(reply.status).toBe(200);
    expect(reply.bytes.equals(SEARCH_REPORT)).toBe(true);
    expect(reply.type).toBe("application/pdf");
    expect(reply.headers["content-disposition"]).toBe(`attachment; filename="EP-searchReport-2026-05-04-${reportId.slice(2, 10)}.pdf"`);
    expect(reply.headers["cache-control"]).toBe("private, no-store");
    expect(reply.headers["content-security-policy"]).toBe("sandbox");
    // A logged the request as US's, by the proxy's key, allowed as a family office.
    expect(readAccessLog(A).at(-1)).toMatchObject({ outcome: "allowed", documentId: reportId, office: "US", address: proxyKey.address.toLowerCase(), code: "family" });
    expect(await B.process.waitFor((l) => l.msg === "document through the proxy" && l.outcome === "fetched", 10_000)).toMatchObject({ documentId: reportId, office: "US", owner: "EP", bytes: SEARCH_REPORT.length });
  });

  test("bytes that do not hash to the register's SHA-256 are refused: 502 DOCUMENT_HASH_MISMATCH, never the bytes", async () => {
    const reply = await get(B, `/document-proxy/${tamperedId}`);
    expectRefusal(reply, 502, "DOCUMENT_HASH_MISMATCH");
    expect(reply.bytes.includes(Buffer.from("not the opinion"))).toBe(false);
  });

  test("A's refusal of a document outside US's family is passed on: 403 DOCUMENT_ACCESS_DENIED", async () => {
    expectRefusal(await get(B, `/document-proxy/${otherId}`), 403, "DOCUMENT_ACCESS_DENIED");
    expect(readAccessLog(A).at(-1)).toMatchObject({ outcome: "refused", documentId: otherId, office: "US", code: "DOCUMENT_ACCESS_DENIED" });
  });

  test("a reference dipr's rules refuse is not fetched (400 DOCUMENT_REFERENCE_INVALID), an unknown id is 404 DOCUMENT_NOT_FOUND", async () => {
    const reply = await get(B, `/document-proxy/${refusedReferenceId}`);
    expectRefusal(reply, 400, "DOCUMENT_REFERENCE_INVALID");
    expect(reply.body?.errors).toEqual([expect.objectContaining({ target: "url", code: "URL_CREDENTIALS" })]);
    expectRefusal(await get(B, `/document-proxy/0x${"ab".repeat(32)}`), 404, "DOCUMENT_NOT_FOUND");
    expectRefusal(await get(B, "/document-proxy/0x1234"), 400, "API_VALIDATION_FAILED");
  });

  test("a node whose proxy keystore does not open with its password file stops at once: exit code 2, CLI_USAGE", async () => {
    writeFileSync(join(dir.path, "wrong.password"), "not the password\n");
    const run = await runDipr(["node"], {
      ...B.env,
      DIPR_DATA_DIR: join(dir.path, "C", "data"),
      DIPR_DOCUMENT_PROXY_OFFICE: "US",
      DIPR_DOCUMENT_PROXY_KEYSTORE: join(dir.path, "us-proxy.json"),
      DIPR_DOCUMENT_PROXY_PASSWORD_FILE: join(dir.path, "wrong.password"),
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error CLI_USAGE: cannot open the keystore .*us-proxy\.json/m);
  });

  test("a request naming another host (DNS rebinding) or sent for another site's page is refused 403 before anything is fetched", async () => {
    const before = readAccessLog(A).length;
    expectRefusal(await get(B, `/document-proxy/${reportId}`, { host: "evil.example:3000" }), 403, "DOCUMENT_PROXY_LOOPBACK_ONLY");
    expectRefusal(await get(B, `/document-proxy/${reportId}`, { "sec-fetch-site": "cross-site" }), 403, "DOCUMENT_PROXY_CROSS_SITE");
    expect(readAccessLog(A).length).toBe(before);
    // The node's log lines arrive on its stderr a moment after the answers.
    await B.process.waitFor((l) => l.msg === "document proxy refused a client" && l.code === "DOCUMENT_PROXY_CROSS_SITE", 10_000);
    expect(B.process.lines.filter((l) => l.msg === "document proxy refused a client").map((l) => l.code)).toEqual(["DOCUMENT_PROXY_LOOPBACK_ONLY", "DOCUMENT_PROXY_CROSS_SITE"]);
  });
});
