// `npm run chain [-- --port N]`: a local hardhat node for development, on 127.0.0.1 only (hardhat binds 0.0.0.0
// unless told otherwise, toolchain.md section 5). The port comes from --port, else DIPR_CHAIN_PORT, else 8545.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { loadConfig } from "../src/config.js";
import { runMain } from "./run-main.js";

await runMain(async () => {
  const options = new Command("npm run chain --")
    .option("--port <port>", "the port to serve JSON-RPC on (DIPR_CHAIN_PORT, default 8545)")
    .parse(process.argv)
    .opts<{ port?: string }>();
  // --port is validated as the variable it stands for: one CONFIG_INVALID line for a bad value.
  const { chainPort } = loadConfig(process.env, options.port === undefined ? {} : { DIPR_CHAIN_PORT: options.port });
  // hardhat's package exports do not include its CLI entry, so it is found by path (as test/support does).
  const hardhat = fileURLToPath(new URL("../node_modules/hardhat/dist/src/cli.js", import.meta.url));
  const child = spawn(process.execPath, [hardhat, "node", "--hostname", "127.0.0.1", "--port", String(chainPort)], { stdio: "inherit" });
  // Ctrl-C reaches both processes through the terminal; a plain kill of this one is passed on.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  // Stopped by a signal we passed on is a normal end; hardhat's own failure keeps its exit code.
  process.exitCode = await new Promise<number>((resolve) => child.once("exit", (exitCode) => resolve(exitCode ?? 0)));
});
