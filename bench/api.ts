// API benchmark (npm run bench:api; size by DIPR_BENCH_APPS, default 100,000): autocannon against the verify
// endpoint (random existing and missing claims), the extended family of a 50-member family, and a trivial
// express route served by the same server process, and the claimants of an application. Writes api.json to the
// results directory (bench/machine.ts resultsDir; other sizes api-<size>.json).
import { loadavg } from "node:os";
import Table from "cli-table3";
import { buildDist, startBenchServer, type Measure } from "./api-bench-server.js";
import { benchScale, median, withSteal, writeResults } from "./machine.js";

const apps = Number(process.env.DIPR_BENCH_APPS ?? 100_000);
// This VM's speed drifts by 2x within minutes (CPU steal), so each measure runs in ROUNDS short rounds,
// interleaved with the baseline, and the report gives medians across rounds and the median per-round ratio.
const DURATION_S = Number(process.env.DIPR_BENCH_SECONDS ?? (benchScale() === "full" ? 3 : 2));
const ROUNDS = Number(process.env.DIPR_BENCH_ROUNDS ?? (benchScale() === "full" ? 5 : 3));
// The server runs dipr from dist/, the compiled code the node runs: built first when src/ changed since.
buildDist();
process.stderr.write(`loading ${apps} applications into a LevelDB store...\n`);
const server = await startBenchServer(apps);
const { ready } = server;
const run = (title: string, paths: string[], connections: number, url?: string) => server.measure(title, paths, connections, DURATION_S, url);

try {
  // A short warm-up so JIT and LevelDB caches do not land in the first measurement.
  await run("warm-up", ready.samples, 10).catch(() => undefined);
  const { baselineUrl } = server;
  const rounds: Record<"verify10" | "baseline10" | "verify50" | "baseline50" | "health50" | "family10" | "claimants10" | "heavyClaimants10" | "heavyPages10", Measure>[] = [];
  const steal: number[] = [];
  const load: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const { stealPercent, ...round } = await withSteal(async () => ({
      verify10: await run("verify, 10 connections", ready.samples, 10),
      baseline10: await run("baseline, 10 connections", ["/baseline"], 10, baselineUrl),
      verify50: await run("verify, 50 connections", ready.samples, 50),
      baseline50: await run("baseline, 50 connections", ["/baseline"], 50, baselineUrl),
      // A trivial route of the API itself (GET /health): the bare route plus the API's own middleware.
      health50: await run("health, 50 connections", ["/api/v1/health"], 50),
      family10: await run("family, 10 connections", [ready.family], 10),
      claimants10: await run("claimants, 10 connections", ready.claimants, 10),
      // Pages of one claimant from cursors all along a number claimed 10,000 times, against claimants10: the pages
      // of numbers claimed once, one claimant each. Same page size, so the ratio is the cost of the list's length.
      heavyClaimants10: await run("claimants of a number claimed 10,000 times, a page of 1, 10 connections", ready.heavyClaimants, 10),
      // And its pages of the default size (20 claimants), for the cost of a full page.
      heavyPages10: await run("claimants of a number claimed 10,000 times, pages of 20, 10 connections", ready.heavyPages, 10),
    }));
    steal.push(stealPercent);
    load.push(Math.round(loadavg()[0]! * 100) / 100);
    process.stderr.write(`round ${r + 1}/${ROUNDS} (steal ${stealPercent} %, load ${load.at(-1)}): ${JSON.stringify(Object.fromEntries(Object.entries(round).map(([k, v]) => [k, { p99: v.p99, reqPerSec: Math.round(v.reqPerSec) }])))}\n`);
    rounds.push(round);
  }
  const of = (key: keyof (typeof rounds)[number], field: "p50" | "p99" | "reqPerSec") => median(rounds.map((round) => round[key][field]));
  const verify10 = { p50: of("verify10", "p50"), p99: of("verify10", "p99") };
  const baseline10 = { p50: of("baseline10", "p50"), p99: of("baseline10", "p99") };
  const verify50 = { reqPerSec: of("verify50", "reqPerSec") };
  const baseline50 = { reqPerSec: of("baseline50", "reqPerSec") };
  const family10 = { p50: of("family10", "p50"), p99: of("family10", "p99") };
  const ratio = median(rounds.map((round) => round.verify50.reqPerSec / round.baseline50.reqPerSec));
  const health50 = { reqPerSec: of("health50", "reqPerSec") };
  const ratioToHealth = median(rounds.map((round) => round.verify50.reqPerSec / round.health50.reqPerSec));
  const claimants10 = { p50: of("claimants10", "p50"), p99: of("claimants10", "p99"), reqPerSec: of("claimants10", "reqPerSec") };
  // Each query's latency as a multiple of the bare express route's in the same round (10 connections), median of
  // rounds. autocannon gives whole milliseconds: a round whose baseline shows 0 ms is left out of that ratio.
  const latencyRatio = (key: "verify10" | "family10" | "claimants10", field: "p50" | "p99", to: "baseline10" | "claimants10" = "baseline10") => {
    const ratios = rounds.filter((round) => round[to][field] > 0).map((round) => round[key][field] / round[to][field]);
    return ratios.length > 0 ? Math.round(median(ratios) * 100) / 100 : null;
  };
  const verifyP99Ratio = latencyRatio("verify10", "p99");
  const familyP99Ratio = latencyRatio("family10", "p99");
  // A page of the number claimed 10,000 times over a page of numbers claimed once, same round.
  const heavyRatios = rounds.filter((round) => round.claimants10.p99 > 0).map((round) => round.heavyClaimants10.p99 / round.claimants10.p99);
  const claimantsPageP99Ratio = heavyRatios.length > 0 ? Math.round(median(heavyRatios) * 100) / 100 : null;
  const results = {
    applications: apps,
    verifyP50Ms: verify10.p50,
    verifyP99Ms: verify10.p99,
    verifyReqPerSec: Math.round(verify50.reqPerSec),
    baselineReqPerSec: Math.round(baseline50.reqPerSec),
    verifyToBaselineRatio: Math.round(ratio * 1000) / 1000,
    // What the API's middleware (request id, security headers, rate limit, metrics) costs apart from verify's own
    // work: GET /health through the same app, and verify's ratio to it.
    healthReqPerSec: Math.round(health50.reqPerSec),
    verifyToHealthRatio: Math.round(ratioToHealth * 1000) / 1000,
    // The floor on this machine: the bare express route's own latency at 10 connections.
    baselineP50Ms: baseline10.p50,
    baselineP99Ms: baseline10.p99,
    familyP99Ms: family10.p99,
    familyP50Ms: family10.p50,
    familyMembers: ready.familySize,
    claimantsP50Ms: claimants10.p50,
    claimantsP99Ms: claimants10.p99,
    claimantsReqPerSec: Math.round(claimants10.reqPerSec),
    heavyClaims: ready.heavyClaims,
    heavyClaimantsP50Ms: of("heavyClaimants10", "p50"),
    heavyClaimantsP99Ms: of("heavyClaimants10", "p99"),
    heavyPagesP50Ms: of("heavyPages10", "p50"),
    heavyPagesP99Ms: of("heavyPages10", "p99"),
    // The issue 19 targets, each a median of per-round ratios: verify and family p99 over the bare route's, a page
    // of the heavily claimed number's p99 over a page of numbers claimed once.
    verifyP99Ratio,
    familyP99Ratio,
    claimantsPageP99Ratio,
    // Server CPU per request at 50 connections (median of rounds), and the bare route's over verify's, same round.
    verifyCpuUsPerRequest: median(rounds.map((round) => round.verify50.cpuUsPerRequest)),
    baselineCpuUsPerRequest: median(rounds.map((round) => round.baseline50.cpuUsPerRequest)),
    familyCpuUsPerRequest: median(rounds.map((round) => round.family10.cpuUsPerRequest)),
    verifyCpuRatio: Math.round(median(rounds.map((round) => round.baseline50.cpuUsPerRequest / round.verify50.cpuUsPerRequest)) * 1000) / 1000,
    verifyReqPerSec10: Math.round(of("verify10", "reqPerSec")),
    familyReqPerSec10: Math.round(of("family10", "reqPerSec")),
    baselineReqPerSec10: Math.round(of("baseline10", "reqPerSec")),
    latencyToBaseline: {
      verify: { p50: latencyRatio("verify10", "p50"), p99: latencyRatio("verify10", "p99") },
      family: { p50: latencyRatio("family10", "p50"), p99: latencyRatio("family10", "p99") },
      claimants: { p50: latencyRatio("claimants10", "p50"), p99: latencyRatio("claimants10", "p99") },
    },
    storeLoadMs: ready.loadMs,
    serverExecArgv: server.execArgv,
    serverMallocArenaMax: server.mallocArenaMax,
    // The heap growth the node sets once it follows the head (src/cli/heap-growth.ts), which the server runs with.
    serverHeapGrowthPercent: ready.heapGrowthPercent,
    // Major collections of the server during verify at 10 connections, median of rounds.
    verifyMajorGcs: median(rounds.map((round) => round.verify10.majorGcs)),
    rounds: ROUNDS,
    secondsPerMeasure: DURATION_S,
    // CPU steal of this VM during each round (bench/machine.ts withSteal).
    stealPercentPerRound: steal,
    // The 1-minute load average at the end of each round: above the core count, other work competed for the CPU.
    loadAverage1mPerRound: load,
    perRound: rounds.map((round) => Object.fromEntries(Object.entries(round).map(([k, v]) => [k, { p50: v.p50, p99: v.p99, reqPerSec: Math.round(v.reqPerSec), cpuUsPerRequest: v.cpuUsPerRequest }]))),
    targetsMet: {
      verifyP99Ratio: verifyP99Ratio !== null && verifyP99Ratio <= 1.3,
      familyP99Ratio: familyP99Ratio !== null && familyP99Ratio <= 1.8,
      verifyToBaselineRatio: ratio >= 0.65,
      claimantsPageP99Ratio: claimantsPageP99Ratio !== null && claimantsPageP99Ratio <= 2,
    },
  };
  const table = new Table({ head: ["measure", "value", "target"] });
  table.push(
    ["applications in the store", apps, "100,000 and 1,000,000"],
    ["verify p50 / p99 (10 connections)", `${verify10.p50} / ${verify10.p99} ms`, ""],
    ["verify p99 / bare route p99 (median of per-round ratios)", verifyP99Ratio ?? "n/a", "≤ 1.3"],
    ["verify req/s (50 connections)", Math.round(verify50.reqPerSec), ""],
    ["baseline express route req/s (50 connections)", Math.round(baseline50.reqPerSec), ""],
    ["verify / baseline (median of per-round ratios)", ratio.toFixed(2), "≥ 0.65"],
    ["server CPU per request, verify / bare route (50 connections)", `${results.verifyCpuUsPerRequest} / ${results.baselineCpuUsPerRequest} µs`, ""],
    ["GET /health through the API's middleware req/s (50 connections)", Math.round(health50.reqPerSec), ""],
    ["verify / health (median of per-round ratios)", ratioToHealth.toFixed(2), ""],
    ["baseline p50 / p99 (10 connections)", `${baseline10.p50} / ${baseline10.p99} ms`, "(the floor)"],
    [`extended family of ${ready.familySize} p50 / p99 (10 connections)`, `${family10.p50} / ${family10.p99} ms`, ""],
    ["family p99 / bare route p99 (median of per-round ratios)", familyP99Ratio ?? "n/a", "≤ 1.8"],
    [`claimants page p99, number claimed ${ready.heavyClaims} times / claimed once (a page of 1)`, claimantsPageP99Ratio ?? "n/a", "≤ 2"],
    ["store load", `${(ready.loadMs / 1000).toFixed(1)} s`, ""],
  );
  process.stdout.write(`${table.toString()}\n`);
  const suite = apps === 100_000 ? "api" : `api-${apps}`;
  process.stdout.write(`targets met: ${JSON.stringify(results.targetsMet)}\nwrote ${writeResults(suite, results)}\n`);
} finally {
  server.stop();
}
