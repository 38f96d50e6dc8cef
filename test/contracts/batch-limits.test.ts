import type { Contract } from "ethers";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { TRANSACTION_GAS_CAP } from "../../src/chain/batch-plan.js";
import { encodeApplication, type ApplicationSpec } from "../../src/chain/encode.js";
import { createRegisterClient, type BatchOutcome } from "../../src/chain/register-client.js";
import { applicationIdOf, officeToBytes2 } from "../../src/chain/register-contract.js";
import { expectRevert } from "../support/chain-assertions.js";
import { createRegisterFixture, type RegisterFixture } from "../support/register-fixture.js";

let fx: RegisterFixture;
let maxBatch: number;
let maxBatchClaims: number;
beforeAll(async () => {
  fx = await createRegisterFixture();
  maxBatch = Number(await fx.register.getFunction("MAX_BATCH")());
  maxBatchClaims = Number(await fx.register.getFunction("MAX_BATCH_CLAIMS")());
});
beforeEach(async () => fx.reset());

const asEp = () => fx.register.connect(fx.offices.EP.signer) as Contract;
const client = () => createRegisterClient({ register: asEp() });
const sendBatch = (specs: readonly ApplicationSpec[], gasLimit?: number) =>
  asEp().getFunction("registerApplications")(officeToBytes2("EP"), specs.map(encodeApplication), gasLimit ? { gasLimit } : {});

let serial = 0;
/** The longest number the contract takes (32 characters): the most calldata and event data per number. */
const longNumber = (prefix: string) => `${prefix}${String(++serial).padStart(31, "0")}`;

/** `claimCounts[i]` claims on application i; every application linked to `parentId`, so each emits its link event too. */
function costliest(parentId: string, claimCounts: readonly number[]): ApplicationSpec[] {
  return claimCounts.map((count) => ({
    number: longNumber("A"),
    filingDate: "2025-06-01",
    ipType: "trademark",
    parent: { id: parentId as `0x${string}`, kind: "continuationInPart" },
    claims: Array.from({ length: count }, () => ({ office: "ZZ", number: longNumber("C"), filingDate: "2025-01-02" })),
  }));
}

async function registerParent(): Promise<string> {
  const number = longNumber("P");
  await (await asEp().getFunction("registerApplication")(officeToBytes2("EP"), encodeApplication({ number, filingDate: "2025-01-01", ipType: "patent" }))).wait();
  return applicationIdOf("EP", number);
}

const plain = (count: number, claimsEach = 1): ApplicationSpec[] =>
  Array.from({ length: count }, () => ({
    number: longNumber("B"),
    filingDate: "2025-06-01",
    ipType: "patent",
    claims: Array.from({ length: claimsEach }, () => ({ office: "US", number: longNumber("U"), filingDate: "2025-01-02" })),
  }));

describe("MAX_BATCH and MAX_BATCH_CLAIMS fit one transaction under the EIP-7825 gas cap", () => {
  test("the chain refuses a transaction above the cap (the limit the constants are sized for)", async () => {
    await expect(sendBatch(plain(1), TRANSACTION_GAS_CAP + 1)).rejects.toThrow(/gas cap/);
  });

  // The two shapes of the costliest batch: claims spread over every application, or packed 64 to an
  // application (the duplicate check inside one application is quadratic).
  test.each([
    ["spread over every application", () => Array.from({ length: maxBatch }, (_, i) => Math.floor(maxBatchClaims / maxBatch) + (i < maxBatchClaims % maxBatch ? 1 : 0))],
    ["64 to an application", () => Array.from({ length: maxBatch }, (_, i) => Math.max(0, Math.min(64, maxBatchClaims - 64 * i)))],
  ])("a full batch with its claims %s is accepted with a margin", async (_shape, counts) => {
    const specs = costliest(await registerParent(), counts());
    expect(specs).toHaveLength(maxBatch);
    expect(specs.reduce((sum, spec) => sum + spec.claims!.length, 0)).toBe(maxBatchClaims);
    const receipt = await (await sendBatch(specs, TRANSACTION_GAS_CAP)).wait();
    expect(receipt!.status).toBe(1);
    // At least 10 % under the cap, for future repricing of storage and logs.
    expect(Number(receipt!.gasUsed)).toBeLessThan(0.9 * TRANSACTION_GAS_CAP);
  });

  test("one application or one claim more is refused with the limit", async () => {
    const iface = fx.register.interface;
    await expectRevert(sendBatch(plain(maxBatch + 1, 0)), iface, "DiprRegisterInvalidBatchSize", [BigInt(maxBatch + 1), BigInt(maxBatch)]);
    const tooManyClaims = [...plain(maxBatchClaims / 4, 4), ...plain(1, 1)];
    expect(tooManyClaims.length).toBeLessThanOrEqual(maxBatch);
    await expectRevert(sendBatch(tooManyClaims), iface, "DiprRegisterTooManyBatchClaims", [BigInt(maxBatchClaims + 1), BigInt(maxBatchClaims)]);
  });
});

describe("the client splits any list of applications into batches that fit", () => {
  const registered = async (specs: readonly ApplicationSpec[]) => {
    let count = 0;
    for (const spec of specs) {
      const record = await fx.register.getFunction("getApplication")(applicationIdOf("EP", spec.number));
      if (record.office !== "0x0000") count++;
    }
    return count;
  };

  test("by the contract's limits: applications first, claims when they bind first", async () => {
    const specs = [...plain(maxBatch + 10, 1), ...plain(200, 3)];
    const threeClaimApps = Math.floor((maxBatchClaims - 10) / 3);
    const seen: BatchOutcome[] = [];
    const outcomes = await client().registerInBatches("EP", specs, { onBatch: (o) => seen.push(o) });
    expect(outcomes).toEqual(seen);
    expect(outcomes.map((o) => [o.status, o.numbers.length])).toEqual([
      ["registered", maxBatch],
      // 10 with one claim, then as many with three as keep within MAX_BATCH_CLAIMS.
      ["registered", 10 + threeClaimApps],
      ["registered", 200 - threeClaimApps],
    ]);
    expect(outcomes.flatMap((o) => o.numbers)).toEqual(specs.map((s) => s.number));
    expect(await registered(specs)).toBe(specs.length);
  });

  test("by gas: a batch estimated over the budget is halved until each part fits", async () => {
    const specs = plain(100, 1);
    const outcomes = await client().registerInBatches("EP", specs, { gasBudget: 1_000_000 });
    expect(outcomes.length).toBeGreaterThan(3);
    for (const outcome of outcomes) {
      expect(outcome.status).toBe("registered");
      if (outcome.status === "registered") expect(outcome.gasUsed).toBeLessThanOrEqual(1_000_000);
    }
    expect(outcomes.flatMap((o) => o.numbers)).toEqual(specs.map((s) => s.number));
    expect(await registered(specs)).toBe(100);
  });

  test("a rejected batch is reported with its error and the others are registered", async () => {
    const first = plain(maxBatch, 0);
    const second = plain(10, 0);
    await client().registerInBatches("EP", [second[3]!]);
    const outcomes = await client().registerInBatches("EP", [...first, ...second]);
    expect(outcomes.map((o) => o.status)).toEqual(["registered", "rejected"]);
    const rejected = outcomes[1]!;
    if (rejected.status !== "rejected") throw new Error("expected a rejection");
    expect(rejected.error.details).toMatchObject({ error: "DiprRegisterApplicationExists", args: [applicationIdOf("EP", second[3]!.number)] });
    expect(rejected.numbers).toEqual(second.map((s) => s.number));
    expect(await registered(first)).toBe(maxBatch);

    const stopped = await client().registerInBatches("EP", [...second, ...plain(maxBatch + 1, 0)], { stopOnRejection: true });
    expect(stopped.map((o) => o.status)).toEqual(["rejected"]);
  });
});
