import { DiprError } from "../errors.js";
import {
  applicationKey,
  blockKey,
  claimedKey,
  commitmentByOfficeKey,
  commitmentClaimKey,
  commitmentKey,
  familyKey,
  familyLabelKey,
  memberKey,
  META_APPLICATIONS,
  META_CURSOR,
  officeKey,
  registeredKey,
  roleKey,
  unrevealedCommitmentKey,
  documentKey,
  referencesKey,
  type ChainPosition,
  type SublevelName,
} from "./keys.js";
import { keyFilterOf, type KeyFilters } from "./key-filters.js";
import type { Database, Sublevels } from "./open-database.js";
import type {
  ApplicationRecord,
  CommitmentClaimRecord,
  CommitmentRecord,
  Cursor,
  DocumentRecord,
  FamilyComponent,
  Hex,
  InternationalReferenceRecord,
  KeptBlock,
  MemberRecord,
  OfficeRecord,
  RegisteredNumber,
  RoleRecord,
  UndoStep,
} from "./types.js";

/** A block header as the commit records it. */
export type BlockHeader = Readonly<{ number: number; hash: Hex; parentHash: Hex; /** Unix seconds. */ timestamp?: number }>;

export type CommitParams = Readonly<{
  /** The blocks to keep from this range (the last `confirmations + 1`), each with its running digest. */
  keep: readonly (BlockHeader & { digest: Hex })[];
  cursor: Cursor;
  /** Kept blocks below this number are dropped: they are final by the node's rule. */
  pruneBelow: number;
}>;

/**
 * The writes of one block range, collected in memory and committed with their undo records, the kept block
 * hashes and the cursor in ONE LevelDB batch: after a crash the store holds whole ranges only.
 */
export type StoreBatch = Readonly<{
  /** Later writes belong to block `n` (for its undo record). Blocks only move forward. */
  atBlock(n: number): void;
  getApplication(applicationId: string): ApplicationRecord | undefined;
  putApplication(record: ApplicationRecord): void;
  /**
   * A record the register has just created: it refuses to register an id it holds (DiprRegisterApplicationExists),
   * so the count goes up without reading whether the key exists, which for a new id is a LevelDB miss.
   */
  addApplication(record: ApplicationRecord): void;
  /** On registration and on every correction of the filing date or IP type. */
  putRegistered(canonicalId: string, entry: RegisteredNumber): void;
  /** Indexes claim `sequence` of `claimantId` under the claimed id, at its chain position; the claim itself is in the claimant's record. */
  putClaimedBy(claimedId: string, claimedAt: ChainPosition, claimantId: string, sequence: number): void;
  getOffice(office: string): OfficeRecord | undefined;
  putOffice(record: OfficeRecord): void;
  getRole(role: string): RoleRecord | undefined;
  putRole(record: RoleRecord): void;
  putMember(record: MemberRecord): void;
  deleteMember(role: string, account: string): void;
  /** The label of the stored family component holding the application `canonicalId`; undefined when it is in none. */
  getFamilyLabel(canonicalId: string): string | undefined;
  /** Null removes the entry: the application left every stored component. */
  putFamilyLabel(canonicalId: string, label: string | null): void;
  getFamily(label: string): FamilyComponent | undefined;
  /** Null removes the component. */
  putFamily(label: string, component: FamilyComponent | null): void;
  getCommitment(commitment: string): CommitmentRecord | undefined;
  /**
   * On commitment and on reveal. Keeps the commitment's list entries with it: its office's list (from its
   * commitment on) and the unrevealed list (until its reveal).
   */
  putCommitment(record: CommitmentRecord): void;
  /** A claim of a blinded application, under the claimed commitment. */
  putCommitmentClaim(record: CommitmentClaimRecord): void;
  /** A document, under its id and in the list `listKey` (its application's canonical id, or commitment while blinded). */
  putDocument(record: DocumentRecord, listKey: string): void;
  /** An international reference, in the list `listKey` (as for documents). */
  putInternationalReference(record: InternationalReferenceRecord, listKey: string): void;
  /** A blinded application's lists become its revealed application's: `to` is its canonical id. */
  moveReferences(from: string, to: string): void;
  /** Number of entity writes so far. */
  size(): number;
  commit(params: CommitParams): Promise<void>;
}>;

export type CreateStoreBatchParams = Readonly<{
  db: Database;
  subs: Sublevels;
  /** Filters of the keys the store may hold in some sublevels (family labels …); a read one rules out skips LevelDB. */
  filters: KeyFilters;
  /**
   * Blocks from this number on get undo records; older ones are final (more than `confirmations` below the head)
   * and skip the read of each previous value, which is most of the cost of catching up.
   */
  undoFrom: number;
  /**
   * The batch of the previous range, whose commit may still be in flight: this batch reads through its writes,
   * so applying the next range can overlap LevelDB writing the last one. It must have committed before this one.
   */
  after?: StoreBatch;
  /** Told, once the range is in LevelDB, which sublevels it wrote: the store drops what it keeps in memory of them. */
  committed?: (sublevels: ReadonlySet<SublevelName>) => void;
}>;

/** A claimed-by entry's value: its key says everything, and the claim is in the claimant's record. */
const CLAIMED_BY_VALUE = 1;

/** A batch's writes per sublevel: key → value (null: deleted). */
type Overlay = Map<SublevelName, Map<string, unknown>>;

/** Every batch's writes, for the batch that follows it. */
const overlays = new WeakMap<StoreBatch, Overlay>();

/**
 * Synchronous throughout: the indexer makes several reads per event, and a promise per read (and per write) cost
 * more in allocation and microtask hops than the reads themselves. Maps per sublevel, so no key is concatenated.
 */
export function createStoreBatch({ db, subs, filters, undoFrom, after, committed: onCommitted }: CreateStoreBatchParams): StoreBatch {
  // Current value of every key written in this batch. Reads look here first, so later events of the range see
  // earlier ones without a round trip to LevelDB.
  const overlay: Overlay = new Map();
  const previous = after === undefined ? undefined : overlays.get(after);
  const undo = new Map<number, { steps: UndoStep[]; seen: Map<SublevelName, Set<string>> }>();
  let block = -1;
  let committed = false;

  // What LevelDB held before this batch, per key read (null: absent). The batches are the store's only writers,
  // and a key the previous batch wrote is never read from LevelDB, so it stays true until commit; misses are
  // common (a new number is looked up before it is first written).
  const stored = new Map<SublevelName, Map<string, unknown>>();

  const mapOf = <V>(maps: Map<SublevelName, Map<string, V>>, sub: SublevelName): Map<string, V> => {
    let map = maps.get(sub);
    if (map === undefined) maps.set(sub, (map = new Map()));
    return map;
  };

  /** The value as of now: this batch's write, the previous batch's, or LevelDB's (null: absent). */
  function current(sub: SublevelName, key: string): unknown {
    const own = overlay.get(sub);
    if (own?.has(key)) return own.get(key);
    const before = previous?.get(sub);
    if (before?.has(key)) return before.get(key);
    if (keyFilterOf(filters, sub)?.mightContain(key) === false) return null;
    const cache = mapOf(stored, sub);
    if (cache.has(key)) return cache.get(key);
    // Synchronous gets: a point read costs a few microseconds, far less than the async get's round trip
    // through the thread pool.
    const value = subs[sub].getSync(key) ?? null;
    cache.set(key, value);
    return value;
  }

  const read = <T>(sub: SublevelName, key: string): T | undefined => (current(sub, key) ?? undefined) as T | undefined;

  function write(sub: SublevelName, key: string, value: unknown): void {
    if (block >= undoFrom) {
      let record = undo.get(block);
      if (record === undefined) undo.set(block, (record = { steps: [], seen: new Map() }));
      let seen = record.seen.get(sub);
      if (seen === undefined) record.seen.set(sub, (seen = new Set()));
      if (!seen.has(key)) {
        seen.add(key);
        record.steps.push([sub, key, current(sub, key)]);
      }
    }
    if (value !== null) keyFilterOf(filters, sub)?.add(key);
    mapOf(overlay, sub).set(key, value);
  }

  const batch: StoreBatch = {
    atBlock(n) {
      if (n < block) throw new TypeError(`blocks must be applied in order: ${n} after ${block}`);
      block = n;
    },
    getApplication: (applicationId) => read(`applications`, applicationKey(applicationId)),
    putApplication(record) {
      const key = applicationKey(record.applicationId);
      // A count kept as the records are written, so a status is a point read rather than a scan of millions of
      // keys; written in the same batch (and undone with it), it always equals the records the store holds.
      if (current("applications", key) === null) write("meta", META_APPLICATIONS, ((current("meta", META_APPLICATIONS) as number | null) ?? 0) + 1);
      write("applications", key, record);
    },
    addApplication(record) {
      write("meta", META_APPLICATIONS, ((current("meta", META_APPLICATIONS) as number | null) ?? 0) + 1);
      write("applications", applicationKey(record.applicationId), record);
    },
    putRegistered: (canonicalId, entry) => write("registered", registeredKey(canonicalId), entry),
    putClaimedBy: (claimedId, claimedAt, claimantId, sequence) => write("claimed", claimedKey(claimedId, claimedAt, claimantId, sequence), CLAIMED_BY_VALUE),
    getOffice: (office) => read("offices", officeKey(office)),
    putOffice: (record) => write("offices", officeKey(record.office), record),
    getRole: (role) => read("roles", roleKey(role)),
    putRole: (record) => write("roles", roleKey(record.role), record),
    putMember: (record) => write("members", memberKey(record.role, record.account), record),
    deleteMember: (role, account) => write("members", memberKey(role, account), null),
    getFamilyLabel: (canonicalId) => read("familyLabels", familyLabelKey(canonicalId)),
    putFamilyLabel: (canonicalId, label) => write("familyLabels", familyLabelKey(canonicalId), label),
    getFamily: (label) => read("families", familyKey(label)),
    putFamily: (label, component) => write("families", familyKey(label), component),
    getCommitment: (commitment) => read("commitments", commitmentKey(commitment)),
    putCommitment(record) {
      const key = commitmentKey(record.commitment);
      const before = current("commitments", key) as CommitmentRecord | null;
      if (before === null) {
        write("commitmentsByOffice", commitmentByOfficeKey(record.office, record.committedAt), record.commitment);
        if (record.revealed === undefined) write("unrevealedCommitments", unrevealedCommitmentKey(record.committedAt), record.commitment);
      } else if (before.revealed === undefined && record.revealed !== undefined) {
        write("unrevealedCommitments", unrevealedCommitmentKey(record.committedAt), null);
      }
      write("commitments", key, record);
    },
    putCommitmentClaim: (record) => write("commitmentClaims", commitmentClaimKey(record.claimedCommitment, record.claimedAt), record),
    putDocument(record, listKey) {
      write("documents", documentKey(record.documentId), record);
      const key = referencesKey(listKey);
      write("documentsByApplication", key, [...((current("documentsByApplication", key) as Hex[] | null) ?? []), record.documentId]);
    },
    putInternationalReference(record, listKey) {
      const key = referencesKey(listKey);
      write("internationalReferences", key, [...((current("internationalReferences", key) as InternationalReferenceRecord[] | null) ?? []), record]);
    },
    moveReferences(from, to) {
      for (const sub of ["documentsByApplication", "internationalReferences"] as const) {
        const moved = current(sub, referencesKey(from)) as unknown[] | null;
        if (moved === null) continue;
        // The revealed application was registered in the same transaction: nothing was recorded under its id yet.
        write(sub, referencesKey(to), [...moved, ...((current(sub, referencesKey(to)) as unknown[] | null) ?? [])]);
        write(sub, referencesKey(from), null);
      }
    },
    size: () => {
      let n = 0;
      for (const map of overlay.values()) n += map.size;
      return n;
    },

    async commit({ keep, cursor, pruneBelow }) {
      if (committed) throw new TypeError("a store batch commits once");
      committed = true;
      // A chained batch: one native call per operation costs less than abstract-level's copy and normalisation of
      // every element of an array batch (about 6 against 8-10 µs per operation here, write included).
      const chained = db.batch();
      try {
        for (const [sub, writes] of overlay) {
          const sublevel = subs[sub];
          for (const [key, value] of writes) {
            if (value === null) chained.del(key, { sublevel });
            else chained.put(key, value, { sublevel });
          }
        }
        for (const header of keep) {
          const kept: KeptBlock = { ...header, undo: header.number >= undoFrom ? (undo.get(header.number)?.steps ?? []) : null };
          chained.put(blockKey(header.number), kept, { sublevel: subs.blocks });
        }
        if (pruneBelow > 0) {
          for await (const key of subs.blocks.keys({ lt: blockKey(pruneBelow) })) chained.del(key, { sublevel: subs.blocks });
        }
        chained.put(META_CURSOR, cursor, { sublevel: subs.meta });
        await chained.write();
      } catch (error) {
        await chained.close(); // frees the native batch if write() never ran; a no-op after it did
        throw new DiprError("STORE_CORRUPT", `writing blocks up to ${cursor.number} failed: ${(error as Error).message}`, { cursor: cursor.number }, {
          cause: error,
        });
      }
      // Everything is in LevelDB now: the batch after this one reads it there, and this range's values need not
      // stay in memory while that batch is applied.
      onCommitted?.(new Set(overlay.keys()));
      overlay.clear();
      undo.clear();
      stored.clear();
    },
  };
  overlays.set(batch, overlay);
  return batch;
}
