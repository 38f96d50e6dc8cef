import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { loadConfig, type ConfigOverrides } from "../config.js";
import { isDiprError } from "../errors.js";
import { exitCodeOf } from "./exit-codes.js";
import { createLogger } from "../log.js";
import { runNode } from "./node-command.js";
import { nodeStatus, printNodeStatus } from "./status-command.js";

const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };

type NodeOptions = { dataDir?: string; allowAbiMismatch?: boolean };

/** The flags that stand for a DIPR_* variable, so they are validated like it. */
const overridesOf = (options: NodeOptions): ConfigOverrides => ({
  ...(options.dataDir !== undefined && { DIPR_DATA_DIR: options.dataDir }),
  ...(options.allowAbiMismatch === true && { DIPR_ALLOW_ABI_MISMATCH: "1" }),
});

// The CLI entry: parse, load the configuration once, hand each command only what it needs.
// Exit codes (src/cli/exit-codes.ts): 0 done, 1 input rejected, 2 usage, 3 a service unavailable. Errors are
// one line `error CODE: message` on stderr.
const program = new Command("dipr")
  .description("dipr: the distributed register of IP applications")
  .version(version, "-V, --version", "print dipr's version")
  .showHelpAfterError()
  // Usage errors throw (exit code 2 below) instead of commander's own process.exit(1).
  .exitOverride();

const node = program
  .command("node")
  .description("follow the register into a LevelDB directory (configuration: DIPR_* variables, see README)")
  .option("--data-dir <dir>", "the LevelDB directory (DIPR_DATA_DIR; default ./data/<chainId>-<address>/)")
  .option("--allow-abi-mismatch", "start even when the deployment record's ABI differs from this build's (DIPR_ALLOW_ABI_MISMATCH=1)")
  .action(async (options: NodeOptions) => {
    const config = loadConfig(process.env, overridesOf(options));
    const isTty = process.stderr.isTTY === true;
    // On a terminal the progress bar owns stderr: only warnings and errors are logged next to it.
    const level = isTty && ["trace", "debug", "info"].includes(config.logLevel) ? "warn" : config.logLevel;
    const log = createLogger({ level });
    const controller = new AbortController();
    const stop = (signal: NodeJS.Signals) => {
      if (controller.signal.aborted) return;
      log.info({ signal }, "shutdown requested, finishing the current range");
      controller.abort();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    await runNode({ config, log, signal: controller.signal, isTty });
  });

node
  .command("status")
  .description("chain id, register, indexed block, head, lag, digest and applications of the node's data directory")
  .option("--json", "print JSON")
  .option("--data-dir <dir>", "the LevelDB directory (DIPR_DATA_DIR)")
  .action(async (options: { json?: boolean; dataDir?: string }) => {
    const config = loadConfig(process.env, overridesOf(options));
    // Status answers in one screen: its few bounded retries are not worth a log line each, the final error is.
    const log = createLogger({ level: ["trace", "debug"].includes(config.logLevel) ? config.logLevel : "error" });
    printNodeStatus(await nodeStatus({ config, log }), options.json === true);
  });

// `dipr … | head` closes the pipe early: that ends the output the reader wanted, it is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(0);
});

// Each command group adds its commands here; one module per group in src/cli/commands/. `dipr node` runs for
// months and needs none of them: their modules (prompts, CSV, XML, tables) would stay in its heap, which every
// garbage collection marks.
if (process.argv[2] !== "node") for (const addCommands of (await import("./commands/index.js")).COMMAND_GROUPS) addCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // commander printed the message (and help) already.
  } else if (isDiprError(error)) {
    process.stderr.write(`error ${error.code}: ${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = exitCodeOf(error);
}
