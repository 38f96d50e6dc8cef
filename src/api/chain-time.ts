import { isPublicationOverdue } from "../domain/index.js";
import type { Store, TimedChainRef } from "../store/index.js";

/** The chain's time as the node has indexed it: its last block and that block's time. */
export type ChainTime = Readonly<{ blockNumber: number; blockTime: string }>;

/**
 * The time the publication flags are counted against: the indexed head's, so an answer depends only on the chain
 * the node has indexed, never on the wall clock. Undefined before the node has indexed a block with a time.
 */
export async function chainTimeOf(store: Pick<Store, "getCursor">): Promise<ChainTime | undefined> {
  const cursor = await store.getCursor();
  if (cursor?.timestamp === undefined) return undefined;
  return { blockNumber: cursor.number, blockTime: new Date(cursor.timestamp * 1000).toISOString() };
}

/** The UTC day of a chain time. */
export const dayOf = (time: ChainTime): string => time.blockTime.slice(0, 10);

/** The node's 18-month flag on a blinded application (domain.md 8; src/domain/publication.ts), false without a time to count from or to. */
export function publicationOverdueOf(record: Readonly<{ committedAt: TimedChainRef; revealed?: unknown }>, asOf: ChainTime | undefined): boolean {
  const committedOn = record.committedAt.blockTime?.slice(0, 10);
  if (committedOn === undefined || asOf === undefined) return false;
  return isPublicationOverdue({ committedOn, revealed: record.revealed !== undefined, asOf: dayOf(asOf) });
}
