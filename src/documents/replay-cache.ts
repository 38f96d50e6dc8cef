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
}>;

export type CreateReplayCacheParams = Readonly<{
  /** At 300 s validity, 100,000 entries take 333 requests a second; each costs about 200 bytes (measured: 60-80 of map entry, plus its 109-character key). */
  maxEntries?: number;
}>;

export const DEFAULT_REPLAY_CACHE_ENTRIES = 100_000;

/**
 * An in-memory replay cache bounded by entry count. When it is full of unexpired nonces it refuses new requests
 * rather than forgetting a nonce early, which would let that request be replayed. Memory only: a restarted node
 * forgets, so a request signed before a restart can be replayed after it within its validity (at most the
 * node's maximum validity, 300 s by default).
 */
export function createReplayCache({ maxEntries = DEFAULT_REPLAY_CACHE_ENTRIES }: CreateReplayCacheParams = {}): ReplayCache {
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

  return {
    remember(key, keepUntil, nowSeconds) {
      dropExpiredFront(nowSeconds);
      const seen = keepUntilOf.get(key);
      if (seen !== undefined && seen >= nowSeconds) return false;
      if (keepUntilOf.size >= maxEntries) dropAllExpired(nowSeconds);
      if (keepUntilOf.size >= maxEntries) {
        throw new DiprError("DOCUMENT_REQUEST_REPLAY_CACHE_FULL", `${maxEntries} document requests are still within their validity; try again shortly.`, { maxEntries }, { retryable: true });
      }
      keepUntilOf.delete(key);
      keepUntilOf.set(key, keepUntil);
      return true;
    },
    size: () => keepUntilOf.size,
  };
}
