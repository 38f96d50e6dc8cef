import { compact, formatError, lengthError, readTypedNumber, resolveIpType, typedNumber, type NumberRule, type RuleResult } from "../number-rule.js";

/**
 * EUIPO: EU trade marks `NNNNNNNNN` (9 digits with leading zeros, e.g. 018123456, sometimes written EUTM 018123456),
 * registered Community designs `NNNNNNNNN-NNNN` (file number + 4-digit design number, e.g. 004048098-0004, stored
 * as 13 digits). A bare 9-digit number is a trade mark unless the caller says ipType=industrialDesign (then it is
 * a design application's file number). No year in the number: ST.13's year comes from the filing date.
 * Lengths for all ranges: unverified. Trade marks and design files are separate series, so a design file's canonical
 * number starts with its ST.13 code `30` (`30004048098`, read back like `40` + a trade mark's 9 digits); a trade
 * mark's stays bare (README "Ids").
 */
export const emRule: NumberRule = {
  office: "EM",
  parse(text, ctx): RuleResult {
    const written = compact(text).toUpperCase().replace(/^(EUTM|EU)/, "");
    if (!/^\d+$/.test(written)) throw formatError(ctx, "expected 9 digits (trade mark) or 9+4 digits (design)");
    const typed = readTypedNumber(written, 9);
    const fromNumber = typed?.ipType === "trademark" || typed?.ipType === "industrialDesign" ? typed.ipType : undefined;
    const flat = fromNumber === undefined ? written : typed!.national;
    const base = { applicationNumberText: flat, applicationKind: "regional", checkCharacterDerived: false, checkCharacterValidated: false } as const;
    if (flat.length === 13) {
      return {
        ...base,
        ...resolveIpType(ctx, "industrialDesign", "industrialDesign", ["industrialDesign"], ["industrialDesign", "trademark"]),
        serial: flat,
        st13Serial: flat.slice(0, 9),
        st13TypeCode: "30",
      };
    }
    if (flat.length === 9) {
      const resolved = resolveIpType(ctx, fromNumber, "trademark", ["trademark", "industrialDesign"]);
      return {
        ...base,
        ...resolved,
        applicationNumberText: typedNumber(flat, resolved.ipType, "trademark"),
        serial: flat,
        st13TypeCode: resolved.ipType === "trademark" ? "40" : "30",
      };
    }
    throw lengthError(ctx, `expected 9 digits (trade mark, design file) or 13 (design), got ${flat.length}`, {
      expectedLength: [9, 13],
      actualLength: flat.length,
    });
  },
  format(p) {
    const t = p.serial;
    return t.length === 13 ? `${t.slice(0, 9)}-${t.slice(9)}` : t;
  },
};
