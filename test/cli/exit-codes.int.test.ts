import { expect, test } from "vitest";
import { runDipr } from "../support/node-process.js";

test("usage errors exit with 2 and a message; --help and --version with 0", async () => {
  const unknown = await runDipr(["no-such-command"], {});
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain("unknown command");
  const badOption = await runDipr(["node", "status", "--no-such-flag"], {});
  expect(badOption.code).toBe(2);
  expect(badOption.stderr).toContain("unknown option");
  const help = await runDipr(["--help"], {});
  expect(help.code).toBe(0);
  expect(help.stdout).toContain("Usage: dipr");
  const version = await runDipr(["--version"], {});
  expect(version.code).toBe(0);
  expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
});

test("output into a pipe closed early (dipr … | head -1) ends quietly with exit code 0", async () => {
  const { spawnSync } = await import("node:child_process");
  const { DIPR_BIN } = await import("../support/node-process.js");
  // verify's help is written in several pieces: head has gone when the later ones arrive.
  const run = spawnSync("bash", ["-c", `"${process.execPath}" "${DIPR_BIN}" verify --help | head -1; exit \${PIPESTATUS[0]}`]);
  expect(run.stdout.toString()).toBe("Usage: dipr verify [options]\n");
  expect(run.stderr.toString()).not.toContain("EPIPE");
  expect(run.status).toBe(0);
});
