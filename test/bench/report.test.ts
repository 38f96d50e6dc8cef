import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { ASSUMPTIONS, buildReport, loadResults, writeReport, yearlyGrowth, type ResultSet } from "../../bench/report.js";

// A small fixed results set (a small-scale run's files, trimmed); no timing is asserted, only that the report says
// what the files say.
const FIXTURES = fileURLToPath(new URL("./fixtures/results/", import.meta.url));
const set = loadResults(FIXTURES, null);
const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 0 });

/** The set with one results field replaced. */
function withField(suite: string, field: string, value: unknown): ResultSet {
  const file = set.files[suite]!;
  return { files: { ...set.files, [suite]: { ...file, results: { ...file.results, [field]: value } } } };
}

describe("the cost-and-scale report", () => {
  const { markdown, plots } = buildReport(set);

  it("answers the eight questions in order", () => {
    const headings = markdown.split("\n").filter((l) => /^## \d\./.test(l));
    expect(headings.map((h) => h.slice(3, 5))).toEqual(["1.", "2.", "3.", "4.", "5.", "6.", "7.", "8."]);
  });

  it("gives the median round's catch-up time (events over the median rate), not the last round's", () => {
    const index = set.files["index-10000"]!;
    const r = { ...index.results, rounds: 3, eventsPerSecond: 10_000, syncMs: 9_999 };
    const { markdown: report } = buildReport({ files: { ...set.files, "index-10000": { ...index, results: r } } });
    expect(report).toContain(`| ${fmt(r.applications)} | ${fmt(r.events)} | ${(r.events / 10_000).toFixed(1)} | ${fmt(r.events / 10_000 / (r.applications / 1000) * 1000)} | 10,000 |`);
  });

  it("shows an A/B run of the API server beside, not among, the sizes of the API section", () => {
    const api = set.files["api-10000"]!;
    const variant = (name: string, env: Record<string, string>, verifyP99Ratio: number, verifyMajorGcs: number) => ({
      variant: name,
      env,
      verifyP99Ratio,
      familyP99Ratio: 1.5,
      verifyP99Ms: 10.5,
      baselineP99Ms: 9,
      verifyMajorGcs,
    });
    const ab = { ...api, suite: "api-ab-10000", results: { applications: 10_000, rounds: 8, stealPercentPerRound: [0, 1], variants: [variant("A", {}, 1.01, 5), variant("B", { DIPR_NODE_HEAP_GROWTH_PERCENT: "0" }, 1.17, 12)] } };
    const { markdown: report } = buildReport({ files: { ...set.files, "api-ab-10000": ab } });
    expect(report).toContain("| 10 k | A: as `dipr node` runs | 1.01 | 1.50 | 10.5 | 9 | 5 | 8 | 0, 1 % |");
    expect(report).toContain("| 10 k | B: `DIPR_NODE_HEAP_GROWTH_PERCENT=0` | 1.17 | 1.50 | 10.5 | 9 | 12 | 8 | 0, 1 % |");
    expect(markdown).not.toContain("Server variants measured side by side");
  });

  it("takes the start-up times from startup.json, and says when it is missing", () => {
    const { version, nodeReady } = set.files.startup!.results;
    expect(markdown).toContain(`| \`dipr --version\` | ${fmt(version.distMs)} | ${fmt(version.tsxMs)} | ${version.ratio.toFixed(2)} |`);
    expect(markdown).toContain(`answers \`/ready\` (caught up, one application) | ${fmt(nodeReady.distMs)} | ${fmt(nodeReady.tsxMs)} |`);
    const { startup: _startup, ...others } = set.files;
    expect(buildReport({ files: others }).markdown).toContain("Not measured in these results (`npm run bench:startup` writes `startup.json`).");
  });

  it("takes its gas figures from gas.json", () => {
    const gas = set.files.gas!.results;
    expect(markdown).toContain(`| batch of 100, 1 claim, per app | ${fmt(gas.batch100PerApp1Claim)} | ${fmt(gas.floorPerApp1Claim)} |`);
    expect(markdown).toContain(`| admit an office | ${fmt(gas.admitOffice)} |`);
    expect(buildReport(withField("gas", "batch100PerApp1Claim", 12_345)).markdown).toContain("| batch of 100, 1 claim, per app | 12,345 |");
  });

  it("computes the yearly figures from the files and the stated assumptions", () => {
    const gas = set.files.gas!.results;
    const growth = yearlyGrowth(set.files.gas!);
    const patents = ASSUMPTIONS.volumes[0];
    const expected = patents.records * (gas.batch100PerApp0Claims + patents.claimsPerRecord * (gas.batch100PerApp1Claim - gas.batch100PerApp0Claims));
    expect(growth[0]!.gas).toBeCloseTo(expected, 0);
    expect(markdown).toContain(`| gas per year | Σ records × (gas₀ + claims × gas per claim) | ${fmt(growth.reduce((s, g) => s + g.gas, 0))} |`);
  });

  it("lists every results file with its scale and the CPU steal of its round", () => {
    expect(markdown).toMatch(/\| `[^`]*index-10000\.json` \| 2026-01-10 10:02 \| small \| 12 % \|/);
    expect(markdown).toMatch(/\| `[^`]*api-10000\.json` \| 2026-01-10 10:03 \| small \| 17 % \|/);
  });

  it("takes a suite's CPU steal from a run of some suites (run-<suites>.json) as well as from a whole run", () => {
    const { run, ...rest } = set.files;
    const partial = { ...run!, suite: "run-index-10000", results: { ...run!.results, suites: run!.results.suites.map((s: { stealPercent: number }) => ({ ...s, stealPercent: 42 })) } };
    expect(buildReport({ files: { ...rest, "run-index-10000": partial } }).markdown).toMatch(/\| `[^`]*index-10000\.json` \| 2026-01-10 10:02 \| small \| 42 % \|/);
  });

  it("names the code and the load each file was measured with, when the file records them", () => {
    expect(markdown).toMatch(/\| `[^`]*gas\.json` \|.*\| not recorded \| not recorded \|/);
    const file = set.files.gas!;
    const recorded = { files: { ...set.files, gas: { ...file, source: { commit: "0123456789abcdef", dirty: true }, loadAverage1m: 3.5 } } };
    expect(buildReport(recorded).markdown).toMatch(/\| `[^`]*gas\.json` \|.*\| 0123456 \(with uncommitted changes\) \| 3\.5 \|/);
  });

  it("gives node and API figures from their files and says what was not measured", () => {
    const index = set.files["index-10000"]!.results;
    expect(markdown).toContain(`| ${fmt(index.applications)} | ${fmt(index.events)} |`);
    expect(markdown).toContain(`${fmt(index.storeBytesPerApplication)} bytes an application`);
    expect(markdown).toContain("1 M applications were not measured in these results");
    const api = set.files["api-10000"]!.results;
    expect(markdown).toContain(`| 10 k | verify | ${api.verifyP50Ms} | ${api.verifyP99Ms} |`);
    const { variants: _, ...rest } = set.files;
    expect(buildReport({ files: rest }).markdown).toContain("Not measured in these results (no variants.json).");
  });

  it("names the axes of every plot, with units on the measured axis", () => {
    expect(plots.map((p) => p.name).sort()).toEqual(["catch-up", "ceiling", "chain-growth", "cost-per-year", "design-variants", "gas-per-operation", "node-memory", "query-latency"]);
    for (const plot of plots) {
      const encoding = (plot.spec as { encoding: Record<string, { type?: string; title?: string }> }).encoding;
      expect(encoding.x?.title, plot.name).toBeTruthy();
      expect(encoding.y?.title, plot.name).toBeTruthy();
      const measured = [encoding.x!, encoding.y!].filter((axis) => axis.type === "quantitative");
      expect(measured.length, plot.name).toBeGreaterThan(0);
      for (const axis of measured) expect(axis.title, plot.name).toMatch(/\(.+\)/);
    }
  });

  describe("written to disk", () => {
    const dir = mkdtempSync(join(tmpdir(), "dipr-report-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it("writes the markdown and one SVG per plot, each linked and titled on its axes", async () => {
      const path = join(dir, "cost-and-scale.md");
      const { plotPaths } = await writeReport(set, path);
      const written = readFileSync(path, "utf8");
      expect(plotPaths).toHaveLength(plots.length);
      for (const plot of plots) {
        const file = join(dir, "cost-and-scale", `${plot.name}.svg`);
        expect(existsSync(file), plot.name).toBe(true);
        expect(written).toContain(`(cost-and-scale/${plot.name}.svg)`);
        const svg = readFileSync(file, "utf8");
        expect(svg.startsWith("<svg")).toBe(true);
        const encoding = (plot.spec as { encoding: Record<string, { title?: string }> }).encoding;
        for (const title of [encoding.x!.title!, encoding.y!.title!]) expect(svg, `${plot.name}: ${title}`).toContain(title.replaceAll("&", "&amp;"));
        // On a log scale every bar is drawn: a bar from zero has no width there and shows nothing at all.
        const logScale = (plot.spec as { encoding: { x?: { scale?: { type?: string } } } }).encoding.x?.scale?.type === "log";
        if (!logScale) continue;
        const bars = [...svg.matchAll(/aria-roledescription="bar" d="M[-\d.e]+,[-\d.e]+h([-\d.e]+)v([-\d.e]+)/g)];
        expect(bars.filter(([, w, h]) => Number(w) === 0 || Number(h) === 0).length, `${plot.name}: empty bars`).toBe(0);
      }
    });
  });
});
