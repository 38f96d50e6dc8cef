import { Contract } from "ethers";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { createRegisterClient } from "../../src/chain/register-client.js";
import { applicationIdOf, officeToBytes2, type Hex } from "../../src/chain/register-contract.js";
import { applicationsHash, signRegistrations } from "../../src/chain/signed-writes.js";
import { encodeApplication, type ApplicationSpec } from "../../src/chain/encode.js";
import { expectRevert } from "../support/chain-assertions.js";
import { createRegisterFixture, type RegisterFixture } from "../support/register-fixture.js";

let fx: RegisterFixture;
beforeAll(async () => {
  fx = await createRegisterFixture();
});
beforeEach(async () => fx.reset());

const iface = () => fx.register.interface;
const specs: ApplicationSpec[] = [
  { number: "25150123.5", filingDate: "2025-02-27", ipType: "patent", claims: [{ office: "US", number: "63512345", filingDate: "2024-03-01" }] },
  { number: "25150124.3", filingDate: "2025-02-27", ipType: "patent" },
];

async function signed(nonce: bigint, deadline: bigint, office = "EP") {
  return signRegistrations({
    signer: fx.offices.EP.signer,
    register: { address: await fx.register.getAddress(), chainId: (await fx.register.runner!.provider!.getNetwork()).chainId },
    office,
    specs,
    nonce,
    deadline,
  });
}

const now = async () => BigInt((await fx.register.runner!.provider!.getBlock("latest"))!.timestamp);

describe("registrations signed off chain (EIP-712) and relayed by anyone", () => {
  test("the client signs the register's own digest; a stranger relays the batch once", async () => {
    const request = await signed(0n, (await now()) + 3600n);
    expect(applicationsHash(specs.map(encodeApplication))).toMatch(/^0x[0-9a-f]{64}$/);
    const relayer = createRegisterClient({ register: fx.register.connect(fx.stranger) as Contract });
    await relayer.relayRegistrations([request]);
    for (const spec of specs) expect((await fx.register.getFunction("getApplication")(applicationIdOf("EP", spec.number))).office).toBe(officeToBytes2("EP"));
    expect(await relayer.nonceOf(await fx.offices.EP.signer.getAddress())).toBe(1n);

    await expectRevert((fx.register.connect(fx.stranger) as Contract).getFunction("relayRegistrations")([request]), iface(), "InvalidAccountNonce", [
      await fx.offices.EP.signer.getAddress(),
      1n,
    ]);
  });

  test("an expired, altered or other office's request is refused with its reason", async () => {
    const signer = (await fx.offices.EP.signer.getAddress()) as Hex;
    const relay = (requests: unknown[]) => (fx.register.connect(fx.stranger) as Contract).getFunction("relayRegistrations")(requests);
    const deadline = (await now()) - 1n;
    await expectRevert(relay([await signed(0n, deadline)]), iface(), "DiprRegisterSignatureExpired", [signer, deadline]);
    const request = await signed(0n, (await now()) + 3600n);
    await expectRevert(relay([{ ...request, office: officeToBytes2("US") }]), iface(), "DiprRegisterInvalidSignature", [signer]);
    await expectRevert(relay([await signed(0n, (await now()) + 3600n, "US")]), iface(), "DiprRegisterUnauthorizedSigner", [officeToBytes2("US"), signer]);
  });
});
