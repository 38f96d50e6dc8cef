import type { Contract } from "ethers";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { applicationIdOf, encodeNumber, officeToBytes2 } from "../../src/chain/register-contract.js";
import { encodeApplication, encodeClaim, type ApplicationSpec } from "../../src/chain/encode.js";
import { readRecordedClaims } from "../../src/chain/recorded-claims.js";
import { isoToChainDay } from "../../src/domain/index.js";
import { eventsOfTx, expectEvents, expectRevert } from "../support/chain-assertions.js";
import { createRegisterFixture, type RegisterFixture } from "../support/register-fixture.js";

let fx: RegisterFixture;
beforeAll(async () => {
  fx = await createRegisterFixture();
});
beforeEach(async () => {
  await fx.reset();
  await (await asEp().getFunction("registerApplication")(fx.offices.EP.bytes2, encodeApplication(EP_APP))).wait();
});

const EP_APP: ApplicationSpec = {
  number: "25153079.6",
  filingDate: "2025-02-27",
  ipType: "patent",
  claims: [{ office: "US", number: "63123456", filingDate: "2024-03-01" }],
};
const ID = applicationIdOf("EP", "25153079.6");
const JP_CLAIM = { office: "JP", number: "2024012345", filingDate: "2024-04-02" };
const asEp = () => fx.register.connect(fx.offices.EP.signer) as Contract;
const iface = () => fx.register.interface;
const recorded = () => readRecordedClaims(fx.register, ID);
const stored = async () => (await fx.register.getFunction("getApplication")(ID)).toObject();
const ep = () => fx.offices.EP.bytes2;

describe("adding a claim later", () => {
  test("appends the claim with the next sequence number and updates the digest", async () => {
    const events = await eventsOfTx(asEp().getFunction("addPriorityClaim")(ID, await recorded(), encodeClaim(JP_CLAIM)), iface());
    expectEvents(events, [
      ["PriorityClaimed", [ep(), ID, applicationIdOf("JP", "2024012345"), 2, officeToBytes2("JP"), isoToChainDay("2024-04-02"), encodeNumber("2024012345")]],
    ]);
    const all = await recorded();
    expect(all).toHaveLength(2);
    const record = await stored();
    expect(record.claimCount).toBe(2n);
    expect(record.claimsDigest).toBe(await fx.register.getFunction("claimsDigest")(all));
  });

  test("rejects a duplicate of an active claim, but accepts it again once the first was withdrawn", async () => {
    const again = encodeClaim({ office: "US", number: "63123456", filingDate: "2024-03-02" });
    await expectRevert(asEp().getFunction("addPriorityClaim")(ID, await recorded(), again), iface(), "DiprRegisterDuplicateClaim", [
      ID,
      applicationIdOf("US", "63123456"),
    ]);
    await (await asEp().getFunction("withdrawPriorityClaim")(ID, 1)).wait();
    await (await asEp().getFunction("addPriorityClaim")(ID, await recorded(), again)).wait();
    expect((await stored()).claimCount).toBe(2n);
  });

  test("rejects a claim not earlier than the filing date, and a claim of itself", async () => {
    const late = encodeClaim({ ...JP_CLAIM, filingDate: "2025-02-27" });
    await expectRevert(asEp().getFunction("addPriorityClaim")(ID, await recorded(), late), iface(), "DiprRegisterClaimNotEarlier", [
      ID,
      applicationIdOf("JP", "2024012345"),
      isoToChainDay("2025-02-27"),
      isoToChainDay("2025-02-27"),
    ]);
    const self = encodeClaim({ office: "EP", number: "25153079.6", filingDate: "2024-01-01" });
    await expectRevert(asEp().getFunction("addPriorityClaim")(ID, await recorded(), self), iface(), "DiprRegisterSelfClaim", [ID]);
  });

  test("rejects a recorded-claims list that does not match the stored digest", async () => {
    const record = await stored();
    const forged = [encodeClaim({ office: "US", number: "63123456", filingDate: "2024-03-05" })];
    const forgedDigest = await fx.register.getFunction("claimsDigest")(forged);
    await expectRevert(asEp().getFunction("addPriorityClaim")(ID, forged, encodeClaim(JP_CLAIM)), iface(), "DiprRegisterClaimsMismatch", [
      ID,
      record.claimsDigest,
      forgedDigest,
    ]);
    await expectRevert(asEp().getFunction("addPriorityClaim")(ID, [], encodeClaim(JP_CLAIM)), iface(), "DiprRegisterClaimsMismatch", [
      ID,
      record.claimsDigest,
      0,
    ]);
  });

  test("rejects the 65th claim", async () => {
    for (let i = 1; i < 64; i++) {
      const claim = encodeClaim({ office: "KR", number: `10202400${String(i).padStart(5, "0")}`, filingDate: "2024-05-01" });
      await (await asEp().getFunction("addPriorityClaim")(ID, await recorded(), claim)).wait();
    }
    expect((await stored()).claimCount).toBe(64n);
    await expectRevert(asEp().getFunction("addPriorityClaim")(ID, await recorded(), encodeClaim(JP_CLAIM)), iface(), "DiprRegisterTooManyClaims", [ID, 65, 64]);
  });

  test("rejects a claim on an unknown application", async () => {
    const unknown = applicationIdOf("EP", "11111111.1");
    await expectRevert(asEp().getFunction("addPriorityClaim")(unknown, [], encodeClaim(JP_CLAIM)), iface(), "DiprRegisterUnknownApplication", [unknown]);
  });
});

describe("withdrawing a claim", () => {
  test("sets the claim's bit and emits once; withdrawing again is a no-op", async () => {
    expectEvents(await eventsOfTx(asEp().getFunction("withdrawPriorityClaim")(ID, 1), iface()), [["PriorityClaimWithdrawn", [ep(), ID, 1]]]);
    expect((await stored()).withdrawnMask).toBe(1n);
    expectEvents(await eventsOfTx(asEp().getFunction("withdrawPriorityClaim")(ID, 1), iface()), []);
  });

  test.each([0, 2])("rejects the unknown sequence number %i", async (sequence) => {
    await expectRevert(asEp().getFunction("withdrawPriorityClaim")(ID, sequence), iface(), "DiprRegisterUnknownClaim", [ID, sequence]);
  });
});

describe("correcting an application", () => {
  test("corrects the filing date, emitting the old and new dates; the same date is a no-op", async () => {
    const newDate = isoToChainDay("2025-02-26");
    expectEvents(await eventsOfTx(asEp().getFunction("correctFilingDate")(ID, await recorded(), newDate), iface()), [
      ["FilingDateCorrected", [ep(), ID, isoToChainDay("2025-02-27"), newDate]],
    ]);
    expect((await stored()).filingDate).toBe(BigInt(newDate));
    expectEvents(await eventsOfTx(asEp().getFunction("correctFilingDate")(ID, await recorded(), newDate), iface()), []);
  });

  test("rejects a date on or before an active claim's date, but not before a withdrawn one", async () => {
    const onClaim = isoToChainDay("2024-03-01");
    await expectRevert(asEp().getFunction("correctFilingDate")(ID, await recorded(), onClaim), iface(), "DiprRegisterClaimNotEarlier", [
      ID,
      applicationIdOf("US", "63123456"),
      onClaim,
      onClaim,
    ]);
    await (await asEp().getFunction("withdrawPriorityClaim")(ID, 1)).wait();
    await (await asEp().getFunction("correctFilingDate")(ID, await recorded(), onClaim)).wait();
    expect((await stored()).filingDate).toBe(BigInt(onClaim));
  });

  test("rejects an impossible date and a forged claims list", async () => {
    const all = await recorded();
    const block = await fx.register.runner!.provider!.getBlock("latest");
    const today = Math.floor(block!.timestamp / 86_400);
    await expectRevert(asEp().getFunction("correctFilingDate")(ID, all, 0), iface(), "DiprRegisterInvalidFilingDate", [0, today]);
    await expectRevert(asEp().getFunction("correctFilingDate")(ID, [], isoToChainDay("2025-01-01")), iface(), "DiprRegisterClaimsMismatch");
  });

  test("corrects the IP type; the same type is a no-op; a type outside the enum reverts", async () => {
    expectEvents(await eventsOfTx(asEp().getFunction("correctIpType")(ID, 1), iface()), [["IpTypeCorrected", [ep(), ID, 0, 1]]]);
    expect((await stored()).ipType).toBe(1n);
    expectEvents(await eventsOfTx(asEp().getFunction("correctIpType")(ID, 1), iface()), []);
    await expectRevert(asEp().getFunction("correctIpType")(ID, 9), iface(), "DiprRegisterInvalidIpType", [9]);
  });

  test("no account outside the office's signers adds, withdraws or corrects anything, and the record stays", async () => {
    const before = await stored();
    const all = await recorded();
    for (const who of [fx.offices.US.signer, fx.offices.US.admin, fx.offices.EP.admin, fx.registrar, fx.stranger]) {
      const account = await who.getAddress();
      const asWho = fx.register.connect(who) as Contract;
      const args = [ep(), account];
      const err = "DiprRegisterUnauthorizedSigner";
      await expectRevert(asWho.getFunction("addPriorityClaim")(ID, all, encodeClaim(JP_CLAIM)), iface(), err, args);
      await expectRevert(asWho.getFunction("withdrawPriorityClaim")(ID, 1), iface(), err, args);
      await expectRevert(asWho.getFunction("correctFilingDate")(ID, all, isoToChainDay("2025-02-20")), iface(), err, args);
      await expectRevert(asWho.getFunction("correctIpType")(ID, 1), iface(), err, args);
    }
    expect(await stored()).toEqual(before);
  });
});

