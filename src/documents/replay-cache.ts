import { closeSync, existsSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from "node:fs";
import { DiprError } from "../errors.js";

/**
 * The nonces of signed document requests still within their validity, so that each request is used once. A nonce
 * needs keeping only until its request expires: after that the expiry check refuses a replay on its own.
 */
export type ReplayCache = Readonly<{
  /**
   * Records `key` until `keepUntil` (unix seconds) and returns true, or returns false when the key is already
   * recorded and not yet past its time.
   * @throws DiprError DOCUMENT_REQUEST_REPLAY_CACHE_FULL (retryable) when `maxEntries` keys are all still in time
   */
  remember(key: string, keepUntil: number, nowSeconds: number): boolean;
  size(): number;
  /** Closes the cache's file, if it has one. */
  close(): void;
}>;

export type CreateReplayCacheParams = Readonly<{
  /** At 300 s validity, 100,000 entries take 333 requests a second; each costs about 200 bytes (measured: 60-80 of map entry, plus its 109-character key). */
  maxEntries?: number;
  /**
   * A file the nonces are appended to, and read back from when the cache is created, so that a restarted node still
   * refuses a request used before the restart. Without it the cache is in memory only.
   */
  path?: string;
  /** Unix seconds when the cache is created, to drop what the file holds that is past its time; the clock by default. */
  nowSeconds?: number;
}>;

export const DEFAULT_REPLAY_CACHE_ENTRIES = 100_000;

/**
 * A replay cache bounded by entry count. When it is full of unexpired nonces it refuses new requests rather than
 * forgetting a nonce early, which would let that request be replayed. With a `path`, each nonce is appended to that
 * file before its request is accepted, and the nonces still in time are read back when the cache is created: a
 * restarted node (or one killed) refuses a replay as the running one would. Each line is one write, not synced to
 * disk: a crash of the machine itself, unlike one of the node, can lose the last lines.
 * @throws DiprError DOCUMENT_REQUEST_REPLAY_CACHE_UNAVAILABLE when the file cannot be read or written
 */
export function createReplayCache({ maxEntries = DEFAULT_REPLAY_CACHE_ENTRIES, path, nowSeconds = Math.floor(Date.now() / 1000) }: CreateReplayCacheParams = {}): ReplayCache {
  if (!Number.isInteger(maxEntries) || maxEntries < 1) throw new TypeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  // Insertion order is roughly expiry order (validities are short and similar), so dropping expired keys from the
  // front keeps the map small at O(1) a call; a full scan happens only when the front is still in time.
  const keepUntilOf = new Map<string, number>();

  const dropExpiredFront = (nowSeconds: number) => {
    for (const [key, keepUntil] of keepUntilOf) {
      if (keepUntil >= nowSeconds) return;
      keepUntilOf.delete(key);
    }
  };
  const dropAllExpired = (nowSeconds: number) => {
    for (const [key, keepUntil] of keepUntilOf) if (keepUntil < nowSeconds) keepUntilOf.delete(key);
  };

  const unavailable = (doing: string, error: unknown) =>
    new DiprError("DOCUMENT_REQUEST_REPLAY_CACHE_UNAVAILABLE", `The node cannot ${doing} its document request nonces at ${path}: ${(error as Error).message}.`, { path }, { cause: error, retryable: true });
  let file: number | undefined;
  let linesInFile = 0;
  // Rewrites the file with the nonces still kept, so it holds at most about twice what the cache does.
  const compact = () => {
    if (path === undefined) return;
    try {
      if (file !== undefined) closeSync(file);
      writeFileSync(`${path}.new`, [...keepUntilOf].map(([key, keepUntil]) => `${key} ${keepUntil}\n`).join(""), { mode: 0o600 });
      renameSync(`${path}.new`, path);
      file = openSync(path, "a", 0o600);
    } catch (error) {
      throw unavailable("rewrite", error);
    }
    linesInFile = keepUntilOf.size;
  };
  if (path !== undefined) {
    try {
      if (existsSync(path)) {
        for (const line of readFileSync(path, "utf8").split("\n")) {
          const [key, keepUntil] = line.split(" ");
          // A line cut short by a crash has no time, or a partial one that keeps its key a little less long.
          if (key === undefined || keepUntil === undefined || !/^\d+$/.test(keepUntil) || Number(keepUntil) < nowSeconds) continue;
          keepUntilOf.delete(key);
          keepUntilOf.set(key, Number(keepUntil));
        }
      }
    } catch (error) {
      throw unavailable("read", error);
    }
    compact();
  }

  return {
    remember(key, keepUntil, nowSeconds) {
      dropExpiredFront(nowSeconds);
      const seen = keepUntilOf.get(key);
      if (seen !== undefined && seen >= nowSeconds) return false;
      if (keepUntilOf.size >= maxEntries) dropAllExpired(nowSeconds);
      if (keepUntilOf.size >= maxEntries) {
        throw new DiprError("DOCUMENT_REQUEST_REPLAY_CACHE_FULL", `${maxEntries} document requests are still within their validity; try again shortly.`, { maxEntries }, { retryable: true });
      }
      if (file !== undefined) {
        // On disk before the request is accepted: a nonce that could not be kept must not be used.
        try {
          writeSync(file, `${key} ${keepUntil}\n`);
        } catch (error) {
          throw unavailable("write", error);
        }
        linesInFile += 1;
      }
      keepUntilOf.delete(key);
      keepUntilOf.set(key, keepUntil);
      if (linesInFile > Math.max(1000, 2 * keepUntilOf.size)) compact();
      return true;
    },
    size: () => keepUntilOf.size,
    close() {
      if (file !== undefined) closeSync(file);
      file = undefined;
    },
  };
}
