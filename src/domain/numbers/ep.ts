import { epCheckDigit } from "../check-digits.js";
import { checkDigitMismatch, checkYear, compact, expandYear, resolveIpType, splitCheck, type NumberRule } from "../number-rule.js";

/**
 * EPO: `YY NNN NNN.C`, 2-digit filing year, 6-digit serial, Luhn check digit (domain.md 2.4.1). The first serial
 * digits encode the place of filing / Euro-PCT ranges (EPO Guidelines A-II 1.8.1); dipr does not interpret them.
 * The EPO opened in 1978, so YY >= 78 is 19YY.
 */
export const epRule: NumberRule = {
  office: "EP",
  parse(text, ctx) {
    const { body, check } = splitCheck(ctx, compact(text), [8], /^\d$/);
    const year = checkYear(ctx, expandYear(Number(body.slice(0, 2)), 78), 1978, "EP YYNNNNNN");
    const expected = epCheckDigit(body);
    if (check !== undefined && check !== expected) throw checkDigitMismatch(ctx, body, expected, check);
    return {
      applicationNumberText: `${body}.${expected}`,
      ...resolveIpType(ctx, undefined, "patent", ["patent"]),
      applicationKind: "regional",
      year,
      serial: body.slice(2),
      st13TypeCode: "10",
      checkCharacter: expected,
      checkCharacterDerived: check === undefined,
      checkCharacterValidated: true,
    };
  },
  format(p) {
    const t = p.applicationNumberText;
    return `${t.slice(0, 2)} ${t.slice(2, 5)} ${t.slice(5)}`;
  },
};
