import { readFileSync } from "node:fs";
import { extname } from "node:path";
import { DiprError } from "../errors.js";
import { parseApplicationsCsv } from "./csv.js";
import type { ImportFormat, ImportRow } from "./rows.js";
import { parseApplicationsSt96 } from "./st96-xml.js";

export type ApplicationsFile = Readonly<{ path: string; format: ImportFormat; rows: readonly ImportRow[] }>;

/**
 * Reads and parses a file of applications: ST.96 XML for a `.xml` name or `format: "st96"`, else CSV.
 * @throws DiprError IMPORT_FILE_INVALID (unreadable, or not the documented format)
 */
export function readApplicationsFile(path: string, format?: ImportFormat): ApplicationsFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new DiprError("IMPORT_FILE_INVALID", `cannot read ${path}: ${(error as Error).message}`, { path }, { cause: error });
  }
  const chosen = format ?? (extname(path).toLowerCase() === ".xml" ? "st96" : "csv");
  return { path, format: chosen, rows: chosen === "st96" ? parseApplicationsSt96(text, path) : parseApplicationsCsv(text, path) };
}
