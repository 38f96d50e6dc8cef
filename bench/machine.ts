import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
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

/** Writes bench/results/<suite>.json in the shape every dipr benchmark shares; returns the path. */
export function writeResults(suite: string, results: Readonly<Record<string, unknown>>): string {
  const dir = fileURLToPath(new URL("./results/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  const path = `${dir}${suite}.json`;
  const body = { suite, date: new Date().toISOString(), machine: machineInfo(), results };
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
