import { DiprError, isDiprError } from "../errors.js";
import { resolveApplication, type ResolvedApplication } from "../office/application-input.js";
import type { ImportRow, RowProblem } from "./rows.js";

/** The register's `MAX_CLAIMS`: claims one application may carry when it is registered. */
export const REGISTER_MAX_CLAIMS = 64;

/** A row that passed every check, in canonical form, ready to send. */
export type PlannedApplication = Readonly<{ line: number; resolved: ResolvedApplication }>;

export type ImportPlan = Readonly<{
  /** Rows (records) in the file. */
  rows: number;
  /** The one office every row registers for: the office of the first valid row. */
  office: string | undefined;
  applications: readonly PlannedApplication[];
  /** Every rejected row, in file order (a row may have several problems, one per failed check). */
  problems: readonly RowProblem[];
  /**
   * Parents named by rows but not in the file, by parent application id, with the lines naming them: they must be
   * on the register already (checked against the chain before anything is sent).
   */
  externalParents: ReadonlyMap<string, readonly number[]>;
}>;

const problemOf = (line: number, error: DiprError): RowProblem => ({
  line,
  ...(typeof error.details.field === "string" && { field: error.details.field }),
  code: error.code,
  message: error.message,
});

/**
 * Checks every row of a file with the domain core (`resolveApplication`) and with the rules the register would
 * otherwise refuse a whole batch for: one office per file, no application twice, at most 64 claims, each claim of an
 * earlier date, distinct and not of the application itself, a parent on an earlier row or (checked later) on the
 * register. Pure: nothing is read from the chain.
 */
export function planImport(rows: readonly ImportRow[]): ImportPlan {
  const problems: RowProblem[] = [];
  let applications: PlannedApplication[] = [];
  const pendingParents: { line: number; parentId: string }[] = [];
  const lineOfId = new Map<string, number>();
  const externalParents = new Map<string, number[]>();
  let office: string | undefined;
  let officeLine = 0;
  for (const { line, input } of rows) {
    let resolved: ResolvedApplication;
    try {
      resolved = resolveApplication(input);
    } catch (error) {
      if (!isDiprError(error)) throw error;
      problems.push(problemOf(line, error));
      continue;
    }
    const rowProblems = checkRow(resolved, line);
    if (office === undefined) {
      office = resolved.office;
      officeLine = line;
    } else if (resolved.office !== office) {
      rowProblems.push({
        line,
        field: "office",
        code: "IMPORT_OFFICE_MIXED",
        message: `office: this row registers for ${resolved.office}, the file for ${office} (line ${officeLine}); import one office's applications per file`,
      });
    }
    const earlier = lineOfId.get(resolved.applicationId);
    if (earlier !== undefined) {
      rowProblems.push({ line, field: "number", code: "IMPORT_DUPLICATE_ROW", message: `number: ${resolved.canonicalId} is on line ${earlier} already` });
    }
    const parent = resolved.spec.parent;
    if (parent !== undefined && !lineOfId.has(parent.id)) pendingParents.push({ line, parentId: parent.id });
    if (earlier === undefined) lineOfId.set(resolved.applicationId, line);
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else applications.push({ line, resolved });
  }
  // A parent not on an earlier row is either on a later one, which is not registered when its child is (the
  // register would refuse the batch), or must be on the register already.
  const laterParent = new Set<number>();
  for (const { line, parentId } of pendingParents) {
    const parentLine = lineOfId.get(parentId);
    if (parentLine !== undefined) {
      laterParent.add(line);
      problems.push({ line, field: "parent.number", code: "IMPORT_PARENT_UNKNOWN", message: `parent.number: the parent is on a later row (line ${parentLine}); put the parent first` });
    } else {
      externalParents.set(parentId, [...(externalParents.get(parentId) ?? []), line]);
    }
  }
  if (laterParent.size > 0) {
    problems.sort((a, b) => a.line - b.line);
    applications = applications.filter((application) => !laterParent.has(application.line));
  }
  return { rows: rows.length, office, applications, problems, externalParents };
}

/** The register's claim rules for one application (DiprRegisterClaimNotEarlier, …DuplicateClaim, …SelfClaim, …TooManyClaims). */
function checkRow(resolved: ResolvedApplication, line: number): RowProblem[] {
  const problems: RowProblem[] = [];
  const claims = resolved.spec.claims ?? [];
  if (claims.length > REGISTER_MAX_CLAIMS) {
    problems.push({ line, field: "claims", code: "IMPORT_TOO_MANY_CLAIMS", message: `claims: ${claims.length} priority claims; the register takes at most ${REGISTER_MAX_CLAIMS} per application` });
  }
  const seen = new Map<string, number>();
  for (const [i, claim] of claims.entries()) {
    const id = `${claim.office}:${claim.number}`;
    if (id === resolved.canonicalId) {
      problems.push({ line, field: `claims.${i}`, code: "SELF_PRIORITY", message: `claims.${i}: ${id} cannot claim its own priority` });
    } else if (claim.filingDate >= resolved.spec.filingDate) {
      // ISO dates compare as text.
      problems.push({
        line,
        field: `claims.${i}.filingDate`,
        code: "IMPORT_CLAIM_NOT_EARLIER",
        message: `claims.${i}.filingDate: the claimed ${id} of ${claim.filingDate} is not earlier than the filing date ${resolved.spec.filingDate}`,
      });
    }
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({ line, field: `claims.${i}`, code: "IMPORT_DUPLICATE_CLAIM", message: `claims.${i}: ${id} is claimed by claims.${first} already` });
    } else {
      seen.set(id, i);
    }
  }
  return problems;
}
