// The API benchmarks' server process (bench/api-server.ts), started as `dipr node` runs: dist/ built first, V8's
// old space capped at DIPR_NODE_HEAP_MIB (128 by default, "0": none) and two glibc malloc arenas, unless told
// otherwise. Used by bench/api.ts and by bench/api-ab.ts, which starts one per variant.
import { spawn, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

export type BenchServerReady = Readonly<{
  port: number;
  baselinePort: number;
  loadMs: number;
  samples: string[];
  family: string;
  familySize: number;
  claimants: string[];
  heavyClaimants: string[];
  heavyPages: string[];
  heavyClaims: number;
  /** The heap growth the server runs with, as the node sets it once it follows the head (0: V8's own). */
  heapGrowthPercent: number;
}>;

export type Measure = Readonly<{ p50: number; p99: number; reqPerSec: number; total: number; cpuUsPerRequest: number; majorGcs: number }>;

export type BenchServer = Readonly<{
  ready: BenchServerReady;
  url: string;
  baselineUrl: string;
  execArgv: readonly string[];
  mallocArenaMax: string | undefined;
  /** autocannon for `durationS` against `paths` in turn, with the server's CPU time and major collections meanwhile. */
  measure(title: string, paths: readonly string[], connections: number, durationS: number, url?: string): Promise<Measure>;
  stop(): void;
}>;

const serverScript = fileURLToPath(new URL("./api-server.ts", import.meta.url));

/** Builds dist/ when src/ changed since, as the node's code is what the server runs. */
export function buildDist(): void {
  const build = spawnSync(process.execPath, [fileURLToPath(new URL("../scripts/build-dist.mjs", import.meta.url)), "--quiet"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error(`building dist/ failed (exit ${build.status ?? build.signal})`);
}

/**
 * DIPR_BENCH_SERVER_ARGS: extra node arguments for the server process only, e.g. "--cpu-prof". `env` goes to the
 * server only (DIPR_NODE_HEAP_MIB and MALLOC_ARENA_MAX among it are read here).
 */
export async function startBenchServer(apps: number, env: Readonly<Record<string, string>> = {}): Promise<BenchServer> {
  const serverEnv = { ...process.env, ...env };
  const execArgv = (process.env.DIPR_BENCH_SERVER_ARGS ?? "").split(" ").filter(Boolean);
  const heapMiB = serverEnv.DIPR_NODE_HEAP_MIB ?? "128";
  if (heapMiB !== "0" && !execArgv.some((a) => a.startsWith("--max-old-space-size"))) execArgv.unshift(`--max-old-space-size=${heapMiB}`);
  serverEnv.MALLOC_ARENA_MAX ??= "2";
  const server = spawn(process.execPath, [...execArgv, "--import", "tsx", serverScript, String(apps)], { stdio: ["ignore", "pipe", "inherit"], env: serverEnv });
  const ready = await new Promise<BenchServerReady>((resolve, reject) => {
    server.once("exit", (code) => reject(new Error(`benchmark server exited with ${code}`)));
    createInterface({ input: server.stdout! }).once("line", (line) => resolve(JSON.parse(line)));
  });
  const url = `http://127.0.0.1:${ready.port}`;
  const baselineUrl = `http://127.0.0.1:${ready.baselinePort}`;
  /** The server process's CPU time so far (user + system, clock ticks of 10 ms), from /proc. */
  const cpuTicks = () => {
    const fields = readFileSync(`/proc/${server.pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(fields[11]) + Number(fields[12]);
  };
  const majorGcs = async () => ((await (await fetch(`${baselineUrl}/gc`)).json()) as { major: number }).major;
  return {
    ready,
    url,
    baselineUrl,
    execArgv,
    mallocArenaMax: serverEnv.MALLOC_ARENA_MAX,
    async measure(title, paths, connections, durationS, target = url) {
      let i = 0;
      const ticks = cpuTicks();
      const gcs = await majorGcs();
      const result = await autocannon({
        url: target,
        connections,
        duration: durationS,
        requests: [{ setupRequest: (request) => ({ ...request, path: paths[i++ % paths.length]! }) }],
      });
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${title}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
      // The server's CPU per request: steadier than a rate on a shared machine, where autocannon and other work
      // compete for the cores (both apps run in the one server process, so the bare route's is measured the same way).
      const cpuUsPerRequest = Math.round(((cpuTicks() - ticks) * 10_000) / Math.max(1, result.requests.total));
      return { p50: result.latency.p50, p99: result.latency.p99, reqPerSec: result.requests.average, total: result.requests.total, cpuUsPerRequest, majorGcs: (await majorGcs()) - gcs };
    },
    stop: () => void server.kill("SIGTERM"),
  };
}
