import { CsvError, parse } from "csv-parse/sync";

/** A problem of a file, by the line it is on. */
export type LineProblem = Readonly<{ line: number; message: string }>;

/** One row of a CSV table: its cells by column name (an optional column the file leaves out is ""). */
export type TableRow<C extends string> = Readonly<{ line: number; cells: Readonly<Record<C, string>> }>;

export type ReadTableParams<C extends string> = Readonly<{
  /** Every column the file may have, in the order error messages list them. */
  columns: readonly C[];
  /** The columns the file must have. */
  required: readonly C[];
  /** What the rows are ("claims", "applications"), for "a header but no …". */
  rowsAre: string;
}>;

/**
 * Reads a CSV whose first row names its columns, in any order: the shape every CSV dipr reads has. Cells are
 * trimmed; empty lines and a UTF-8 byte order mark are skipped. Returns the rows with the line each ends on (a
 * quoted cell may span lines), or every problem of the header and the rows' cell counts at once; the values
 * themselves are for the caller to judge.
 */
export function readCsvTable<C extends string>(text: string, p: ReadTableParams<C>): { rows: TableRow<C>[]; problems: LineProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // relax_column_count: a short or long row is reported below with its line, not as a parse failure.
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, info: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { rows: [], problems: [{ line: (error as CsvError & { lines?: number }).lines ?? 0, message: `not a well-formed CSV row: ${error.message}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { rows: [], problems: [{ line: 1, message: `empty; the first row is the header ${p.columns.join(",")}` }] };
  const names = header.record;
  const line = header.info.lines;
  const problems: LineProblem[] = [];
  for (const name of names) {
    if (!(p.columns as readonly string[]).includes(name)) problems.push({ line, message: `unknown column "${name}" (the columns are ${p.columns.join(",")})` });
  }
  for (const [i, name] of names.entries()) if (names.indexOf(name) !== i) problems.push({ line, message: `column "${name}" appears twice` });
  for (const column of p.required) if (!names.includes(column)) problems.push({ line, message: `missing column "${column}"` });
  for (const row of body) {
    if (row.record.length !== names.length) problems.push({ line: row.info.lines, message: `${row.record.length} cells where the header has ${names.length}` });
  }
  if (problems.length === 0 && body.length === 0) problems.push({ line, message: `a header but no ${p.rowsAre}` });
  if (problems.length > 0) return { rows: [], problems };
  const at = (column: C) => names.indexOf(column);
  return {
    rows: body.map(({ record, info }) => ({
      line: info.lines,
      cells: Object.fromEntries(p.columns.map((column) => [column, at(column) < 0 ? "" : record[at(column)]!])) as Record<C, string>,
    })),
    problems: [],
  };
}
