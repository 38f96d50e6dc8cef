import { DiprError } from "../../errors.js";
import { deCheckDigit } from "../check-digits.js";
import type { ApplicationKind, IpType } from "../ip-types.js";
import {
  checkDigitMismatch,
  checkYear,
  compact,
  formatError,
  resolveIpType,
  splitCheck,
  unsupportedIpType,
  type NumberRule,
  type RuleResult,
} from "../number-rule.js";

/**
 * DPMA: `KZ JJJJ NNN NNN.P` (Mitteilung des Präsidenten Nr. 3/2003; DPMAinformativ Nr. 5): 2-digit right type,
 * 4-digit year, 6-digit serial, check digit (domain.md 2.4.3). Used since 1 January 2004 for patents, utility models,
 * topographies and SPCs, and since 1 January 2008 for trade marks and designs.
 * The older 8-digit form `NNN NN NNN.P` (e.g. 100 01 499.2) is read for 1995-2003 patents (19x/10x) and utility
 * models (29x/20x), the third digit being the year's last digit (unverified beyond DPMA's examples).
 */
type TypeEntry = Readonly<{ ipType?: IpType; kind: ApplicationKind; minYear: number; what: string }>;

const TYPE_CODES: Readonly<Record<string, TypeEntry>> = {
  "10": { ipType: "patent", kind: "national", minYear: 2004, what: "national patent application" },
  "11": { ipType: "patent", kind: "national", minYear: 2004, what: "PCT application designating DE" },
  "12": { kind: "national", minYear: 2004, what: "supplementary protection certificate" },
  "20": { ipType: "utilityModel", kind: "national", minYear: 2004, what: "utility model application" },
  "21": { ipType: "utilityModel", kind: "national", minYear: 2004, what: "utility model application from a PCT application" },
  "22": { kind: "national", minYear: 2004, what: "topography application" },
  "30": { ipType: "trademark", kind: "national", minYear: 2008, what: "trade mark application" },
  "31": { kind: "national", minYear: 2008, what: "geographical indication" },
  "40": { ipType: "industrialDesign", kind: "national", minYear: 2008, what: "design application" },
  "41": { ipType: "industrialDesign", kind: "national", minYear: 2008, what: "typographic typeface" },
  "50": { ipType: "patent", kind: "regional", minYear: 2004, what: "European patent for DE (German text)" },
  "60": { ipType: "patent", kind: "regional", minYear: 2004, what: "European patent for DE (English or French text)" },
};

function checkOf(ctx: Parameters<NumberRule["parse"]>[1], body: string, check: string | undefined) {
  const expected = deCheckDigit(body);
  if (expected === undefined) {
    // r = 1: DPMA's rule for this case is not published (domain.md 2.4.3), so a typed check digit is kept but not
    // validated, and left out of the canonical number: with and without it the number is one application.
    return { text: body, checkCharacter: check, derived: false, validated: false };
  }
  if (check !== undefined && check !== expected) throw checkDigitMismatch(ctx, body, expected, check);
  return { text: `${body}.${expected}`, checkCharacter: expected, derived: check === undefined, validated: true };
}

export const deRule: NumberRule = {
  office: "DE",
  parse(text, ctx): RuleResult {
    const { body, check } = splitCheck(ctx, compact(text), [12, 8], /^\d$/);
    if (body.length === 12) {
      const tt = body.slice(0, 2);
      const entry = TYPE_CODES[tt];
      if (entry === undefined) {
        throw new DiprError("UNKNOWN_TYPE_CODE", `DE application number '${ctx.input}' has unknown right-type code ${tt}.`, {
          office: ctx.office,
          number: ctx.input,
          typeCode: tt,
          allowed: Object.keys(TYPE_CODES),
        });
      }
      if (entry.ipType === undefined) throw unsupportedIpType(ctx, `${tt} (${entry.what})`, ["10", "11", "20", "21", "30", "40", "41", "50", "60"]);
      const year = checkYear(ctx, Number(body.slice(2, 6)), entry.minYear, `DE ${tt} JJJJ NNNNNN`);
      const c = checkOf(ctx, body, check);
      return {
        applicationNumberText: c.text,
        ...resolveIpType(ctx, entry.ipType, entry.ipType, ["patent", "utilityModel", "industrialDesign", "trademark"]),
        applicationKind: entry.kind,
        year,
        serial: body.slice(6),
        typeCode: tt,
        st13TypeCode: tt,
        ...(c.checkCharacter === undefined ? {} : { checkCharacter: c.checkCharacter }),
        checkCharacterDerived: c.derived,
        checkCharacterValidated: c.validated,
      };
    }
    const m = /^([12]9[5-9]|[12]0[0-3])(\d{5})$/.exec(body);
    if (m === null) throw formatError(ctx, "only the 12-digit form and the 1995-2003 8-digit form are supported");
    const head = m[1] ?? "";
    const ipType: IpType = head.startsWith("1") ? "patent" : "utilityModel";
    const yearDigit = Number(head.charAt(2));
    const year = checkYear(ctx, head.charAt(1) === "9" ? 1990 + yearDigit : 2000 + yearDigit, 1995, "DE NNN NN NNN");
    const c = checkOf(ctx, body, check);
    return {
      applicationNumberText: c.text,
      ...resolveIpType(ctx, ipType, ipType, ["patent", "utilityModel"]),
      applicationKind: "national",
      year,
      serial: m[2] ?? "",
      st13TypeCode: ipType === "patent" ? "10" : "20",
      ...(c.checkCharacter === undefined ? {} : { checkCharacter: c.checkCharacter }),
      checkCharacterDerived: c.derived,
      checkCharacterValidated: c.validated,
    };
  },
  format(p) {
    const t = p.applicationNumberText;
    const [body = ""] = t.split(".");
    const suffix = p.checkCharacter === undefined ? "" : `.${p.checkCharacter}`;
    if (body.length === 12) return `${body.slice(0, 2)} ${body.slice(2, 6)} ${body.slice(6, 9)} ${body.slice(9)}${suffix}`;
    return `${body.slice(0, 3)} ${body.slice(3, 5)} ${body.slice(5)}${suffix}`;
  },
};
