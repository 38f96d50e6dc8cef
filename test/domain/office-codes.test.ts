import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { ERROR_TABLE } from "../../src/errors.js";
import { getOffice, isOfficeCode, listOffices, parseOfficeCode } from "../../src/domain/office-codes.js";
import { expectCode } from "./expect-code.js";

// domain.md 1.3, verbatim.
const VECTORS_1_3: ReadonlyArray<readonly [string, "yes" | "no", string]> = [
  ["US", "yes", ""],
  ["EP", "yes", ""],
  ["WO", "yes", ""],
  ["IB", "yes", ""],
  ["EM", "yes", ""],
  ["us", "no", "OFFICE_CODE_NOT_UPPERCASE"],
  ["USA", "no", "OFFICE_CODE_LENGTH"],
  ["U", "no", "OFFICE_CODE_LENGTH"],
  ["U5", "no", "OFFICE_CODE_CHARSET"],
  ["ZZ", "no", "OFFICE_CODE_UNKNOWN"],
  ["", "no", "OFFICE_CODE_LENGTH"],
  [" US", "no", "OFFICE_CODE_CHARSET"],
];

// domain.md 1.2: code, kind, "Paris Union member itself?".
const TABLE_1_2: ReadonlyArray<readonly [string, "national" | "regional" | "international", "yes" | "no"]> = [
  ["US", "national", "yes"],
  ["JP", "national", "yes"],
  ["CN", "national", "yes"],
  ["KR", "national", "yes"],
  ["DE", "national", "yes"],
  ["GB", "national", "yes"],
  ["FR", "national", "yes"],
  ["CA", "national", "yes"],
  ["AU", "national", "yes"],
  ["IN", "national", "yes"],
  ["BR", "national", "yes"],
  ["CH", "national", "yes"],
  ["IT", "national", "yes"],
  ["ES", "national", "yes"],
  ["EP", "regional", "no"],
  ["EM", "regional", "no"],
  ["WO", "international", "no"],
  ["IB", "international", "no"],
  ["EA", "regional", "no"],
  ["AP", "regional", "no"],
  ["OA", "regional", "no"],
  ["GC", "regional", "no"],
];

describe("parseOfficeCode (domain.md 1.3)", () => {
  test.each(VECTORS_1_3)("%j valid=%s %s", (input, valid, code) => {
    if (valid === "yes") expect(parseOfficeCode(input)).toBe(input);
    else expectCode(() => parseOfficeCode(input), code as keyof typeof ERROR_TABLE);
  });

  test("suggests the upper-case code for a lower-case one", () => {
    expect(expectCode(() => parseOfficeCode("us"), "OFFICE_CODE_NOT_UPPERCASE").details).toMatchObject({ suggestion: "US" });
  });

  test("names the failing code in the message", () => {
    expect(expectCode(() => parseOfficeCode("ZZ"), "OFFICE_CODE_UNKNOWN").message).toContain("'ZZ'");
  });

  test("rejects XX, the 'unknown' placeholder of some data providers", () => {
    expectCode(() => parseOfficeCode("XX"), "OFFICE_CODE_UNKNOWN");
  });
});

describe("the ST.3 table (domain.md 1.2)", () => {
  test.each(TABLE_1_2)("%s is %s, Paris member itself: %s, and founds priority", (code, kind, member) => {
    const office = getOffice(code);
    expect(office.kind).toBe(kind);
    expect(office.parisBasis === "parisMember").toBe(member === "yes");
    expect(office.foundsParisPriority).toBe(true);
  });

  test("holds every ISO 3166 state plus the organisations, each once and sorted", () => {
    const codes = listOffices().map((o) => o.code);
    expect(codes.length).toBeGreaterThan(250);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
  });

  test("a WTO-only member founds priority (TRIPS Art. 2.1), a non-member does not", () => {
    expect(getOffice("TW")).toMatchObject({ parisBasis: "wtoMember", foundsParisPriority: true });
    expect(getOffice("ER")).toMatchObject({ parisBasis: "none", foundsParisPriority: false });
  });

  test("every listed code parses, and its lower-case form is refused with a suggestion", () => {
    for (const { code } of listOffices()) {
      expect(parseOfficeCode(code)).toBe(code);
      expectCode(() => parseOfficeCode(code.toLowerCase()), "OFFICE_CODE_NOT_UPPERCASE");
    }
  });

  test("property: a two-letter string is valid exactly when it is on the list", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{2}$/), (code) => {
        let ok = true;
        try {
          parseOfficeCode(code);
        } catch {
          ok = false;
        }
        expect(ok).toBe(isOfficeCode(code));
      }),
    );
  });
});
