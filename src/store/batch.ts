import type { AbstractBatchOperation } from "abstract-level";
import { DiprError } from "../errors.js";
import {
  applicationKey,
  blockKey,
  claimedKey,
  familyKey,
  familyLabelKey,
  memberKey,
  META_CURSOR,
  officeKey,
  roleKey,
  type SublevelName,
} from "./keys.js";
import type { Database, Sublevels } from "./open-database.js";
import type {
  ApplicationRecord,
  ClaimedByEntry,
  Cursor,
  FamilyComponent,
  Hex,
  KeptBlock,
  MemberRecord,
  OfficeRecord,
  RoleRecord,
  UndoStep,
} from "./types.js";

/** A block header as the commit records it. */
export type BlockHeader = Readonly<{ number: number; hash: Hex; parentHash: Hex }>;

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
  getApplication(applicationId: string): Promise<ApplicationRecord | undefined>;
  putApplication(record: ApplicationRecord): Promise<void>;
  getClaimedBy(claimedId: string, claimantId: string, sequence: number): Promise<ClaimedByEntry | undefined>;
  putClaimedBy(entry: ClaimedByEntry): Promise<void>;
  getOffice(office: string): Promise<OfficeRecord | undefined>;
  putOffice(record: OfficeRecord): Promise<void>;
  getRole(role: string): Promise<RoleRecord | undefined>;
  putRole(record: RoleRecord): Promise<void>;
  putMember(record: MemberRecord): Promise<void>;
  deleteMember(role: string, account: string): Promise<void>;
  /** The label of the stored family component holding the application `canonicalId`; undefined when it is in none. */
  getFamilyLabel(canonicalId: string): Promise<string | undefined>;
  /** Null removes the entry: the application left every stored component. */
  putFamilyLabel(canonicalId: string, label: string | null): Promise<void>;
  getFamily(label: string): Promise<FamilyComponent | undefined>;
  /** Null removes the component. */
  putFamily(label: string, component: FamilyComponent | null): Promise<void>;
  /** Number of entity writes so far. */
  size(): number;
  commit(params: CommitParams): Promise<void>;
}>;

type Pending = { sub: SublevelName; key: string; value: unknown };

export type CreateStoreBatchParams = Readonly<{
  db: Database;
  subs: Sublevels;
  /**
   * Blocks from this number on get undo records; older ones are final (more than `confirmations` below the head)
   * and skip the read of each previous value, which is most of the cost of catching up.
   */
  undoFrom: number;
}>;

export function createStoreBatch({ db, subs, undoFrom }: CreateStoreBatchParams): StoreBatch {
  // Current value of every key written in this batch (null: deleted). Reads look here first, so later events
  // of the range see earlier ones without a round trip to LevelDB.
  const overlay = new Map<string, Pending>();
  const undo = new Map<number, { steps: UndoStep[]; seen: Set<string> }>();
  let block = -1;
  let committed = false;

  const id = (sub: SublevelName, key: string) => `${sub}\u0000${key}`;

  // What LevelDB held before this batch, per key read (null: absent). The batch is the store's only writer, so
  // it stays true until commit; misses are common (a new number is looked up before it is first written).
  const stored = new Map<string, unknown>();

  // Synchronous gets: a point read costs a few microseconds, far less than the async get's round trip through
  // the thread pool, and the indexer reads several keys per event.
  function storedValue(sub: SublevelName, key: string, k: string): unknown {
    if (stored.has(k)) return stored.get(k);
    const value = subs[sub].getSync(key) ?? null;
    stored.set(k, value);
    return value;
  }

  async function read<T>(sub: SublevelName, key: string): Promise<T | undefined> {
    const k = id(sub, key);
    const pending = overlay.get(k);
    const value = pending !== undefined ? pending.value : storedValue(sub, key, k);
    return (value ?? undefined) as T | undefined;
  }

  async function write(sub: SublevelName, key: string, value: unknown): Promise<void> {
    const k = id(sub, key);
    if (block >= undoFrom) {
      let record = undo.get(block);
      if (record === undefined) undo.set(block, (record = { steps: [], seen: new Set() }));
      if (!record.seen.has(k)) {
        record.seen.add(k);
        const pending = overlay.get(k);
        const previous = pending !== undefined ? pending.value : storedValue(sub, key, k);
        record.steps.push([sub, key, previous]);
      }
    }
    overlay.set(k, { sub, key, value });
  }

  return {
    atBlock(n) {
      if (n < block) throw new TypeError(`blocks must be applied in order: ${n} after ${block}`);
      block = n;
    },
    getApplication: (applicationId) => read(`applications`, applicationKey(applicationId)),
    putApplication: (record) => write("applications", applicationKey(record.applicationId), record),
    getClaimedBy: (claimedId, claimantId, sequence) => read("claimed", claimedKey(claimedId, claimantId, sequence)),
    putClaimedBy: (entry) => write("claimed", claimedKey(entry.claimedId, entry.claimantId, entry.sequence), entry),
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
    size: () => overlay.size,

    async commit({ keep, cursor, pruneBelow }) {
      if (committed) throw new TypeError("a store batch commits once");
      committed = true;
      const ops: AbstractBatchOperation<Database, string, unknown>[] = [];
      for (const { sub, key, value } of overlay.values()) {
        ops.push(value === null ? { type: "del", sublevel: subs[sub], key } : { type: "put", sublevel: subs[sub], key, value });
      }
      for (const header of keep) {
        const kept: KeptBlock = { ...header, undo: header.number >= undoFrom ? (undo.get(header.number)?.steps ?? []) : null };
        ops.push({ type: "put", sublevel: subs.blocks, key: blockKey(header.number), value: kept });
      }
      if (pruneBelow > 0) {
        for await (const key of subs.blocks.keys({ lt: blockKey(pruneBelow) })) ops.push({ type: "del", sublevel: subs.blocks, key });
      }
      ops.push({ type: "put", sublevel: subs.meta, key: META_CURSOR, value: cursor });
      try {
        await db.batch(ops);
      } catch (error) {
        throw new DiprError("STORE_CORRUPT", `writing blocks up to ${cursor.number} failed: ${(error as Error).message}`, { cursor: cursor.number }, {
          cause: error,
        });
      }
    },
  };
}
