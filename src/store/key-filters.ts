import { createLabelFilter, type LabelFilter } from "./label-filter.js";
import type { SublevelName } from "./keys.js";
import type { Sublevels } from "./open-database.js";

/**
 * The sublevels most reads of which miss: family labels while indexing (most numbers are new), and the document and
 * international reference lists of family members (most members have none; a family answer reads both lists of
 * every member). A Bloom filter of each one's keys answers most misses without LevelDB.
 */
const FILTERED = { familyLabels: 1 << 20, documentsByApplication: 1 << 16, internationalReferences: 1 << 16 } as const;

export type FilteredSublevel = keyof typeof FILTERED;
export type KeyFilters = Readonly<Record<FilteredSublevel, LabelFilter>>;

/** The filter in front of `sub`, if it has one. */
export const keyFilterOf = (filters: KeyFilters, sub: SublevelName): LabelFilter | undefined =>
  Object.hasOwn(FILTERED, sub) ? filters[sub as FilteredSublevel] : undefined;

/**
 * Filled from the stored keys once (1.8-2 s per million labels here, read 10,000 keys at a time), then kept in step
 * by every write of a batch or a rollback: a filter may hold keys the store no longer has (a "maybe" is read from
 * LevelDB), never miss one it has.
 */
export async function loadKeyFilters(subs: Sublevels): Promise<KeyFilters> {
  const filters = {} as Record<FilteredSublevel, LabelFilter>;
  for (const [sub, firstCapacity] of Object.entries(FILTERED) as [FilteredSublevel, number][]) {
    const filter = createLabelFilter({ firstCapacity });
    const keys = subs[sub].keys();
    try {
      for (let batch = await keys.nextv(10_000); batch.length > 0; batch = await keys.nextv(10_000)) {
        for (const key of batch) filter.add(key as string);
      }
    } finally {
      await keys.close();
    }
    filters[sub] = filter;
  }
  return filters;
}
