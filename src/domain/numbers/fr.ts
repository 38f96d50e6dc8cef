import { IP_TYPES } from "../ip-types.js";
import type { IpType } from "../ip-types.js";
import { checkYear, compact, expandYear, formatError, lengthError, resolveIpType, type NumberRule } from "../number-rule.js";

/**
 * INPI France, formats as registered with WIPO DAS: patents and utility certificates `YYNNNNN` (7 digits, e.g.
 * FR 23 01234), designs 8 digits (optional `-NNN` design suffix not supported), trade marks `YYNNNNNNN` (9 digits).
 * No check character. DAS gives the design mask as `YYYYNNNN` but its own example `19097314` only makes sense as
 * `YY` + 6 digits (2019, like its patent and trade mark examples), so dipr reads a 2-digit year (unverified). The length tells the IP type; patents and utility certificates share
 * one series, so utilityModel needs the caller's ipType.
 */
const BY_LENGTH: Readonly<Record<number, IpType>> = { 7: "patent", 8: "industrialDesign", 9: "trademark" };

export const frRule: NumberRule = {
  office: "FR",
  parse(text, ctx) {
    const digits = compact(text);
    if (!/^\d+$/.test(digits)) throw formatError(ctx, "expected digits only");
    const byLength = BY_LENGTH[digits.length];
    if (byLength === undefined) {
      throw lengthError(ctx, `expected 7 (patent), 8 (design) or 9 (trade mark) digits, got ${digits.length}`, {
        expectedLength: [7, 8, 9],
        actualLength: digits.length,
      });
    }
    const resolved =
      byLength === "patent"
        ? resolveIpType(ctx, undefined, "patent", ["patent", "utilityModel"], IP_TYPES)
        : resolveIpType(ctx, byLength, byLength, [byLength], IP_TYPES);
    const year = checkYear(ctx, expandYear(Number(digits.slice(0, 2)), 70), 1970, "FR YY...");
    return {
      applicationNumberText: digits,
      ...resolved,
      applicationKind: "national",
      year,
      serial: digits.slice(2),
      st13TypeCode: { patent: "10", utilityModel: "20", industrialDesign: "30", trademark: "40" }[resolved.ipType],
      checkCharacterDerived: false,
      checkCharacterValidated: false,
    };
  },
  format(p) {
    const t = p.applicationNumberText;
    return t.length === 8 ? t : `${t.slice(0, 2)} ${t.slice(2)}`;
  },
};
