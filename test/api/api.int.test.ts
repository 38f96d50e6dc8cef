import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiFixture, type ApiFixture } from "../support/api-fixture.js";
import { createResponseValidator, type ResponseValidator } from "../support/openapi-validator.js";

let fx: ApiFixture;
let api: { url: string; close: () => Promise<void> };
let validator: ResponseValidator;

beforeAll(async () => {
  fx = await createApiFixture();
  api = await fx.start();
  validator = createResponseValidator(await (await fetch(`${api.url}/api/v1/openapi.json`)).json());
}, 180_000);
afterAll(async () => {
  await api?.close();
  await fx?.close();
});

type Reply = { status: number; type: string | null; headers: Headers; body: any; text: string };

function camelCaseKeys(value: unknown, path = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => camelCaseKeys(v, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, v]) => [
    ...(/^[a-z][a-zA-Z0-9]*$/.test(key) ? [] : [`${path}.${key}`]),
    ...(key === "fields" ? [] : camelCaseKeys(v, `${path}.${key}`)),
  ]);
}

/** One request to the API; every answer is checked against /openapi.json and the ST.90 naming rule. */
async function call(path: string, init: RequestInit = {}, base = api.url): Promise<Reply> {
  const response = await fetch(`${base}/api/v1${path}`, init);
  const text = await response.text();
  const type = response.headers.get("content-type");
  const isJson = /json/.test(type ?? "");
  const body = isJson ? JSON.parse(text) : undefined;
  validator.check(init.method ?? "GET", `/api/v1${path}`, response.status, type, body);
  if (isJson && !path.startsWith("/openapi.json")) expect(camelCaseKeys(body)).toEqual([]);
  if (response.status >= 400) {
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.status).toBe(response.status);
    expect(text).not.toMatch(/\n\s+at /);
  }
  return { status: response.status, type, headers: response.headers, body, text };
}
const get = (path: string, headers: Record<string, string> = {}) => call(path, { headers });
const post = (path: string, body: unknown, headers: Record<string, string> = { "content-type": "application/json" }) =>
  call(path, { method: "POST", headers, body: typeof body === "string" ? body : JSON.stringify(body) });

describe("offices", () => {
  test("lists the admitted offices with status and signer count", async () => {
    const reply = await get("/offices");
    expect(reply.status).toBe(200);
    expect(reply.body.offices.map((o: any) => o.ipOfficeCode).sort()).toEqual(["CN", "EP", "JP", "US"]);
    expect(reply.body.offices.every((o: any) => o.signerCount === 1 && o.status === "active")).toBe(true);
  });

  test("gives one office, 404 for an office not on the register, 400 for a malformed code", async () => {
    expect((await get("/offices/EP")).body).toMatchObject({ ipOfficeCode: "EP", name: "EP office", status: "active", signerCount: 1 });
    expect((await get("/offices/GB")).body.code).toBe("API_OFFICE_NOT_FOUND");
    const bad = await get("/offices/ZZ");
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0]).toMatchObject({ code: "OFFICE_CODE_UNKNOWN", target: "ipOfficeCode" });
  });
});

describe("applications", () => {
  test("answers an application in canonical form whatever format the number is typed in", async () => {
    for (const typed of ["24150001.6", encodeURIComponent("EP 24 150 001.6"), "24150001"]) {
      const reply = await get(`/applications/EP/${typed}`);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({
        ipOfficeCode: "EP",
        applicationNumberText: "24150001.6",
        canonicalId: "EP:24150001.6",
        filingDate: "2024-01-08",
        ipType: "patent",
      });
      expect(reply.body.priorityClaimBag.map((c: any) => `${c.ipOfficeCode}:${c.applicationNumberText}`)).toEqual(["US:63100001", "JP:2023050001"]);
    }
  });

  test("follows domain.md's API vectors: lower-case office 400, wrong check digit 422, unknown 404", async () => {
    const lower = await get("/applications/ep/24150001.6");
    expect(lower.status).toBe(400);
    expect(lower.body.errors[0].code).toBe("OFFICE_CODE_NOT_UPPERCASE");
    const check = await get("/applications/EP/24150001.7");
    expect(check.status).toBe(422);
    expect(check.body.errors[0]).toMatchObject({ code: "CHECK_DIGIT_MISMATCH", target: "applicationNumberText" });
    expect(check.body.detail).toMatch(/6/);
    const unknown = await get("/applications/EP/23123456.8");
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("API_APPLICATION_NOT_FOUND");
  });

  test("gives the history of every event with its chain position", async () => {
    const reply = await get("/applications/EP/24160002.2/history");
    expect(reply.body.history.map((h: any) => h.event)).toEqual(["ApplicationRegistered", "PriorityClaimed", "PriorityClaimed", "PriorityClaimWithdrawn"]);
    expect(reply.body.history.every((h: any) => /^0x[0-9a-f]{64}$/.test(h.transactionHash) && h.blockNumber > 0)).toBe(true);
    // Each event carries the time of its block, as the chain reports it.
    for (const entry of reply.body.history as { blockNumber: number; blockTime: string }[]) {
      const block = (await fx.chain.send("eth_getBlockByNumber", [`0x${entry.blockNumber.toString(16)}`, false])) as { timestamp: string };
      expect(entry.blockTime).toBe(new Date(parseInt(block.timestamp, 16) * 1000).toISOString());
    }
  });

  test("answers ST.96-shaped XML for Accept: application/xml, and 406 for a type it does not offer", async () => {
    const reply = await get("/applications/EP/24150001.6", { accept: "application/xml" });
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^application\/xml/);
    const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false }).parse(reply.text);
    const root = xml["pat:BibliographicData"];
    expect(root["@_xmlns:pat"]).toBe("http://www.wipo.int/standards/XMLSchema/ST96/Patent");
    expect(root["pat:ApplicationIdentification"]["com:ApplicationNumber"]["com:ApplicationNumberText"]).toBe("24150001.6");
    const claims = root["pat:PriorityClaimBag"]["pat:PriorityClaim"];
    expect(claims.map((c: any) => [c["@_com:sequenceNumber"], c["com:IPOfficeCode"], c["pat:FilingDate"], c["pat:ApplicationFilingCategory"]])).toEqual([
      ["1", "US", "2023-01-10", "national"],
      ["2", "JP", "2023-03-01", "national"],
    ]);
    expect((await get("/applications/EP/24150001.6", { accept: "text/csv" })).status).toBe(406);
    expect((await get("/applications/JP/2024099999", { accept: "application/xml" })).status).toBe(406);
  });
});

describe("families", () => {
  const ids = (reply: Reply) => reply.body.members.map((m: any) => m.canonicalId);
  test("gives domain.md §6.3's simple and extended families", async () => {
    expect(ids(await get("/applications/EP/24150001.6/family?kind=simple"))).toEqual(["EP:24150001.6", "EP:24199999.4"]);
    expect(ids(await get("/applications/JP/2023050001/family?kind=simple"))).toEqual(["CN:202410012345.2", "JP:2023050001"]);
    expect(ids(await get("/applications/US/63100001/family?kind=simple"))).toEqual(["US:63100001"]);
    const all = ["CN:202410012345.2", "EP:24150001.6", "EP:24199999.4", "JP:2023050001", "US:18600001", "US:63100001"];
    expect(ids(await get("/applications/EP/24150001.6/family?kind=extended"))).toEqual(all);
    expect(ids(await get("/applications/US/18600001/family"))).toEqual(all);
  });

  test("lists links and rejects an unknown kind", async () => {
    const reply = await get("/applications/EP/24199999.4/family");
    expect(reply.body.links).toContainEqual({ from: "EP:24199999.4", to: "EP:24150001.6", kind: "divisional" });
    const bad = await get("/applications/EP/24199999.4/family?kind=docdb");
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].target).toBe("kind");
  });
});

describe("claimants", () => {
  test("lists who claims an application, and who claims a number not on the register", async () => {
    const jp = await get("/applications/JP/2023050001/claimants");
    expect(jp.body.claimants.map((c: any) => c.claimantCanonicalId)).toEqual(["EP:24150001.6", "CN:202410012345.2"]);
    const kr = await get("/applications/KR/1020230123456/claimants?limit=100");
    expect(kr.body.claimants).toHaveLength(6);
  });

  test("pages with an opaque cursor in links.next until the list is exhausted", async () => {
    const seen: string[] = [];
    let next: string | undefined = "/applications/KR/1020230123456/claimants?limit=4";
    while (next) {
      const reply = await get(next.replace(/^\/api\/v1/, ""));
      seen.push(...reply.body.claimants.map((c: any) => c.claimantCanonicalId));
      next = reply.body.links.next;
    }
    expect(seen).toHaveLength(6);
    expect(new Set(seen).size).toBe(6);
  });

  test("rejects a limit over 100 naming the field (domain.md API vector), and a forged cursor", async () => {
    const reply = await get("/applications/EP/24150001.6/claimants?limit=500");
    expect(reply.status).toBe(400);
    expect(reply.body.errors[0].target).toBe("limit");
    expect((await get("/applications/EP/24150001.6/claimants?cursor=bm9wZQ")).body.errors[0].target).toBe("cursor");
  });
});

describe("verifying priority claims", () => {
  const query = (q: Record<string, string>) => `/priority-claims/verify?${new URLSearchParams(q)}`;
  const a3ClaimsA1 = {
    office: "US",
    number: "63/100,001",
    filingDate: "2023-01-10",
    ipType: "patent",
    claimantOffice: "EP",
    claimantFilingDate: "2024-01-08",
    claimantIpType: "patent",
  };

  test("a registered claim: found, date matches, in time, with the period end", async () => {
    const reply = await get(query(a3ClaimsA1));
    expect(reply.body).toMatchObject({
      claimedCanonicalId: "US:63100001",
      registered: true,
      registeredFilingDate: "2023-01-10",
      filingDateMatches: true,
      ipTypeCompatible: true,
      classification: "valid",
      periodEnd: "2024-01-10",
      restorationEnd: "2024-03-10",
    });
  });

  test("a wrong claimed date is reported against the registered one; a late claim is restorable", async () => {
    const reply = await get(query({ ...a3ClaimsA1, filingDate: "2023-01-11" }));
    expect(reply.body).toMatchObject({ registered: true, filingDateMatches: false, registeredFilingDate: "2023-01-10" });
    const late = await get(query({ ...a3ClaimsA1, claimantFilingDate: "2024-02-20" }));
    expect(late.body.classification).toBe("restorable");
  });

  test("a claim of a number not on the register is checked for time only", async () => {
    const reply = await get(query({ ...a3ClaimsA1, office: "KR", number: "10-2023-0123456", filingDate: "2023-07-03" }));
    expect(reply.body).toMatchObject({ registered: false, classification: "valid" });
    expect(reply.body.filingDateMatches).toBeUndefined();
  });

  test("names every missing or unknown parameter, and refuses a repeated one", async () => {
    const { ipType: _dropped, ...missing } = a3ClaimsA1;
    const reply = await get(query({ ...missing, colour: "blue" }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: any) => e.target).sort()).toEqual(["colour", "ipType"]);
    const repeated = await get(`${query(a3ClaimsA1)}&office=EP`);
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors[0].target).toBe("office");
    expect((await get(query({ ...a3ClaimsA1, filingDate: "2023-02-30" }))).body.errors[0]).toMatchObject({ code: "INVALID_DATE" });
  });

  test("verifies a batch in one request, one verdict each, a malformed claim getting its own error", async () => {
    const claims = [a3ClaimsA1, { ...a3ClaimsA1, office: "EP", number: "24150001.7", filingDate: "2024-01-08" }, { ...a3ClaimsA1, number: "63100002" }];
    const reply = await post("/priority-claims/verify", { claims });
    expect(reply.status).toBe(200);
    expect(reply.body.verdicts.map((v: any) => v.classification ?? v.error.code)).toEqual(["valid", "CHECK_DIGIT_MISMATCH", "valid"]);
    expect(reply.body.verdicts[1].error.target).toBe("claims.1.number");
    expect(reply.body.verdicts[2].registered).toBe(false);
  });

  test("refuses 1,001 claims (413), a body that is not JSON (400), and another media type (415)", async () => {
    const many = await post("/priority-claims/verify", { claims: Array(1001).fill(a3ClaimsA1) });
    expect(many.status).toBe(413);
    expect(many.body.code).toBe("API_PAYLOAD_TOO_LARGE");
    expect((await post("/priority-claims/verify", "{claims:")).body.code).toBe("API_MALFORMED_BODY");
    expect((await post("/priority-claims/verify", "claims", { "content-type": "text/plain" })).status).toBe(415);
    const huge = await post("/priority-claims/verify", { claims: [a3ClaimsA1], pad: "x".repeat(600_000) });
    expect(huge.status).toBe(413);
    const empty = await post("/priority-claims/verify", { claims: [] });
    expect(empty.status).toBe(400);
  });
});

describe("node endpoints", () => {
  test("status, health, readiness and metrics", async () => {
    const status = await get("/status");
    expect(status.body).toMatchObject({ chainId: 31337, lag: expect.any(Number), ready: true });
    expect(status.body.digest).toMatch(/^0x[0-9a-f]{64}$/);
    expect((await get("/health")).body).toEqual({ status: "ok" });
    expect((await get("/ready")).status).toBe(200);
    const metrics = await fetch(`${api.url}/api/v1/metrics`);
    const text = await metrics.text();
    expect(text).toMatch(/dipr_http_requests_total\{method="GET",route="\/api\/v1\/status",status="200"\} \d+/);
    expect(text).toMatch(/dipr_indexed_block \d+/);
    expect(text).toMatch(/dipr_http_request_duration_seconds_bucket/);
    // Every request is counted, in its route's series: two more health checks add exactly two.
    const scrape = async () => {
      const body = await (await fetch(`${api.url}/api/v1/metrics`)).text();
      const count = (pattern: RegExp) => Number(pattern.exec(body)?.[1] ?? 0);
      return {
        requests: count(/dipr_http_requests_total\{method="GET",route="\/api\/v1\/health",status="200"\} (\d+)/),
        latencies: count(/dipr_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/health"\} (\d+)/),
      };
    };
    const before = await scrape();
    await get("/health");
    await get("/health");
    const after = await scrape();
    expect([after.requests - before.requests, after.latencies - before.latencies]).toEqual([2, 2]);
    expect(before.requests).toBeGreaterThan(0);
  });

  test("a node whose store is not ready answers 503 on status and ready, and stays alive", async () => {
    const notReady = await fx.start({}, async () => undefined);
    try {
      expect((await get("/status", {}, )).status).toBe(200);
      const reply = await call("/status", {}, notReady.url);
      expect(reply.status).toBe(503);
      expect(reply.body.code).toBe("API_STORE_NOT_READY");
      expect((await call("/ready", {}, notReady.url)).status).toBe(503);
      expect((await call("/health", {}, notReady.url)).status).toBe(200);
    } finally {
      await notReady.close();
    }
  });

  test("rate-limits a client with 429 problem bodies", async () => {
    const limited = await fx.start({ rateLimitPerWindow: 3, rateLimitWindowMs: 60_000 });
    try {
      const statuses = [];
      const replies = [];
      for (let i = 0; i < 5; i++) replies.push(await call("/health", {}, limited.url));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
      // IETF draft-7 RateLimit headers, so a client can slow down before it is refused.
      expect(replies[0]!.headers.get("ratelimit-policy")).toBe("3;w=60");
      expect(replies[1]!.headers.get("ratelimit")).toMatch(/^limit=3, remaining=1, reset=\d+$/);
    } finally {
      await limited.close();
    }
  });

  test("security headers always, CORS only when configured, a request id on every response", async () => {
    const reply = await get("/health", { origin: "https://examiner.example", "x-request-id": "abc-123" });
    expect(reply.headers.get("x-content-type-options")).toBe("nosniff");
    expect(reply.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(reply.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(reply.headers.get("strict-transport-security")).toMatch(/^max-age=\d+/);
    expect(reply.headers.get("x-powered-by")).toBeNull();
    expect(reply.headers.get("access-control-allow-origin")).toBeNull();
    expect(reply.headers.get("x-request-id")).toBe("abc-123");
    const problem = await get("/nowhere");
    expect(problem.status).toBe(404);
    expect(problem.body.requestId).toBe(problem.headers.get("x-request-id"));
    const open = await fx.start({ corsOrigins: ["https://examiner.example"] });
    try {
      const cors = await call("/health", { headers: { origin: "https://examiner.example" } }, open.url);
      expect(cors.headers.get("access-control-allow-origin")).toBe("https://examiner.example");
    } finally {
      await open.close();
    }
  });

  test("serves its OpenAPI 3.1 document and a human-readable docs page", async () => {
    const doc = await (await fetch(`${api.url}/api/v1/openapi.json`)).json();
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/priority-claims/verify");
    const page = await fetch(`${api.url}/api/v1/docs`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    expect(await page.text()).toContain("/api/v1/applications/{office}/{number}/claimants");
  });
});

describe("fuzzing with malformed requests", () => {
  const fcImport = import("fast-check");
  test("2,500 random malformed requests: never a 5xx, every 4xx a valid problem body", async () => {
    const { default: fc } = await fcImport;
    const open = await fx.start({ rateLimitPerWindow: 1_000_000 });
    const junk = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: "grapheme", maxLength: 20 }),
      fc.constantFrom("EP", "ep", "ZZ", "E", "EPO", "", "%", "%E0%A4%A", "..", "%2F", "PCT%2FUS2023%2F012345", "24150001.6", "24150001.7", "0".repeat(70), "null", "-1", "1e309"),
    );
    const segment = junk.map((s) => (s.startsWith("%") || s.includes("%2F") ? s : encodeURIComponent(s)));
    const path = fc.oneof(
      fc.tuple(fc.constantFrom("/offices/", "/applications/"), segment).map(([a, b]) => a + b),
      fc.tuple(segment, segment, fc.constantFrom("", "/history", "/family", "/claimants", "/x")).map(([o, n, s]) => `/applications/${o}/${n}${s}`),
      fc.constantFrom("/priority-claims/verify", "/status", "/offices", "/ready", "/health").map((p) => p),
      fc.array(segment, { maxLength: 4 }).map((parts) => `/${parts.join("/")}`),
    );
    const query = fc.dictionary(
      fc.oneof(fc.constantFrom("office", "number", "filingDate", "ipType", "claimantOffice", "claimantFilingDate", "claimantIpType", "kind", "limit", "cursor"), fc.string({ maxLength: 8 })),
      junk,
      { maxKeys: 8 },
    );
    const body = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc.record({ claims: fc.array(fc.dictionary(fc.string({ maxLength: 10 }), junk), { maxLength: 5 }) }).map((v) => JSON.stringify(v)),
    );
    const request = fc.record({
      method: fc.constantFrom("GET", "GET", "POST", "PUT", "DELETE", "PATCH"),
      path,
      query,
      body,
      accept: fc.constantFrom(undefined, "application/json", "application/xml", "text/html", "*/*", "image/png", "garbage;;q=x"),
      contentType: fc.constantFrom(undefined, "application/json", "text/plain", "application/json; charset=utf-16", "multipart/form-data"),
    });
    let count = 0;
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        count++;
        const headers: Record<string, string> = {};
        if (r.accept) headers.accept = r.accept;
        if (r.contentType) headers["content-type"] = r.contentType;
        const search = new URLSearchParams(r.query).toString();
        const url = `${open.url}/api/v1${r.path}${search ? `?${search}` : ""}`;
        const init: RequestInit = { method: r.method, headers };
        if (r.body !== undefined && r.method !== "GET") init.body = r.body;
        const response = await fetch(url, init);
        const text = await response.text();
        expect(response.status, `${r.method} ${url} → ${text.slice(0, 200)}`).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers.get("content-type")).toMatch(/^application\/problem\+json/);
          const problem = JSON.parse(text);
          expect(problem).toMatchObject({ status: response.status, code: expect.stringMatching(/^[A-Z][A-Z0-9_]+$/), title: expect.any(String), type: expect.any(String) });
          expect(text).not.toMatch(/\n\s+at /);
        }
      }),
      { numRuns: 2500 },
    );
    expect(count).toBeGreaterThanOrEqual(2500);
    await open.close();
  }, 180_000);
});
