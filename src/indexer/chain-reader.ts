import type { Logger } from "pino";
import type { Hex } from "../chain/register-contract.js";
import { DiprError, isDiprError } from "../errors.js";
import type { BlockHeader } from "../store/index.js";
import type { RawLog } from "./decode-log.js";
import { withRetry, type RetryPolicy } from "./retry.js";
import type { RpcClient } from "./rpc-client.js";

/** A header as the chain reports it: what the store keeps of a block, and when it was produced. */
export type ChainHeader = BlockHeader & Readonly<{ /** Unix seconds. */ timestamp: number }>;

/** Header requests in flight at once, so a range with logs in hundreds of blocks does not flood the endpoint. */
const HEADER_CONCURRENCY = 16;

export type ChainReader = Readonly<{
  chainId(): Promise<number>;
  head(): Promise<number>;
  /** The canonical header at `n`, or undefined when the chain is shorter. */
  header(n: number): Promise<ChainHeader | undefined>;
  headers(numbers: readonly number[]): Promise<Map<number, ChainHeader>>;
  /**
   * The number of the chain's `finalized` block.
   * @throws DiprError CHAIN_BAD_RESPONSE when the endpoint does not know the tag (pre-merge chains, some L2s).
   */
  finalized(): Promise<number>;
  /** The register's logs in [from, to]. @throws DiprError CHAIN_LOGS_LIMIT when the node refuses the range. */
  logs(from: number, to: number): Promise<RawLog[]>;
}>;

export type CreateChainReaderParams = Readonly<{
  rpc: RpcClient;
  address: string;
  log: Logger;
  retry?: RetryPolicy;
  signal?: AbortSignal;
}>;

const hex = (n: number): string => `0x${n.toString(16)}`;

/** The chain calls the indexer makes, each retried on timeouts and connection errors (capped backoff, forever). */
export function createChainReader({ rpc, address, log, retry, signal }: CreateChainReaderParams): ChainReader {
  const call = <T>(method: string, params: readonly unknown[]) =>
    withRetry(() => rpc.call<T>(method, params, signal), { signal, log, policy: retry, what: method });

  async function header(n: number): Promise<ChainHeader | undefined> {
    const block = await call<{ number: string; hash: string; parentHash: string; timestamp: string } | null>("eth_getBlockByNumber", [hex(n), false]);
    if (block === null) return undefined;
    if (parseInt(block.number, 16) !== n) {
      throw new DiprError("CHAIN_BAD_RESPONSE", `asked for block ${n}, the node answered block ${block.number}`, { blockNumber: n });
    }
    return { number: n, hash: block.hash.toLowerCase() as Hex, parentHash: block.parentHash.toLowerCase() as Hex, timestamp: parseInt(block.timestamp, 16) };
  }

  return {
    chainId: async () => parseInt(await call<string>("eth_chainId", []), 16),
    head: async () => parseInt(await call<string>("eth_blockNumber", []), 16),
    header,
    async headers(numbers) {
      const map = new Map<number, ChainHeader>();
      for (let i = 0; i < numbers.length; i += HEADER_CONCURRENCY) {
        for (const h of await Promise.all(numbers.slice(i, i + HEADER_CONCURRENCY).map((n) => header(n)))) if (h) map.set(h.number, h);
      }
      return map;
    },
    async finalized() {
      const block = await call<{ number: string } | null>("eth_getBlockByNumber", ["finalized", false]).catch((error: unknown) => {
        // A node that does not know the tag answers with a JSON-RPC error; retrying would not change that.
        if (isDiprError(error, "CHAIN_RPC_ERROR")) return null;
        throw error;
      });
      if (block === null) {
        throw new DiprError("CHAIN_BAD_RESPONSE", "the endpoint has no finalized block; set DIPR_CONFIRMATIONS to a number of blocks instead", {});
      }
      return parseInt(block.number, 16);
    },
    logs: (from, to) => call<RawLog[]>("eth_getLogs", [{ address, fromBlock: hex(from), toBlock: hex(to) }]),
  };
}
