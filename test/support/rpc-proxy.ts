import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/** Error texts of real providers (sources in src/indexer/logs-limit.ts). */
export type ProviderStyle = "alchemy" | "infura" | "quicknode" | "besu" | "geth";

export type ProxyLimits = Readonly<{ style: ProviderStyle; maxRange?: number; maxLogs?: number }>;

export type RpcProxy = Readonly<{
  url: string;
  /** Stops answering: listening ends and open connections are cut, as when an endpoint goes away. */
  down(): Promise<void>;
  up(): Promise<void>;
  setLimits(limits: ProxyLimits | undefined): void;
  stats: { requests: number; refusedRange: number; refusedLogs: number; batches: number };
  /**
   * What the `finalized` tag answers: the block `lag` below the head (hardhat's finalized block is its head), or a
   * JSON-RPC error as from a node that does not know the tag; undefined passes it through.
   */
  setFinalized(mode: { lag: number } | "unsupported" | undefined): void;
  /**
   * How JSON-RPC batch requests are answered: refused with one error object (as from an endpoint that takes no
   * batches, or not that many), or with the replies in reverse order (JSON-RPC 2.0 allows any); undefined passes
   * them through. Counted in `stats.batches`.
   */
  setBatches(mode: "refused" | "reversed" | undefined): void;
  close(): Promise<void>;
}>;

type Log = { blockNumber: string };
type RpcError = { code: number; message: string; data?: unknown };

const hex = (n: number) => `0x${n.toString(16)}`;

function rangeError(style: ProviderStyle, from: number, to: number, max: number): RpcError {
  switch (style) {
    case "alchemy":
      return { code: -32600, message: `You can make eth_getLogs requests with up to a ${max} block range. Based on your parameters, this block range should work: [${hex(from)}, ${hex(from + max - 1)}]` };
    case "infura":
      return { code: -32602, message: `range ${to - from + 1} exceeds limit of ${max}` };
    case "quicknode":
      return { code: -32614, message: `eth_getLogs is limited to a ${max.toLocaleString("en-US")} range` };
    case "besu":
      return { code: -32005, message: "Requested range exceeds maximum range limit" };
    case "geth":
      return { code: -32000, message: `exceed maximum block range: ${max}` };
  }
}

function logsError(style: ProviderStyle, from: number, fitsTo: number, max: number): RpcError {
  switch (style) {
    case "alchemy":
      return {
        code: -32602,
        message: `Log response size exceeded. You can make eth_getLogs requests with up to a 2K block range and no limit on the response size, or you can request any block range with a cap of ${max} logs in the response. Based on your parameters and the response size limit, this block range should work: [${hex(from)}, ${hex(fitsTo)}]`,
      };
    case "infura":
      return { code: -32005, message: `query returned more than ${max} results. Try with this block range [${hex(from)}, ${hex(fitsTo)}].`, data: { from: hex(from), to: hex(fitsTo), limit: max } };
    case "quicknode":
    case "geth":
    case "besu":
      // geth's (and most self-hosted nodes') text for a result cap; QuickNode and Besu cap the range only.
      return { code: -32005, message: `query returned more than ${max} results` };
  }
}

/**
 * A loopback JSON-RPC proxy in front of a `hardhat node`: restarting the node itself would lose its chain, so
 * outages and provider limits are played here. Fakes only what cannot run locally (style.md part 3).
 */
export async function startRpcProxy(target: string): Promise<RpcProxy> {
  let limits: ProxyLimits | undefined;
  let finalized: { lag: number } | "unsupported" | undefined;
  let batches: "refused" | "reversed" | undefined;
  const stats = { requests: 0, refusedRange: 0, refusedLogs: 0, batches: 0 };
  const sockets = new Set<Socket>();
  let server: Server = createServer(handle);
  let port = 0;

  async function rpc<T>(method: string, params: unknown[]): Promise<T> {
    const reply = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
    return ((await reply.json()) as { result: T }).result;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString();
    stats.requests++;
    const parsed = JSON.parse(body) as unknown;
    if (Array.isArray(parsed)) {
      stats.batches++;
      res.writeHead(200, { "content-type": "application/json" });
      if (batches === "refused") return res.end(JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32600, message: "batch requests are not supported" } }));
      const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
      const replies = (await upstream.json()) as unknown[];
      return res.end(JSON.stringify(batches === "reversed" ? replies.reverse() : replies));
    }
    const request = parsed as { id: number; method: string; params: [{ fromBlock: string; toBlock: string }] };
    const answer = (payload: object) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", id: request.id, ...payload }));
    };
    const params = request.params as unknown[];
    if (request.method === "eth_getBlockByNumber" && params[0] === "finalized" && finalized !== undefined) {
      if (finalized === "unsupported") return answer({ error: { code: -32602, message: "invalid argument 0: unknown block tag finalized" } });
      const head = await rpc<string>("eth_blockNumber", []);
      return answer({ result: await rpc("eth_getBlockByNumber", [hex(Math.max(0, parseInt(head, 16) - finalized.lag)), false]) });
    }
    if (request.method === "eth_getLogs" && limits) {
      const from = parseInt(request.params[0].fromBlock, 16);
      const to = parseInt(request.params[0].toBlock, 16);
      if (limits.maxRange !== undefined && to - from + 1 > limits.maxRange) {
        stats.refusedRange++;
        return answer({ error: rangeError(limits.style, from, to, limits.maxRange) });
      }
    }
    const upstream = await fetch(target, { method: "POST", headers: { "content-type": "application/json" }, body });
    const text = await upstream.text();
    if (request.method === "eth_getLogs" && limits?.maxLogs !== undefined) {
      const result = (JSON.parse(text) as { result?: Log[] }).result ?? [];
      if (result.length > limits.maxLogs) {
        stats.refusedLogs++;
        const from = parseInt(request.params[0].fromBlock, 16);
        // The last block whose logs still fit, as Alchemy and Infura suggest.
        const cut = parseInt(result[limits.maxLogs]!.blockNumber, 16) - 1;
        return answer({ error: logsError(limits.style, from, Math.max(from, cut), limits.maxLogs) });
      }
    }
    res.writeHead(upstream.status, { "content-type": "application/json" });
    res.end(text);
  }

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((req, res) => {
        handle(req, res).catch((error: unknown) => {
          res.writeHead(502);
          res.end(String(error));
        });
      });
      server.on("connection", (socket) => {
        sockets.add(socket);
        socket.once("close", () => sockets.delete(socket));
      });
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        port = typeof address === "object" && address ? address.port : port;
        resolve();
      });
    });
  const stop = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });

  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    down: stop,
    up: listen,
    setLimits: (next) => (limits = next),
    setFinalized: (mode) => (finalized = mode),
    setBatches: (mode) => (batches = mode),
    stats,
    close: stop,
  };
}
