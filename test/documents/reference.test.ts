import { createHash } from "node:crypto";
import { keccak256 } from "ethers";
import { describe, expect, test } from "vitest";
import { applicationIdOf } from "../../src/domain/application-id.js";
import {
  documentIdOf,
  documentReferenceFromChain,
  documentReferenceToChain,
  parseDocumentReference,
  type DocumentReference,
} from "../../src/documents/reference.js";
import { isoToChainDay } from "../../src/domain/dates.js";
import type { DiprError } from "../../src/errors.js";
import { expectCode } from "../domain/expect-code.js";

const applicationId = applicationIdOf("EP", "23123456.8");
const sha256 = `0x${createHash("sha256").update("dipr test document\n").digest("hex")}` as const;
const reference: DocumentReference = {
  applicationId,
  kind: "searchReport",
  date: "2024-05-17",
  sha256,
  mediaType: "application/pdf",
  url: "https://node.ep.example/api/v1/documents/0xb8b8d7310a902fbbe147730a7b7beb4687df7029c54657081f81978e2a97427c",
};

const problems = (error: DiprError) => (error.details.errors as { code: string; target: string }[]).map((e) => [e.target, e.code]);

describe("document references", () => {
  test("a valid reference reads back as itself, hex in lower case", () => {
    expect(parseDocumentReference(reference)).toEqual(reference);
    expect(parseDocumentReference({ ...reference, sha256: sha256.toUpperCase().replace("0X", "0x") }).sha256).toBe(sha256);
  });

  test("every bad field is named with its code, the domain's for kind and date", () => {
    const error = expectCode(
      () =>
        parseDocumentReference({
          applicationId: "0x1234",
          kind: "searchreport",
          date: "2024-02-30",
          sha256: sha256.slice(2),
          mediaType: "application/pdf; charset=binary",
          url: "ftp://node.ep.example/doc",
          extra: 1,
        }),
      "DOCUMENT_REFERENCE_INVALID",
    );
    expect(problems(error)).toEqual([
      ["applicationId", "INVALID_STRING"],
      ["kind", "DOCUMENT_KIND_UNKNOWN"],
      ["date", "INVALID_DATE"],
      ["sha256", "INVALID_STRING"],
      ["mediaType", "INVALID_STRING"],
      ["url", "URL_SCHEME"],
      ["extra", "UNRECOGNIZED_KEYS"],
    ]);
  });

  test.each([
    ["date", "17.05.2024", "DATE_FORMAT"],
    ["date", "1969-12-31", "INVALID_DATE"],
    ["url", "/api/v1/documents/1", "URL_INVALID"],
    ["url", "https://office:secret@node.ep.example/doc", "URL_CREDENTIALS"],
    ["mediaType", "Application/PDF", "INVALID_STRING"],
    ["kind", undefined, "INVALID_TYPE"],
  ] as const)("%s %s is refused with %s", (field, value, code) => {
    const error = expectCode(() => parseDocumentReference({ ...reference, [field]: value }), "DOCUMENT_REFERENCE_INVALID");
    expect(problems(error)).toEqual([[field, code]]);
  });
});

describe("document ids", () => {
  test("the id is keccak256 of the four ABI words the register hashes (frozen vector for the contract's tests)", () => {
    // abi.encode of (bytes32, bytes32, uint8, uint32): four 32-byte words, the numbers left-padded.
    const word = (n: number) => n.toString(16).padStart(64, "0");
    const words = `0x${applicationId.slice(2)}${sha256.slice(2)}${word(1)}${word(isoToChainDay("2024-05-17"))}`;
    expect(documentIdOf(reference)).toBe(keccak256(words));
    expect(documentIdOf(reference)).toBe("0xb8b8d7310a902fbbe147730a7b7beb4687df7029c54657081f81978e2a97427c");
  });

  test("kind, date, hash and application each change the id; media type and URL do not", () => {
    const id = documentIdOf(reference);
    expect(documentIdOf({ ...reference, kind: "writtenOpinion" })).not.toBe(id);
    expect(documentIdOf({ ...reference, date: "2024-05-18" })).not.toBe(id);
    expect(documentIdOf({ ...reference, sha256: `0x${"0".repeat(64)}` })).not.toBe(id);
    expect(documentIdOf({ ...reference, applicationId: applicationIdOf("EP", "23123457.6") })).not.toBe(id);
    expect(documentIdOf({ ...parseDocumentReference({ ...reference, mediaType: "application/xml", url: "https://other.example/d" }) })).toBe(id);
  });
});

describe("the register's encoding", () => {
  test("a reference goes to chain codes and days and back", () => {
    const chain = documentReferenceToChain(reference);
    expect(chain).toMatchObject({ kind: 1, date: 19860 });
    expect(documentReferenceFromChain(chain)).toEqual(reference);
  });

  test("a kind code or day this build cannot read is refused by field, not half read", () => {
    const chain = documentReferenceToChain(reference);
    const error = expectCode(() => documentReferenceFromChain({ ...chain, kind: 9, date: 2 ** 32 - 1 }), "DOCUMENT_REFERENCE_INVALID");
    expect(problems(error)).toEqual([
      ["kind", "DOCUMENT_KIND_UNKNOWN"],
      ["date", "INVALID_DATE"],
    ]);
  });
});
