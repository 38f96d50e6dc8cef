import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import type { RequestFn } from "./journaled-rpc.js";

export type JsonRpcServer = Readonly<{ listen(): Promise<{ address: string; port: number }>; close(): Promise<void> }>;

type ServerClass = new (config: { hostname: string; port: number; provider: unknown }) => JsonRpcServer;

/**
 * Hardhat's own JSON-RPC server (the one `hardhat node` runs), over any EIP-1193 `request`: clients see exactly
 * what `hardhat node` answers, revert data and error codes included. Hardhat's package exports do not include it,
 * so it is loaded by path from the pinned version; test/local-chain covers it, so an upgrade that moves it fails
 * there first.
 */
export async function createHardhatJsonRpcServer(p: Readonly<{ hostname: string; port: number; request: RequestFn }>): Promise<JsonRpcServer> {
  const require = createRequire(import.meta.url);
  const hardhatRoot = dirname(require.resolve("hardhat/package.json"));
  const module = (await import(pathToFileURL(join(hardhatRoot, "dist/src/internal/builtin-plugins/node/json-rpc/server.js")).href)) as {
    JsonRpcServerImplementation: ServerClass;
  };
  // The websocket side of the server wants listeners for subscriptions; this chain offers HTTP only.
  const provider = { request: p.request, addListener: () => undefined, removeListener: () => undefined };
  return new module.JsonRpcServerImplementation({ hostname: p.hostname, port: p.port, provider });
}
