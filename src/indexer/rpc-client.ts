import { DiprError } from "../errors.js";
import { safeUrl } from "../log.js";
import { classifyLogsLimit } from "./logs-limit.js";

export type RpcClient = Readonly<{
  url: string;
  /**
   * One JSON-RPC request with plain `fetch` and `JSON.parse` (for large eth_getLogs answers this is ~30x
   * faster than ethers' provider, toolchain.md section 8).
   * @throws DiprError CHAIN_UNAVAILABLE / CHAIN_RPC_TIMEOUT (retryable), CHAIN_LOGS_LIMIT, CHAIN_RPC_ERROR,
   * CHAIN_BAD_RESPONSE.
   */
  call<T>(method: string, params: readonly unknown[], signal?: AbortSignal): Promise<T>;
}>;

export type CreateRpcClientParams = Readonly<{ url: string; timeoutMs: number }>;

// JSON-RPC codes that mean "the node had a problem, not your request": asking again can succeed.
const TRANSIENT_RPC_CODES = new Set([-32603, -32002, 429]);

export function createRpcClient({ url, timeoutMs }: CreateRpcClientParams): RpcClient {
  let nextId = 1;
  const where = safeUrl(url);

  return {
    url,
    async call<T>(method: string, params: readonly unknown[], signal?: AbortSignal): Promise<T> {
      const id = nextId++;
      const timeout = AbortSignal.timeout(timeoutMs);
      const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
      let text: string;
      let status: number;
      try {
        const response = await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ jsonrpc: "2.0", id, method, params }),
          signal: combined,
        });
        status = response.status;
        text = await response.text();
      } catch (error) {
        if (signal?.aborted) throw error; // shutdown: the caller stops, nothing to classify
        if (timeout.aborted) {
          throw new DiprError("CHAIN_RPC_TIMEOUT", `${method} to ${where} took longer than ${timeoutMs} ms`, { method, timeoutMs }, {
            cause: error,
            retryable: true,
          });
        }
        throw new DiprError("CHAIN_UNAVAILABLE", `cannot reach the JSON-RPC node at ${where}: ${describe(error)}`, { method }, {
          cause: error,
          retryable: true,
        });
      }
      let body: { result?: unknown; error?: { code?: number; message?: string; data?: unknown } } | undefined;
      try {
        body = JSON.parse(text) as typeof body;
      } catch (error) {
        // Providers answer overload with HTML or plain text pages (502, 503, 429): retry those.
        const retryable = status === 429 || status >= 500;
        throw new DiprError("CHAIN_BAD_RESPONSE", `${method} to ${where} answered HTTP ${status} without JSON`, { method, status }, {
          cause: error,
          retryable,
        });
      }
      if (body?.error) {
        const message = String(body.error.message ?? "");
        const code = Number(body.error.code);
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
      if (body === undefined || !("result" in body)) {
        throw new DiprError("CHAIN_BAD_RESPONSE", `${method} to ${where} answered without a result`, { method, status });
      }
      return body.result as T;
    },
  };
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
