// Interleaved A/B of the API server (npm run bench:api-ab; size by DIPR_BENCH_APPS, default 100,000): one server
// per variant on the same synthetic register, A as `dipr node` runs, B (and C, ...) with the environment given in
// DIPR_BENCH_VARIANT_ENV (a JSON object, or an array of them), e.g. '{"DIPR_NODE_HEAP_GROWTH_PERCENT":"0"}'. Each
// round measures every variant in turn (the order alternating), each against the bare express route of its own
// process, so drift of this shared machine falls on all variants alike. Writes api-ab.json (other sizes
// api-ab-<size>.json) to the results directory.
import Table from "cli-table3";
import { buildDist, startBenchServer, type BenchServer, type Measure } from "./api-bench-server.js";
import { benchScale, median, variantEnvs, withSteal, writeResults } from "./machine.js";

const apps = Number(process.env.DIPR_BENCH_APPS ?? 100_000);
const DURATION_S = Number(process.env.DIPR_BENCH_SECONDS ?? 3);
const ROUNDS = Number(process.env.DIPR_BENCH_ROUNDS ?? (benchScale() === "full" ? 8 : 4));
const envs: Record<string, string>[] = [{}, ...(variantEnvs() ?? [])];
if (envs.length < 2) {
  process.stderr.write(`bench:api-ab: DIPR_BENCH_VARIANT_ENV names no variant to compare with, e.g. DIPR_BENCH_VARIANT_ENV='{"DIPR_NODE_HEAP_GROWTH_PERCENT":"0"}'\n`);
  process.exit(2);
}

buildDist();
const variants: { label: string; env: Record<string, string>; server: BenchServer }[] = [];
try {
  for (const [k, env] of envs.entries()) {
    const label = String.fromCharCode(65 + k);
    process.stderr.write(`variant ${label} ${JSON.stringify(env)}: loading ${apps} applications into a LevelDB store...\n`);
    variants.push({ label, env, server: await startBenchServer(apps, env) });
  }
  type Round = Record<"baseline10" | "verify10" | "family10", Measure>;
  const rounds: Record<string, Round[]> = Object.fromEntries(variants.map((v) => [v.label, []]));
  const steal: number[] = [];
  for (const { server } of variants) await server.measure("warm-up", server.ready.samples, 10, DURATION_S).catch(() => undefined);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 === 0 ? variants : [...variants].reverse();
    const { stealPercent } = await withSteal(async () => {
      for (const { label, server } of order) {
        const round: Round = {
          baseline10: await server.measure("baseline, 10 connections", ["/baseline"], 10, DURATION_S, server.baselineUrl),
          verify10: await server.measure("verify, 10 connections", server.ready.samples, 10, DURATION_S),
          family10: await server.measure("family, 10 connections", [server.ready.family], 10, DURATION_S),
        };
        rounds[label]!.push(round);
        process.stderr.write(`round ${r + 1}/${ROUNDS} ${label}: ${JSON.stringify(Object.fromEntries(Object.entries(round).map(([k, m]) => [k, { p99: m.p99, reqPerSec: Math.round(m.reqPerSec), majorGcs: m.majorGcs }])))}\n`);
      }
    });
    steal.push(stealPercent);
  }
  const ratio = (xs: number[]) => Math.round(median(xs) * 100) / 100;
  const summary = variants.map(({ label, env, server }) => {
    const own = rounds[label]!;
    // autocannon gives whole milliseconds: a round whose bare route shows 0 ms is left out of the ratios.
    const timed = own.filter((round) => round.baseline10.p99 > 0);
    return {
      variant: label,
      env,
      serverExecArgv: server.execArgv,
      serverHeapGrowthPercent: server.ready.heapGrowthPercent,
      verifyP99Ratio: ratio(timed.map((round) => round.verify10.p99 / round.baseline10.p99)),
      familyP99Ratio: ratio(timed.map((round) => round.family10.p99 / round.baseline10.p99)),
      verifyToBaselineRatio: ratio(own.map((round) => round.verify10.reqPerSec / round.baseline10.reqPerSec)),
      verifyP99Ms: median(own.map((round) => round.verify10.p99)),
      baselineP99Ms: median(own.map((round) => round.baseline10.p99)),
      familyP99Ms: median(own.map((round) => round.family10.p99)),
      verifyCpuUsPerRequest: median(own.map((round) => round.verify10.cpuUsPerRequest)),
      verifyMajorGcs: median(own.map((round) => round.verify10.majorGcs)),
      baselineMajorGcs: median(own.map((round) => round.baseline10.majorGcs)),
      perRound: own.map((round) => Object.fromEntries(Object.entries(round).map(([k, m]) => [k, { p50: m.p50, p99: m.p99, reqPerSec: Math.round(m.reqPerSec), cpuUsPerRequest: m.cpuUsPerRequest, majorGcs: m.majorGcs }]))),
    };
  });
  const table = new Table({ head: ["variant", "verify p99 / bare", "family p99 / bare", "verify req/s / bare", "verify p99 ms", "major GCs per verify measure"] });
  for (const v of summary) table.push([`${v.variant} ${JSON.stringify(v.env)}`, v.verifyP99Ratio, v.familyP99Ratio, v.verifyToBaselineRatio, v.verifyP99Ms, v.verifyMajorGcs]);
  process.stdout.write(`${table.toString()}\n`);
  const suite = apps === 100_000 ? "api-ab" : `api-ab-${apps}`;
  const results = { applications: apps, rounds: ROUNDS, secondsPerMeasure: DURATION_S, stealPercentPerRound: steal, variants: summary };
  process.stdout.write(`wrote ${writeResults(suite, results)}\n`);
} finally {
  for (const { server } of variants) server.stop();
}
