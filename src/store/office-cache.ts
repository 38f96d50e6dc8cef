import type { OfficeRecord } from "./types.js";

export type OfficeCache = Readonly<{
  /** The office's record as the store holds it (undefined: not admitted), read from LevelDB once. */
  get(office: string): OfficeRecord | undefined;
  /** Forgets every record: call after anything is written to the offices sublevel. */
  invalidate(): void;
}>;

/**
 * The offices' records in memory. There are a few hundred at most and they change rarely (admission, suspension,
 * reinstatement, key resets), while verifying a claim reads the claimed office's status on every request: a map
 * lookup instead of a LevelDB read and a JSON parse. Offices not admitted are remembered too (a claim may name any
 * ST.3 code).
 */
export function createOfficeCache(read: (office: string) => OfficeRecord | undefined): OfficeCache {
  const records = new Map<string, OfficeRecord | undefined>();
  return {
    get(office) {
      if (records.has(office)) return records.get(office);
      const record = read(office);
      records.set(office, record);
      return record;
    },
    invalidate: () => records.clear(),
  };
}
