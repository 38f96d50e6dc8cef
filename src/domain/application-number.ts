import { DiprError } from "../errors.js";
import { parseIsoDate } from "./dates.js";
import { assertIpType, type ApplicationKind, type IpType } from "./ip-types.js";
import { NUMBER_RULES } from "./numbers/index.js";
import type { NumberRule, RuleContext, RuleResult } from "./number-rule.js";
import { isOfficeCode, parseOfficeCode, type OfficeCode } from "./office-codes.js";

export type ParseApplicationNumberOptions = Readonly<{
  /** The IP type, where the number itself does not say (JP without kanji prefix, US trade marks, FR utility certificates). */
  ipType?: IpType;
  /** ISO filing date: gives ST.13's year for offices whose numbers have none (US, EM, CA, Hague, Madrid). */
  filingDate?: string;
}>;

export type ParsedApplicationNumber = Readonly<
  Omit<RuleResult, "st13Serial" | "st13TypeCode"> & {
    office: OfficeCode;
    /** `${office}:${applicationNumberText}`, the register's key. */
    canonicalId: string;
    /**
     * TT + YYYY + 9-digit serial (domain.md 2.2); absent when the year is unknown (no filing date given). A PCT
     * number starts with its receiving office (`US102023000012345`): without it, PCT/US2023/012345 and
     * PCT/EP2023/012345 shared one ST.13 number.
     */
    st13Number?: string;
    st13TypeCode: string;
  }
>;

/** The register's on-chain charset and length for applicationNumberText. */
export const CANONICAL_NUMBER_PATTERN = /^[0-9A-Z.]{1,32}$/;

export const canonicalId = (office: string, numberText: string): string => `${office}:${numberText}`;

/** Splits a canonical id back into office and number. @throws DiprError NUMBER_FORMAT, OFFICE_CODE_* */
export function splitCanonicalId(id: string): { office: OfficeCode; applicationNumberText: string } {
  const i = id.indexOf(":");
  const number = id.slice(i + 1);
  if (i !== 2 || !CANONICAL_NUMBER_PATTERN.test(number)) {
    throw new DiprError("NUMBER_FORMAT", `'${id}' is not a canonical id of the form OFFICE:NUMBER.`, { id });
  }
  return { office: parseOfficeCode(id.slice(0, 2)), applicationNumberText: number };
}

function ruleFor(office: OfficeCode): NumberRule {
  const rule = NUMBER_RULES.get(office);
  if (rule === undefined) {
    throw new DiprError(
      "OFFICE_NUMBERING_UNSUPPORTED",
      `dipr has no application-number rules for office ${office} yet (supported: ${[...NUMBER_RULES.keys()].join(", ")}).`,
      { office, supported: [...NUMBER_RULES.keys()] },
    );
  }
  return rule;
}

/**
 * Removes a leading office code equal to `office` ("EP 23 123 456.8"). A leading code of another ST.3 office is an
 * error rather than something to strip or ignore (domain.md 2.5: "JP 23 123 456.8" at EP).
 */
function stripOfficePrefix(text: string, office: OfficeCode, rule: NumberRule, input: string): string {
  // WO numbers start with a receiving office's code by design (PCT/US..., canonical US2023012345).
  if (rule.stripOfficePrefix === false) return text;
  const m = /^([A-Za-z]{2})(?=[\s:/.\-\d]|$)[\s:]*/.exec(text);
  if (m === null) return text;
  const letters = (m[1] ?? "").toUpperCase();
  if (rule.ownPrefixes?.includes(letters)) return text;
  if (letters === office) return text.slice(m[0].length);
  if (isOfficeCode(letters)) {
    throw new DiprError(
      "OFFICE_PREFIX_MISMATCH",
      `Application number '${input}' starts with office code ${letters}, but was given for office ${office}.`,
      { office, number: input, expected: office, actual: letters },
    );
  }
  return text;
}

/**
 * Parses an application number as people type and copy it (spaces, slashes, dots, commas, the office prefix,
 * full-width digits, Japanese kanji and era prefixes) into dipr's canonical form and its parts (ST.13, domain.md 2).
 * The office is always explicit: parsing never guesses it.
 *
 * @throws DiprError OFFICE_CODE_* for a bad office code, OFFICE_NUMBERING_UNSUPPORTED for an office without rules,
 *   NUMBER_LENGTH, NUMBER_FORMAT, OFFICE_PREFIX_MISMATCH, CHECK_CHAR_CASE, CHECK_DIGIT_MISMATCH, UNKNOWN_TYPE_DIGIT,
 *   UNKNOWN_TYPE_CODE, IMPOSSIBLE_YEAR, IP_TYPE_MISMATCH, IP_TYPE_UNSUPPORTED, DATE_FORMAT, INVALID_DATE
 * @example parseApplicationNumber("EP", "EP 23 123 456.8").applicationNumberText // "23123456.8"
 */
export function parseApplicationNumber(
  office: string,
  text: string,
  options: ParseApplicationNumberOptions = {},
): ParsedApplicationNumber {
  const code = parseOfficeCode(office);
  const rule = ruleFor(code);
  if (typeof text !== "string") throw new TypeError("application number text must be a string");
  const ipType = options.ipType === undefined ? undefined : assertIpType(options.ipType);
  const filingYear = options.filingDate === undefined ? undefined : parseIsoDate(options.filingDate).year;
  // NFKC folds full-width digits, letters and punctuation (２０２３－１２３４５６) to ASCII.
  const normalised = text.normalize("NFKC").trim();
  if (normalised === "") {
    throw new DiprError("NUMBER_LENGTH", `${code} application number is empty.`, { office: code, number: text });
  }
  const ctx: RuleContext = {
    office: code,
    input: text,
    ...(ipType === undefined ? {} : { ipType }),
    ...(filingYear === undefined ? {} : { filingYear }),
  };
  const result = rule.parse(stripOfficePrefix(normalised, code, rule, text), ctx);
  if (!CANONICAL_NUMBER_PATTERN.test(result.applicationNumberText)) {
    // A rule bug, not bad input: every rule must produce the register's charset.
    throw new TypeError(`rule ${code} produced non-canonical '${result.applicationNumberText}'`);
  }
  const year = result.year ?? filingYear;
  const st13Serial = result.st13Serial ?? result.serial;
  const { st13Serial: _omit, ...rest } = result;
  return {
    office: code,
    ...rest,
    canonicalId: canonicalId(code, result.applicationNumberText),
    ...(year === undefined ? {} : { st13Number: `${result.receivingOfficeCode ?? ""}${result.st13TypeCode}${year}${st13Serial.padStart(9, "0")}` }),
  };
}

/**
 * The office's own display form of a number, e.g. "23 123 456.8" (EP), "17/123,456" (US), "特願2023-123456" (JP),
 * "PCT/US2023/012345" (WO). Parsing the display form gives the same canonical number back.
 * @throws the errors of {@link parseApplicationNumber} when given office and text.
 */
export function formatApplicationNumber(parsed: ParsedApplicationNumber): string;
export function formatApplicationNumber(office: string, text: string, options?: ParseApplicationNumberOptions): string;
export function formatApplicationNumber(
  parsedOrOffice: ParsedApplicationNumber | string,
  text?: string,
  options?: ParseApplicationNumberOptions,
): string {
  const parsed =
    typeof parsedOrOffice === "string" ? parseApplicationNumber(parsedOrOffice, text ?? "", options) : parsedOrOffice;
  return ruleFor(parsed.office).format(parsed);
}

/** The application kinds and IP types parsed numbers can carry, re-exported for callers' switch statements. */
export type { ApplicationKind, IpType };
