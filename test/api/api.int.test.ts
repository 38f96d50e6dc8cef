import { readFileSync } from "node:fs";
import { connect } from "node:net";
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

  test("the representation varies on Accept, and that is said: Vary: Accept, also on a 406", async () => {
    for (const accept of ["application/json", "application/xml", "text/csv"]) {
      const vary = (await get("/applications/EP/24150001.6", { accept })).headers.get("vary") ?? "";
      expect(vary.split(/\s*,\s*/).map((v) => v.toLowerCase()), accept).toContain("accept");
    }
  });

  test("Accept: text/xml gets the ST.96 XML as text/xml", async () => {
    const reply = await get("/applications/EP/24150001.6", { accept: "text/xml" });
    expect(reply.status).toBe(200);
    expect(reply.type).toMatch(/^text\/xml/);
    expect(reply.text).toContain("<pat:BibliographicData");
  });

  test("the XML shows a withdrawn claim withdrawn, as the JSON does", async () => {
    const json = await get("/applications/EP/24160002.2");
    expect(json.body.priorityClaimBag.map((c: any) => [c.sequenceNumber, c.status])).toEqual([[1, "active"], [2, "withdrawn"]]);
    const reply = await get("/applications/EP/24160002.2", { accept: "application/xml" });
    const xml = new XMLParser({ ignoreAttributes: false, parseTagValue: false, parseAttributeValue: false, isArray: (name) => name === "pat:PriorityClaim" }).parse(reply.text);
    const root = xml["pat:BibliographicData"];
    expect(root["@_xmlns:dipr"]).toBe("https://dipr.invalid/xml/register");
    const claims = root["pat:PriorityClaimBag"]["pat:PriorityClaim"];
    expect(claims.map((c: any) => [c["@_com:sequenceNumber"], c["com:IPOfficeCode"], c["@_dipr:priorityClaimStatus"]])).toEqual([
      ["1", "KR", "active"],
      ["2", "US", "withdrawn"],
    ]);
  });

  test("a method a resource does not support gets 405 with Allow, not 404; OPTIONS lists the methods", async () => {
    for (const [method, path, allow] of [
      ["DELETE", "/offices", "GET, HEAD"],
      ["PUT", "/offices/EP", "GET, HEAD"],
      ["POST", "/applications/EP/24150001.6", "GET, HEAD"],
      ["PATCH", "/applications/EP/24150001.6/family", "GET, HEAD"],
      ["DELETE", "/priority-claims/verify", "GET, POST, HEAD"],
      ["POST", "/health", "GET, HEAD"],
    ] as const) {
      const reply = await call(path, { method });
      expect(reply.status, `${method} ${path}`).toBe(405);
      expect(reply.body.code).toBe("API_METHOD_NOT_ALLOWED");
      expect(reply.headers.get("allow")).toBe(allow);
    }
    const options = await fetch(`${api.url}/api/v1/offices`, { method: "OPTIONS" });
    expect([options.status, options.headers.get("allow")]).toEqual([204, "GET, HEAD"]);
    expect((await call("/nowhere", { method: "DELETE" })).status).toBe(404);
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
    // A priority link states the date its claim gives: for a claimed number not on the register, the only date.
    expect(reply.body.links).toContainEqual({ from: "EP:24150001.6", to: "US:63100001", kind: "priority", claimedFilingDate: "2023-01-10" });
    const kr = await get("/applications/KR/1020230123456/family");
    expect(kr.body.links).toContainEqual({ from: "EP:24160002.2", to: "KR:1020230123456", kind: "priority", claimedFilingDate: "2023-07-03" });
    const bad = await get("/applications/EP/24199999.4/family?kind=docdb");
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].target).toBe("kind");
  });

  test("a number that is only claimed has a family (the claims that name it); a number nobody knows is 404", async () => {
    const kr = await get("/applications/KR/1020230123456/family?kind=extended");
    expect(kr.status).toBe(200);
    expect(kr.body.applicationCanonicalId).toBe("KR:1020230123456");
    expect(ids(kr)).toEqual(["EP:24160002.2", "JP:2024050000", "JP:2024050001", "JP:2024050002", "JP:2024050003", "JP:2024050004", "KR:1020230123456"]);
    expect(kr.body.members.find((m: any) => m.canonicalId === "KR:1020230123456")).toEqual({
      canonicalId: "KR:1020230123456",
      ipOfficeCode: "KR",
      applicationNumberText: "1020230123456",
      registered: false,
    });
    // The claimant's family lists the claimed number, and the claimed number's family lists the claimant.
    expect(ids(await get("/applications/EP/24160002.2/family"))).toContain("KR:1020230123456");
    expect(ids(await get("/applications/KR/1020230123456/family?kind=simple"))).toContain("KR:1020230123456");
    const unknown = await get("/applications/KR/1020239999999/family");
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("API_APPLICATION_NOT_FOUND");
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

  test("a registered claim with the same date and type, in time: verified, saying what it compared", async () => {
    const reply = await get(query(a3ClaimsA1));
    expect(reply.body).toMatchObject({
      claimedCanonicalId: "US:63100001",
      outcome: "verified",
      reasons: [],
      compared: {
        claimedOfficeStatus: "active",
        registered: true,
        filingDate: { claimed: "2023-01-10", registered: "2023-01-10", matches: true },
        ipType: { claimed: "patent", registered: "patent", matches: true, registeredMayFoundClaimant: true },
      },
      period: { basis: "registered", classification: "valid", months: 12, periodEnd: "2024-01-10", restorationEnd: "2024-03-10" },
    });
  });

  test("a claim filed in the restoration window is verifiedRestorable; after it, late", async () => {
    expect((await get(query({ ...a3ClaimsA1, claimantFilingDate: "2024-02-20" }))).body).toMatchObject({
      outcome: "verifiedRestorable",
      reasons: ["PERIOD_EXPIRED", "WINDOW_END_NON_WORKING_DAY"], // the window ends on Sunday 2024-03-10
    });
    expect((await get(query({ ...a3ClaimsA1, claimantFilingDate: "2024-04-02" }))).body).toMatchObject({
      outcome: "late",
      reasons: ["PERIOD_EXPIRED", "RESTORATION_WINDOW_EXPIRED"],
    });
  });

  test("a claimed date that differs from the register is a mismatch with both dates, the period from the registered one", async () => {
    // Claimed 2023-01-11: by that date 2024-01-11 would be in time; by the registered 2023-01-10 it is not.
    const reply = await get(query({ ...a3ClaimsA1, filingDate: "2023-01-11", claimantFilingDate: "2024-01-11" }));
    expect(reply.body).toMatchObject({
      outcome: "mismatch",
      reasons: ["FILING_DATE_MISMATCH", "PERIOD_EXPIRED", "WINDOW_END_NON_WORKING_DAY"],
      compared: { registered: true, filingDate: { claimed: "2023-01-11", registered: "2023-01-10", matches: false } },
      period: { basis: "registered", classification: "restorable", periodEnd: "2024-01-10" },
    });
  });

  test("a claimant filed before the claimed application is invalid", async () => {
    expect((await get(query({ ...a3ClaimsA1, claimantFilingDate: "2022-12-01" }))).body).toMatchObject({ outcome: "invalid", reasons: ["LATER_BEFORE_PRIORITY"] });
  });

  test("a number its office never registered is notRegistered, not valid", async () => {
    const reply = await get(query({ ...a3ClaimsA1, number: "63100002" }));
    expect(reply.body).toMatchObject({ outcome: "notRegistered", reasons: ["NOT_REGISTERED"], compared: { claimedOfficeStatus: "active", registered: false } });
    expect(reply.body.compared.filingDate).toEqual({ claimed: "2023-01-10" });
  });

  test("a claim of an office that does not take part is unknownOffice: the rules alone, said so", async () => {
    const reply = await get(query({ ...a3ClaimsA1, office: "KR", number: "10-2023-0123456", filingDate: "2023-07-03" }));
    expect(reply.body).toMatchObject({
      outcome: "unknownOffice",
      reasons: ["OFFICE_NOT_ON_REGISTER"],
      compared: { claimedOfficeStatus: "notOnRegister", registered: false },
      period: { basis: "claimed", classification: "valid" },
    });
  });

  test("names every missing or unknown parameter, and refuses a repeated one by name", async () => {
    const { ipType: _dropped, ...missing } = a3ClaimsA1;
    const reply = await get(query({ ...missing, colour: "blue" }));
    expect(reply.status).toBe(400);
    expect(reply.body.errors.map((e: any) => e.target).sort()).toEqual(["colour", "ipType"]);
    const repeated = await get(`${query(a3ClaimsA1)}&office=EP`);
    expect(repeated.status).toBe(400);
    expect(repeated.body.errors).toEqual([{ code: "REPEATED_PARAMETER", message: "office is given 2 times; give it once", target: "office" }]);
    const limit = await get("/applications/EP/24150001.6/claimants?limit=1&limit=2");
    expect(limit.body.errors).toEqual([{ code: "REPEATED_PARAMETER", message: "limit is given 2 times; give it once", target: "limit" }]);
    expect((await get(query({ ...a3ClaimsA1, filingDate: "2023-02-30" }))).body.errors[0]).toMatchObject({ code: "INVALID_DATE", target: "filingDate" });
  });

  test("?__proto__= is an unknown parameter like any other", async () => {
    for (const path of ["/offices?__proto__=1", `${query(a3ClaimsA1)}&__proto__=1`, "/applications/EP/24150001.6/family?__proto__=x"]) {
      const reply = await get(path);
      expect(reply.status, path).toBe(400);
      expect(reply.body.errors).toContainEqual(expect.objectContaining({ code: "UNRECOGNIZED_KEYS", target: "__proto__" }));
    }
  });

  test("lengths are code points, as the document says: 64 astral characters pass the length check, 65 do not", async () => {
    const doc = await (await fetch(`${api.url}/api/v1/openapi.json`)).json();
    expect(doc.components.schemas.ClaimToVerify.properties.number).toMatchObject({ minLength: 1, maxLength: 64 });
    const digits = (n: number) => "\u{1D7CF}".repeat(n); // MATHEMATICAL BOLD DIGIT ONE: 2 UTF-16 units each
    const at64 = await get(query({ ...a3ClaimsA1, number: digits(64) }));
    expect(at64.body.errors.map((e: any) => e.code)).not.toContain("TOO_BIG");
    const at65 = await get(query({ ...a3ClaimsA1, number: digits(65) }));
    expect(at65.body.errors).toContainEqual(expect.objectContaining({ code: "TOO_BIG", target: "number" }));
  });

  test("a batch: one verdict per claim; a malformed claim gets its own errors and the batch goes on", async () => {
    const { ipType: _dropped, ...missing } = a3ClaimsA1;
    const claims = [
      a3ClaimsA1,
      { ...a3ClaimsA1, office: "EP", number: "24150001.7", filingDate: "2024-01-08" },
      missing,
      { ...a3ClaimsA1, colour: "blue" },
      { ...a3ClaimsA1, filingDate: "2023-02-30" },
      { ...a3ClaimsA1, number: "63100002" },
      42,
    ];
    const reply = await post("/priority-claims/verify", { claims });
    expect(reply.status).toBe(200);
    const entries = reply.body.verdicts.map((v: any) => v.outcome ?? v.errors.map((e: any) => `${e.code}@${e.target}`).join(" "));
    expect(entries).toEqual([
      "verified",
      "CHECK_DIGIT_MISMATCH@claims.1.number",
      "INVALID_TYPE@claims.2.ipType",
      "UNRECOGNIZED_KEYS@claims.3.colour",
      "INVALID_DATE@claims.4.filingDate",
      "notRegistered",
      "INVALID_TYPE@claims.6",
    ]);
    // The claim is echoed as it was sent, invalid values and all (the response still matches its schema: call checks).
    expect(reply.body.verdicts[3].claim).toEqual(claims[3]);
    expect(reply.body.verdicts[6].claim).toBe(42);
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
    const extra = await post("/priority-claims/verify", { claims: [a3ClaimsA1], colour: "blue" });
    expect(extra.body.errors).toEqual([expect.objectContaining({ code: "UNRECOGNIZED_KEYS", target: "colour" })]);
  });
});

describe("the documentation of verdicts", () => {
  test("the README's verify examples are real: each request, sent now, gets exactly the answer printed", async () => {
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const section = /<!-- verify-examples:start -->([\s\S]*?)<!-- verify-examples:end -->/.exec(readme)?.[1] ?? "";
    const pairs = [...section.matchAll(/```http\n([\s\S]*?)```\s*```json\n([\s\S]*?)```/g)];
    const outcomes: string[] = [];
    for (const [, request, answer] of pairs) {
      const [line, ...rest] = request!.split("\n");
      const [method, path] = line!.split(" ") as [string, string];
      const body = rest.slice(rest.indexOf("") + 1).join("\n").trim();
      const reply = method === "POST" ? await post(path.replace(/^\/api\/v1/, ""), body) : await get(path.replace(/^\/api\/v1/, ""));
      expect(reply.status, line).toBe(200);
      expect(reply.body, line).toEqual(JSON.parse(answer!));
      outcomes.push(...(reply.body.verdicts ?? [reply.body]).map((v: any) => v.outcome).filter(Boolean));
    }
    // One example at least for every outcome.
    const doc = await (await fetch(`${api.url}/api/v1/openapi.json`)).json();
    expect(new Set(outcomes)).toEqual(new Set(doc.components.schemas.VerdictOutcome.enum));
  });

  test("docs/verdicts.md explains every outcome and every reason the document lists", async () => {
    const page = readFileSync(new URL("../../docs/verdicts.md", import.meta.url), "utf8");
    const doc = await (await fetch(`${api.url}/api/v1/openapi.json`)).json();
    for (const outcome of doc.components.schemas.VerdictOutcome.enum) expect(page).toContain(`### \`${outcome}\``);
    for (const reason of doc.components.schemas.VerdictReason.enum) expect(page).toMatch(new RegExp(`^\\| \`${reason}\` \\| \\w`, "m"));
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
      const replies = [];
      for (let i = 0; i < 5; i++) replies.push(await call("/offices", {}, limited.url));
      expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429, 429]);
      // IETF draft-7 RateLimit headers, so a client can slow down before it is refused.
      expect(replies[0]!.headers.get("ratelimit-policy")).toBe("3;w=60");
      expect(replies[1]!.headers.get("ratelimit")).toMatch(/^limit=3, remaining=1, reset=\d+$/);
    } finally {
      await limited.close();
    }
  });

  test("probes and scrapes are not rate-limited: a busy client does not make the node look dead", async () => {
    const limited = await fx.start({ rateLimitPerWindow: 2, rateLimitWindowMs: 60_000 });
    try {
      for (let i = 0; i < 3; i++) await call("/offices", {}, limited.url);
      expect((await call("/offices", {}, limited.url)).status).toBe(429);
      for (let i = 0; i < 3; i++) {
        expect((await call("/health", {}, limited.url)).status).toBe(200);
        expect((await call("/ready", {}, limited.url)).status).toBe(200);
        expect((await fetch(`${limited.url}/api/v1/metrics`)).status).toBe(200);
      }
    } finally {
      await limited.close();
    }
  });

  test("a query over 16 KB gets a 431 problem body, not a bare status line", async () => {
    const reply = await get(`/priority-claims/verify?office=US&number=${"1".repeat(17_000)}`);
    expect(reply.status).toBe(431);
    expect(reply.body).toMatchObject({ code: "API_HEADERS_TOO_LARGE", status: 431, title: expect.any(String) });
    // The server is still there for the next request.
    expect((await get("/health")).status).toBe(200);
  });

  test("bytes that are not HTTP get a 400 problem body too", async () => {
    const { port, hostname } = new URL(api.url);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => socket.end("NOT HTTP AT ALL\r\n\r\n"));
      let text = "";
      socket.setEncoding("utf8").on("data", (chunk) => (text += chunk)).on("end", () => resolve(text)).on("error", reject);
    });
    const [head, body] = raw.split("\r\n\r\n") as [string, string];
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(head.toLowerCase()).toContain("content-type: application/problem+json");
    expect(JSON.parse(body)).toMatchObject({ status: 400, code: "API_MALFORMED_REQUEST" });
  });

  test("the server's root and the API's base point to the docs", async () => {
    for (const path of ["/", "/api/v1", "/api/v1/"]) {
      const response = await fetch(`${api.url}${path}`);
      expect(response.status, path).toBe(200);
      const body = await response.json();
      expect(body.links).toMatchObject({ docs: "/api/v1/docs", openapi: "/api/v1/openapi.json" });
      expect((await fetch(`${api.url}${body.links.docs}`)).status).toBe(200);
    }
    expect((await get("/")).status).toBe(200); // through the validator: documented
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
    expect(doc.info.license).toEqual({ name: "Apache-2.0", identifier: "Apache-2.0" });
    expect(doc.security).toEqual([]);
    expect(doc.tags.every((t: any) => t.description)).toBe(true);
    const operations = Object.values(doc.paths).flatMap((item: any) => Object.values(item)) as any[];
    for (const op of operations) expect(op, JSON.stringify(op.summary)).toMatchObject({ operationId: expect.any(String), tags: [expect.any(String)], description: expect.any(String) });
    expect(new Set(operations.map((op) => op.operationId)).size).toBe(operations.length);
    expect(doc.paths["/priority-claims/verify"].post.requestBody.required).toBe(true);
    const office = doc.paths["/applications/{office}/{number}"].get.parameters.find((p: any) => p.name === "office");
    expect(office.schema.pattern).toBe("^[A-Z]{2}$");
    expect(doc.paths["/offices/{code}"].get.parameters[0].schema.pattern).toBe("^[A-Z]{2}$");
    // Outcomes and reasons are enums, each value described.
    const { VerdictOutcome, VerdictReason } = doc.components.schemas;
    expect(VerdictOutcome.enum.sort()).toEqual(["invalid", "late", "mismatch", "notRegistered", "unknownOffice", "verified", "verifiedRestorable"]);
    for (const value of VerdictOutcome.enum) expect(VerdictOutcome["x-enumDescriptions"][value]).toMatch(/^\S+( \S+){4,}/);
    expect(VerdictReason.enum).toEqual(expect.arrayContaining(["FILING_DATE_MISMATCH", "NOT_REGISTERED", "OFFICE_NOT_ON_REGISTER", "PERIOD_EXPIRED", "CROSS_TYPE"]));
    for (const value of VerdictReason.enum) expect(VerdictReason["x-enumDescriptions"][value]).toMatch(/^\S+( \S+){4,}/);
    const page = await fetch(`${api.url}/api/v1/docs`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain("/api/v1/applications/{office}/{number}/claimants");
    for (const word of [...VerdictOutcome.enum, ...VerdictReason.enum]) expect(html).toContain(`<td id="${word}"><code>${word}</code></td>`);
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
