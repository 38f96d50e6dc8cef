/**
 * dipr's error codes: one closed union, stable across versions (messages may change).
 * Each code has its meaning and, for the API, its HTTP status in {@link ERROR_TABLE}.
 */
export const ERROR_TABLE = {
  CONFIG_INVALID: { status: 500, title: "Configuration is invalid" },
  CLI_USAGE: { status: 400, title: "Command line is invalid" },
  CLI_CANCELLED: { status: 400, title: "The user declined to send the write" },
  CHAIN_UNAVAILABLE: { status: 503, title: "The chain node cannot be reached" },
  API_UNAVAILABLE: { status: 503, title: "The node's query API cannot be reached" },
  API_PROBLEM: { status: 502, title: "The node's query API refused the request with a code this build does not know" },
  CLAIMS_FILE_INVALID: { status: 400, title: "The file of claims to verify is not a CSV of claims" },
  // dipr relay (src/cli/commands/signed.ts): signed write files, every one checked before anything is sent.
  SIGNED_FILE_INVALID: { status: 400, title: "The file is not a signed write as dipr sign writes it" },
  SIGNED_WRITE_WRONG_REGISTER: { status: 400, title: "The signed write is for another register or chain" },
  SIGNED_WRITE_EXPIRED: { status: 422, title: "The signed write's deadline has passed" },
  SIGNED_WRITE_NONCE: { status: 422, title: "The signed write's nonce was used already, is out of turn, or is given twice" },
  // dipr import (src/import): a file of applications, checked in full before anything is sent.
  IMPORT_FILE_INVALID: { status: 400, title: "The file of applications is not the documented CSV or ST.96 XML" },
  IMPORT_ROWS_REJECTED: { status: 400, title: "Rows of the file of applications were rejected; nothing was sent" },
  IMPORT_DUPLICATE_ROW: { status: 400, title: "The file holds the same application twice" },
  IMPORT_OFFICE_MIXED: { status: 400, title: "The file holds applications of more than one office" },
  IMPORT_CLAIM_NOT_EARLIER: { status: 422, title: "A priority claim names a filing date not earlier than its claimant's" },
  IMPORT_DUPLICATE_CLAIM: { status: 422, title: "An application claims the same earlier application twice" },
  IMPORT_TOO_MANY_CLAIMS: { status: 422, title: "An application has more priority claims than the register takes" },
  IMPORT_PARENT_UNKNOWN: { status: 422, title: "The parent application is neither registered nor on an earlier row" },
  CHAIN_REVERTED: { status: 422, title: "The register rejected the transaction" },
  DEPLOYMENT_NOT_FOUND: { status: 500, title: "No deployment record for this chain" },
  DEPLOYMENT_ABI_MISMATCH: { status: 500, title: "The deployment record names another register ABI than this build's" },
  CHAIN_RPC_TIMEOUT: { status: 504, title: "The chain node did not answer in time" },
  CHAIN_RPC_ERROR: { status: 502, title: "The chain node answered with an error" },
  CHAIN_LOGS_LIMIT: { status: 502, title: "The chain node refused the eth_getLogs range or result size" },
  CHAIN_BAD_RESPONSE: { status: 502, title: "The chain node sent a response dipr cannot read" },
  CHAIN_BATCH_UNSUPPORTED: { status: 502, title: "The chain node does not take this JSON-RPC batch request" },
  STORE_LOCKED: { status: 503, title: "The data directory is in use by another process" },
  STORE_WRONG_CHAIN: { status: 500, title: "The data directory was written for another chain or register" },
  STORE_CORRUPT: { status: 500, title: "The data directory holds data dipr cannot read" },
  STORE_NOT_FOUND: { status: 404, title: "No such record in the store" },
  INDEXER_REORG_TOO_DEEP: { status: 500, title: "A chain reorganisation went deeper than the blocks the node keeps" },
  INDEXER_BAD_LOG: { status: 500, title: "A register log does not have the shape of its event" },
  LOCAL_CHAIN_JOURNAL: { status: 500, title: "The local chain's journal cannot be read" },
  LOCAL_CHAIN_LISTEN_FAILED: { status: 500, title: "The local chain cannot listen on its host and port" },
  LOCAL_CHAIN_NOT_INSTALLED: { status: 500, title: "The local chain needs Hardhat, a development dependency that is not installed" },
  INDEXER_RANGE_UNAVAILABLE: { status: 502, title: "The chain node refuses even the smallest eth_getLogs range" },
  // Query API codes (src/api): every HTTP error body is a problem+json with one of these or a domain code.
  API_VALIDATION_FAILED: { status: 400, title: "The request has invalid or unknown parameters" },
  API_MALFORMED_BODY: { status: 400, title: "The request body is not valid JSON" },
  API_ROUTE_NOT_FOUND: { status: 404, title: "No such resource" },
  API_APPLICATION_NOT_FOUND: { status: 404, title: "No such application on the register" },
  API_METHOD_NOT_ALLOWED: { status: 405, title: "The resource does not support this method" },
  API_OFFICE_NOT_FOUND: { status: 404, title: "No such office on the register" },
  API_COMMITMENT_NOT_FOUND: { status: 404, title: "No such commitment (unpublished application) on the register" },
  API_NOT_ACCEPTABLE: { status: 406, title: "The resource cannot be given in the requested media type" },
  API_PAYLOAD_TOO_LARGE: { status: 413, title: "The request body or batch is too large" },
  API_FAMILY_TOO_LARGE: { status: 422, title: "The family has more members than this node answers at once" },
  API_UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "The request body must be application/json" },
  API_HEADERS_TOO_LARGE: { status: 431, title: "The request line and headers are too large" },
  API_MALFORMED_REQUEST: { status: 400, title: "The request is not valid HTTP" },
  API_REQUEST_TIMEOUT: { status: 408, title: "The request was not received in time" },
  API_RATE_LIMITED: { status: 429, title: "Too many requests" },
  API_STORE_NOT_READY: { status: 503, title: "The node's store is not ready" },
  API_INTERNAL: { status: 500, title: "Internal error" },
  API_LISTEN_FAILED: { status: 500, title: "The query API cannot listen on the configured host and port" },
  // Domain codes (docs/domain.md). 400 = malformed input, 422 = well-formed but breaks a domain rule
  // (domain.md section 7).
  OFFICE_CODE_NOT_UPPERCASE: { status: 400, title: "Office code must be upper case" },
  OFFICE_CODE_LENGTH: { status: 400, title: "Office code must have exactly two letters" },
  OFFICE_CODE_CHARSET: { status: 400, title: "Office code may contain only the letters A-Z" },
  OFFICE_CODE_UNKNOWN: { status: 400, title: "Office code is not on the WIPO ST.3 list" },
  OFFICE_NUMBERING_UNSUPPORTED: { status: 422, title: "dipr has no numbering rules for this office" },
  OFFICE_PREFIX_MISMATCH: { status: 400, title: "Application number carries another office's prefix" },
  NUMBER_LENGTH: { status: 400, title: "Application number has the wrong number of digits" },
  NUMBER_FORMAT: { status: 400, title: "Application number does not match the office's format" },
  CHECK_CHAR_CASE: { status: 400, title: "Check character must be upper case" },
  CHECK_DIGIT_MISMATCH: { status: 422, title: "Application number fails its check digit" },
  UNKNOWN_TYPE_DIGIT: { status: 422, title: "Application number has an unknown type digit" },
  UNKNOWN_TYPE_CODE: { status: 422, title: "Application number has an unknown IP type code" },
  IMPOSSIBLE_YEAR: { status: 422, title: "Application number has an impossible year" },
  IP_TYPE_UNKNOWN: { status: 400, title: "IP type is not one of patent, utilityModel, industrialDesign, trademark" },
  IP_TYPE_MISMATCH: { status: 422, title: "Application number belongs to another IP type" },
  IP_TYPE_UNSUPPORTED: { status: 422, title: "IP type is not supported for this office" },
  INVALID_DATE: { status: 400, title: "Date does not exist in the Gregorian calendar" },
  DATE_FORMAT: { status: 400, title: "Date must be written YYYY-MM-DD" },
  CATEGORY_MISMATCH: { status: 422, title: "Filing category does not match the office" },
  DUPLICATE_SEQUENCE: { status: 422, title: "Two priority claims share a sequence number" },
  SELF_PRIORITY: { status: 422, title: "An application cannot claim its own priority" },
  FAMILY_UNKNOWN_APPLICATION: { status: 404, title: "Application is not in the family input set" },
  FAMILY_DUPLICATE_APPLICATION: { status: 400, title: "Application appears twice in the family input set" },
  // Documents shared between the offices of a family (src/documents, src/domain/documents.ts). A request's
  // credentials that are not acceptable are 401; a known requester that may not read the document is 403.
  DOCUMENT_KIND_UNKNOWN: { status: 400, title: "Document kind is not one of searchReport, writtenOpinion, examinationReport, officeAction, grant, refusal" },
  DOCUMENT_REFERENCE_INVALID: { status: 400, title: "The document reference has invalid fields" },
  INTERNATIONAL_REFERENCE_KIND_UNKNOWN: { status: 400, title: "International reference kind is not one of pctApplication, madridRegistration, hagueRegistration, wipoCaseDossier" },
  INTERNATIONAL_REFERENCE_MISMATCH: { status: 422, title: "The number is of another kind than the international reference names" },
  DOCUMENT_HASH_MISMATCH: { status: 502, title: "The document's bytes do not match its SHA-256 on the register" },
  DOCUMENT_TOO_LARGE: { status: 502, title: "The document is larger than the 100 MiB a dipr document may hold" },
  DOCUMENT_REQUEST_MALFORMED: { status: 400, title: "The signed document request or access code headers are missing or malformed" },
  DOCUMENT_REQUEST_BAD_SIGNATURE: { status: 401, title: "The document request is not signed by its requester" },
  DOCUMENT_REQUEST_EXPIRED: { status: 401, title: "The document request has expired" },
  DOCUMENT_REQUEST_NOT_YET_VALID: { status: 401, title: "The document request was issued in the future" },
  DOCUMENT_REQUEST_VALIDITY_TOO_LONG: { status: 401, title: "The document request is valid for longer than the node accepts" },
  DOCUMENT_REQUEST_REPLAYED: { status: 401, title: "The document request was already used" },
  DOCUMENT_REQUEST_WRONG_DOCUMENT: { status: 401, title: "The document request was signed for another document" },
  DOCUMENT_REQUEST_REPLAY_CACHE_FULL: { status: 503, title: "The node has too many document requests in their validity to accept another" },
  DOCUMENT_REQUEST_REPLAY_CACHE_UNAVAILABLE: { status: 503, title: "The node cannot keep the nonces of document requests (its file cannot be written)" },
  DOCUMENT_REQUEST_UNKNOWN_OFFICE: { status: 403, title: "The requesting office is not admitted on the register" },
  DOCUMENT_REQUEST_OFFICE_SUSPENDED: { status: 403, title: "The requesting office is suspended" },
  DOCUMENT_REQUEST_NOT_SIGNER: { status: 403, title: "The requesting key is not a current signer of its office" },
  DOCUMENT_ACCESS_DENIED: { status: 403, title: "The requesting office has no application in the document's family" },
  DOCUMENT_ACCESS_CODE_MISMATCH: { status: 403, title: "The access code does not open the application's commitment" },
  DOCUMENT_STORAGE_UNAVAILABLE: { status: 503, title: "The node's document storage cannot be reached" },
  DOCUMENT_STORAGE_CORRUPT: { status: 500, title: "A stored document does not match its SHA-256" },
  DOCUMENT_ACCESS_LOG_UNAVAILABLE: { status: 503, title: "The document access log cannot be written" },
  DOCUMENT_NOT_FOUND: { status: 404, title: "No such document on the register, or this node does not hold its bytes" },
  // The node's document proxy (src/api/routes/document-proxy-routes.ts): it signs with the office's key, so it answers
  // only the office's own page on this machine.
  DOCUMENT_PROXY_NOT_CONFIGURED: { status: 404, title: "This node has no document proxy (DIPR_DOCUMENT_PROXY_OFFICE is not set)" },
  DOCUMENT_PROXY_LOOPBACK_ONLY: { status: 403, title: "The document proxy answers only clients on this machine's loopback interface" },
  DOCUMENT_PROXY_CROSS_SITE: { status: 403, title: "The document proxy answers only the node's own page, not a request from another site" },
  DOCUMENT_PROXY_UPSTREAM_REFUSED: { status: 502, title: "The owning office's node refused the proxy's signed request" },
} as const satisfies Record<string, { status: number; title: string }>;

export type DiprErrorCode = keyof typeof ERROR_TABLE;

export class DiprError extends Error {
  override name = "DiprError";
  readonly retryable: boolean;
  constructor(
    readonly code: DiprErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, { cause: options?.cause });
    this.retryable = options?.retryable ?? false;
  }
}

export const isDiprError = (e: unknown, code?: DiprErrorCode): e is DiprError =>
  e instanceof DiprError && (code === undefined || e.code === code);
