import { DiprError } from "../../errors.js";
import { cnCheckCharacter } from "../check-digits.js";
import type { IpType } from "../ip-types.js";
import { checkDigitMismatch, checkYear, compact, expandYear, resolveIpType, splitCheck, type NumberRule } from "../number-rule.js";

/**
 * CNIPA: since October 2003 `YYYY T NNNNNNN.C` (12 digits + check), before that `YY T NNNNN.C` (8 + check).
 * Type digit T: 1 invention, 2 utility model, 3 design, 8 PCT invention entering China, 9 PCT utility model
 * entering China. Check character: weighted sum mod 11, 10 written X (domain.md 2.4.2). "ZL" (专利) is the prefix
 * of granted patent numbers, which reuse the application number.
 * Trade mark numbers are a separate register and are not supported.
 */
const TYPE_DIGITS: Readonly<Record<string, { ipType: IpType; tt: string; pct: boolean }>> = {
  "1": { ipType: "patent", tt: "10", pct: false },
  "2": { ipType: "utilityModel", tt: "20", pct: false },
  "3": { ipType: "industrialDesign", tt: "30", pct: false },
  "8": { ipType: "patent", tt: "10", pct: true },
  "9": { ipType: "utilityModel", tt: "20", pct: true },
};

export const cnRule: NumberRule = {
  office: "CN",
  parse(text, ctx) {
    const stripped = compact(text).replace(/^ZL/i, "");
    const { body, check } = splitCheck(ctx, stripped, [12, 8], /^[0-9X]$/);
    const long = body.length === 12;
    const typeDigit = long ? body.charAt(4) : body.charAt(2);
    const type = TYPE_DIGITS[typeDigit];
    if (type === undefined) {
      throw new DiprError("UNKNOWN_TYPE_DIGIT", `CN application number '${ctx.input}' has type digit ${typeDigit}; CN uses 1, 2, 3, 8 and 9.`, {
        office: ctx.office,
        number: ctx.input,
        typeDigit,
        allowed: Object.keys(TYPE_DIGITS),
      });
    }
    // Chinese patent law took effect in 1985, and the 8-digit form ended in 2003.
    const year = long
      ? checkYear(ctx, Number(body.slice(0, 4)), 2003, "CN YYYYTNNNNNNN")
      : checkYear(ctx, expandYear(Number(body.slice(0, 2)), 85), 1985, "CN YYTNNNNN");
    if (!long && year > 2003) {
      throw new DiprError("IMPOSSIBLE_YEAR", `CN application number '${ctx.input}' uses the 8-digit form, which ended in 2003, with year ${year}.`, {
        office: ctx.office,
        number: ctx.input,
        year,
        maxYear: 2003,
      });
    }
    const expected = cnCheckCharacter(body);
    if (check !== undefined && check !== expected) throw checkDigitMismatch(ctx, body, expected, check);
    return {
      applicationNumberText: `${body}.${expected}`,
      ...resolveIpType(ctx, type.ipType, type.ipType, ["patent", "utilityModel", "industrialDesign"]),
      applicationKind: "national",
      year,
      serial: long ? body.slice(5) : body.slice(3),
      typeCode: typeDigit,
      st13TypeCode: type.tt,
      checkCharacter: expected,
      checkCharacterDerived: check === undefined,
      checkCharacterValidated: true,
    };
  },
  format: (p) => p.applicationNumberText,
};
