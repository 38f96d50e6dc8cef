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
