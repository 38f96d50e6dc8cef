import { BloomFilter } from "bloomfilter";

/**
 * The canonical ids that may have a family label: a Bloom filter in front of the `familyLabels` sublevel. Most
 * label reads while indexing are of numbers seen for the first time, so they miss; a LevelDB miss costs 10–20 µs
 * here, the filter's answer well under one. It only ever says "maybe" for a key that was added, so it may hold
 * more than the store (a label removed by a split or a reorg stays in it): a "maybe" is then read from LevelDB.
 *
 * It grows by adding a filter of twice the capacity when the newest is full (a scalable Bloom filter), so it
 * needs no size up front; about 1.2 MB per million labels at a 1 % false-positive rate each.
 */
export type LabelFilter = Readonly<{
  add(canonicalId: string): void;
  mightContain(canonicalId: string): boolean;
}>;

const FIRST_CAPACITY = 1 << 20;
const FALSE_POSITIVE_RATE = 0.01;

export function createLabelFilter({ firstCapacity = FIRST_CAPACITY }: { firstCapacity?: number } = {}): LabelFilter {
  const filters: { filter: BloomFilter; capacity: number; count: number }[] = [];
  const grow = () => {
    const capacity = filters.length === 0 ? firstCapacity : 2 * filters.at(-1)!.capacity;
    filters.push({ filter: BloomFilter.withTargetError(capacity, FALSE_POSITIVE_RATE), capacity, count: 0 });
  };
  grow();
  return {
    add(canonicalId) {
      let newest = filters.at(-1)!;
      if (newest.count >= newest.capacity) {
        grow();
        newest = filters.at(-1)!;
      }
      newest.filter.add(canonicalId);
      newest.count++;
    },
    mightContain(canonicalId) {
      for (const { filter } of filters) if (filter.test(canonicalId)) return true;
      return false;
    },
  };
}
