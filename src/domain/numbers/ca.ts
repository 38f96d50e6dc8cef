import { compact, formatError, lengthError, readTypedNumber, resolveIpType, typedNumber, type NumberRule } from "../number-rule.js";

/**
 * CIPO (formats as registered with WIPO DAS): patents `NNNNNNN` (7 digits, e.g. CA 3,123,456), industrial designs
 * `NNNNNN` (6 digits). Trade mark application numbers are also 7 digits and are read as such only with
 * ipType=trademark. No year in the number: ST.13's year comes from the filing date. Patents and trade marks are
 * separate series, so a trade mark's canonical number starts with its ST.13 code `40` (`401234567`, read back like
 * `10` + a patent's 7 digits); a patent's stays bare (README "Ids").
 */
export const caRule: NumberRule = {
  office: "CA",
  parse(text, ctx) {
    const flat = compact(text);
    if (!/^\d+$/.test(flat)) throw formatError(ctx, "expected digits only");
    const typed = readTypedNumber(flat, 7);
    const fromNumber = typed?.ipType === "patent" || typed?.ipType === "trademark" ? typed.ipType : undefined;
    const digits = fromNumber === undefined ? flat : typed!.national;
    if (digits.length !== 7 && digits.length !== 6) {
      throw lengthError(ctx, `expected 7 digits (patent, trade mark) or 6 (design), got ${digits.length}`, {
        expectedLength: [7, 6],
        actualLength: digits.length,
      });
    }
    const resolved =
      digits.length === 6
        ? resolveIpType(ctx, "industrialDesign", "industrialDesign", ["industrialDesign"], ["patent", "industrialDesign", "trademark"])
        : resolveIpType(ctx, fromNumber, "patent", ["patent", "trademark"], ["patent", "industrialDesign", "trademark"]);
    return {
      applicationNumberText: digits.length === 7 ? typedNumber(digits, resolved.ipType, "patent") : digits,
      ...resolved,
      applicationKind: "national",
      serial: digits,
      st13TypeCode: resolved.ipType === "patent" ? "10" : resolved.ipType === "trademark" ? "40" : "30",
      checkCharacterDerived: false,
      checkCharacterValidated: false,
    };
  },
  format(p) {
    const t = p.serial;
    return t.length === 7 ? `${t.slice(0, 1)},${t.slice(1, 4)},${t.slice(4)}` : `${t.slice(0, 3)},${t.slice(3)}`;
  },
};
