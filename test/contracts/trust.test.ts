import type { Contract } from "ethers";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_HANDOVER_DELAY_SECONDS } from "../../src/chain/deployment.js";
import { encodeApplication } from "../../src/chain/encode.js";
import { officeToBytes2 } from "../../src/chain/register-contract.js";
import { eventsOfTx, expectEvents, expectRevert } from "../support/chain-assertions.js";
import { createRegisterFixture, type RegisterFixture } from "../support/register-fixture.js";

let fx: RegisterFixture;
beforeAll(async () => {
  fx = await createRegisterFixture();
});
beforeEach(async () => fx.reset());

const as = (who: Parameters<Contract["connect"]>[0]) => fx.register.connect(who) as Contract;
const addr = (who: { getAddress(): Promise<string> }) => who.getAddress();
const iface = () => fx.register.interface;
const ZERO_ROLE = `0x${"00".repeat(32)}`;
const app = (number: string) => encodeApplication({ number, filingDate: "2024-03-01", ipType: "patent" });

describe("no office role for an office that is not admitted, nor for the registrar", () => {
  test("the registrar cannot take a role of an office before it is admitted", async () => {
    const gb = officeToBytes2("GB");
    for (const name of ["adminRole", "signerRole"]) {
      const role = await fx.register.getFunction(name)(gb);
      await expectRevert(fx.register.getFunction("grantRole")(role, await addr(fx.registrar)), iface(), "DiprRegisterUnknownRole", [role]);
    }
    // And so cannot write the office's records (reserving its numbers for it).
    await expectRevert(fx.register.getFunction("registerApplication")(gb, app("2026000001")), iface(), "DiprRegisterUnauthorizedSigner", [
      gb,
      await addr(fx.registrar),
    ]);
  });

  test("an office admin cannot make the registrar one of its keys", async () => {
    const us = fx.offices.US;
    const signerRole = await fx.register.getFunction("signerRole")(us.bytes2);
    const registrar = await addr(fx.registrar);
    await expectRevert(as(us.admin).getFunction("grantSigner")(us.bytes2, registrar), iface(), "DiprRegisterInvalidRoleHolder", [signerRole, registrar]);
  });
});

describe("recovering an office whose admin key is lost or taken", () => {
  test("the registrar resets a suspended office's keys: new roles, a new admin, every old key void", async () => {
    const us = fx.offices.US;
    const [newAdmin] = [fx.stranger];
    const oldSignerRole = await fx.register.getFunction("signerRole")(us.bytes2);
    await expectRevert(fx.register.getFunction("resetOfficeKeys")(us.bytes2, await addr(newAdmin)), iface(), "DiprRegisterOfficeNotSuspended", [us.bytes2]);

    await (await fx.register.getFunction("suspendOffice")(us.bytes2)).wait();
    const events = await eventsOfTx(fx.register.getFunction("resetOfficeKeys")(us.bytes2, await addr(newAdmin)), iface());
    const adminRole = await fx.register.getFunction("adminRole")(us.bytes2);
    const signerRole = await fx.register.getFunction("signerRole")(us.bytes2);
    expect(signerRole).not.toBe(oldSignerRole);
    expect(await fx.register.getFunction("officeKeyEpoch")(us.bytes2)).toBe(1n);
    expectEvents(events, [
      ["RoleAdminChanged", [adminRole, ZERO_ROLE, adminRole]],
      ["RoleAdminChanged", [signerRole, ZERO_ROLE, adminRole]],
      ["OfficeKeysReset", [us.bytes2, await addr(newAdmin), 1n, adminRole, signerRole]],
      ["RoleGranted", [adminRole, await addr(newAdmin), await addr(fx.registrar)]],
    ]);

    await (await fx.register.getFunction("reinstateOffice")(us.bytes2)).wait();
    await expectRevert(as(us.signer).getFunction("registerApplication")(us.bytes2, app("63000001")), iface(), "DiprRegisterUnauthorizedSigner", [
      us.bytes2,
      await addr(us.signer),
    ]);
    await expectRevert(as(us.admin).getFunction("grantSigner")(us.bytes2, await addr(us.admin)), iface(), "DiprRegisterUnauthorizedAdmin", [
      us.bytes2,
      await addr(us.admin),
    ]);
    await (await as(newAdmin).getFunction("grantSigner")(us.bytes2, await addr(us.signer))).wait();
    await (await as(us.signer).getFunction("registerApplication")(us.bytes2, app("63000001"))).wait();
  });
});

describe("the registrar role changes hands in two steps with a delay", () => {
  test("no direct grant or renouncement; the successor accepts only after the delay", async () => {
    const successor = fx.stranger;
    expect(await fx.register.getFunction("defaultAdminDelay")()).toBe(BigInt(DEFAULT_HANDOVER_DELAY_SECONDS));
    await expectRevert(fx.register.getFunction("grantRole")(ZERO_ROLE, await addr(successor)), iface(), "AccessControlEnforcedDefaultAdminRules", []);
    await (await fx.register.getFunction("beginDefaultAdminTransfer")(await addr(successor))).wait();
    const [, schedule] = await fx.register.getFunction("pendingDefaultAdmin")();
    await expectRevert(as(successor).getFunction("acceptDefaultAdminTransfer")(), iface(), "AccessControlEnforcedDefaultAdminDelay", [schedule]);
    // Only the named successor may accept.
    await expectRevert(as(fx.offices.US.admin).getFunction("acceptDefaultAdminTransfer")(), iface(), "AccessControlInvalidDefaultAdmin", [
      await addr(fx.offices.US.admin),
    ]);

    await fx.send("evm_increaseTime", [DEFAULT_HANDOVER_DELAY_SECONDS + 1]);
    await fx.send("evm_mine");
    await (await as(successor).getFunction("acceptDefaultAdminTransfer")()).wait();
    expect(await fx.register.getFunction("defaultAdmin")()).toBe(await addr(successor));
    await expectRevert(fx.register.getFunction("suspendOffice")(fx.offices.US.bytes2), iface(), "DiprRegisterUnauthorizedRegistrar", [await addr(fx.registrar)]);
  });
});
