import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { OUTCOME_DESCRIPTIONS, VERDICT_REASON_DESCRIPTIONS } from "../domain/index.js";
import {
  Application,
  ApplicationPathParams,
  BlindedApplicationAnswer,
  BlindedClaimToVerify,
  BlindedVerdict,
  CommitmentClaimants,
  CommitmentList,
  CommitmentPathParams,
  CommitmentsQuery,
  DocumentList,
  DocumentPathParams,
  DocumentProxyStatus,
  InternationalReferenceList,
  ClaimToVerify,
  Claimants,
  ClaimantsQuery,
  Family,
  FamilyQuery,
  HistoryEntry,
  Office,
  OfficePathParams,
  Problem,
  registry,
  Status,
  ApiIndex,
  Verdict,
  VerifyBatchBody,
  VerifyBatchResponse,
} from "./schemas.js";

export const API_BASE = "/api/v1";

const json = (schema: z.ZodTypeAny, description: string) => ({ description, content: { "application/json": { schema } } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: Problem } } });
const errors = {
  400: problem("Malformed request: bad office code, number or date, an unknown or repeated parameter"),
  406: problem("The Accept header asks for a media type this resource does not offer"),
  422: problem("Well-formed but breaks a domain rule, e.g. CHECK_DIGIT_MISMATCH"),
  429: problem("Rate limited: too many requests from this client in the window"),
  431: problem("The request line and headers exceed 16 KiB (a long query); answered before routing"),
  503: problem("The node's store is not ready"),
};
const probeErrors = { 431: errors[431] };
const familyTooLarge = problem(
  "Well-formed but breaks a domain rule; or the family has more members than the node answers at once (API_FAMILY_TOO_LARGE: the detail names its size and the cap, and what to ask for instead)",
);
const notFound = problem("Not on the register");

const TAGS = [
  { name: "verification", description: "Check priority claims against the register and the Paris/PCT period rules" },
  { name: "applications", description: "Applications as their offices registered them: record, history, family, claimants" },
  { name: "unpublished", description: "Unpublished applications: blinded records (commitments), the overdue ones, who claims them, their families, and the check of a claim by access code" },
  { name: "documents", description: "Search and examination documents shared between the offices of a family, and international references: the references are public, a document only to authenticated offices of its family" },
  { name: "offices", description: "Offices admitted to the register" },
  { name: "node", description: "The serving node: status, probes, metrics, and this description" },
];

const OVERDUE_WORDS =
  "`publicationOverdue`: still unrevealed 18 calendar months after the commitment was recorded. The register holds no filing date of an unpublished application, only when its commitment was recorded (its block's time), and an office records an application on or after its filing, so every flagged commitment is certainly more than 18 months past its filing date; one recorded late is flagged late. Counted as of `asOf`, the chain's time as the node has indexed it, never the wall clock.";

const verdictWords = `The verdict's \`outcome\` is one of the values of VerdictOutcome; docs/verdicts.md in the repository explains each with examples.`;

let registered = false;

function registerPaths(): void {
  if (registered) return;
  registered = true;
  registry.registerPath({
    method: "get",
    path: "/offices",
    operationId: "listOffices",
    tags: ["offices"],
    summary: "Offices admitted to the register, with status and signer count",
    description: "Every office the registrar admitted, active or suspended, with the number of signer keys it holds now.",
    responses: { 200: json(z.object({ offices: z.array(Office) }), "The offices"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/offices/{code}",
    operationId: "getOffice",
    tags: ["offices"],
    summary: "One office",
    description: "One admitted office. A valid ST.3 code that is not on the register is 404; a malformed code is 400.",
    request: { params: OfficePathParams },
    responses: { 200: json(Office, "The office"), 404: problem("The office is not on the register"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/applications/{office}/{number}",
    operationId: "getApplication",
    tags: ["applications"],
    summary: "An application, its number in canonical form; ST.96 XML with Accept: application/xml or text/xml",
    description:
      "The application as its office registered it, with every priority claim (withdrawn ones marked). The number may be typed in any format the domain core parses. With `Accept: application/xml` or `text/xml`, ST.96-shaped XML (patents and utility models only). Responses vary on Accept.",
    request: { params: ApplicationPathParams },
    responses: {
      200: {
        description: "The application",
        content: { "application/json": { schema: Application }, "application/xml": { schema: z.string() }, "text/xml": { schema: z.string() } },
      },
      404: notFound,
      ...errors,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/applications/{office}/{number}/history",
    operationId: "getApplicationHistory",
    tags: ["applications"],
    summary: "Every event of an application with block number, transaction hash and log index",
    description: "The application's events in chain order, each with its position on the chain and its block's time.",
    request: { params: ApplicationPathParams },
    responses: { 200: json(z.object({ history: z.array(HistoryEntry) }), "The history"), 404: notFound, ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/applications/{office}/{number}/family",
    operationId: "getApplicationFamily",
    tags: ["applications"],
    summary: "The simple (same priorities) or extended (connected) family of an application",
    description:
      "The family of a registered application, or of a number that is only claimed by registered applications (its members then include it without a filing date). Unpublished applications linked to it are opaque members in `blindedMembers` (office, commitment, when recorded, the 18-month flag), and the links name them by commitment. 404 when the register knows nothing of the number. A family of more members (clear and blinded) than the node answers at once (DIPR_API_FAMILY_MAX_MEMBERS, 1,000 by default) is a 422 API_FAMILY_TOO_LARGE naming its size and the cap; ask for the simple family (`kind=simple`) or for the claimants of one number instead.",
    request: { params: ApplicationPathParams, query: FamilyQuery },
    responses: { 200: json(Family, "The family"), 404: problem("Neither registered nor claimed"), ...errors, 422: familyTooLarge },
  });
  registry.registerPath({
    method: "get",
    path: "/applications/{office}/{number}/claimants",
    operationId: "listClaimants",
    tags: ["applications"],
    summary: "Applications claiming this application (or number) as priority, paginated with a cursor",
    description:
      "Who claims this number as priority, registered or not, in chain order; follow links.next for the next page. For an application published from a commitment, the claims of that commitment are ordinary claims here (with `claimedCommitment`, no `sequenceNumber`, the revealed filing date), from every claimant in clear; a claimant still unpublished is listed at `/commitments/{commitment}/claimants` only.",
    request: { params: ApplicationPathParams, query: ClaimantsQuery },
    responses: { 200: json(Claimants, "One page of claimants"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/priority-claims/verify",
    operationId: "verifyPriorityClaim",
    tags: ["verification"],
    summary: "Verify one priority claim against the register and the Paris/PCT period rules",
    description: `Compares the claim with the register (filing date, IP type, the claimed office's status) and checks the priority period, counted from the registered filing date when there is one. ${verdictWords}`,
    request: { query: ClaimToVerify },
    responses: { 200: json(Verdict, "The verdict"), ...errors },
  });
  registry.registerPath({
    method: "post",
    path: "/priority-claims/verify",
    operationId: "verifyPriorityClaims",
    tags: ["verification"],
    summary: "Verify up to 1,000 priority claims, one verdict each",
    description: `The claims of the body in order, one verdict each. A claim that is malformed (a missing or unknown property, a bad date) or breaks a number rule gets a ClaimError in its place, with targets under \`claims.<index>.\`; the other claims are still verified. Only a body that is not \`{ "claims": [1..1000 items] }\` is refused as a whole. ${verdictWords}`,
    request: { body: { required: true, description: "The claims to verify", content: { "application/json": { schema: VerifyBatchBody } } } },
    responses: {
      200: json(VerifyBatchResponse, "One verdict or claim error per claim, in order"),
      413: problem("More than 1,000 claims, or a body over the size limit"),
      415: problem("The body is not application/json"),
      ...errors,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/commitments",
    operationId: "listCommitments",
    tags: ["unpublished"],
    summary: "Blinded records by office, or the overdue ones (still unrevealed 18 months after they were recorded), paginated with a cursor",
    description: `Every commitment (by office, then in the order they were recorded), one office's (\`office\`), or with \`overdue=true\` only those flagged \`publicationOverdue\`, oldest first. ${OVERDUE_WORDS} Follow links.next for the next page.`,
    request: { query: CommitmentsQuery },
    responses: { 200: json(CommitmentList, "One page of commitments"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/commitments/{commitment}",
    operationId: "getCommitment",
    tags: ["unpublished"],
    summary: "The blinded record of an unpublished application: its office, when it was committed, whether it is revealed or overdue",
    description: `An unpublished application is on the register as its commitment and office only. Once its office reveals it, \`revealedApplication\` names the application registered in clear. ${OVERDUE_WORDS} 404 when the register holds no such commitment.`,
    request: { params: CommitmentPathParams },
    responses: { 200: json(BlindedApplicationAnswer, "The blinded record"), 404: problem("No such commitment on the register"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/commitments/{commitment}/family",
    operationId: "getCommitmentFamily",
    tags: ["unpublished"],
    summary: "The simple or extended family of an unpublished application, asked for by its commitment",
    description:
      "The family the blinded application belongs to, as GET /applications/{office}/{number}/family answers it: clear members in `members`, unpublished ones (this one too, until it is revealed) opaque in `blindedMembers`, links naming them by commitment. Once revealed, the family of the application it was revealed as. 404 when the register holds no such commitment; 422 API_FAMILY_TOO_LARGE for a family larger than the node answers at once, as there.",
    request: { params: CommitmentPathParams, query: FamilyQuery },
    responses: { 200: json(Family, "The family"), 404: problem("No such commitment on the register"), ...errors, 422: familyTooLarge },
  });
  registry.registerPath({
    method: "get",
    path: "/commitments/{commitment}/claimants",
    operationId: "listCommitmentClaimants",
    tags: ["unpublished"],
    summary: "Who claims a blinded application: claimant ids or commitments and their offices, in chain order, paginated with a cursor",
    description:
      "The claims of a commitment: each names the claimant (a clear application's id or a blinded application's commitment), its office, and its canonical id when the claimant is in clear (a clear application, or a blinded one since revealed). Follow links.next for the next page. 404 when the register holds no such commitment.",
    request: { params: CommitmentPathParams, query: ClaimantsQuery },
    responses: { 200: json(CommitmentClaimants, "One page of the claimants"), 404: problem("No such commitment on the register"), ...errors },
  });
  registry.registerPath({
    method: "post",
    path: "/priority-claims/verify-blinded",
    operationId: "verifyBlindedPriorityClaim",
    tags: ["unpublished"],
    summary: "Check that the register holds an unpublished application, by its number, date, type and access code",
    description:
      "The node parses the number with the domain core, computes the commitment of the fields and the access code, and answers whether the register holds it, whether it is revealed, and how many applications claim it; when found, the exact `publicationDue` (the filing date sent plus 18 months) and whether it has passed as of `asOf`, the chain's time as the node has indexed it. The access code goes in the body, is never logged and is not echoed.",
    request: { body: { required: true, description: "The blinded application and its access code", content: { "application/json": { schema: BlindedClaimToVerify } } } },
    responses: {
      200: json(BlindedVerdict, "Whether the register holds the commitment"),
      413: problem("The body is over the size limit"),
      415: problem("The body is not application/json"),
      ...errors,
    },
  });
  const documentSubjects = [
    { path: "/applications/{office}/{number}", params: ApplicationPathParams, id: "Application", notFoundText: "Not on the register", whose: "an application (its documents recorded before publication under its commitment too)" },
    { path: "/commitments/{commitment}", params: CommitmentPathParams, id: "Commitment", notFoundText: "No such commitment on the register", whose: "a blinded application, by its commitment (once revealed, the application's too)" },
  ] as const;
  for (const subject of documentSubjects) {
    registry.registerPath({
      method: "get",
      path: `${subject.path}/documents`,
      operationId: `list${subject.id}Documents`,
      tags: ["documents"],
      summary: `The documents recorded for ${subject.whose}: kind, date, hash, where its office serves it`,
      description:
        "The search and examination documents the application's office recorded on the register, in chain order: references only (kind, date, SHA-256, media type, URL). The documents themselves stay at the office, whose node serves them to authenticated offices of the family (GET /documents/{documentId} there).",
      request: { params: subject.params },
      responses: { 200: json(DocumentList, "The documents"), 404: problem(subject.notFoundText), ...errors },
    });
    registry.registerPath({
      method: "get",
      path: `${subject.path}/international-references`,
      operationId: `list${subject.id}InternationalReferences`,
      tags: ["documents"],
      summary: `The international references of ${subject.whose}: PCT, Madrid, Hague numbers and WIPO CASE dossiers`,
      description: "What the application's office recorded (Recommendation 12), in chain order, each read by the register's number rules where they can.",
      request: { params: subject.params },
      responses: { 200: json(InternationalReferenceList, "The international references"), 404: problem(subject.notFoundText), ...errors },
    });
  }
  registry.registerComponent("securitySchemes", "DiprRequest", {
    type: "apiKey",
    in: "header",
    name: "Dipr-Request",
    description:
      "base64url (no padding) of the JSON DocumentRequest { documentId, office, requester, issuedAt, expiresAt, nonce }, signed as EIP-712 typed data DocumentRequest(bytes32 documentId,bytes2 office,address requester,uint64 issuedAt,uint64 expiresAt,bytes32 nonce) in the domain DiprDocuments 1 (the chain and the register), by a current signer key of the requesting office; at most 300 s of validity, each nonce accepted once",
  });
  registry.registerComponent("securitySchemes", "DiprSignature", {
    type: "apiKey",
    in: "header",
    name: "Dipr-Signature",
    description: "The 65-byte EIP-712 signature of Dipr-Request, 0x-hex",
  });
  registry.registerPath({
    method: "get",
    path: "/documents/{documentId}",
    operationId: "getDocument",
    tags: ["documents"],
    summary: "A document this node's office recorded, to an authenticated office of its family",
    description:
      "Served to a request signed by a current signer key of an admitted, active office (Dipr-Request and Dipr-Signature) whose office owns the document's application, has an application in its extended family as this node has indexed it, or sends the application's access code (Dipr-Access-Code). Every decision is written to the node's access log first. The client checks the bytes against the SHA-256 on the register. Never cached (Cache-Control: private, no-store); sent as an attachment.",
    security: [{ DiprRequest: [], DiprSignature: [] }],
    request: {
      params: DocumentPathParams,
      headers: z.object({
        "dipr-access-code": z
          .string()
          .optional()
          .openapi({ description: "base64url of the JSON { accessCode, number, filingDate, ipType } that opens the application's commitment; a secret, never logged or echoed" }),
      }),
    },
    responses: {
      200: {
        description: "The document's bytes, as the media type the register records for it (application/octet-stream when dipr's rules refuse that one)",
        content: { "*/*": { schema: z.string().openapi({ format: "binary" }) } },
      },
      400: problem("Malformed document id, or the Dipr-Request, Dipr-Signature or Dipr-Access-Code header is missing or malformed (DOCUMENT_REQUEST_MALFORMED)"),
      401: {
        description:
          "The request's credentials are not acceptable: expired, not yet valid, valid too long, for another document, not signed by its requester, or replayed (DOCUMENT_REQUEST_*); WWW-Authenticate names the scheme",
        headers: { "WWW-Authenticate": { description: "The scheme of signed document requests", schema: { type: "string" } } },
        content: { "application/problem+json": { schema: Problem } },
      },
      403: problem("The requesting office is unknown or suspended, its key is no current signer, it has no application in the family, or its access code does not open the application"),
      404: problem("The register holds no such document, or this node does not hold its bytes (DOCUMENT_NOT_FOUND)"),
      429: errors[429],
      431: errors[431],
      500: problem("The stored bytes no longer match their SHA-256 (DOCUMENT_STORAGE_CORRUPT): served to nobody"),
      503: problem("Storage, the access log or the replay cache cannot take the request now; retry (DOCUMENT_STORAGE_UNAVAILABLE, DOCUMENT_ACCESS_LOG_UNAVAILABLE, DOCUMENT_REQUEST_REPLAY_CACHE_FULL, DOCUMENT_REQUEST_REPLAY_CACHE_UNAVAILABLE)"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/document-proxy",
    operationId: "getDocumentProxy",
    tags: ["documents"],
    summary: "Whether this node fetches documents for the examiner's web page, for which office, and for the client that asks",
    description: "The examiner's page asks it to decide whether to offer a document's Open link. Never cached: servesThisClient depends on the client.",
    responses: { 200: json(DocumentProxyStatus, "The proxy's state"), 400: errors[400], 406: errors[406], 429: errors[429], 431: errors[431] },
  });
  registry.registerPath({
    method: "get",
    path: "/document-proxy/{documentId}",
    operationId: "getDocumentThroughProxy",
    tags: ["documents"],
    summary: "Another office's document, fetched by this node for the examiner's page with a request signed by this node's office",
    description:
      "Routed only when the node's operator configured the proxy (DIPR_DOCUMENT_PROXY_OFFICE and a signer key of that office). The node signs a request for the document with the office's key, fetches it from the URL the register records (GET /documents/{documentId} on the owning office's node), and sends the bytes only when they hash to the register's SHA-256. It acts with the office's key, so it answers only clients on the node's own loopback interface that name it as 127.0.0.1, [::1] or localhost, and no request a browser sends for a page of another site. The owning node's 403 and 404 are passed on with their codes. Never cached (Cache-Control: private, no-store); sent as an attachment, sandboxed.",
    request: { params: DocumentPathParams },
    responses: {
      200: {
        description: "The document's bytes, as the media type the register records for it",
        content: { "*/*": { schema: z.string().openapi({ format: "binary" }) } },
      },
      400: problem("Malformed document id (API_VALIDATION_FAILED), or a reference dipr's rules refuse, which is never fetched (DOCUMENT_REFERENCE_INVALID)"),
      403: problem(
        "A client not on the loopback interface or naming another host (DOCUMENT_PROXY_LOOPBACK_ONLY), a request of another site's page (DOCUMENT_PROXY_CROSS_SITE), or the owning node's refusal: the office has no application in the family (DOCUMENT_ACCESS_DENIED), its key is no current signer or it is suspended",
      ),
      404: problem("The node has no document proxy (DOCUMENT_PROXY_NOT_CONFIGURED), or no such document on the register or at its office's node (DOCUMENT_NOT_FOUND)"),
      429: errors[429],
      431: errors[431],
      502: problem("The bytes do not hash to the register's SHA-256 (DOCUMENT_HASH_MISMATCH), the owning node sends more than a document may hold, 100 MiB (DOCUMENT_TOO_LARGE), or the owning node refused the signed request otherwise (DOCUMENT_PROXY_UPSTREAM_REFUSED, naming its code)"),
      503: problem("The owning office's node cannot be reached (API_UNAVAILABLE), or the owning node cannot serve now (its DOCUMENT_* 503 codes)"),
    },
  });
  registry.registerPath({
    method: "get",
    path: "/status",
    operationId: "getStatus",
    tags: ["node"],
    summary: "Chain, register, indexed block, head, lag and state digest",
    description: "What the node has indexed: compare `digest` at the same block with another office's node.",
    responses: { 200: json(Status, "The node's status"), 429: errors[429], ...probeErrors, 503: problem("The store is not ready") },
  });
  registry.registerPath({
    method: "get",
    path: "/health",
    operationId: "getHealth",
    tags: ["node"],
    summary: "Liveness",
    description: "200 while the process serves requests. Not rate-limited.",
    responses: { 200: json(z.object({ status: z.literal("ok") }), "The process is alive"), ...probeErrors },
  });
  registry.registerPath({
    method: "get",
    path: "/ready",
    operationId: "getReadiness",
    tags: ["node"],
    summary: "Readiness: caught up within the configured lag",
    description: "200 when the indexed block is within DIPR_API_READY_MAX_LAG blocks of the head, 503 otherwise. Not rate-limited.",
    responses: { 200: json(Status, "Ready"), ...probeErrors, 503: problem("Not caught up yet") },
  });
  registry.registerPath({
    method: "get",
    path: "/metrics",
    operationId: "getMetrics",
    tags: ["node"],
    summary: "Prometheus metrics",
    description: "Request counts and latencies by route, indexed block and lag, in the Prometheus text format. Not rate-limited.",
    responses: { 200: { description: "Metrics in the Prometheus text format", content: { "text/plain": { schema: z.string() } } }, ...probeErrors },
  });
  registry.registerPath({
    method: "get",
    path: "/openapi.json",
    operationId: "getOpenApiDocument",
    tags: ["node"],
    summary: "This OpenAPI 3.1 document",
    description: "Generated from the zod schemas that validate the requests.",
    responses: { 200: json(z.object({ openapi: z.string() }).passthrough(), "The document"), 429: errors[429], ...probeErrors },
  });
  registry.registerPath({
    method: "get",
    path: "/docs",
    operationId: "getDocsPage",
    tags: ["node"],
    summary: "A readable list of the operations, outcomes and reasons",
    description: "A plain HTML page rendered from this document.",
    responses: { 200: { description: "The page", content: { "text/html": { schema: z.string() } } }, 429: errors[429], ...probeErrors },
  });
  registry.registerPath({
    method: "get",
    path: "/",
    operationId: "getApiIndex",
    tags: ["node"],
    summary: "Where the documentation is",
    description: "Links to the docs page, this document and the status; the server's root `/` answers the same.",
    responses: { 200: json(ApiIndex, "Links"), 429: errors[429], ...probeErrors },
  });
}

/** The OpenAPI 3.1 document, generated from the zod schemas that validate the requests. */
export function createOpenApiDocument(): ReturnType<OpenApiGeneratorV31["generateDocument"]> {
  registerPaths();
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "dipr query API",
      // 2.0.0: verdicts with one outcome (issue 13), a breaking change of the verify answers. The URL stays /api/v1
      // while the API is a prototype without outside clients; docs/verdicts.md lists what changed.
      version: "2.0.0",
      description:
        "Verify priority claims, list families and find claimants on the dipr register (WIPO ST.90 style). Every error is application/problem+json (RFC 9457) with a stable `code`; a method a resource does not support gets 405 with `Allow`.",
      license: { name: "Apache-2.0", identifier: "Apache-2.0" },
      contact: { name: "dipr maintainers" },
    },
    servers: [{ url: API_BASE, description: "The node serving this document" }],
    // The API is public and read-only: no operation needs credentials but GET /documents/{documentId}, which names its own.
    security: [],
    tags: TAGS,
  });
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// The same sentences as the document's enum descriptions and docs/verdicts.md: one table in the domain core.
const wordTable = (words: Readonly<Record<string, string>>) =>
  `<table><tbody>${Object.entries(words)
    .map(([word, text]) => `<tr><td id="${escape(word)}"><code>${escape(word)}</code></td><td>${escape(text).replace(/`([^`]+)`/g, "<code>$1</code>")}</td></tr>`)
    .join("")}</tbody></table>`;

/** A plain HTML page listing every operation of the document; no scripts, no external assets. */
export function renderDocsPage(document: ReturnType<typeof createOpenApiDocument>): string {
  const rows = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { summary?: string; parameters?: { name: string; in: string }[]; responses?: Record<string, unknown> }>).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(API_BASE + path)}</code></td><td>${escape(op.summary ?? "")}</td>` +
        `<td>${(op.parameters ?? []).map((p) => `<code>${escape(p.name)}</code> (${p.in})`).join(", ")}</td><td>${Object.keys(op.responses ?? {}).join(", ")}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}</style></head>
<body><h1>${escape(document.info.title)} ${escape(document.info.version)}</h1><p>${escape(document.info.description ?? "")}</p>
<p>Machine-readable: <a href="${API_BASE}/openapi.json">openapi.json</a> (OpenAPI ${escape(document.openapi)}). Errors are <code>application/problem+json</code> with a stable <code>code</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>summary</th><th>parameters</th><th>responses</th></tr></thead><tbody>${rows.join("")}</tbody></table>
<h2 id="outcomes">Verdict outcomes</h2>${wordTable(OUTCOME_DESCRIPTIONS)}
<h2 id="reasons">Verdict reasons</h2>${wordTable(VERDICT_REASON_DESCRIPTIONS)}</body></html>`;
}
