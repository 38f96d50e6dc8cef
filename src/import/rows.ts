import type { ApplicationInput } from "../office/application-input.js";
import { DiprError, type DiprErrorCode } from "../errors.js";

/** One application of a file, as typed, with the line its record ends on (a quoted CSV cell may span lines; an XML record is at its opening tag). */
export type ImportRow = Readonly<{ line: number; input: ApplicationInput }>;

/** Why one row of a file was rejected: its line, the input field, the domain code and the reason in words. */
export type RowProblem = Readonly<{ line: number; field?: string; code: DiprErrorCode | string; message: string }>;

/** The file's format: chosen by the file name's extension (.csv, .xml), or given. */
export type ImportFormat = "csv" | "st96";

/** A file that cannot be read as the documented format at all (as opposed to rows with bad values). */
export const fileError = (source: string, problems: readonly { line: number; message: string }[]) =>
  new DiprError("IMPORT_FILE_INVALID", problems.map((p) => `${source} line ${p.line}: ${p.message}`).join("; "), { source, problems });
