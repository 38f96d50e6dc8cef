import { stringify } from "csv-stringify/sync";
import { APPLICATION_COLUMNS } from "../../src/import/index.js";

export type GeneratedRowsParams = Readonly<{
  count: number;
  /** US series code of the numbers (two digits); give each file its own to keep numbers apart. */
  series?: number;
  /** First 6-digit serial. */
  firstSerial?: number;
  /**
   * Claims per row: a fixed number, or "mixed": an assumed share, not a statistic (half the rows claim nothing,
   * 35 % one earlier application, 10 % two, 5 % three; 0.7 claims a row on average).
   */
  claims?: number | "mixed";
}>;

/** How many claims row `i` has in a "mixed" file: a fixed, repeating pattern of 20 rows with the shares above. */
export const mixedClaims = (i: number): number => {
  const k = i % 20;
  return k < 10 ? 0 : k < 17 ? 1 : k < 19 ? 2 : 3;
};

/**
 * A CSV of valid US applications typed as the USPTO prints them (`18/123,456`), claiming JP applications typed
 * `特願2024-012345`, filed through 2025; deterministic.
 */
export function applicationRowsCsv({ count, series = 18, firstSerial = 100_000, claims = "mixed" }: GeneratedRowsParams): string {
  const records = Array.from({ length: count }, (_, i) => {
    const serial = String(firstSerial + i).padStart(6, "0");
    const day = 1 + (i % 28);
    const month = 1 + (Math.floor(i / 28) % 12);
    const filingDate = `2025-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
    const n = claims === "mixed" ? mixedClaims(i) : claims;
    const claimCell = Array.from({ length: n }, (_, j) => `JP 特願2024-${String((firstSerial + i) * 4 + j).slice(-6)} 2024-0${1 + j}-10`).join("; ");
    return ["US", `${series}/${serial.slice(0, 3)},${serial.slice(3)}`, filingDate, "patent", claimCell, "", ""];
  });
  return stringify([[...APPLICATION_COLUMNS], ...records]);
}
