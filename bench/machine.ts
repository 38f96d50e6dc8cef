import { mkdirSync, writeFileSync } from "node:fs";
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
