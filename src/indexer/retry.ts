import type { Logger } from "pino";
import { isDiprError } from "../errors.js";

export type RetryPolicy = Readonly<{ baseDelayMs: number; maxDelayMs: number }>;

export const DEFAULT_RETRY: RetryPolicy = { baseDelayMs: 250, maxDelayMs: 10_000 };

/** Resolves after `ms`, or at once when `signal` aborts (the caller checks `signal.aborted`). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

/** Delay before attempt `attempt + 1`: doubling from the base, capped. */
export const backoffMs = (attempt: number, policy: RetryPolicy): number =>
  Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(attempt, 30));

/**
 * Runs `fn` until it succeeds, retrying errors marked `retryable` forever with capped exponential backoff
 * (a node that is down comes back by itself). Anything else, and an abort, is thrown.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  { signal, log, policy = DEFAULT_RETRY, what }: { signal?: AbortSignal; log: Logger; policy?: RetryPolicy; what: string },
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (signal?.aborted || !isDiprError(error) || !error.retryable) throw error;
      const retryInMs = backoffMs(attempt, policy);
      log.warn({ err: error, code: error.code, attempt: attempt + 1, retryInMs, what }, "rpc call failed, retrying");
      await sleep(retryInMs, signal);
      if (signal?.aborted) throw error;
    }
  }
}
