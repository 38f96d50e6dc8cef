import { randomUUID } from "node:crypto";
import express, { type Express } from "express";
import helmet from "helmet";
import type { Logger } from "pino";
import { answerClientErrors } from "./client-errors.js";
import { createMetrics } from "./metrics.js";
import type { NodeStatus } from "./node-status.js";
import { createProblemHandler, problemOf, routeNotFound, sendProblem } from "./problem.js";
import { fixedWindowRateLimit } from "./rate-limit.js";
import { addBlindedRoutes, type BlindedStore } from "./routes/blinded-routes.js";
import { addDocumentProxyRoutes, type DocumentProxy } from "./routes/document-proxy-routes.js";
import { addDocumentRoutes, type DocumentServing, type DocumentStore } from "./routes/document-routes.js";
import { addNodeRoutes } from "./routes/node-routes.js";
import { addRegistryRoutes, type RegistryStore } from "./routes/registry-routes.js";
import { addVerifyRoutes, type VerifyStore } from "./routes/verify-routes.js";
import { API_BASE } from "./openapi.js";
import { addWebRoutes } from "../web/serve.js";

export type ApiOptions = Readonly<{
  /** Origins allowed by CORS; empty (the default) sends no CORS headers at all. */
  corsOrigins: readonly string[];
  /** Requests per client IP per window before 429. */
  rateLimitPerWindow: number;
  rateLimitWindowMs: number;
  /** Largest request body accepted, in bytes (a 1,000-claim batch is ~250 kB). */
  maxBodyBytes: number;
  readyMaxLag: number;
  /** Most members a family answer holds; a larger family is a 422 API_FAMILY_TOO_LARGE. */
  familyMaxMembers: number;
}>;

export const DEFAULT_API_OPTIONS: ApiOptions = {
  corsOrigins: [],
  rateLimitPerWindow: 6000,
  rateLimitWindowMs: 60_000,
  maxBodyBytes: 512 * 1024,
  readyMaxLag: 2,
  familyMaxMembers: 1000,
};

export type CreateAppParams = Readonly<{
  store: RegistryStore & VerifyStore & BlindedStore & DocumentStore;
  nodeStatus: () => Promise<NodeStatus | undefined>;
  log: Logger;
  options?: Partial<ApiOptions>;
  /** The node's own documents, served to authenticated offices; without it GET /documents/{id} is not routed. */
  documents?: DocumentServing;
  /** The office's document proxy for the examiner's page; without it GET /document-proxy/{id} answers 404. */
  documentProxy?: DocumentProxy;
}>;

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Probes and scrapes: a busy client must not make the node look dead to its orchestrator or monitoring. */
const NOT_RATE_LIMITED: ReadonlySet<string> = new Set([`${API_BASE}/health`, `${API_BASE}/ready`, `${API_BASE}/metrics`]);

/**
 * helmet's default headers, collected once: none of them depends on the request (no CSP nonces), and setting
 * them in one call saves helmet's dozen middleware steps on every request.
 */
function helmetHeaders(): Map<string, string> {
  const headers = new Map<string, string>();
  const collector = {
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), String(value)),
    removeHeader: (name: string) => headers.delete(name.toLowerCase()),
  };
  let done = false;
  helmet()({} as never, collector as never, () => (done = true));
  if (!done) throw new Error("helmet did not finish synchronously; its headers cannot be precomputed");
  return headers;
}

/**
 * The query API: express 5 over the node's store (it never talks to the chain). Every error is an RFC 9457
 * problem body; the OpenAPI document is generated from the schemas that validate the requests.
 */
export function createApp({ store, nodeStatus, log, options: given = {}, documents, documentProxy }: CreateAppParams): Express {
  const options = { ...DEFAULT_API_OPTIONS, ...given };
  const app = express();
  const metrics = createMetrics(nodeStatus);
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.set("trust proxy", false);

  // Responses are computed from the store on every request; hashing each body for an ETag cost more than
  // building it, and no client of a changing register can rely on one.
  app.set("etag", false);

  // One middleware for what every request gets (its id, the security headers, the metrics and log line on
  // "finish"), and routes at their full paths on the app's own router: each extra
  // layer or mounted router costs a match and a dispatch on every request.
  const securityHeaders = helmetHeaders();
  const logRequests = log.isLevelEnabled("debug"); // the level is fixed when the node starts
  app.use((req, res, next) => {
    const given = req.get("x-request-id");
    const id = given !== undefined && REQUEST_ID.test(given) ? given : randomUUID();
    res.setHeaders(securityHeaders);
    res.setHeader("x-request-id", id);
    const started = performance.now();
    res.once("finish", () => {
      const durationMs = performance.now() - started;
      metrics.observe(req, res, durationMs / 1000);
      if (logRequests) log.debug({ requestId: id, method: req.method, url: req.originalUrl, status: res.statusCode, durationMs }, "request");
    });
    next();
  });
  if (options.corsOrigins.length > 0) {
    const allowed = new Set(options.corsOrigins);
    app.use((req, res, next) => {
      const origin = req.get("origin");
      if (origin !== undefined && (allowed.has(origin) || allowed.has("*"))) {
        res.setHeader("access-control-allow-origin", allowed.has("*") ? "*" : origin);
        res.setHeader("vary", "Origin");
        res.setHeader("access-control-allow-methods", "GET, POST");
        // The dipr-* headers carry a signed document request and an access code (GET /documents/{id}).
        res.setHeader("access-control-allow-headers", "content-type, accept, x-request-id, dipr-request, dipr-signature, dipr-access-code");
        res.setHeader("access-control-expose-headers", "x-request-id");
      }
      if (req.method === "OPTIONS") {
        res.status(204).end();
        return;
      }
      next();
    });
  }
  app.use(
    fixedWindowRateLimit({
      skip: (req) => NOT_RATE_LIMITED.has(req.path),
      windowMs: options.rateLimitWindowMs,
      limit: options.rateLimitPerWindow,
      refuse: (_req, res) => sendProblem(res, problemOf("API_RATE_LIMITED", "Too many requests from this client; retry after the window.")),
    }),
  );
  // The verify routes first: they take most of the traffic, and express tries routes in order.
  addVerifyRoutes(app, store, { maxBodyBytes: options.maxBodyBytes });
  addRegistryRoutes(app, store, { familyMaxMembers: options.familyMaxMembers });
  addBlindedRoutes(app, store, { maxBodyBytes: options.maxBodyBytes, familyMaxMembers: options.familyMaxMembers });
  addDocumentRoutes(app, store, log, documents);
  addDocumentProxyRoutes(app, store, log, documentProxy);
  // The examiner's web page at `/` for browsers; API clients asking `/` still get the pointer to the docs.
  addWebRoutes(app);
  addNodeRoutes(app, { nodeStatus, readyMaxLag: options.readyMaxLag, metrics: metrics.registry });
  app.use(routeNotFound);
  app.use(createProblemHandler(log));
  // Every caller (the node, the tests, the benchmark) starts the server with app.listen; wrapping it there gives
  // each server the problem bodies for requests that never reach express (a query over 16 KB).
  const listen = app.listen.bind(app);
  app.listen = ((...args: Parameters<typeof listen>) => answerClientErrors(listen(...args))) as typeof app.listen;
  return app;
}
