// The cost-and-scale report (docs/cost-and-scale.md) and its plots, generated from benchmark result files only:
// every figure in the report is read from a results directory or computed from those figures and the assumptions
// stated below (ASSUMPTIONS). Plots are vega-lite specs rendered to SVG by vega.
// Run: npx tsx bench/report.ts [--from local|committed|<dir>] [--out <path.md>]
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import { COMMITTED_RESULTS_DIR, LOCAL_RESULTS_DIR, median } from "./machine.js";

export const DEFAULT_REPORT_PATH = fileURLToPath(new URL("../docs/cost-and-scale.md", import.meta.url));

/** One bench/results/<suite>.json file. */
export type ResultFile = Readonly<{
  suite: string;
  date: string;
  scale?: string;
  machine: Readonly<{ cpu: string; cores: number; memGiB: number; node: string }>;
  /** The commit the suite measured, and whether the tree differed from it (absent in files written before). */
  source?: Readonly<{ commit: string; dirty: boolean }>;
  /** The machine's 1-minute load average when the suite finished (absent in files written before). */
  loadAverage1m?: number;
  // Results are what each benchmark wrote; the report reads the fields it knows and says when one is missing.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  results: any;
}>;

export type ResultSet = Readonly<{ files: Readonly<Record<string, ResultFile & { from: string }>> }>;

/**
 * The assumptions behind every yearly figure. Volumes: WIPO IP Facts and Figures / World IP Indicators for 2023.
 * Trade marks and designs are counted per class and per design (WIPO's counts), one register record each, which
 * overstates the number of applications. Priority claims: about 29 % of patent applications are filed abroad, taken
 * as one priority claim each; designs and trade marks are assumed to claim none (a reader can add them with the
 * per-claim figures). Prices are stated, not market data.
 */
export const ASSUMPTIONS = {
  volumes: [
    { right: "patents", records: 3_550_000, claimsPerRecord: 0.29 },
    { right: "designs", records: 1_500_000, claimsPerRecord: 0 },
    { right: "trade mark classes", records: 15_000_000, claimsPerRecord: 0 },
  ],
  ethUsd: 3_000,
  l1GasPriceGwei: [1, 10],
  l2GasPriceGwei: 0.01,
  l1BlockGas: 36_000_000,
  l1BlockSeconds: 12,
  consortiumBlockGas: 30_000_000,
  consortiumBlockSeconds: 5,
  consortiumNodes: 10,
  diskUsdPerGbMonth: 0.08,
  workingDaysPerYear: 250,
  peakDayFactor: 5,
  stateBytesPerSlot: 64,
} as const;

const SECONDS_PER_YEAR = 365 * 86_400;

/** Reads every <suite>.json of `dir`, then fills the suites it lacks from `fallback` (the committed results). */
export function loadResults(dir: string, fallback: string | null = COMMITTED_RESULTS_DIR): ResultSet {
  const files: Record<string, ResultFile & { from: string }> = {};
  for (const from of [dir, fallback]) {
    if (!from || !existsSync(from)) continue;
    for (const name of readdirSync(from).filter((n) => n.endsWith(".json")).sort()) {
      const file = JSON.parse(readFileSync(join(from, name), "utf8")) as ResultFile;
      files[file.suite] ??= { ...file, from };
    }
  }
  return { files };
}

// ---------------------------------------------------------------------------------------------- formatting

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
const ratio = (n: number) => n.toFixed(2);
const gb = (bytes: number) => bytes / 1e9;
const usd = (n: number) => (n >= 100 ? `${fmt(n)} USD` : `${fmt(n, 2)} USD`);
/** A markdown table; a column is right-aligned when every cell in it reads as a figure. */
const table = (head: string[], rows: (string | number)[][]) => {
  const figure = (cell: string | number) => /^(-?[\d.,]+( ?[%×]| USD| GB)?|n\/a.*|not measured|)$/.test(String(cell));
  const align = head.map((_, i) => (i > 0 && rows.every((r) => figure(r[i] ?? "")) ? "---:" : "---"));
  return [`| ${head.join(" | ")} |`, `|${align.join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
};
const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));
/** A results file's path as a reader of the repository sees it (repository-relative, else its name). */
const shownPath = (path: string) => (path.startsWith(REPO_ROOT) ? relative(REPO_ROOT, path) : basename(path));

type Plot = { name: string; title: string; spec: TopLevelSpec };

// Long category names (design variants, rates) are read whole: vega-lite cuts axis labels at 180 px by default.
const plotSpec = (title: string, spec: Record<string, unknown>): TopLevelSpec =>
  ({ $schema: "https://vega.github.io/schema/vega-lite/v6.json", title, width: 520, background: "white", config: { axis: { labelLimit: 360 } }, ...spec }) as TopLevelSpec;

/**
 * Where the bars of a log-scale bar chart start: the power of ten below the smallest value. A bar drawn from zero
 * has no length on a log scale (log 0 is undefined), and vega then draws nothing at all.
 */
const logBase = (values: readonly number[]): number => 10 ** Math.floor(Math.log10(Math.min(...values.filter((v) => v > 0))));

/** The suite's own CPU steal field(s), in %: index (node runs), api (per round), import (the timed run). */
function ownSteal(file: ResultFile): number | null {
  const r = file.results;
  if (typeof r.nodeStealPercent === "number") return r.nodeStealPercent;
  if (Array.isArray(r.stealPercentPerRound)) return median(r.stealPercentPerRound);
  if (typeof r.stealPercent === "number") return r.stealPercent;
  return null;
}

/** The run record entry that wrote this file, if the file was written during that run. */
function runEntry(set: ResultSet, file: ResultFile): { stealPercent: number; seconds: number; scale: string } | null {
  // run.json is a whole run; run-<suites>.json a run of some suites (--only): the one whose time span holds the file.
  for (const run of Object.values(set.files).filter((f) => f.suite === "run" || f.suite.startsWith("run-"))) {
    const end = Date.parse(run.date);
    const start = end - (run.results.totalSeconds + 60) * 1000;
    const at = Date.parse(file.date);
    if (at < start || at > end) continue;
    const entry = (run.results.suites as { files: string[]; stealPercent: number; seconds: number }[]).find((s) => s.files.includes(file.suite));
    if (entry) return { ...entry, scale: run.results.scale };
  }
  return null;
}

const sizeLabel = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000} M` : `${n / 1_000} k`);

/** The sized suites present (index, index-<n>; api, api-<n>), smallest first. */
function sized(set: ResultSet, prefix: "index" | "api"): ResultFile[] {
  return Object.values(set.files)
    .filter((f) => f.suite === prefix || new RegExp(`^${prefix}-\\d+$`).test(f.suite)) // not api-ab-*
    .sort((a, b) => a.results.applications - b.results.applications);
}

/** How many node rounds stand behind each size's catch-up time, in words. */
function roundsWords(files: readonly { rounds?: number }[]): string {
  const rounds = [...new Set(files.map((f) => f.rounds ?? 1))];
  if (rounds.length === 1 && rounds[0] === 1) return "one round per size makes the ratio a sample";
  return `each size the median of ${rounds.join(" or ")} rounds`;
}

// ------------------------------------------------------------------------------------------------ sections

function sources(set: ResultSet): string {
  const rows = Object.values(set.files)
    .filter((f) => !f.suite.startsWith("run"))
    .sort((a, b) => a.suite.localeCompare(b.suite))
    .map((f) => {
      const entry = runEntry(set, f);
      const own = ownSteal(f);
      return [
        `\`${shownPath(join(f.from, `${f.suite}.json`))}\``,
        f.date.slice(0, 16).replace("T", " "),
        f.scale ?? "(before scales; a full-size run)",
        entry ? `${entry.stealPercent} %` : "not recorded",
        own === null ? "" : `${own} %`,
        f.source ? `${f.source.commit.slice(0, 7)}${f.source.dirty ? " (with uncommitted changes)" : ""}` : "not recorded",
        f.loadAverage1m === undefined ? "not recorded" : String(f.loadAverage1m),
        `${f.machine.cores} × ${f.machine.cpu}, ${f.machine.memGiB} GiB, node ${f.machine.node}`,
      ];
    });
  return table(["results file", "date (UTC)", "scale", "CPU steal over the suite", "CPU steal while timing", "code measured", "load average at the end", "machine"], rows);
}

export type Growth = { right: string; records: number; claims: number; gas: number; calldata: number; logs: number; state: number };

/** Yearly volumes × the measured per-application figures, linear in the number of claims (0 and 1 measured). */
export function yearlyGrowth(gas: ResultFile): Growth[] {
  const r = gas.results;
  const g0 = r.batch100PerApp0Claims as number;
  const g1 = r.batch100PerApp1Claim as number;
  const b0 = r.bytesPerApplication.claims0 as { calldata: number; logs: number; newSlots: number };
  const b1 = r.bytesPerApplication.claims1 as { calldata: number; logs: number; newSlots: number };
  return ASSUMPTIONS.volumes.map((v) => {
    const c = v.claimsPerRecord;
    return {
      right: v.right,
      records: v.records,
      claims: v.records * c,
      gas: v.records * (g0 + c * (g1 - g0)),
      calldata: v.records * (b0.calldata + c * (b1.calldata - b0.calldata)),
      logs: v.records * (b0.logs + c * (b1.logs - b0.logs)),
      state: v.records * b0.newSlots * ASSUMPTIONS.stateBytesPerSlot,
    };
  });
}

function gasSection(gas: ResultFile | undefined, plots: Plot[]): string {
  if (!gas) return "Not measured in these results (no gas.json).";
  const r = gas.results;
  const ops: [string, number | undefined, number | undefined][] = [
    ["admit an office", r.admitOffice, undefined],
    ["grant a signer", r.grantSigner, undefined],
    ["register, no claim", r.registerSingle0Claims, r.floorSingle0Claims],
    ["register, 1 claim", r.registerSingle1Claim, r.floorSingle1Claim],
    ["register, 3 claims", r.registerSingle3Claims, r.floorSingle3Claims],
    ["batch of 10, 1 claim, per app", r.batch10PerApp1Claim, r.floorBatch10PerApp1Claim],
    [`batch of ${r.batchSize}, 1 claim, per app`, r.batch100PerApp1Claim, r.floorPerApp1Claim],
    [`batch of ${r.maxBatch} (max), 1 claim, per app`, r.batchMaxPerApp1Claim, r.floorBatchMaxPerApp1Claim],
    [`batch of ${r.batchSize}, no claim, per app`, r.batch100PerApp0Claims, r.floorPerApp0Claims],
    [`batch of ${r.batchSize}, 3 claims, per app`, r.batch100PerApp3Claims, r.floorPerApp3Claims],
    ["add a claim (1 recorded)", r.addPriorityClaim, r.floorAddPriorityClaim],
    ["withdraw a claim", r.withdrawPriorityClaim, r.floorWithdrawPriorityClaim],
    ["correct the filing date", r.correctFilingDate, r.floorCorrectFilingDate],
    ["correct the IP type", r.correctIpType, r.floorCorrectIpType],
  ];
  const present = ops.filter(([, g]) => typeof g === "number") as [string, number, number | undefined][];
  plots.push({
    name: "gas-per-operation",
    title: "Gas per operation against the EVM floor",
    spec: plotSpec("Gas per operation: measured and the EVM floor for the same data", {
      data: {
        values: present.flatMap(([op, g, f]) => [{ operation: op, kind: "measured", gas: g }, ...(f === undefined ? [] : [{ operation: op, kind: "EVM floor", gas: f }])]),
      },
      mark: "bar",
      encoding: {
        y: { field: "operation", type: "nominal", sort: null, title: "operation" },
        yOffset: { field: "kind" },
        x: { field: "gas", type: "quantitative", title: "gas per operation (gas units)" },
        color: { field: "kind", type: "nominal", title: "" },
      },
    }),
  });
  const rows = present.map(([op, g, f]) => [op, fmt(g), f === undefined ? "" : fmt(f), f === undefined ? "" : ratio(g / f)]);
  return [
    "The floor is what the EVM charges any contract for the same transaction: 21,000 per transaction, 22,100 per new",
    "storage slot (one per application), 375 + 375 per topic + 8 per byte for each log, 16 per non-zero and 4 per zero",
    "calldata byte. Gas is deterministic (Hardhat's in-process chain, same inputs), so these figures do not depend on",
    `the machine; medians of ${r.singleRuns} single transactions and ${r.batchRuns} batches. Admission and signer grants`,
    "are one-off writes per office and have no floor computed.",
    "",
    table(["operation", "gas", "EVM floor", "gas / floor"], rows),
    "",
    `The costliest batch the contract accepts (${r.maxBatch} applications, ${r.maxBatchClaims} claims, 32-character`,
    `numbers) uses ${fmt(r.worstFullBatchGas)} gas, ${ratio(r.worstFullBatchShareOfCap)} of the ${fmt(r.transactionGasCap)}`,
    "per-transaction cap (EIP-7825).",
    "",
    "![Gas per operation](cost-and-scale/gas-per-operation.svg)",
  ].join("\n");
}

const VARIANTS = [
  {
    key: "strings",
    name: "numbers as strings in storage",
    proves: "Everything: uniqueness of an application, each claim's office, number and date, readable by other contracts.",
    cannot: "Nothing more than dipr, at several times the gas; string numbers are not canonical, so two spellings of one number are two records.",
  },
  {
    key: "packed",
    name: "dipr's packed record (DiprRegister)",
    proves: "Uniqueness of an application id, its office, filing date and type, the claim count and withdrawals; claims proven against a 120-bit hash chain, rejects duplicate, self and not-earlier claims.",
    cannot: "Claims are not readable by other contracts without calldata (they live in events); a reader needs logs.",
  },
  {
    key: "eventsOnly",
    name: "events only",
    proves: "Who said what and when (signer, block order), checked against the signer's office.",
    cannot: "Uniqueness (the same number can be registered twice), that a correction refers to an existing record, claim dates against the filing date: every check moves to the indexer.",
  },
  {
    key: "merkleRoot",
    name: "a Merkle root per batch",
    proves: "That a record given with its proof was in a committed batch, and when that batch was committed.",
    cannot: "Anything about the records themselves: duplicates, claim dates and the data's availability depend on the office publishing the batch off chain.",
  },
] as const;

function variantsSection(variants: ResultFile | undefined, plots: Plot[]): string {
  if (!variants) return "Not measured in these results (no variants.json).";
  const r = variants.results;
  const present = VARIANTS.filter((v) => r[v.key]);
  const rows = present.map((v) => {
    const m = r[v.key];
    return [v.name, m.claims0.batchSize, fmt(m.claims0.gasPerApplication), fmt(m.claims1.gasPerApplication), fmt(m.claims3.gasPerApplication), fmt(m.claims1.calldataBytesPerApplication, 1), fmt(m.claims1.logBytesPerApplication, 1), fmt(m.claims1.slotsPerApplication, 2)];
  });
  const variantBars = present.flatMap((v) => [0, 1, 3].map((c) => ({ design: v.name, claims: `${c} claim${c === 1 ? "" : "s"}`, gas: r[v.key][`claims${c}`].gasPerApplication as number })));
  plots.push({
    name: "design-variants",
    title: "Gas per application by design",
    spec: plotSpec("Gas per application by design (batches; log scale)", {
      data: { values: variantBars },
      mark: "bar",
      encoding: {
        y: { field: "design", type: "nominal", sort: null, title: "design" },
        yOffset: { field: "claims" },
        x: { field: "gas", type: "quantitative", scale: { type: "log" }, title: "gas per application (gas units, log scale)" },
        x2: { datum: logBase(variantBars.map((b) => b.gas)) },
        color: { field: "claims", type: "nominal", title: "claims per application" },
      },
    }),
  });
  return [
    `The same applications (US numbers, filing dates, 0, 1 or 3 JP priority claims) sent to four small contracts`,
    "(`bench/variants/Variants.sol`, compiled with the register's solc) through one harness (`bench/variants.ts`).",
    `Batches of ${r.batchSize} applications; the strings variant sends batches of ${r.stringsBatchSize}, since 100 of its`,
    "applications with 3 claims pass the transaction gas cap (the 21,000 per transaction then weighs a few hundred gas",
    "more per application). Each variant but dipr lets its office's signer write after one storage read; dipr's role",
    "checks are the real ones. Slots written are counted from an opcode trace (distinct SSTORE keys).",
    "",
    table(["design", "batch", "gas / app, 0 claims", "1 claim", "3 claims", "calldata bytes / app (1 claim)", "log bytes / app (1 claim)", "slots / app"], rows),
    "",
    table(["design", "can prove on chain", "cannot prove on chain"], present.map((v) => [v.name, v.proves, v.cannot])),
    "",
    r.merkleProofVerifies === true ? "A Merkle proof of one record of a committed batch verifies on chain (`proveIncluded`)." : "",
    "",
    "![Gas per application by design](cost-and-scale/design-variants.svg)",
  ].join("\n");
}

function growthSection(gas: ResultFile | undefined, index: ResultFile | undefined, plots: Plot[]): string {
  if (!gas?.results.bytesPerApplication) return "Not measured in these results (gas.json without bytesPerApplication).";
  const b = gas.results.bytesPerApplication;
  const growth = yearlyGrowth(gas);
  const total = growth.reduce((s, g) => ({ records: s.records + g.records, calldata: s.calldata + g.calldata, logs: s.logs + g.logs, state: s.state + g.state }), { records: 0, calldata: 0, logs: 0, state: 0 });
  const store = index?.results.storeBytesPerApplication as number | undefined;
  plots.push({
    name: "chain-growth",
    title: "Chain growth per year at world volumes",
    spec: plotSpec("Chain growth per year at world filing volumes", {
      data: { values: growth.flatMap((g) => [{ right: g.right, kind: "calldata (history)", gb: gb(g.calldata) }, { right: g.right, kind: "logs (receipts)", gb: gb(g.logs) }, { right: g.right, kind: "state (slots)", gb: gb(g.state) }]) },
      mark: "bar",
      encoding: {
        x: { field: "right", type: "nominal", sort: null, title: "IP right" },
        y: { field: "gb", type: "quantitative", stack: "zero", title: "chain growth per year (GB)" },
        color: { field: "kind", type: "nominal", title: "" },
      },
    }),
  });
  return [
    `Measured per application (batches of ${gas.results.batchSize}, gas.json): calldata, log bytes (20-byte address, 32`,
    "bytes a topic, data) and new storage slots. State is counted as 64 raw bytes a slot (key and value); the state",
    "trie's own overhead and block and receipt headers are not measured here.",
    "",
    table(
      ["claims per application", "calldata bytes", "log bytes", "logs", "new slots"],
      Object.entries(b).sort(([x], [y]) => x.localeCompare(y)).map(([k, v]) => {
        const x = v as { calldata: number; logs: number; logCount: number; newSlots: number };
        return [k.replace("claims", ""), fmt(x.calldata), fmt(x.logs), fmt(x.logCount, 1), x.newSlots];
      }),
    ),
    "",
    "Per year at the WIPO volumes of 2023 (every design and every trade mark class one record; 0.29 claims per patent",
    "application, none for the others; bytes linear in the claims, through the 0- and 1-claim figures):",
    "",
    table(
      ["IP right", "records / year", "claims / year", "calldata GB", "log GB", "state GB"],
      [
        ...growth.map((g) => [g.right, fmt(g.records), fmt(g.claims), fmt(gb(g.calldata), 2), fmt(gb(g.logs), 2), fmt(gb(g.state), 2)]),
        ["all", fmt(total.records), "", fmt(gb(total.calldata), 2), fmt(gb(total.logs), 2), fmt(gb(total.state), 2)],
      ],
    ),
    "",
    store === undefined
      ? "The node's own store size was not measured in these results."
      : `An office node's store (LevelDB, ${index!.suite}.json, ${fmt(index!.results.applications)} applications with 1–3 claims each) takes ${fmt(store)} bytes an application right after catching up, so ${fmt(gb(store * total.records), 1)} GB a year at these volumes.`,
    "",
    "![Chain growth per year](cost-and-scale/chain-growth.svg)",
  ].join("\n");
}

function costSection(gas: ResultFile | undefined, index: ResultFile | undefined, plots: Plot[]): string {
  if (!gas?.results.bytesPerApplication) return "Not measured in these results.";
  const a = ASSUMPTIONS;
  const growth = yearlyGrowth(gas);
  const gasYear = growth.reduce((s, g) => s + g.gas, 0);
  const bytesYear = growth.reduce((s, g) => s + g.calldata + g.logs + g.state, 0);
  const store = (index?.results.storeBytesPerApplication as number | undefined) ?? 0;
  const records = growth.reduce((s, g) => s + g.records, 0);
  const nodeDiskGb = gb(bytesYear + store * records);
  const l1Share = gasYear / ((a.l1BlockGas * SECONDS_PER_YEAR) / a.l1BlockSeconds);
  const consortiumShare = gasYear / ((a.consortiumBlockGas * SECONDS_PER_YEAR) / a.consortiumBlockSeconds);
  const ethCost = (gwei: number) => gasYear * gwei * 1e-9 * a.ethUsd;
  const diskCost = nodeDiskGb * a.consortiumNodes * a.diskUsdPerGbMonth * 12;
  const settings = [
    ...a.l1GasPriceGwei.map((g) => ({ setting: `public L1 at ${g} gwei`, usd: ethCost(g) })),
    { setting: `public L2 at ${a.l2GasPriceGwei} gwei (execution only)`, usd: ethCost(a.l2GasPriceGwei) },
    { setting: `consortium, disk of ${a.consortiumNodes} nodes, first year`, usd: diskCost },
  ];
  plots.push({
    name: "cost-per-year",
    title: "Cost per year",
    spec: plotSpec("Cost per year at world volumes (stated prices; log scale)", {
      data: { values: settings },
      mark: "bar",
      encoding: {
        y: { field: "setting", type: "nominal", sort: null, title: "chain" },
        x: { field: "usd", type: "quantitative", scale: { type: "log" }, title: "cost per year (USD, log scale)" },
        x2: { datum: logBase(settings.map((b) => b.usd)) },
      },
    }),
  });
  return [
    "Stated prices, not market data: ETH at " + `${fmt(a.ethUsd)} USD; L1 gas at ${a.l1GasPriceGwei.join(" and ")} gwei, L1 blocks of ${fmt(a.l1BlockGas)} gas every ${a.l1BlockSeconds} s;`,
    `an L2 at ${a.l2GasPriceGwei} gwei of execution gas (its fee for posting data to L1 is left out: the calldata bytes`,
    `below are what it would post); a consortium chain of ${a.consortiumNodes} nodes with blocks of ${fmt(a.consortiumBlockGas)} gas every`,
    `${a.consortiumBlockSeconds} s, disk at ${a.diskUsdPerGbMonth} USD per GB-month. Gas per record is the batch figure (batches of`,
    `${gas.results.batchSize}) linear in the claims: ${fmt(gas.results.batch100PerApp0Claims)} + claims × ${fmt(gas.results.batch100PerApp1Claim - gas.results.batch100PerApp0Claims)}.`,
    "",
    table(
      ["quantity", "formula", "value"],
      [
        ["gas per year", "Σ records × (gas₀ + claims × gas per claim)", fmt(gasYear)],
        ["share of L1 block space", `gas per year ÷ (${fmt(a.l1BlockGas)} × seconds per year ÷ ${a.l1BlockSeconds})`, `${fmt(l1Share * 100, 2)} %`],
        ["share of the consortium's block space", `gas per year ÷ (${fmt(a.consortiumBlockGas)} × seconds per year ÷ ${a.consortiumBlockSeconds})`, `${fmt(consortiumShare * 100, 2)} %`],
        ...a.l1GasPriceGwei.map((g) => [`public L1 at ${g} gwei`, `gas per year × ${g} × 10⁻⁹ × ${fmt(a.ethUsd)}`, usd(ethCost(g))]),
        [`public L2 at ${a.l2GasPriceGwei} gwei`, `gas per year × ${a.l2GasPriceGwei} × 10⁻⁹ × ${fmt(a.ethUsd)}`, usd(ethCost(a.l2GasPriceGwei))],
        ["chain bytes per year (calldata + logs + state)", "section 3", `${fmt(gb(bytesYear), 1)} GB`],
        ["disk per node per year", `chain bytes + store bytes per record (${fmt(store)}) × records`, `${fmt(nodeDiskGb, 1)} GB`],
        [`consortium disk, ${a.consortiumNodes} nodes, first year`, `disk per node × ${a.consortiumNodes} × ${a.diskUsdPerGbMonth} × 12`, usd(diskCost)],
      ],
    ),
    "",
    "![Cost per year](cost-and-scale/cost-per-year.svg)",
  ].join("\n");
}

/**
 * The median round's catch-up time: every round catches up over the same events, so it is the events over the
 * median rate (`syncMs` is the last round's, whose memory samples the file describes).
 */
const catchUpMs = (r: { events: number; eventsPerSecond: number }) => (r.events / r.eventsPerSecond) * 1000;

function catchUpSection(set: ResultSet, plots: Plot[]): string {
  const runs = sized(set, "index");
  if (runs.length === 0) return "Not measured in these results (no index*.json).";
  const rows = runs.map((f) => {
    const r = f.results;
    return [
      fmt(r.applications),
      fmt(r.events),
      fmt(catchUpMs(r) / 1000, 1),
      fmt(catchUpMs(r) / (r.applications / 1000), 0),
      fmt(r.eventsPerSecond),
      ratio(r.ratioToRaw),
      fmt(r.peakRssMiB),
      r.storeBytesPerApplication === undefined ? "not measured" : fmt(r.storeBytesPerApplication),
      r.rounds,
      `${r.nodeStealPercent} %`,
      f.scale ?? "full (before scales)",
    ];
  });
  const byApplications = (title: string, yTitle: string, values: { applications: number; measure: string; value: number }[]) =>
    plotSpec(title, {
      data: { values },
      mark: { type: "line", point: true },
      encoding: {
        x: { field: "applications", type: "quantitative", scale: { type: "log" }, title: "applications on the register (log scale)" },
        y: { field: "value", type: "quantitative", title: yTitle },
        color: { field: "measure", type: "nominal", title: "" },
      },
    });
  plots.push({
    name: "catch-up",
    title: "Node catch-up time",
    spec: byApplications(
      "A new office node: catch-up time by register size",
      "catch-up time (s)",
      runs.map((f) => ({ applications: f.results.applications, measure: `catch-up (${f.scale ?? "full"} scale)`, value: catchUpMs(f.results) / 1000 })),
    ),
  });
  plots.push({
    name: "node-memory",
    title: "Node peak memory and store size",
    spec: byApplications(
      "A new office node: peak memory and store on disk by register size",
      "memory or disk (MiB)",
      runs.flatMap((f) => [
        { applications: f.results.applications, measure: "peak RSS", value: f.results.peakRssMiB },
        ...(f.results.storeBytes === undefined ? [] : [{ applications: f.results.applications, measure: "store on disk", value: f.results.storeBytes / 2 ** 20 }]),
      ]),
    ),
  });
  // Linearity within one scale's runs (one round of the machine), else across all files.
  const scales = [...new Set(runs.map((f) => f.scale ?? "full"))];
  const sameScale = scales.map((sc) => runs.filter((f) => (f.scale ?? "full") === sc)).sort((x, y) => y.length - x.length)[0]!;
  const compared = sameScale.length > 1 ? sameScale : runs;
  const first = compared[0]!.results;
  const last = compared.at(-1)!.results;
  const growth = compared.length > 1 ? (catchUpMs(last) / last.applications) / (catchUpMs(first) / first.applications) : null;
  const has1M = runs.some((f) => f.results.applications >= 1_000_000);
  return [
    "A fresh `dipr node` process catching up over a pre-mined register (applications with 1–3 claims, three offices),",
    "from start to its \"caught up\" log line, against a raw reader of the same logs (`eth_getLogs`, one LevelDB key per",
    "log) run before and after it; peak RSS is the process's high-water mark, the highest of the rounds; the store is",
    "measured on disk right after catching up. Other figures are medians of the rounds; one run of a round is a sample of",
    "a shared machine, not a law.",
    "",
    table(["applications", "events", "catch-up s", "ms per 1,000 apps", "events / s", "node / raw reader", "peak RSS MiB", "store bytes / app", "rounds", "CPU steal", "scale"], rows),
    "",
    growth === null
      ? "Only one size measured: linearity cannot be judged from these results."
      : `Catch-up time per application at ${sizeLabel(last.applications)} is ${ratio(growth)} × its value at ${sizeLabel(first.applications)} (runs of the ${compared[0]!.scale ?? "full"} scale; 1.00 would be exactly linear; a fixed start-up cost makes small registers look slower per application; ${roundsWords(compared.map((f) => f.results))}).`,
    has1M ? "" : "1 M applications were not measured in these results (the `full` scale runs them; at the `small` scale the largest size is shown). No figure for 1 M is given here rather than an extrapolated one.",
    "",
    "![Catch-up time](cost-and-scale/catch-up.svg)",
    "",
    "![Peak memory and store size](cost-and-scale/node-memory.svg)",
  ].join("\n");
}

function apiSection(set: ResultSet, plots: Plot[]): string {
  const runs = sized(set, "api");
  if (runs.length === 0) return "Not measured in these results (no api*.json).";
  const cell = (v: unknown, suffix = "") => (typeof v === "number" ? `${fmt(v, Number.isInteger(v) ? 0 : 2)}${suffix}` : typeof v === "string" ? v : "not measured");
  const rows = runs.flatMap((f) => {
    const r = f.results;
    // A ratio is null when the bare route took 0 ms (autocannon's resolution) in every round.
    const l = JSON.parse(JSON.stringify(r.latencyToBaseline ?? {}).replaceAll("null", '"n/a (bare route 0 ms)"'));
    return [
      [sizeLabel(r.applications), "verify", cell(r.verifyP50Ms), cell(r.verifyP99Ms), cell(l.verify?.p50, "×"), cell(l.verify?.p99, "×"), cell(r.verifyReqPerSec10), cell(r.verifyReqPerSec)],
      [sizeLabel(r.applications), `extended family (${r.familyMembers})`, cell(r.familyP50Ms), cell(r.familyP99Ms), cell(l.family?.p50, "×"), cell(l.family?.p99, "×"), cell(r.familyReqPerSec10), ""],
      [sizeLabel(r.applications), "claimants", cell(r.claimantsP50Ms), cell(r.claimantsP99Ms), cell(l.claimants?.p50, "×"), cell(l.claimants?.p99, "×"), cell(r.claimantsReqPerSec), ""],
      [sizeLabel(r.applications), "bare express route", cell(r.baselineP50Ms), cell(r.baselineP99Ms), "1×", "1×", cell(r.baselineReqPerSec10), cell(r.baselineReqPerSec)],
    ];
  });
  const values = runs.flatMap((f) => {
    const r = f.results;
    const label = sizeLabel(r.applications);
    return [
      ["verify", r.verifyP50Ms, r.verifyP99Ms],
      ["family", r.familyP50Ms, r.familyP99Ms],
      ["claimants", r.claimantsP50Ms, r.claimantsP99Ms],
      ["bare route", r.baselineP50Ms, r.baselineP99Ms],
    ]
      .filter(([, p50]) => typeof p50 === "number")
      .flatMap(([query, p50, p99]) => [
        { query: `${query}, ${label}`, percentile: "p50", ms: p50 },
        { query: `${query}, ${label}`, percentile: "p99", ms: p99 },
      ]);
  });
  plots.push({
    name: "query-latency",
    title: "Query latency",
    spec: plotSpec("Query latency at 10 connections (medians of rounds)", {
      data: { values },
      mark: "bar",
      encoding: {
        y: { field: "query", type: "nominal", sort: null, title: "query, applications in the store" },
        yOffset: { field: "percentile" },
        x: { field: "ms", type: "quantitative", title: "latency (ms)" },
        color: { field: "percentile", type: "nominal", title: "" },
      },
    }),
  });
  return [
    "autocannon against a node's API over a LevelDB store filled through the indexer's write path (`bench/api.ts`),",
    "10 connections for latency, 50 for verify's throughput; each round measures every query and a bare express route",
    "in the same process, and the ratios are taken within a round (median of rounds). autocannon reports whole",
    "milliseconds, so a 1 ms difference is within its resolution. The latency tail moves with the machine's CPU steal.",
    "",
    table(["store", "query", "p50 ms", "p99 ms", "p50 / bare route", "p99 / bare route", "req/s (10 conn.)", "req/s (50 conn.)"], rows),
    "",
    table(
      ["store", "verify / bare route throughput (same round)", "claimant page p99: a number claimed many times / once", "rounds × seconds", "CPU steal per round", "scale"],
      runs.map((f) => [
        sizeLabel(f.results.applications),
        ratio(f.results.verifyToBaselineRatio),
        typeof f.results.claimantsPageP99Ratio === "number" ? `${ratio(f.results.claimantsPageP99Ratio)} (${fmt(f.results.heavyClaims)} claims)` : "not measured",
        `${f.results.rounds} × ${f.results.secondsPerMeasure}`,
        `${(f.results.stealPercentPerRound as number[]).join(", ")} %`,
        f.scale ?? "full (before scales)",
      ]),
    ),
    "",
    "![Query latency](cost-and-scale/query-latency.svg)",
    ...apiVariantsParagraphs(set),
  ].join("\n");
}

/** The interleaved A/B runs of the API server (`bench/api-ab.ts`, api-ab*.json), if any. */
function apiVariantsParagraphs(set: ResultSet): string[] {
  const runs = Object.values(set.files)
    .filter((f) => f.suite === "api-ab" || f.suite.startsWith("api-ab-"))
    .sort((a, b) => a.results.applications - b.results.applications);
  if (runs.length === 0) return [];
  type Variant = { variant: string; env: Record<string, string>; verifyP99Ratio: number; familyP99Ratio: number; verifyP99Ms: number; baselineP99Ms: number; verifyMajorGcs: number };
  const envText = (env: Record<string, string>) => (Object.keys(env).length === 0 ? "as `dipr node` runs" : Object.entries(env).map(([k, v]) => `\`${k}=${v}\``).join(", "));
  return [
    "",
    "Server variants measured side by side (`bench/api-ab.ts`: one server per variant on the same store, each round",
    "measuring every variant in turn against the bare route of its own process; medians of rounds, 10 connections):",
    "",
    table(
      ["store", "variant", "verify p99 / bare route", "family p99 / bare route", "verify p99 ms", "bare route p99 ms", "major GCs per 3 s of verify", "rounds", "CPU steal per round"],
      runs.flatMap((f) =>
        (f.results.variants as Variant[]).map((v) => [
          sizeLabel(f.results.applications),
          `${v.variant}: ${envText(v.env)}`,
          ratio(v.verifyP99Ratio),
          ratio(v.familyP99Ratio),
          String(v.verifyP99Ms),
          String(v.baselineP99Ms),
          String(v.verifyMajorGcs),
          String(f.results.rounds),
          `${(f.results.stealPercentPerRound as number[]).join(", ")} %`,
        ]),
      ),
    ),
  ];
}

function ceilingSection(set: ResultSet, gas: ResultFile | undefined, plots: Plot[]): string {
  const a = ASSUMPTIONS;
  const records = a.volumes.reduce((s, v) => s + v.records, 0);
  const average = records / SECONDS_PER_YEAR;
  const workingDay = records / a.workingDaysPerYear / 86_400;
  const peak = workingDay * a.peakDayFactor;
  const index = sized(set, "index").filter((f) => f.results.preMineApplicationsPerSecond !== undefined).at(-1);
  const imp = set.files.import;
  const bars: { rate: string; perSecond: number; kind: string }[] = [
    { rate: "world average (all year)", perSecond: average, kind: "demand" },
    { rate: `world peak day (${a.peakDayFactor} × a working day, assumed)`, perSecond: peak, kind: "demand" },
  ];
  if (index?.results.preMineApplicationsPerSecond) bars.push({ rate: `local chain, batches of ${index.results.preMineBatchSize} (measured)`, perSecond: index.results.preMineApplicationsPerSecond, kind: "supply" });
  if (imp) bars.push({ rate: "dipr import, one office (measured)", perSecond: imp.results.rowsPerSecond, kind: "supply" });
  const perApp = gas?.results.batchMaxPerApp1Claim as number | undefined;
  if (perApp) bars.push({ rate: "L1 block gas, whole blocks (computed)", perSecond: a.l1BlockGas / a.l1BlockSeconds / perApp, kind: "supply" });
  plots.push({
    name: "ceiling",
    title: "The chain as a ceiling",
    spec: plotSpec("Registrations per second: what the chain sustains against world filing rates (log scale)", {
      data: { values: bars },
      mark: "bar",
      encoding: {
        y: { field: "rate", type: "nominal", sort: null, title: "rate" },
        x: { field: "perSecond", type: "quantitative", scale: { type: "log" }, title: "applications per second (log scale)" },
        x2: { datum: logBase(bars.map((b) => b.perSecond)) },
        color: { field: "kind", type: "nominal", title: "" },
      },
    }),
  });
  return [
    `World demand: ${fmt(records)} records a year (section 3's volumes) is ${fmt(average, 2)} a second on average; spread over`,
    `${a.workingDaysPerYear} working days, ${fmt(workingDay, 2)} a second; a peak day is assumed at ${a.peakDayFactor} × a working day,`,
    `${fmt(peak, 2)} a second (no daily filing statistics are used: the factor is an assumption).`,
    "",
    table(
      ["rate", "applications / s", "source"],
      bars.map((b) => [
        b.rate,
        fmt(b.perSecond, b.perSecond < 10 ? 2 : 0),
        b.rate.startsWith("local chain")
          ? `${index!.suite}.json: ${fmt(index!.results.applications)} applications pre-mined by 3 signers in parallel in ${fmt(index!.results.preMineMs / 1000, 1)} s (hardhat node, one block a transaction; scale ${index!.scale ?? "full"})`
          : b.rate.startsWith("dipr import")
            ? `import.json: ${fmt(imp!.results.rows)} rows, process start included (CPU steal ${imp!.results.stealPercent} %)`
            : b.rate.startsWith("L1")
              ? `${fmt(a.l1BlockGas)} gas every ${a.l1BlockSeconds} s ÷ ${fmt(perApp!)} gas an application (batches of ${gas!.results.maxBatch}, 1 claim)`
              : "WIPO volumes ÷ seconds",
      ]),
    ),
    "",
    "The local chain's figure is a single-machine sample (the chain, its RPC and the senders share two cores); a",
    "consortium chain's ceiling is its block gas per second divided by the gas per application.",
    "",
    "![Ceiling](cost-and-scale/ceiling.svg)",
  ].join("\n");
}

/** What the compiled build saves at start-up (startup.json: both ways timed in turn, medians). */
function startupSection(set: ResultSet): string {
  const startup = set.files.startup;
  if (!startup) return "Not measured in these results (`npm run bench:startup` writes `startup.json`).";
  const { version, nodeReady } = startup.results as Record<"version" | "nodeReady", { distMs: number; tsxMs: number; ratio: number; stealPercent: number }>;
  return [
    "An office's `dipr` runs compiled JavaScript (`dist/`, built at install); running the TypeScript sources through tsx,",
    `as a checkout without the build does, is the comparison. Medians of both ways timed in turn on ${startup.results.node}:`,
    "",
    table(
      ["start-up", "compiled, ms", "through tsx, ms", "ratio", "CPU steal"],
      [
        ["`dipr --version`", fmt(version.distMs), fmt(version.tsxMs), ratio(version.ratio), `${version.stealPercent} %`],
        ["`dipr node` until its API answers `/ready` (caught up, one application)", fmt(nodeReady.distMs), fmt(nodeReady.tsxMs), ratio(nodeReady.ratio), `${nodeReady.stealPercent} %`],
      ],
    ),
  ].join("\n");
}

/** The report's markdown and its plots' specs, from a set of result files. */
export function buildReport(set: ResultSet): { markdown: string; plots: Plot[] } {
  const plots: Plot[] = [];
  const gas = set.files.gas;
  // The largest node run that measured its store on disk.
  const index = sized(set, "index").filter((f) => f.results.storeBytesPerApplication !== undefined).at(-1);
  const run = set.files.run;
  const markdown = [
    "# What a blockchain IP register costs and how it scales",
    "",
    "<!-- Generated by bench/report.ts from the results files listed below; do not edit by hand. -->",
    "",
    "Generated from benchmark results by `npm run bench` (`DIPR_BENCH_SCALE=small|full`, `-- --write` to rewrite the",
    "committed results and this report); `npx tsx bench/report.ts` regenerates it from the committed results",
    "(`--from local` for `bench/results/local/`). Gas and bytes are deterministic; timings are medians of rounds on a",
    "shared machine whose CPU steal is given for each suite, and no single timing is meant as a law.",
    "",
    "Scales: `small` runs the node and API benchmarks at 10 k and 100 k applications with one node round and three API",
    "rounds of 2 s, and imports 5,000 rows; `full` adds 1 M applications, with three node rounds, five API rounds of 3 s",
    "and 10,000 rows. Gas is the same at both scales. Figures from files written before the scales existed were full-size",
    "runs and say so.",
    "",
    run ? `Last suite run: ${run.date.slice(0, 16).replace("T", " ")} UTC, scale **${run.results.scale}**, ${fmt(run.results.totalSeconds)} s in all.` : "",
    "",
    "## Where the figures come from",
    "",
    sources(set),
    "",
    "\"CPU steal over the suite\" is the share of the VM's CPU time the hypervisor gave to others while the suite ran",
    "(from `/proc/stat`, recorded by `npm run bench`); \"while timing\" is the suite's own record over its timed part.",
    "\"Code measured\" is the commit the suite ran on. The load average is the machine's when the suite finished: on",
    "these 2 cores, above 2 means other work shared the machine with the suite, which slows absolute timings more than",
    "the ratios measured within one round.",
    "",
    "## 1. Gas per operation against the EVM floor",
    "",
    gasSection(gas, plots),
    "",
    "## 2. Design variants side by side",
    "",
    variantsSection(set.files.variants, plots),
    "",
    "## 3. Chain growth",
    "",
    growthSection(gas, index, plots),
    "",
    "## 4. Cost per year",
    "",
    costSection(gas, index, plots),
    "",
    "## 5. A new office node: catch-up time, peak memory, store size",
    "",
    catchUpSection(set, plots),
    "",
    "## 6. Query latency and throughput",
    "",
    apiSection(set, plots),
    "",
    "## 7. The chain as a ceiling",
    "",
    ceilingSection(set, gas, plots),
    "",
    "## 8. Start-up of the CLI and the node",
    "",
    startupSection(set),
    "",
  ]
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
  return { markdown, plots };
}

/** Renders a vega-lite spec to an SVG string (vega's headless renderer). */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  const svg = await view.toSVG();
  view.finalize();
  return svg;
}

/** Writes the report to `path` and its plots to `<dir of path>/cost-and-scale/<name>.svg`. */
export async function writeReport(set: ResultSet, path: string): Promise<{ markdown: string; plotPaths: string[] }> {
  const dir = dirname(path);
  const plotDir = join(dir, basename(path, ".md"));
  mkdirSync(plotDir, { recursive: true });
  const { markdown, plots } = buildReport(set);
  const plotPaths: string[] = [];
  for (const plot of plots) {
    const file = join(plotDir, `${plot.name}.svg`);
    writeFileSync(file, `${await renderSvg(plot.spec)}\n`);
    plotPaths.push(file);
  }
  writeFileSync(path, markdown.replaceAll("](cost-and-scale/", `](${basename(path, ".md")}/`));
  return { markdown, plotPaths };
}

/** The value of `--name value` or `--name=value` on the command line. */
function option(name: string): string | undefined {
  const i = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return process.argv[i]!.includes("=") ? process.argv[i]!.slice(name.length + 3) : process.argv[i + 1];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const from = option("from") ?? "committed";
  const dir = from === "committed" ? COMMITTED_RESULTS_DIR : from === "local" ? LOCAL_RESULTS_DIR : from;
  const out = option("out") ?? (dir === COMMITTED_RESULTS_DIR ? DEFAULT_REPORT_PATH : join(dir, "cost-and-scale.md"));
  const { plotPaths } = await writeReport(loadResults(dir), out);
  process.stderr.write(`wrote ${out} and ${plotPaths.length} plots\n`);
}
