import { OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  Application,
  ApplicationPathParams,
  ClaimToVerify,
  Claimants,
  ClaimantsQuery,
  Family,
  FamilyQuery,
  HistoryEntry,
  Office,
  OfficePathParams,
  Problem,
  registry,
  Status,
  Verdict,
  VerifyBatchBody,
} from "./schemas.js";

export const API_BASE = "/api/v1";

const json = (schema: z.ZodTypeAny, description: string) => ({ description, content: { "application/json": { schema } } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: Problem } } });
const errors = {
  400: problem("Malformed request: bad office code, number, date or unknown parameter"),
  406: problem("The Accept header asks for a media type this resource does not offer"),
  422: problem("Well-formed but breaks a domain rule, e.g. CHECK_DIGIT_MISMATCH"),
  429: problem("Rate limited"),
  503: problem("The node's store is not ready"),
};

let registered = false;

function registerPaths(): void {
  if (registered) return;
  registered = true;
  registry.registerPath({
    method: "get",
    path: "/offices",
    summary: "Offices admitted to the register, with status and signer count",
    responses: { 200: json(z.object({ offices: z.array(Office) }), "The offices"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/offices/{code}",
    summary: "One office",
    request: { params: OfficePathParams },
    responses: { 200: json(Office, "The office"), 404: problem("Not on the register"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/applications/{office}/{number}",
    summary: "An application, its number in canonical form; ST.96 XML with Accept: application/xml",
    request: { params: ApplicationPathParams },
    responses: {
      200: {
        description: "The application",
        content: { "application/json": { schema: Application }, "application/xml": { schema: z.string() } },
      },
      404: problem("Not on the register"),
      ...errors,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/applications/{office}/{number}/history",
    summary: "Every event of an application with block number, transaction hash and log index",
    request: { params: ApplicationPathParams },
    responses: { 200: json(z.object({ history: z.array(HistoryEntry) }), "The history"), 404: problem("Not on the register"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/applications/{office}/{number}/family",
    summary: "The simple (same priorities) or extended (connected) family of an application",
    request: { params: ApplicationPathParams, query: FamilyQuery },
    responses: { 200: json(Family, "The family"), 404: problem("Not on the register"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/applications/{office}/{number}/claimants",
    summary: "Applications claiming this application (or number) as priority, paginated with a cursor",
    request: { params: ApplicationPathParams, query: ClaimantsQuery },
    responses: { 200: json(Claimants, "One page of claimants"), ...errors },
  });
  registry.registerPath({
    method: "get",
    path: "/priority-claims/verify",
    summary: "Verify one priority claim against the register and the Paris/PCT period rules",
    request: { query: ClaimToVerify },
    responses: { 200: json(Verdict, "The verdict"), ...errors },
  });
  registry.registerPath({
    method: "post",
    path: "/priority-claims/verify",
    summary: "Verify up to 1,000 priority claims, one verdict each",
    request: { body: { content: { "application/json": { schema: VerifyBatchBody } } } },
    responses: {
      200: json(z.object({ verdicts: z.array(Verdict) }), "One verdict per claim, in order"),
      413: problem("More than 1,000 claims, or a body over the size limit"),
      415: problem("The body is not application/json"),
      ...errors,
    },
  });
  registry.registerPath({
    method: "get",
    path: "/status",
    summary: "Chain, register, indexed block, head, lag and state digest",
    responses: { 200: json(Status, "The node's status"), 429: errors[429], 503: problem("The store is not ready") },
  });
  registry.registerPath({
    method: "get",
    path: "/health",
    summary: "Liveness",
    responses: { 200: json(z.object({ status: z.literal("ok") }), "The process is alive"), 429: errors[429] },
  });
  registry.registerPath({
    method: "get",
    path: "/ready",
    summary: "Readiness: caught up within the configured lag",
    responses: { 200: json(Status, "Ready"), 429: errors[429], 503: problem("Not caught up yet") },
  });
  registry.registerPath({
    method: "get",
    path: "/metrics",
    summary: "Prometheus metrics",
    responses: { 200: { description: "Metrics in the Prometheus text format", content: { "text/plain": { schema: z.string() } } }, 429: errors[429] },
  });
}

/** The OpenAPI 3.1 document, generated from the zod schemas that validate the requests. */
export function createOpenApiDocument(): ReturnType<OpenApiGeneratorV31["generateDocument"]> {
  registerPaths();
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "dipr query API",
      version: "1.0.0",
      description: "Verify priority claims, list families and find claimants on the dipr register (WIPO ST.90 style).",
    },
    servers: [{ url: API_BASE }],
  });
}

const escape = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain HTML page listing every operation of the document; no scripts, no external assets. */
export function renderDocsPage(document: ReturnType<typeof createOpenApiDocument>): string {
  const rows = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, { summary?: string; parameters?: { name: string; in: string }[]; responses?: Record<string, unknown> }>).map(
      ([method, op]) =>
        `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(API_BASE + path)}</code></td><td>${escape(op.summary ?? "")}</td>` +
        `<td>${(op.parameters ?? []).map((p) => `<code>${escape(p.name)}</code> (${p.in})`).join(", ")}</td><td>${Object.keys(op.responses ?? {}).join(", ")}</td></tr>`,
    ),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(document.info.title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;max-width:80rem}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left;vertical-align:top}</style></head>
<body><h1>${escape(document.info.title)} ${escape(document.info.version)}</h1><p>${escape(document.info.description ?? "")}</p>
<p>Machine-readable: <a href="${API_BASE}/openapi.json">openapi.json</a> (OpenAPI ${escape(document.openapi)}). Errors are <code>application/problem+json</code> with a stable <code>code</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>summary</th><th>parameters</th><th>responses</th></tr></thead><tbody>${rows.join("")}</tbody></table></body></html>`;
}
