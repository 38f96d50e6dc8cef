import { createHash } from "node:crypto";
import type { Hex } from "../chain/register-contract.js";
import type { RawLog } from "./decode-log.js";

/** The digest of an empty register (before its first log). */
export const GENESIS_DIGEST = `0x${"0".repeat(64)}` as Hex;

/**
 * The running digest after one block: SHA-256 over the previous digest, the block's number and hash, and each
 * register log of the block in log-index order (transaction hash, log index, topics, data; lower-case hex).
 * Blocks without register logs leave the digest unchanged, so two nodes agree whatever ranges they fetched; the
 * block hash makes the digest name the fork it was computed on. Stored per kept block, so a reorg rolls it back.
 */
export function digestBlock(previous: Hex, blockNumber: number, blockHash: string, logs: readonly RawLog[]): Hex {
  const hash = createHash("sha256");
  hash.update(`${previous}\nB${blockNumber}:${blockHash.toLowerCase()}\n`);
  for (const log of logs) {
    hash.update(`${log.transactionHash.toLowerCase()}:${parseInt(log.logIndex, 16)}:${log.topics.join(",").toLowerCase()}:${log.data.toLowerCase()}\n`);
  }
  return `0x${hash.digest("hex")}`;
}
