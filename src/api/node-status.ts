import type { Hex } from "../chain/register-contract.js";

/** What the running node reports about its progress; the API shows it and derives readiness from it. */
export type NodeStatus = Readonly<{
  chainId: number;
  registerAddress: string;
  indexedBlock: number;
  /** The chain head as last seen by the indexer; null before it has seen one. */
  headBlock: number | null;
  digest: Hex;
}>;
