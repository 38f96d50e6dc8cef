// npm run bench:import: `dipr import` of 10,000 generated US applications as a child process against a local
// `hardhat node`, timed from start to exit (process start-up, parsing, checking, the skip check, every batch), then
// the same file again (everything skipped), then 10,000 rows with exactly one claim each, whose gas per application
// is compared with the batch benchmark's like figure (gas.json of this run, else the committed one).
// Writes import.json to the results directory (bench/machine.ts resultsDir). One run on a shared VM: the timings are a sample, not a law; gas is exact.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { applicationRowsCsv, mixedClaims } from "../test/support/application-rows.js";
import { startHardhatNode } from "../test/support/hardhat-node.js";
import { runDipr } from "../test/support/node-process.js";
import { setUpRegisterChain } from "../test/support/register-chain.js";
import { readResults, withSteal, writeResults } from "./machine.js";

const ROWS = Number(process.env.DIPR_BENCH_IMPORT_ROWS ?? 10_000);
const TARGET_RATIO = 1.05;

type Summary = { rows: number; registered: number; skipped: number; transactions: number; gasUsed: number; gasPerApplication: number | null; rejected: unknown[] };

const say = (text: string) => process.stderr.write(`${text}\n`);
const gasBench = readResults("gas") as { results: Record<string, number> };

const node = await startHardhatNode();
const chain = await setUpRegisterChain(node.url);
const dir = mkdtempSync(join(tmpdir(), "dipr-bench-import-"));
try {
  const args = (file: string) => ["import", file, "--rpc", node.url, "--register", chain.deployment.address, "--account", "2", "--yes", "--json"];

  async function timedImport(file: string): Promise<Summary & { seconds: number; stealPercent: number }> {
    return withSteal(async () => {
      const t0 = performance.now();
      const run = await runDipr(args(file), {});
      const seconds = (performance.now() - t0) / 1000;
      if (run.code !== 0) throw new Error(`dipr import exited ${run.code}: ${run.stderr}`);
      return { ...(JSON.parse(run.stdout) as Summary), seconds };
    });
  }

  const mixedFile = join(dir, "mixed.csv");
  writeFileSync(mixedFile, applicationRowsCsv({ count: ROWS, series: 18 }));
  const claimsMixed = Array.from({ length: ROWS }, (_, i) => mixedClaims(i)).reduce((a, b) => a + b, 0);
  say(`importing ${ROWS} rows (${claimsMixed} claims)…`);
  const mixed = await timedImport(mixedFile);
  say(`  ${mixed.registered} registered in ${mixed.transactions} transactions, ${mixed.seconds.toFixed(1)} s`);
  say("importing the same file again…");
  const again = await timedImport(mixedFile);
  say(`  ${again.skipped} skipped, ${again.seconds.toFixed(1)} s`);

  const oneClaimFile = join(dir, "one-claim.csv");
  writeFileSync(oneClaimFile, applicationRowsCsv({ count: ROWS, series: 17, claims: 1 }));
  say(`importing ${ROWS} rows with one claim each…`);
  const oneClaim = await timedImport(oneClaimFile);
  say(`  ${oneClaim.registered} registered in ${oneClaim.transactions} transactions, ${oneClaim.seconds.toFixed(1)} s`);

  const batchFigure = gasBench.results.batch100PerApp1Claim!;
  const perApp1Claim = oneClaim.gasUsed / oneClaim.registered;
  // The batch benchmark measured 1 and 3 claims an application; gas grows by the same amount per claim (an event
  // and 64 bytes of calldata each), so the line through the two gives the like figure for the mixed file's average.
  const perClaim = (gasBench.results.batch100PerApp3Claims! - batchFigure) / 2;
  const claimsPerApp = claimsMixed / ROWS;
  const batchFigureMixed = batchFigure + perClaim * (claimsPerApp - 1);
  const perAppMixed = mixed.gasUsed / mixed.registered;
  const results = {
    rows: ROWS,
    claims: claimsMixed,
    claimsPerApplication: claimsPerApp,
    claimShare: "half the rows no claim, 35 % one, 10 % two, 5 % three (an assumed mix)",
    rowsPerSecond: Math.round(ROWS / mixed.seconds),
    seconds: Math.round(mixed.seconds * 10) / 10,
    secondsIncludeProcessStart: true,
    transactions: mixed.transactions,
    gasUsed: mixed.gasUsed,
    gasPerApplication: Math.round(perAppMixed),
    stealPercent: mixed.stealPercent,
    rerun: { skipped: again.skipped, registered: again.registered, transactions: again.transactions, seconds: Math.round(again.seconds * 10) / 10, rowsPerSecond: Math.round(ROWS / again.seconds) },
    oneClaimEach: {
      rows: ROWS,
      rowsPerSecond: Math.round(ROWS / oneClaim.seconds),
      transactions: oneClaim.transactions,
      gasPerApplication: Math.round(perApp1Claim),
      batchBenchmarkPerApplication: batchFigure,
      ratio: Math.round((perApp1Claim / batchFigure) * 1000) / 1000,
      comparison: "like with like: one claim an application here and in bench:gas's batch100PerApp1Claim (batches of 100 there, of 250 here)",
    },
    mixedAgainstBatchLine: {
      batchBenchmarkEstimate: Math.round(batchFigureMixed),
      ratio: Math.round((perAppMixed / batchFigureMixed) * 1000) / 1000,
      comparison: "the batch benchmark's line through 1 and 3 claims an application, at this file's average claims",
    },
    target: `gas per application within ${TARGET_RATIO}x of the batch benchmark's figure for the same claims per application`,
    targetMet: perApp1Claim / batchFigure <= TARGET_RATIO,
  };
  const path = writeResults("import", results);
  say(JSON.stringify(results, null, 2));
  say(`wrote ${path}`);
} finally {
  chain.close();
  await node.stop();
  rmSync(dir, { recursive: true, force: true });
}
