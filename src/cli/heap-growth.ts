import { getHeapStatistics, setFlagsFromString } from "node:v8";

/**
 * V8 schedules a major collection once the old space outgrows its live size by a factor its heap controller picks,
 * smaller the smaller the heap's limit: 1.3 under `dipr node`'s 128 MiB cap (`--trace-gc-verbose` prints it), up to
 * 4 uncapped. That is a mark-compact every ~9 MiB of promoted objects, and an HTTP server promotes several KiB per
 * request (a bare express route as much as the API's): a served API ran 12 major collections in 3 s of verify
 * where it runs 5 with a growth of 100 %, and its p99 paid for them (bench/api-ab.ts). While catching up the tight
 * factor is what keeps the process inside its memory budget (a growth of 50 or 100 % raised the 1,000,000-application
 * peak from 325 to 369-371 MiB), so the wider growth is set only while the node follows the head, and taken back
 * when it falls behind.
 */
const SMALL_HEAP_LIMIT = 2 * 2 ** 30;

export type HeapGrowth = Readonly<{
  /** The growth in percent applied while following, or 0 where V8's own choice stays (no cap, or turned off). */
  percentWhileFollowing: number;
  /** Called when the indexer starts or stops following the head. */
  following(isFollowing: boolean): void;
}>;

export function createHeapGrowth(
  percent: number,
  v8 = { heapSizeLimit: () => getHeapStatistics().heap_size_limit, setFlags: setFlagsFromString },
): HeapGrowth {
  // With a limit of 2 GiB or more V8's own factor is already 2 or more.
  const percentWhileFollowing = percent > 0 && v8.heapSizeLimit() < SMALL_HEAP_LIMIT ? percent : 0;
  let current: boolean | undefined;
  return {
    percentWhileFollowing,
    following(isFollowing) {
      if (percentWhileFollowing === 0 || isFollowing === current) return;
      current = isFollowing;
      // V8 reads the flag each time it sets the next limit; 0 gives the choice back to V8.
      v8.setFlags(`--heap-growing-percent=${isFollowing ? percentWhileFollowing : 0}`);
    },
  };
}
