import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";

export type MachineInfo = Readonly<{ cpu: string; cores: number; memGiB: number; node: string }>;

export function machineInfo(): MachineInfo {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? "unknown",
    cores: list.length,
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
  };
}

export type BenchScale = "small" | "full";

/** DIPR_BENCH_SCALE: `small` (the whole suite in minutes, for a check) or `full` (the published figures, the default). */
export function benchScale(): BenchScale {
  const scale = process.env.DIPR_BENCH_SCALE ?? "full";
  if (scale !== "small" && scale !== "full") throw new TypeError(`DIPR_BENCH_SCALE must be small or full, not ${scale}`);
  return scale;
}

/** The committed results, which only `npm run bench -- --write` (DIPR_BENCH_WRITE=1) rewrites. */
export const COMMITTED_RESULTS_DIR = fileURLToPath(new URL("./results/", import.meta.url));
/** Where a run writes unless asked to rewrite the committed results (git-ignored). */
export const LOCAL_RESULTS_DIR = fileURLToPath(new URL("./results/local/", import.meta.url));

/** The directory this run writes to: DIPR_BENCH_RESULTS_DIR, else the committed one with DIPR_BENCH_WRITE=1 or --write, else local. */
export function resultsDir(): string {
  const dir = process.env.DIPR_BENCH_RESULTS_DIR;
  if (dir) return dir.endsWith("/") ? dir : `${dir}/`;
  return process.env.DIPR_BENCH_WRITE === "1" || process.argv.includes("--write") ? COMMITTED_RESULTS_DIR : LOCAL_RESULTS_DIR;
}

/** A suite's results as this run wrote them, else the committed ones. */
export function readResults(suite: string): { results: Record<string, unknown> } & Record<string, unknown> {
  for (const dir of [resultsDir(), COMMITTED_RESULTS_DIR]) {
    try {
      return JSON.parse(readFileSync(`${dir}${suite}.json`, "utf8"));
    } catch {
      // not written there
    }
  }
  throw new Error(`no results for ${suite}: run its benchmark first`);
}

/**
 * The code a result measured: the commit, and whether the working tree differed from it (a figure from uncommitted
 * code cannot be reproduced; results files written by earlier suites of the same run do not count). Undefined outside a
 * git checkout.
 */
export function sourceInfo(): { commit: string; dirty: boolean } | undefined {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: fileURLToPath(new URL("..", import.meta.url)), encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    return { commit: git("rev-parse", "HEAD"), dirty: git("status", "--porcelain", "--untracked-files=no", "--", "src", "contracts", "bench", "test/support", ":(exclude)bench/results").length > 0 };
  } catch {
    return undefined;
  }
}

/** Writes <results dir>/<suite>.json in the shape every dipr benchmark shares; returns the path. */
export function writeResults(suite: string, results: Readonly<Record<string, unknown>>): string {
  const dir = resultsDir();
  mkdirSync(dir, { recursive: true });
  const path = `${dir}${suite}.json`;
  // The load average says whether other work shared the machine while the suite ran (2 cores: above 2 it did).
  const body = { suite, date: new Date().toISOString(), scale: benchScale(), machine: machineInfo(), source: sourceInfo(), loadAverage1m: Math.round(loadavg()[0]! * 100) / 100, results };
  writeFileSync(path, `${JSON.stringify(body, null, 2)}\n`);
  return path;
}

/** The median of a non-empty list: what every dipr benchmark reports across its rounds. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The share of this VM's CPU time the hypervisor gave to others while `measure` ran (the `steal` column of
 * /proc/stat, in %). The indexing node needs more than one core where the raw reader needs one, so steal lowers
 * their ratio; in the API benchmark it slows the server and autocannon alike and lands in the latency tail.
 */
export async function withSteal<T>(measure: () => Promise<T>): Promise<T & { stealPercent: number }> {
  const read = () => readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
  const before = read();
  const result = await measure();
  const delta = read().map((v, i) => v - before[i]!);
  const total = delta.reduce((a, b) => a + b, 0);
  // Fields: user nice system idle iowait irq softirq steal guest guest_nice (guest time is also counted in user).
  return { ...result, stealPercent: total > 0 ? Math.round((delta[7]! / (total - delta[8]! - delta[9]!)) * 100) : 0 };
}

/**
 * The variants B, C, … of an interleaved A/B run: DIPR_BENCH_VARIANT_ENV, a JSON object of environment variables
 * or an array of them (A is the run as it is). Undefined when the variable is not set.
 */
export function variantEnvs(): Record<string, string>[] | undefined {
  if (process.env.DIPR_BENCH_VARIANT_ENV === undefined) return undefined;
  const parsed = JSON.parse(process.env.DIPR_BENCH_VARIANT_ENV) as Record<string, string> | Record<string, string>[];
  return Array.isArray(parsed) ? parsed : [parsed];
}
