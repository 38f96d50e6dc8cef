import { readCsvTable } from "../csv/read-table.js";
import type { ClaimInput } from "../office/application-input.js";
import { fileError, type ImportRow } from "./rows.js";

/**
 * The office's CSV of applications (`dipr import FILE.csv`): a header row naming the columns, in any order, and one
 * application a row.
 *
 *     office,number,filingDate,ipType,priorityClaims,parentNumber,parentKind
 *     EP,EP 25 150 123.5,2025-02-27,patent,"US 63/512,345 2024-03-01; JP 特願2024-045678 2024-05-01",,
 *
 * `office`, `number`, `filingDate` (YYYY-MM-DD) and `ipType` (patent, utilityModel, industrialDesign, trademark) are
 * required; `priorityClaims`, `parentNumber` and `parentKind` (divisional, continuation, continuationInPart) may be
 * left out or empty. `priorityClaims` lists the claims separated by `;`, each `OFFICE NUMBER DATE`: the first word is
 * the claimed office, the last the claimed filing date, everything between is the number as typed (spaces allowed).
 * Numbers are typed in any format their office uses (quote a cell with a comma). Cells are trimmed; empty lines and
 * a UTF-8 byte order mark are skipped.
 */
export const REQUIRED_COLUMNS = ["office", "number", "filingDate", "ipType"] as const;
export const OPTIONAL_COLUMNS = ["priorityClaims", "parentNumber", "parentKind"] as const;
export const APPLICATION_COLUMNS = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS] as const;

/**
 * The claims of one `priorityClaims` cell, as typed. An entry missing its number comes back with an empty number,
 * for the domain core to reject with its reason.
 */
export function parsePriorityClaims(cell: string): ClaimInput[] {
  return cell
    .split(";")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      const words = entry.split(/\s+/);
      if (words.length === 1) return { office: words[0]!, number: "", filingDate: "" };
      return { office: words[0]!, number: words.slice(1, -1).join(" "), filingDate: words.at(-1)! };
    });
}

/**
 * Parses a CSV of applications into typed rows; the values are judged later, row by row (see `planImport`).
 * @throws DiprError IMPORT_FILE_INVALID for a malformed CSV or a header with unknown, repeated or missing columns
 *   (every header problem at once), or a row with another number of cells than the header.
 */
export function parseApplicationsCsv(text: string, source = "applications file"): ImportRow[] {
  const { rows, problems } = readCsvTable(text, { columns: APPLICATION_COLUMNS, required: REQUIRED_COLUMNS, rowsAre: "applications" });
  if (problems.length > 0) throw fileError(source, problems);
  return rows.map(({ line, cells }) => {
    const claims = parsePriorityClaims(cells.priorityClaims);
    return {
      line,
      input: {
        office: cells.office,
        number: cells.number,
        filingDate: cells.filingDate,
        ipType: cells.ipType,
        ...(claims.length > 0 && { claims }),
        // A kind without a number (or the reverse) is passed on, so the domain check names the missing half.
        ...((cells.parentNumber !== "" || cells.parentKind !== "") && { parent: { number: cells.parentNumber, kind: cells.parentKind } }),
      },
    };
  });
}
