import { isAscii } from "node:buffer";
import { DiprError } from "../errors.js";
import { safeUrl } from "../log.js";
import { classifyLogsLimit } from "./logs-limit.js";

/** One JSON-RPC call of a batch. */
export type RpcCall = Readonly<{ method: string; params: readonly unknown[] }>;

export type RpcClient = Readonly<{
  url: string;
  /**
   * One JSON-RPC request with plain `fetch` and `JSON.parse` (for large eth_getLogs answers this is ~30x
   * faster than ethers' provider, toolchain.md section 8).
   * @throws DiprError CHAIN_UNAVAILABLE / CHAIN_RPC_TIMEOUT (retryable), CHAIN_LOGS_LIMIT, CHAIN_RPC_ERROR,
   * CHAIN_BAD_RESPONSE.
   */
  call<T>(method: string, params: readonly unknown[], signal?: AbortSignal): Promise<T>;
  /**
   * Several calls in one JSON-RPC batch request (one HTTP round trip); the results in the order of `calls`.
   * @throws DiprError CHAIN_BATCH_UNSUPPORTED when the endpoint answers a batch with anything but an array (it does
   * not take batches, or not this many): ask one call at a time instead. Otherwise as `call`, for the first call
   * that failed.
   */
  batch<T>(calls: readonly RpcCall[], signal?: AbortSignal): Promise<T[]>;
}>;

export type CreateRpcClientParams = Readonly<{ url: string; timeoutMs: number }>;

// JSON-RPC codes that mean "the node had a problem, not your request": asking again can succeed.
const TRANSIENT_RPC_CODES = new Set([-32603, -32002, 429]);
/** JSON-RPC 2.0's "Invalid Request". */
const INVALID_REQUEST = -32600;

type Reply = { id?: unknown; result?: unknown; error?: { code?: number; message?: string; data?: unknown } };

export function createRpcClient({ url, timeoutMs }: CreateRpcClientParams): RpcClient {
  let nextId = 1;
  const where = safeUrl(url);

  /** POSTs `payload` and parses the answer; `what` names the request in errors. */
  async function post(what: string, payload: unknown, signal: AbortSignal | undefined): Promise<{ status: number; body: unknown }> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let text: string;
    let status: number;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
        signal: combined,
      });
      status = response.status;
      text = textOf(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      if (signal?.aborted) throw error; // shutdown: the caller stops, nothing to classify
      if (timeout.aborted) {
        throw new DiprError("CHAIN_RPC_TIMEOUT", `${what} to ${where} took longer than ${timeoutMs} ms`, { method: what, timeoutMs }, {
          cause: error,
          retryable: true,
        });
      }
      throw new DiprError("CHAIN_UNAVAILABLE", `cannot reach the JSON-RPC node at ${where}: ${describe(error)}`, { method: what }, {
        cause: error,
        retryable: true,
      });
    }
    try {
      return { status, body: JSON.parse(text) as unknown };
    } catch (error) {
      // Providers answer overload with HTML or plain text pages (502, 503, 429): retry those.
      const retryable = status === 429 || status >= 500;
      throw new DiprError("CHAIN_BAD_RESPONSE", `${what} to ${where} answered HTTP ${status} without JSON`, { method: what, status }, {
        cause: error,
        retryable,
      });
    }
  }

  /** The result of one call, or the error its reply (or the HTTP status) stands for. */
  function resultOf<T>(method: string, params: readonly unknown[], status: number, reply: Reply | undefined): T {
    if (reply?.error) {
      const message = String(reply.error.message ?? "");
      const code = Number(reply.error.code);
      if (method === "eth_getLogs") {
        const from = Number.parseInt(String((params[0] as { fromBlock?: string } | undefined)?.fromBlock ?? "-1"), 16);
        const limit = classifyLogsLimit(message, from);
        if (limit) throw new DiprError("CHAIN_LOGS_LIMIT", `eth_getLogs refused: ${message}`, { code, message, ...limit });
      }
      throw new DiprError("CHAIN_RPC_ERROR", `${method} failed: ${message} (${code})`, { method, code, message }, {
        retryable: TRANSIENT_RPC_CODES.has(code) || status === 429 || status >= 500,
      });
    }
    if (status === 429 || status >= 500) {
      throw new DiprError("CHAIN_UNAVAILABLE", `${method} to ${where} answered HTTP ${status}`, { method, status }, { retryable: true });
    }
    if (reply === undefined || reply === null || typeof reply !== "object" || !("result" in reply)) {
      throw new DiprError("CHAIN_BAD_RESPONSE", `${method} to ${where} answered without a result`, { method, status });
    }
    return reply.result as T;
  }

  return {
    url,
    async call<T>(method: string, params: readonly unknown[], signal?: AbortSignal): Promise<T> {
      const { status, body } = await post(method, { jsonrpc: "2.0", id: nextId++, method, params }, signal);
      return resultOf<T>(method, params, status, body as Reply | undefined);
    },
    async batch<T>(calls: readonly RpcCall[], signal?: AbortSignal): Promise<T[]> {
      if (calls.length === 0) return [];
      const first = nextId;
      nextId += calls.length;
      const what = `a batch of ${calls.length} ${calls[0]!.method}`;
      const unsupported = (message: string) =>
        new DiprError("CHAIN_BATCH_UNSUPPORTED", `${where} does not take ${what}: ${message}`, { method: what, size: calls.length, message });
      const { status, body } = await post(what, calls.map(({ method, params }, i) => ({ jsonrpc: "2.0", id: first + i, method, params })), signal);
      if (!Array.isArray(body)) {
        if (status === 429 || status >= 500) {
          throw new DiprError("CHAIN_UNAVAILABLE", `${what} to ${where} answered HTTP ${status}`, { method: what, status }, { retryable: true });
        }
        throw unsupported(String((body as Reply | null)?.error?.message ?? `HTTP ${status}, no array`));
      }
      // geth answers a batch over its --rpc.batch-request-limit with ONE reply, an invalid-request error carrying the
      // first call's id ("batch too large"): the batch is refused, not that call.
      const refusal = (body as Reply[]).length < calls.length ? (body as Reply[]).find((r) => r?.error?.code === INVALID_REQUEST) : undefined;
      if (refusal !== undefined) throw unsupported(String(refusal.error!.message ?? "invalid request"));
      // The replies may come in any order (JSON-RPC 2.0, section 6): matched by id.
      const byId = new Map<unknown, Reply>();
      for (const reply of body as Reply[]) if (reply !== null && typeof reply === "object") byId.set(reply.id, reply);
      return calls.map(({ method, params }, i) => resultOf<T>(method, params, status, byId.get(first + i)));
    },
  };
}

const utf8 = new TextDecoder();

/**
 * The answer as text. A node's answers are hex and ASCII names, and a one-byte string made from ASCII bytes costs a
 * fifth of UTF-8 decoding (2.2 MB of logs: 1.1 against 5.5 ms here); anything else is decoded as `response.text()`
 * would (UTF-8, a byte order mark dropped).
 */
export const textOf = (bytes: Buffer): string => (isAscii(bytes) ? bytes.toString("latin1") : utf8.decode(bytes));

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
