import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  CANONICAL_NUMBER_PATTERN,
  canonicalId,
  formatApplicationNumber,
  parseApplicationNumber,
  splitCanonicalId,
  type ParseApplicationNumberOptions,
} from "../../src/domain/application-number.js";
import type { IpType } from "../../src/domain/ip-types.js";
import type { DiprErrorCode } from "../../src/errors.js";
import { expectCode } from "./expect-code.js";

const ticks = (cell: string): string[] => [...cell.matchAll(/`([^`]*)`/g)].map((m) => m[1] ?? "");

/**
 * Where dipr's canonical form departs from domain.md's tables, by rule (README "Ids", issue 13): the number of a JP
 * utility model, design or trade mark starts with its ST.13 type code (JP numbers each kind in its own series, so
 * the bare digits named two applications); GB's check digit, which cannot be derived, is not part of the canonical
 * number (with and without it gave two ids); a PCT st13Number keeps its receiving office (it was dropped, so two
 * receiving offices' applications shared one). Keyed by domain.md's own cell: [canonical, st13Number].
 */
const DEVIATIONS: ReadonlyMap<string, readonly [string | undefined, string | undefined]> = new Map([
  ["JP `2023-123456` with ipType=trademark", ["402023123456", undefined]],
  ["JP `実願2023-012345`", ["202023012345", undefined]],
  ["JP `意願2023-012345`", ["302023012345", undefined]],
  ["JP `商願2023-012345`", ["402023012345", undefined]],
  ["GB `GB2301234.5`", ["2301234", undefined]],
  ["WO `PCT/US2023/012345`", [undefined, "US102023000012345"]],
]);
const deviated = (office: string, raw: string, text: string, st13: string): [string, string] => {
  const [t, s] = DEVIATIONS.get(`${office} ${raw}`) ?? [];
  return [t ?? text, s ?? st13];
};

// domain.md 2.5 "Parser test vectors", verbatim: office, raw input, applicationNumberText, st13Number, result.
const TABLE_2_5: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ["US", "`17/123,456`", "`17123456`", "`102023017123456` [2023-05-02]", "ok"],
  ["US", "`17123456`", "`17123456`", "`102023017123456` [2023-05-02]", "ok"],
  ["US", "`63/123,456`", "`63123456`", "`102023063123456` [2023-01-10]", "ok, kind provisional"],
  ["US", "`17/12,345`", "—", "—", "`NUMBER_LENGTH` (serial must be 6 digits)"],
  ["EP", "`EP 23 123 456.8`", "`23123456.8`", "`102023000123456`", "ok (leading office code stripped only if equal to office)"],
  ["EP", "`JP 23 123 456.8`", "—", "—", "`OFFICE_PREFIX_MISMATCH`"],
  ["JP", "`特願2023-123456`", "`2023123456`", "`102023000123456`", "ok"],
  ["JP", "`2023-123456` with ipType=trademark", "`2023123456`", "`402023000123456`", "ok"],
  ["CN", "`202310123456.6`", "`202310123456.6`", "`102023000123456`", "ok"],
  ["CN", "`CN 2023 1 0123456.6`", "`202310123456.6`", "`102023000123456`", "ok"],
  ["KR", "`10-2023-0123456`", "`1020230123456`", "`102023000123456`", "ok"],
  ["KR", "`40-2023-0123456` with ipType=patent", "—", "—", "`IP_TYPE_MISMATCH` (number says trade mark)"],
  ["DE", "`10 2023 123 456.0`", "`102023123456.0`", "`102023000123456`", "ok"],
  ["GB", "`GB2301234.5`", "`2301234.5`", "`102023000001234`", "ok, check not validated"],
  ["WO", "`PCT/US2023/012345`", "`US2023012345`", "`102023000012345`", "ok, receivingOfficeCode US"],
  ["WO", "`PCT/us2023/012345`", "—", "—", "`OFFICE_CODE_NOT_UPPERCASE`"],
  ["WO", "`PCT/US23/12345`", "—", "—", "`NUMBER_FORMAT` (pre-2004 short form not accepted in v1)"],
  ["EM", "`018123456`", "`018123456`", "`402023018123456` [2023-03-01]", "ok"],
  ["WO", "`DM/123 456`", "`DM123456`", "`302023000123456` [2023-07-01]", "ok, Hague"],
];

// domain.md 2.3 "Office formats and canonical forms", verbatim columns: office, IP type, presentation,
// applicationNumberText, st13Number. "filing year" / "registration year" cells are checked with a 2023 filing date.
const TABLE_2_3: ReadonlyArray<readonly [string, string, string, string, string]> = [
  ["US", "patent (utility)", "`17/123,456`", "`17123456`", "`10` + filing year + `017123456`"],
  ["US", "patent (provisional)", "`63/123,456`", "`63123456`", "`10` + filing year + `063123456`; `applicationKind=provisional`"],
  ["US", "design", "`29/123,456`", "`29123456`", "`30` + filing year + `029123456`"],
  ["EP", "patent", "`23 123 456.8`", "`23123456.8`", "`10` `2023` `000123456`"],
  ["JP", "patent", "`特願2023-123456` or `2023-123456`", "`2023123456`", "`10` `2023` `000123456`"],
  ["JP", "utility model", "`実願2023-012345`", "`2023012345`", "`20` `2023` `000012345`"],
  ["JP", "design", "`意願2023-012345`", "`2023012345`", "`30` `2023` `000012345`"],
  ["JP", "trade mark", "`商願2023-012345`", "`2023012345`", "`40` `2023` `000012345`"],
  ["CN", "patent (invention)", "`202310123456.6`", "`202310123456.6`", "`10` `2023` `000123456` (see note)"],
  ["KR", "patent", "`10-2023-0123456`", "`1020230123456`", "`10` `2023` `000123456`"],
  ["DE", "patent", "`10 2023 123 456.0`", "`102023123456.0`", "`10` `2023` `000123456`"],
  ["GB", "patent", "`GB2301234.5`", "`2301234.5`", "`10` `2023` `000001234`"],
  ["FR", "patent", "`FR 23 01234`", "`2301234`", "`10` `2023` `000001234`"],
  ["WO", "patent (international)", "`PCT/US2023/012345`", "`US2023012345`", "`10` `2023` `000012345`; `receivingOfficeCode=US`"],
  ["EM", "trade mark", "`018123456`", "`018123456`", "`40` + filing year + `018123456`"],
  ["WO", "industrial design (international registration)", "`DM/123 456`", "`DM123456`", "`30` + registration year + `000123456`"],
];

const IP_TYPE_WORDS: ReadonlyArray<readonly [RegExp, IpType]> = [
  [/utility model/, "utilityModel"],
  [/design/, "industrialDesign"],
  [/trade mark/, "trademark"],
  [/patent/, "patent"],
];
const ipTypeOf = (cell: string): IpType => IP_TYPE_WORDS.find(([re]) => re.test(cell))?.[1] ?? "patent";

function optionsFrom(raw: string, st13Cell: string): ParseApplicationNumberOptions {
  const ipType = /with ipType=(\w+)/.exec(raw)?.[1] as IpType | undefined;
  const filingDate = /\[(\d{4}-\d{2}-\d{2})\]/.exec(st13Cell)?.[1];
  return { ...(ipType === undefined ? {} : { ipType }), ...(filingDate === undefined ? {} : { filingDate }) };
}

describe("parseApplicationNumber, domain.md 2.5 parser vectors", () => {
  test.each(TABLE_2_5)("%s %s -> %s %s: %s", (office, rawCell, textCell, st13Cell, result) => {
    const [raw = ""] = ticks(rawCell);
    const options = optionsFrom(rawCell, st13Cell);
    if (!result.startsWith("ok")) {
      expectCode(() => parseApplicationNumber(office, raw, options), ticks(result)[0] as DiprErrorCode);
      return;
    }
    const parsed = parseApplicationNumber(office, raw, options);
    const [text, st13] = deviated(office, rawCell.replace(/ \[.*$/, ""), ticks(textCell)[0]!, ticks(st13Cell)[0]!);
    expect(parsed.applicationNumberText).toBe(text);
    expect(parsed.st13Number).toBe(st13);
    expect(parsed.canonicalId).toBe(`${office}:${text}`);
    if (result.includes("provisional")) expect(parsed.applicationKind).toBe("provisional");
    if (result.includes("check not validated")) expect(parsed.checkCharacterValidated).toBe(false);
    const ro = /receivingOfficeCode (\w+)/.exec(result)?.[1];
    if (ro !== undefined) expect(parsed.receivingOfficeCode).toBe(ro);
    if (result.includes("Hague")) expect(parsed).toMatchObject({ ipType: "industrialDesign", applicationKind: "international" });
  });
});

describe("parseApplicationNumber, domain.md 2.3 office formats", () => {
  test.each(TABLE_2_3)("%s %s: %s -> %s, %s", (office, type, presentations, textCell, st13Cell) => {
    const st13 = st13Cell
      .replace(/\b(filing|registration) year\b/, "`2023`")
      .replace(/\(see note\)/, "");
    const expectedSt13 = ticks(st13)
      .filter((t) => /^\d+$/.test(t))
      .join("");
    for (const presentation of ticks(presentations)) {
      const parsed = parseApplicationNumber(office, presentation, { ipType: ipTypeOf(type), filingDate: "2023-06-01" });
      const [text, st13] = deviated(office, `\`${presentation}\``, ticks(textCell)[0]!, expectedSt13);
      expect(parsed.applicationNumberText).toBe(text);
      expect(parsed.st13Number).toBe(st13);
      expect(parsed.ipType).toBe(ipTypeOf(type));
      if (st13Cell.includes("provisional")) expect(parsed.applicationKind).toBe("provisional");
      if (st13Cell.includes("receivingOfficeCode=US")) expect(parsed.receivingOfficeCode).toBe("US");
    }
  });
});

// Real-format examples per office: office, as typed, options, applicationNumberText, ipType, display form.
const EXAMPLES: ReadonlyArray<readonly [string, string, ParseApplicationNumberOptions, string, IpType, string]> = [
  ["US", "US 17/123,456", {}, "17123456", "patent", "17/123,456"],
  ["US", "29/010,907", {}, "29010907", "industrialDesign", "29/010,907"],
  ["US", "35/501,234", {}, "35501234", "industrialDesign", "35/501,234"],
  ["US", "62/123,456", {}, "62123456", "patent", "62/123,456"],
  ["US", "97123456", { ipType: "trademark" }, "97123456", "trademark", "97123456"],
  ["EP", "EP23123456.8", {}, "23123456.8", "patent", "23 123 456.8"],
  ["EP", "EP 080201643", {}, "08020164.3", "patent", "08 020 164.3"],
  ["JP", "特願２０２３－１２３４５６", {}, "2023123456", "patent", "特願2023-123456"],
  ["JP", "特願平11-123456", {}, "1999123456", "patent", "特願平11-123456"],
  ["JP", "実願平1-12345", {}, "201989012345", "utilityModel", "実願平1-012345"],
  ["JP", "特願昭63-001234", {}, "1988001234", "patent", "特願昭63-001234"],
  ["JP", "H11-123456", {}, "1999123456", "patent", "特願平11-123456"],
  ["JP", "JP 2018-512345", {}, "2018512345", "patent", "特願2018-512345"],
  ["JP", "商標登録願2023-012345", {}, "402023012345", "trademark", "商願2023-012345"],
  ["JP", "402023012345", {}, "402023012345", "trademark", "商願2023-012345"],
  ["JP", "2023-012345", { ipType: "trademark" }, "402023012345", "trademark", "商願2023-012345"],
  ["JP", "102023012345", {}, "2023012345", "patent", "特願2023-012345"],
  ["CN", "ZL201710601862.3", {}, "201710601862.3", "patent", "201710601862.3"],
  ["CN", "201080063196", {}, "201080063196.9", "patent", "201080063196.9"],
  ["CN", "202320123456.1", {}, "202320123456.1", "utilityModel", "202320123456.1"],
  ["CN", "97101765.4", {}, "97101765.4", "patent", "97101765.4"],
  ["KR", "30-2010-0011603", {}, "3020100011603", "industrialDesign", "30-2010-0011603"],
  ["DE", "DE 10 2007 004 488.9", {}, "102007004488.9", "patent", "10 2007 004 488.9"],
  ["DE", "11 2014 005 344.9", {}, "112014005344.9", "patent", "11 2014 005 344.9"],
  ["DE", "20 2023 000 123.4", {}, "202023000123.4", "utilityModel", "20 2023 000 123.4"],
  ["DE", "100 01 499.2", {}, "10001499.2", "patent", "100 01 499.2"],
  ["GB", "GB 2301234.5", {}, "2301234", "patent", "GB2301234.5"],
  ["GB", "0123456.7", {}, "0123456", "patent", "GB0123456.7"],
  ["GB", "GB2301234", {}, "2301234", "patent", "GB2301234"],
  ["FR", "FR1909731", {}, "1909731", "patent", "19 09731"],
  ["FR", "1909731", { ipType: "utilityModel" }, "1909731", "utilityModel", "19 09731"],
  ["FR", "FR 190973142", {}, "190973142", "trademark", "19 0973142"],
  ["FR", "19097314", {}, "19097314", "industrialDesign", "19097314"],
  ["CA", "CA 3,123,456", {}, "3123456", "patent", "3,123,456"],
  ["CA", "123456", {}, "123456", "industrialDesign", "123,456"],
  ["CA", "1,234,567", { ipType: "trademark" }, "401234567", "trademark", "1,234,567"],
  ["CA", "401234567", {}, "401234567", "trademark", "1,234,567"],
  ["CA", "103123456", {}, "3123456", "patent", "3,123,456"],
  ["AU", "AU 2010001234", {}, "2010001234", "patent", "2010001234"],
  ["AU", "201000123", {}, "201000123", "industrialDesign", "201000123"],
  ["AU", "1909731", {}, "1909731", "trademark", "1909731"],
  ["IN", "IN 201611000001", {}, "201611000001", "patent", "201611000001"],
  ["IN", "1234/DELNP/2007", {}, "1234DELNP2007", "patent", "1234/DELNP/2007"],
  ["IN", "123/che/2005", {}, "123CHE2005", "patent", "123/CHE/2005"],
  ["BR", "BR 1020150062087", {}, "102015006208", "patent", "BR 10 2015 006208 7"],
  ["BR", "BR 20 2016 012345-1", {}, "202016012345", "utilityModel", "BR 20 2016 012345 1"],
  ["BR", "PI 0512345-6", {}, "PI0512345", "patent", "PI 0512345-6"],
  ["BR", "MU 8901234-5", {}, "MU8901234", "utilityModel", "MU 8901234-5"],
  ["WO", "PCT/IB2014/065737", {}, "IB2014065737", "patent", "PCT/IB2014/065737"],
  ["WO", "pct/EP2013/123456", {}, "EP2013123456", "patent", "PCT/EP2013/123456"],
  ["WO", "DM/12345", {}, "DM012345", "industrialDesign", "DM/012 345"],
  ["WO", "IR 1234567", {}, "1234567", "trademark", "1234567"],
  ["EM", "EUTM 018123456", {}, "018123456", "trademark", "018123456"],
  ["EM", "004048098-0004", {}, "0040480980004", "industrialDesign", "004048098-0004"],
  ["EM", "004048098", { ipType: "industrialDesign" }, "30004048098", "industrialDesign", "004048098"],
  ["EM", "30004048098", {}, "30004048098", "industrialDesign", "004048098"],
  ["EM", "40018123456", {}, "018123456", "trademark", "018123456"],
];

describe("real-format examples per office", () => {
  test.each(EXAMPLES)("%s %j %j -> %s (%s), shown as %s", (office, text, options, canonical, ipType, display) => {
    const parsed = parseApplicationNumber(office, text, options);
    expect(parsed.applicationNumberText).toBe(canonical);
    expect(parsed.ipType).toBe(ipType);
    expect(formatApplicationNumber(parsed)).toBe(display);
    expect(parseApplicationNumber(office, display, { ipType }).applicationNumberText).toBe(canonical);
  });
});

// Errors: office, text, options, code.
const ERRORS: ReadonlyArray<readonly [string, string, ParseApplicationNumberOptions, DiprErrorCode]> = [
  ["CH", "123456", {}, "OFFICE_NUMBERING_UNSUPPORTED"],
  ["ZZ", "123", {}, "OFFICE_CODE_UNKNOWN"],
  ["ep", "23123456.8", {}, "OFFICE_CODE_NOT_UPPERCASE"],
  ["EP", "", {}, "NUMBER_LENGTH"],
  ["EP", "23123456.8.1", {}, "NUMBER_FORMAT"],
  ["EP", "23123456", { ipType: "trademark" }, "IP_TYPE_UNSUPPORTED"],
  ["EP", "23123456", { filingDate: "2024-01-05" }, "IMPOSSIBLE_YEAR"],
  ["EP", "23123456", { filingDate: "2023-02-30" }, "INVALID_DATE"],
  ["US", "17/123,456", { ipType: "utilityModel" }, "IP_TYPE_UNSUPPORTED"],
  ["US", "29/123,456", { ipType: "patent" }, "IP_TYPE_MISMATCH"],
  ["US", "90/012,345", {}, "NUMBER_FORMAT"],
  ["US", "45/123,456", {}, "UNKNOWN_TYPE_CODE"],
  ["US", "17/123,4567", {}, "NUMBER_LENGTH"],
  ["JP", "令和5-123456", {}, "IMPOSSIBLE_YEAR"],
  ["JP", "平成12-123456", {}, "IMPOSSIBLE_YEAR"],
  ["JP", "特願2023123", {}, "NUMBER_FORMAT"],
  ["JP", "特願2023-123456", { ipType: "trademark" }, "IP_TYPE_MISMATCH"],
  ["CN", "202310123456.5", {}, "CHECK_DIGIT_MISMATCH"],
  ["CN", "200210123456.1", {}, "IMPOSSIBLE_YEAR"],
  ["CN", "2023101234567890", {}, "NUMBER_LENGTH"],
  ["CN", "202310123456", { ipType: "trademark" }, "IP_TYPE_UNSUPPORTED"],
  ["KR", "50-2023-0123456", {}, "UNKNOWN_TYPE_CODE"],
  ["KR", "10-1997-0123456", {}, "IMPOSSIBLE_YEAR"],
  ["KR", "10-2023-012345", {}, "NUMBER_LENGTH"],
  ["DE", "99 2023 123 456", {}, "UNKNOWN_TYPE_CODE"],
  ["DE", "30 2005 000 123", {}, "IMPOSSIBLE_YEAR"],
  ["DE", "10 2003 123 456", {}, "IMPOSSIBLE_YEAR"],
  ["GB", "GB2301234.X", {}, "NUMBER_FORMAT"],
  ["GB", "2301234", { ipType: "trademark" }, "IP_TYPE_UNSUPPORTED"],
  ["FR", "123456", {}, "NUMBER_LENGTH"],
  ["CA", "12345", {}, "NUMBER_LENGTH"],
  ["AU", "1989123456", {}, "IMPOSSIBLE_YEAR"],
  ["IN", "202351012345", {}, "NUMBER_FORMAT"],
  ["BR", "BR 40 2015 006208 7", {}, "UNKNOWN_TYPE_CODE"],
  ["WO", "PCT/US2023/12345", {}, "NUMBER_LENGTH"],
  ["WO", "PCT/ZZ2023/012345", {}, "OFFICE_CODE_UNKNOWN"],
  ["WO", "PCT/US2003/012345", {}, "IMPOSSIBLE_YEAR"],
  ["WO", "PCT/WO2023/012345", {}, "NUMBER_FORMAT"],
  ["WO", "WO 2023/123456", {}, "NUMBER_FORMAT"],
  ["WO", "DM/123 456", { ipType: "trademark" }, "IP_TYPE_MISMATCH"],
  ["WO", "12345678", {}, "NUMBER_LENGTH"],
  ["EM", "18123456", {}, "NUMBER_LENGTH"],
  ["EM", "018123456", { ipType: "patent" }, "IP_TYPE_UNSUPPORTED"],
  ["DE", "EP 10 2023 123 456.0", {}, "OFFICE_PREFIX_MISMATCH"],
];

describe("errors say why", () => {
  test.each(ERRORS)("%s %j %j is %s", (office, text, options, code) => {
    const e = expectCode(() => parseApplicationNumber(office, text, options), code);
    if (code.startsWith("NUMBER") || code === "CHECK_DIGIT_MISMATCH") expect(e.details).toMatchObject({ office, number: text });
  });
});

describe("canonical ids", () => {
  test("canonicalId joins office and number with ':' and splits back", () => {
    expect(canonicalId("EP", "23123456.8")).toBe("EP:23123456.8");
    expect(splitCanonicalId("WO:US2023012345")).toEqual({ office: "WO", applicationNumberText: "US2023012345" });
    expectCode(() => splitCanonicalId("EP-23123456.8"), "NUMBER_FORMAT");
  });
});

// Arbitrary well-formed numbers in each office's display or canonical forms, for the properties below.
const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));
const year = fc.integer({ min: 2008, max: 2099 }).map(String);
const arbNumber: fc.Arbitrary<readonly [string, string, ParseApplicationNumberOptions]> = fc.oneof(
  fc.tuple(fc.constantFrom("01", "17", "18", "29", "35", "60", "63"), digits(6)).map(([s, n]) => ["US", `${s}/${n.slice(0, 3)},${n.slice(3)}`, {}] as const),
  fc.tuple(digits(8), fc.boolean()).map(([d, sp]) => ["EP", sp ? `${d.slice(0, 2)} ${d.slice(2, 5)} ${d.slice(5)}` : d, {}] as const),
  fc.tuple(year, digits(6), fc.constantFrom("特願", "実願", "意願", "商願", "")).map(([y, n, k]) => ["JP", `${k}${y}-${n}`, {}] as const),
  fc.tuple(fc.integer({ min: 1, max: 11 }), digits(6)).map(([y, n]) => ["JP", `特願平${y}-${n}`, {}] as const),
  fc.tuple(year, fc.constantFrom("1", "2", "3", "8", "9"), digits(7)).map(([y, t, n]) => ["CN", `${y}${t}${n}`, {}] as const),
  fc.tuple(fc.constantFrom("10", "20", "30", "40"), year, digits(7)).map(([t, y, n]) => ["KR", `${t}-${y}-${n}`, {}] as const),
  fc.tuple(fc.constantFrom("10", "11", "20", "21", "30", "40", "50", "60"), year, digits(6)).map(([t, y, n]) => ["DE", `${t} ${y} ${n}`, {}] as const),
  fc.tuple(digits(7), fc.option(digits(1), { nil: undefined })).map(([d, c]) => ["GB", `GB${d}${c === undefined ? "" : `.${c}`}`, {}] as const),
  fc.tuple(fc.constantFrom(7, 8, 9), digits(9)).map(([len, d]) => ["FR", d.slice(0, len), {}] as const),
  fc.oneof(digits(7), digits(6)).map((d) => ["CA", d, {}] as const),
  fc.tuple(year, fc.oneof(digits(6), digits(5))).map(([y, d]) => ["AU", `${y}${d}`, {}] as const),
  fc.tuple(fc.integer({ min: 2015, max: 2099 }), fc.constantFrom("11", "17", "21", "31", "41", "47"), digits(6)).map(([y, j, n]) => ["IN", `${y}${j}${n}`, {}] as const),
  fc.tuple(fc.constantFrom("10", "11", "20", "30"), fc.integer({ min: 2012, max: 2099 }), digits(6), digits(1)).map(([t, y, n, c]) => ["BR", `BR ${t} ${y} ${n} ${c}`, {}] as const),
  fc.tuple(fc.constantFrom("US", "EP", "JP", "IB", "CN"), year, digits(6)).map(([ro, y, n]) => ["WO", `PCT/${ro}${y}/${n}`, {}] as const),
  digits(6).map((n) => ["WO", `DM/${n}`, { filingDate: "2023-07-01" }] as const),
  fc.integer({ min: 1, max: 9_999_999 }).map((n) => ["WO", String(n), {}] as const),
  fc.oneof(digits(9), digits(13)).map((d) => ["EM", d, { filingDate: "2023-03-01" }] as const),
);

describe("properties", () => {
  test("canonical numbers stay inside the register's charset [0-9A-Z.] and 32 bytes", () => {
    fc.assert(
      fc.property(arbNumber, ([office, text, options]) => {
        const parsed = parseApplicationNumber(office, text, options);
        expect(parsed.applicationNumberText).toMatch(CANONICAL_NUMBER_PATTERN);
        if (parsed.st13Number !== undefined) expect(parsed.st13Number).toMatch(parsed.receivingOfficeCode === undefined ? /^\d{15}$/ : /^[A-Z]{2}\d{15}$/);
      }),
    );
  });

  test("parse is idempotent: parsing a canonical number gives it back unchanged", () => {
    fc.assert(
      fc.property(arbNumber, ([office, text, options]) => {
        const once = parseApplicationNumber(office, text, options);
        const twice = parseApplicationNumber(office, once.applicationNumberText, { ...options, ipType: once.ipType });
        // Only the facts about the input itself (was the check character typed? did the type come from an option? a
        // check character that cannot be derived is kept only as typed) may differ; every part of the number must not.
        const typedOnly = once.checkCharacterValidated ? {} : { checkCharacter: once.checkCharacter };
        expect({ ...twice, ipTypeSource: once.ipTypeSource, checkCharacterDerived: once.checkCharacterDerived, ...typedOnly }).toEqual(once);
      }),
    );
  });

  test("parse ∘ format is the identity on canonical numbers", () => {
    fc.assert(
      fc.property(arbNumber, ([office, text, options]) => {
        const parsed = parseApplicationNumber(office, text, options);
        const again = parseApplicationNumber(office, formatApplicationNumber(parsed), { ...options, ipType: parsed.ipType });
        expect(again.applicationNumberText).toBe(parsed.applicationNumberText);
        expect(again.st13Number).toBe(parsed.st13Number);
      }),
    );
  });

  test("full-width input parses like ASCII input", () => {
    const fullWidth = (s: string) => s.replace(/[0-9A-Za-z\-/.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(arbNumber, ([office, text, options]) => {
        expect(parseApplicationNumber(office, fullWidth(text), options)).toEqual(parseApplicationNumber(office, text, options));
      }),
    );
  });
});
