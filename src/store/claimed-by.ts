import { parseClaimedKey } from "./keys.js";
import type { ApplicationRecord, ClaimedByEntry, ClaimedByValue, ClaimRecord } from "./types.js";

/** A claim of `claimant` seen from the claimed side: what `claimed/` stores and what claimant lists show. */
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

/** The stored part of an entry: everything but what its key holds. */
export const claimedByValueOf = ({ claimedCanonicalId, claimedFilingDate, claimantCanonicalId, status, claimedAt }: ClaimedByEntry): ClaimedByValue => ({
  claimedCanonicalId,
  claimedFilingDate,
  claimantCanonicalId,
  status,
  claimedAt,
});

/** An entry from its `claimed/` key and stored value. */
export const claimedByEntryFrom = (key: string, value: ClaimedByValue): ClaimedByEntry => ({ ...parseClaimedKey(key), ...value });
