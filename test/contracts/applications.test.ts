import { ZeroHash, type Contract } from "ethers";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { applicationIdOf, encodeNumber, officeToBytes2 } from "../../src/chain/register-contract.js";
import { encodeApplication, encodeClaim, type ApplicationSpec } from "../../src/chain/encode.js";
import { isoToChainDay } from "../../src/domain/index.js";
import { eventsOfTx, expectEvents, expectRevert } from "../support/chain-assertions.js";
import { createRegisterFixture, type RegisterFixture } from "../support/register-fixture.js";

let fx: RegisterFixture;
beforeAll(async () => {
  fx = await createRegisterFixture();
});
beforeEach(async () => fx.reset());

const US_PROVISIONAL: ApplicationSpec = { number: "63123456", filingDate: "2024-03-01", ipType: "patent" };
const EP_CLAIMING: ApplicationSpec = {
  number: "25153079.6",
  filingDate: "2025-02-27",
  ipType: "patent",
  claims: [
    { office: "US", number: "63123456", filingDate: "2024-03-01" },
    { office: "JP", number: "2024012345", filingDate: "2024-04-02" },
  ],
};

const signerOf = (office: "US" | "EP" | "JP") => fx.register.connect(fx.offices[office].signer) as Contract;
const register = (office: "US" | "EP" | "JP", spec: ApplicationSpec) =>
  signerOf(office).getFunction("registerApplication")(fx.offices[office].bytes2, encodeApplication(spec));
const registerBatch = (office: "US" | "EP" | "JP", specs: ApplicationSpec[]) =>
  signerOf(office).getFunction("registerApplications")(fx.offices[office].bytes2, specs.map(encodeApplication));
const record = async (office: string, number: string) =>
  (await fx.register.getFunction("getApplication")(applicationIdOf(office, number))).toObject();
const iface = () => fx.register.interface;

describe("registering one application", () => {
  test("records the application in one packed slot and emits its event and one event per claim", async () => {
    const ep = fx.offices.EP.bytes2;
    const id = applicationIdOf("EP", "25153079.6");
    expect(await fx.register.getFunction("applicationId")(ep, encodeNumber("25153079.6"))).toBe(id);
    const events = await eventsOfTx(register("EP", EP_CLAIMING), iface());
    const [usClaim, jpClaim] = EP_CLAIMING.claims!;
    expectEvents(events, [
      ["ApplicationRegistered", [ep, id, encodeNumber("25153079.6"), isoToChainDay("2025-02-27"), 0]],
      ["PriorityClaimed", [ep, id, applicationIdOf("US", "63123456"), 1, officeToBytes2("US"), isoToChainDay(usClaim!.filingDate), encodeNumber("63123456")]],
      ["PriorityClaimed", [ep, id, applicationIdOf("JP", "2024012345"), 2, officeToBytes2("JP"), isoToChainDay(jpClaim!.filingDate), encodeNumber("2024012345")]],
    ]);
    const stored = await record("EP", "25153079.6");
    const digest = await fx.register.getFunction("claimsDigest")(EP_CLAIMING.claims!.map(encodeClaim));
    expect(stored).toEqual({
      office: ep,
      filingDate: BigInt(isoToChainDay("2025-02-27")),
      ipType: 0n,
      linkKind: 0n,
      claimCount: 2n,
      withdrawnMask: 0n,
      claimsDigest: digest,
    });
    expect(digest).not.toBe(0n);
  });

  test("the returned id is keccak256 of OFFICE:NUMBER", async () => {
    const returned = await signerOf("US").getFunction("registerApplication").staticCall(fx.offices.US.bytes2, encodeApplication(US_PROVISIONAL));
    expect(returned).toBe(applicationIdOf("US", "63123456"));
  });

  test("an application of an unknown id has an empty record", async () => {
    expect((await record("US", "99999999")).office).toBe("0x0000");
  });

  test("a divisional names its parent of the same office and emits the link", async () => {
    await (await register("EP", { ...EP_CLAIMING, claims: [] })).wait();
    const parentId = applicationIdOf("EP", "25153079.6");
    const divisional: ApplicationSpec = {
      number: "25199999.1",
      filingDate: "2025-09-01",
      ipType: "patent",
      parent: { id: parentId, kind: "divisional" },
    };
    const id = applicationIdOf("EP", "25199999.1");
    expectEvents(await eventsOfTx(register("EP", divisional), iface()), [
      ["ApplicationRegistered", [fx.offices.EP.bytes2, id, encodeNumber("25199999.1"), isoToChainDay("2025-09-01"), 0]],
      ["ApplicationLinked", [fx.offices.EP.bytes2, id, parentId, 1]],
    ]);
    expect((await record("EP", "25199999.1")).linkKind).toBe(1n);
  });

  test("rejects a parent of another office, an unknown parent, and a link that does not agree with its kind", async () => {
    await (await register("US", US_PROVISIONAL)).wait();
    const usId = applicationIdOf("US", "63123456");
    const child = (parentId: string, linkKind: number) => ({
      ...encodeApplication({ number: "25199999.1", filingDate: "2025-09-01", ipType: "patent" }),
      parentId,
      linkKind,
    });
    const ep = fx.offices.EP.bytes2;
    const call = (parentId: string, linkKind: number) => signerOf("EP").getFunction("registerApplication")(ep, child(parentId, linkKind));
    await expectRevert(call(usId, 2), iface(), "DiprRegisterParentOfficeMismatch", [usId, officeToBytes2("US"), ep]);
    const unknown = applicationIdOf("EP", "11111111.1");
    await expectRevert(call(unknown, 1), iface(), "DiprRegisterUnknownApplication", [unknown]);
    await expectRevert(call(ZeroHash, 1), iface(), "DiprRegisterInvalidLink", [ZeroHash, 1]);
    await expectRevert(call(usId, 0), iface(), "DiprRegisterInvalidLink", [usId, 0]);
    await expectRevert(call(usId, 4), iface(), "DiprRegisterInvalidLink", [usId, 4]);
  });

  test("registering the same office and number twice reverts and keeps the first record", async () => {
    await (await register("US", US_PROVISIONAL)).wait();
    const before = await record("US", "63123456");
    await expectRevert(register("US", { ...US_PROVISIONAL, filingDate: "2024-03-02" }), iface(), "DiprRegisterApplicationExists", [
      applicationIdOf("US", "63123456"),
    ]);
    expect(await record("US", "63123456")).toEqual(before);
  });

  test.each([
    ["lower case", "ep123"],
    ["a space", "63 123456"],
    ["a slash", "63/123456"],
    ["nothing in it", ""],
    ["a non-ASCII digit", "６３123456"],
    ["a control character", "63\t123456"],
  ])("rejects a number with %s", async (_label, number) => {
    await expectRevert(register("US", { ...US_PROVISIONAL, number }), iface(), "DiprRegisterInvalidNumber", [encodeNumber(number)]);
  });

  test("rejects a number text with a non-zero byte after its padding starts", async () => {
    const gap = `0x3633${"00".repeat(2)}31${"00".repeat(27)}`;
    const input = { ...encodeApplication(US_PROVISIONAL), number: gap };
    await expectRevert(signerOf("US").getFunction("registerApplication")(fx.offices.US.bytes2, input), iface(), "DiprRegisterInvalidNumber", [gap]);
  });

  test("the contract's id is keccak256(abi.encodePacked(office, number)), the same as the off-chain id", async () => {
    for (const [office, number] of [["US", "63123456"], ["EP", "25153079.6"], ["WO", "US2023012345"], ["CN", "95115608.X"]] as const) {
      expect(await fx.register.getFunction("applicationId")(officeToBytes2(office), encodeNumber(number))).toBe(applicationIdOf(office, number));
    }
    await expectRevert(fx.register.getFunction("applicationId")(officeToBytes2("US"), encodeNumber("63/1")), iface(), "DiprRegisterInvalidNumber");
  });

  test("accepts a number of exactly 32 characters", async () => {
    await (await register("US", { ...US_PROVISIONAL, number: "9".repeat(32) })).wait();
    expect((await record("US", "9".repeat(32))).office).toBe(fx.offices.US.bytes2);
  });

  test("rejects a filing date of zero or after tomorrow (chain time)", async () => {
    const block = await fx.register.runner!.provider!.getBlock("latest");
    const today = Math.floor(block!.timestamp / 86_400);
    const input = (filingDate: number) => ({ ...encodeApplication(US_PROVISIONAL), filingDate });
    const us = fx.offices.US.bytes2;
    await expectRevert(signerOf("US").getFunction("registerApplication")(us, input(0)), iface(), "DiprRegisterInvalidFilingDate", [0, today]);
    await expectRevert(signerOf("US").getFunction("registerApplication")(us, input(today + 2)), iface(), "DiprRegisterInvalidFilingDate", [
      today + 2,
      today,
    ]);
  });

  test("rejects an IP type outside the enum", async () => {
    const input = { ...encodeApplication(US_PROVISIONAL), ipType: 4 };
    await expectRevert(signerOf("US").getFunction("registerApplication")(fx.offices.US.bytes2, input), iface(), "DiprRegisterInvalidIpType", [4]);
  });

  test("only a signer of the office writes its applications: not another office's keys, not its admin, not the registrar", async () => {
    const us = fx.offices.US.bytes2;
    for (const who of [fx.offices.EP.signer, fx.offices.EP.admin, fx.offices.US.admin, fx.registrar, fx.stranger]) {
      const account = await who.getAddress();
      const asWho = fx.register.connect(who) as Contract;
      await expectRevert(asWho.getFunction("registerApplication")(us, encodeApplication(US_PROVISIONAL)), iface(), "DiprRegisterUnauthorizedSigner", [
        us,
        account,
      ]);
    }
    expect((await record("US", "63123456")).office).toBe("0x0000");
  });

  test("an office never admitted has no signers", async () => {
    const gb = officeToBytes2("GB");
    const account = await fx.offices.US.signer.getAddress();
    await expectRevert(signerOf("US").getFunction("registerApplication")(gb, encodeApplication(US_PROVISIONAL)), iface(), "DiprRegisterUnauthorizedSigner", [
      gb,
      account,
    ]);
  });
});

describe("priority claims at registration", () => {
  const claiming = (claims: ApplicationSpec["claims"], filingDate = "2025-02-27"): ApplicationSpec => ({
    number: "25153079.6",
    filingDate,
    ipType: "patent",
    claims,
  });
  const id = () => applicationIdOf("EP", "25153079.6");

  test("a claim may name an application of a non-participating office that is not on the register", async () => {
    const events = await eventsOfTx(register("EP", claiming([{ office: "KR", number: "1020240012345", filingDate: "2024-05-01" }])), iface());
    expect(events.map((e) => e.name)).toEqual(["ApplicationRegistered", "PriorityClaimed"]);
  });

  test.each([
    ["on the same day", "2025-02-27"],
    ["after the filing", "2025-03-01"],
  ])("rejects a claim dated %s", async (_label, claimDate) => {
    await expectRevert(register("EP", claiming([{ office: "US", number: "63123456", filingDate: claimDate }])), iface(), "DiprRegisterClaimNotEarlier", [
      id(),
      applicationIdOf("US", "63123456"),
      isoToChainDay(claimDate),
      isoToChainDay("2025-02-27"),
    ]);
  });

  test("rejects a claim of itself", async () => {
    await expectRevert(register("EP", claiming([{ office: "EP", number: "25153079.6", filingDate: "2024-03-01" }])), iface(), "DiprRegisterSelfClaim", [id()]);
  });

  test("rejects the same claim twice in one application", async () => {
    const claim = { office: "US", number: "63123456", filingDate: "2024-03-01" };
    await expectRevert(register("EP", claiming([claim, { ...claim, filingDate: "2024-03-02" }])), iface(), "DiprRegisterDuplicateClaim", [
      id(),
      applicationIdOf("US", "63123456"),
    ]);
  });

  test("rejects a claim with a malformed office code or number", async () => {
    const base = encodeApplication(claiming([{ office: "US", number: "63123456", filingDate: "2024-03-01" }]));
    const ep = fx.offices.EP.bytes2;
    const withClaim = (claim: object) => ({ ...base, claims: [{ ...base.claims[0]!, ...claim }] });
    await expectRevert(signerOf("EP").getFunction("registerApplication")(ep, withClaim({ office: "0x7573" })), iface(), "DiprRegisterInvalidOfficeCode", [
      "0x7573",
    ]);
    await expectRevert(signerOf("EP").getFunction("registerApplication")(ep, withClaim({ number: encodeNumber("63/123456") })), iface(), "DiprRegisterInvalidNumber", [
      encodeNumber("63/123456"),
    ]);
  });

  test("accepts 64 claims and rejects 65", async () => {
    const claims = (n: number) => Array.from({ length: n }, (_, i) => ({ office: "US", number: `6300${String(i).padStart(4, "0")}`, filingDate: "2024-03-01" }));
    await expectRevert(register("EP", claiming(claims(65))), iface(), "DiprRegisterTooManyClaims", [id(), 65, 64]);
    await (await register("EP", claiming(claims(64)))).wait();
    expect((await record("EP", "25153079.6")).claimCount).toBe(64n);
  });
});

describe("registering a batch", () => {
  const batch = (n: number, from = 0): ApplicationSpec[] =>
    Array.from({ length: n }, (_, i) => ({
      number: `18${String(from + i).padStart(6, "0")}`,
      filingDate: "2025-01-15",
      ipType: "patent",
      claims: [{ office: "JP", number: `2024${String(i).padStart(6, "0")}`, filingDate: "2024-06-01" }],
    }));

  test("records every application with the same events as single registrations", async () => {
    const specs = batch(3);
    const events = await eventsOfTx(registerBatch("US", specs), iface());
    expect(events.map((e) => e.name)).toEqual(Array(3).fill(["ApplicationRegistered", "PriorityClaimed"]).flat());
    for (const spec of specs) expect((await record("US", spec.number)).claimCount).toBe(1n);
  });

  test("a parent registered earlier in the same batch can be named", async () => {
    const [parent] = batch(1);
    const child: ApplicationSpec = { number: "18999999", filingDate: "2025-06-01", ipType: "patent", parent: { id: applicationIdOf("US", parent!.number), kind: "continuation" } };
    await (await registerBatch("US", [parent!, child])).wait();
    expect((await record("US", "18999999")).linkKind).toBe(2n);
  });

  test("is all or nothing: one bad application stores none", async () => {
    const specs = batch(3);
    const bad = [...specs, { ...specs[0]! }];
    await expectRevert(registerBatch("US", bad), iface(), "DiprRegisterApplicationExists", [applicationIdOf("US", specs[0]!.number)]);
    for (const spec of specs) expect((await record("US", spec.number)).office).toBe("0x0000");
  });

  test("rejects an empty and an oversized batch", async () => {
    await expectRevert(registerBatch("US", []), iface(), "DiprRegisterInvalidBatchSize", [0, 250]);
    const tooMany = Array.from({ length: 251 }, () => encodeApplication(US_PROVISIONAL));
    await expectRevert(signerOf("US").getFunction("registerApplications")(fx.offices.US.bytes2, tooMany), iface(), "DiprRegisterInvalidBatchSize", [251, 250]);
  });

  test("only a signer of the office writes a batch", async () => {
    const account = await fx.offices.EP.signer.getAddress();
    await expectRevert(signerOf("EP").getFunction("registerApplications")(fx.offices.US.bytes2, batch(2).map(encodeApplication)), iface(), "DiprRegisterUnauthorizedSigner", [
      fx.offices.US.bytes2,
      account,
    ]);
  });
});
