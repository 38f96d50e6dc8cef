import type { Logger } from "pino";
import { registerInterface, type Hex } from "../chain/register-contract.js";
import { DiprError, isDiprError } from "../errors.js";
import type { BlockHeader, Cursor, Store, StoreBatch } from "../store/index.js";
import { applyEvent } from "./apply-event.js";
import type { ChainHeader, ChainReader } from "./chain-reader.js";
import { createLogDecoder, type RawLog } from "./decode-log.js";
import { digestBlock, GENESIS_DIGEST } from "./digest.js";
import { createRangeSizer } from "./range-sizer.js";
import { sleep } from "./retry.js";

/**
 * A committed range, or (toBlock = fromBlock - 1, no events) a poll that found nothing new: the head the indexer
 * saw, reported once per new head, so a node restarted on an idle chain knows the head without a new block.
 */
export type IndexerProgress = Readonly<{
  fromBlock: number;
  toBlock: number;
  headBlock: number;
  events: number;
  durationMs: number;
  cursor: Cursor;
}>;

export type CreateIndexerParams = Readonly<{
  store: Store;
  chain: ChainReader;
  chainId: number;
  registerAddress: string;
  startBlock: number;
  /**
   * Blocks kept (hashes and undo records) below the cursor: the deepest reorg the node survives. `finalized`:
   * everything above the chain's finalized block, re-read every range.
   */
  confirmations: number | "finalized";
  pollIntervalMs: number;
  getLogs: Readonly<{ minBlocks: number; maxBlocks: number; targetLogs?: number }>;
  log: Logger;
  onProgress?: (progress: IndexerProgress) => void;
  /** Called by `run` when it has caught up with the head (true) and when it falls a whole range behind again (false). */
  onFollowing?: (following: boolean) => void;
}>;

export type Indexer = Readonly<{
  /** Indexes until the cursor is the head it saw last (handling reorgs on the way); returns the cursor. */
  syncToHead(signal?: AbortSignal): Promise<Cursor>;
  /** Follows the chain until `signal` aborts, finishing the range it is writing. */
  run(signal: AbortSignal): Promise<void>;
}>;

type StepResult = "advanced" | "caught-up" | "retry" | "reorg";

export const DEFAULT_TARGET_LOGS = 2000;

/** About 10 ms of applying on this machine: the event loop turns often enough for fetches and API requests. */
const EVENTS_PER_YIELD = 200;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** How long a head read serves the ranges below it. */
const HEAD_MAX_AGE_MS = 1000;

/**
 * The indexing loop. Per range [from, to]: the header of `to`, the logs, then the headers of `from` and of
 * the blocks it keeps; it checks that they chain onto the cursor and that `to` did not change while the logs
 * were read, applies the events, and commits entities, undo records, kept blocks, digest and cursor in one batch.
 */
export function createIndexer(params: CreateIndexerParams): Indexer {
  const { store, chain, confirmations, log } = params;
  /** How many blocks below `head` a reorg may reach now. */
  const depthBelow = async (head: number): Promise<number> =>
    confirmations === "finalized" ? Math.max(0, head - (await chain.finalized())) : confirmations;
  const decoder = createLogDecoder(registerInterface());
  const sizer = createRangeSizer({
    minBlocks: params.getLogs.minBlocks,
    maxBlocks: params.getLogs.maxBlocks,
    targetLogs: params.getLogs.targetLogs ?? DEFAULT_TARGET_LOGS,
  });

  async function ensureInitialised(): Promise<Cursor> {
    const cursor = await store.getCursor();
    if (store.identity() !== undefined && cursor !== undefined) return cursor;
    const start = params.startBlock;
    const before = start > 0 ? await chain.header(start - 1) : undefined;
    if (start > 0 && before === undefined) {
      throw new DiprError("CHAIN_BAD_RESPONSE", `the chain has no block ${start - 1}; is DIPR_START_BLOCK right?`, { startBlock: start });
    }
    const initial: Cursor = { number: start - 1, hash: before?.hash ?? null, digest: GENESIS_DIGEST, ...(before === undefined ? {} : { timestamp: before.timestamp }) };
    const origin = { genesisHash: (await requireHeader(0)).hash, startBlockHash: (await chain.header(start))?.hash ?? null };
    await store.initialise(
      { chainId: params.chainId, registerAddress: params.registerAddress.toLowerCase() as Hex, startBlock: start, origin },
      initial,
      before,
    );
    log.info({ startBlock: start }, "store initialised");
    return initial;
  }

  async function requireHeader(n: number): Promise<ChainHeader> {
    const header = await chain.header(n);
    if (header === undefined) throw new DiprError("CHAIN_BAD_RESPONSE", `the chain has no block ${n}`, { blockNumber: n });
    return header;
  }

  /**
   * A dev chain restarted from scratch has the same chain id and, deployed by the same account, the same register
   * address: only its blocks tell it from the chain the directory holds. Checked before indexing into a directory
   * written earlier, and before calling a reorg too deep (one below the start block is no reorg a node survives).
   * @throws DiprError STORE_WRONG_CHAIN naming the directory and the two ways out.
   */
  async function checkOrigin(): Promise<void> {
    const origin = store.identity()?.origin;
    if (origin === undefined) return;
    const startBlock = store.identity()!.startBlock;
    const checks: [number, Hex | null][] = [[0, origin.genesisHash], [startBlock, origin.startBlockHash]];
    for (const [n, recorded] of checks) {
      if (recorded === null) continue;
      const now = (await chain.header(n))?.hash ?? null;
      if (now === recorded) continue;
      throw new DiprError(
        "STORE_WRONG_CHAIN",
        `the data directory ${store.path} was written for another chain with the same chain id ${params.chainId} and register ` +
          `${params.registerAddress.toLowerCase()}: block ${n} there was ${recorded}, the chain has ${now ?? "no such block"} ` +
          `(a dev chain restarted from scratch?). Remove ${store.path} to index this chain from its start, or give ` +
          `another directory with --data-dir (DIPR_DATA_DIR)`,
        { path: store.path, blockNumber: n, recorded, current: now },
      );
    }
  }
  let originChecked = false;

  /** Walks back through the kept blocks to the newest one still canonical and rolls the store back to it. */
  async function reconcile(cursor: Cursor): Promise<void> {
    const kept = await store.keptBlocks();
    for (let i = kept.length - 1; i >= 0; i--) {
      const block = kept[i]!;
      // Only blocks with undo records can be undone: the walk may not pass one written as final.
      if (i < kept.length - 1 && kept[i + 1]!.undo === null) break;
      const canonical = await chain.header(block.number);
      if (canonical?.hash === block.hash) {
        await store.rollbackTo(block.number);
        log.info(
          { reorgDepth: cursor.number - block.number, oldTip: { blockNumber: cursor.number, blockHash: cursor.hash }, ancestor: { blockNumber: block.number, blockHash: block.hash } },
          "reorg handled",
        );
        return;
      }
    }
    await checkOrigin();
    const oldest = kept[0]?.number ?? cursor.number;
    // With a number of confirmations, a deeper reorg than they cover is what more of them would survive; with
    // `finalized` the endpoint has reorganised a block it called final, and no setting survives that.
    const advice =
      confirmations === "finalized"
        ? `The node keeps every block above the chain's finalized block, so the endpoint replaced a block it had ` +
          `reported as finalized: check the endpoint (or its failover to another node), then re-index into a new data directory.`
        : `Re-index into a new data directory, with more confirmations (DIPR_CONFIRMATIONS above ${confirmations}, or finalized).`;
    throw new DiprError(
      "INDEXER_REORG_TOO_DEEP",
      `the chain reorganised below block ${oldest}, the oldest block this node keeps (DIPR_CONFIRMATIONS=${confirmations}); ` +
        `the store still holds the old fork up to block ${cursor.number}. ${advice}`,
      { cursor: cursor.number, oldestKept: kept[0]?.number, confirmations },
    );
  }

  type Fetched =
    | { kind: "retry" }
    | { kind: "refused"; from: number; to: number; suggestedTo?: number; message: unknown }
    | { kind: "ok"; from: number; to: number; keepFrom: number; before: BlockHeader; logs: RawLog[]; headers: Map<number, ChainHeader> };

  /**
   * Reads one range: the header of `to`, the logs, then the headers of `from`, of the blocks to keep and of every
   * block with a log (for the events' time, and to check that the logs came from those very blocks).
   * Verification against the cursor happens when the range is applied, so a prefetched range is checked the same way.
   */
  async function fetchRange(from: number, head: number, depth: number): Promise<Fetched> {
    const to = Math.min(head, from + sizer.size() - 1);
    const before = await chain.header(to);
    if (before === undefined) return { kind: "retry" }; // the head moved back meanwhile
    let logs: RawLog[];
    try {
      logs = await chain.logs(from, to);
    } catch (error) {
      if (!isDiprError(error, "CHAIN_LOGS_LIMIT")) throw error;
      return { kind: "refused", from, to, suggestedTo: error.details.suggestedTo as number | undefined, message: error.details.message };
    }
    const keepFrom = Math.max(from, to - depth);
    const wanted = new Set<number>(keepFrom > from ? [from] : []);
    for (const raw of logs) if (parseInt(raw.blockNumber, 16) < keepFrom) wanted.add(parseInt(raw.blockNumber, 16));
    for (let n = keepFrom; n <= to; n++) wanted.add(n);
    return { kind: "ok", from, to, keepFrom, before, logs, headers: await chain.headers([...wanted]) };
  }

  // The next range, read while the current one is applied and written (fetching and writing overlap).
  let prefetched: { from: number; result: Promise<Fetched> } | undefined;

  // The last range's commit, still in flight while the next range is applied (LevelDB writes in its own thread):
  // its batch, the cursor it writes, and the promise, settled before the next commit and before any direct
  // store access. At most one range is in flight, so the store still holds whole ranges only.
  let inFlight: { batch: StoreBatch; cursor: Cursor; written: Promise<void> } | undefined;

  async function settle(): Promise<void> {
    const pending = inFlight;
    inFlight = undefined;
    await pending?.written;
  }

  // The head last passed to onProgress: an idle poll reports only a head not reported yet.
  let reportedHead: number | undefined;

  // The head as last read. While catching up, one read serves the ranges that end below it (one request less per
  // range); it is read again when a range would reach it, after anything but an advance, and at least once a second,
  // so the head in progress reports stays current.
  let knownHead: { number: number; readAt: number } | undefined;

  async function headFor(cursor: number): Promise<number> {
    const now = performance.now();
    if (knownHead !== undefined && cursor + sizer.size() < knownHead.number && now - knownHead.readAt < HEAD_MAX_AGE_MS) return knownHead.number;
    knownHead = { number: await chain.head(), readAt: now };
    return knownHead.number;
  }

  async function step(): Promise<StepResult> {
    const result = await advance();
    // A retry may mean the chain is shorter than the head read (a reorganisation): read it again.
    if (result !== "advanced") knownHead = undefined;
    return result;
  }

  async function advance(): Promise<StepResult> {
    const started = performance.now();
    if (!originChecked) {
      await checkOrigin();
      originChecked = true;
    }
    const cursor = inFlight?.cursor ?? (await store.getCursor()) ?? (await ensureInitialised());
    const head = await headFor(cursor.number);
    if (head <= cursor.number) {
      prefetched = undefined;
      await settle();
      if (cursor.hash !== null) {
        const current = await chain.header(cursor.number);
        if (current?.hash !== cursor.hash) {
          await reconcile(cursor);
          return "reorg";
        }
      }
      if (head !== reportedHead) {
        reportedHead = head;
        const durationMs = Math.round(performance.now() - started);
        params.onProgress?.({ fromBlock: cursor.number + 1, toBlock: cursor.number, headBlock: head, events: 0, durationMs, cursor });
      }
      return "caught-up";
    }
    const from = cursor.number + 1;
    const depth = await depthBelow(head);
    const pending = prefetched?.from === from ? prefetched.result : fetchRange(from, head, depth);
    prefetched = undefined;
    const fetched = await pending;
    if (fetched.kind === "retry") return "retry";
    if (fetched.kind === "refused") {
      const { to, suggestedTo } = fetched;
      sizer.onRefused(to - from + 1, suggestedTo === undefined ? undefined : suggestedTo - from + 1);
      log.debug({ fromBlock: from, toBlock: to, nextBlocks: sizer.size(), message: fetched.message }, "eth_getLogs range refused, shrinking");
      return "retry";
    }
    const { to, keepFrom, before, logs, headers } = fetched;
    const last = headers.get(to);
    const first = headers.get(from);
    if (last?.hash !== before.hash || first === undefined) return "retry"; // the chain moved while we read it
    if (cursor.hash !== null && first.parentHash !== cursor.hash) {
      await settle();
      await reconcile(cursor);
      return "reorg";
    }
    for (let n = keepFrom + 1; n <= to; n++) {
      if (headers.get(n)?.parentHash !== headers.get(n - 1)?.hash) return "retry";
    }
    if (!isOrdered(logs, from, to, headers)) return "retry";
    if (to < head) {
      const result = fetchRange(to + 1, head, depth);
      // Marks the promise handled if it is dropped (reorg, shutdown); whoever awaits it still gets the rejection.
      result.catch(() => undefined);
      prefetched = { from: to + 1, result };
    }
    sizer.onSuccess(to - from + 1, logs.length);

    // Undo records only where a reorg within `depth` of the head can reach: while catching up far
    // behind the head, blocks are written as final and their previous values are never read.
    const batch = store.beginBatch({ undoFrom: Math.max(keepFrom, head - depth), after: inFlight?.batch });
    const keep: (BlockHeader & { digest: Hex })[] = [];
    let digest = cursor.digest;
    let i = 0;
    let sinceYield = 0;
    // Walk the log groups and the kept blocks together: every kept block needs the digest as of its end.
    let nextKept = keepFrom;
    while (i < logs.length || nextKept <= to) {
      const logBlock = i < logs.length ? parseInt(logs[i]!.blockNumber, 16) : Infinity;
      if (nextKept <= to && nextKept < logBlock) {
        keep.push({ ...keptHeader(headers.get(nextKept)!), digest });
        nextKept++;
        continue;
      }
      let j = i;
      while (j < logs.length && logs[j]!.blockNumber === logs[i]!.blockNumber) j++;
      const group = logs.slice(i, j);
      batch.atBlock(logBlock);
      const blockTimestamp = headers.get(logBlock)!.timestamp;
      for (const raw of group) {
        applyEvent(batch, decoder.decode(raw, blockTimestamp), log);
        // Applying is synchronous; without a turn of the event loop now and then, the next range's prefetch would
        // not get past its first response (and the API would wait) until the whole range is applied.
        if (++sinceYield === EVENTS_PER_YIELD) {
          sinceYield = 0;
          await yieldToEventLoop();
        }
      }
      digest = digestBlock(digest, logBlock, group[0]!.blockHash, group);
      if (logBlock === nextKept) {
        keep.push({ ...keptHeader(headers.get(nextKept)!), digest });
        nextKept++;
      }
      i = j;
    }
    const next: Cursor = { number: to, hash: last.hash, digest, timestamp: last.timestamp };
    await settle(); // the previous range lands before this one
    const written = batch.commit({ keep, cursor: next, pruneBelow: to - depth }).then(() => {
      const progress: IndexerProgress = { fromBlock: from, toBlock: to, headBlock: head, events: logs.length, durationMs: Math.round(performance.now() - started), cursor: next };
      const memory = process.memoryUsage();
      const mib = (bytes: number) => Math.round(bytes / 2 ** 20);
      log.info(
        {
          fromBlock: from,
          toBlock: to,
          headBlock: head,
          events: logs.length,
          durationMs: progress.durationMs,
          rssMiB: mib(memory.rss),
          heapMiB: mib(memory.heapUsed),
          heapTotalMiB: mib(memory.heapTotal),
          externalMiB: mib(memory.external),
        },
        "indexed range",
      );
      reportedHead = head;
      params.onProgress?.(progress);
    });
    written.catch(() => undefined); // rethrown where it is settled
    inFlight = { batch, cursor: next, written };
    if (to >= head) {
      await settle();
      return "caught-up";
    }
    return "advanced";
  }

  async function syncToHead(signal?: AbortSignal): Promise<Cursor> {
    try {
      for (;;) {
        if (signal?.aborted) break;
        const result = await step();
        if (result === "caught-up") break;
      }
    } catch (error) {
      await settle().catch(() => undefined); // the first error is the one to report
      throw error;
    }
    await settle();
    return (await store.getCursor()) ?? (await ensureInitialised());
  }

  return {
    syncToHead,
    async run(signal) {
      let wasCaughtUp = false;
      while (!signal.aborted) {
        let result: StepResult;
        try {
          result = await step();
        } catch (error) {
          // An abort during a fetch: the range in flight, if any, is settled below; the store keeps whole ranges only.
          if (signal.aborted) break;
          await settle().catch(() => undefined); // the first error is the one to report
          throw error;
        }
        if (result === "caught-up") {
          if (!wasCaughtUp) {
            const cursor = await store.getCursor();
            log.info({ blockNumber: cursor?.number, digest: cursor?.digest }, "caught up");
            params.onFollowing?.(true);
          }
          wasCaughtUp = true;
          await sleep(params.pollIntervalMs, signal);
        } else if (result !== "retry") {
          if (wasCaughtUp) params.onFollowing?.(false);
          wasCaughtUp = false;
        }
      }
      await settle();
      log.info({}, "indexer stopped");
    },
  };
}

const keptHeader = ({ number, hash, parentHash, timestamp }: ChainHeader): BlockHeader => ({ number, hash, parentHash, timestamp });

/**
 * The logs lie in [from, to] in (block, logIndex) order, none is marked removed, and each carries the hash of the
 * header we fetched for its block. Anything else means the node answered from two views of the chain.
 */
function isOrdered(logs: readonly RawLog[], from: number, to: number, headers: Map<number, ChainHeader>): boolean {
  let lastBlock = -1;
  let lastIndex = -1;
  for (const raw of logs) {
    const n = parseInt(raw.blockNumber, 16);
    const index = parseInt(raw.logIndex, 16);
    if (raw.removed === true || n < from || n > to || n < lastBlock || (n === lastBlock && index <= lastIndex)) return false;
    if (headers.get(n)?.hash !== raw.blockHash.toLowerCase()) return false;
    lastBlock = n;
    lastIndex = index;
  }
  return true;
}
