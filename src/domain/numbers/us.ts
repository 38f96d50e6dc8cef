import { DiprError } from "../../errors.js";
import type { IpType } from "../ip-types.js";
import { compact, formatError, lengthError, resolveIpType, type NumberRule, type RuleContext, type RuleResult } from "../number-rule.js";

/**
 * USPTO: `SS/NNN,NNN`, a 2-digit series code and a 6-digit serial (MPEP 503; WIPO DAS format `NN/NNN,NNN`).
 * The number has no year: ST.13's year comes from the filing date (domain.md 2.2).
 * Series codes: 01-19 nonprovisional (utility, plant, reissue), 29 design, 35 international design (Hague),
 * 60-63 provisional (63 from MPEP-based secondary sources only: unverified), 90/95/96 reexamination and
 * supplemental examination (proceedings, not applications, so refused).
 * Trade mark serial numbers are also 8 digits; they are read as such only when the caller says ipType=trademark.
 */
const MAX_UTILITY_SERIES = 19;

function seriesKind(ctx: RuleContext, series: number): { ipType: IpType; provisional: boolean } {
  if (series >= 1 && series <= MAX_UTILITY_SERIES) return { ipType: "patent", provisional: false };
  if (series === 29 || series === 35) return { ipType: "industrialDesign", provisional: false };
  if (series >= 60 && series <= 63) return { ipType: "patent", provisional: true };
  if (series === 90 || series === 95 || series === 96) {
    throw formatError(ctx, `series ${series} numbers a reexamination or supplemental examination proceeding, not an application`, { series });
  }
  throw new DiprError("UNKNOWN_TYPE_CODE", `US application number '${ctx.input}' has unknown series code ${String(series).padStart(2, "0")}.`, {
    office: ctx.office,
    number: ctx.input,
    typeCode: String(series).padStart(2, "0"),
  });
}

export const usRule: NumberRule = {
  office: "US",
  parse(text, ctx): RuleResult {
    const digits = compact(text);
    if (!/^\d+$/.test(digits)) throw formatError(ctx, "expected a series code and serial number such as 17/123,456");
    if (digits.length !== 8) {
      throw lengthError(ctx, `expected a 2-digit series code and a 6-digit serial (8 digits), got ${digits.length}`, {
        expectedLength: 8,
        actualLength: digits.length,
      });
    }
    const series = Number(digits.slice(0, 2));
    if (ctx.ipType === "trademark") {
      // Trade mark serial numbers start with 7, 8 or 9 (e.g. 97/123,456).
      if (series < 70) throw formatError(ctx, "US trade mark serial numbers start with 7, 8 or 9", { series });
      return {
        applicationNumberText: digits,
        ipType: "trademark",
        ipTypeSource: "option",
        applicationKind: "national",
        serial: digits,
        typeCode: digits.slice(0, 2),
        st13TypeCode: "40",
        checkCharacterDerived: false,
        checkCharacterValidated: false,
      };
    }
    const kind = seriesKind(ctx, series);
    const resolved = resolveIpType(ctx, kind.ipType, "patent", ["patent", "industrialDesign"], ["patent", "industrialDesign", "trademark"]);
    return {
      applicationNumberText: digits,
      ...resolved,
      applicationKind: kind.provisional ? "provisional" : series === 35 ? "international" : "national",
      serial: digits,
      typeCode: digits.slice(0, 2),
      st13TypeCode: resolved.ipType === "industrialDesign" ? "30" : "10",
      checkCharacterDerived: false,
      checkCharacterValidated: false,
    };
  },
  format(p) {
    const t = p.applicationNumberText;
    if (p.ipType === "trademark") return t;
    return `${t.slice(0, 2)}/${t.slice(2, 5)},${t.slice(5)}`;
  },
};
