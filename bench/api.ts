// API benchmark (npm run bench:api; size by DIPR_BENCH_APPS, default 100,000): autocannon against the verify
// endpoint (random existing and missing claims), the extended family of a 50-member family, and a trivial
// express route served by the same server process. Writes bench/results/api.json.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import Table from "cli-table3";
import { writeResults } from "./machine.js";

const apps = Number(process.env.DIPR_BENCH_APPS ?? 100_000);
const DURATION_S = Number(process.env.DIPR_BENCH_SECONDS ?? 10);
const serverScript = fileURLToPath(new URL("./api-server.ts", import.meta.url));

process.stderr.write(`loading ${apps} applications into a LevelDB store...\n`);
// DIPR_BENCH_SERVER_ARGS: extra node arguments for the server process only, e.g. "--cpu-prof".
const serverArgs = (process.env.DIPR_BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
const server = spawn(process.execPath, [...serverArgs, "--import", "tsx", serverScript, String(apps)], { stdio: ["ignore", "pipe", "inherit"] });
const ready = await new Promise<{ port: number; baselinePort: number; loadMs: number; samples: string[]; family: string; familySize: number }>((resolve, reject) => {
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
  const verify10 = await run("verify, 10 connections", ready.samples, 10);
  const verify50 = await run("verify, 50 connections", ready.samples, 50);
  const baseline50 = await run("baseline, 50 connections", ["/baseline"], 50, `http://127.0.0.1:${ready.baselinePort}`);
  const family10 = await run("family, 10 connections", [ready.family], 10);
  const results = {
    applications: apps,
    verifyP50Ms: verify10.p50,
    verifyP99Ms: verify10.p99,
    verifyReqPerSec: Math.round(verify50.reqPerSec),
    baselineReqPerSec: Math.round(baseline50.reqPerSec),
    verifyToBaselineRatio: Math.round((verify50.reqPerSec / baseline50.reqPerSec) * 1000) / 1000,
    familyP99Ms: family10.p99,
    familyP50Ms: family10.p50,
    familyMembers: ready.familySize,
    storeLoadMs: ready.loadMs,
    durationSeconds: DURATION_S,
    targetsMet: {
      verifyP99Ms: verify10.p99 <= 5,
      familyP99Ms: family10.p99 <= 10,
      verifyReqPerSec: verify50.reqPerSec >= 0.5 * baseline50.reqPerSec,
    },
  };
  const table = new Table({ head: ["measure", "value", "target"] });
  table.push(
    ["applications in the store", apps, "100,000 and 1,000,000"],
    ["verify p50 / p99 (10 connections)", `${verify10.p50} / ${verify10.p99} ms`, "p99 ≤ 5 ms"],
    ["verify req/s (50 connections)", Math.round(verify50.reqPerSec), `≥ 0.5 × baseline = ${Math.round(baseline50.reqPerSec / 2)}`],
    ["baseline express route req/s (50 connections)", Math.round(baseline50.reqPerSec), ""],
    [`extended family of ${ready.familySize} p50 / p99 (10 connections)`, `${family10.p50} / ${family10.p99} ms`, "p99 ≤ 10 ms"],
    ["store load", `${(ready.loadMs / 1000).toFixed(1)} s`, ""],
  );
  process.stdout.write(`${table.toString()}\n`);
  const suite = apps === 100_000 ? "api" : `api-${apps}`;
  process.stdout.write(`targets met: ${JSON.stringify(results.targetsMet)}\nwrote ${writeResults(suite, results)}\n`);
} finally {
  server.kill("SIGTERM");
}
