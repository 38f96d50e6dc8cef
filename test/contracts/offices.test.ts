import { ZeroAddress, type Contract } from "ethers";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { applicationIdOf, officeToBytes2 } from "../../src/chain/register-contract.js";
import { encodeApplication } from "../../src/chain/encode.js";
import { eventsOfTx, expectEvents, expectRevert } from "../support/chain-assertions.js";
import { createRegisterFixture, type RegisterFixture } from "../support/register-fixture.js";

let fx: RegisterFixture;
beforeAll(async () => {
  fx = await createRegisterFixture();
});
beforeEach(async () => fx.reset());

const as = (who: Parameters<Contract["connect"]>[0]) => fx.register.connect(who) as Contract;
const addr = (who: { getAddress(): Promise<string> }) => who.getAddress();
const simpleApp = encodeApplication({ number: "63123456", filingDate: "2024-03-01", ipType: "patent" });

describe("admitting offices", () => {
  test("the registrar admits an office: its admin holds the office admin role, which administers the signers", async () => {
    const admin = await addr(fx.stranger);
    const gb = officeToBytes2("GB");
    const events = await eventsOfTx(fx.register.getFunction("admitOffice")(gb, "UK IPO", admin), fx.register.interface);
    const adminRole = await fx.register.getFunction("adminRole")(gb);
    const signerRole = await fx.register.getFunction("signerRole")(gb);
    expectEvents(events, [
      ["RoleAdminChanged", [adminRole, "0x" + "00".repeat(32), adminRole]],
      ["RoleAdminChanged", [signerRole, "0x" + "00".repeat(32), adminRole]],
      ["OfficeAdmitted", [gb, "UK IPO", admin, adminRole, signerRole]],
      ["RoleGranted", [adminRole, admin, await addr(fx.registrar)]],
    ]);
    expect(await fx.register.getFunction("officeStatus")(gb)).toBe(1n);
    expect(await fx.register.getFunction("hasRole")(adminRole, admin)).toBe(true);
    expect(await fx.register.getFunction("hasRole")(signerRole, admin)).toBe(false);
  });

  test("only the registrar admits, suspends and reinstates", async () => {
    const stranger = await addr(fx.stranger);
    const gb = officeToBytes2("GB");
    const err = "DiprRegisterUnauthorizedRegistrar";
    await expectRevert(as(fx.stranger).getFunction("admitOffice")(gb, "x", stranger), fx.register.interface, err, [stranger]);
    const usAdmin = fx.offices.US.admin;
    await expectRevert(as(usAdmin).getFunction("suspendOffice")(fx.offices.EP.bytes2), fx.register.interface, err, [await addr(usAdmin)]);
    await expectRevert(as(usAdmin).getFunction("reinstateOffice")(fx.offices.EP.bytes2), fx.register.interface, err, [await addr(usAdmin)]);
  });

  test.each([["us", "0x7573"], ["U5", "0x5535"], ["space", "0x2055"], ["zero", "0x0000"], ["[Z", "0x5b5a"], ["@A", "0x4041"]])(
    "rejects the malformed office code %s",
    async (_label, code) => {
      await expectRevert(
        fx.register.getFunction("admitOffice")(code, "x", await addr(fx.stranger)),
        fx.register.interface,
        "DiprRegisterInvalidOfficeCode",
        [code],
      );
    },
  );

  test("rejects admitting an office twice", async () => {
    await expectRevert(
      fx.register.getFunction("admitOffice")(fx.offices.US.bytes2, "again", await addr(fx.stranger)),
      fx.register.interface,
      "DiprRegisterOfficeAlreadyAdmitted",
      [fx.offices.US.bytes2],
    );
  });

  test.each([
    ["an empty name", ""],
    ["a name over 256 bytes", "x".repeat(257)],
    ["a control character in the name", "UK\u0000IPO"],
    ["a line feed in the name", "UK IPO\n"],
  ])("rejects an admission with %s", async (_label, name) => {
    const gb = officeToBytes2("GB");
    await expectRevert(fx.register.getFunction("admitOffice")(gb, name, await addr(fx.stranger)), fx.register.interface, "DiprRegisterInvalidOfficeName", [
      gb,
      name,
    ]);
  });

  test.each([
    ["zero", () => ZeroAddress],
    ["the register itself", () => fx.register.getAddress()],
    ["the registrar", () => addr(fx.registrar)],
  ])("rejects an admission whose admin is %s", async (_label, adminOf) => {
    const gb = officeToBytes2("GB");
    const admin = await adminOf();
    const adminRole = await fx.register.getFunction("adminRole")(gb);
    await expectRevert(fx.register.getFunction("admitOffice")(gb, "UK IPO", admin), fx.register.interface, "DiprRegisterInvalidRoleHolder", [adminRole, admin]);
    expect(await fx.register.getFunction("officeStatus")(gb)).toBe(0n);
  });
});

describe("suspending offices", () => {
  test("a suspended office writes nothing, keeps its records, and writes again once reinstated", async () => {
    const us = fx.offices.US;
    await (await as(us.signer).getFunction("registerApplication")(us.bytes2, simpleApp)).wait();
    const id = applicationIdOf("US", "63123456");
    const before = await fx.register.getFunction("getApplication")(id);

    expectEvents(await eventsOfTx(fx.register.getFunction("suspendOffice")(us.bytes2), fx.register.interface), [
      ["OfficeSuspended", [us.bytes2]],
    ]);
    expect(await fx.register.getFunction("officeStatus")(us.bytes2)).toBe(2n);
    const other = encodeApplication({ number: "63123457", filingDate: "2024-03-01", ipType: "patent" });
    await expectRevert(as(us.signer).getFunction("registerApplication")(us.bytes2, other), fx.register.interface, "DiprRegisterOfficeSuspended", [us.bytes2]);
    await expectRevert(as(us.signer).getFunction("correctIpType")(id, 1), fx.register.interface, "DiprRegisterOfficeSuspended", [us.bytes2]);
    await expectRevert(
      as(us.admin).getFunction("grantSigner")(us.bytes2, await addr(fx.stranger)),
      fx.register.interface,
      "DiprRegisterOfficeSuspended",
      [us.bytes2],
    );
    // AccessControl's own grantRole is closed too while suspended.
    const signerRole = await fx.register.getFunction("signerRole")(us.bytes2);
    await expectRevert(
      as(us.admin).getFunction("grantRole")(signerRole, await addr(fx.stranger)),
      fx.register.interface,
      "DiprRegisterOfficeSuspended",
      [us.bytes2],
    );
    expect(normaliseRecord(await fx.register.getFunction("getApplication")(id))).toEqual(normaliseRecord(before));

    // Suspending again changes nothing and emits nothing.
    expectEvents(await eventsOfTx(fx.register.getFunction("suspendOffice")(us.bytes2), fx.register.interface), []);

    expectEvents(await eventsOfTx(fx.register.getFunction("reinstateOffice")(us.bytes2), fx.register.interface), [
      ["OfficeReinstated", [us.bytes2]],
    ]);
    expectEvents(await eventsOfTx(fx.register.getFunction("reinstateOffice")(us.bytes2), fx.register.interface), []);
    await (await as(us.signer).getFunction("registerApplication")(us.bytes2, other)).wait();
  });

  test("a suspended office can still revoke a compromised signer key", async () => {
    const us = fx.offices.US;
    await (await fx.register.getFunction("suspendOffice")(us.bytes2)).wait();
    const events = await eventsOfTx(as(us.admin).getFunction("revokeSigner")(us.bytes2, await addr(us.signer)), fx.register.interface);
    expect(events.map((e) => e.name)).toEqual(["RoleRevoked"]);
  });

  test("suspending or reinstating an office never admitted reverts", async () => {
    const gb = officeToBytes2("GB");
    await expectRevert(fx.register.getFunction("suspendOffice")(gb), fx.register.interface, "DiprRegisterUnknownOffice", [gb]);
    await expectRevert(fx.register.getFunction("reinstateOffice")(gb), fx.register.interface, "DiprRegisterUnknownOffice", [gb]);
  });
});

describe("office keys", () => {
  test("the office admin grants and revokes signers (key rotation); no-op changes emit nothing", async () => {
    const us = fx.offices.US;
    const fresh = await addr(fx.stranger);
    const signerRole = await fx.register.getFunction("signerRole")(us.bytes2);
    const admin = await addr(us.admin);
    expectEvents(await eventsOfTx(as(us.admin).getFunction("grantSigner")(us.bytes2, fresh), fx.register.interface), [
      ["RoleGranted", [signerRole, fresh, admin]],
    ]);
    expectEvents(await eventsOfTx(as(us.admin).getFunction("grantSigner")(us.bytes2, fresh), fx.register.interface), []);
    await (await as(fx.stranger).getFunction("registerApplication")(us.bytes2, simpleApp)).wait();

    const old = await addr(us.signer);
    expectEvents(await eventsOfTx(as(us.admin).getFunction("revokeSigner")(us.bytes2, old), fx.register.interface), [
      ["RoleRevoked", [signerRole, old, admin]],
    ]);
    expectEvents(await eventsOfTx(as(us.admin).getFunction("revokeSigner")(us.bytes2, old), fx.register.interface), []);
    const other = encodeApplication({ number: "63123457", filingDate: "2024-03-01", ipType: "patent" });
    await expectRevert(as(us.signer).getFunction("registerApplication")(us.bytes2, other), fx.register.interface, "DiprRegisterUnauthorizedSigner", [
      us.bytes2,
      old,
    ]);
  });

  test("no account of another office, nor the registrar, manages an office's keys", async () => {
    const us = fx.offices.US;
    for (const who of [fx.offices.EP.admin, fx.offices.EP.signer, us.signer, fx.registrar]) {
      const account = await addr(who);
      await expectRevert(as(who).getFunction("grantSigner")(us.bytes2, account), fx.register.interface, "DiprRegisterUnauthorizedAdmin", [
        us.bytes2,
        account,
      ]);
      await expectRevert(
        as(who).getFunction("revokeSigner")(us.bytes2, await addr(us.signer)),
        fx.register.interface,
        "DiprRegisterUnauthorizedAdmin",
        [us.bytes2, account],
      );
    }
  });
});

describe("AccessControl's inherited role functions", () => {
  test("grantRole on an office role needs that office's admin role; renounceRole needs the caller's own address", async () => {
    const us = fx.offices.US;
    const signerRole = await fx.register.getFunction("signerRole")(us.bytes2);
    const adminRole = await fx.register.getFunction("adminRole")(us.bytes2);
    const epAdmin = await addr(fx.offices.EP.admin);
    await expectRevert(
      as(fx.offices.EP.admin).getFunction("grantRole")(signerRole, epAdmin),
      fx.register.interface,
      "AccessControlUnauthorizedAccount",
      [epAdmin, adminRole],
    );
    await expectRevert(
      as(us.signer).getFunction("renounceRole")(signerRole, epAdmin),
      fx.register.interface,
      "AccessControlBadConfirmation",
      [],
    );
    const signer = await addr(us.signer);
    expectEvents(await eventsOfTx(as(us.signer).getFunction("renounceRole")(signerRole, signer), fx.register.interface), [
      ["RoleRevoked", [signerRole, signer, signer]],
    ]);
  });
});

function normaliseRecord(record: { toArray(): unknown[] }): string[] {
  return record.toArray().map(String);
}
