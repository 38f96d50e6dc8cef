import { applicationIdOf } from "../../src/chain/register-contract.js";
import { isoToEpochDay } from "../../src/domain/index.js";
import { applyEvent } from "../../src/indexer/apply-event.js";
import { GENESIS_DIGEST, type RegisterEvent } from "../../src/indexer/index.js";
import { createLogger } from "../../src/log.js";
import type { Hex, Store, StoreBatch } from "../../src/store/index.js";

/**
 * Register events written straight into a store through the indexer's own write path (applyEvent into store
 * batches), without a chain: for stores too large to build through a hardhat node in a test (a number claimed
 * 10,000 times). Each event gets its own chain position, in order; `flush` commits what is pending.
 */
export type SyntheticRegister = Readonly<{
  /** Admits an office: the indexer looks a claimed number up on the register only when its office takes part. */
  admit(office: string): void;
  register(office: string, number: string, filingDate: string, claims?: readonly SyntheticClaim[]): Hex;
  commit(office: string, commitment: Hex): void;
  /** A claim of a commitment by a clear application (by office and number) or by another commitment. */
  claimCommitment(office: string, claimant: Hex, claimedCommitment: Hex): void;
  /** Registers the application in clear and reveals `commitment` as it, as the register's reveal does. */
  reveal(office: string, commitment: Hex, number: string, filingDate: string): Hex;
  flush(): Promise<void>;
}>;

export type SyntheticClaim = Readonly<{ office: string; number: string; filingDate: string }>;

/** An event without its chain position (distributed over the union, so each event keeps its own fields). */
type EventBody = RegisterEvent extends infer E ? (E extends RegisterEvent ? Omit<E, "blockNumber" | "blockHash" | "transactionHash" | "logIndex"> : never) : never;

const log = createLogger({ level: "silent" });
const hash = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const EVENTS_PER_BATCH = 20_000;

/** The store must be initialised, with its cursor at block 0. */
export function createSyntheticRegister(store: Store): SyntheticRegister {
  let block = 1;
  let logIndex = 0;
  let batch: StoreBatch = store.beginBatch({ undoFrom: Number.MAX_SAFE_INTEGER });
  let pending: Promise<void> = Promise.resolve();

  function apply(event: EventBody) {
    batch.atBlock(block);
    // Ten events a block: claimant lists order by block and log index, so both parts of a position vary.
    applyEvent(batch, { ...event, blockNumber: block, blockHash: hash(block), transactionHash: hash(block * 1000 + logIndex), logIndex } as RegisterEvent, log);
    logIndex += 1;
    if (logIndex === 10) {
      block += 1;
      logIndex = 0;
    }
    if (batch.size() >= EVENTS_PER_BATCH) flush();
  }

  function flush(): Promise<void> {
    const done = batch;
    const cursor = { number: block, hash: hash(block), digest: GENESIS_DIGEST };
    block += 1;
    logIndex = 0;
    batch = store.beginBatch({ undoFrom: Number.MAX_SAFE_INTEGER, after: done });
    pending = pending.then(() => done.commit({ keep: [], cursor, pruneBelow: 0 }));
    return pending;
  }

  function register(office: string, number: string, filingDate: string, claims: readonly SyntheticClaim[] = []): Hex {
    const applicationId = applicationIdOf(office, number);
    apply({ type: "ApplicationRegistered", office, applicationId, number, filingDate: isoToEpochDay(filingDate), ipType: 0 });
    claims.forEach((claim, i) =>
      apply({
        type: "PriorityClaimed",
        office,
        applicationId,
        claimedId: applicationIdOf(claim.office, claim.number),
        sequence: i + 1,
        claimedOffice: claim.office,
        claimedFilingDate: isoToEpochDay(claim.filingDate),
        claimedNumber: claim.number,
      }),
    );
    return applicationId;
  }

  let roles = 0;
  return {
    admit(office) {
      roles += 2;
      apply({ type: "OfficeAdmitted", office, name: `${office} office`, admin: `0x${"ad".repeat(20)}` as Hex, adminRole: hash(0xa000 + roles), signerRole: hash(0xa001 + roles) });
    },
    register,
    commit: (office, commitment) => apply({ type: "ApplicationCommitted", office, commitment }),
    claimCommitment: (office, claimant, claimedCommitment) => apply({ type: "CommitmentClaimed", office, claimant, claimedCommitment }),
    reveal(office, commitment, number, filingDate) {
      const applicationId = register(office, number, filingDate);
      apply({ type: "CommitmentRevealed", office, commitment, applicationId });
      return applicationId;
    },
    flush,
  };
}
