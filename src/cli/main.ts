import { Command } from "commander";
import { loadConfig } from "../config.js";
import { isDiprError } from "../errors.js";
import { createLogger } from "../log.js";
import { runNode } from "./node-command.js";
import { nodeStatus, printNodeStatus } from "./status-command.js";

// The CLI entry: parse, load the configuration once, hand each command only what it needs.
const program = new Command("dipr").description("dipr: the distributed register of IP applications").showHelpAfterError();

const node = program
  .command("node")
  .description("follow the register into a LevelDB directory (configuration: DIPR_* variables, see README)")
  .action(async () => {
    const config = loadConfig();
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
  .description("chain id, register, indexed block, head, lag and digest of the node's data directory")
  .option("--json", "print JSON")
  .action(async (options: { json?: boolean }) => {
    const config = loadConfig();
    const log = createLogger({ level: config.logLevel === "info" ? "warn" : config.logLevel });
    printNodeStatus(await nodeStatus({ config, log }), options.json === true);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (isDiprError(error)) {
    process.stderr.write(`error ${error.code}: ${error.message}\n`);
  } else {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  }
  process.exitCode = 1;
}
