import type { Logger } from "pino";
import { canonicalId, epochDayToIso, ipTypeFromIndex } from "../domain/index.js";
import { DiprError } from "../errors.js";
import {
  type ApplicationRecord,
  type ChainRef,
  type ClaimRecord,
  type CommitmentRecord,
  type FamilyMember,
  type Hex,
  type HistoryEntry,
  type LinkKind,
  type RoleKind,
  type StoreBatch,
  type TimedChainRef,
} from "../store/index.js";
import type { RegisterEvent } from "./decode-log.js";
import { documentRecordOf, internationalReferenceRecordOf } from "./document-records.js";
import { addFamilyLink, blindedMemberOf, familyMemberOf, removeFamilyClaim, revealFamilyMember, storedMember, updateFamilyMember } from "./family-components.js";

const LINK_KINDS: readonly (LinkKind | undefined)[] = [undefined, "divisional", "continuation", "continuationInPart"];
const DEFAULT_ADMIN_ROLE = `0x${"0".repeat(64)}` as Hex;

const refOf = (e: RegisterEvent): ChainRef => ({ blockNumber: e.blockNumber, transactionHash: e.transactionHash, logIndex: e.logIndex });

// The events of a block share its time: formatting it once per block instead of once per event.
let lastTimestamp: number | undefined;
let lastBlockTime = "";

function timedRefOf(e: RegisterEvent): TimedChainRef {
  const { blockNumber, transactionHash, logIndex, blockTimestamp } = e;
  if (blockTimestamp === undefined) return { blockNumber, transactionHash, logIndex };
  if (blockTimestamp !== lastTimestamp) {
    lastTimestamp = blockTimestamp;
    lastBlockTime = new Date(blockTimestamp * 1000).toISOString();
  }
  return { blockNumber, transactionHash, logIndex, blockTime: lastBlockTime };
}

const history = (e: RegisterEvent & { type: HistoryEntry["event"] }, fields: HistoryEntry["fields"]): HistoryEntry => ({ ...timedRefOf(e), event: e.type, fields });

/**
 * Applies one register event to the batch: the indexer's whole state machine. The contract emits an event only
 * for a real change and only after its checks, so a missing record here means the store and the chain disagree.
 * @throws DiprError STORE_CORRUPT when an event refers to a record the store does not hold.
 */
export function applyEvent(batch: StoreBatch, e: RegisterEvent, log: Logger): void {
  switch (e.type) {
    case "OfficeAdmitted": {
      const ref = refOf(e);
      batch.putOffice({ office: e.office, name: e.name, adminRole: e.adminRole, signerRole: e.signerRole, status: "active", admittedAt: ref, statusChangedAt: ref });
      // RoleAdminChanged came first (the contract sets role admins before emitting OfficeAdmitted).
      for (const [role, kind] of [[e.adminRole, "admin"], [e.signerRole, "signer"]] as const) {
        const existing = batch.getRole(role);
        batch.putRole({ role, kind, office: e.office, adminRole: existing?.adminRole ?? DEFAULT_ADMIN_ROLE });
      }
      return;
    }
    case "OfficeKeysReset": {
      const office = batch.getOffice(e.office);
      if (!office) throw missing(e, `office ${e.office}`);
      // Every key of the earlier roles is void: the office's signers and admins are now the new roles' members.
      batch.putOffice({ ...office, adminRole: e.adminRole, signerRole: e.signerRole, keyEpoch: e.keyEpoch, keysResetAt: refOf(e) });
      // RoleAdminChanged for the new roles came first, as at admission.
      for (const [role, kind] of [[e.adminRole, "admin"], [e.signerRole, "signer"]] as const) {
        const existing = batch.getRole(role);
        batch.putRole({ role, kind, office: e.office, adminRole: existing?.adminRole ?? DEFAULT_ADMIN_ROLE });
      }
      return;
    }
    case "OfficeSuspended":
    case "OfficeReinstated": {
      const office = batch.getOffice(e.office);
      if (!office) throw missing(e, `office ${e.office}`);
      batch.putOffice({ ...office, status: e.type === "OfficeSuspended" ? "suspended" : "active", statusChangedAt: refOf(e) });
      return;
    }
    case "ApplicationRegistered": {
      const record: ApplicationRecord = {
        applicationId: e.applicationId,
        office: e.office,
        number: e.number,
        canonicalId: canonicalId(e.office, e.number),
        filingDate: epochDayToIso(e.filingDate),
        ipType: ipTypeFromIndex(e.ipType),
        claims: [],
        history: [history(e, { number: e.number, filingDate: epochDayToIso(e.filingDate), ipType: ipTypeFromIndex(e.ipType) })],
      };
      batch.addApplication(record);
      batch.putRegistered(record.canonicalId, { filingDate: record.filingDate, ipType: record.ipType });
      // A number claimed before it was registered is in a component already, without date and type.
      updateFamilyMember(batch, familyMemberOf(record));
      return;
    }
    case "ApplicationLinked": {
      const record = required(batch, e, e.applicationId);
      const parent = required(batch, e, e.parentId);
      const kind = LINK_KINDS[e.linkKind];
      if (kind === undefined) throw new DiprError("INDEXER_BAD_LOG", `link kind ${e.linkKind} is not a LinkKind`, { ...refOf(e) });
      batch.putApplication({
        ...record,
        parent: { applicationId: parent.applicationId, canonicalId: parent.canonicalId, kind },
        history: [...record.history, history(e, { parentId: e.parentId, parentCanonicalId: parent.canonicalId, linkKind: kind })],
      });
      addFamilyLink(batch, familyMemberOf(record), familyMemberOf(parent), { kind });
      return;
    }
    case "PriorityClaimed": {
      const record = required(batch, e, e.applicationId);
      const claim: ClaimRecord = {
        sequence: e.sequence,
        claimedId: e.claimedId,
        claimedOffice: e.claimedOffice,
        claimedNumber: e.claimedNumber,
        claimedCanonicalId: canonicalId(e.claimedOffice, e.claimedNumber),
        claimedFilingDate: epochDayToIso(e.claimedFilingDate),
        status: "active",
        claimedAt: timedRefOf(e),
      };
      // No history entry: the claim is its record (historyOf).
      batch.putApplication({ ...record, claims: [...record.claims, claim] });
      batch.putClaimedBy(claim.claimedId, claim.claimedAt, record.applicationId, claim.sequence);
      const claimed = claimedMember(batch, e.claimedId, e.claimedOffice, claim.claimedCanonicalId);
      addFamilyLink(batch, familyMemberOf(record), claimed, { kind: "priority", sequence: e.sequence, claimedFilingDate: claim.claimedFilingDate });
      return;
    }
    case "PriorityClaimWithdrawn": {
      const record = required(batch, e, e.applicationId);
      const claim = record.claims.find((c) => c.sequence === e.sequence);
      if (!claim) throw missing(e, `claim ${e.sequence} of ${e.applicationId}`);
      batch.putApplication({
        ...record,
        claims: record.claims.map((c) => (c.sequence === e.sequence ? { ...c, status: "withdrawn", withdrawnAt: refOf(e) } : c)),
        history: [...record.history, history(e, { sequence: e.sequence })],
      });
      removeFamilyClaim(batch, familyMemberOf(record), e.sequence);
      return;
    }
    case "FilingDateCorrected": {
      const filingDate = epochDayToIso(e.filingDate);
      correct(batch, required(batch, e, e.applicationId), { filingDate }, history(e, { previousDate: epochDayToIso(e.previousDate), filingDate }));
      return;
    }
    case "IpTypeCorrected": {
      const ipType = ipTypeFromIndex(e.ipType);
      correct(batch, required(batch, e, e.applicationId), { ipType }, history(e, { previousType: ipTypeFromIndex(e.previousType), ipType }));
      return;
    }
    case "ApplicationCommitted":
      batch.putCommitment({ commitment: e.commitment, office: e.office, committedAt: timedRefOf(e) });
      return;
    case "CommitmentClaimed": {
      const claimed = batch.getCommitment(e.claimedCommitment);
      if (claimed === undefined) throw missing(e, `commitment ${e.claimedCommitment}`);
      // The register looks the claimant up among clear records first, then among commitments.
      const application = batch.getApplication(e.claimant);
      const blinded = application === undefined ? batch.getCommitment(e.claimant) : undefined;
      if (application === undefined && blinded === undefined) throw missing(e, `claimant ${e.claimant}`);
      const claimantKind = application !== undefined ? "application" : "commitment";
      batch.putCommitmentClaim({ claimedCommitment: e.claimedCommitment, claimant: e.claimant, claimantKind, claimantOffice: e.office, claimedAt: timedRefOf(e) });
      // Either side may be revealed already: then the link is an ordinary one, in clear, with the revealed date.
      const from = application !== undefined ? familyMemberOf(application) : commitmentMember(batch, e, blinded!);
      const to = commitmentMember(batch, e, claimed);
      // The register refuses a commitment claiming itself, but not the application it was revealed as claiming it:
      // that links nothing.
      if (from.canonicalId === to.canonicalId) return;
      addFamilyLink(batch, from, to, { kind: "priority", ...(claimed.revealed ? { claimedFilingDate: claimed.revealed.filingDate } : {}) });
      return;
    }
    case "CommitmentRevealed": {
      const commitment = batch.getCommitment(e.commitment);
      if (commitment === undefined) throw missing(e, `commitment ${e.commitment}`);
      // The clear ApplicationRegistered of the same transaction came first.
      const record = required(batch, e, e.applicationId);
      const { applicationId, canonicalId: revealedId, filingDate } = record;
      batch.putCommitment({ ...commitment, revealed: { applicationId, canonicalId: revealedId, filingDate, revealedAt: timedRefOf(e) } });
      batch.putApplication({ ...record, revealedFrom: e.commitment, history: [...record.history, history(e, { commitment: e.commitment })] });
      revealFamilyMember(batch, e.commitment, familyMemberOf(record), filingDate);
      batch.moveReferences(e.commitment, revealedId);
      return;
    }
    case "DocumentRecorded":
      batch.putDocument(documentRecordOf(e, timedRefOf(e)), referencesListOf(batch, e, e.applicationId));
      return;
    case "InternationalReferenceRecorded":
      batch.putInternationalReference(internationalReferenceRecordOf(e, timedRefOf(e)), referencesListOf(batch, e, e.applicationId));
      return;
    case "RoleAdminChanged": {
      const existing = batch.getRole(e.role);
      batch.putRole({ ...(existing ?? { role: e.role, kind: roleKindOf(e.role) }), adminRole: e.newAdminRole });
      return;
    }
    case "RoleGranted": {
      if (batch.getRole(e.role) === undefined) {
        batch.putRole({ role: e.role, kind: roleKindOf(e.role), adminRole: DEFAULT_ADMIN_ROLE });
      }
      batch.putMember({ role: e.role, account: e.account, grantedBy: e.sender, grantedAt: refOf(e) });
      return;
    }
    case "RoleRevoked":
      batch.deleteMember(e.role, e.account);
      return;
    case "Unknown":
      // Counted in the digest, stored nowhere: a register built from this ABI emits no other event.
      log.warn({ blockNumber: e.blockNumber, logIndex: e.logIndex, topic0: e.topic0 }, "unknown register event");
      return;
  }
}

/** A corrected filing date or IP type: the record with its history entry, its registered entry, and its family member. */
function correct(batch: StoreBatch, record: ApplicationRecord, change: Partial<Pick<ApplicationRecord, "filingDate" | "ipType">>, entry: HistoryEntry): void {
  const corrected: ApplicationRecord = { ...record, ...change, history: [...record.history, entry] };
  batch.putApplication(corrected);
  batch.putRegistered(corrected.canonicalId, { filingDate: corrected.filingDate, ipType: corrected.ipType });
  updateFamilyMember(batch, familyMemberOf(corrected));
}

/**
 * The claimed side of a new link: its component entry, its record, or (not on the register) just its number.
 * An office that is not admitted has no applications on the register, so its numbers need no record lookup; if
 * it is admitted later and registers the number, the registration updates the member.
 */
function claimedMember(batch: StoreBatch, claimedId: Hex, claimedOffice: string, canonicalId: string) {
  const stored = storedMember(batch, canonicalId);
  if (stored !== undefined) return stored;
  const record = batch.getOffice(claimedOffice) === undefined ? undefined : batch.getApplication(claimedId);
  return record ? familyMemberOf(record) : { canonicalId };
}

/** A commitment's family member: the revealed application once revealed, else the opaque member. */
function commitmentMember(batch: StoreBatch, e: RegisterEvent, record: CommitmentRecord): FamilyMember {
  return record.revealed === undefined ? blindedMemberOf(record) : familyMemberOf(required(batch, e, record.revealed.applicationId));
}

const roleKindOf = (role: Hex): RoleKind => (role === DEFAULT_ADMIN_ROLE ? "registrar" : "other");

function required(batch: StoreBatch, e: RegisterEvent, applicationId: Hex): ApplicationRecord {
  const record = batch.getApplication(applicationId);
  if (!record) throw missing(e, `application ${applicationId}`);
  return record;
}

/**
 * The list a document or international reference of `id` goes in: its application's canonical id, or its commitment
 * while blinded (a revealed commitment's go to the application it became), as family components name members.
 */
function referencesListOf(batch: StoreBatch, e: RegisterEvent, id: Hex): string {
  const application = batch.getApplication(id);
  if (application !== undefined) return application.canonicalId;
  const commitment = batch.getCommitment(id);
  if (commitment === undefined) throw missing(e, `application or commitment ${id}`);
  return commitment.revealed?.canonicalId ?? commitment.commitment;
}

function missing(e: RegisterEvent, what: string): DiprError {
  return new DiprError("STORE_CORRUPT", `${e.type} in block ${e.blockNumber} refers to ${what}, which the store does not hold`, {
    ...refOf(e),
    event: e.type,
  });
}
