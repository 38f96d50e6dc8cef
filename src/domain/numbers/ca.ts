import { compact, formatError, lengthError, resolveIpType, type NumberRule } from "../number-rule.js";

/**
 * CIPO (formats as registered with WIPO DAS): patents `NNNNNNN` (7 digits, e.g. CA 3,123,456), industrial designs
 * `NNNNNN` (6 digits). Trade mark application numbers are also 7 digits and are read as such only with
 * ipType=trademark. No year in the number: ST.13's year comes from the filing date.
 */
export const caRule: NumberRule = {
  office: "CA",
  parse(text, ctx) {
    const digits = compact(text);
    if (!/^\d+$/.test(digits)) throw formatError(ctx, "expected digits only");
    if (digits.length !== 7 && digits.length !== 6) {
      throw lengthError(ctx, `expected 7 digits (patent, trade mark) or 6 (design), got ${digits.length}`, {
        expectedLength: [7, 6],
        actualLength: digits.length,
      });
    }
    const resolved =
      digits.length === 6
        ? resolveIpType(ctx, "industrialDesign", "industrialDesign", ["industrialDesign"], ["patent", "industrialDesign", "trademark"])
        : resolveIpType(ctx, undefined, "patent", ["patent", "trademark"], ["patent", "industrialDesign", "trademark"]);
    return {
      applicationNumberText: digits,
      ...resolved,
      applicationKind: "national",
      serial: digits,
      st13TypeCode: resolved.ipType === "patent" ? "10" : resolved.ipType === "trademark" ? "40" : "30",
      checkCharacterDerived: false,
      checkCharacterValidated: false,
    };
  },
  format(p) {
    const t = p.applicationNumberText;
    return t.length === 7 ? `${t.slice(0, 1)},${t.slice(1, 4)},${t.slice(4)}` : `${t.slice(0, 3)},${t.slice(3)}`;
  },
};
