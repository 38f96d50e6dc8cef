import { describe, expect, test } from "vitest";
import { commitmentOf, newAccessCode } from "../../src/chain/commitment.js";
import {
  ACCESS_CODE_HEADER,
  accessCodeHeader,
  authorizeDocumentAccess,
  readAccessCode,
  type AccessCodeOpening,
  type DocumentApplication,
  type FamilyLookup,
} from "../../src/documents/access-policy.js";
import { isDiprError, type DiprErrorCode } from "../../src/errors.js";
import { applicationIdOf } from "../../src/domain/application-id.js";
import { expectCode } from "../domain/expect-code.js";

const accessCode = newAccessCode();
const committed = { office: "EP", number: "23123456.8", filingDate: "2023-02-01", ipType: "patent" } as const;
const application: DocumentApplication = {
  applicationId: applicationIdOf("EP", "23123456.8"),
  office: "EP",
  commitment: commitmentOf(committed, accessCode),
};
const opening: AccessCodeOpening = { accessCode, number: "EP 23 123 456.8", filingDate: "2023-02-01", ipType: "patent" };

// The node's store answers this from its family components; a table stands for it here.
const familyOf = (offices: string[]): FamilyLookup => ({ familyOffices: async () => new Set(offices) });

async function refusal(promise: Promise<unknown>, code: DiprErrorCode) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDiprError(error) ? error.code : error).toBe(code);
  return error as Error;
}

describe("who may read a document", () => {
  test("the owning office, and an office with an application in the extended family", async () => {
    expect(await authorizeDocumentAccess({ requester: { office: "EP" }, application, family: familyOf([]) })).toBe("owner");
    expect(await authorizeDocumentAccess({ requester: { office: "US" }, application, family: familyOf(["EP", "US"]) })).toBe("family");
  });

  test("an office outside the family is refused; when the family link goes (a reorganisation), so does the access", async () => {
    let offices = ["EP", "US"];
    const family: FamilyLookup = { familyOffices: async () => new Set(offices) };
    expect(await authorizeDocumentAccess({ requester: { office: "US" }, application, family })).toBe("family");
    offices = ["EP"];
    await refusal(authorizeDocumentAccess({ requester: { office: "US" }, application, family }), "DOCUMENT_ACCESS_DENIED");
    await refusal(authorizeDocumentAccess({ requester: { office: "JP" }, application, family: familyOf(["EP", "US"]) }), "DOCUMENT_ACCESS_DENIED");
  });

  test("an office outside the family with the access code, number, date and type of the commitment", async () => {
    expect(await authorizeDocumentAccess({ requester: { office: "JP" }, application, family: familyOf(["EP"]), accessCode: opening })).toBe("accessCode");
  });

  test.each([
    ["another access code", { accessCode: newAccessCode() }],
    ["another filing date", { filingDate: "2023-02-02" }],
    ["another IP type", { ipType: "utilityModel" }],
    ["another number", { number: "23123457.6" }],
    ["a number the office's rules refuse", { number: "23123456.7" }],
    ["a date that does not exist", { filingDate: "2023-02-30" }],
  ] as const)("%s does not open the commitment", async (_what, change) => {
    const error = await refusal(
      authorizeDocumentAccess({ requester: { office: "JP" }, application, family: familyOf(["EP"]), accessCode: { ...opening, ...change } }),
      "DOCUMENT_ACCESS_CODE_MISMATCH",
    );
    expect(error.message).not.toContain(accessCode.slice(2));
  });

  test("an application registered without a commitment is opened by no access code", async () => {
    const clear = { applicationId: application.applicationId, office: "EP" };
    await refusal(authorizeDocumentAccess({ requester: { office: "JP" }, application: clear, family: familyOf(["EP"]), accessCode: opening }), "DOCUMENT_ACCESS_CODE_MISMATCH");
  });
});

describe("the access code header", () => {
  test("absent is no access code; present reads back as sent", () => {
    expect(readAccessCode({})).toBeUndefined();
    expect(readAccessCode(accessCodeHeader(opening))).toEqual(opening);
  });

  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  test.each([
    ["repeated", [encode(opening), encode(opening)]],
    ["not base64url", `${accessCode}+=`],
    ["not JSON", Buffer.from(`{${accessCode}`).toString("base64url")],
    ["a short access code", encode({ ...opening, accessCode: accessCode.slice(0, 40) })],
    ["an unknown field", encode({ ...opening, salt: accessCode })],
    ["an unknown IP type", encode({ ...opening, ipType: "copyright" })],
  ] as const)("%s is malformed, and the message does not quote the code", (_what, value) => {
    const error = expectCode(() => readAccessCode({ [ACCESS_CODE_HEADER]: value as string }), "DOCUMENT_REQUEST_MALFORMED");
    expect(error.details.header).toBe(ACCESS_CODE_HEADER);
    expect(JSON.stringify({ message: error.message, details: error.details, cause: String(error.cause) })).not.toContain(accessCode.slice(2, 42));
  });
});
