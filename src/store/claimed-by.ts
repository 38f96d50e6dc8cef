import type { ApplicationRecord, ClaimedByEntry, ClaimRecord } from "./types.js";

/** A claim of `claimant` seen from the claimed side, as claimant lists show it: built from the claimant's record. */
export const claimedByEntryOf = (claimant: Pick<ApplicationRecord, "applicationId" | "canonicalId">, claim: ClaimRecord): ClaimedByEntry => ({
  claimedId: claim.claimedId,
  claimedCanonicalId: claim.claimedCanonicalId,
  claimedFilingDate: claim.claimedFilingDate,
  claimantId: claimant.applicationId,
  claimantCanonicalId: claimant.canonicalId,
  sequence: claim.sequence,
  status: claim.status,
  claimedAt: { blockNumber: claim.claimedAt.blockNumber, transactionHash: claim.claimedAt.transactionHash, logIndex: claim.claimedAt.logIndex },
});
