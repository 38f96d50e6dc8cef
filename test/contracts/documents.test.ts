import { createHash } from "node:crypto";
import { Contract, ZeroHash } from "ethers";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { commitmentOf } from "../../src/chain/commitment.js";
import { encodeApplication } from "../../src/chain/encode.js";
import { createRegisterClient } from "../../src/chain/register-client.js";
import { applicationIdOf, officeToBytes2, type Hex } from "../../src/chain/register-contract.js";
import { signWrite } from "../../src/chain/signed-writes.js";
import { callDataOf, officeWriteOf, writeCalls, type DocumentInput } from "../../src/chain/write-calls.js";
import { documentIdOf } from "../../src/documents/index.js";
import { isoToChainDay } from "../../src/domain/index.js";
import { eventsOfTx, expectEvents, expectRevert } from "../support/chain-assertions.js";
import { createRegisterFixture, type RegisterFixture } from "../support/register-fixture.js";

let fx: RegisterFixture;
beforeAll(async () => {
  fx = await createRegisterFixture();
});
beforeEach(async () => fx.reset());

const as = (office: "US" | "EP" | "JP") => fx.register.connect(fx.offices[office].signer) as Contract;
const iface = () => fx.register.interface;
const today = async () => Math.floor((await fx.register.runner!.provider!.getBlock("latest"))!.timestamp / 86_400);

// Phase 1's frozen vector (test/documents/reference.test.ts): EP 23123456.8's search report of 2024-05-17.
const EP_ID = applicationIdOf("EP", "23123456.8");
const SHA256 = `0x${createHash("sha256").update("dipr test document\n").digest("hex")}` as Hex;
const FROZEN_ID = "0xb8b8d7310a902fbbe147730a7b7beb4687df7029c54657081f81978e2a97427c";
const REPORT: DocumentInput = {
  kind: 1,
  date: isoToChainDay("2024-05-17"),
  sha256: SHA256,
  mediaType: "application/pdf",
  url: `https://node.ep.example/api/v1/documents/${FROZEN_ID}`,
};

async function registerEp(): Promise<void> {
  await (await as("EP").getFunction("registerApplication")(officeToBytes2("EP"), encodeApplication({ number: "23123456.8", filingDate: "2023-02-01", ipType: "patent" }))).wait();
}

const record = (office: "US" | "EP" | "JP", applicationId: Hex, document: DocumentInput) => as(office).getFunction("recordDocument")(applicationId, document);

describe("document references", () => {
  test("an office records a document of its application; the event's id is documentIdOf's, the frozen vector", async () => {
    await registerEp();
    expect(await as("EP").getFunction("recordDocument").staticCall(EP_ID, REPORT)).toBe(FROZEN_ID);
    expectEvents(await eventsOfTx(record("EP", EP_ID, REPORT), iface()), [
      ["DocumentRecorded", [officeToBytes2("EP"), EP_ID, FROZEN_ID, 1, REPORT.date, SHA256, REPORT.mediaType, REPORT.url]],
    ]);
    expect(documentIdOf({ applicationId: EP_ID, sha256: SHA256, kind: "searchReport", date: "2024-05-17" })).toBe(FROZEN_ID);
    // The same document again is refused whatever its media type and URL; another kind is another document.
    await expectRevert(record("EP", EP_ID, { ...REPORT, url: "https://elsewhere.example/d" }), iface(), "DiprRegisterDuplicateDocument", [FROZEN_ID]);
    const opinion = await eventsOfTx(record("EP", EP_ID, { ...REPORT, kind: 2 }), iface());
    expect(opinion[0]!.args[2]).toBe(documentIdOf({ applicationId: EP_ID, sha256: SHA256, kind: "writtenOpinion", date: "2024-05-17" }));
  });

  test("the register client records a document and finds it again by id", async () => {
    await registerEp();
    const client = createRegisterClient({ register: as("EP") });
    const { documentId } = await client.recordDocument(EP_ID, REPORT, "EP 23123456.8");
    expect(documentId).toBe(FROZEN_ID);
    expect(await client.findDocument(FROZEN_ID)).toMatchObject({ ...REPORT, documentId: FROZEN_ID, applicationId: EP_ID, office: "EP" });
    expect(await client.findDocument(ZeroHash as Hex)).toBeUndefined();
  });

  test("a blinded application's document is recorded under its commitment, by its office", async () => {
    const commitment = commitmentOf({ office: "JP", number: "2026012345", filingDate: "2026-01-15", ipType: "patent" }, `0x${"5a".repeat(32)}`);
    await (await as("JP").getFunction("commitApplication")(officeToBytes2("JP"), commitment, [])).wait();
    const id = documentIdOf({ applicationId: commitment, sha256: SHA256, kind: "searchReport", date: "2024-05-17" });
    expectEvents(await eventsOfTx(record("JP", commitment, REPORT), iface()), [
      ["DocumentRecorded", [officeToBytes2("JP"), commitment, id, 1, REPORT.date, SHA256, REPORT.mediaType, REPORT.url]],
    ]);
    const ep = await fx.offices.EP.signer.getAddress();
    await expectRevert(record("EP", commitment, { ...REPORT, kind: 3 }), iface(), "DiprRegisterUnauthorizedSigner", [officeToBytes2("JP"), ep]);
  });

  test("refuses an unknown application, another office's application, a suspended office and each bad field, with the failing values", async () => {
    await registerEp();
    const unknown = applicationIdOf("EP", "23123457.6");
    await expectRevert(record("EP", unknown, REPORT), iface(), "DiprRegisterUnknownApplication", [unknown]);
    const us = await fx.offices.US.signer.getAddress();
    await expectRevert(record("US", EP_ID, REPORT), iface(), "DiprRegisterUnauthorizedSigner", [officeToBytes2("EP"), us]);

    for (const kind of [0, 7]) await expectRevert(record("EP", EP_ID, { ...REPORT, kind }), iface(), "DiprRegisterInvalidDocumentKind", [kind]);
    const now = await today();
    for (const date of [0, now + 2]) await expectRevert(record("EP", EP_ID, { ...REPORT, date }), iface(), "DiprRegisterInvalidDocumentDate", [date, now]);
    for (const mediaType of ["", `application/${"x".repeat(244)}`]) {
      await expectRevert(record("EP", EP_ID, { ...REPORT, mediaType }), iface(), "DiprRegisterInvalidMediaType", [mediaType]);
    }
    for (const url of ["", `https://node.ep.example/${"d".repeat(2049 - 24)}`]) {
      await expectRevert(record("EP", EP_ID, { ...REPORT, url }), iface(), "DiprRegisterInvalidDocumentUrl", [url]);
    }
    // At the limits, accepted: a media type of 255 bytes, a URL of 2048, a date of tomorrow (time zones ahead of UTC).
    await (await record("EP", EP_ID, { ...REPORT, mediaType: `application/${"x".repeat(243)}`, url: `https://node.ep.example/${"d".repeat(2048 - 24)}`, date: now + 1 })).wait();

    await (await fx.register.getFunction("suspendOffice")(officeToBytes2("EP"))).wait();
    await expectRevert(record("EP", EP_ID, { ...REPORT, kind: 4 }), iface(), "DiprRegisterOfficeSuspended", [officeToBytes2("EP")]);
  });
});

describe("international references", () => {
  const recordReference = (office: "US" | "EP", applicationId: Hex, kind: number, text: string) =>
    as(office).getFunction("recordInternationalReference")(applicationId, kind, text);

  test("an office records its application's PCT number and WIPO CASE dossier; the same one twice is refused", async () => {
    await registerEp();
    expectEvents(await eventsOfTx(recordReference("EP", EP_ID, 1, "PCT/EP2024/012345"), iface()), [
      ["InternationalReferenceRecorded", [officeToBytes2("EP"), EP_ID, 1, "PCT/EP2024/012345"]],
    ]);
    await (await recordReference("EP", EP_ID, 4, "EP:23123456.8")).wait();
    await expectRevert(recordReference("EP", EP_ID, 1, "PCT/EP2024/012345"), iface(), "DiprRegisterDuplicateInternationalReference", [EP_ID, 1, "PCT/EP2024/012345"]);
  });

  test("refuses a kind outside 1..4, an empty or over-long text, and another office's application", async () => {
    await registerEp();
    for (const [kind, text] of [[0, "PCT/EP2024/012345"], [5, "PCT/EP2024/012345"], [1, ""], [1, "X".repeat(65)]] as const) {
      await expectRevert(recordReference("EP", EP_ID, kind, text), iface(), "DiprRegisterInvalidInternationalReference", [kind, text]);
    }
    await (await recordReference("EP", EP_ID, 2, "1".repeat(64))).wait();
    const us = await fx.offices.US.signer.getAddress();
    await expectRevert(recordReference("US", EP_ID, 1, "PCT/EP2024/012345"), iface(), "DiprRegisterUnauthorizedSigner", [officeToBytes2("EP"), us]);
  });
});

describe("signed document writes", () => {
  test("a signer signs a document and an international reference off chain; a stranger relays them", async () => {
    await registerEp();
    const register = { address: await fx.register.getAddress(), chainId: (await fx.register.runner!.provider!.getNetwork()).chainId };
    const deadline = BigInt((await fx.register.runner!.provider!.getBlock("latest"))!.timestamp + 3600);
    const calls = [writeCalls.recordDocument(EP_ID, REPORT, "EP 23123456.8"), writeCalls.recordInternationalReference(EP_ID, 1, "PCT/EP2024/012345", "EP 23123456.8")];
    const requests = [];
    for (const [i, call] of calls.entries()) requests.push(await signWrite({ signer: fx.offices.EP.signer, register, data: callDataOf(call), nonce: BigInt(i), deadline }));
    expect(requests.map((r) => officeWriteOf(r.data))).toEqual(["recordDocument", "recordInternationalReference"]);
    const events = await eventsOfTx((fx.register.connect(fx.stranger) as Contract).getFunction("relayWrites")(requests), iface());
    expect(events.map((e) => [e.name, e.args[0], e.args[1]])).toEqual([
      ["DocumentRecorded", officeToBytes2("EP"), EP_ID],
      ["InternationalReferenceRecorded", officeToBytes2("EP"), EP_ID],
    ]);
    expect(events[0]!.args[2]).toBe(FROZEN_ID);
  });
});
