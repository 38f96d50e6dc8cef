import type { IRouter } from "express";
import type { Registry } from "prom-client";
import { DiprError } from "../../errors.js";
import type { NodeStatus } from "../node-status.js";
import { allowMethods } from "../methods.js";
import { API_BASE, createOpenApiDocument, renderDocsPage } from "../openapi.js";
import { negotiate, parseWith, plainQuery } from "../request.js";
import { NoQuery } from "../schemas.js";

export type NodeRoutesParams = Readonly<{
  nodeStatus: () => Promise<NodeStatus | undefined>;
  /** Ready when the indexed block is at most this many blocks behind the head. */
  readyMaxLag: number;
  metrics: Registry;
}>;

/** Status, liveness, readiness, metrics, and the API's own description. */
export function addNodeRoutes(router: IRouter, { nodeStatus, readyMaxLag, metrics }: NodeRoutesParams): void {
  const document = createOpenApiDocument();
  const docsPage = renderDocsPage(document);

  async function statusBody() {
    const status = await nodeStatus();
    if (!status) throw new DiprError("API_STORE_NOT_READY", "The node has not opened its store or seen the chain yet.");
    const lag = status.headBlock === null ? null : Math.max(0, status.headBlock - status.indexedBlock);
    return { ...status, lag, ready: lag !== null && lag <= readyMaxLag };
  }

  router.get(`${API_BASE}/status`, async (req, res) => {
    negotiate(req, ["application/json"]);
    parseWith(NoQuery, plainQuery(req));
    res.json(await statusBody());
  });

  router.get(`${API_BASE}/health`, (_req, res) => {
    res.json({ status: "ok" });
  });

  router.get(`${API_BASE}/ready`, async (_req, res) => {
    const body = await statusBody();
    if (!body.ready) {
      throw new DiprError("API_STORE_NOT_READY", `Indexed block ${body.indexedBlock} is ${body.lag ?? "an unknown number of"} blocks behind the head (ready at ≤ ${readyMaxLag}).`);
    }
    res.json(body);
  });

  router.get(`${API_BASE}/metrics`, async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });

  router.get(`${API_BASE}/openapi.json`, (_req, res) => {
    res.json(document);
  });

  router.get(`${API_BASE}/docs`, (_req, res) => {
    res.type("text/html").send(docsPage);
  });

  // The API's front door and the server's root both say where the documentation is (a browser asking the root gets
  // the examiner's web page instead, src/web).
  const index = { title: document.info.title, links: { docs: `${API_BASE}/docs`, openapi: `${API_BASE}/openapi.json`, status: `${API_BASE}/status` } };
  for (const path of ["/", API_BASE]) {
    router.get(path, (_req, res) => {
      res.json(index);
    });
  }

  for (const path of ["/", API_BASE, ...["/status", "/health", "/ready", "/metrics", "/openapi.json", "/docs"].map((p) => API_BASE + p)]) {
    allowMethods(router, path, ["GET"]);
  }
}
