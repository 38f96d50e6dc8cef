import { CsvError, parse } from "csv-parse/sync";
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
type Column = (typeof APPLICATION_COLUMNS)[number];

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
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    // relax_column_count: a short or long row is reported below with its line, not as a parse failure.
    rows = parse(text, { bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: true }) as unknown as typeof rows;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = (error as CsvError & { lines?: number }).lines ?? 0;
      throw fileError(source, [{ line, message: `not a well-formed CSV row: ${error.message}` }]);
    }
    throw error;
  }
  const [header, ...body] = rows;
  if (!header) throw fileError(source, [{ line: 1, message: `empty; the first row is the header ${APPLICATION_COLUMNS.join(",")}` }]);
  const names = header.record;
  const line = header.info.lines;
  const problems: { line: number; message: string }[] = [];
  for (const name of names) {
    if (!(APPLICATION_COLUMNS as readonly string[]).includes(name)) problems.push({ line, message: `unknown column "${name}" (the columns are ${APPLICATION_COLUMNS.join(",")})` });
  }
  for (const [i, name] of names.entries()) if (names.indexOf(name) !== i) problems.push({ line, message: `column "${name}" appears twice` });
  for (const column of REQUIRED_COLUMNS) if (!names.includes(column)) problems.push({ line, message: `missing column "${column}"` });
  for (const row of body) {
    if (row.record.length !== names.length) problems.push({ line: row.info.lines, message: `${row.record.length} cells where the header has ${names.length}` });
  }
  if (problems.length > 0) throw fileError(source, problems);
  if (body.length === 0) throw fileError(source, [{ line, message: "a header but no applications" }]);
  const at = Object.fromEntries(APPLICATION_COLUMNS.map((column) => [column, names.indexOf(column)])) as Record<Column, number>;
  const cell = (record: string[], column: Column) => (at[column] < 0 ? "" : record[at[column]]!);
  return body.map(({ record, info }) => {
    const claims = parsePriorityClaims(cell(record, "priorityClaims"));
    const parentNumber = cell(record, "parentNumber");
    const parentKind = cell(record, "parentKind");
    return {
      line: info.lines,
      input: {
        office: cell(record, "office"),
        number: cell(record, "number"),
        filingDate: cell(record, "filingDate"),
        ipType: cell(record, "ipType"),
        ...(claims.length > 0 && { claims }),
        // A kind without a number (or the reverse) is passed on, so the domain check names the missing half.
        ...((parentNumber !== "" || parentKind !== "") && { parent: { number: parentNumber, kind: parentKind } }),
      },
    };
  });
}
