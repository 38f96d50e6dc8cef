import type { DocumentKind, InternationalReferenceKind, IpType, RegisteredApplication } from "../domain/index.js";

import type { Hex } from "../chain/register-contract.js";

export type { Hex };

/** Where on the chain something happened. */
export type ChainRef = Readonly<{ blockNumber: number; transactionHash: Hex; logIndex: number }>;

/** A chain position with the time of its block (ISO 8601 UTC; absent only where no header was read). */
export type TimedChainRef = ChainRef & Readonly<{ blockTime?: string }>;

/**
 * What a data directory was written for; checked on every open. `origin` tells a chain restarted from scratch
 * (same chain id, same register address: a dev chain) from the one the directory holds: the hashes of its block 0
 * and of the start block (null when the chain had not reached it yet). The indexer compares them on start.
 */
export type StoreIdentity = Readonly<{
  schema: number;
  chainId: number;
  registerAddress: Hex;
  startBlock: number;
  origin?: Readonly<{ genesisHash: Hex; startBlockHash: Hex | null }>;
}>;

/**
 * The last indexed block. `number` is startBlock - 1 before anything was indexed; `hash` is null only when
 * that is block -1. `digest` is the running digest of every register log up to and including `number`.
 */
export type Cursor = Readonly<{
  number: number;
  hash: Hex | null;
  digest: Hex;
  /** The block's time (Unix seconds): the chain's time as the node has indexed it, which dates the 18-month flag. */
  timestamp?: number;
}>;

/** An undo step: the value `key` of `sublevel` held before the block wrote it (null: it did not exist). */
export type UndoStep = readonly [sublevel: string, key: string, previous: unknown];

/**
 * A recent block the store keeps so it can detect and undo a reorganisation. Invariant: the kept blocks are
 * contiguous, from cursor - confirmations up to the cursor, and form a parent-hash chain.
 */
export type KeptBlock = Readonly<{
  number: number;
  hash: Hex;
  parentHash: Hex;
  /** Unix seconds; a rollback moves the cursor (and its time) back to a kept block. */
  timestamp?: number;
  digest: Hex;
  /** Null when the block was written more than `confirmations` below the head: it cannot be rolled back. */
  undo: readonly UndoStep[] | null;
}>;

export type LinkKind = "divisional" | "continuation" | "continuationInPart";

export type ClaimStatus = "active" | "withdrawn";

export type ClaimRecord = Readonly<{
  sequence: number;
  claimedId: Hex;
  claimedOffice: string;
  claimedNumber: string;
  claimedCanonicalId: string;
  claimedFilingDate: string;
  status: ClaimStatus;
  /** The PriorityClaimed event: the application's history shows it from here (see `historyOf`). */
  claimedAt: TimedChainRef;
  withdrawnAt?: ChainRef;
}>;

export type HistoryEvent =
  | "ApplicationRegistered"
  | "ApplicationLinked"
  | "PriorityClaimed"
  | "PriorityClaimWithdrawn"
  | "FilingDateCorrected"
  | "IpTypeCorrected"
  | "CommitmentRevealed";

/**
 * One event in an application's life, with its chain position, the time of its block (ISO 8601 UTC; absent only
 * where no header was read) and the fields it carried (dates ISO).
 */
export type HistoryEntry = TimedChainRef & Readonly<{ event: HistoryEvent; fields: Readonly<Record<string, string | number>> }>;

export type ApplicationRecord = Readonly<{
  applicationId: Hex;
  office: string;
  number: string;
  canonicalId: string;
  filingDate: string;
  ipType: IpType;
  parent?: Readonly<{ applicationId: Hex; canonicalId: string; kind: LinkKind }>;
  /** The commitment it was recorded under before its office revealed it (published), if it was. */
  revealedFrom?: Hex;
  /** Every claim ever recorded, in sequence order (withdrawn ones stay, marked). */
  claims: readonly ClaimRecord[];
  /**
   * Every event of the application in chain order except its PriorityClaimed events, which `claims` already
   * holds with their position and time: a record is rewritten by every event of its range, and the copies made it
   * a third larger. `historyOf(record)` gives the whole history.
   */
  history: readonly HistoryEntry[];
}>;

/**
 * A claim seen from the claimed application's side: the claimed one need not be on the register. A claim recorded
 * against the commitment of an application since revealed names that commitment in `claimedCommitment` and has no
 * sequence number (the register numbers an application's clear claims only).
 */
export type ClaimedByEntry = Readonly<{
  claimedId: Hex;
  claimedCanonicalId: string;
  claimedFilingDate: string;
  claimantId: Hex;
  claimantCanonicalId: string;
  sequence?: number;
  claimedCommitment?: Hex;
  status: ClaimStatus;
  claimedAt: ChainRef;
}>;

export type OfficeStatus = "active" | "suspended";

export type OfficeRecord = Readonly<{
  office: string;
  name: string;
  adminRole: Hex;
  signerRole: Hex;
  status: OfficeStatus;
  admittedAt: ChainRef;
  statusChangedAt: ChainRef;
  /** How many times the registrar reset the office's keys (absent: never); `adminRole` and `signerRole` are the current ones. */
  keyEpoch?: number;
  keysResetAt?: ChainRef;
}>;

export type RoleKind = "registrar" | "admin" | "signer" | "other";

export type RoleRecord = Readonly<{ role: Hex; kind: RoleKind; office?: string; adminRole: Hex }>;

export type MemberRecord = Readonly<{ role: Hex; account: Hex; grantedBy: Hex; grantedAt: ChainRef }>;

/**
 * What a priority check needs of a registered application (the domain core's RegisteredApplication), stored apart
 * from its record: verifying a claim reads this small entry (by canonical id, no hashing) instead of the record
 * with its claims and history.
 */
export type RegisteredNumber = RegisteredApplication;

/**
 * A member of a family component, by canonical id (its register id is applicationIdOf of that); registered
 * applications carry what a family listing shows of them. A blinded (unpublished) member is keyed by its
 * commitment instead (`0x…`, which no canonical id resembles) and carries `blinded`: its office and when it was
 * recorded, nothing else; when its office reveals it, the revealed application takes its place.
 */
export type FamilyMember = Readonly<{ canonicalId: string; filingDate?: string; ipType?: IpType; blinded?: BlindedMember }>;

export type BlindedMember = Readonly<{ office: string; committedAt: TimedChainRef }>;

export type FamilyLinkKind = "priority" | LinkKind;

/**
 * A link inside a component, between members by their index in `members`: an active priority claim
 * (claimant → claimed) or a parent link (child → parent). A claim of a commitment has no sequence (it cannot be
 * withdrawn) and no date while the claimed application is blinded; the reveal gives it the revealed filing date.
 */
export type FamilyLink = Readonly<{
  from: number;
  to: number;
  kind: FamilyLinkKind;
  /** Claims only: the claim's sequence number (what a withdrawal names) and the priority date it states. */
  sequence?: number;
  claimedFilingDate?: string;
}>;

/**
 * A connected family component (domain.md 6.3: the extended family), kept up to date by the indexer so that a
 * family read is two point reads however long its chains are. Only components of two or more members are
 * stored; `label` is the canonical id of one of its members, so labels are unique. Compact on purpose: it is
 * rewritten whenever the component changes and parsed on every family request.
 */
export type FamilyComponent = Readonly<{ label: string; members: readonly FamilyMember[]; links: readonly FamilyLink[] }>;

/**
 * An unpublished application as the register holds it: a commitment of `office` (domain.md section 8), opaque
 * until the office reveals it; then `revealed` names the application registered in clear in the same transaction.
 */
export type CommitmentRecord = Readonly<{
  commitment: Hex;
  office: string;
  /** The ApplicationCommitted event. */
  committedAt: TimedChainRef;
  /** `filingDate`: the revealed one, which every claim of the commitment states (a later correction does not change what was committed). */
  revealed?: Readonly<{ applicationId: Hex; canonicalId: string; filingDate: string; revealedAt: TimedChainRef }>;
}>;

/** What claims a commitment: a clear application (by id) or another blinded one (by commitment). */
export type CommitmentClaimantKind = "application" | "commitment";

/**
 * A claim of a blinded application, seen from the claimed side (the CommitmentClaimed event): an opaque link that
 * names the claimant and its office only.
 */
export type CommitmentClaimRecord = Readonly<{
  claimedCommitment: Hex;
  claimant: Hex;
  claimantKind: CommitmentClaimantKind;
  claimantOffice: string;
  claimedAt: TimedChainRef;
}>;

/** A field the register accepted but dipr's rules refuse, in the shape of the API's field problems. */
export type RecordProblem = Readonly<{ code: string; message: string; target: string }>;

/**
 * A document reference as the register's DocumentRecorded event carries it (Recommendation 15): the document stays
 * at its office, whose node serves it at `url` to the offices of the family.
 */
export type DocumentRecord = Readonly<{
  documentId: Hex;
  /** What the event names: a clear application's id, or the commitment of a blinded one. */
  applicationId: Hex;
  office: string;
  kind: DocumentKind;
  /** YYYY-MM-DD. */
  date: string;
  sha256: Hex;
  mediaType: string;
  url: string;
  recordedAt: TimedChainRef;
  /**
   * The fields dipr's reference rules refuse although the register took them (a media type with parameters, a URL
   * with a password or of another scheme): such a reference is listed as recorded and never fetched.
   */
  problems?: readonly RecordProblem[];
}>;

/** An international reference as the register's InternationalReferenceRecorded event carries it (Recommendation 12). */
export type InternationalReferenceRecord = Readonly<{
  /** A clear application's id, or the commitment of a blinded one. */
  applicationId: Hex;
  office: string;
  kind: InternationalReferenceKind;
  /** As the office recorded it. */
  text: string;
  /** The reference read by dipr's number rules (`WO:EP2024012345`, `EP:23123456.8`); absent when they refuse it. */
  canonicalId?: string;
  problem?: Omit<RecordProblem, "target">;
  recordedAt: TimedChainRef;
}>;
