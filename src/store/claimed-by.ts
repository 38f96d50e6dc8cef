import type { ApplicationRecord, ClaimedByEntry, ClaimRecord } from "./types.js";

/** A claim of `claimant` seen from the claimed side: what `claimed/` stores and what claimant lists show. */
export const claimedByEntryOf = (claimant: Pick<ApplicationRecord, "applicationId" | "canonicalId">, claim: ClaimRecord): ClaimedByEntry => ({
  claimedId: claim.claimedId,
  claimedOffice: claim.claimedOffice,
  claimedNumber: claim.claimedNumber,
  claimedCanonicalId: claim.claimedCanonicalId,
  claimedFilingDate: claim.claimedFilingDate,
  claimantId: claimant.applicationId,
  claimantCanonicalId: claimant.canonicalId,
  sequence: claim.sequence,
  status: claim.status,
  claimedAt: claim.claimedAt,
});
