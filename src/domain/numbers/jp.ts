import { DiprError } from "../../errors.js";
import type { IpType } from "../ip-types.js";
import { checkYear, formatError, readTypedNumber, resolveIpType, ST13_TYPE_CODES, typedNumber, type NumberRule, type RuleContext } from "../number-rule.js";

/**
 * JPO: `特願2023-123456` = kind prefix + 4-digit Western year + 6-digit serial. Before 2000 the year was the
 * Japanese era year (`特願平11-123456` = 1999, `特願昭63-...` = 1988); from 2000 the Western year is used
 * (EPO "Numbering system - Japan"; Espacenet writes JPH11...). Reiwa (2019-) therefore never occurs in
 * application numbers, and Heisei years after 11 are impossible. The serial's leading 5 marks a PCT national phase
 * entry; dipr does not interpret it. The prefix tells the IP type: 特願 patent, 実願 utility model, 意願 design,
 * 商願 trade mark (JPO's abbreviations of 特許願, 実用新案登録願, 意匠登録願, 商標登録願).
 * The canonical form always uses the Western year: `1999123456`. The four kinds are numbered in separate series, so
 * 特願2023-012345 and 商願2023-012345 are two applications: a patent's canonical number is the bare `2023012345`,
 * any other kind's starts with its ST.13 type code (`402023012345`), which is also read back (README "Ids").
 */
const KIND_PREFIXES: ReadonlyArray<readonly [string, IpType]> = [
  ["実用新案登録願", "utilityModel"],
  ["意匠登録願", "industrialDesign"],
  ["商標登録願", "trademark"],
  ["特許願", "patent"],
  ["特願", "patent"],
  ["実願", "utilityModel"],
  ["意願", "industrialDesign"],
  ["商願", "trademark"],
];

const DISPLAY_PREFIX: Readonly<Record<IpType, string>> = {
  patent: "特願",
  utilityModel: "実願",
  industrialDesign: "意願",
  trademark: "商願",
};

type Era = Readonly<{ names: readonly string[]; offset: number; lastYear: number; display: string }>;

// Showa 1 = 1926, Heisei 1 = 1989; the last era years that appear in application numbers are Showa 64 (1989)
// and Heisei 11 (1999).
const ERAS: readonly Era[] = [
  { names: ["昭和", "昭", "S"], offset: 1925, lastYear: 64, display: "昭" },
  { names: ["平成", "平", "H"], offset: 1988, lastYear: 11, display: "平" },
  { names: ["令和", "令", "R"], offset: 2018, lastYear: 0, display: "令" },
];

function parseEraYear(ctx: RuleContext, era: Era, n: number): number {
  if (n < 1 || n > era.lastYear) {
    throw new DiprError(
      "IMPOSSIBLE_YEAR",
      era.lastYear === 0
        ? `JP application number '${ctx.input}' uses the Reiwa era, but JPO application numbers use Western years since 2000.`
        : `JP application number '${ctx.input}' has era year ${era.names[0]}${n}; application numbers use era years only up to ${era.names[0]}${era.lastYear} (Western years since 2000).`,
      { office: ctx.office, number: ctx.input, era: era.names[0], eraYear: n },
    );
  }
  return era.offset + n;
}

export const jpRule: NumberRule = {
  office: "JP",
  parse(text, ctx) {
    let rest = text.replace(/\s+/g, "");
    let fromPrefix: IpType | undefined;
    for (const [prefix, ipType] of KIND_PREFIXES) {
      if (rest.startsWith(prefix)) {
        fromPrefix = ipType;
        rest = rest.slice(prefix.length);
        break;
      }
    }
    rest = rest.toUpperCase();
    let year: number;
    let serialText: string;
    const typed = fromPrefix === undefined ? readTypedNumber(rest, 10) : undefined;
    const era = ERAS.find((e) => e.names.some((n) => rest.startsWith(n)));
    if (typed !== undefined) {
      fromPrefix = typed.ipType;
      year = checkYear(ctx, Number(typed.national.slice(0, 4)), 1926, "JP TT YYYY NNNNNN");
      serialText = typed.national.slice(4);
    } else if (era !== undefined) {
      const name = era.names.find((n) => rest.startsWith(n)) ?? "";
      const m = /^(\d{1,2})[-‐‑－]?(\d{1,6})$/.exec(rest.slice(name.length));
      const sep = /^\d{1,2}[-‐‑－]/.test(rest.slice(name.length));
      if (m === null || (!sep && rest.slice(name.length).length !== 8)) {
        throw formatError(ctx, "expected an era year and a serial such as 平11-123456");
      }
      year = parseEraYear(ctx, era, Number(m[1]));
      serialText = m[2] ?? "";
    } else {
      const m = /^(\d{4})([-‐‑－]?)(\d{1,6})$/.exec(rest);
      if (m === null || (m[2] === "" && (m[3] ?? "").length !== 6)) {
        throw formatError(ctx, "expected a 4-digit year and a 6-digit serial such as 2023-123456");
      }
      year = checkYear(ctx, Number(m[1]), 1926, "JP YYYY-NNNNNN");
      serialText = m[3] ?? "";
    }
    if (ctx.filingYear !== undefined) checkYear(ctx, year, 1926, "JP");
    const serial = serialText.padStart(6, "0");
    const resolved = resolveIpType(ctx, fromPrefix, "patent", ["patent", "utilityModel", "industrialDesign", "trademark"]);
    return {
      applicationNumberText: typedNumber(`${year}${serial}`, resolved.ipType, "patent"),
      ...resolved,
      applicationKind: "national",
      year,
      serial,
      st13TypeCode: ST13_TYPE_CODES[resolved.ipType],
      checkCharacterDerived: false,
      checkCharacterValidated: false,
    };
  },
  format(p) {
    const year = p.year ?? 0;
    const prefix = DISPLAY_PREFIX[p.ipType];
    if (year >= 2000) return `${prefix}${year}-${p.serial}`;
    const era = year >= 1989 ? ERAS[1] : ERAS[0];
    return `${prefix}${era?.display ?? ""}${year - (era?.offset ?? 0)}-${p.serial}`;
  },
};
