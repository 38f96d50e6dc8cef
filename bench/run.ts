// npm run bench [-- --write]: every benchmark suite at DIPR_BENCH_SCALE (small: minutes, for a check; full: the
// published figures), each in its own process with the machine's CPU steal recorded over it, then the report.
// Without --write, results go to bench/results/local/ (git-ignored) and the report to
// bench/results/local/cost-and-scale.md; with --write, to bench/results/ and docs/cost-and-scale.md.
import { spawn } from "node:child_process";
import { COMMITTED_RESULTS_DIR, LOCAL_RESULTS_DIR, benchScale, withSteal, writeResults } from "./machine.js";
import { DEFAULT_REPORT_PATH, loadResults, writeReport } from "./report.js";

const write = process.argv.includes("--write");
const scale = benchScale();
const dir = write ? COMMITTED_RESULTS_DIR : LOCAL_RESULTS_DIR;
const only = process.argv.find((a) => a.startsWith("--only="))?.slice(7).split(",");

type Suite = { name: string; files: string[]; command: string[]; env?: Record<string, string> };
const sizes = scale === "full" ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
const sized = (prefix: string, n: number) => (n === 100_000 ? prefix : `${prefix}-${n}`);
const suites: Suite[] = [
  { name: "gas", files: ["gas"], command: ["npx", "hardhat", "run", "bench/gas.ts"] },
  { name: "variants", files: ["variants"], command: ["npx", "hardhat", "run", "bench/variants.ts"] },
  { name: "domain", files: ["domain"], command: ["npx", "tsx", "bench/domain.ts"] },
  { name: "startup", files: ["startup"], command: ["npx", "tsx", "bench/startup.ts"] },
  { name: "import", files: ["import"], command: ["npx", "tsx", "bench/import.ts"], env: { DIPR_BENCH_IMPORT_ROWS: scale === "full" ? "10000" : "5000" } },
  ...sizes.map((n) => ({ name: sized("index", n), files: [sized("index", n)], command: ["npx", "tsx", "bench/index.ts"], env: { DIPR_BENCH_APPS: String(n) } })),
  ...sizes.map((n) => ({ name: sized("api", n), files: [sized("api", n)], command: ["npx", "tsx", "bench/api.ts"], env: { DIPR_BENCH_APPS: String(n) } })),
];

function runChild(command: string[], env: Record<string, string>): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, ...env } });
    child.once("exit", (code) => resolve(code ?? 1));
  });
}

const say = (text: string) => process.stderr.write(`${text}\n`);
say(`dipr benchmarks at scale ${scale}, results to ${dir}`);
if ((await runChild(["npx", "hardhat", "build", "--quiet"], {})) !== 0) throw new Error("hardhat build failed");
const record: { name: string; files: string[]; seconds: number; stealPercent: number; exitCode: number }[] = [];
for (const suite of suites.filter((s) => !only || only.includes(s.name))) {
  say(`\n== ${suite.name}`);
  const env = { DIPR_BENCH_SCALE: scale, DIPR_BENCH_RESULTS_DIR: dir, ...suite.env };
  const t0 = performance.now();
  const { exitCode, stealPercent } = await withSteal(async () => ({ exitCode: await runChild(suite.command, env) }));
  const seconds = Math.round((performance.now() - t0) / 100) / 10;
  record.push({ name: suite.name, files: suite.files, seconds, stealPercent, exitCode });
  say(`== ${suite.name}: exit ${exitCode}, ${seconds} s, CPU steal ${stealPercent} %`);
}
process.env.DIPR_BENCH_RESULTS_DIR = dir;
writeResults(only ? `run-${only.join("-")}` : "run", { scale, suites: record, totalSeconds: Math.round(record.reduce((s, r) => s + r.seconds, 0)) });
const reportPath = write ? DEFAULT_REPORT_PATH : `${LOCAL_RESULTS_DIR}cost-and-scale.md`;
await writeReport(loadResults(dir), reportPath);
say(`\nwrote ${reportPath}`);
const failed = record.filter((r) => r.exitCode !== 0);
if (failed.length > 0) {
  say(`failed: ${failed.map((r) => r.name).join(", ")}`);
  process.exitCode = 1;
}
