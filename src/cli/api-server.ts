import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "pino";
import { createApp } from "../api/app.js";
import type { DocumentProxy } from "../api/routes/document-proxy-routes.js";
import type { DocumentServing } from "../api/routes/document-routes.js";
import type { NodeStatus } from "../api/node-status.js";
import type { Config } from "../config.js";
import { DiprError } from "../errors.js";
import type { Store } from "../store/index.js";

export type ApiServer = Readonly<{ url: string; close: () => Promise<void> }>;

export type StartApiServerParams = Readonly<{
  config: Pick<Config, "apiHost" | "apiPort" | "apiCorsOrigins" | "apiRateLimit" | "apiReadyMaxLag" | "apiFamilyMaxMembers">;
  store: Store;
  nodeStatus: () => Promise<NodeStatus | undefined>;
  log: Logger;
  /** The office's documents, served to authenticated offices of their families. */
  documents?: DocumentServing;
  /** The office's document proxy for the examiner's page (loopback clients only). */
  documentProxy?: DocumentProxy;
}>;

/**
 * Serves the query API over the node's open store, in the node's own process (LevelDB allows one process per
 * directory). Resolves once listening.
 * @throws DiprError API_LISTEN_FAILED when the port is taken or the host cannot be bound.
 */
export function startApiServer({ config, store, nodeStatus, log, documents, documentProxy }: StartApiServerParams): Promise<ApiServer> {
  const app = createApp({
    store,
    nodeStatus,
    log,
    ...(documents === undefined ? {} : { documents }),
    ...(documentProxy === undefined ? {} : { documentProxy }),
    options: {
      corsOrigins: config.apiCorsOrigins,
      rateLimitPerWindow: config.apiRateLimit,
      rateLimitWindowMs: 60_000,
      readyMaxLag: config.apiReadyMaxLag,
      familyMaxMembers: config.apiFamilyMaxMembers,
    },
  });
  return new Promise((resolve, reject) => {
    const server: Server = app.listen(config.apiPort, config.apiHost);
    server.once("error", (error) => {
      reject(
        new DiprError("API_LISTEN_FAILED", `cannot serve the API on ${config.apiHost}:${config.apiPort}: ${error.message}`, {
          host: config.apiHost,
          port: config.apiPort,
        }, { cause: error }),
      );
    });
    server.once("listening", () => {
      const { port } = server.address() as AddressInfo;
      const url = `http://${config.apiHost}:${port}`;
      // Not `url`: that field is redacted (RPC URLs carry API keys), and this one is ours to show.
      log.info({ apiUrl: `${url}/api/v1`, port }, "api listening");
      resolve({
        url,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}
