/**
 * Documents shared between the offices of a family (Recommendation 15): references on the register, signed
 * requests, the access policy, content-addressed storage and the access log, and the client's fetch of a document
 * (`fetchDocument`, the one part that talks to a node). The API route and the CLI wire these together; nothing here
 * listens on a socket or reads the store.
 */
export {
  documentIdOf,
  documentReferenceFromChain,
  documentReferenceToChain,
  DocumentReferenceSchema,
  MAX_URL_LENGTH,
  parseDocumentReference,
  type ChainDocumentReference,
  type DocumentIdentity,
  type DocumentReference,
  type ReferenceProblem,
} from "./reference.js";
export {
  DEFAULT_CLOCK_SKEW_SECONDS,
  DEFAULT_MAX_VALIDITY_SECONDS,
  DEFAULT_REQUEST_VALIDITY_SECONDS,
  DOCUMENT_REQUEST_DOMAIN,
  DOCUMENT_REQUEST_HEADER,
  DOCUMENT_REQUEST_TYPES,
  DOCUMENT_SIGNATURE_HEADER,
  readDocumentRequest,
  signDocumentRequest,
  verifyDocumentRequest,
  type AuthenticatedRequester,
  type DocumentRequest,
  type DocumentRequestHeaders,
  type RegisterDomain,
  type RequestHeaders,
  type SignDocumentRequestParams,
  type SignerKeys,
  type VerifyDocumentRequestParams,
} from "./request-auth.js";
export { createReplayCache, DEFAULT_REPLAY_CACHE_ENTRIES, type CreateReplayCacheParams, type ReplayCache } from "./replay-cache.js";
export {
  ACCESS_CODE_HEADER,
  accessCodeHeader,
  authorizeDocumentAccess,
  readAccessCode,
  type AccessBasis,
  type AccessCodeOpening,
  type AuthorizeDocumentAccessParams,
  type DocumentApplication,
  type FamilyLookup,
} from "./access-policy.js";
export {
  assertDocumentSize,
  createDirectoryStorage,
  MAX_DOCUMENT_BYTES,
  sha256Of,
  verifyDocumentBytes,
  type CreateDirectoryStorageParams,
  type DocumentStorage,
  type StoredDocument,
} from "./storage.js";
export { createS3Storage, type CreateS3StorageParams } from "./s3-storage.js";
export { fetchDocument, type FetchDocumentParams } from "./fetch-document.js";
export { extensionOf, MEDIA_TYPES_BY_EXTENSION } from "./media-types.js";
export { createAccessLog, type AccessLog, type AccessLogEntry, type AccessLogLine, type CreateAccessLogParams } from "./access-log.js";
