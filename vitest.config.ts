import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/ when src/ changed, so the tests that spawn bin/dipr.js run the compiled CLI.
    globalSetup: ["test/support/build-dist.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Two cores on CI: forks keep native modules (EDR, LevelDB) isolated per file.
    pool: "forks",
    maxWorkers: 2,
  },
});
