import { isDiprError } from "../src/errors.js";

/**
 * Runs a script's body: a DiprError becomes a one-line message on stderr and exit code 1 (2 for usage);
 * anything else is a bug and keeps its stack.
 */
export async function runMain(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (error) {
    if (isDiprError(error)) {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
      process.exitCode = error.code === "CLI_USAGE" ? 2 : 1;
    } else {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
