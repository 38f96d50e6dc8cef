import type { AbstractBatchOperation } from "abstract-level";
import { applicationIdOf, isPublicationOverdue } from "../domain/index.js";
import { DiprError } from "../errors.js";
import { createStoreBatch, type BlockHeader, type StoreBatch } from "./batch.js";
import { createDocumentReads, type DocumentReads } from "./document-reads.js";
import { createClaimPages, type ClaimPage, type ClaimPages } from "./claim-pages.js";
import { claimedByEntryOf } from "./claimed-by.js";
import {
  applicationKey,
  blockKey,
  commitmentByOfficeKey,
  commitmentByOfficeRange,
  commitmentKey,
  familyKey,
  familyLabelKey,
  memberRange,
  META_APPLICATIONS,
  META_CURSOR,
  META_IDENTITY,
  officeKey,
  registeredKey,
  roleKey,
  SUBLEVELS,
  unrevealedCommitmentKey,
  type ChainPosition,
  type SublevelName,
} from "./keys.js";
import { keyFilterOf, loadKeyFilters } from "./key-filters.js";
import { createOfficeCache } from "./office-cache.js";
import { openDatabase, type Database } from "./open-database.js";
import { observeReads, type ReadObserver } from "./read-counter.js";
import type {
  ApplicationRecord,
  ClaimedByEntry,
  CommitmentClaimRecord,
  CommitmentRecord,
  Cursor,
  FamilyComponent,
  Hex,
  KeptBlock,
  MemberRecord,
  OfficeRecord,
  RegisteredNumber,
  RoleRecord,
  StoreIdentity,
} from "./types.js";

/**
 * 2: family components (`familyLabels`, `families`); 3: `registered` entries for verification; 4: records
 * without copies (claims are no longer repeated in the history; a claimed-by entry is its key, the claim stays in
 * the claimant's record); 5: office key resets (`OfficeKeysReset`: new admin and signer roles); 6: the application
 * count in `meta/applications`, and the chain's origin (hashes of block 0 and of the start block) in the identity;
 * 7: unpublished applications (`commitments`: the blinded records; `commitmentClaims`: the claims of each);
 * 8: blinded members in family components, a revealed commitment's claims as ordinary links (the revealed record
 * names its commitment, the blinded record its filing date), the commitment lists (`commitmentsByOffice`,
 * `unrevealedCommitments`) and the block time in the cursor and kept blocks; 9: shared documents and international
 * references (`documents`, `documentsByApplication`, `internationalReferences`); 10: claims in chain order under the
 * claimed number and commitment (`claimed` and `commitmentClaims` keys lead with the claim's chain position), so a
 * page of claimants is a range read from its cursor.
 * A directory of another schema is refused (STORE_CORRUPT): the node re-indexes into a new one.
 */
export const STORE_SCHEMA = 10;

/** A priority claim seen from either side; the claimed application need not be on the register. */
export type PriorityClaimView = ClaimedByEntry;

export type ListPriorityClaimsParams = Readonly<{ claimantId: string } | { claimedId: string }>;

export type ListCommitmentsParams = Readonly<{
  /** One office's commitments only. */
  office?: string;
  /** Only the commitments flagged publicationOverdue as of this UTC day (YYYY-MM-DD), oldest first. */
  overdueAsOf?: string;
  /** Resume after this list key: the `next` of the previous page. */
  after?: string;
  limit: number;
}>;

/** One page of commitments; `next` (a list key) when more follow. */
export type CommitmentPage = Readonly<{ commitments: CommitmentRecord[]; next?: string }>;

export type Store = Readonly<{
  path: string;
  /** What the directory was written for; undefined until {@link Store.initialise}. */
  identity(): StoreIdentity | undefined;
  /** Writes identity, the starting cursor and its block (when it has one) into a new directory. */
  initialise(identity: Omit<StoreIdentity, "schema">, cursor: Cursor, block?: BlockHeader): Promise<void>;
  getCursor(): Promise<Cursor | undefined>;
  getApplication(applicationId: string): Promise<ApplicationRecord | undefined>;
  getApplicationByNumber(office: string, number: string): Promise<ApplicationRecord | undefined>;
  /** The filing date and IP type of a registered application, by canonical id: what verifying a claim reads. */
  getRegistered(canonicalId: string): RegisteredNumber | undefined;
  /** A point read of the count every batch keeps (synchronous, so the node's progress callback can report it). */
  countApplications(): number;
  listApplications(): AsyncIterable<ApplicationRecord>;
  /**
   * The claims of an application (its clear claims), or of a number from the claimed side, all of them in chain
   * order (see {@link ClaimPages.pagePriorityClaims}).
   */
  listPriorityClaims(params: ListPriorityClaimsParams): Promise<PriorityClaimView[]>;
  getOffice(office: string): Promise<OfficeRecord | undefined>;
  /** The office's record, from memory (kept in step with every commit): what verifying a claim reads on every request. */
  getOfficeSync(office: string): OfficeRecord | undefined;
  listOffices(): Promise<OfficeRecord[]>;
  getRole(role: string): Promise<RoleRecord | undefined>;
  /** Accounts holding the office's signer (or admin) role now. */
  listMembers(office: string, kind: "signer" | "admin"): Promise<MemberRecord[]>;
  /** Accounts holding any role, by role hash (the registrar role is 0x00…00). */
  listRoleMembers(role: string): Promise<MemberRecord[]>;
  /** The stored family component holding the application (or claimed number); undefined when it has no links. */
  getFamily(canonicalId: string): Promise<FamilyComponent | undefined>;
  /** The blinded record of an unpublished (or since revealed) application; undefined when the register has none. */
  getCommitment(commitment: string): Promise<CommitmentRecord | undefined>;
  /** Every claim of the blinded application `claimedCommitment`, in chain order. */
  listCommitmentClaims(claimedCommitment: string): Promise<CommitmentClaimRecord[]>;
  /**
   * Commitments by office, then in chain order; with `overdueAsOf`, the overdue ones (still unrevealed 18 months
   * after they were recorded) in chain order, read from the unrevealed list up to the first that is not overdue.
   */
  listCommitments(params: ListCommitmentsParams): Promise<CommitmentPage>;
  /** The kept recent blocks, oldest first. */
  keptBlocks(): Promise<KeptBlock[]>;
  /**
   * A batch for the writes of one block range; blocks from `undoFrom` on get undo records. `after`: the previous
   * range's batch, if its commit may still be in flight (it must complete before this batch commits).
   */
  beginBatch(params: { undoFrom: number; after?: StoreBatch }): StoreBatch;
  /**
   * Undoes every kept block above `ancestor` in one batch and moves the cursor (and digest) back to it.
   * @throws DiprError STORE_CORRUPT when `ancestor` is not a kept block.
   */
  rollbackTo(ancestor: number): Promise<Cursor>;
  /** Every entry of every sublevel, sorted: for comparing two stores. */
  exportEntries(): Promise<Record<SublevelName, [string, unknown][]>>;
  close(): Promise<void>;
}> &
  ClaimPages &
  DocumentReads;

export type CreateStoreParams = Readonly<{
  path: string;
  /** When given, a directory written for another chain or register is refused. */
  expect?: Readonly<{ chainId: number; registerAddress: string }>;
  /** Told of every entry the store's reads deliver (not the batches'): for tests that hold a query to its page. */
  onRead?: ReadObserver;
}>;

/**
 * Opens the node's LevelDB directory.
 * @throws DiprError STORE_LOCKED (another process holds it), STORE_WRONG_CHAIN (written for another chain or
 * register address), STORE_CORRUPT.
 */
export async function createStore({ path, expect, onRead }: CreateStoreParams): Promise<Store> {
  const { db, subs: written } = await openDatabase(path);
  const subs = onRead === undefined ? written : observeReads(written, onRead);
  let identity = (await subs.meta.get(META_IDENTITY)) as StoreIdentity | undefined;
  try {
    if (identity !== undefined) checkIdentity(path, identity, expect);
  } catch (error) {
    await db.close();
    throw error;
  }

  const filters = await loadKeyFilters(written);

  const values = async <T>(sub: SublevelName, range: { gte?: string; lt?: string } = {}): Promise<T[]> =>
    (await subs[sub].values(range).all()) as T[];

  const claimPages = createClaimPages(subs);
  const offices = createOfficeCache((office) => subs.offices.getSync(officeKey(office)) as OfficeRecord | undefined);
  const committed = (sublevels: ReadonlySet<SublevelName>) => {
    if (sublevels.has("offices")) offices.invalidate();
  };

  // Point reads use LevelDB's synchronous get: it blocks the event loop for a few microseconds but costs a sixth of
  // the async get's round trip through the thread pool (measured 9 µs vs 56 µs), and the API is point reads.
  async function getApplication(applicationId: string) {
    return subs.applications.getSync(applicationKey(applicationId)) as ApplicationRecord | undefined;
  }

  return {
    path,
    identity: () => identity,

    async initialise(given, cursor, block) {
      if (identity !== undefined) throw new TypeError("the store is initialised already");
      const next: StoreIdentity = { schema: STORE_SCHEMA, ...given, registerAddress: given.registerAddress.toLowerCase() as Hex };
      const ops: AbstractBatchOperation<Database, string, unknown>[] = [
        { type: "put", sublevel: written.meta, key: META_IDENTITY, value: next },
        { type: "put", sublevel: written.meta, key: META_CURSOR, value: cursor },
      ];
      if (block !== undefined) {
        const kept: KeptBlock = { ...block, digest: cursor.digest, undo: [] };
        ops.push({ type: "put", sublevel: written.blocks, key: blockKey(block.number), value: kept });
      }
      await db.batch(ops);
      identity = next;
    },

    getCursor: async () => (await subs.meta.get(META_CURSOR)) as Cursor | undefined,
    getApplication,
    getApplicationByNumber: (office, number) => getApplication(applicationIdOf(office, number)),
    getRegistered: (canonicalId) => subs.registered.getSync(registeredKey(canonicalId)) as RegisteredNumber | undefined,
    countApplications: () => (subs.meta.getSync(META_APPLICATIONS) as number | undefined) ?? 0,
    async *listApplications() {
      for await (const value of subs.applications.values()) yield value as ApplicationRecord;
    },

    async listPriorityClaims(params) {
      if ("claimedId" in params) return everyClaim((after) => claimPages.pagePriorityClaims(params.claimedId, { after, limit: WHOLE_LIST_PAGE }));
      const record = await getApplication(params.claimantId);
      if (record === undefined) return [];
      return record.claims.map((claim) => claimedByEntryOf(record, claim));
    },
    pagePriorityClaims: claimPages.pagePriorityClaims,

    getOffice: async (office) => offices.get(office),
    getOfficeSync: (office) => offices.get(office),
    listOffices: () => values<OfficeRecord>("offices"),
    getRole: async (role) => subs.roles.getSync(roleKey(role)) as RoleRecord | undefined,
    async listMembers(office, kind) {
      const record = (await subs.offices.get(officeKey(office))) as OfficeRecord | undefined;
      if (record === undefined) return [];
      return values<MemberRecord>("members", memberRange(kind === "signer" ? record.signerRole : record.adminRole));
    },
    listRoleMembers: (role) => values<MemberRecord>("members", memberRange(role)),

    async getFamily(canonicalId) {
      const label = subs.familyLabels.getSync(familyLabelKey(canonicalId)) as string | undefined;
      if (label === undefined) return undefined;
      const component = subs.families.getSync(familyKey(label)) as FamilyComponent | undefined;
      if (component === undefined) throw new DiprError("STORE_CORRUPT", `family label ${label} of ${canonicalId} names no stored component`, { canonicalId, label });
      return component;
    },

    getCommitment: async (commitment) => subs.commitments.getSync(commitmentKey(commitment)) as CommitmentRecord | undefined,
    listCommitmentClaims: (claimedCommitment) => everyClaim((after) => claimPages.pageCommitmentClaims(claimedCommitment, { after, limit: WHOLE_LIST_PAGE })),
    pageCommitmentClaims: claimPages.pageCommitmentClaims,

    async listCommitments({ office, overdueAsOf, after, limit }) {
      const commitments: CommitmentRecord[] = [];
      const sub = overdueAsOf === undefined ? subs.commitmentsByOffice : subs.unrevealedCommitments;
      const range = overdueAsOf === undefined && office !== undefined ? commitmentByOfficeRange(office) : {};
      // gt, not gte, from a page's end: LevelDB's iterator takes gte over gt when given both.
      const { gte, lt } = range as { gte?: string; lt?: string };
      const entries = sub.iterator({ ...(lt === undefined ? {} : { lt }), ...(after === undefined ? (gte === undefined ? {} : { gte }) : { gt: after }) });
      let next: string | undefined;
      try {
        for await (const [key, commitment] of entries) {
          const record = subs.commitments.getSync(commitmentKey(commitment as string)) as CommitmentRecord | undefined;
          if (record === undefined) throw new DiprError("STORE_CORRUPT", `commitment list entry ${key} names a commitment the store does not hold`, { key });
          if (overdueAsOf !== undefined) {
            // Block times do not go back, so the overdue commitments are the oldest unrevealed ones: stop at the first that is not.
            const committedOn = record.committedAt.blockTime?.slice(0, 10);
            if (committedOn === undefined || !isPublicationOverdue({ committedOn, revealed: false, asOf: overdueAsOf })) break;
            if (office !== undefined && record.office !== office) continue;
          }
          if (commitments.length === limit) {
            next = commitmentListKey(commitments.at(-1)!, overdueAsOf !== undefined);
            break;
          }
          commitments.push(record);
        }
      } finally {
        await entries.close();
      }
      return next === undefined ? { commitments } : { commitments, next };
    },

    ...createDocumentReads(subs, filters),

    keptBlocks: () => values<KeptBlock>("blocks"),
    beginBatch: ({ undoFrom, after }) => createStoreBatch({ db, subs: written, filters, undoFrom, after, committed }),

    async rollbackTo(ancestor) {
      const base = (await subs.blocks.get(blockKey(ancestor))) as KeptBlock | undefined;
      if (base === undefined) throw new DiprError("STORE_CORRUPT", `block ${ancestor} is not kept, so the store cannot roll back to it`, { ancestor });
      const undone = (await subs.blocks.values({ gt: blockKey(ancestor), reverse: true }).all()) as KeptBlock[];
      const final = undone.find((block) => block.undo === null);
      if (final !== undefined) {
        throw new DiprError("STORE_CORRUPT", `block ${final.number} was stored as final (no undo record), so the store cannot roll back to ${ancestor}`, { ancestor, final: final.number });
      }
      // Newest block first: each step restores the value from before its block, so the oldest block's step wins.
      const restore = new Map<string, { sub: SublevelName; key: string; value: unknown }>();
      for (const block of undone) {
        const steps = block.undo ?? [];
        for (let i = steps.length - 1; i >= 0; i--) {
          const [sub, key, previous] = steps[i]!;
          restore.set(`${sub}\u0000${key}`, { sub: sub as SublevelName, key, value: previous });
        }
      }
      const ops: AbstractBatchOperation<Database, string, unknown>[] = [];
      for (const { sub, key, value } of restore.values()) {
        // A key deleted before the node last started is in no filter: the filters must learn the keys restored.
        if (value !== null) keyFilterOf(filters, sub)?.add(key);
        ops.push(value === null ? { type: "del", sublevel: written[sub], key } : { type: "put", sublevel: written[sub], key, value });
      }
      for (const block of undone) ops.push({ type: "del", sublevel: written.blocks, key: blockKey(block.number) });
      const cursor: Cursor = { number: base.number, hash: base.hash, digest: base.digest, ...(base.timestamp === undefined ? {} : { timestamp: base.timestamp }) };
      ops.push({ type: "put", sublevel: written.meta, key: META_CURSOR, value: cursor });
      await db.batch(ops);
      committed(new Set([...restore.values()].map(({ sub }) => sub)));
      return cursor;
    },

    async exportEntries() {
      const out = {} as Record<SublevelName, [string, unknown][]>;
      for (const name of SUBLEVELS) out[name] = (await subs[name].iterator().all()) as [string, unknown][];
      return out;
    },

    close: () => db.close(),
  };
}

/** Whole claim lists (for the indexer's tests and tools) are read a page at a time too, so none is held in one read. */
const WHOLE_LIST_PAGE = 1000;

async function everyClaim<T extends { claimedAt: ChainPosition }>(page: (after: ChainPosition | undefined) => Promise<ClaimPage<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let after: ChainPosition | undefined, more = true; more; ) {
    const next = await page(after);
    all.push(...next.claims);
    more = next.more;
    after = next.claims.at(-1)?.claimedAt;
  }
  return all;
}

/** The list key a page resumes after: the record's key in the list it was read from. */
const commitmentListKey = (record: CommitmentRecord, overdue: boolean): string =>
  overdue ? unrevealedCommitmentKey(record.committedAt) : commitmentByOfficeKey(record.office, record.committedAt);

function checkIdentity(path: string, identity: StoreIdentity, expect: CreateStoreParams["expect"]): void {
  if (identity.schema !== STORE_SCHEMA) {
    throw new DiprError("STORE_CORRUPT", `the data directory ${path} has schema ${identity.schema}; this dipr writes ${STORE_SCHEMA}`, {
      path,
      schema: identity.schema,
    });
  }
  if (expect === undefined) return;
  if (identity.chainId !== expect.chainId || identity.registerAddress !== expect.registerAddress.toLowerCase()) {
    throw new DiprError(
      "STORE_WRONG_CHAIN",
      `the data directory ${path} was written for register ${identity.registerAddress} on chain ${identity.chainId}, ` +
        `not ${expect.registerAddress.toLowerCase()} on chain ${expect.chainId}; point DIPR_DATA_DIR elsewhere`,
      { path, stored: { chainId: identity.chainId, registerAddress: identity.registerAddress }, expected: expect },
    );
  }
}

