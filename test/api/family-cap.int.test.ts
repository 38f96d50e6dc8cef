import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiClient } from "../../src/api-client/index.js";
import { createApp } from "../../src/api/app.js";
import { EXIT, exitCodeOf } from "../../src/cli/exit-codes.js";
import { epCheckDigit, epochDayToIso, isoToEpochDay } from "../../src/domain/index.js";
import { GENESIS_DIGEST } from "../../src/indexer/index.js";
import { createStore, type Hex, type Store } from "../../src/store/index.js";
import { silentLog, tempDir } from "../support/indexer-harness.js";
import { createResponseValidator, type ResponseValidator } from "../support/openapi-validator.js";
import { createSyntheticRegister } from "../support/synthetic-register.js";

// A family answer holds at most DIPR_API_FAMILY_MAX_MEMBERS members (1,000 by default): two priority chains built
// through the indexer's write path, one of exactly 1,000 members (answered) and one of 1,001 with an unpublished
// member (refused with API_FAMILY_TOO_LARGE, saying how to ask for less).

const CAP = 1_000;
const epNumber = (year: string, i: number) => {
  const digits = `${year}${String(i).padStart(6, "0")}`;
  return `${digits}.${epCheckDigit(digits)}`;
};
const AT_CAP = (i: number) => epNumber("24", i);
const OVER = (i: number) => epNumber("25", i);
const BLINDED = `0x${"c3".repeat(32)}` as Hex;

let dir: { path: string; remove: () => void };
let store: Store;
let server: Server;
let base: string;
let validator: ResponseValidator;

beforeAll(async () => {
  dir = tempDir("dipr-family-cap-");
  store = await createStore({ path: dir.path });
  await store.initialise({ chainId: 31337, registerAddress: `0x${"d1".repeat(20)}` as Hex, startBlock: 1 }, { number: 0, hash: null, digest: GENESIS_DIGEST });
  const w = createSyntheticRegister(store);
  w.admit("EP");
  w.admit("JP");
  // Each application claims the one filed the day before it: one component per chain, and a simple family of two
  // at most (an application and the one claiming it alone).
  const day = (i: number) => epochDayToIso(isoToEpochDay("2020-01-01") + i);
  for (let i = 0; i < CAP; i++) w.register("EP", AT_CAP(i), day(i), i === 0 ? [] : [{ office: "EP", number: AT_CAP(i - 1), filingDate: day(i - 1) }]);
  w.commit("JP", BLINDED);
  for (let i = 0; i < CAP; i++) {
    const id = w.register("EP", OVER(i), day(i), i === 0 ? [] : [{ office: "EP", number: OVER(i - 1), filingDate: day(i - 1) }]);
    if (i === 0) w.claimCommitment("EP", id, BLINDED);
  }
  await w.flush();
  const app = createApp({ store, nodeStatus: async () => undefined, log: silentLog() });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  validator = createResponseValidator(await (await fetch(`${base}/api/v1/openapi.json`)).json());
}, 120_000);
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await store?.close();
  dir?.remove();
});

async function get(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${base}/api/v1${path}`);
  const body = await response.json();
  validator.check("GET", `/api/v1${path}`, response.status, response.headers.get("content-type"), body);
  return { status: response.status, body };
}

describe("the family size cap", () => {
  test("a family of exactly the cap is answered", async () => {
    const reply = await get(`/applications/EP/${AT_CAP(CAP - 1)}/family`);
    expect(reply.status).toBe(200);
    expect(reply.body.members).toHaveLength(CAP);
  });

  test("a family of the cap + 1 is a problem naming its size, the cap and what to ask for instead", async () => {
    const reply = await get(`/applications/EP/${OVER(CAP - 1)}/family?kind=extended`);
    expect(reply.status).toBe(422);
    expect(reply.body.code).toBe("API_FAMILY_TOO_LARGE");
    expect(reply.body.detail).toBe(
      `The extended family of EP:${OVER(CAP - 1)} has 1,001 members; this node answers families of at most 1,000 (DIPR_API_FAMILY_MAX_MEMBERS). ` +
        "Ask for its simple family (kind=simple: the applications with the same priorities), or for who claims one number, a page at a time (its claimants).",
    );
    // By its unpublished member's commitment too.
    const blinded = await get(`/commitments/${BLINDED}/family`);
    expect(blinded.status).toBe(422);
    expect(blinded.body.code).toBe("API_FAMILY_TOO_LARGE");
    expect(blinded.body.detail).toContain(`The extended family of ${BLINDED} has 1,001 members`);
  });

  test("its simple family, and the claimants of one of its numbers, are answered", async () => {
    const simple = await get(`/applications/EP/${OVER(CAP - 1)}/family?kind=simple`);
    expect(simple.status).toBe(200);
    expect(simple.body.members.length).toBeLessThanOrEqual(2);
    const claimants = await get(`/applications/EP/${OVER(5)}/claimants`);
    expect(claimants.body.claimants.map((c: any) => c.claimantCanonicalId)).toEqual([`EP:${OVER(6)}`]);
  });

  test("a lower cap holds the simple family to it too, pointing to the claimants", async () => {
    const low = createApp({ store, nodeStatus: async () => undefined, log: silentLog(), options: { familyMaxMembers: 1 } });
    const lowServer = low.listen(0, "127.0.0.1");
    await new Promise((resolve) => lowServer.once("listening", resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(lowServer.address() as AddressInfo).port}/api/v1/applications/EP/${AT_CAP(0)}/family?kind=simple`);
      const body = await response.json();
      expect(response.status).toBe(422);
      expect(body.detail).toBe(
        `The simple family of EP:${AT_CAP(0)} has 2 members; this node answers families of at most 1 (DIPR_API_FAMILY_MAX_MEMBERS). Ask for who claims one number instead, a page at a time (its claimants).`,
      );
    } finally {
      await new Promise((resolve) => lowServer.close(resolve));
    }
  });

  test("the API client (and so the CLI) gives the problem's words, as a rejected request", async () => {
    const error = await createApiClient({ url: base }).family("EP", OVER(CAP - 1)).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "API_FAMILY_TOO_LARGE" });
    expect((error as Error).message).toContain("has 1,001 members; this node answers families of at most 1,000");
    expect(exitCodeOf(error)).toBe(EXIT.REJECTED);
  });
});
