import type { z } from "zod";
import { historyOf, type ApplicationRecord, type ChainRef, type ClaimedByEntry, type TimedChainRef, type MemberRecord, type OfficeRecord } from "../store/index.js";
import { publicationOverdueOf, type ChainTime } from "./chain-time.js";
import type { FamilyResult } from "./family.js";
import type { MemberReferences } from "./family-references.js";
import type { Application, Claimant, Family, HistoryEntry, Office } from "./schemas.js";

// Store records → API bodies: the one place that names JSON properties (ST.96-aligned lowerCamelCase).

// Not the domain's splitCanonicalId: that one also checks the code against ST.3, and a claim on chain only has to
// be two letters, so a claimed office off the list must still render rather than fail the request.
const splitId = (canonicalId: string) => ({ office: canonicalId.slice(0, 2), number: canonicalId.slice(3) });

const chainRef = (ref: ChainRef) => ({ blockNumber: ref.blockNumber, transactionHash: ref.transactionHash, logIndex: ref.logIndex });

/** A chain position with its block's time when the store has it. */
export const timedChainRef = (ref: TimedChainRef) => ({ ...chainRef(ref), ...(ref.blockTime === undefined ? {} : { blockTime: ref.blockTime }) });

export function officeView(office: OfficeRecord, signers: readonly MemberRecord[]): z.infer<typeof Office> {
  return {
    ipOfficeCode: office.office,
    name: office.name,
    status: office.status,
    signerCount: signers.length,
    signers: signers.map((member) => ({ account: member.account, grantedAt: chainRef(member.grantedAt) })),
    keyEpoch: office.keyEpoch ?? 0,
    admittedAt: chainRef(office.admittedAt),
  };
}

export function applicationView(record: ApplicationRecord): z.infer<typeof Application> {
  const registered = record.history.find((entry) => entry.event === "ApplicationRegistered") ?? record.history[0];
  return {
    ipOfficeCode: record.office,
    applicationNumberText: record.number,
    canonicalId: record.canonicalId,
    applicationId: record.applicationId,
    filingDate: record.filingDate,
    ipType: record.ipType,
    ...(record.parent ? { parentApplication: { canonicalId: record.parent.canonicalId, linkKind: record.parent.kind } } : {}),
    priorityClaimBag: record.claims.map((claim) => ({
      sequenceNumber: claim.sequence,
      ipOfficeCode: claim.claimedOffice,
      applicationNumberText: claim.claimedNumber,
      filingDate: claim.claimedFilingDate,
      status: claim.status,
    })),
    registeredAt: chainRef(registered!),
  };
}

export function historyView(record: ApplicationRecord): { history: z.infer<typeof HistoryEntry>[] } {
  return {
    history: historyOf(record).map((entry) => ({
      event: entry.event,
      ...timedChainRef(entry),
      fields: { ...entry.fields },
    })),
  };
}

export function claimantView(entry: ClaimedByEntry): z.infer<typeof Claimant> {
  const { office, number } = splitId(entry.claimantCanonicalId);
  return {
    claimantCanonicalId: entry.claimantCanonicalId,
    ipOfficeCode: office,
    applicationNumberText: number,
    ...(entry.sequence === undefined ? {} : { sequenceNumber: entry.sequence }),
    ...(entry.claimedCommitment === undefined ? {} : { claimedCommitment: entry.claimedCommitment }),
    claimedFilingDate: entry.claimedFilingDate,
    status: entry.status,
    claimedAt: chainRef(entry.claimedAt),
  };
}

/**
 * A family answer: its start (an application, or a commitment and the application it was revealed as), the members
 * in clear, the blinded ones with their 18-month flag as of `asOf`, and the links.
 */
export function familyView(
  kind: "simple" | "extended",
  start: { canonicalId?: string; commitment?: string },
  family: FamilyResult,
  asOf: ChainTime | undefined,
  references: ReadonlyMap<string, MemberReferences> = new Map(),
): z.infer<typeof Family> {
  return {
    kind,
    ...(start.canonicalId === undefined ? {} : { applicationCanonicalId: start.canonicalId }),
    ...(start.commitment === undefined ? {} : { commitment: start.commitment }),
    members: family.members.map(({ canonicalId, filingDate, ipType }) => {
      const { office, number } = splitId(canonicalId);
      return {
        canonicalId,
        ipOfficeCode: office,
        applicationNumberText: number,
        registered: filingDate !== undefined,
        ...(filingDate !== undefined ? { filingDate, ipType } : {}),
        ...references.get(canonicalId),
      };
    }),
    blindedMembers: family.blindedMembers.map((m) => ({
      blinded: true as const,
      commitment: m.commitment,
      ipOfficeCode: m.office,
      committedAt: timedChainRef(m.committedAt),
      revealed: false as const,
      publicationOverdue: publicationOverdueOf(m, asOf),
      ...references.get(m.commitment),
    })),
    links: [...family.links],
    ...(asOf === undefined ? {} : { asOf }),
  };
}
