import { describe, expect, test } from "vitest";
import { apiBaseUrl, createApiClient, VERIFY_BATCH_SIZE } from "../../src/api-client/index.js";
import { isDiprError } from "../../src/errors.js";

/** A fetch that answers from `answer` and records each request. */
function fakeFetch(answer: (url: URL, init: RequestInit) => Response) {
  const requests: { url: URL; init: RequestInit }[] = [];
  const fetch = (async (input: URL | string, init: RequestInit = {}) => {
    const url = new URL(String(input));
    requests.push({ url, init });
    return answer(url, init);
  }) as typeof globalThis.fetch;
  return { fetch, requests };
}

const json = (body: unknown, status = 200, type = "application/json") => new Response(JSON.stringify(body), { status, headers: { "content-type": type } });

async function errorOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (isDiprError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("no error");
}

describe("the query API client", () => {
  test("takes the node's URL with or without /api/v1", () => {
    expect(apiBaseUrl("http://127.0.0.1:3000")).toBe("http://127.0.0.1:3000/api/v1");
    expect(apiBaseUrl("http://127.0.0.1:3000/")).toBe("http://127.0.0.1:3000/api/v1");
    expect(apiBaseUrl("https://node.example.org/dipr/api/v1/?x=1")).toBe("https://node.example.org/dipr/api/v1");
  });

  test("sends numbers URL-encoded as typed, and a batch of any length 1,000 claims a request, errors renumbered", async () => {
    const { fetch, requests } = fakeFetch((url, init) => {
      if (init.method !== "POST") return json({ history: [] });
      const { claims } = JSON.parse(String(init.body)) as { claims: unknown[] };
      // The second claim of each request is malformed.
      return json({ verdicts: claims.map((claim, i) => (i === 1 ? { claim, errors: [{ code: "X", message: "bad", target: `claims.${i}.number` }] } : { claim, outcome: "verified" })) });
    });
    const client = createApiClient({ url: "http://node:3000", fetch });
    await client.history("US", "63/100,001");
    expect(requests[0]!.url.pathname).toBe("/api/v1/applications/US/63%2F100%2C001/history");
    const claims = Array.from({ length: VERIFY_BATCH_SIZE + 2 }, (_, i) => ({ n: i }));
    const verdicts = await client.verifyBatch(claims);
    expect(requests.slice(1).map((r) => (JSON.parse(String(r.init.body)) as { claims: unknown[] }).claims.length)).toEqual([1000, 2]);
    expect(verdicts).toHaveLength(1002);
    expect(verdicts.flatMap((v) => ("errors" in v ? v.errors.map((e) => e.target) : []))).toEqual(["claims.1.number", "claims.1001.number"]);
  });

  test("follows links.next to the last claimant", async () => {
    const claimant = (n: number) => ({ claimantCanonicalId: `EP:${n}` });
    const { fetch, requests } = fakeFetch((url) =>
      url.searchParams.get("cursor") === null
        ? json({ claimedCanonicalId: "US:1", claimants: [claimant(1)], links: { next: "/api/v1/applications/US/1/claimants?limit=100&cursor=abc" } })
        : json({ claimedCanonicalId: "US:1", claimants: [claimant(2)], links: {} }),
    );
    const all = await createApiClient({ url: "http://node:3000", fetch }).allClaimants("US", "1");
    expect(all.claimants.map((c) => c.claimantCanonicalId)).toEqual(["EP:1", "EP:2"]);
    expect(requests.map((r) => r.url.search)).toEqual(["?limit=100", "?limit=100&cursor=abc"]);
  });

  test("a problem answer is its own code with `title — detail`; a code this build does not know is API_PROBLEM", async () => {
    const problem = (code: string) =>
      fakeFetch(() => json({ type: "t", title: "Application number fails its check digit", status: 422, code, detail: "EP 24150001 has check digit 6, not 7." }, 422, "application/problem+json; charset=utf-8")).fetch;
    expect(await errorOf(createApiClient({ url: "http://node", fetch: problem("CHECK_DIGIT_MISMATCH") }).application("EP", "24150001.7"))).toEqual({
      code: "CHECK_DIGIT_MISMATCH",
      message: "Application number fails its check digit — EP 24150001 has check digit 6, not 7.",
    });
    expect(await errorOf(createApiClient({ url: "http://node", fetch: problem("NEW_CODE") }).application("EP", "1"))).toEqual({
      code: "API_PROBLEM",
      message: "NEW_CODE: Application number fails its check digit — EP 24150001 has check digit 6, not 7.",
    });
  });

  test("no answer, a late answer, or an answer that is not the API's: API_UNAVAILABLE", async () => {
    const refused = fakeFetch(() => {
      throw new TypeError("fetch failed", { cause: { code: "ECONNREFUSED", message: "connect ECONNREFUSED 127.0.0.1:9" } });
    }).fetch;
    expect(await errorOf(createApiClient({ url: "http://127.0.0.1:9", fetch: refused }).family("US", "1"))).toEqual({
      code: "API_UNAVAILABLE",
      message: "cannot reach the query API at http://127.0.0.1:9/api/v1: connect ECONNREFUSED 127.0.0.1:9. Is `dipr node` running there?",
    });
    const slow = (async (_input: unknown, init: RequestInit = {}) =>
      new Promise((_resolve, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason)))) as typeof fetch;
    expect(await errorOf(createApiClient({ url: "http://node", fetch: slow, timeoutMs: 50 }).family("US", "1"))).toEqual({
      code: "API_UNAVAILABLE",
      message: "cannot reach the query API at http://node/api/v1: no answer within 0.05 s. Is `dipr node` running there?",
    });
    const html = fakeFetch(() => new Response("<h1>hello</h1>", { status: 200, headers: { "content-type": "text/html" } })).fetch;
    expect(await errorOf(createApiClient({ url: "http://node", fetch: html }).family("US", "1"))).toEqual({
      code: "API_UNAVAILABLE",
      message: "http://node/api/v1 is not a dipr query API: /api/v1/applications/US/1/family answered 200 text/html.",
    });
  });
});
