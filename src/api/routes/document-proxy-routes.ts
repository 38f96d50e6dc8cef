import type { IRouter, Request, Response } from "express";
import type { Signer } from "ethers";
import type { Logger } from "pino";
import type { Problem } from "../../api-client/index.js";
import type { Hex } from "../../chain/register-contract.js";
import { extensionOf, fetchDocument, type RegisterDomain } from "../../documents/index.js";
import { DiprError, isDiprError } from "../../errors.js";
import type { DocumentRecord, Store } from "../../store/index.js";
import { localClientRefusal } from "../local-client.js";
import { allowMethods } from "../methods.js";
import { API_BASE } from "../openapi.js";
import { negotiate, parseWith, plainQuery } from "../request.js";
import { DocumentPathParams, NoQuery } from "../schemas.js";

/**
 * The node's document proxy: a browser holds no office key, so the office's own node fetches a document for the
 * examiner's web page with a request signed by the office's key, and checks it against the register's hash.
 */
export type DocumentProxy = Readonly<{
  /** The office the proxy's requests are signed for. */
  office: string;
  /** A signer key of that office (from DIPR_DOCUMENT_PROXY_KEYSTORE or DIPR_DOCUMENT_PROXY_PRIVATE_KEY). */
  signer: Signer;
  /** The key's address, lower case. */
  signerAddress: Hex;
  /** The register requests are signed for (the EIP-712 domain). */
  register: RegisterDomain;
  /** Unix seconds; the wall clock by default. */
  nowSeconds?: () => number;
  /** How long the owning node may take to answer; 60 s by default. */
  timeoutMs?: number;
}>;

export type DocumentProxyStore = Pick<Store, "getDocument" | "isCurrentSigner">;

/** What a download is called: the owning office, the kind, the date and the id's first bytes, with its type's extension. */
export const proxyFileName = (record: Pick<DocumentRecord, "documentId" | "office" | "kind" | "date" | "mediaType">) =>
  `${record.office}-${record.kind}-${record.date}-${record.documentId.slice(2, 10)}${extensionOf(record.mediaType)}`;

/**
 * The owning node's refusal as the proxy answers it. A 403 or 404 says something about the document and the office
 * (no access, no such document) and is passed on as it is; any other refusal is about the proxy's own request (its
 * signature, its time, the owning node's state) and becomes a 502 naming the owner's code. Errors found here (the
 * hash, an unreachable node) are the proxy's own.
 */
function asProxyAnswer(error: unknown, record: DocumentRecord): unknown {
  if (!isDiprError(error)) return error;
  const problem = error.details.problem as Problem | undefined;
  if (problem === undefined) return error;
  if ((problem.status === 403 || problem.status === 404) && error.code !== "API_PROBLEM") return error;
  return new DiprError(
    "DOCUMENT_PROXY_UPSTREAM_REFUSED",
    `The node of ${record.office} answered ${problem.status} ${problem.code}: ${error.message}`,
    { documentId: record.documentId, upstreamStatus: problem.status, upstreamCode: problem.code },
    { cause: error },
  );
}

/**
 * GET /document-proxy (whether the proxy is on, for which office, for this client) and GET /document-proxy/{id}
 * (the document, fetched from its office's node). Both are routed on every node so that a node without the proxy
 * says so (404 DOCUMENT_PROXY_NOT_CONFIGURED). The proxy signs with the office's key, so it answers only clients
 * on this machine's loopback interface: the examiner's page served by the office's own node.
 */
export function addDocumentProxyRoutes(router: IRouter, store: DocumentProxyStore, log: Logger, proxy?: DocumentProxy): void {
  const now = proxy?.nowSeconds ?? (() => Math.floor(Date.now() / 1000));

  router.get(`${API_BASE}/document-proxy`, async (req, res) => {
    negotiate(req, ["application/json"]);
    parseWith(NoQuery, plainQuery(req));
    // The answer depends on who asks.
    res.setHeader("cache-control", "private, no-store");
    if (proxy === undefined) {
      res.json({ configured: false, servesThisClient: false });
      return;
    }
    res.json({
      configured: true,
      office: proxy.office,
      signerAddress: proxy.signerAddress,
      signerIsCurrent: await store.isCurrentSigner(proxy.office, proxy.signerAddress),
      servesThisClient: localClientRefusal(req) === undefined,
    });
  });

  router.get(`${API_BASE}/document-proxy/:documentId`, async (req: Request, res: Response) => {
    res.setHeader("cache-control", "private, no-store");
    if (proxy === undefined) {
      throw new DiprError("DOCUMENT_PROXY_NOT_CONFIGURED", "This node fetches no documents for its page: its operator has not set DIPR_DOCUMENT_PROXY_OFFICE and a signer key.");
    }
    const refusal = localClientRefusal(req);
    if (refusal !== undefined) {
      log.warn({ code: refusal.code, remoteAddress: req.socket.remoteAddress }, "document proxy refused a client");
      throw refusal;
    }
    const documentId = parseWith(DocumentPathParams, req.params).documentId.toLowerCase() as Hex;
    parseWith(NoQuery, plainQuery(req));
    const record = await store.getDocument(documentId);
    if (record === undefined) throw new DiprError("DOCUMENT_NOT_FOUND", `The register holds no document ${documentId}.`, { documentId });
    if (record.problems !== undefined) {
      throw new DiprError("DOCUMENT_REFERENCE_INVALID", `The reference of document ${documentId} breaks dipr's rules, so it is not fetched: ${record.problems.map((p) => `${p.target} ${p.code}`).join(", ")}.`, {
        documentId,
        errors: record.problems,
      });
    }
    let bytes: Uint8Array;
    try {
      bytes = await fetchDocument({
        url: record.url,
        documentId,
        sha256: record.sha256,
        signer: proxy.signer,
        office: proxy.office,
        register: proxy.register,
        nowSeconds: now(),
        ...(proxy.timeoutMs === undefined ? {} : { timeoutMs: proxy.timeoutMs }),
      });
    } catch (error) {
      const answer = asProxyAnswer(error, record);
      log.info({ documentId, office: proxy.office, owner: record.office, outcome: "refused", code: isDiprError(answer) ? answer.code : "API_INTERNAL" }, "document through the proxy");
      throw answer;
    }
    log.info({ documentId, office: proxy.office, owner: record.office, outcome: "fetched", bytes: bytes.length }, "document through the proxy");
    // As the owning node serves it: an attachment, sandboxed if a browser shows it anyway.
    res
      .status(200)
      .type(record.mediaType)
      .setHeader("content-disposition", `attachment; filename="${proxyFileName(record)}"`)
      .setHeader("content-security-policy", "sandbox")
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  allowMethods(router, `${API_BASE}/document-proxy`, ["GET"]);
  allowMethods(router, `${API_BASE}/document-proxy/:documentId`, ["GET"]);
}
