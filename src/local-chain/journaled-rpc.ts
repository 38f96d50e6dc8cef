import type { JournalEntry } from "./journal.js";

/** An EIP-1193 `request`, as Hardhat's in-process chain offers it. */
export type RequestFn = (args: { method: string; params?: readonly unknown[] }) => Promise<unknown>;

/** Requests that add a block: answered, then journaled with that block's time. */
const JOURNALED = new Set(["eth_sendTransaction", "eth_sendRawTransaction", "evm_mine"]);

/**
 * Requests that would change the chain in a way a replay cannot repeat (history rewritten, state set by hand,
 * the clock or mining mode changed). The persisted local chain refuses them; tests that need them run their own
 * `hardhat node`.
 */
const REFUSED = /^(evm_(revert|snapshot|increaseTime|setNextBlockTimestamp|setAutomine|setIntervalMining|setBlockGasLimit|setAccountNonce|setAccountBalance|setAccountCode|setAccountStorageAt)|hardhat_(?!metadata$|getAutomine$).*|anvil_.*)$/;

export class RefusedMethodError extends Error {
  readonly code = -32601;
  // Hardhat's JSON-RPC server passes on the code and message only of errors marked as provider errors.
  readonly _isProviderError = true;
  constructor(method: string) {
    super(`${method} is not available on dipr's persisted local chain: a replay of its journal could not repeat it`);
  }
}

export type JournaledRpc = Readonly<{
  request: RequestFn;
  /** Replays journal entries in order, each block at its recorded time. */
  replay(entries: readonly JournalEntry[]): Promise<void>;
}>;

/**
 * Wraps the chain's `request` so that every block-adding request is journaled with its block's time, and requests
 * a replay could not repeat are refused. Block-adding requests run one at a time, in arrival order, so the
 * journal's order is the chain's.
 */
export function createJournaledRpc(chain: RequestFn, append: (entry: JournalEntry) => void): JournaledRpc {
  let queue: Promise<unknown> = Promise.resolve();

  async function latest(): Promise<{ number: bigint; timestamp: number }> {
    const block = (await chain({ method: "eth_getBlockByNumber", params: ["latest", false] })) as { number: string; timestamp: string };
    return { number: BigInt(block.number), timestamp: Number(BigInt(block.timestamp)) };
  }

  async function journaled(method: string, params: readonly unknown[]): Promise<unknown> {
    const before = (await latest()).number;
    try {
      return await chain({ method, params: [...params] });
    } finally {
      // Automine: a request that added a block (a reverted transaction is mined too) is journaled with that
      // block's time; one that added none (a bad nonce, say) changed nothing to replay.
      const after = await latest();
      if (after.number > before) append({ method, params, timestamp: after.timestamp });
    }
  }

  return {
    request({ method, params = [] }) {
      if (REFUSED.test(method)) return Promise.reject(new RefusedMethodError(method));
      if (!JOURNALED.has(method)) return chain({ method, params: [...params] });
      const run = queue.then(() => journaled(method, params));
      queue = run.catch(() => undefined);
      return run;
    },
    async replay(entries) {
      for (const entry of entries) {
        await chain({ method: "evm_setNextBlockTimestamp", params: [entry.timestamp] });
        try {
          await chain({ method: entry.method, params: [...entry.params] });
        } catch {
          // A reverted transaction was journaled because it was mined: it is mined, and reverts, again here.
        }
      }
    },
  };
}
