import { checkYear, compact, expandYear, resolveIpType, splitCheck, type NumberRule } from "../number-rule.js";

/**
 * UK IPO patents: `GB YY NNNNN.C`, 2-digit year, 5-digit serial and a check digit whose algorithm is not published
 * (domain.md 2.4.4), so it is never derived or validated, and it is not part of the canonical number: `2301234.5`
 * and `2301234` are one application, `2301234` (README "Ids"); a typed check digit is kept as `checkCharacter`.
 * Designs and trade marks (UK00003123456) are not supported yet. Two-digit years from 70 are 19YY.
 */
export const gbRule: NumberRule = {
  office: "GB",
  parse(text, ctx) {
    const { body, check } = splitCheck(ctx, compact(text), [7], /^\d$/);
    const year = checkYear(ctx, expandYear(Number(body.slice(0, 2)), 70), 1970, "GB YYNNNNN");
    return {
      applicationNumberText: body,
      ...resolveIpType(ctx, undefined, "patent", ["patent"]),
      applicationKind: "national",
      year,
      serial: body.slice(2),
      st13TypeCode: "10",
      ...(check === undefined ? {} : { checkCharacter: check }),
      checkCharacterDerived: false,
      checkCharacterValidated: false,
    };
  },
  format: (p) => `GB${p.applicationNumberText}${p.checkCharacter === undefined ? "" : `.${p.checkCharacter}`}`,
};
