import { DiprError } from "../../errors.js";
import type { IpType } from "../ip-types.js";
import { checkYear, compact, formatError, lengthError, resolveIpType, type NumberRule } from "../number-rule.js";

/**
 * KIPO: `TT-YYYY-NNNNNNN` since 1998, already ST.13-shaped. Right-type codes 10 patent, 20 utility model,
 * 30 design, 40 trade mark (EPO "Numbering system - Korea"). Hyphens are presentation only.
 */
const TYPE_CODES: Readonly<Record<string, IpType>> = {
  "10": "patent",
  "20": "utilityModel",
  "30": "industrialDesign",
  "40": "trademark",
};

export const krRule: NumberRule = {
  office: "KR",
  parse(text, ctx) {
    const digits = compact(text);
    if (!/^\d+$/.test(digits)) throw formatError(ctx, "expected TT-YYYY-NNNNNNN");
    if (digits.length !== 13) {
      throw lengthError(ctx, `expected 13 digits (TT-YYYY-NNNNNNN), got ${digits.length}`, { expectedLength: 13, actualLength: digits.length });
    }
    const tt = digits.slice(0, 2);
    const fromNumber = TYPE_CODES[tt];
    if (fromNumber === undefined) {
      throw new DiprError("UNKNOWN_TYPE_CODE", `KR application number '${ctx.input}' has right-type code ${tt}; KR uses 10, 20, 30 and 40.`, {
        office: ctx.office,
        number: ctx.input,
        typeCode: tt,
      });
    }
    const year = checkYear(ctx, Number(digits.slice(2, 6)), 1998, "KR TT-YYYY-NNNNNNN");
    return {
      applicationNumberText: digits,
      ...resolveIpType(ctx, fromNumber, fromNumber, ["patent", "utilityModel", "industrialDesign", "trademark"]),
      applicationKind: "national",
      year,
      serial: digits.slice(6),
      typeCode: tt,
      st13TypeCode: tt,
      checkCharacterDerived: false,
      checkCharacterValidated: false,
    };
  },
  format(p) {
    const t = p.applicationNumberText;
    return `${t.slice(0, 2)}-${t.slice(2, 6)}-${t.slice(6)}`;
  },
};
