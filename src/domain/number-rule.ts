import { DiprError } from "../errors.js";
import type { ApplicationKind, IpType } from "./ip-types.js";
import type { OfficeCode } from "./office-codes.js";

/** What one office's rule extracts from an application number (domain.md 2.2, 2.3). */
export type RuleResult = Readonly<{
  /** Normalised number: only [0-9A-Z.], check character after a single ".". */
  applicationNumberText: string;
  ipType: IpType;
  /** Where `ipType` came from: the number itself, the caller's option, or the office's default for the format. */
  ipTypeSource: "number" | "option" | "default";
  applicationKind: ApplicationKind;
  /** Year written in the number, when the number has one. */
  year?: number;
  /** Serial part as written (digits), before ST.13 padding. */
  serial: string;
  /** The office's own IP type code or digit, when the number carries one (DE "11", KR "40", CN "8"). */
  typeCode?: string;
  /** Two-digit ST.13 IP type code for `st13Number`. */
  st13TypeCode: string;
  /** Digits that go into the 9-digit ST.13 serial field; `serial` unless the office needs more. */
  st13Serial?: string;
  checkCharacter?: string;
  checkCharacterDerived: boolean;
  checkCharacterValidated: boolean;
  receivingOfficeCode?: OfficeCode;
}>;

export type RuleContext = Readonly<{
  office: OfficeCode;
  /** The text as the caller gave it, for error messages. */
  input: string;
  ipType?: IpType;
  filingYear?: number;
}>;

export type NumberRule = Readonly<{
  office: string;
  /**
   * Two-letter prefixes that belong to this office's own formats (e.g. BR "MU", WO "DM") and so must not be
   * mistaken for another office's ST.3 code.
   */
  ownPrefixes?: readonly string[];
  /**
   * false where two letters at the start are part of the number (WO: the PCT receiving office, and "WO 2023/..." is
   * a publication number); the rule then handles prefixes itself.
   */
  stripOfficePrefix?: boolean;
  /** @param text input after NFKC, trimming and removal of a leading office code */
  parse(text: string, ctx: RuleContext): RuleResult;
  /** The office's display form of a parsed number. */
  format(parsed: RuleResult): string;
}>;

/** Removes presentation separators (domain.md 2.2: spaces, "/", ",", "-"); keeps "." for the check character. */
export const compact = (text: string): string => text.replace(/[\s/,\-‐‑–—_]+/g, "");

export function lengthError(ctx: RuleContext, why: string, details: Record<string, unknown> = {}): DiprError {
  return new DiprError("NUMBER_LENGTH", `${ctx.office} application number '${ctx.input}': ${why}.`, {
    office: ctx.office,
    number: ctx.input,
    ...details,
  });
}

export function formatError(ctx: RuleContext, why: string, details: Record<string, unknown> = {}): DiprError {
  return new DiprError("NUMBER_FORMAT", `${ctx.office} application number '${ctx.input}': ${why}.`, {
    office: ctx.office,
    number: ctx.input,
    ...details,
  });
}

/**
 * Upper bound for any year written in a number. The domain has no clock, so "in the future" cannot be decided
 * here; the filing-date check below catches numbers dated before their own filing.
 */
export const MAX_NUMBER_YEAR = 2099;

/**
 * A number's year must lie in the office's numbering era, and cannot be before the filing year: numbers are
 * assigned on or after filing. It may be later (PCT national-phase entries get the year of entry).
 * @throws DiprError IMPOSSIBLE_YEAR
 */
export function checkYear(ctx: RuleContext, year: number, minYear: number, format: string): number {
  if (year < minYear || year > MAX_NUMBER_YEAR) {
    throw new DiprError(
      "IMPOSSIBLE_YEAR",
      `${ctx.office} application number '${ctx.input}' has year ${year}, outside ${minYear}..${MAX_NUMBER_YEAR} for the ${format} format.`,
      { office: ctx.office, number: ctx.input, year, minYear, maxYear: MAX_NUMBER_YEAR },
    );
  }
  if (ctx.filingYear !== undefined && year < ctx.filingYear) {
    throw new DiprError(
      "IMPOSSIBLE_YEAR",
      `${ctx.office} application number '${ctx.input}' has year ${year}, before its filing year ${ctx.filingYear}.`,
      { office: ctx.office, number: ctx.input, year, filingYear: ctx.filingYear },
    );
  }
  return year;
}

/** Two-digit years: `pivot` and later are 19xx, earlier ones 20xx. */
export const expandYear = (yy: number, pivot: number): number => (yy >= pivot ? 1900 + yy : 2000 + yy);

/**
 * Reconciles the IP type the number implies with the caller's option.
 * @throws DiprError IP_TYPE_MISMATCH when they differ, IP_TYPE_UNSUPPORTED when the office has no such type here.
 */
export function resolveIpType(
  ctx: RuleContext,
  fromNumber: IpType | undefined,
  fallback: IpType,
  supported: readonly IpType[],
  officeSupports: readonly IpType[] = supported,
): Pick<RuleResult, "ipType" | "ipTypeSource"> {
  // An IP type the office does not register at all is unsupported; one it registers in another format is a mismatch.
  if (ctx.ipType !== undefined && !officeSupports.includes(ctx.ipType)) throw unsupportedIpType(ctx, ctx.ipType, officeSupports);
  if (fromNumber !== undefined && ctx.ipType !== undefined && fromNumber !== ctx.ipType) {
    throw new DiprError(
      "IP_TYPE_MISMATCH",
      `${ctx.office} application number '${ctx.input}' is a ${fromNumber} number, not ${ctx.ipType}.`,
      { office: ctx.office, number: ctx.input, expected: ctx.ipType, actual: fromNumber },
    );
  }
  const ipType = fromNumber ?? ctx.ipType ?? fallback;
  if (!supported.includes(ipType)) throw unsupportedIpType(ctx, ipType, supported);
  return { ipType, ipTypeSource: fromNumber !== undefined ? "number" : ctx.ipType !== undefined ? "option" : "default" };
}

export function unsupportedIpType(ctx: RuleContext, ipType: IpType | string, supported: readonly string[]): DiprError {
  return new DiprError(
    "IP_TYPE_UNSUPPORTED",
    `${ctx.office} application numbers of type ${ipType} are not supported (supported: ${supported.join(", ") || "none"}).`,
    { office: ctx.office, number: ctx.input, ipType, supported },
  );
}

/** @throws DiprError CHECK_DIGIT_MISMATCH naming the expected digit (domain.md 7). */
export function checkDigitMismatch(ctx: RuleContext, digits: string, expected: string, actual: string): DiprError {
  return new DiprError(
    "CHECK_DIGIT_MISMATCH",
    `${ctx.office} ${digits} has check digit ${expected}, not ${actual}.`,
    { office: ctx.office, number: ctx.input, digits, expected, actual },
  );
}

/**
 * Splits `digits[.check]`. Without a ".", a number one digit longer than `bodyLength` is read as body + check
 * (DAS accepts "EP 160003127" for "16000312.7"). Lower-case check letters are refused, not folded.
 * @throws DiprError NUMBER_FORMAT, NUMBER_LENGTH, CHECK_CHAR_CASE
 */
export function splitCheck(
  ctx: RuleContext,
  text: string,
  bodyLengths: readonly number[],
  checkPattern: RegExp,
): { body: string; check?: string } {
  const parts = text.split(".");
  if (parts.length > 2) throw formatError(ctx, "more than one '.' before the check character");
  const [bodyPart = "", checkPart] = parts;
  let body = bodyPart;
  let check = checkPart;
  if (check === undefined && /^\d+$/.test(body) && bodyLengths.includes(body.length - 1) && !bodyLengths.includes(body.length)) {
    check = body.slice(-1);
    body = body.slice(0, -1);
  }
  if (!/^\d+$/.test(body)) throw formatError(ctx, "expected digits before the check character");
  if (!bodyLengths.includes(body.length)) {
    throw lengthError(ctx, `expected ${bodyLengths.join(" or ")} digits before the check character, got ${body.length}`, {
      expectedLength: bodyLengths,
      actualLength: body.length,
    });
  }
  if (check !== undefined) {
    if (check.length !== 1) throw formatError(ctx, "the check character is a single character");
    if (/^[a-z]$/.test(check) && checkPattern.test(check.toUpperCase())) {
      throw new DiprError("CHECK_CHAR_CASE", `${ctx.office} application number '${ctx.input}': check character '${check}' must be upper case ('${check.toUpperCase()}').`, {
        office: ctx.office,
        number: ctx.input,
        actual: check,
        suggestion: check.toUpperCase(),
      });
    }
    if (!checkPattern.test(check)) throw formatError(ctx, `'${check}' is not a valid check character`);
  }
  return check === undefined ? { body } : { body, check };
}

/** The ST.13 IP-type codes dipr writes where an office's own number carries none (domain.md 2.3 and 3). */
export const ST13_TYPE_CODES: Readonly<Record<IpType, string>> = { patent: "10", utilityModel: "20", industrialDesign: "30", trademark: "40" };

const TYPE_BY_ST13_CODE: ReadonlyMap<string, IpType> = new Map(Object.entries(ST13_TYPE_CODES).map(([t, c]) => [c, t as IpType]));

/**
 * The canonical number where an office numbers its IP types in separate series that reuse the same digits (JP's
 * 特願/実願/意願/商願, CA's patents and trade marks, EM's trade marks and design files): the series' `bareType`
 * keeps the number as the office writes it, every other type starts with its ST.13 code, so a patent and a trade
 * mark of the same serial get two ids (README "Ids").
 * @example typedNumber("2023123456", "trademark", "patent") // "402023123456"
 */
export const typedNumber = (national: string, ipType: IpType, bareType: IpType): string =>
  ipType === bareType ? national : `${ST13_TYPE_CODES[ipType]}${national}`;

/**
 * Reads {@link typedNumber}'s form back: `digits` of `nationalLength` + 2 digits whose first two are an ST.13 type
 * code give that type and the national number (a bare patent may be typed `10…` too). Undefined for any other text.
 */
export function readTypedNumber(digits: string, nationalLength: number): { ipType: IpType; national: string } | undefined {
  if (digits.length !== nationalLength + 2 || !/^\d+$/.test(digits)) return undefined;
  const ipType = TYPE_BY_ST13_CODE.get(digits.slice(0, 2));
  return ipType === undefined ? undefined : { ipType, national: digits.slice(2) };
}
