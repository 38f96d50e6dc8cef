import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Logger } from "pino";
import { DiprError } from "../errors.js";
import { createHardhatJsonRpcServer } from "./hardhat-json-rpc.js";
import { openJournal, type JournalHeader } from "./journal.js";
import { createJournaledRpc, type RequestFn } from "./journaled-rpc.js";

const PROJECT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/**
 * Hardhat is a development dependency, loaded only when a local chain starts: an office node installed with
 * `npm install --omit=dev` runs every other command, and no other command pays for loading it.
 */
async function loadHardhat(): Promise<typeof import("hardhat/hre")> {
  try {
    return await import("hardhat/hre");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw error;
    throw new DiprError(
      "LOCAL_CHAIN_NOT_INSTALLED",
      "the local chain (dipr start, dipr chain) runs on Hardhat, a development dependency this installation does not have: run `npm install` (without --omit=dev) with Node 22 or later",
      {},
      { cause: error },
    );
  }
}

/** Hardhat's chain id for its simulated network, which the local chain keeps. */
export const LOCAL_CHAIN_ID = 31337;

export type LocalChain = Readonly<{
  url: string;
  port: number;
  /** Blocks replayed from the journal at start (0 on a new chain). */
  replayedBlocks: number;
  /** The chain's `request`, journaled: what the server answers with. */
  request: RequestFn;
  close(): Promise<void>;
}>;

export type StartLocalChainParams = Readonly<{
  /** Directory of the chain's journal (`chain.jsonl`); created when absent. */
  dir: string;
  host?: string;
  port: number;
  log: Logger;
}>;

/**
 * A development chain that survives restarts: Hardhat's in-process chain (EDR), served over JSON-RPC by Hardhat's
 * own server, with every block-adding request journaled. On start the journal is replayed with the recorded block
 * times onto a chain of the recorded genesis time, which gives the same blocks and hashes, so a node's data
 * directory and a wallet's view stay valid. Requests a replay could not repeat (snapshots, time travel, state
 * edits) are refused.
 * @throws DiprError LOCAL_CHAIN_JOURNAL for an unreadable journal, LOCAL_CHAIN_LISTEN_FAILED when the port is taken,
 * LOCAL_CHAIN_NOT_INSTALLED when Hardhat is not installed.
 */
export async function startLocalChain({ dir, host = "127.0.0.1", port, log }: StartLocalChainParams): Promise<LocalChain> {
  const { createHardhatRuntimeEnvironment } = await loadHardhat();
  const fresh: JournalHeader = {
    journal: "dipr-local-chain",
    version: 1,
    chainId: LOCAL_CHAIN_ID,
    // Whole seconds: the genesis block's timestamp is in seconds, and a replay must find the same one.
    genesisTime: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
  };
  const journal = openJournal(join(dir, "chain.jsonl"), fresh);
  try {
    // A Hardhat runtime of its own, not the project's configuration: the chain is the same wherever dipr runs from.
    const hre = await createHardhatRuntimeEnvironment(
      { networks: { local: { type: "edr-simulated", chainType: "l1", chainId: LOCAL_CHAIN_ID, initialDate: new Date(journal.header.genesisTime) } } },
      {},
      PROJECT_ROOT,
    );
    const connection = await hre.network.create("local");
    const chain: RequestFn = (args) => connection.provider.request({ method: args.method, params: args.params === undefined ? [] : [...args.params] });
    const rpc = createJournaledRpc(chain, journal.append);
    const started = Date.now();
    await rpc.replay(journal.entries);
    if (journal.entries.length > 0) log.info({ blocks: journal.entries.length, ms: Date.now() - started }, "local chain replayed from its journal");
    // Hardhat's server does not report a taken port (the error event is unhandled): try the port first.
    await assertPortFree(host, port);
    const server = await createHardhatJsonRpcServer({ hostname: host, port, request: rpc.request });
    const address = await server.listen();
    let closed: Promise<void> | undefined;
    return {
      url: `http://${host}:${address.port}`,
      port: address.port,
      replayedBlocks: journal.entries.length,
      request: rpc.request,
      close() {
        closed ??= (async () => {
          await server.close();
          await connection.close();
          journal.close();
        })();
        return closed;
      },
    };
  } catch (error) {
    journal.close();
    throw error;
  }
}

function assertPortFree(host: string, port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new DiprError("LOCAL_CHAIN_LISTEN_FAILED", `the local chain cannot listen on ${host}:${port} (${error.code ?? error.message}); choose another port with --port`, {
          host,
          port,
        }),
      ),
    );
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}
