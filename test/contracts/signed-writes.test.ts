import { Contract, TypedDataEncoder } from "ethers";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { commitmentOf } from "../../src/chain/commitment.js";
import type { ApplicationSpec } from "../../src/chain/encode.js";
import { createRegisterClient, type RelayOutcome } from "../../src/chain/register-client.js";
import { applicationIdOf, officeToBytes2, type Hex } from "../../src/chain/register-contract.js";
import { registerDomain, signWrite, SIGNED_WRITE_TYPES, type SignedWrite } from "../../src/chain/signed-writes.js";
import { callDataOf, officeWriteOf, writeCalls, type WriteCall } from "../../src/chain/write-calls.js";
import { expectRevert } from "../support/chain-assertions.js";
import { createRegisterFixture, type RegisterFixture } from "../support/register-fixture.js";

let fx: RegisterFixture;
beforeAll(async () => {
  fx = await createRegisterFixture();
});
beforeEach(async () => fx.reset());

const iface = () => fx.register.interface;
const spec = (number: string): ApplicationSpec => ({ number, filingDate: "2025-02-27", ipType: "patent" });
const now = async () => BigInt((await fx.register.runner!.provider!.getBlock("latest"))!.timestamp);
const domain = async () => ({ address: await fx.register.getAddress(), chainId: (await fx.register.runner!.provider!.getNetwork()).chainId });
const epSigner = async () => (await fx.offices.EP.signer.getAddress()) as Hex;

async function signed(call: WriteCall | Hex, nonce: bigint, options: { deadline?: bigint; office?: "EP" | "US" } = {}): Promise<SignedWrite> {
  return signWrite({
    signer: fx.offices[options.office ?? "EP"].signer,
    register: await domain(),
    data: typeof call === "string" ? call : callDataOf(call),
    nonce,
    deadline: options.deadline ?? (await now()) + 3600n,
  });
}

const relayer = () => createRegisterClient({ register: fx.register.connect(fx.stranger) as Contract });
const relayDirect = (requests: readonly SignedWrite[]) => (fx.register.connect(fx.stranger) as Contract).getFunction("relayWrites")(requests);
const officeOf = async (office: string, number: string) => (await fx.register.getFunction("getApplication")(applicationIdOf(office, number))).office as string;

describe("office writes signed off chain (EIP-712) and relayed by anyone", () => {
  test("the client signs the register's own digest; a stranger relays a registration, a claim and a reveal in order, once", async () => {
    const data = callDataOf(writeCalls.registerApplication("EP", spec("25150123.5")));
    const deadline = (await now()) + 3600n;
    const digest = TypedDataEncoder.hash(registerDomain(await domain()), SIGNED_WRITE_TYPES, { signer: await epSigner(), data, nonce: 0n, deadline });
    expect(await fx.register.getFunction("writeDigest")(await epSigner(), data, 0n, deadline)).toBe(digest);

    const accessCode = `0x${"ab".repeat(32)}` as Hex;
    const blinded = spec("25201236.4");
    const commitment = commitmentOf({ office: "EP", ...blinded }, accessCode);
    await (await (fx.register.connect(fx.offices.EP.signer) as Contract).getFunction("commitApplication")(officeToBytes2("EP"), commitment, [])).wait();
    const claim = { office: "US", number: "63512345", filingDate: "2024-03-01" };
    const requests = [
      await signed(writeCalls.registerApplication("EP", spec("25150123.5")), 0n),
      await signed(writeCalls.addPriorityClaim("EP", "25150123.5", [], claim), 1n),
      await signed(writeCalls.revealApplication("EP", commitment, blinded, accessCode), 2n),
    ];
    expect(requests.map((r) => officeWriteOf(r.data))).toEqual(["registerApplication", "addPriorityClaim", "revealApplication"]);
    const outcomes = await relayer().relay(requests.map((request) => ({ request })));
    expect(outcomes.map((o) => [o.status, o.items.length])).toEqual([["relayed", 3]]);

    const stored = await fx.register.getFunction("getApplication")(applicationIdOf("EP", "25150123.5"));
    expect([stored.office, Number(stored.claimCount)]).toEqual([officeToBytes2("EP"), 1]);
    expect(await fx.register.getFunction("getCommitment")(commitment)).toEqual([officeToBytes2("EP"), true]);
    expect(await relayer().nonceOf(await epSigner())).toBe(3n);

    await expectRevert(relayDirect([requests[0]!]), iface(), "InvalidAccountNonce", [await epSigner(), 3n]);
  });

  test("an expired, altered, unsignable, malformed or other office's write is refused with its reason", async () => {
    const signer = await epSigner();
    const register = (number: string) => writeCalls.registerApplication("EP", spec(number));
    const past = (await now()) - 1n;
    await expectRevert(relayDirect([await signed(register("25150123.5"), 0n, { deadline: past })]), iface(), "DiprRegisterSignatureExpired", [signer, past]);

    const request = await signed(register("25150123.5"), 0n);
    await expectRevert(relayDirect([{ ...request, data: callDataOf(register("25150124.3")) }]), iface(), "DiprRegisterInvalidSignature", [signer]);

    // The registrar's and admins' functions are no office writes: signing one gets the relayer nowhere.
    const grant = iface().encodeFunctionData("grantSigner", [officeToBytes2("EP"), await fx.stranger.getAddress()]) as Hex;
    await expectRevert(relayDirect([await signed(grant, 0n)]), iface(), "DiprRegisterUnsignableCall", [grant.slice(0, 10)]);

    const truncated = callDataOf(writeCalls.withdrawPriorityClaim("EP", "25150123.5", 1)).slice(0, 10 + 32) as Hex;
    await expectRevert(relayDirect([await signed(truncated, 0n)]), iface(), "DiprRegisterSignedCallFailed", [signer, truncated.slice(0, 10)]);

    // A US signer's good signature over an EP write: the write's own role check refuses it.
    const us = await fx.offices.US.signer.getAddress();
    await expectRevert(relayDirect([await signed(register("25150123.5"), 0n, { office: "US" })]), iface(), "DiprRegisterUnauthorizedSigner", [officeToBytes2("EP"), us]);
    expect(await officeOf("EP", "25150123.5")).toBe("0x0000");
  });

  test("relay splits a set over the gas budget into batches, in order, each reported", async () => {
    const numbers = ["25150123.5", "25150124.3", "25150125.1", "25150126.0"];
    const requests = await Promise.all(numbers.map((number, i) => signed(writeCalls.registerApplication("EP", spec(number)), BigInt(i))));
    const seen: RelayOutcome[] = [];
    // A budget that one registration fits and two do not.
    const outcomes = await relayer().relay(requests.map((request) => ({ request })), { gasBudget: 110_000, onBatch: (o) => seen.push(o) });
    expect(outcomes.map((o) => [o.status, o.items.map((i) => i.request.nonce)])).toEqual([0n, 1n, 2n, 3n].map((n) => ["relayed", [n]]));
    expect(seen).toEqual(outcomes);
    for (const number of numbers) expect(await officeOf("EP", number)).toBe(officeToBytes2("EP"));
  });

  test("a rejected batch is reported in words that name the application, and the rest stops when asked", async () => {
    await relayer().relay([{ request: await signed(writeCalls.registerApplication("EP", spec("25150123.5")), 0n) }]);
    const again = writeCalls.registerApplication("EP", spec("25150123.5"));
    const later = writeCalls.registerApplication("EP", spec("25150124.3"));
    const items = [
      { request: await signed(again, 1n), labels: again.labels },
      { request: await signed(later, 2n), labels: later.labels },
    ];
    const outcomes = await relayer().relay(items, { gasBudget: 110_000, stopOnRejection: true });
    expect(outcomes).toHaveLength(1);
    const [first] = outcomes;
    expect(first?.status).toBe("rejected");
    if (first?.status !== "rejected") return;
    expect(first.error.details).toMatchObject({ error: "DiprRegisterApplicationExists", args: [applicationIdOf("EP", "25150123.5")] });
    expect(first.error.message).toContain("EP 25150123.5 is on the register already");
    expect(await officeOf("EP", "25150124.3")).toBe("0x0000");
  });
});
