import type { Command } from "commander";
import { DiprError } from "../../errors.js";
import { planImport, readApplicationsFile, runImport, type ImportFormat, type ImportSummary } from "../../import/index.js";
import { printImportSummary } from "../import-output.js";
import { createImportProgress } from "../import-progress.js";
import { openWriter, withWriteFlags, type WriteOptions } from "../write-context.js";

type ImportOptions = WriteOptions & { format?: string };

const FORMATS: Readonly<Record<string, ImportFormat>> = { csv: "csv", xml: "st96", st96: "st96" };

/** The error an import ends with: the refusal that stopped it, or the rejected rows. */
function failureOf(summary: ImportSummary): DiprError | undefined {
  if (summary.failure) return summary.failure;
  if (summary.rejected.length === 0) return undefined;
  return new DiprError("IMPORT_ROWS_REJECTED", `${summary.rejected.length} of ${summary.rows} rows rejected; nothing was sent`, { rejected: summary.rejected.length });
}

/** `dipr import FILE`: an office signer's bulk registration. */
export const addImportCommands = (program: Command): void => {
  withWriteFlags(
    program
      .command("import")
      .description("register an office's applications from a CSV or ST.96 XML file: every row checked before anything is sent, then batches that fit a transaction; rows on the register already are skipped, so running it again finishes an interrupted import")
      .argument("<file>", "the file: .xml is ST.96 XML, anything else CSV (see README: importing applications)")
      .option("--format <format>", "csv or xml, whatever the file name says"),
  ).action(async (file: string, options: ImportOptions) => {
    const format = options.format === undefined ? undefined : FORMATS[options.format];
    if (options.format !== undefined && format === undefined) throw new DiprError("CLI_USAGE", `--format must be csv or xml, got ${JSON.stringify(options.format)}`);
    const isJson = options.json === true;
    const plan = planImport(readApplicationsFile(file, format).rows);
    const nothingSent: ImportSummary = { office: plan.office, rows: plan.rows, registered: 0, skipped: 0, batches: [], gasUsed: 0, rejected: plan.problems, unsent: 0 };
    if (plan.problems.length > 0) {
      printImportSummary(file, nothingSent, isJson);
      throw failureOf(nothingSent)!;
    }
    const writer = await openWriter(options, `${plan.office} signer`);
    const progress = createImportProgress(process.stderr.isTTY === true && !isJson, isJson ? () => {} : undefined);
    try {
      const summary = await runImport({ client: writer.client, plan, onStart: ({ toSend }) => progress.start(toSend), onProgress: (p) => progress.update(p) });
      progress.stop();
      printImportSummary(file, summary, isJson);
      const failure = failureOf(summary);
      if (failure) throw failure;
    } finally {
      progress.stop();
      writer.close();
    }
  });
};
