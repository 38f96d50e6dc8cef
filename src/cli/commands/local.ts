import type { Command } from "commander";
import { loadConfig } from "../../config.js";
import { startLocalChain } from "../../local-chain/local-chain.js";
import { createLogger } from "../../log.js";
import { printLine } from "../print.js";
import { localPaths, runStart } from "../start-command.js";

/** An AbortSignal that Ctrl-C (SIGINT) or SIGTERM aborts, once. */
function stopSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  return controller.signal;
}

const untilAborted = (signal: AbortSignal) => new Promise<void>((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));

/** `dipr start` and `dipr chain`: the register on this machine. */
export function addLocalCommands(program: Command): void {
  program
    .command("start")
    .description("run the whole register on this machine: a persisted local chain, the register with sample offices and applications, an office node and its query API (Ctrl-C stops it)")
    .option("--dir <dir>", "where the chain journal, the deployment record and the node's data are kept (DIPR_LOCAL_DIR, default data/local)")
    .option("--chain-port <port>", "the local chain's JSON-RPC port (DIPR_CHAIN_PORT, default 8545)")
    .option("--api-port <port>", "the query API's port (DIPR_API_PORT, default 3000)")
    .option("--verbose", "log the node's progress (DIPR_LOG_LEVEL=info)")
    .action(async (options: { dir?: string; chainPort?: string; apiPort?: string; verbose?: boolean }) => {
      const config = loadConfig(process.env, {
        ...(options.dir !== undefined && { DIPR_LOCAL_DIR: options.dir }),
        ...(options.chainPort !== undefined && { DIPR_CHAIN_PORT: options.chainPort }),
        ...(options.apiPort !== undefined && { DIPR_API_PORT: options.apiPort }),
        ...(options.verbose === true && { DIPR_LOG_LEVEL: "info" }),
      });
      // The banner is the output; logs (stderr) only say what goes wrong, unless asked for.
      const log = createLogger({ level: options.verbose ? config.logLevel : "warn" });
      await runStart({ config, log, signal: stopSignal() });
    });

  program
    .command("chain")
    .description("serve the persisted local chain alone (what dipr start runs), for dipr deploy and dipr node; Ctrl-C stops it")
    .option("--dir <dir>", "the local register's directory; the journal is <dir>/chain/chain.jsonl (DIPR_LOCAL_DIR, default data/local)")
    .option("--port <port>", "the JSON-RPC port (DIPR_CHAIN_PORT, default 8545)")
    .action(async (options: { dir?: string; port?: string }) => {
      const config = loadConfig(process.env, {
        ...(options.dir !== undefined && { DIPR_LOCAL_DIR: options.dir }),
        ...(options.port !== undefined && { DIPR_CHAIN_PORT: options.port }),
      });
      const log = createLogger({ level: config.logLevel });
      const signal = stopSignal();
      const chain = await startLocalChain({ dir: localPaths(config.localDir).chain, port: config.chainPort, log });
      printLine(`local chain on ${chain.url} (chain id 31337${chain.replayedBlocks > 0 ? `, ${chain.replayedBlocks} blocks replayed` : ""})`);
      await untilAborted(signal);
      await chain.close();
    });
}
