import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Signer } from "ethers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../src/api/app.js";
import { DOCUMENT_AUTH_CHALLENGE } from "../../src/api/routes/document-routes.js";
import { commitmentOf, newAccessCode } from "../../src/chain/commitment.js";
import { applicationIdOf, type Hex } from "../../src/chain/register-contract.js";
import {
  accessCodeHeader,
  createAccessLog,
  createDirectoryStorage,
  createReplayCache,
  documentReferenceToChain,
  sha256Of,
  signDocumentRequest,
  type AccessLog,
  type AccessLogLine,
  type DocumentStorage,
} from "../../src/documents/index.js";
import { createApiFixture, type ApiFixture } from "../support/api-fixture.js";
import { silentLog, tempDir } from "../support/indexer-harness.js";
import { createResponseValidator, type ResponseValidator } from "../support/openapi-validator.js";

// Documents through the API: EP records a search report of EP 24 150 001.6 (the worked family of domain.md 6.3:
// US, JP, EP and CN have applications in it), JP one of its trade mark JP 2024-099999 (in no family) and one of a
// blinded application. The node serves them from a real directory and logs every decision to a real file.

let fx: ApiFixture;
let api: { url: string; close: () => Promise<void> };
let validator: ResponseValidator;
let storage: DocumentStorage;
let accessLog: AccessLog;
const dir = tempDir("dipr-api-documents-");
const logPath = join(dir.path, "access.jsonl");

const EP_ID = applicationIdOf("EP", "24150001.6");
const JP_MARK = applicationIdOf("JP", "2024099999");
const REPORT = Buffer.from("%PDF-1.7 the search report of EP 24 150 001.6\n");
const MARK_DECISION = Buffer.from("%PDF-1.7 a refusal of JP 2024-099999\n");
const BLINDED_REPORT = Buffer.from("%PDF-1.7 the search report of an unpublished JP application\n");
const NOT_HELD = Buffer.from("bytes this node never stored\n");
const blinded = { number: "2026012377", filingDate: "2026-01-22", ipType: "patent" as const };
const code = newAccessCode();
const commitment = commitmentOf({ office: "JP", ...blinded }, code);
let reportId: Hex;
let markId: Hex;
let blindedId: Hex;
let notHeldId: Hex;

const signer = (office: "US" | "EP" | "JP"): Signer => fx.chain.accounts[{ US: 2, EP: 4, JP: 6 }[office]]!;
const admin = (office: "US" | "EP" | "JP"): Signer => fx.chain.accounts[{ US: 1, EP: 3, JP: 5 }[office]]!;
const nowSeconds = () => Math.floor(Date.now() / 1000);

async function record(office: "EP" | "JP", applicationId: Hex, bytes: Buffer, kind: "searchReport" | "refusal", store = true): Promise<Hex> {
  const sha256 = store ? (await storage.put(bytes)).sha256 : sha256Of(bytes);
  const chain = documentReferenceToChain({ applicationId, kind, date: "2026-03-02", sha256, mediaType: "application/pdf", url: "http://127.0.0.1/placeholder" });
  return (await fx.chain.signer[office].recordDocument(applicationId, chain)).documentId;
}

beforeAll(async () => {
  fx = await createApiFixture();
  storage = await createDirectoryStorage({ directory: join(dir.path, "documents") });
  accessLog = await createAccessLog({ log: silentLog(), path: logPath });
  reportId = await record("EP", EP_ID, REPORT, "searchReport");
  markId = await record("JP", JP_MARK, MARK_DECISION, "refusal");
  await fx.chain.signer.JP.commitApplication("JP", commitment);
  blindedId = await record("JP", commitment, BLINDED_REPORT, "searchReport");
  notHeldId = await record("EP", EP_ID, NOT_HELD, "refusal", false);
  await fx.chain.signer.EP.recordInternationalReference(EP_ID, 1, "PCT/EP2024/000001");
  await fx.chain.send("hardhat_mine", ["0x5"]);
  await fx.node.indexer.syncToHead();
  const documents = {
    storage,
    accessLog,
    replayCache: createReplayCache(),
    register: { chainId: fx.chain.deployment.chainId, address: fx.chain.deployment.address },
  };
  api = await fx.serve(createApp({ store: fx.store, nodeStatus: fx.nodeStatus, log: silentLog(), documents }));
  validator = createResponseValidator(await (await fetch(`${api.url}/api/v1/openapi.json`)).json());
}, 180_000);
afterAll(async () => {
  await api?.close();
  await accessLog?.close();
  await fx?.close();
  dir.remove();
});

type Reply = { status: number; body: any; bytes: Buffer; headers: Headers };

async function call(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  const response = await fetch(`${api.url}/api/v1${path}`, { headers });
  const bytes = Buffer.from(await response.arrayBuffer());
  const type = response.headers.get("content-type");
  const body = /json/.test(type ?? "") ? JSON.parse(bytes.toString("utf8")) : undefined;
  // A served document is its own media type; everything else is checked against the document.
  if (!(path.startsWith("/documents/") && response.status === 200)) validator.check("GET", `/api/v1${path}`, response.status, type, body);
  if (response.status >= 400) expect(body.status).toBe(response.status);
  return { status: response.status, body, bytes, headers: response.headers };
}

async function signed(documentId: Hex, office: "US" | "EP" | "JP", options: { key?: Signer; now?: number; validity?: number; as?: string } = {}) {
  return signDocumentRequest({
    signer: options.key ?? signer(office),
    register: { chainId: fx.chain.deployment.chainId, address: fx.chain.deployment.address },
    documentId,
    office: options.as ?? office,
    nowSeconds: options.now ?? nowSeconds(),
    ...(options.validity === undefined ? {} : { validitySeconds: options.validity }),
  });
}

const fetchAs = async (documentId: Hex, office: "US" | "EP" | "JP", extra: Record<string, string> = {}) => call(`/documents/${documentId}`, { ...(await signed(documentId, office)), ...extra });
const logLines = (): AccessLogLine[] =>
  readFileSync(logPath, "utf8")
    .trim()
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as AccessLogLine);

describe("the public listings", () => {
  test("an application's documents and international references, in chain order; 404 for a number not on the register", async () => {
    const reply = await call("/applications/EP/24150001.6/documents");
    expect(reply.status).toBe(200);
    expect(reply.body.applicationCanonicalId).toBe("EP:24150001.6");
    expect(reply.body.documents.map((d: any) => [d.documentId, d.kind, d.date, d.ipOfficeCode, d.recordedUnderCommitment])).toEqual([
      [reportId, "searchReport", "2026-03-02", "EP", false],
      [notHeldId, "refusal", "2026-03-02", "EP", false],
    ]);
    const references = await call("/applications/EP/24150001.6/international-references");
    expect(references.body.internationalReferences).toEqual([
      { kind: "pctApplication", text: "PCT/EP2024/000001", canonicalId: "WO:EP2024000001", recordedUnderCommitment: false, recordedAt: expect.objectContaining({ blockNumber: expect.any(Number) }) },
    ]);
    expect((await call("/applications/EP/24150002.4/documents")).body.code).toBe("API_APPLICATION_NOT_FOUND");
  });

  test("a blinded application's documents by its commitment; an unknown commitment is 404", async () => {
    const reply = await call(`/commitments/${commitment}/documents`);
    expect(reply.body).toEqual({ commitment, documents: [expect.objectContaining({ documentId: blindedId, recordedUnderCommitment: true, ipOfficeCode: "JP" })] });
    expect((await call(`/commitments/${commitment}/international-references`)).body.internationalReferences).toEqual([]);
    expect((await call(`/commitments/0x${"ab".repeat(32)}/documents`)).body.code).toBe("API_COMMITMENT_NOT_FOUND");
  });
});

describe("families show their members' documents and international references", () => {
  test("each member with its documents' kinds and dates and its international references; members without them have neither", async () => {
    const family = await call("/applications/US/63100001/family");
    expect(family.status).toBe(200);
    const ep = family.body.members.find((m: any) => m.canonicalId === "EP:24150001.6");
    expect(ep.documents).toEqual([
      { documentId: reportId, kind: "searchReport", date: "2026-03-02" },
      { documentId: notHeldId, kind: "refusal", date: "2026-03-02" },
    ]);
    expect(ep.internationalReferences).toEqual([{ kind: "pctApplication", text: "PCT/EP2024/000001", canonicalId: "WO:EP2024000001" }]);
    const us = family.body.members.find((m: any) => m.canonicalId === "US:63100001");
    expect([us.documents, us.internationalReferences]).toEqual([undefined, undefined]);
    // The blinded application's family is itself alone, opaque, with its document.
    const blindedFamily = await call(`/commitments/${commitment}/family`);
    expect(blindedFamily.body.blindedMembers).toEqual([expect.objectContaining({ commitment, documents: [{ documentId: blindedId, kind: "searchReport", date: "2026-03-02" }] })]);
  });
});

describe("serving a document to authenticated offices", () => {
  test("an office of the family gets the bytes, never cached, as an attachment; the owner too; each access logged with its basis", async () => {
    const family = await fetchAs(reportId, "US");
    expect(family.status).toBe(200);
    expect(family.bytes.equals(REPORT)).toBe(true);
    expect(family.headers.get("content-type")).toBe("application/pdf");
    expect(family.headers.get("cache-control")).toBe("private, no-store");
    expect(family.headers.get("content-disposition")).toBe(`attachment; filename="${reportId}"`);
    expect((await fetchAs(reportId, "EP")).status).toBe(200);
    const lines = logLines().filter((l) => l.documentId === reportId && l.outcome === "allowed");
    expect(lines.slice(-2).map((l) => [l.office, l.code, l.address])).toEqual([
      ["US", "family", (await signer("US").getAddress()).toLowerCase()],
      ["EP", "owner", (await signer("EP").getAddress()).toLowerCase()],
    ]);
  });

  test("an office with no application in the family is refused 403 DOCUMENT_ACCESS_DENIED, and that is logged", async () => {
    const reply = await fetchAs(markId, "EP");
    expect([reply.status, reply.body.code]).toEqual([403, "DOCUMENT_ACCESS_DENIED"]);
    expect(reply.headers.get("cache-control")).toBe("private, no-store");
    expect(logLines().at(-1)).toMatchObject({ outcome: "refused", documentId: markId, office: "EP", code: "DOCUMENT_ACCESS_DENIED" });
  });

  test("the access code of a blinded application opens its document; a wrong one is 403 DOCUMENT_ACCESS_CODE_MISMATCH", async () => {
    const opening = { accessCode: code, number: blinded.number, filingDate: blinded.filingDate, ipType: blinded.ipType };
    const opened = await fetchAs(blindedId, "EP", accessCodeHeader(opening));
    expect([opened.status, opened.bytes.equals(BLINDED_REPORT)]).toEqual([200, true]);
    expect(logLines().at(-1)).toMatchObject({ outcome: "allowed", documentId: blindedId, office: "EP", code: "accessCode" });
    expect(JSON.stringify(logLines())).not.toContain(code.slice(2));
    const wrong = await fetchAs(blindedId, "EP", accessCodeHeader({ ...opening, accessCode: newAccessCode() }));
    expect([wrong.status, wrong.body.code]).toEqual([403, "DOCUMENT_ACCESS_CODE_MISMATCH"]);
    expect((await fetchAs(blindedId, "EP")).body.code).toBe("DOCUMENT_ACCESS_DENIED");
  });

  test("bad credentials: missing headers 400, expired, replayed or for another document 401 with WWW-Authenticate, not a signer or an unknown office 403", async () => {
    const missing = await call(`/documents/${reportId}`);
    expect([missing.status, missing.body.code]).toEqual([400, "DOCUMENT_REQUEST_MALFORMED"]);

    const expired = await call(`/documents/${reportId}`, await signed(reportId, "US", { now: nowSeconds() - 600 }));
    expect([expired.status, expired.body.code, expired.headers.get("www-authenticate")]).toEqual([401, "DOCUMENT_REQUEST_EXPIRED", DOCUMENT_AUTH_CHALLENGE]);

    const headers = await signed(reportId, "US");
    expect((await call(`/documents/${reportId}`, headers)).status).toBe(200);
    const replayed = await call(`/documents/${reportId}`, headers);
    expect([replayed.status, replayed.body.code, replayed.headers.get("www-authenticate")]).toEqual([401, "DOCUMENT_REQUEST_REPLAYED", DOCUMENT_AUTH_CHALLENGE]);

    const other = await call(`/documents/${reportId}`, await signed(markId, "JP"));
    expect([other.status, other.body.code]).toEqual([401, "DOCUMENT_REQUEST_WRONG_DOCUMENT"]);

    const adminKey = await call(`/documents/${reportId}`, await signed(reportId, "US", { key: admin("US") }));
    expect([adminKey.status, adminKey.body.code, adminKey.headers.get("www-authenticate")]).toEqual([403, "DOCUMENT_REQUEST_NOT_SIGNER", null]);
    const unknown = await call(`/documents/${reportId}`, await signed(reportId, "US", { as: "KR" }));
    expect([unknown.status, unknown.body.code]).toEqual([403, "DOCUMENT_REQUEST_UNKNOWN_OFFICE"]);
    // The claimed office and key of a refused request are in the log.
    expect(logLines().at(-1)).toMatchObject({ outcome: "refused", office: "KR", address: (await signer("US").getAddress()).toLowerCase(), code: "DOCUMENT_REQUEST_UNKNOWN_OFFICE" });
  });

  test("an unknown document, or one this node does not hold, is 404 DOCUMENT_NOT_FOUND; a malformed id 400", async () => {
    const unknownId = `0x${"cd".repeat(32)}` as Hex;
    expect((await fetchAs(unknownId, "EP")).body.code).toBe("DOCUMENT_NOT_FOUND");
    expect((await fetchAs(notHeldId, "US")).body.code).toBe("DOCUMENT_NOT_FOUND");
    const malformed = await call("/documents/0x1234");
    expect([malformed.status, malformed.body.code]).toEqual([400, "API_VALIDATION_FAILED"]);
    expect(logLines().at(-1)).toMatchObject({ outcome: "refused", documentId: null, office: null, code: "API_VALIDATION_FAILED" });
  });

  test("bytes changed in storage are served to nobody: 500 DOCUMENT_STORAGE_CORRUPT", async () => {
    const tampered = Buffer.from("%PDF-1.7 a refusal of JP 2024-099999, altered\n");
    const sha = sha256Of(MARK_DECISION).slice(2);
    writeFileSync(join(dir.path, "documents", sha.slice(0, 2), sha), tampered);
    const reply = await fetchAs(markId, "JP");
    expect([reply.status, reply.body.code]).toEqual([500, "DOCUMENT_STORAGE_CORRUPT"]);
    expect(reply.bytes.includes(tampered)).toBe(false);
    await storage.put(MARK_DECISION); // repaired
    expect((await fetchAs(markId, "JP")).status).toBe(200);
  });

  test("a decision that cannot be logged is not served: 503 DOCUMENT_ACCESS_LOG_UNAVAILABLE", async () => {
    const closed = await createAccessLog({ log: silentLog(), path: join(dir.path, "closed.jsonl") });
    await closed.close();
    const documents = { storage, accessLog: closed, replayCache: createReplayCache(), register: { chainId: fx.chain.deployment.chainId, address: fx.chain.deployment.address } };
    const other = await fx.serve(createApp({ store: fx.store, nodeStatus: fx.nodeStatus, log: silentLog(), documents }));
    try {
      const response = await fetch(`${other.url}/api/v1/documents/${reportId}`, { headers: { ...(await signed(reportId, "US")) } });
      const body = (await response.json()) as { code: string };
      expect([response.status, body.code]).toEqual([503, "DOCUMENT_ACCESS_LOG_UNAVAILABLE"]);
    } finally {
      await other.close();
    }
  });
});
