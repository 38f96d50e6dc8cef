import type { ApplicationSpec } from "./encode.js";

/**
 * EIP-7825 caps one transaction at 2^24 gas (Ethereum's Fusaka upgrade; Hardhat's chain enforces it). A batch
 * whose estimate exceeds the budget is split, whatever the block gas limit allows.
 */
export const TRANSACTION_GAS_CAP = 16_777_216;

/** The contract's own batch limits (`MAX_BATCH`, `MAX_BATCH_CLAIMS`), read from the deployed register. */
export type BatchLimits = Readonly<{ maxApplications: number; maxClaims: number }>;

/**
 * Splits `specs`, in order, into the fewest runs of consecutive applications that each keep within the
 * contract's limits. Gas is checked afterwards, by estimating each run (see {@link splitInHalf}).
 * @throws RangeError for one application with more claims than a whole batch may carry.
 */
export function planBatches(specs: readonly ApplicationSpec[], limits: BatchLimits): ApplicationSpec[][] {
  const batches: ApplicationSpec[][] = [];
  let current: ApplicationSpec[] = [];
  let claims = 0;
  for (const spec of specs) {
    const count = spec.claims?.length ?? 0;
    if (count > limits.maxClaims) {
      throw new RangeError(`application ${spec.number} has ${count} claims; a batch carries at most ${limits.maxClaims}`);
    }
    if (current.length === limits.maxApplications || claims + count > limits.maxClaims) {
      batches.push(current);
      current = [];
      claims = 0;
    }
    current.push(spec);
    claims += count;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The two halves of a batch whose gas estimate is over budget; a single application cannot be split. */
export function splitInHalf<T>(batch: readonly T[]): [T[], T[]] {
  if (batch.length < 2) throw new RangeError("a batch of one application cannot be split");
  const middle = Math.ceil(batch.length / 2);
  return [batch.slice(0, middle), batch.slice(middle)];
}
