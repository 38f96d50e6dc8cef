// API benchmark (npm run bench:api; size by DIPR_BENCH_APPS, default 100,000): autocannon against the verify
// endpoint (random existing and missing claims), the extended family of a 50-member family, and a trivial
// express route served by the same server process, and the claimants of an application. Writes api.json to the
// results directory (bench/machine.ts resultsDir; other sizes api-<size>.json).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Table from "cli-table3";
import { benchScale, median, withSteal, writeResults } from "./machine.js";

const apps = Number(process.env.DIPR_BENCH_APPS ?? 100_000);
// This VM's speed drifts by 2x within minutes (CPU steal), so each measure runs in ROUNDS short rounds,
// interleaved with the baseline, and the report gives medians across rounds and the median per-round ratio.
const DURATION_S = Number(process.env.DIPR_BENCH_SECONDS ?? (benchScale() === "full" ? 3 : 2));
const ROUNDS = Number(process.env.DIPR_BENCH_ROUNDS ?? (benchScale() === "full" ? 5 : 3));
const serverScript = fileURLToPath(new URL("./api-server.ts", import.meta.url));

process.stderr.write(`loading ${apps} applications into a LevelDB store...\n`);
// DIPR_BENCH_SERVER_ARGS: extra node arguments for the server process only, e.g. "--cpu-prof".
const serverArgs = (process.env.DIPR_BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
const server = spawn(process.execPath, [...serverArgs, "--import", "tsx", serverScript, String(apps)], { stdio: ["ignore", "pipe", "inherit"] });
const ready = await new Promise<{ port: number; baselinePort: number; loadMs: number; samples: string[]; family: string; familySize: number; claimants: string[] }>((resolve, reject) => {
  server.once("exit", (code) => reject(new Error(`benchmark server exited with ${code}`)));
  createInterface({ input: server.stdout! }).once("line", (line) => resolve(JSON.parse(line)));
});
const base = `http://127.0.0.1:${ready.port}`;

async function run(title: string, paths: string[], connections: number, url = base) {
  let i = 0;
  const result = await autocannon({
    url,
    connections,
    duration: DURATION_S,
    requests: [{ setupRequest: (request) => ({ ...request, path: paths[i++ % paths.length]! }) }],
  });
  if (result.non2xx > 0 || result.errors > 0) throw new Error(`${title}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  return { p50: result.latency.p50, p99: result.latency.p99, reqPerSec: result.requests.average, total: result.requests.total };
}

try {
  // A short warm-up so JIT and LevelDB caches do not land in the first measurement.
  await run("warm-up", ready.samples, 10).catch(() => undefined);
  const baselineUrl = `http://127.0.0.1:${ready.baselinePort}`;
  type Measure = Awaited<ReturnType<typeof run>>;
  const rounds: Record<"verify10" | "baseline10" | "verify50" | "baseline50" | "health50" | "family10" | "claimants10", Measure>[] = [];
  const steal: number[] = [];
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
    }));
    steal.push(stealPercent);
    process.stderr.write(`round ${r + 1}/${ROUNDS} (steal ${stealPercent} %): ${JSON.stringify(Object.fromEntries(Object.entries(round).map(([k, v]) => [k, { p99: v.p99, reqPerSec: Math.round(v.reqPerSec) }])))}\n`);
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
  const latencyRatio = (key: "verify10" | "family10" | "claimants10", field: "p50" | "p99") => {
    const ratios = rounds.filter((round) => round.baseline10[field] > 0).map((round) => round[key][field] / round.baseline10[field]);
    return ratios.length > 0 ? Math.round(median(ratios) * 100) / 100 : null;
  };
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
    verifyReqPerSec10: Math.round(of("verify10", "reqPerSec")),
    familyReqPerSec10: Math.round(of("family10", "reqPerSec")),
    baselineReqPerSec10: Math.round(of("baseline10", "reqPerSec")),
    latencyToBaseline: {
      verify: { p50: latencyRatio("verify10", "p50"), p99: latencyRatio("verify10", "p99") },
      family: { p50: latencyRatio("family10", "p50"), p99: latencyRatio("family10", "p99") },
      claimants: { p50: latencyRatio("claimants10", "p50"), p99: latencyRatio("claimants10", "p99") },
    },
    storeLoadMs: ready.loadMs,
    rounds: ROUNDS,
    secondsPerMeasure: DURATION_S,
    // CPU steal of this VM during each round (bench/machine.ts withSteal).
    stealPercentPerRound: steal,
    perRound: rounds.map((round) => Object.fromEntries(Object.entries(round).map(([k, v]) => [k, { p50: v.p50, p99: v.p99, reqPerSec: Math.round(v.reqPerSec) }]))),
    targetsMet: {
      verifyP99Ms: verify10.p99 <= 5,
      familyP99Ms: family10.p99 <= 10,
      verifyReqPerSec: ratio >= 0.5,
    },
  };
  const table = new Table({ head: ["measure", "value", "target"] });
  table.push(
    ["applications in the store", apps, "100,000 and 1,000,000"],
    ["verify p50 / p99 (10 connections)", `${verify10.p50} / ${verify10.p99} ms`, "p99 ≤ 5 ms"],
    ["verify req/s (50 connections)", Math.round(verify50.reqPerSec), `≥ 0.5 × baseline = ${Math.round(baseline50.reqPerSec / 2)}`],
    ["baseline express route req/s (50 connections)", Math.round(baseline50.reqPerSec), ""],
    ["verify / baseline (median of per-round ratios)", ratio.toFixed(2), "≥ 0.5"],
    ["GET /health through the API's middleware req/s (50 connections)", Math.round(health50.reqPerSec), ""],
    ["verify / health (median of per-round ratios)", ratioToHealth.toFixed(2), ""],
    ["baseline p50 / p99 (10 connections)", `${baseline10.p50} / ${baseline10.p99} ms`, "(the floor)"],
    [`extended family of ${ready.familySize} p50 / p99 (10 connections)`, `${family10.p50} / ${family10.p99} ms`, "p99 ≤ 10 ms"],
    ["store load", `${(ready.loadMs / 1000).toFixed(1)} s`, ""],
  );
  process.stdout.write(`${table.toString()}\n`);
  const suite = apps === 100_000 ? "api" : `api-${apps}`;
  process.stdout.write(`targets met: ${JSON.stringify(results.targetsMet)}\nwrote ${writeResults(suite, results)}\n`);
} finally {
  server.kill("SIGTERM");
}
