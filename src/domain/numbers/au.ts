import { IP_TYPES } from "../ip-types.js";
import { checkYear, compact, formatError, lengthError, resolveIpType, type NumberRule, type RuleResult } from "../number-rule.js";

/**
 * IP Australia (formats as registered with WIPO DAS): patents `YYYYNNNNNN` (10 digits; standard and innovation
 * patents share the series, innovation patents need ipType=utilityModel), designs `YYYYNNNNN` (9 digits), trade
 * marks `NNNNNNN` (7 digits, no year).
 */
export const auRule: NumberRule = {
  office: "AU",
  parse(text, ctx): RuleResult {
    const digits = compact(text);
    if (!/^\d+$/.test(digits)) throw formatError(ctx, "expected digits only");
    const base = { applicationNumberText: digits, applicationKind: "national", checkCharacterDerived: false, checkCharacterValidated: false } as const;
    if (digits.length === 10) {
      const resolved = resolveIpType(ctx, undefined, "patent", ["patent", "utilityModel"], IP_TYPES);
      return {
        ...base,
        ...resolved,
        year: checkYear(ctx, Number(digits.slice(0, 4)), 1990, "AU YYYYNNNNNN"),
        serial: digits.slice(4),
        st13TypeCode: resolved.ipType === "patent" ? "10" : "20",
      };
    }
    if (digits.length === 9) {
      return {
        ...base,
        ...resolveIpType(ctx, "industrialDesign", "industrialDesign", ["industrialDesign"], IP_TYPES),
        year: checkYear(ctx, Number(digits.slice(0, 4)), 1990, "AU YYYYNNNNN"),
        serial: digits.slice(4),
        st13TypeCode: "30",
      };
    }
    if (digits.length === 7) {
      return { ...base, ...resolveIpType(ctx, "trademark", "trademark", ["trademark"], IP_TYPES), serial: digits, st13TypeCode: "40" };
    }
    throw lengthError(ctx, `expected 10 (patent), 9 (design) or 7 (trade mark) digits, got ${digits.length}`, {
      expectedLength: [10, 9, 7],
      actualLength: digits.length,
    });
  },
  format: (p) => p.applicationNumberText,
};
