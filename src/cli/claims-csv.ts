import { stringify } from "csv-stringify/sync";
import { OUTCOME_DESCRIPTIONS, VERDICT_REASON_DESCRIPTIONS, type VerdictReason } from "../domain/index.js";
import { DiprError } from "../errors.js";
import { isClaimError, type ClaimError, type ClaimToVerify, type Verdict } from "../api-client/index.js";
import { readCsvTable } from "../csv/read-table.js";

/**
 * The examiner's CSV files: claims in (`dipr verify --claims FILE`), verdicts out (`--format csv`).
 *
 * A claims file has a header row naming the API's verify parameters, in any order, and one claim a row:
 *
 *     office,number,filingDate,ipType,claimantOffice,claimantFilingDate,claimantIpType
 *     US,"63/100,001",2023-01-10,patent,EP,2024-01-08,patent
 *
 * Numbers are typed in any format their office uses (quote a number with a comma). Cells are trimmed; empty lines
 * and a UTF-8 byte order mark are skipped. The values themselves are judged by the API, claim by claim.
 */
export const CLAIM_COLUMNS = ["office", "number", "filingDate", "ipType", "claimantOffice", "claimantFilingDate", "claimantIpType"] as const;

/** A claim of a file with the line it ends on (a quoted cell may span lines). */
export type FileClaim = Readonly<{ line: number; claim: Readonly<Record<(typeof CLAIM_COLUMNS)[number], string>> }>;

const fileError = (source: string, problems: readonly { line: number; message: string }[]) =>
  new DiprError("CLAIMS_FILE_INVALID", problems.map((p) => `${source} line ${p.line}: ${p.message}`).join("; "), { source, problems });

/** Parses a claims file; every header problem is reported at once, a malformed row by its line. */
export function parseClaimsCsv(text: string, source = "claims file"): FileClaim[] {
  const { rows, problems } = readCsvTable(text, { columns: CLAIM_COLUMNS, required: CLAIM_COLUMNS, rowsAre: "claims" });
  if (problems.length > 0) throw fileError(source, problems);
  return rows.map(({ line, cells }) => ({ line, claim: cells }));
}

/** A verdict or claim error with the line of its claim in the claims file, when it came from one. */
export type NumberedVerdict = Readonly<{ line?: number; entry: Verdict | ClaimError }>;

/** The columns of `dipr verify --format csv`, one row per claim. */
export const VERDICT_CSV_COLUMNS = [
  "line",
  ...CLAIM_COLUMNS,
  "claimedCanonicalId",
  "outcome",
  "reasons",
  "claimedOfficeStatus",
  "registered",
  "registeredFilingDate",
  "registeredIpType",
  "periodBasis",
  "periodClassification",
  "periodEnd",
  "restorationEnd",
  "errors",
  "outcomeDescription",
  "reasonDescriptions",
] as const;

type VerdictCsvRow = Record<(typeof VERDICT_CSV_COLUMNS)[number], string>;

/** The verdicts as CSV: the claim, the outcome and reason codes, what was compared, and the same in words. */
export function verdictsToCsv(verdicts: readonly NumberedVerdict[]): string {
  const rows = verdicts.map(({ line, entry }): VerdictCsvRow => {
    const claim = (entry.claim ?? {}) as Partial<Record<keyof ClaimToVerify, unknown>>;
    const cell = (value: unknown) => (typeof value === "string" || typeof value === "number" || typeof value === "boolean" ? String(value) : "");
    const claimCells = Object.fromEntries(CLAIM_COLUMNS.map((column) => [column, cell(claim[column])])) as Record<(typeof CLAIM_COLUMNS)[number], string>;
    const empty = Object.fromEntries(VERDICT_CSV_COLUMNS.map((c) => [c, ""])) as VerdictCsvRow;
    if (isClaimError(entry)) {
      return { ...empty, line: cell(line), ...claimCells, errors: entry.errors.map((e) => `${e.target.replace(/^claims\.\d+\./, "")}: ${e.message} (${e.code})`).join("; ") };
    }
    const { compared, period } = entry;
    return {
      ...empty,
      line: cell(line),
      ...claimCells,
      claimedCanonicalId: entry.claimedCanonicalId,
      outcome: entry.outcome,
      reasons: entry.reasons.join(" "),
      claimedOfficeStatus: compared.claimedOfficeStatus,
      registered: String(compared.registered),
      registeredFilingDate: cell(compared.filingDate.registered),
      registeredIpType: cell(compared.ipType.registered),
      periodBasis: period.basis,
      periodClassification: period.classification,
      periodEnd: cell(period.periodEnd),
      restorationEnd: cell(period.restorationEnd),
      outcomeDescription: OUTCOME_DESCRIPTIONS[entry.outcome],
      reasonDescriptions: entry.reasons.map((r) => `${r}: ${VERDICT_REASON_DESCRIPTIONS[r as VerdictReason]}`).join(" "),
    };
  });
  return stringify(rows, { header: true, columns: [...VERDICT_CSV_COLUMNS] });
}
