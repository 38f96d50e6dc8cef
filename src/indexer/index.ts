export { createIndexer, DEFAULT_TARGET_LOGS, type CreateIndexerParams, type Indexer, type IndexerProgress } from "./indexer.js";
export { createChainReader, type ChainReader, type CreateChainReaderParams } from "./chain-reader.js";
export { createRpcClient, type CreateRpcClientParams, type RpcClient } from "./rpc-client.js";
export { createLogDecoder, type LogDecoder, type RawLog, type RegisterEvent } from "./decode-log.js";
export { classifyLogsLimit, type LogsLimit } from "./logs-limit.js";
export { createRangeSizer, type RangeSizer } from "./range-sizer.js";
export { digestBlock, GENESIS_DIGEST } from "./digest.js";
export { DEFAULT_RETRY, START_UP_RETRY, backoffMs, sleep, withRetry, type RetryPolicy } from "./retry.js";
