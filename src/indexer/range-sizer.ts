import { DiprError } from "../errors.js";

export type RangeSizerParams = Readonly<{
  minBlocks: number;
  maxBlocks: number;
  /** Logs per range the sizer aims at: it bounds the memory a range takes. */
  targetLogs: number;
  initialBlocks?: number;
}>;

export type RangeSizer = Readonly<{
  /** Blocks for the next eth_getLogs call. */
  size(): number;
  /** A range of `blocks` blocks returned `logs` logs: grow after light ranges, shrink after heavy ones. */
  onSuccess(blocks: number, logs: number): void;
  /**
   * The node refused a range of `blocks` blocks: halve it (or take the provider's suggestion when smaller).
   * @throws DiprError INDEXER_RANGE_UNAVAILABLE when already at the minimum.
   */
  onRefused(blocks: number, suggestedBlocks?: number): void;
}>;

const PROBE_AFTER_SUCCESSES = 16;

/** Adaptive eth_getLogs range: halves on refusals, doubles after light successes, within [min, max]. */
export function createRangeSizer({ minBlocks, maxBlocks, targetLogs, initialBlocks }: RangeSizerParams): RangeSizer {
  if (minBlocks < 1 || maxBlocks < minBlocks) throw new TypeError(`bad range bounds ${minBlocks}..${maxBlocks}`);
  // Start at the minimum: a dense register would otherwise put its first 100 blocks, maybe 100,000 logs, in one range.
  let current = clamp(initialBlocks ?? minBlocks);
  // The largest range a refusal told us about: growing never goes back above it.
  let ceiling = maxBlocks;
  // A refusal may have been about result size in a dense stretch; after enough successes, probe above it again.
  let successesSinceRefusal = 0;

  function clamp(n: number): number {
    return Math.max(minBlocks, Math.min(maxBlocks, Math.floor(n)));
  }

  return {
    size: () => current,
    onSuccess(blocks, logs) {
      if (++successesSinceRefusal >= PROBE_AFTER_SUCCESSES && ceiling < maxBlocks) {
        ceiling = Math.min(maxBlocks, ceiling * 2);
        successesSinceRefusal = 0;
      }
      if (logs > targetLogs * 2) current = clamp(Math.max(1, blocks / 2));
      else if (logs < targetLogs / 2 && blocks >= current) current = clamp(Math.min(ceiling, current * 2));
    },
    onRefused(blocks, suggestedBlocks) {
      if (blocks <= minBlocks) {
        throw new DiprError("INDEXER_RANGE_UNAVAILABLE", `the node refuses eth_getLogs even for ${blocks} block(s)`, { blocks, minBlocks });
      }
      const next = suggestedBlocks !== undefined && suggestedBlocks >= 1 && suggestedBlocks < blocks ? suggestedBlocks : Math.floor(blocks / 2);
      current = clamp(next);
      ceiling = Math.max(minBlocks, Math.min(ceiling, blocks - 1));
      successesSinceRefusal = 0;
    },
  };
}
