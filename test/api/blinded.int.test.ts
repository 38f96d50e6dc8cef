import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApp } from "../../src/api/app.js";
import { commitmentOf, newAccessCode } from "../../src/chain/commitment.js";
import type { ApplicationSpec } from "../../src/chain/encode.js";
import { applicationIdOf } from "../../src/chain/register-contract.js";
import { createApiFixture, type ApiFixture } from "../support/api-fixture.js";
import { captureLog } from "../support/capture-log.js";
import { createResponseValidator, type ResponseValidator } from "../support/openapi-validator.js";

// Unpublished applications through the API: a JP application committed blinded, claimed by a blinded EP
// application and a clear US one, checked by number and access code, seen in families as an opaque member, then
// revealed; then 19 months pass on the chain and the unrevealed ones are flagged overdue.

let fx: ApiFixture;
let api: { url: string; close: () => Promise<void> };
let validator: ResponseValidator;
const capture = captureLog("debug");

const JP: ApplicationSpec = { number: "2026012345", filingDate: "2026-01-15", ipType: "patent" };
const code = newAccessCode();
const first = commitmentOf({ office: "JP", ...JP }, code);
const later = commitmentOf({ office: "EP", number: "26150001.2", filingDate: "2026-06-01", ipType: "patent" }, newAccessCode());
const usId = applicationIdOf("US", "18700001");
// A blinded JP application nothing claims and that claims nothing.
const lone = commitmentOf({ office: "JP", number: "2026012399", filingDate: "2026-01-20", ipType: "patent" }, newAccessCode());
const unknown = `0x${"ab".repeat(32)}`;

/** Indexes what was sent since: the fixture's node keeps 4 confirmations. */
async function index(): Promise<void> {
  await fx.chain.send("hardhat_mine", ["0x5"]);
  await fx.node.indexer.syncToHead();
}

beforeAll(async () => {
  fx = await createApiFixture();
  const { US, EP, JP: jp } = fx.chain.signer;
  await jp.commitApplication("JP", first);
  await EP.commitApplication("EP", later, [first]);
  await US.registerApplication("US", { number: "18700001", filingDate: "2026-07-01", ipType: "patent" });
  await US.claimCommitment(usId, first);
  await jp.commitApplication("JP", lone);
  await index();
  api = await fx.serve(createApp({ store: fx.store, nodeStatus: fx.nodeStatus, log: capture.log }));
  validator = createResponseValidator(await (await fetch(`${api.url}/api/v1/openapi.json`)).json());
}, 180_000);
afterAll(async () => {
  await api?.close();
  await fx?.close();
});

type Reply = { status: number; body: any; text: string };

/** One request; every answer is checked against /openapi.json, errors are problem bodies. */
async function call(path: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(`${api.url}/api/v1${path}`, init);
  const text = await response.text();
  const type = response.headers.get("content-type");
  const body = /json/.test(type ?? "") ? JSON.parse(text) : undefined;
  validator.check(init.method ?? "GET", `/api/v1${path}`, response.status, type, body);
  if (response.status >= 400) {
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body.status).toBe(response.status);
  }
  return { status: response.status, body, text };
}
const get = (path: string) => call(path);
const verify = (body: unknown) => call("/priority-claims/verify-blinded", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("blinded records", () => {
  test("a commitment: its office and when it was committed, not revealed; any case of hex finds it", async () => {
    const reply = await get(`/commitments/${first}`);
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      commitment: first,
      ipOfficeCode: "JP",
      committedAt: { blockNumber: expect.any(Number), transactionHash: expect.stringMatching(/^0x[0-9a-f]{64}$/), logIndex: expect.any(Number), blockTime: expect.any(String) },
      revealed: false,
      publicationOverdue: false,
      asOf: { blockNumber: expect.any(Number), blockTime: expect.any(String) },
    });
    expect((await get(`/commitments/0x${first.slice(2).toUpperCase()}`)).body).toEqual(reply.body);
  });

  test("its claimants: ids and commitments with their offices, in chain order; a clear claimant by its number too", async () => {
    const reply = await get(`/commitments/${first}/claimants`);
    expect(reply.status).toBe(200);
    expect(reply.body.commitment).toBe(first);
    expect(reply.body.claimants.map(({ claimedAt: _, ...c }: any) => c)).toEqual([
      { claimant: later, claimantKind: "commitment", ipOfficeCode: "EP" },
      { claimant: usId, claimantKind: "application", ipOfficeCode: "US", claimantCanonicalId: "US:18700001" },
    ]);
    expect((await get(`/commitments/${later}/claimants`)).body.claimants).toEqual([]);
  });

  test("an unknown commitment is 404 API_COMMITMENT_NOT_FOUND, a malformed one 400, another method 405", async () => {
    for (const path of [`/commitments/${unknown}`, `/commitments/${unknown}/claimants`]) {
      const reply = await get(path);
      expect(reply.status).toBe(404);
      expect(reply.body.code).toBe("API_COMMITMENT_NOT_FOUND");
    }
    const malformed = await get("/commitments/0x1234");
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ target: "commitment" })]);
    expect((await get(`/commitments/${first}?x=1`)).status).toBe(400);
    expect((await call(`/commitments/${first}`, { method: "POST" })).status).toBe(405);
    expect((await get("/priority-claims/verify-blinded")).status).toBe(405);
  });
});

const opaque = (commitment: string, office: string, overdue = false) => ({
  blinded: true,
  commitment,
  ipOfficeCode: office,
  committedAt: expect.objectContaining({ blockTime: expect.any(String) }),
  revealed: false,
  publicationOverdue: overdue,
});
const byCommitment = (a: { commitment: string }, b: { commitment: string }) => (a.commitment < b.commitment ? -1 : 1);

describe("families with unpublished members", () => {
  test("the family of a clear claimant shows the blinded applications as opaque members, its links name them by commitment", async () => {
    const reply = await get("/applications/US/18700001/family");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      kind: "extended",
      applicationCanonicalId: "US:18700001",
      members: [{ canonicalId: "US:18700001", ipOfficeCode: "US", applicationNumberText: "18700001", registered: true, filingDate: "2026-07-01", ipType: "patent" }],
      blindedMembers: [opaque(first, "JP"), opaque(later, "EP")].sort(byCommitment),
      links: expect.arrayContaining([
        { from: later, to: first, kind: "priority" },
        { from: "US:18700001", to: first, kind: "priority" },
      ]),
      asOf: { blockNumber: expect.any(Number), blockTime: expect.any(String) },
    });
    expect(reply.body.links).toHaveLength(2);
    // Nothing but office, commitment, time and flags: no number or date of a blinded member anywhere in the answer.
    expect(reply.text).not.toContain("2026012345");
    expect(reply.text).not.toContain("2026-01-15");
    // All three share the one priority, the blinded JP application: one simple family.
    const simple = await get("/applications/US/18700001/family?kind=simple");
    expect(simple.body.members).toHaveLength(1);
    expect(simple.body.blindedMembers.map((m: { commitment: string }) => m.commitment).sort()).toEqual([first, later].sort());
  });

  test("asked for by commitment: the same family; a commitment nothing links is a family of one; an unknown one 404", async () => {
    const reply = await get(`/commitments/${first}/family`);
    expect(reply.status).toBe(200);
    const { applicationCanonicalId: _, ...fromClaimant } = (await get("/applications/US/18700001/family")).body;
    expect(reply.body).toEqual({ ...fromClaimant, commitment: first });
    expect((await get(`/commitments/${lone}/family?kind=simple`)).body).toEqual({
      kind: "simple",
      commitment: lone,
      members: [],
      blindedMembers: [opaque(lone, "JP")],
      links: [],
      asOf: expect.any(Object),
    });
    expect((await get(`/commitments/${unknown}/family`)).body.code).toBe("API_COMMITMENT_NOT_FOUND");
    expect((await get(`/commitments/${first}/family?kind=docdb`)).status).toBe(400);
  });
});

describe("the list of commitments", () => {
  test("by office, then in the order they were recorded; one office's; pages follow links.next", async () => {
    const all = await get("/commitments");
    expect(all.status).toBe(200);
    expect(all.body.commitments.map((c: { commitment: string; ipOfficeCode: string }) => [c.ipOfficeCode, c.commitment])).toEqual([
      ["EP", later],
      ["JP", first],
      ["JP", lone],
    ]);
    expect(all.body.asOf).toEqual({ blockNumber: expect.any(Number), blockTime: expect.any(String) });
    expect(all.body.links).toEqual({});
    const one = await get("/commitments?office=JP&limit=1");
    expect(one.body.commitments.map((c: { commitment: string }) => c.commitment)).toEqual([first]);
    expect(one.body.links.next).toMatch(/^\/api\/v1\/commitments\?office=JP&limit=1&cursor=/);
    const two = await get(one.body.links.next.replace("/api/v1", ""));
    expect(two.body.commitments.map((c: { commitment: string }) => c.commitment)).toEqual([lone]);
    expect(two.body.links).toEqual({});
  });

  test("nothing is overdue within 18 months; bad parameters are problems naming them", async () => {
    expect((await get("/commitments?overdue=true")).body.commitments).toEqual([]);
    expect((await get("/commitments?overdue=false")).body.commitments).toHaveLength(3);
    for (const [path, target] of [
      ["/commitments?overdue=yes", "overdue"],
      ["/commitments?office=jp", "office"],
      ["/commitments?limit=500", "limit"],
      ["/commitments?cursor=abc", "cursor"],
      ["/commitments?x=1", "x"],
    ] as const) {
      const reply = await get(path);
      expect(reply.status, path).toBe(400);
      expect(reply.body.errors[0].target, path).toBe(target);
    }
    // A cursor of one office's list does not page another's.
    const next = (await get("/commitments?office=JP&limit=1")).body.links.next as string;
    expect((await get(next.replace("/api/v1", "").replace("office=JP", "office=EP"))).status).toBe(400);
  });
});

describe("verifying a claim of an unpublished application by its access code", () => {
  test("the right fields and code find the commitment, with its claimants count; the number in another format too", async () => {
    for (const number of [JP.number, "特願2026-012345"]) {
      const reply = await verify({ office: "JP", number, filingDate: JP.filingDate, ipType: JP.ipType, accessCode: code });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        ipOfficeCode: "JP",
        canonicalId: "JP:2026012345",
        commitment: first,
        found: true,
        revealed: false,
        claimantCount: 2,
        committedAt: expect.objectContaining({ blockNumber: expect.any(Number) }),
        // The caller gave the filing date: the exact due day, passed or not as of the chain's time (the wall clock's
        // here; the test 19 months on sees it passed whatever the day).
        publicationDue: "2027-07-15",
        publicationDuePassed: reply.body.asOf.blockTime.slice(0, 10) > "2027-07-15",
        asOf: { blockNumber: expect.any(Number), blockTime: expect.any(String) },
      });
    }
  });

  test("another code, date or type finds nothing; the access code is never echoed", async () => {
    for (const change of [{ accessCode: newAccessCode() }, { filingDate: "2026-01-16" }, { ipType: "utilityModel" }]) {
      const body = { office: "JP", number: JP.number, filingDate: JP.filingDate, ipType: JP.ipType, accessCode: code, ...change };
      const reply = await verify(body);
      expect(reply.status).toBe(200);
      expect(reply.body).toMatchObject({ found: false, revealed: false, claimantCount: 0 });
      expect(reply.body.committedAt).toBeUndefined();
      expect(reply.body.publicationDue).toBeUndefined();
      expect(reply.text).not.toContain(body.accessCode.slice(2));
    }
  });

  test("a malformed request is a problem naming the field: a bad code, an unknown property, a bad number, not JSON", async () => {
    const good = { office: "JP", number: JP.number, filingDate: JP.filingDate, ipType: JP.ipType, accessCode: code };
    const badCode = await verify({ ...good, accessCode: "0x1234" });
    expect(badCode.status).toBe(400);
    expect(badCode.body.errors).toEqual([expect.objectContaining({ target: "accessCode" })]);
    expect((await verify({ ...good, extra: 1 })).body.errors).toEqual([expect.objectContaining({ target: "extra" })]);
    const badNumber = await verify({ ...good, number: "12" });
    expect(badNumber.status).toBeGreaterThanOrEqual(400);
    expect(badNumber.body.errors).toEqual([expect.objectContaining({ target: "number" })]);
    const badDate = await verify({ ...good, filingDate: "2026-02-30" });
    expect(badDate.body.errors).toEqual([expect.objectContaining({ target: "filingDate" })]);
    const notJson = await call("/priority-claims/verify-blinded", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" });
    expect(notJson.status).toBe(415);
    for (const reply of [badCode, badNumber, badDate]) expect(reply.text).not.toContain(code.slice(2));
  });

  test("once revealed: the blinded record names the clear application, and the check says revealed", async () => {
    const { applicationId } = await fx.chain.signer.JP.revealApplication("JP", first, JP, code);
    await index();
    const reply = await get(`/commitments/${first}`);
    expect(reply.body).toMatchObject({
      revealed: true,
      revealedApplication: { canonicalId: "JP:2026012345", applicationId, revealedAt: expect.objectContaining({ blockTime: expect.any(String) }) },
    });
    const verdict = await verify({ office: "JP", number: JP.number, filingDate: JP.filingDate, ipType: JP.ipType, accessCode: code });
    expect(verdict.body).toMatchObject({ found: true, revealed: true, claimantCount: 2 });
    expect((await get("/applications/JP/2026012345")).body).toMatchObject({ canonicalId: "JP:2026012345", filingDate: "2026-01-15" });
  });

  test("once revealed: the US claim of the commitment is an ordinary claimant of the JP number, and the family is in clear", async () => {
    const claimants = await get("/applications/JP/2026012345/claimants");
    expect(claimants.body.claimants).toEqual([
      {
        claimantCanonicalId: "US:18700001",
        ipOfficeCode: "US",
        applicationNumberText: "18700001",
        claimedCommitment: first,
        claimedFilingDate: "2026-01-15",
        status: "active",
        claimedAt: expect.objectContaining({ blockNumber: expect.any(Number) }),
      },
    ]);
    // The EP claimant is still unpublished: the commitment's own claimants list it, opaque; the US one by its number.
    expect((await get(`/commitments/${first}/claimants`)).body.claimants.map(({ claimedAt: _, ...c }: any) => c)).toEqual([
      { claimant: later, claimantKind: "commitment", ipOfficeCode: "EP" },
      { claimant: usId, claimantKind: "application", ipOfficeCode: "US", claimantCanonicalId: "US:18700001" },
    ]);
    const family = await get("/applications/JP/2026012345/family");
    expect(family.body.members.map((m: { canonicalId: string }) => m.canonicalId)).toEqual(["JP:2026012345", "US:18700001"]);
    expect(family.body.blindedMembers).toEqual([opaque(later, "EP")]);
    expect(family.body.links).toEqual(
      expect.arrayContaining([
        { from: later, to: "JP:2026012345", kind: "priority", claimedFilingDate: "2026-01-15" },
        { from: "US:18700001", to: "JP:2026012345", kind: "priority", claimedFilingDate: "2026-01-15" },
      ]),
    );
    const byCommitment = await get(`/commitments/${first}/family`);
    expect(byCommitment.body).toEqual({ ...family.body, commitment: first });
    expect((await get(`/commitments/${first}`)).body.revealedApplication.filingDate).toBe("2026-01-15");
  });
});

describe("18 months on the chain later", () => {
  beforeAll(async () => {
    await fx.chain.send("evm_increaseTime", [19 * 31 * 86_400]);
    await index();
  });

  test("the unrevealed commitments are overdue, oldest first; the revealed one is not; a family flags its blinded member", async () => {
    const overdue = await get("/commitments?overdue=true");
    expect(overdue.body.commitments.map((c: { commitment: string; publicationOverdue: boolean }) => [c.commitment, c.publicationOverdue])).toEqual([
      [later, true],
      [lone, true],
    ]);
    expect((await get("/commitments?overdue=true&office=JP")).body.commitments.map((c: { commitment: string }) => c.commitment)).toEqual([lone]);
    const page = await get("/commitments?overdue=true&limit=1");
    expect(page.body.commitments.map((c: { commitment: string }) => c.commitment)).toEqual([later]);
    expect((await get(page.body.links.next.replace("/api/v1", ""))).body.commitments.map((c: { commitment: string }) => c.commitment)).toEqual([lone]);
    expect((await get(`/commitments/${first}`)).body.publicationOverdue).toBe(false);
    expect((await get(`/commitments/${lone}`)).body).toMatchObject({ revealed: false, publicationOverdue: true, asOf: { blockTime: expect.any(String) } });
    expect((await get("/applications/JP/2026012345/family")).body.blindedMembers).toEqual([opaque(later, "EP", true)]);
  });

  test("the check by access code says the exact due day has passed", async () => {
    const reply = await verify({ office: "JP", number: JP.number, filingDate: JP.filingDate, ipType: JP.ipType, accessCode: code });
    expect(reply.body).toMatchObject({ found: true, revealed: true, publicationDue: "2027-07-15", publicationDuePassed: true });
    expect(reply.body.asOf.blockTime > "2027-07-16").toBe(true);
  });
});

describe("the logs", () => {

  test("no log line holds the access code (the node logs every request here, at debug)", () => {
    expect(capture.lines.filter((l) => l.msg === "request" && l.method === "POST").length).toBeGreaterThanOrEqual(8);
    expect(JSON.stringify(capture.lines)).not.toContain(code.slice(2));
    // And should a route ever log a body or a claim, the logger censors an access code wherever it sits.
    const censored = captureLog("debug");
    censored.log.info({ accessCode: code, claim: { accessCode: code } }, "a claim");
    expect(JSON.stringify(censored.lines)).not.toContain(code.slice(2));
  });
});
