import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { cnCheckCharacter, deCheckDigit, epCheckDigit } from "../../src/domain/check-digits.js";
import { parseApplicationNumber } from "../../src/domain/application-number.js";
import { expectCode } from "./expect-code.js";

// The tables' own arithmetic, recomputed independently of src/ so a wrong table row shows up as such.
const cnSum = (d: string) => [...d].reduce((s, c, i) => s + Number(c) * [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5][i]!, 0);
const deSum = (d: string) => [...d].reverse().reduce((s, c, i) => s + Number(c) * (i + 2), 0);

// domain.md 2.4.1 EP test vectors, verbatim: input, normalised, valid?, expected check.
const EP_2_4_1: ReadonlyArray<readonly [string, string, string, string]> = [
  ["08 020 164.3", "08020164.3", "yes", "3"],
  ["25153079.6", "25153079.6", "yes", "6"],
  ["23 123 456.8", "23123456.8", "yes", "8"],
  ["23 123 456.7", "23123456.7", "no (CHECK_DIGIT_MISMATCH)", "8"],
  ["22150001.0", "22150001.0", "yes", "0"],
  ["99203729.1", "99203729.1", "yes", "1"],
  ["23123456", "23123456", "yes, check absent → stored as 23123456.8 with checkCharacterDerived=true", "8"],
  ["2312345.8", "—", "no (NUMBER_LENGTH)", "—"],
];

// domain.md 2.4.2 CN test vectors, verbatim: number, weighted sum, check, valid presentation.
const CN_2_4_2: ReadonlyArray<readonly [string, string, string, string]> = [
  ["201710601862", "157", "3", "201710601862.3"],
  ["201080063196", "185", "9", "201080063196.9"],
  ["202310123456", "127", "6", "202310123456.6"],
  ["202320123456", "133", "1", "202320123456.1"],
  ["202330123456", "139", "7", "202330123456.7"],
  ["202310000001", "38", "5", "202310000001.5"],
  ["95115608", "186", "X", "95115608.X"],
  ["97101765", "191", "4", "97101765.4"],
  ["202310123456.X", "127", "6", "invalid (CHECK_DIGIT_MISMATCH)"],
  ["202310123456.x", "—", "—", "invalid (CHECK_CHAR_CASE, lowercase x)"],
  ["202340123456.5", "—", "—", "invalid (UNKNOWN_TYPE_DIGIT, 4 is not a CN type)"],
];

// domain.md 2.4.3 DE test vectors, verbatim: number, sum, r, check, valid presentation.
const DE_2_4_3: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ["102007004488", "167", "2", "9", "10 2007 004 488.9"],
  ["112014005344", "145", "2", "9", "11 2014 005 344.9"],
  ["102023123456", "154", "0", "0", "10 2023 123 456.0"],
  ["202023000123", "106", "7", "4", "20 2023 000 123.4"],
  ["102004537108", "175", "10", "1", "10 2004 537 108.1"],
  ["10001499", "75", "9", "2", "100 01 499.2"],
  ["102023123456.7", "154", "0", "0", "invalid (CHECK_DIGIT_MISMATCH)"],
];

const errorIn = (text: string) => /\(([A-Z_]+)/.exec(text)?.[1];

describe("EP Luhn check digit (domain.md 2.4.1)", () => {
  test("worked example 08 020 164 gives 3", () => expect(epCheckDigit("08020164")).toBe("3"));

  test.each(EP_2_4_1)("%j -> %s, %s, check %s", (input, normalised, valid, expected) => {
    const code = errorIn(valid);
    if (code !== undefined) {
      const e = expectCode(() => parseApplicationNumber("EP", input), code as "NUMBER_LENGTH");
      if (code === "CHECK_DIGIT_MISMATCH") expect(e.details).toMatchObject({ expected, actual: normalised.slice(-1) });
      return;
    }
    const parsed = parseApplicationNumber("EP", input);
    expect(parsed.checkCharacter).toBe(expected);
    expect(parsed.applicationNumberText).toBe(normalised.includes(".") ? normalised : `${normalised}.${expected}`);
    expect(parsed.checkCharacterDerived).toBe(!normalised.includes("."));
    expect(parsed.checkCharacterValidated).toBe(true);
  });

  test("the mismatch message names the expected digit", () => {
    expect(expectCode(() => parseApplicationNumber("EP", "23123456.7"), "CHECK_DIGIT_MISMATCH").message).toBe(
      "EP 23123456 has check digit 8, not 7.",
    );
  });
});

describe("CN mod-11 check character (domain.md 2.4.2)", () => {
  test.each(CN_2_4_2)("%s: sum %s, check %s, %s", (number, sum, check, presentation) => {
    const code = errorIn(presentation);
    if (code !== undefined) {
      expectCode(() => parseApplicationNumber("CN", number), code as "CHECK_DIGIT_MISMATCH");
      if (sum !== "—") expect(cnSum(number.split(".")[0]!)).toBe(Number(sum));
      return;
    }
    expect(cnSum(number)).toBe(Number(sum));
    expect(cnCheckCharacter(number)).toBe(check);
    expect(parseApplicationNumber("CN", presentation).applicationNumberText).toBe(presentation);
  });
});

describe("DE mod-11 check digit (domain.md 2.4.3)", () => {
  test("DPMA's 1981 example 31 30 619 gives 5 (Mitteilung Nr. 3/83)", () => expect(deCheckDigit("3130619")).toBe("5"));

  test.each(DE_2_4_3)("%s: sum %s, r %s, check %s, %s", (number, sum, r, check, presentation) => {
    const body = number.split(".")[0]!;
    expect(deSum(body)).toBe(Number(sum));
    expect(deSum(body) % 11).toBe(Number(r));
    const code = errorIn(presentation);
    if (code !== undefined) {
      expect(expectCode(() => parseApplicationNumber("DE", number), code as "CHECK_DIGIT_MISMATCH").details).toMatchObject({ expected: check });
      return;
    }
    expect(deCheckDigit(body)).toBe(check);
    const parsed = parseApplicationNumber("DE", presentation);
    expect(parsed.applicationNumberText).toBe(`${body}.${check}`);
    expect(parsed.checkCharacterValidated).toBe(true);
  });

  test("r = 1 is never rejected, and with or without a typed check digit it is one number (README \"Ids\")", () => {
    const body = "102023000006"; // weighted sum 89, 89 mod 11 = 1
    expect(deSum(body) % 11).toBe(1);
    expect(deCheckDigit(body)).toBeUndefined();
    for (const given of ["", ".0", ".5"]) {
      const parsed = parseApplicationNumber("DE", `${body}${given}`);
      expect(parsed.checkCharacterValidated).toBe(false);
      // The check digit cannot be derived, so it is left out of the canonical number and kept as typed.
      expect(parsed.applicationNumberText).toBe(body);
      expect(parsed.checkCharacter).toBe(given === "" ? undefined : given.slice(1));
    }
  });
});

describe("check digits catch single-digit errors", () => {
  test("property: changing one EP digit changes the Luhn digit", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{8}$/), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 9 }), (d, i, delta) => {
        const changed = d.slice(0, i) + String((Number(d[i]) + delta) % 10) + d.slice(i + 1);
        expect(epCheckDigit(changed)).not.toBe(epCheckDigit(d));
      }),
    );
  });

  test("property: changing one CN digit changes the mod-11 character", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 9 }), (d, i, delta) => {
        const changed = d.slice(0, i) + String((Number(d[i]) + delta) % 10) + d.slice(i + 1);
        expect(cnCheckCharacter(changed)).not.toBe(cnCheckCharacter(d));
      }),
    );
  });
});
