import type { ApplicationRecord, HistoryEntry } from "./types.js";

/**
 * The whole history of an application in chain order: its stored entries merged with one PriorityClaimed entry
 * per claim, built from the claim record (which holds the same position, time and fields).
 */
export function historyOf(record: ApplicationRecord): HistoryEntry[] {
  const claims: HistoryEntry[] = record.claims.map((claim) => ({
    ...claim.claimedAt,
    event: "PriorityClaimed",
    fields: { sequence: claim.sequence, claimedId: claim.claimedId, claimedCanonicalId: claim.claimedCanonicalId, claimedFilingDate: claim.claimedFilingDate },
  }));
  return [...record.history, ...claims].sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);
}
