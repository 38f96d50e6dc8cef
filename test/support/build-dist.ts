import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BUILD_SCRIPT = fileURLToPath(new URL("../../scripts/build-dist.mjs", import.meta.url));

/**
 * vitest globalSetup: tests that spawn bin/dipr.js run dist/, the compiled code users get, so dist/ is rebuilt
 * first when src/ changed (a few milliseconds when it did not).
 */
export function setup(): void {
  const result = spawnSync(process.execPath, [BUILD_SCRIPT, "--quiet"], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`building dist/ failed (exit ${result.status ?? result.signal}): ${result.stderr}`);
}
