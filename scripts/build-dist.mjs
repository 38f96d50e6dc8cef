// Transpiles src/**/*.ts one-to-one to dist/**/*.js (esbuild, no bundling) and copies src/'s other files (the
// register's ABI, the web page's HTML and CSS), so `dipr` runs plain JavaScript with only runtime dependencies.
// Run by `npm install` (prepare), `npm start`, vitest's globalSetup and the benchmarks; it does nothing when dist/
// is already newer than every input. It runs on whatever Node npm found (Node 20 under `npm install --omit=dev`).
//
// Other processes may be running dipr from dist/ while this runs, so dist/ is never written in place: the build goes
// to a temporary folder next to it, which then replaces dist/ by two renames. A reader sees the old tree or the new
// one, never a half-written one (between the two renames dist/ is briefly absent, and bin/dipr.js falls back).
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const DIST = join(ROOT, "dist");
const SRC = join(ROOT, "src");
const STAMP = ".build-stamp.json";
// Inputs besides src/: this script, and tsconfig.json, whose module settings esbuild reads (verbatimModuleSyntax
// decides which imports survive).
const EXTRA_INPUTS = ["scripts/build-dist.mjs", "tsconfig.json"];
// File clocks are coarse (a kernel tick) and may lag Date.now(): an edit made just as a build starts must still
// count as newer than that build, so the stamp claims an earlier start than the real one. The cost is at most one
// needless rebuild after an edit.
const CLOCK_MARGIN_MS = 2_000;
// A temporary folder this old belongs to a build that died; a younger one may be another build still running.
const ABANDONED_MS = 10 * 60_000;

const isDeclaration = (path) => path.endsWith(".d.ts");

/** Every input file, as paths relative to the project root, sorted. */
function inputFiles() {
  const files = readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(ROOT, join(entry.parentPath ?? entry.path, entry.name)));
  return [...files, ...EXTRA_INPUTS].sort();
}

function esbuildVersion() {
  return JSON.parse(readFileSync(join(ROOT, "node_modules/esbuild/package.json"), "utf8")).version;
}

/**
 * Whether dist/ was built from the current inputs: same file list (a deleted source leaves no stale output behind),
 * every input older than the build's start, same esbuild. A few milliseconds: one stat per input.
 */
export function distIsFresh() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(DIST, STAMP), "utf8"));
  } catch {
    return false; // no build yet, or a build from before stamps: build
  }
  const inputs = inputFiles();
  if (stamp.esbuild !== esbuildVersion()) return false;
  if (inputs.length !== stamp.inputs?.length || inputs.some((path, i) => path !== stamp.inputs[i])) return false;
  try {
    return inputs.every((path) => statSync(join(ROOT, path)).mtimeMs < stamp.startedAt);
  } catch {
    return false; // a file went away while we looked: it changed
  }
}

function removeAbandoned() {
  for (const name of readdirSync(ROOT)) {
    if (!/^dist\.(tmp|old)-/.test(name)) continue;
    const path = join(ROOT, name);
    try {
      if (name.startsWith("dist.old-") || Date.now() - statSync(path).mtimeMs > ABANDONED_MS) rmSync(path, { recursive: true, force: true });
    } catch {
      // Another build removed it first: nothing left to do.
    }
  }
}

/**
 * Replaces dist/ by `tmp`. Another build may swap its own tree in between our two renames (then dist/ is not empty
 * and the second rename fails): move that one aside too and try again; the last build to finish wins.
 */
function swapIn(tmp, tag) {
  const olds = [];
  try {
    for (let attempt = 0; ; attempt++) {
      const old = join(ROOT, `dist.old-${tag}-${attempt}`);
      try {
        renameSync(DIST, old);
        olds.push(old);
      } catch (error) {
        if (error.code !== "ENOENT") throw error;
      }
      try {
        renameSync(tmp, DIST);
        return;
      } catch (error) {
        if (!["ENOTEMPTY", "EEXIST"].includes(error.code) || attempt >= 10) throw error;
      }
    }
  } finally {
    for (const old of olds) rmSync(old, { recursive: true, force: true });
  }
}

/** Builds dist/ unless it is fresh. Returns whether it built. */
export async function buildDist({ force = false } = {}) {
  if (!force && distIsFresh()) return false;
  const { build } = await import("esbuild");
  const startedAt = Date.now() - CLOCK_MARGIN_MS;
  const inputs = inputFiles();
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const tmp = join(ROOT, `dist.tmp-${tag}`);
  removeAbandoned();
  try {
    const sources = inputs.filter((path) => path.startsWith("src/"));
    await build({
      entryPoints: sources.filter((path) => path.endsWith(".ts") && !isDeclaration(path)).map((path) => join(ROOT, path)),
      outdir: tmp,
      outbase: SRC,
      bundle: false,
      format: "esm",
      platform: "node",
      target: "node20",
      sourcemap: "linked",
      sourcesContent: false,
      logLevel: "warning",
    });
    for (const path of sources.filter((path) => !path.endsWith(".ts"))) {
      const to = join(tmp, relative(SRC, join(ROOT, path)));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(join(ROOT, path), to);
    }
    writeFileSync(join(tmp, STAMP), `${JSON.stringify({ startedAt, esbuild: esbuildVersion(), inputs })}\n`);
    swapIn(tmp, tag);
  } catch (error) {
    rmSync(tmp, { recursive: true, force: true });
    throw error;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const force = process.argv.includes("--force");
  const started = performance.now();
  try {
    const built = await buildDist({ force });
    const ms = Math.round(performance.now() - started);
    if (!process.argv.includes("--quiet")) console.error(built ? `dipr: built dist/ in ${ms} ms` : "dipr: dist/ is up to date");
  } catch (error) {
    console.error(`dipr: building dist/ failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
