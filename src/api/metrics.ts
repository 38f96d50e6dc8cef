import type { Request, Response } from "express";
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { NodeStatus } from "./node-status.js";

export type ApiMetrics = Readonly<{
  registry: Registry;
  /** Counts a finished request and its latency, by its route template. */
  observe(req: Request, res: Response, seconds: number): void;
}>;

/**
 * A Prometheus registry per app (never prom-client's global one, so two apps in one process do not collide):
 * request counts and latencies by route template, and the indexer's block and lag read at scrape time.
 */
export function createMetrics(nodeStatus: () => Promise<NodeStatus | undefined>): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: "dipr_http_requests_total",
    help: "HTTP requests by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: "dipr_http_request_duration_seconds",
    help: "HTTP request latency by method and route template",
    labelNames: ["method", "route"] as const,
    buckets: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
    registers: [registry],
  });
  new Gauge({
    name: "dipr_indexed_block",
    help: "Last block the node has indexed",
    registers: [registry],
    async collect() {
      const status = await nodeStatus();
      if (status) this.set(status.indexedBlock);
    },
  });
  new Gauge({
    name: "dipr_index_lag_blocks",
    help: "Blocks between the chain head and the last indexed block",
    registers: [registry],
    async collect() {
      const status = await nodeStatus();
      if (status?.headBlock != null) this.set(Math.max(0, status.headBlock - status.indexedBlock));
    },
  });

  // The series of each (method, route, status), looked up once: prom-client hashes a label object on every call.
  const series = new Map<string, { latency: { observe(v: number): void }; requests: { inc(): void } }>();
  return {
    registry,
    observe(req, res, seconds) {
      // The route template, not the URL, so label cardinality stays bounded.
      const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : "unmatched";
      const key = `${req.method} ${route} ${res.statusCode}`;
      let own = series.get(key);
      if (own === undefined) {
        own = { latency: latency.labels({ method: req.method, route }), requests: requests.labels({ method: req.method, route, status: String(res.statusCode) }) };
        series.set(key, own);
      }
      own.latency.observe(seconds);
      own.requests.inc();
    },
  };
}
