import { describe, expect, test } from "vitest";
import {
  DOCUMENT_KIND_INFO,
  DOCUMENT_KINDS,
  documentKindFromCode,
  documentKindToCode,
  INTERNATIONAL_REFERENCE_KINDS,
  internationalReferenceKindFromCode,
  internationalReferenceKindToCode,
  parseInternationalReference,
} from "../../src/domain/documents.js";
import { expectCode } from "./expect-code.js";

describe("document kinds", () => {
  test("each kind has its own chain code from 1, and the code reads back as the kind", () => {
    const codes = DOCUMENT_KINDS.map(documentKindToCode);
    expect(codes).toEqual([1, 2, 3, 4, 5, 6]);
    for (const kind of DOCUMENT_KINDS) expect(documentKindFromCode(documentKindToCode(kind))).toBe(kind);
  });

  test("ST.96 names are UpperCamelCase of the lowerCamelCase JSON names", () => {
    for (const kind of DOCUMENT_KINDS) expect(DOCUMENT_KIND_INFO[kind].st96Name).toBe(kind[0]!.toUpperCase() + kind.slice(1));
  });

  test.each([0, 7, 255, 1.5])("code %s names no kind", (code) => {
    expectCode(() => documentKindFromCode(code), "DOCUMENT_KIND_UNKNOWN");
  });

  test("an unknown kind name is refused with the list of kinds", () => {
    const error = expectCode(() => documentKindToCode("searchreport" as never), "DOCUMENT_KIND_UNKNOWN");
    expect(error.details).toEqual({ kind: "searchreport" });
  });
});

describe("international references (Recommendation 12)", () => {
  test("each kind has its own chain code from 1", () => {
    expect(INTERNATIONAL_REFERENCE_KINDS.map(internationalReferenceKindToCode)).toEqual([1, 2, 3, 4]);
    for (const kind of INTERNATIONAL_REFERENCE_KINDS) expect(internationalReferenceKindFromCode(internationalReferenceKindToCode(kind))).toBe(kind);
    expectCode(() => internationalReferenceKindFromCode(0), "INTERNATIONAL_REFERENCE_KIND_UNKNOWN");
  });

  test.each([
    ["pctApplication", "PCT/EP2024/012345", "WO", "EP2024012345", "PCT/EP2024/012345"],
    ["pctApplication", "PCT/IB2023/000001", "WO", "IB2023000001", "PCT/IB2023/000001"],
    ["pctApplication", "PCT/US 2023/012345", "WO", "US2023012345", "PCT/US2023/012345"],
    ["madridRegistration", "1234567", "WO", "1234567", "1234567"],
    ["madridRegistration", "IR 1 234 567", "WO", "1234567", "1234567"],
    ["hagueRegistration", "DM/123 456", "WO", "DM123456", "DM/123456"],
    ["hagueRegistration", "DM/58123", "WO", "DM058123", "DM/058123"],
    ["wipoCaseDossier", "EP 23 123 456.8", "EP", "23123456.8", "EP:23123456.8"],
    ["wipoCaseDossier", "JP:特願2023-123456", "JP", "2023123456", "JP:2023123456"],
  ] as const)("%s %s reads as %s:%s (%s)", (kind, input, office, number, text) => {
    const ref = parseInternationalReference(kind, input);
    expect(ref).toEqual({ kind, office, number, canonicalId: `${office}:${number}`, text });
  });

  test.each([
    ["pctApplication", "DM/123456", "hagueRegistration"],
    ["pctApplication", "1234567", "madridRegistration"],
    ["hagueRegistration", "PCT/EP2024/012345", "pctApplication"],
    ["madridRegistration", "DM/123456", "hagueRegistration"],
  ] as const)("%s refuses %s, a %s number", (kind, input, actualKind) => {
    const error = expectCode(() => parseInternationalReference(kind, input), "INTERNATIONAL_REFERENCE_MISMATCH");
    expect(error.details).toEqual({ kind, value: input, actualKind });
  });

  test.each([
    ["pctApplication", "PCT/EP24/01234", "NUMBER_FORMAT"],
    ["pctApplication", "PCT/EP2024/0123", "NUMBER_LENGTH"],
    ["pctApplication", "PCT/WO2024/012345", "NUMBER_FORMAT"],
    ["pctApplication", "PCT/XX2024/012345", "OFFICE_CODE_UNKNOWN"],
    ["pctApplication", "PCT/ib2023/000001", "OFFICE_CODE_NOT_UPPERCASE"],
    ["madridRegistration", "12345678", "NUMBER_LENGTH"],
    ["wipoCaseDossier", "23123456.8", "NUMBER_FORMAT"],
    ["wipoCaseDossier", "EP 23123456.7", "CHECK_DIGIT_MISMATCH"],
    ["wipoCaseDossier", "ep 23123456.8", "OFFICE_CODE_NOT_UPPERCASE"],
    ["wipoCaseDossier", "ZW 12345", "OFFICE_NUMBERING_UNSUPPORTED"],
    ["patentFamily", "1234567", "INTERNATIONAL_REFERENCE_KIND_UNKNOWN"],
  ] as const)("%s %s is refused with %s", (kind, input, code) => {
    expectCode(() => parseInternationalReference(kind, input), code);
  });
});
