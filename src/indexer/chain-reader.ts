import type { Logger } from "pino";
import type { Hex } from "../chain/register-contract.js";
import { DiprError, isDiprError } from "../errors.js";
import type { BlockHeader } from "../store/index.js";
import type { RawLog } from "./decode-log.js";
import { withRetry, type RetryPolicy } from "./retry.js";
import type { RpcClient } from "./rpc-client.js";

/** A header as the chain reports it: what the store keeps of a block, and when it was produced. */
export type ChainHeader = BlockHeader & Readonly<{ /** Unix seconds. */ timestamp: number }>;

/**
 * Headers per JSON-RPC batch request: self-hosted nodes take 100 or more (Erigon's default limit is 100, geth's and
 * Besu's about 1,000), and one request for a range's headers replaces one each.
 */
const HEADER_BATCH = 100;
/** Header requests (batches, or single calls where batches are refused) in flight at once. */
const HEADER_CONCURRENCY = 16;
const BATCH_CONCURRENCY = 4;

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

  type RawHeader = { number: string; hash: string; parentHash: string; timestamp: string } | null;
  function headerOf(n: number, block: RawHeader): ChainHeader | undefined {
    if (block === null) return undefined;
    if (parseInt(block.number, 16) !== n) {
      throw new DiprError("CHAIN_BAD_RESPONSE", `asked for block ${n}, the node answered block ${block.number}`, { blockNumber: n });
    }
    return { number: n, hash: block.hash.toLowerCase() as Hex, parentHash: block.parentHash.toLowerCase() as Hex, timestamp: parseInt(block.timestamp, 16) };
  }
  const header = async (n: number): Promise<ChainHeader | undefined> => headerOf(n, await call<RawHeader>("eth_getBlockByNumber", [hex(n), false]));

  /** Runs `tasks` with at most `limit` in flight at once. */
  async function inGroups<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
    const out: T[] = [];
    for (let i = 0; i < tasks.length; i += limit) out.push(...(await Promise.all(tasks.slice(i, i + limit).map((task) => task()))));
    return out;
  }

  // Until the endpoint answers a batch with something other than an array of replies: then one call per header.
  let batches = true;
  async function batchedHeaders(numbers: readonly number[]): Promise<(ChainHeader | undefined)[]> {
    const chunks: number[][] = [];
    for (let i = 0; i < numbers.length; i += HEADER_BATCH) chunks.push(numbers.slice(i, i + HEADER_BATCH));
    const what = "eth_getBlockByNumber batch";
    const answers = await inGroups(
      chunks.map((chunk) => () =>
        withRetry(() => rpc.batch<RawHeader>(chunk.map((n) => ({ method: "eth_getBlockByNumber", params: [hex(n), false] })), signal), { signal, log, policy: retry, what })
          .then((blocks) => blocks.map((block, i) => headerOf(chunk[i]!, block)))),
      BATCH_CONCURRENCY,
    );
    return answers.flat();
  }

  return {
    chainId: async () => parseInt(await call<string>("eth_chainId", []), 16),
    head: async () => parseInt(await call<string>("eth_blockNumber", []), 16),
    header,
    async headers(numbers) {
      let found: (ChainHeader | undefined)[] | undefined;
      if (batches && numbers.length > 1) {
        try {
          found = await batchedHeaders(numbers);
        } catch (error) {
          if (!isDiprError(error, "CHAIN_BATCH_UNSUPPORTED")) throw error;
          batches = false;
          log.info({ message: error.details.message }, "the endpoint does not take JSON-RPC batches: asking for block headers one at a time");
        }
      }
      found ??= await inGroups(numbers.map((n) => () => header(n)), HEADER_CONCURRENCY);
      const map = new Map<number, ChainHeader>();
      for (const h of found) if (h) map.set(h.number, h);
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
