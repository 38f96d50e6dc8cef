import { checkYear, compact, formatError, resolveIpType, type NumberRule, type RuleResult } from "../number-rule.js";

/**
 * Indian Patent Office: the current form `YYYY J T NNNNNN` (12 digits, WIPO DAS `YYYYJTNNNNNN`, e.g.
 * 201611000001), where J is the filing branch (1 Delhi, 2 Mumbai, 3 Kolkata, 4 Chennai) and T the kind (1 ordinary,
 * 7 PCT national phase): both meanings unverified, so dipr checks only J in 1-4. The older form
 * `NNNN/DEL/YYYY` (DELNP for national phase; DEL, MUM, KOL, CHE) is stored without slashes, e.g. 1234DELNP2007.
 * Designs and trade marks are not supported yet.
 */
export const inRule: NumberRule = {
  office: "IN",
  parse(text, ctx): RuleResult {
    const flat = compact(text).toUpperCase();
    const resolved = resolveIpType(ctx, undefined, "patent", ["patent"]);
    const base = { ...resolved, applicationKind: "national", st13TypeCode: "10", checkCharacterDerived: false, checkCharacterValidated: false } as const;
    const modern = /^(\d{4})([1-4]\d)(\d{6})$/.exec(flat);
    if (modern !== null) {
      return {
        ...base,
        applicationNumberText: flat,
        year: checkYear(ctx, Number(modern[1]), 2015, "IN YYYYJTNNNNNN"),
        serial: `${modern[2]}${modern[3]}`,
        typeCode: modern[2] ?? "",
      };
    }
    const legacy = /^(\d{1,5})(DEL|MUM|KOL|CHE)(NP)?(\d{4})$/.exec(flat);
    if (legacy !== null) {
      const serial = String(Number(legacy[1]));
      const branch = `${legacy[2]}${legacy[3] ?? ""}`;
      return {
        ...base,
        applicationNumberText: `${serial}${branch}${legacy[4]}`,
        year: checkYear(ctx, Number(legacy[4]), 1995, "IN NNNN/BRANCH/YYYY"),
        serial,
        typeCode: branch,
      };
    }
    throw formatError(ctx, "expected YYYYJTNNNNNN (e.g. 202311012345) or NNNN/DEL/YYYY");
  },
  format(p) {
    const t = p.applicationNumberText;
    const legacy = /^(\d+)([A-Z]+)(\d{4})$/.exec(t);
    return legacy === null ? t : `${legacy[1]}/${legacy[2]}/${legacy[3]}`;
  },
};
