import { DiprError } from "../errors.js";
import { claimedByEntryOf } from "./claimed-by.js";
import { applicationKey, claimedRange, commitmentClaimRange, commitmentKey, parseClaimedKey, type ChainPosition } from "./keys.js";
import type { Sublevels } from "./open-database.js";
import type { ApplicationRecord, ClaimedByEntry, CommitmentClaimRecord, CommitmentRecord, Hex } from "./types.js";

export type ClaimPageParams = Readonly<{
  /** Resume after the claim at this chain position: the last one of the previous page. */
  after?: ChainPosition;
  limit: number;
}>;

/** One page of claims in chain order; `more` when claims follow it. */
export type ClaimPage<T> = Readonly<{ claims: T[]; more: boolean }>;

export type ClaimPages = Readonly<{
  /**
   * The claims of a number from the claimed side, in chain order: the clear claims that name it and, for an
   * application revealed from a commitment, the claims of that commitment whose claimant is in clear (a clear
   * application, or a blinded one since revealed).
   */
  pagePriorityClaims(claimedId: string, page: ClaimPageParams): Promise<ClaimPage<ClaimedByEntry>>;
  /** The claims of a blinded application, in chain order. */
  pageCommitmentClaims(claimedCommitment: string, page: ClaimPageParams): Promise<ClaimPage<CommitmentClaimRecord>>;
}>;

const before = (a: ChainPosition, b: ChainPosition) => a.blockNumber < b.blockNumber || (a.blockNumber === b.blockNumber && a.logIndex < b.logIndex);

/**
 * Claim lists read a page at a time: both lists are keyed by chain position, so a page is a range from its cursor
 * with a limit of one more than the page (the look-ahead that says whether more follow), and a claimant's record is
 * read only for the claims on the page. A number claimed 10,000 times answers a page with the reads of one claimed once.
 */
export function createClaimPages(subs: Sublevels): ClaimPages {
  const application = (applicationId: string) => subs.applications.getSync(applicationKey(applicationId)) as ApplicationRecord | undefined;
  const commitment = (id: string) => subs.commitments.getSync(commitmentKey(id)) as CommitmentRecord | undefined;

  /**
   * Up to `count` claims of `claimedCommitment` after `after` that `resolve` maps to something, in chain order:
   * read `count` at a time, so only claims `resolve` skips cost more than the page.
   */
  async function commitmentClaims<T>(claimedCommitment: string, after: ChainPosition | undefined, count: number, resolve: (claim: CommitmentClaimRecord) => T | undefined) {
    const out: { claim: CommitmentClaimRecord; resolved: T }[] = [];
    for (let from = after; ; ) {
      const want = count - out.length;
      const chunk = (await subs.commitmentClaims.values({ ...commitmentClaimRange(claimedCommitment, from), limit: want }).all()) as CommitmentClaimRecord[];
      for (const claim of chunk) {
        const resolved = resolve(claim);
        if (resolved !== undefined) out.push({ claim, resolved });
      }
      if (chunk.length < want || out.length === count) return out;
      from = chunk.at(-1)!.claimedAt;
    }
  }

  /** The claimant of a commitment's claim as an application id, when it is in clear (a still blinded one has no number to show). */
  const clearClaimant = (claim: CommitmentClaimRecord): Hex | undefined =>
    claim.claimantKind === "application" ? claim.claimant : commitment(claim.claimant)?.revealed?.applicationId;

  /** The claimant's record; the claim names it, so the store must hold it. */
  function claimantRecord(applicationId: string, what: string): ApplicationRecord {
    const record = application(applicationId);
    if (record === undefined) throw new DiprError("STORE_CORRUPT", `${what} names an application the store does not hold`, { claimant: applicationId });
    return record;
  }

  return {
    async pagePriorityClaims(claimedId, { after, limit }) {
      // The clear claims are key-only entries: the claimant's record is read for those on the page only.
      const keys = (await subs.claimed.keys({ ...claimedRange(claimedId, after), limit: limit + 1 }).all()) as string[];
      const clear = keys.map((key) => ({ key, ...parseClaimedKey(key) }));
      const claimed = application(claimedId);
      const revealed = claimed?.revealedFrom === undefined ? undefined : revealedCommitment(claimed);
      const blinded = revealed === undefined ? [] : await commitmentClaims(revealed.commitment, after, limit + 1, clearClaimant);

      const claims: ClaimedByEntry[] = [];
      let i = 0;
      let j = 0;
      while (claims.length < limit && (i < clear.length || j < blinded.length)) {
        if (j === blinded.length || (i < clear.length && before(clear[i]!.claimedAt, blinded[j]!.claim.claimedAt))) {
          const { key, claimantId, sequence } = clear[i++]!;
          const record = claimantRecord(claimantId, `claimed-by entry ${key}`);
          const claim = record.claims.find((c) => c.sequence === sequence);
          if (claim === undefined) throw new DiprError("STORE_CORRUPT", `claimed-by entry ${key} names a claim the store does not hold`, { key });
          claims.push(claimedByEntryOf(record, claim));
        } else {
          const { claim, resolved } = blinded[j++]!;
          const claimant = claimantRecord(resolved, `the claim of ${claim.claimedCommitment} by ${claim.claimant}`);
          const { blockNumber, transactionHash, logIndex } = claim.claimedAt;
          // A claim of the commitment, as an ordinary claim of the application it was revealed as: it states the revealed date.
          claims.push({
            claimedId: claimed!.applicationId,
            claimedCanonicalId: claimed!.canonicalId,
            claimedFilingDate: revealed!.revealed!.filingDate,
            claimantId: claimant.applicationId,
            claimantCanonicalId: claimant.canonicalId,
            claimedCommitment: claim.claimedCommitment,
            status: "active",
            claimedAt: { blockNumber, transactionHash, logIndex },
          });
        }
      }
      return { claims, more: i < clear.length || j < blinded.length };
    },

    async pageCommitmentClaims(claimedCommitment, { after, limit }) {
      const claims = await commitmentClaims(claimedCommitment, after, limit + 1, (claim) => claim);
      return { claims: claims.slice(0, limit).map((c) => c.claim), more: claims.length > limit };
    },
  };

  function revealedCommitment(claimed: ApplicationRecord): CommitmentRecord {
    const record = commitment(claimed.revealedFrom!);
    if (record?.revealed === undefined) {
      throw new DiprError("STORE_CORRUPT", `${claimed.canonicalId} names ${claimed.revealedFrom} as its commitment, which the store does not hold as revealed`, { canonicalId: claimed.canonicalId });
    }
    return record;
  }
}
