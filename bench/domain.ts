/**
 * Domain benchmark: time to compute an extended (INPADOC-style) family over one connected component of 10,000 and
 * 100,000 applications (issue 4 targets: under 50 ms and 500 ms), plus index build and number parsing.
 * Run: npx tsx bench/domain.ts (npm run bench:domain). Writes bench/results/domain.json.
 */
import { performance } from "node:perf_hooks";
import { createFamilyIndex, extendedFamily, parseApplicationNumber, type FamilyApplication } from "../src/domain/index.js";
import { writeResults } from "./machine.js";

const RUNS = 9;

/** Deterministic PRNG (mulberry32) so every run benchmarks the same graph. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * One connected component of `n` applications at several offices: each application after the first claims one or
 * two earlier ones (some late, so simple and extended families differ), and one in ten is a divisional.
 */
function component(n: number): FamilyApplication[] {
  const random = rng(n);
  const offices = ["EP", "US", "JP", "CN", "KR", "DE", "WO"];
  const ids = Array.from({ length: n }, (_, i) => `${offices[i % offices.length]}:${String(i).padStart(9, "0")}`);
  return ids.map((id, i) => {
    if (i === 0) return { id };
    const pick = () => ids[Math.floor(random() * i)] ?? ids[0]!;
    const claims = [{ id: pick(), status: random() < 0.1 ? ("late" as const) : ("valid" as const) }];
    if (random() < 0.3) claims.push({ id: pick(), status: "valid" });
    return random() < 0.1 ? { id, claims, parent: { id: pick(), kind: "divisional" as const } } : { id, claims };
  });
}

function median(f: () => void): number {
  f(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    f();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return Math.round((times[Math.floor(times.length / 2)] ?? 0) * 100) / 100;
}

const results: Record<string, number> = {};
for (const [n, label] of [
  [10_000, "10k"],
  [100_000, "100k"],
] as const) {
  const apps = component(n);
  const start = apps[n - 1]!.id;
  const size = extendedFamily(apps, start).length;
  if (size !== n) throw new Error(`component of ${n} has extended family ${size}`);
  results[`extendedFamily${label}Ms`] = median(() => void extendedFamily(apps, start));
  results[`familyIndexBuild${label}Ms`] = median(() => void createFamilyIndex(apps));
  const index = createFamilyIndex(apps);
  index.extendedFamily(start);
  results[`extendedFamilyCachedQuery${label}Ms`] = median(() => void index.extendedFamily(apps[Math.floor(n / 2)]!.id));
  results[`simpleFamily${label}Ms`] = median(() => void createFamilyIndex(apps).simpleFamily(start));
}

const numbers = Array.from({ length: 100_000 }, (_, i) => `10 2023 ${String(i).padStart(6, "0")}`);
results.parseApplicationNumber100kDeMs = median(() => {
  for (const text of numbers) parseApplicationNumber("DE", text);
});

const path = writeResults("domain", results);
const targets: Record<string, number> = { extendedFamily10kMs: 50, extendedFamily100kMs: 500 };
console.log("benchmark                              median ms   target");
for (const [key, ms] of Object.entries(results)) {
  const target = targets[key];
  console.log(`${key.padEnd(38)} ${String(ms).padStart(9)}   ${target === undefined ? "" : `< ${target} ${ms < target ? "ok" : "MISSED"}`}`);
}
console.log(`wrote ${path}`);
