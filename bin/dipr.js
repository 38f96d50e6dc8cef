#!/usr/bin/env node
// Runs the TypeScript CLI directly: tsx's loader compiles src/ on the fly, so there is no build step.
import { register } from "tsx/esm/api";

// `dipr node` runs for months: without a cap V8 lets its heap grow to ~200 MiB of garbage between major
// collections while catching up (measured in bench/index.ts). The cap is a start-up flag, so the process
// replaces itself once (process.execve keeps the PID, so supervisors and signals are unaffected). This is the one
// environment read outside src/config.ts, which validates DIPR_NODE_HEAP_MIB like every other variable.
const HEAP_FLAG = "--max-old-space-size";
const heapMiB = process.env.DIPR_NODE_HEAP_MIB ?? "128";
const capped = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(" ")].some((a) => a.startsWith(HEAP_FLAG));
// An invalid value starts no re-exec here; the CLI then refuses it with CONFIG_INVALID.
if (process.argv[2] === "node" && !capped && /^\d+$/.test(heapMiB) && Number(heapMiB) >= 64 && typeof process.execve === "function") {
  process.execve(process.execPath, [process.execPath, `${HEAP_FLAG}=${heapMiB}`, ...process.execArgv, ...process.argv.slice(1)], process.env);
}

register();
await import("../src/cli/main.ts");
