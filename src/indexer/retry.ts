import type { Logger } from "pino";
import { isDiprError } from "../errors.js";

export type RetryPolicy = Readonly<{
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * Tries in all before the last error is thrown; unbounded when absent. A running node waits for its endpoint
   * for ever, but a command that starts (or only asks for a status) must not hang on one that is down.
   */
  maxAttempts?: number;
}>;

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

/** Few tries, about 3.75 s in all: what a command starting up waits for an endpoint before it gives up. */
export const START_UP_RETRY: RetryPolicy = { baseDelayMs: 250, maxDelayMs: 2000, maxAttempts: 5 };

/**
 * Runs `fn` until it succeeds, retrying errors marked `retryable` with capped exponential backoff, forever
 * unless the policy bounds the tries (a node that is down comes back by itself). Anything else, an abort and
 * the last of bounded tries are thrown.
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
      if (policy.maxAttempts !== undefined && attempt + 1 >= policy.maxAttempts) throw error;
      const retryInMs = backoffMs(attempt, policy);
      // The code and message only (pino's serializer gives this plain object an empty stack): an endpoint that is
      // down fails the same way every try, and a stack per try (~2.5 kB of fetch internals) buried the line that matters.
      const err = { code: error.code, message: error.message };
      log.warn({ err, code: error.code, attempt: attempt + 1, retryInMs, what }, "rpc call failed, retrying");
      await sleep(retryInMs, signal);
      if (signal?.aborted) throw error;
    }
  }
}
