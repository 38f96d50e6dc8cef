import type { Logger } from "pino";
import type { Hex } from "../chain/register-contract.js";
import { DiprError } from "../errors.js";
import type { BlockHeader } from "../store/index.js";
import type { RawLog } from "./decode-log.js";
import { withRetry, type RetryPolicy } from "./retry.js";
import type { RpcClient } from "./rpc-client.js";

export type ChainReader = Readonly<{
  chainId(): Promise<number>;
  head(): Promise<number>;
  /** The canonical header at `n`, or undefined when the chain is shorter. */
  header(n: number): Promise<BlockHeader | undefined>;
  headers(numbers: readonly number[]): Promise<Map<number, BlockHeader>>;
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

  async function header(n: number): Promise<BlockHeader | undefined> {
    const block = await call<{ number: string; hash: string; parentHash: string } | null>("eth_getBlockByNumber", [hex(n), false]);
    if (block === null) return undefined;
    if (parseInt(block.number, 16) !== n) {
      throw new DiprError("CHAIN_BAD_RESPONSE", `asked for block ${n}, the node answered block ${block.number}`, { blockNumber: n });
    }
    return { number: n, hash: block.hash.toLowerCase() as Hex, parentHash: block.parentHash.toLowerCase() as Hex };
  }

  return {
    chainId: async () => parseInt(await call<string>("eth_chainId", []), 16),
    head: async () => parseInt(await call<string>("eth_blockNumber", []), 16),
    header,
    async headers(numbers) {
      const found = await Promise.all(numbers.map((n) => header(n)));
      const map = new Map<number, BlockHeader>();
      for (const h of found) if (h) map.set(h.number, h);
      return map;
    },
    logs: (from, to) => call<RawLog[]>("eth_getLogs", [{ address, fromBlock: hex(from), toBlock: hex(to) }]),
  };
}
