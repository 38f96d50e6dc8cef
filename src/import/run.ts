import type { BatchOutcome, RegisterClient } from "../chain/register-client.js";
import type { Hex } from "../chain/register-contract.js";
import { DiprError } from "../errors.js";
import type { ImportPlan, PlannedApplication } from "./plan.js";
import type { RowProblem } from "./rows.js";

/** How many `getApplication` reads are in flight at once; ethers sends them as JSON-RPC batches of 100. */
export const READ_CONCURRENCY = 400;

/** One transaction of an import. */
export type ImportBatch = Readonly<{ index: number; applications: number; transactionHash: Hex; blockNumber: number; gasUsed: number }>;

export type ImportSummary = Readonly<{
  office: string | undefined;
  /** Rows (records) in the file. */
  rows: number;
  /** Applications registered by this run. */
  registered: number;
  /** Rows already on the register (by id), not sent again: an earlier run, or an interrupted one, wrote them. */
  skipped: number;
  batches: readonly ImportBatch[];
  /** Gas of all the batches together. */
  gasUsed: number;
  /** Rejected rows: before anything was sent (every check), or those of the batch the register refused. */
  rejected: readonly RowProblem[];
  /** Rows not sent because an earlier batch was refused (a re-run sends them). */
  unsent: number;
  /** The refusal that stopped the import, when one did (CHAIN_REVERTED, CHAIN_UNAVAILABLE). */
  failure?: DiprError;
}>;

export type ImportProgress = Readonly<{ done: number; total: number; outcome: BatchOutcome }>;

export type RunImportParams = Readonly<{
  client: RegisterClient;
  plan: ImportPlan;
  /** Before sending: how many are on the register already and how many will be sent. */
  onStart?: (counts: { skipped: number; toSend: number }) => void;
  /** After each transaction. */
  onProgress?: (progress: ImportProgress) => void;
  /** Test and benchmark hook: the gas budget of one transaction (see registerInBatches). */
  gasBudget?: number;
}>;

const EMPTY_OFFICE = "0x0000";

/** Whether each application id is on the register: `getApplication` reads, many at a time. */
async function registeredIds(client: RegisterClient, ids: readonly string[]): Promise<boolean[]> {
  const read = client.register.getFunction("getApplication");
  const found: boolean[] = [];
  for (let i = 0; i < ids.length; i += READ_CONCURRENCY) {
    const chunk = ids.slice(i, i + READ_CONCURRENCY);
    const records = await Promise.all(chunk.map(async (id) => (await read(id)) as { office: string }));
    found.push(...records.map((record) => record.office !== EMPTY_OFFICE));
  }
  return found;
}

/**
 * Sends a checked file to the register: parents outside the file must be registered (else every row naming one is
 * rejected and nothing is sent); rows already on the register are skipped; the rest go in batches that fit a
 * transaction, in file order, stopping at the first batch the register refuses. Each batch is all-or-nothing on
 * chain, so an interrupted or stopped import is finished by running it again.
 *
 * Chain calls: `getApplication` for each row and outside parent (JSON-RPC batches), then `registerInBatches`.
 */
export async function runImport({ client, plan, onStart, onProgress, gasBudget }: RunImportParams): Promise<ImportSummary> {
  const base = { office: plan.office, rows: plan.rows, registered: 0, skipped: 0, batches: [], gasUsed: 0, rejected: [], unsent: 0 };
  if (plan.office === undefined || plan.applications.length === 0) return base;
  const office = plan.office;

  const parents = [...plan.externalParents.keys()];
  const parentFound = await registeredIds(client, parents);
  const missing: RowProblem[] = parents
    .filter((_, i) => !parentFound[i])
    .flatMap((id) =>
      plan.externalParents.get(id)!.map((line) => ({
        line,
        field: "parent.number",
        code: "IMPORT_PARENT_UNKNOWN",
        message: `parent.number: the parent is not on the register, nor on an earlier row of the file`,
      })),
    )
    .sort((a, b) => a.line - b.line);
  if (missing.length > 0) return { ...base, rejected: missing };

  const found = await registeredIds(
    client,
    plan.applications.map((a) => a.resolved.applicationId),
  );
  const toSend: PlannedApplication[] = plan.applications.filter((_, i) => !found[i]);
  const skipped = plan.applications.length - toSend.length;
  onStart?.({ skipped, toSend: toSend.length });
  if (toSend.length === 0) return { ...base, skipped };

  const lineOf = new Map(toSend.map((a) => [a.resolved.spec.number, a.line]));
  const batches: ImportBatch[] = [];
  const rejected: RowProblem[] = [];
  let failure: DiprError | undefined;
  let done = 0;
  await client.registerInBatches(
    office,
    toSend.map((a) => a.resolved.spec),
    {
      stopOnRejection: true,
      ...(gasBudget !== undefined && { gasBudget }),
      onBatch(outcome) {
        done += outcome.numbers.length;
        if (outcome.status === "registered") {
          batches.push({
            index: batches.length + 1,
            applications: outcome.numbers.length,
            transactionHash: outcome.transactionHash,
            blockNumber: outcome.blockNumber,
            gasUsed: outcome.gasUsed,
          });
        } else {
          failure = outcome.error;
          for (const number of outcome.numbers) rejected.push({ line: lineOf.get(number)!, code: outcome.error.code, message: outcome.error.message });
        }
        onProgress?.({ done, total: toSend.length, outcome });
      },
    },
  );
  const registered = batches.reduce((sum, b) => sum + b.applications, 0);
  return {
    ...base,
    registered,
    skipped,
    batches,
    gasUsed: batches.reduce((sum, b) => sum + b.gasUsed, 0),
    rejected,
    unsent: toSend.length - registered - rejected.length,
    ...(failure !== undefined && { failure }),
  };
}
