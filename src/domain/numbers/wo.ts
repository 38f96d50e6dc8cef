import { IP_TYPES } from "../ip-types.js";
import { parseOfficeCode } from "../office-codes.js";
import { checkYear, compact, formatError, lengthError, resolveIpType, type NumberRule, type RuleResult } from "../number-rule.js";

/**
 * WIPO as office of record (domain.md 2.3), three series:
 * - PCT international applications `PCT/RO YYYY/NNNNNN`: receiving office's ST.3 code, 4-digit year, 6-digit
 *   serial (PCT Administrative Instructions, Section 307; `IB` when the International Bureau is receiving office).
 *   Stored as `US2023012345`. The pre-2004 short form `PCT/US03/12345` is refused in v1.
 * - Hague international registrations `DM/NNNNNN`, stored as `DM123456` (digits left-padded to 6: unverified).
 * - Madrid international registrations, up to 7 digits, optionally written `IR 1234567`, stored as plain digits.
 * "WO 2023/123456" is a publication number (PCT AI Section 404), not an application number.
 */
const ALL = IP_TYPES;

const base = { checkCharacterDerived: false, checkCharacterValidated: false, applicationKind: "international" } as const;

export const woRule: NumberRule = {
  office: "WO",
  ownPrefixes: ["DM", "IR"],
  stripOfficePrefix: false,
  parse(text, ctx): RuleResult {
    const flat = compact(text);
    if (/^WO\d/i.test(flat)) throw formatError(ctx, "this is a WO publication number, not an application number");
    const pct = /^(?:PCT)?([A-Za-z]{2})(\d+)$/i.exec(flat);
    if (pct !== null && (/^PCT/i.test(flat) || /^[A-Z]{2}\d{10}$/.test(flat))) {
      const ro = parseOfficeCode(pct[1] ?? "");
      if (ro === "WO") throw formatError(ctx, "the receiving office of a PCT application is never WO (the International Bureau is IB)");
      const rest = pct[2] ?? "";
      const slashed = /^PCT\/?[A-Za-z]{2}(\d+)\/(\d+)$/i.exec(text.replace(/\s+/g, ""));
      const yearDigits = slashed?.[1]?.length ?? 4;
      if (yearDigits !== 4) throw formatError(ctx, "PCT numbers have a 4-digit year (the pre-2004 form PCT/RO/YY/NNNNN is not accepted)");
      if (rest.length !== 10) {
        throw lengthError(ctx, `expected a 4-digit year and a 6-digit serial, got ${rest.length} digits`, { expectedLength: 10, actualLength: rest.length });
      }
      const year = checkYear(ctx, Number(rest.slice(0, 4)), 2004, "PCT/RO YYYY/NNNNNN");
      const resolved = resolveIpType(ctx, undefined, "patent", ["patent", "utilityModel"], ALL);
      return {
        ...base,
        applicationNumberText: `${ro}${rest}`,
        ...resolved,
        year,
        serial: rest.slice(4),
        st13TypeCode: resolved.ipType === "patent" ? "10" : "20",
        receivingOfficeCode: ro,
      };
    }
    const hague = /^DM(\d{1,6})$/i.exec(flat);
    if (hague !== null) {
      const serial = (hague[1] ?? "").padStart(6, "0");
      return {
        ...base,
        applicationNumberText: `DM${serial}`,
        ...resolveIpType(ctx, "industrialDesign", "industrialDesign", ["industrialDesign"], ALL),
        serial,
        typeCode: "DM",
        st13TypeCode: "30",
      };
    }
    const madrid = /^(?:IR)?(\d{1,7})$/i.exec(flat);
    if (madrid !== null) {
      const serial = String(Number(madrid[1]));
      if (serial === "0") throw formatError(ctx, "Madrid registration numbers start at 1");
      return {
        ...base,
        applicationNumberText: serial,
        ...resolveIpType(ctx, "trademark", "trademark", ["trademark"], ALL),
        serial,
        typeCode: "IR",
        st13TypeCode: "40",
      };
    }
    if (/^\d+$/.test(flat)) throw lengthError(ctx, "Madrid registration numbers have at most 7 digits", { actualLength: flat.length });
    if (/^PCT/i.test(flat)) throw formatError(ctx, "expected PCT/RO YYYY/NNNNNN");
    throw formatError(ctx, "expected a PCT number (PCT/US2023/012345), a Hague number (DM/123456) or a Madrid number (1234567)");
  },
  format(p) {
    const t = p.applicationNumberText;
    if (p.receivingOfficeCode !== undefined) return `PCT/${t.slice(0, 6)}/${t.slice(6)}`;
    if (t.startsWith("DM")) return `DM/${t.slice(2, 5)} ${t.slice(5)}`;
    return t;
  },
};
