export { createStore, STORE_SCHEMA, type CommitmentPage, type CreateStoreParams, type ListCommitmentsParams, type ListPriorityClaimsParams, type PriorityClaimView, type Store } from "./store.js";
export type { BlockHeader, CommitParams, StoreBatch } from "./batch.js";
export type { ClaimPage, ClaimPageParams, ClaimPages } from "./claim-pages.js";
export { claimedByEntryOf } from "./claimed-by.js";
export type { ChainPosition } from "./keys.js";
export type { DocumentReads } from "./document-reads.js";
export { historyOf } from "./history.js";
export { ENTITY_SUBLEVELS, SUBLEVELS, type EntitySublevel, type SublevelName } from "./keys.js";
export type * from "./types.js";
