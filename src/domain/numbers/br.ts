import { DiprError } from "../../errors.js";
import type { IpType } from "../ip-types.js";
import { checkYear, compact, expandYear, formatError, resolveIpType, splitCheck, type NumberRule, type RuleResult } from "../number-rule.js";

/**
 * INPI Brazil: `BR TT YYYY NNNNNN C` (WIPO DAS `NNYYYYNNNNNNN`, e.g. BR 1020150062087), stored as
 * `TTYYYYNNNNNN`. The check digit's algorithm is not published, so it is not validated and not part of the
 * canonical number (with and without it, one application: README "Ids"); a typed one is kept as `checkCharacter`. Type codes
 * 10-13 are inventions (10 national; 11-13 PCT entry, divisional, addition: meanings unverified), 20-22 utility
 * models, 30 designs (unverified). The pre-2013 form `PI 0512345-6` / `MU 8901234-5` (kind letters, YY, 5-digit
 * serial, check) is stored as `PI0512345`. Trade marks (9 digits) need ipType=trademark.
 */
const TYPE_CODES: Readonly<Record<string, IpType>> = {
  "10": "patent",
  "11": "patent",
  "12": "patent",
  "13": "patent",
  "20": "utilityModel",
  "21": "utilityModel",
  "22": "utilityModel",
  "30": "industrialDesign",
};

const LEGACY_KINDS: Readonly<Record<string, IpType>> = { PI: "patent", MU: "utilityModel" };

const base = { applicationKind: "national", checkCharacterDerived: false, checkCharacterValidated: false } as const;

export const brRule: NumberRule = {
  office: "BR",
  ownPrefixes: ["PI", "MU"],
  parse(text, ctx): RuleResult {
    const flat = compact(text).toUpperCase();
    const legacy = /^(PI|MU)(\d{7})(?:\.?(\d))?$/.exec(flat);
    if (legacy !== null) {
      const kind = legacy[1] ?? "";
      const body = legacy[2] ?? "";
      const check = legacy[3];
      const ipType = LEGACY_KINDS[kind] ?? "patent";
      return {
        ...base,
        applicationNumberText: `${kind}${body}`,
        ...resolveIpType(ctx, ipType, ipType, ["patent", "utilityModel"]),
        year: checkYear(ctx, expandYear(Number(body.slice(0, 2)), 70), 1970, "BR PI YYNNNNN"),
        serial: body.slice(2),
        typeCode: kind,
        st13TypeCode: ipType === "patent" ? "10" : "20",
        ...(check === undefined ? {} : { checkCharacter: check }),
      };
    }
    if (/^\d{9}$/.test(flat) && ctx.ipType === "trademark") {
      return { ...base, applicationNumberText: flat, ipType: "trademark", ipTypeSource: "option", serial: flat, st13TypeCode: "40" };
    }
    if (/^[A-Z]/.test(flat)) throw formatError(ctx, "expected TT YYYY NNNNNN C, or PI/MU followed by 7 digits");
    const { body, check } = splitCheck(ctx, flat, [12], /^\d$/);
    const tt = body.slice(0, 2);
    const fromNumber = TYPE_CODES[tt];
    if (fromNumber === undefined) {
      throw new DiprError("UNKNOWN_TYPE_CODE", `BR application number '${ctx.input}' has unknown type code ${tt}.`, {
        office: ctx.office,
        number: ctx.input,
        typeCode: tt,
        allowed: Object.keys(TYPE_CODES),
      });
    }
    return {
      ...base,
      applicationNumberText: body,
      ...resolveIpType(ctx, fromNumber, fromNumber, ["patent", "utilityModel", "industrialDesign"]),
      year: checkYear(ctx, Number(body.slice(2, 6)), 2012, "BR TT YYYY NNNNNN"),
      serial: body.slice(6),
      typeCode: tt,
      st13TypeCode: tt.charAt(0) === "1" ? "10" : tt.charAt(0) === "2" ? "20" : "30",
      ...(check === undefined ? {} : { checkCharacter: check }),
    };
  },
  format(p) {
    const body = p.applicationNumberText;
    const check = p.checkCharacter;
    if (p.ipType === "trademark") return body;
    const legacy = /^(PI|MU)(\d{7})$/.exec(body);
    if (legacy !== null) return `${legacy[1]} ${legacy[2]}${check === undefined ? "" : `-${check}`}`;
    return `BR ${body.slice(0, 2)} ${body.slice(2, 6)} ${body.slice(6)}${check === undefined ? "" : ` ${check}`}`;
  },
};
