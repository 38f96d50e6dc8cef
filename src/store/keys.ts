import type { Hex } from "./types.js";

/**
 * The store's key layout: the one module that builds keys. Every entity has its own sublevel; number parts are
 * zero-padded so that LevelDB's byte order is numeric order. Ids and hashes are lower-case 0x hex.
 *
 * | sublevel       | key                                         | value                 |
 * |----------------|---------------------------------------------|-----------------------|
 * | `meta`         | `identity`, `cursor`, `applications`        | StoreIdentity, Cursor, count |
 * | `applications` | `<applicationId>`                           | ApplicationRecord     |
 * | `registered`   | `<canonicalId>` (`EP:24150001.6`)           | RegisteredNumber      |
 * | `claimed`      | `<claimedId>/<block 12>/<logIndex 6>/<claimantId>/<sequence 3>` | 1 (claim: claimant's) |
 * | `offices`      | `<office code>`                             | OfficeRecord          |
 * | `roles`        | `<role hash>`                               | RoleRecord            |
 * | `members`      | `<role hash>/<account>`                     | MemberRecord          |
 * | `familyLabels` | `<canonicalId>` (`EP:24150001.6`)           | label (canonical id)  |
 * | `families`     | `<label>`                                   | FamilyComponent       |
 * | `commitments`  | `<commitment>`                              | CommitmentRecord      |
 * | `commitmentClaims` | `<claimedCommitment>/<block 12>/<logIndex 6>` | CommitmentClaimRecord |
 * | `commitmentsByOffice` | `<office>/<block 12>/<logIndex 6>`   | commitment            |
 * | `unrevealedCommitments` | `<block 12>/<logIndex 6>`          | commitment (deleted on reveal) |
 * | `documents`    | `<documentId>`                              | DocumentRecord        |
 * | `documentsByApplication` | `<canonicalId>` or `<commitment>` | documentId[] (chain order) |
 * | `internationalReferences` | `<canonicalId>` or `<commitment>` | InternationalReferenceRecord[] (chain order) |
 * | `blocks`       | `<block number 12>`                         | KeptBlock (with undo) |
 */

/** The entity sublevels: everything a reorg may have to roll back. `meta` and `blocks` are bookkeeping. */
export const ENTITY_SUBLEVELS = [
  "applications",
  "registered",
  "claimed",
  "offices",
  "roles",
  "members",
  "familyLabels",
  "families",
  "commitments",
  "commitmentClaims",
  "commitmentsByOffice",
  "unrevealedCommitments",
  "documents",
  "documentsByApplication",
  "internationalReferences",
] as const;
export type EntitySublevel = (typeof ENTITY_SUBLEVELS)[number];
export const SUBLEVELS = [...ENTITY_SUBLEVELS, "meta", "blocks"] as const;
export type SublevelName = (typeof SUBLEVELS)[number];

export const BLOCK_KEY_DIGITS = 12;
const SEQUENCE_DIGITS = 3;
const LOG_INDEX_DIGITS = 6;

export const META_IDENTITY = "identity";
export const META_CURSOR = "cursor";
/** How many applications `applications/` holds, kept by every batch (with an undo step like any entity write). */
export const META_APPLICATIONS = "applications";

/** Block numbers up to 10^12 - 1: Ethereum mainnet is at ~2 * 10^7. */
export function blockKey(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 10 ** BLOCK_KEY_DIGITS) throw new TypeError(`block number out of range: ${n}`);
  return n.toString().padStart(BLOCK_KEY_DIGITS, "0");
}

export const parseBlockKey = (key: string): number => Number.parseInt(key, 10);

const lower = (hex: string): string => hex.toLowerCase();

export const applicationKey = (applicationId: string): string => lower(applicationId);

export function sequenceKey(sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 0 || sequence >= 10 ** SEQUENCE_DIGITS) throw new TypeError(`claim sequence out of range: ${sequence}`);
  return sequence.toString().padStart(SEQUENCE_DIGITS, "0");
}

/** A chain position: the block and log index of an event, which orders claims as the register took them. */
export type ChainPosition = Readonly<{ blockNumber: number; logIndex: number }>;

/**
 * A claimed-by entry: the claimed id, then the claim's chain position, so a number's claimants are read in chain
 * order a page at a time (a range from a cursor with a limit), then the claimant and its claim's sequence.
 */
export const claimedKey = (claimedId: string, claimedAt: ChainPosition, claimantId: string, sequence: number): string =>
  `${lower(claimedId)}/${positionKey(claimedAt)}/${lower(claimantId)}/${sequenceKey(sequence)}`;

/** The parts of a `claimed/` key. */
export function parseClaimedKey(key: string): { claimedId: Hex; claimedAt: ChainPosition; claimantId: Hex; sequence: number } {
  const [claimedId, block, logIndex, claimantId, sequence] = key.split("/");
  if (claimedId === undefined || block === undefined || logIndex === undefined || claimantId === undefined || sequence === undefined) {
    throw new TypeError(`not a claimed-by key: ${key}`);
  }
  return {
    claimedId: claimedId as Hex,
    claimedAt: { blockNumber: Number.parseInt(block, 10), logIndex: Number.parseInt(logIndex, 10) },
    claimantId: claimantId as Hex,
    sequence: Number.parseInt(sequence, 10),
  };
}

/**
 * The key range (for an iterator: gte/lt) of the entries under `prefix` whose chain position follows `after`, or all
 * of them. `<position>0` sorts after every `<position>/…` ("0" is the byte after "/") and before any later position.
 */
const rangeAfter = (prefix: string, after: ChainPosition | undefined): { gte: string; lt: string } => ({
  gte: after === undefined ? `${prefix}/` : `${prefix}/${positionKey(after)}0`,
  lt: `${prefix}0`,
});

/** The key range of the claims of `claimedId`, in chain order, after the position `after` when given. */
export const claimedRange = (claimedId: string, after?: ChainPosition): { gte: string; lt: string } => rangeAfter(lower(claimedId), after);

export const officeKey = (office: string): string => office;

export const roleKey = (role: string): string => lower(role);

export const memberKey = (role: string, account: string): string => `${lower(role)}/${lower(account)}`;

export const memberRange = (role: string): { gte: string; lt: string } => ({ gte: `${lower(role)}/`, lt: `${lower(role)}0` });

export const registeredKey = (canonicalId: string): string => canonicalId;

export const familyLabelKey = (canonicalId: string): string => canonicalId;

export const familyKey = (label: string): string => label;

export const commitmentKey = (commitment: string): string => lower(commitment);

/** A claim of a blinded application, in chain order under the claimed commitment. */
export const commitmentClaimKey = (claimedCommitment: string, claimedAt: ChainPosition): string => `${lower(claimedCommitment)}/${positionKey(claimedAt)}`;

/** The key range of the claims of the blinded application `claimedCommitment`, in chain order, after `after` when given. */
export const commitmentClaimRange = (claimedCommitment: string, after?: ChainPosition): { gte: string; lt: string } => rangeAfter(lower(claimedCommitment), after);

/** A chain position as a key part: block, then log index, so keys sort in chain order. */
export function positionKey(ref: ChainPosition): string {
  if (!Number.isInteger(ref.logIndex) || ref.logIndex < 0 || ref.logIndex >= 10 ** LOG_INDEX_DIGITS) throw new TypeError(`log index out of range: ${ref.logIndex}`);
  return `${blockKey(ref.blockNumber)}/${ref.logIndex.toString().padStart(LOG_INDEX_DIGITS, "0")}`;
}

/** A commitment in its office's list, in chain order (when it was recorded). */
export const commitmentByOfficeKey = (office: string, committedAt: { blockNumber: number; logIndex: number }): string => `${office}/${positionKey(committedAt)}`;

/** The key range of one office's commitments (for an iterator: gte/lt). */
export const commitmentByOfficeRange = (office: string): { gte: string; lt: string } => ({ gte: `${office}/`, lt: `${office}0` });

/** An unrevealed commitment, in chain order: the oldest come first, so the overdue ones are a prefix. */
export const unrevealedCommitmentKey = (committedAt: { blockNumber: number; logIndex: number }): string => positionKey(committedAt);

export const documentKey = (documentId: string): string => lower(documentId);

/**
 * An application's list of documents or international references: by its canonical id (`EP:24150001.6`), or by its
 * commitment (`0x…`) while it is blinded, as family components name their members, so a family answer point-reads
 * each member's lists without hashing or reading its record. One entry per application, rewritten when one is added
 * (an application has a handful); most members of a family have none.
 */
export const referencesKey = (canonicalIdOrCommitment: string): string =>
  canonicalIdOrCommitment.startsWith("0x") ? lower(canonicalIdOrCommitment) : canonicalIdOrCommitment;
