import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiClient } from "../../src/api-client/index.js";
import { createApp } from "../../src/api/app.js";
import { epCheckDigit } from "../../src/domain/index.js";
import { GENESIS_DIGEST } from "../../src/indexer/index.js";
import { createStore, type Hex, type Store, type SublevelName } from "../../src/store/index.js";
import { silentLog, tempDir } from "../support/indexer-harness.js";
import { createResponseValidator, type ResponseValidator } from "../support/openapi-validator.js";
import { createSyntheticRegister } from "../support/synthetic-register.js";

// A page of claimants reads only the page: counted in store entries (not timed), a page of a number claimed 10,000
// times reads what a page of a number claimed once reads, plus the one entry that tells whether more follow.

const CLAIMS = 10_000;
const HEAVY = { office: "KR", number: "1020230000001", filingDate: "2023-07-03" };
const ONCE = { office: "KR", number: "1020230000002", filingDate: "2023-07-03" };
const epNumber = (i: number) => {
  const digits = `24${String(i).padStart(6, "0")}`;
  return `${digits}.${epCheckDigit(digits)}`;
};
const commitmentNo = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;

const COMMITMENT_CLAIMS = 2_000;
const MANY = commitmentNo(0xc1);
const LONE = commitmentNo(0xc2);
/** The claimants of MANY (ids and commitments) in chain order. */
const commitmentClaimantOrder: string[] = [];

let dir: { path: string; remove: () => void };
let store: Store;
let server: Server;
let base: string;
let validator: ResponseValidator;
const reads = new Map<SublevelName, number>();
/** Canonical ids of the claimants of the revealed JP application, in the chain order the answer must keep. */
const revealedOrder: string[] = [];

beforeAll(async () => {
  dir = tempDir("dipr-claimant-pages-");
  store = await createStore({ path: dir.path, onRead: (sub, n) => reads.set(sub, (reads.get(sub) ?? 0) + n) });
  await store.initialise({ chainId: 31337, registerAddress: `0x${"d1".repeat(20)}` as Hex, startBlock: 1 }, { number: 0, hash: null, digest: GENESIS_DIGEST });
  const w = createSyntheticRegister(store);
  for (const office of ["EP", "JP", "US", "CN"]) w.admit(office);
  for (let i = 0; i < CLAIMS; i++) w.register("EP", epNumber(i), "2024-06-03", [HEAVY]);
  w.register("EP", epNumber(CLAIMS), "2024-06-03", [ONCE]);

  // A JP application claimed blinded and in clear, before and after its reveal; one claimant still blinded at
  // first (its claim appears, at its own place, once that claimant is revealed too).
  const jp = commitmentNo(0x1a);
  const blindedEp = commitmentNo(0x2b);
  w.commit("JP", jp);
  const a = w.register("EP", epNumber(CLAIMS + 1), "2026-03-01");
  w.claimCommitment("EP", a, jp);
  w.commit("EP", blindedEp);
  w.claimCommitment("EP", blindedEp, jp);
  w.reveal("JP", jp, "2026012345", "2026-01-15");
  w.register("EP", epNumber(CLAIMS + 2), "2026-04-01", [{ office: "JP", number: "2026012345", filingDate: "2026-01-15" }]);
  const d = w.register("US", "18700001", "2026-05-01");
  w.claimCommitment("US", d, jp);
  w.reveal("EP", blindedEp, epNumber(CLAIMS + 3), "2026-03-02");
  w.register("EP", epNumber(CLAIMS + 4), "2026-06-01", [{ office: "JP", number: "2026012345", filingDate: "2026-01-15" }]);
  // A commitment claimed 2,000 times (by clear applications and, every tenth, a blinded one) and one claimed once.
  w.commit("CN", MANY);
  w.commit("CN", LONE);
  for (let i = 0; i < COMMITMENT_CLAIMS; i++) {
    if (i % 10 === 9) {
      const blinded = commitmentNo(0x10_000 + i);
      w.commit("EP", blinded);
      w.claimCommitment("EP", blinded, MANY);
      commitmentClaimantOrder.push(blinded);
    } else {
      commitmentClaimantOrder.push(w.register("EP", epNumber(20_000 + i), "2026-03-01").toLowerCase());
      w.claimCommitment("EP", commitmentClaimantOrder.at(-1)! as Hex, MANY);
    }
  }
  w.claimCommitment("EP", a, LONE);
  revealedOrder.push(`EP:${epNumber(CLAIMS + 1)}`, `EP:${epNumber(CLAIMS + 3)}`, `EP:${epNumber(CLAIMS + 2)}`, "US:18700001", `EP:${epNumber(CLAIMS + 4)}`);
  await w.flush();

  const app = createApp({ store, nodeStatus: async () => undefined, log: silentLog(), options: { rateLimitPerWindow: 1e9 } });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`;
  validator = createResponseValidator(await (await fetch(`${base}/openapi.json`)).json());
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  dir?.remove();
});

/** One request, its answer checked against /openapi.json, and the store entries it read. */
async function page(path: string): Promise<{ status: number; body: any; entriesRead: number }> {
  reads.clear();
  const response = await fetch(`${base}${path}`);
  const body = await response.json();
  validator.check("GET", `/api/v1${path}`, response.status, response.headers.get("content-type"), body);
  return { status: response.status, body, entriesRead: [...reads.values()].reduce((x, y) => x + y, 0) };
}

const relative = (next: string) => next.replace(/^\/api\/v1/, "");

describe("claimants of a number, a page at a time", () => {
  test("a page of a number claimed 10,000 times reads the entries of a page of a number claimed once, plus the look-ahead", async () => {
    const once = await page(`/applications/KR/${ONCE.number}/claimants?limit=1`);
    const heavy = await page(`/applications/KR/${HEAVY.number}/claimants?limit=1`);
    expect(once.body.claimants).toHaveLength(1);
    expect(once.body.links).toEqual({});
    expect(heavy.body.claimants.map((c: any) => c.claimantCanonicalId)).toEqual([`EP:${epNumber(0)}`]);
    expect(heavy.body.links.next).toBeDefined();
    expect(heavy.entriesRead).toBe(once.entriesRead + 1);

    // A page deep in the list, from its cursor, reads no more.
    const deep = await page(`/applications/KR/${HEAVY.number}/claimants?limit=100`);
    let next = deep.body.links.next as string;
    for (let i = 0; i < 60; i++) next = (await page(relative(next))).body.links.next;
    const cursor = new URL(next, "http://x").searchParams.get("cursor")!;
    const one = await page(`/applications/KR/${HEAVY.number}/claimants?limit=1&cursor=${cursor}`);
    expect(one.body.claimants.map((c: any) => c.claimantCanonicalId)).toEqual([`EP:${epNumber(6100)}`]);
    expect(one.entriesRead).toBe(once.entriesRead + 1);
  });

  test("every page of the 10,000 in chain order, each reading at most its own entries", async () => {
    const seen: string[] = [];
    let next: string | undefined = `/applications/KR/${HEAVY.number}/claimants?limit=100`;
    let pages = 0;
    while (next !== undefined) {
      const reply = await page(next);
      expect(reply.status).toBe(200);
      // The page's claimed-by keys with the look-ahead, its claimants' records, the claimed number's own record.
      expect(reply.entriesRead).toBeLessThanOrEqual(100 + 1 + 100 + 1);
      seen.push(...reply.body.claimants.map((c: any) => c.claimantCanonicalId));
      next = reply.body.links.next === undefined ? undefined : relative(reply.body.links.next);
      pages += 1;
    }
    expect(pages).toBe(CLAIMS / 100);
    expect(seen).toEqual(Array.from({ length: CLAIMS }, (_, i) => `EP:${epNumber(i)}`));
  });

  test("a revealed application's claims, in clear and through its commitment, merged in chain order page by page", async () => {
    const all = await page("/applications/JP/2026012345/claimants?limit=100");
    expect(all.body.claimants.map((c: any) => c.claimantCanonicalId)).toEqual(revealedOrder);
    expect(all.body.claimants.map((c: any) => c.claimedCommitment !== undefined)).toEqual([true, true, false, true, false]);
    const paged: string[] = [];
    let next: string | undefined = "/applications/JP/2026012345/claimants?limit=1";
    while (next !== undefined) {
      const reply = await page(next);
      expect(reply.body.claimants).toHaveLength(1);
      paged.push(reply.body.claimants[0].claimantCanonicalId);
      next = reply.body.links.next === undefined ? undefined : relative(reply.body.links.next);
    }
    expect(paged).toEqual(revealedOrder);
  });
});

describe("claimants of a commitment, a page at a time", () => {
  test("a page of a commitment claimed 2,000 times reads the entries of a page of one claimed once, plus the look-ahead", async () => {
    const once = await page(`/commitments/${LONE}/claimants?limit=1`);
    const many = await page(`/commitments/${MANY}/claimants?limit=1`);
    expect(once.body.claimants).toHaveLength(1);
    expect(once.body.links).toEqual({});
    expect(many.body.claimants.map((c: any) => c.claimant)).toEqual([commitmentClaimantOrder[0]]);
    expect(many.body.links.next).toMatch(/^\/api\/v1\/commitments\/0x[0-9a-f]{64}\/claimants\?limit=1&cursor=/);
    expect(many.entriesRead).toBe(once.entriesRead + 1);
  });

  test("every page in chain order; the API client follows them to the end", async () => {
    const seen: string[] = [];
    let next: string | undefined = `/commitments/${MANY}/claimants?limit=100`;
    while (next !== undefined) {
      const reply = await page(next);
      // The commitment's record, the page's claims with the look-ahead, one record per claimant shown.
      expect(reply.entriesRead).toBeLessThanOrEqual(1 + 101 + 100);
      seen.push(...reply.body.claimants.map((c: any) => c.claimant));
      next = reply.body.links.next === undefined ? undefined : relative(reply.body.links.next);
    }
    expect(seen).toEqual(commitmentClaimantOrder);
    const all = await createApiClient({ url: base.replace(/\/api\/v1$/, "") }).commitmentClaimants(MANY);
    expect(all.claimants.map((c) => c.claimant)).toEqual(commitmentClaimantOrder);
    expect(all.links).toEqual({});
  });
});
