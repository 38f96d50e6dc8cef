export { APPLICATION_COLUMNS, OPTIONAL_COLUMNS, parseApplicationsCsv, parsePriorityClaims, REQUIRED_COLUMNS } from "./csv.js";
export { readApplicationsFile, type ApplicationsFile } from "./file.js";
export { planImport, REGISTER_MAX_CLAIMS, type ImportPlan, type PlannedApplication } from "./plan.js";
export type { ImportFormat, ImportRow, RowProblem } from "./rows.js";
export { READ_CONCURRENCY, runImport, type ImportBatch, type ImportProgress, type ImportSummary, type RunImportParams } from "./run.js";
export { parseApplicationsSt96, RECORD_ELEMENT } from "./st96-xml.js";
