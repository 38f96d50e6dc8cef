#!/usr/bin/env node
// Runs the compiled CLI in dist/ (scripts/build-dist.mjs, run by npm install, npm start and the tests). A checkout
// whose dist/ is missing or older than src/ runs src/ through tsx instead, when that development dependency is
// installed, so a developer never runs code older than the sources they are looking at.
import { existsSync } from "node:fs";

// `dipr node` runs for months: without a cap V8 lets its heap grow to ~200 MiB of garbage between major
// collections while catching up (measured in bench/index.ts). The cap is a start-up flag, so the process
// replaces itself once (process.execve keeps the PID, so supervisors and signals are unaffected). This is the one
// environment read outside src/config.ts, which validates DIPR_NODE_HEAP_MIB like every other variable.
const HEAP_FLAG = "--max-old-space-size";
const heapMiB = process.env.DIPR_NODE_HEAP_MIB ?? "128";
const capped = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(" ")].some((a) => a.startsWith(HEAP_FLAG));
// An invalid value starts no re-exec here; the CLI then refuses it with CONFIG_INVALID.
if (process.argv[2] === "node" && !capped && /^\d+$/.test(heapMiB) && Number(heapMiB) >= 64 && typeof process.execve === "function") {
  // glibc gives every thread that allocates an arena of its own (LevelDB's writer and compaction threads, libuv's
  // pool, V8's workers); two arenas hold the same data in about 20 MiB less resident memory while catching up
  // (bench/index.ts). Read by glibc at start-up, hence set here; a value in the environment is kept.
  const env = process.env.MALLOC_ARENA_MAX === undefined ? { ...process.env, MALLOC_ARENA_MAX: "2" } : process.env;
  process.execve(process.execPath, [process.execPath, `${HEAP_FLAG}=${heapMiB}`, ...process.execArgv, ...process.argv.slice(1)], env);
}

const compiled = new URL("../dist/cli/main.js", import.meta.url);

/** Whether dist/ was built from the current src/ (a few milliseconds of stat calls). */
async function compiledIsFresh() {
  try {
    const { distIsFresh } = await import("../scripts/build-dist.mjs");
    return distIsFresh();
  } catch {
    return true; // no build script next to us: dist/ is all there is
  }
}

async function tsxRegister() {
  try {
    return (await import("tsx/esm/api")).register;
  } catch {
    return undefined; // installed without development dependencies
  }
}

const hasCompiled = existsSync(compiled);
const fresh = hasCompiled && (await compiledIsFresh());
const register = fresh ? undefined : await tsxRegister();
if (register) {
  register();
  await import("../src/cli/main.ts");
} else if (hasCompiled) {
  // Sources changed without a build (e.g. a git pull without npm install) where tsx is not installed.
  if (!fresh) process.stderr.write("dipr: dist/ is older than src/, running the older build: run `npm run build:js` in dipr's folder\n");
  await import(compiled.href);
} else {
  process.stderr.write("dipr: the compiled CLI (dist/) is missing and tsx is not installed to run src/ directly: run `npm run build:js` (or `npm install`) in dipr's folder\n");
  process.exitCode = 1;
}
