import type { ImportSummary, RowProblem } from "../import/index.js";
import { printJson, printLine } from "./print.js";

/** A rejected row in words: `FILE line N: reason (CODE)`. */
export const problemLine = (source: string, problem: RowProblem): string => `${source} line ${problem.line}: ${problem.message} (${problem.code})`;

/** The import's summary as JSON: what `dipr import --json` prints, whether it succeeded or not. */
export function summaryJson(file: string, summary: ImportSummary): Record<string, unknown> {
  return {
    file,
    office: summary.office ?? null,
    rows: summary.rows,
    registered: summary.registered,
    skipped: summary.skipped,
    unsent: summary.unsent,
    transactions: summary.batches.length,
    gasUsed: summary.gasUsed,
    gasPerApplication: summary.registered > 0 ? Math.round(summary.gasUsed / summary.registered) : null,
    batches: summary.batches,
    rejected: summary.rejected,
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;

/** Prints the result: JSON on stdout, or the rejected rows on stderr and a summary in words on stdout. */
export function printImportSummary(file: string, summary: ImportSummary, isJson: boolean): void {
  if (isJson) {
    printJson(summaryJson(file, summary));
    return;
  }
  if (summary.failure === undefined) {
    // Rows rejected before anything was sent, each for its own reason.
    for (const problem of summary.rejected) process.stderr.write(`${problemLine(file, problem)}\n`);
    if (summary.rejected.length > 0) return;
  }
  const office = summary.office ?? "";
  const parts = [`${plural(summary.registered, "application")} registered in ${plural(summary.batches.length, "transaction")}`];
  if (summary.registered > 0) parts.push(`gas ${summary.gasUsed.toLocaleString("en-US")} (${Math.round(summary.gasUsed / summary.registered).toLocaleString("en-US")} per application)`);
  parts.push(`${plural(summary.skipped, "row")} skipped (on the register already)`);
  // A refused batch: its rows share the one reason the CLI prints as its error line.
  if (summary.failure !== undefined) parts.push(`${plural(summary.rejected.length, "row")} refused (lines ${summary.rejected[0]?.line}–${summary.rejected.at(-1)?.line})`);
  if (summary.unsent > 0) parts.push(`${plural(summary.unsent, "row")} not sent (run the import again)`);
  printLine(`${file}: ${plural(summary.rows, "row")} of ${office}; ${parts.join("; ")}`);
  for (const batch of summary.batches) {
    printLine(`  transaction ${batch.transactionHash}  block ${batch.blockNumber}  ${plural(batch.applications, "application")}  gas ${batch.gasUsed.toLocaleString("en-US")}`);
  }
}
