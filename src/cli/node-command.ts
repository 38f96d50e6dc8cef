import { getHeapStatistics } from "node:v8";
import type { Logger } from "pino";
import type { Config } from "../config.js";
import { createChainReader, createIndexer, createRpcClient, START_UP_RETRY } from "../indexer/index.js";
import { safeUrl } from "../log.js";
import { createStore } from "../store/index.js";
import type { NodeStatus } from "../api/node-status.js";
import { createAccessLog, createReplayCache, type AccessLog, type DocumentStorage, type ReplayCache } from "../documents/index.js";
import { startApiServer, type ApiServer } from "./api-server.js";
import { createHeapGrowth } from "./heap-growth.js";
import { openDocumentProxyKey } from "./document-proxy-key.js";
import { accessLogPath, documentPlace, openDocumentStorage, replayCachePath } from "./document-storage.js";
import { resolveNodeTarget } from "./node-target.js";
import { printLine } from "./print.js";
import { createProgressBar, type ProgressBar } from "./progress-bar.js";
import { writeStatusFile } from "./status-file.js";

/** How often `<dataDir>/node-status.json` is rewritten while the node catches up. */
const STATUS_FILE_INTERVAL_MS = 1000;

export type RunNodeParams = Readonly<{
  config: Config;
  log: Logger;
  signal: AbortSignal;
  isTty: boolean;
  /** Called with the API's URL once it listens; by default the URL is printed. */
  onApiListening?: (url: string) => void;
}>;

/**
 * `dipr node`: follows the register into its data directory until `signal` aborts (SIGINT/SIGTERM), then
 * finishes the range it is writing and closes the store.
 */
export async function runNode({ config, log, signal, isTty, onApiListening }: RunNodeParams): Promise<void> {
  // The examiner's page opens other offices' documents through this node, signed with the office's key. Read before
  // anything is opened: a keystore that does not open stops the node at once.
  const proxyKey = await openDocumentProxyKey(config);
  const rpc = createRpcClient({ url: config.rpcUrl, timeoutMs: config.rpcTimeoutMs });
  // Bounded at start-up: an endpoint that is down now is a configuration question for the operator. Once
  // indexing, the node waits for its endpoint for ever (it comes back by itself).
  const chain = createChainReader({ rpc, address: "", log: log.child({ module: "rpc" }), signal, retry: START_UP_RETRY });
  const target = await resolveNodeTarget(config, chain, log);
  const store = await createStore({ path: target.dataDir, expect: target });
  const nodeLog = log.child({ module: "indexer" });
  const heapGrowth = createHeapGrowth(config.nodeHeapGrowthPercent);
  nodeLog.info(
    {
      chainId: target.chainId,
      registerAddress: target.registerAddress,
      startBlock: target.startBlock,
      dataDir: target.dataDir,
      endpoint: safeUrl(config.rpcUrl),
      confirmations: config.confirmations,
      // The V8 heap limit this process got (DIPR_NODE_HEAP_MIB, applied by bin/dipr.js), old and young space.
      heapLimitMiB: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
      // Whether this is the compiled build (dist/) or src/ through tsx, and the flags bin/dipr.js started it with:
      // benchmarks refuse to measure anything but the compiled build.
      compiled: import.meta.url.endsWith(".js"),
      execArgv: process.execArgv,
      mallocArenaMax: process.env.MALLOC_ARENA_MAX,
      heapGrowthPercentWhileFollowing: heapGrowth.percentWhileFollowing,
    },
    "node starting",
  );
  let bar: ProgressBar | undefined = isTty ? createProgressBar(target.startBlock) : undefined;
  const updateBar = (progress: { toBlock: number; headBlock: number }) => {
    if (!bar) return;
    bar.update(progress.toBlock, progress.headBlock);
    if (progress.toBlock >= progress.headBlock) {
      bar.stop();
      bar = undefined;
    }
  };
  let statusWrittenAt = Number.NEGATIVE_INFINITY;
  // What /status and /ready report: the last indexed range, and the head the indexer saw with it.
  const initial = await store.getCursor();
  let status: NodeStatus | undefined = initial && {
    chainId: target.chainId,
    registerAddress: target.registerAddress.toLowerCase(),
    indexedBlock: initial.number,
    headBlock: null,
    digest: initial.digest,
  };
  let api: ApiServer | undefined;
  let storage: DocumentStorage | undefined;
  let accessLog: AccessLog | undefined;
  let replayCache: ReplayCache | undefined;
  try {
    // The office's own documents, served to the offices of their families.
    storage = await openDocumentStorage(config, target.dataDir);
    accessLog = await createAccessLog({ log, path: accessLogPath(config, target.dataDir) });
    log.child({ module: "documents" }).info({ ...documentPlace(config, target.dataDir), accessLog: accessLogPath(config, target.dataDir) }, "documents served from");
    const register = { chainId: target.chainId, address: target.registerAddress };
    replayCache = createReplayCache({ path: replayCachePath(target.dataDir) });
    const documents = { storage, accessLog, replayCache, register };
    if (proxyKey !== undefined) {
      log.child({ module: "documents" }).info({ office: proxyKey.office, signerAddress: proxyKey.signerAddress }, "document proxy on, for loopback clients only");
    }
    const documentProxy = proxyKey === undefined ? undefined : { ...proxyKey, register };
    api = await startApiServer({ config, store, nodeStatus: async () => status, log: log.child({ module: "api" }), documents, ...(documentProxy === undefined ? {} : { documentProxy }) });
    // On stdout whatever the log level: on a terminal logs start at warn, and the operator needs the address.
    if (onApiListening) onApiListening(api.url);
    else printLine(`query API on ${api.url}`);
    const indexer = createIndexer({
      store,
      chain: createChainReader({ rpc, address: target.registerAddress, log: log.child({ module: "rpc" }), signal }),
      chainId: target.chainId,
      registerAddress: target.registerAddress,
      startBlock: target.startBlock,
      confirmations: config.confirmations,
      pollIntervalMs: config.pollIntervalMs,
      getLogs: { minBlocks: config.getLogsMinRange, maxBlocks: config.getLogsMaxRange },
      log: nodeLog,
      onFollowing(following) {
        heapGrowth.following(following);
        if (heapGrowth.percentWhileFollowing === 0) return;
        if (following) nodeLog.info({ heapGrowingPercent: heapGrowth.percentWhileFollowing }, "heap growth widened while following the head");
        else nodeLog.info({}, "heap growth back to V8's own while catching up");
      },
      onProgress(progress) {
        status = {
          chainId: target.chainId,
          registerAddress: target.registerAddress.toLowerCase(),
          indexedBlock: progress.cursor.number,
          headBlock: progress.headBlock,
          digest: progress.cursor.digest,
        };
        // Once a second while catching up, and whenever caught up: a write and a rename per range blocked the
        // indexer's thread on the file system (0.6 s of a 100,000-application catch-up's profile under load).
        const caughtUp = progress.toBlock >= progress.headBlock;
        if (!caughtUp && performance.now() - statusWrittenAt < STATUS_FILE_INTERVAL_MS) return updateBar(progress);
        statusWrittenAt = performance.now();
        writeStatusFile(target.dataDir, {
          pid: process.pid,
          running: true,
          chainId: target.chainId,
          registerAddress: target.registerAddress,
          cursor: progress.cursor,
          headBlock: progress.headBlock,
          applications: store.countApplications(),
          updatedAt: new Date().toISOString(),
        });
        updateBar(progress);
      },
    });
    await indexer.run(signal);
  } catch (error) {
    nodeLog.error({ err: error }, "node stopping on an error");
    throw error;
  } finally {
    bar?.stop();
    await api?.close();
    await accessLog?.close();
    replayCache?.close();
    await storage?.close();
    const cursor = await store.getCursor();
    if (cursor) {
      writeStatusFile(target.dataDir, {
        pid: process.pid,
        running: false,
        chainId: target.chainId,
        registerAddress: target.registerAddress,
        cursor,
        headBlock: cursor.number,
        applications: store.countApplications(),
        updatedAt: new Date().toISOString(),
      });
    }
    await store.close();
    nodeLog.info({ blockNumber: cursor?.number, digest: cursor?.digest }, "node stopped");
  }
}
