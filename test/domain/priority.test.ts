import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createOfficeCalendar } from "../../src/domain/calendar.js";
import { addMonths, epochDayToIso, isoToEpochDay } from "../../src/domain/dates.js";
import type { IpType } from "../../src/domain/ip-types.js";
import { checkPriorityClaim, checkPriorityClaims, crossTypeRule } from "../../src/domain/priority.js";
import { expectCode } from "./expect-code.js";

const TYPE_NAMES: Readonly<Record<string, IpType>> = {
  "utility model": "utilityModel",
  patent: "patent",
  "trade mark": "trademark",
  "industrial design": "industrialDesign",
  utilityModel: "utilityModel",
  industrialDesign: "industrialDesign",
  trademark: "trademark",
};

// domain.md 4.6, verbatim: #, priority date, later type, later filing date, expiry (extended), restoration end, expected.
const TABLE_4_6: ReadonlyArray<readonly [number, string, string, string, string, string, string]> = [
  [1, "2023-03-15", "patent", "2024-03-15", "2024-03-15", "2024-05-15", "valid (last day)"],
  [2, "2023-03-15", "patent", "2024-03-14", "2024-03-15", "2024-05-15", "valid"],
  [3, "2023-03-15", "patent", "2024-03-16", "2024-03-15", "2024-05-15", "restorable"],
  [4, "2023-03-15", "patent", "2024-05-15", "2024-03-15", "2024-05-15", "restorable (last day of window)"],
  [5, "2023-03-15", "patent", "2024-05-16", "2024-03-15", "2024-05-15", "late"],
  [6, "2023-03-15", "patent", "2023-03-14", "—", "—", "invalid (LATER_BEFORE_PRIORITY)"],
  [7, "2023-03-15", "patent", "2023-03-15", "—", "—", "invalid (SAME_DAY)"],
  [8, "2023-08-31", "industrialDesign", "2024-02-29", "2024-02-29", "—", "valid"],
  [9, "2023-08-31", "industrialDesign", "2024-03-01", "2024-02-29", "—", "late (no restoration for designs)"],
  [10, "2022-08-31", "trademark", "2023-02-28", "2023-02-28", "—", "valid"],
  [11, "2022-08-31", "trademark", "2023-03-01", "2023-02-28", "—", "late"],
  [12, "2024-02-29", "patent", "2025-02-28", "2025-02-28", "2025-04-28", "valid"],
  [13, "2024-02-29", "patent", "2025-03-01", "2025-02-28", "2025-04-28", "restorable"],
  [14, "2024-05-17", "patent", "2025-05-19", "2025-05-19 (Sat→Mon)", "2025-07-19", "valid (4C(3) extension)"],
  [15, "2024-05-17", "patent", "2025-05-20", "2025-05-19", "2025-07-19", "restorable"],
  [16, "2023-09-30", "trademark", "2024-04-01", "2024-04-01 (Sat 30 Mar→Mon)", "—", "valid"],
  [17, "2023-09-30", "trademark", "2024-04-02", "2024-04-01", "—", "late"],
  [18, "2023-01-10 (utility model)", "industrialDesign", "2023-07-10", "2023-07-10", "—", "valid (4E(1): 6 months)"],
  [19, "2023-01-10 (utility model)", "industrialDesign", "2023-12-01", "2023-07-10", "—", "late (not 12 months)"],
  [20, "2023-01-10 (patent)", "utilityModel", "2024-01-10", "2024-01-10", "2024-03-10", "valid (4E(2))"],
  [21, "2023-01-10 (utility model)", "patent", "2024-01-10", "2024-01-10", "2024-03-10", "valid (4E(2))"],
  [22, "2023-01-10 (trade mark)", "patent", "2023-02-01", "—", "—", "invalid (CROSS_TYPE)"],
  [23, "2023-01-10 (industrial design)", "patent", "2023-02-01", "—", "—", "invalid (CROSS_TYPE)"],
  [24, "2023-01-31", "patent", "2024-01-31", "2024-01-31", "2024-03-31 (Sun; window end not extended in v1)", "valid"],
  [25, "2023-11-16", "utilityModel", "2024-11-18", "2024-11-18 (Sat→Mon)", "2025-01-18", "valid"],
];

const dateIn = (cell: string): string | undefined => /^\d{4}-\d{2}-\d{2}/.exec(cell)?.[0];

describe("checkPriorityClaim, domain.md 4.6 vectors (Saturday/Sunday closed)", () => {
  test.each(TABLE_4_6)("#%i %s, %s filed %s: expiry %s, window %s, %s", (_n, priorityCell, laterType, laterDate, expiry, window, expected) => {
    const priorityType = TYPE_NAMES[/\((.+)\)/.exec(priorityCell)?.[1] ?? laterType] ?? "patent";
    const result = checkPriorityClaim({
      claimed: { office: "US", filingDate: dateIn(priorityCell) ?? "", ipType: priorityType },
      claimant: { office: "EP", filingDate: laterDate, ipType: TYPE_NAMES[laterType] ?? "patent" },
    });
    expect(result.classification).toBe(expected.split(" ")[0]);
    expect(result.periodEnd).toBe(dateIn(expiry));
    expect(result.restorationEnd).toBe(dateIn(window));
    const reason = /\(([A-Z_]+)\)/.exec(expected)?.[1];
    if (reason !== undefined) expect(result.reasons).toEqual([reason]);
  });

  test("#14 is valid only through the Art. 4C(3) extension, and says so", () => {
    const r = checkPriorityClaim({
      claimed: { office: "US", filingDate: "2024-05-17", ipType: "patent" },
      claimant: { office: "EP", filingDate: "2025-05-19", ipType: "patent" },
    });
    expect(r).toMatchObject({ rawPeriodEnd: "2025-05-17", periodEnd: "2025-05-19", months: 12 });
    expect(r.reasons).toContain("PERIOD_EXTENDED_NON_WORKING_DAY");
  });

  test("a restorable claim whose window base was extended, or whose window ends on a closed day, is flagged", () => {
    const r15 = checkPriorityClaim({
      claimed: { office: "US", filingDate: "2024-05-17", ipType: "patent" },
      claimant: { office: "EP", filingDate: "2025-05-20", ipType: "patent" },
    });
    expect(r15.reasons).toEqual(["PERIOD_EXPIRED", "WINDOW_BASE_EXTENDED", "WINDOW_END_NON_WORKING_DAY"]);
    const r24 = checkPriorityClaim({
      claimed: { office: "US", filingDate: "2023-01-31", ipType: "patent" },
      claimant: { office: "EP", filingDate: "2024-02-15", ipType: "patent" },
    });
    expect(r24).toMatchObject({ classification: "restorable", restorationEnd: "2024-03-31", reasons: ["PERIOD_EXPIRED", "WINDOW_END_NON_WORKING_DAY"] });
  });

  test("the per-office closed days extend the period (25 December)", () => {
    const claim = {
      claimed: { office: "US", filingDate: "2023-12-25", ipType: "patent" },
      claimant: { office: "EP", filingDate: "2024-12-26", ipType: "patent" },
    } as const;
    expect(checkPriorityClaim(claim).classification).toBe("restorable");
    expect(checkPriorityClaim({ ...claim, closedDays: ["2024-12-25"] })).toMatchObject({ classification: "valid", periodEnd: "2024-12-26" });
  });

  test("a first filing outside the Paris Union and the WTO founds no priority", () => {
    const r = checkPriorityClaim({
      claimed: { office: "ER", filingDate: "2023-01-10", ipType: "patent" },
      claimant: { office: "EP", filingDate: "2023-06-01", ipType: "patent" },
    });
    expect(r).toEqual({ classification: "invalid", reasons: ["NOT_PARIS_MEMBER"] });
  });

  test("validates the claimed number when given", () => {
    const ok = checkPriorityClaim({
      claimed: { office: "EP", number: "23 123 456", filingDate: "2023-02-01", ipType: "patent" },
      claimant: { office: "US", filingDate: "2024-01-15", ipType: "patent" },
    });
    expect(ok.claimedId).toBe("EP:23123456.8");
    expectCode(
      () =>
        checkPriorityClaim({
          claimed: { office: "EP", number: "23123456.7", filingDate: "2023-02-01", ipType: "patent" },
          claimant: { office: "US", filingDate: "2024-01-15", ipType: "patent" },
        }),
      "CHECK_DIGIT_MISMATCH",
    );
  });

  test("malformed dates are errors, not classifications", () => {
    expectCode(
      () =>
        checkPriorityClaim({
          claimed: { office: "US", filingDate: "2023-02-30", ipType: "patent" },
          claimant: { office: "EP", filingDate: "2024-01-15", ipType: "patent" },
        }),
      "INVALID_DATE",
    );
  });
});

// domain.md 4.5, verbatim: priority type, later type, allowed?, period used.
const TABLE_4_5: ReadonlyArray<readonly [string, string, string, string]> = [
  ["patent", "patent", "yes", "12 months"],
  ["utility model", "utility model", "yes", "12 months"],
  ["patent", "utility model", "yes", "12 months"],
  ["utility model", "patent", "yes", "12 months"],
  ["utility model", "industrial design", "yes", "**6 months**"],
  ["patent", "industrial design", "office-specific (not in Paris)", "6 months"],
  ["industrial design", "industrial design", "yes", "6 months"],
  ["trade mark", "trade mark", "yes", "6 months"],
  ["industrial design", "patent / utility model", "no", "—"],
  ["trade mark", "any other type", "no", "—"],
  ["any other type", "trade mark", "no", "—"],
];

const ALL_TYPES: readonly IpType[] = ["patent", "utilityModel", "industrialDesign", "trademark"];
const typesIn = (cell: string, other: string): IpType[] => {
  if (cell === "any other type") return ALL_TYPES.filter((t) => t !== TYPE_NAMES[other]);
  return cell.split(" / ").map((c) => TYPE_NAMES[c]!);
};

describe("cross-type rules, domain.md 4.5", () => {
  test.each(TABLE_4_5)("%s -> %s: %s, %s", (priorityCell, laterCell, allowed, period) => {
    const priorities = priorityCell === "trade mark" && laterCell === "any other type" ? ["trademark" as const] : typesIn(priorityCell, laterCell);
    const laters = laterCell === "any other type" ? ALL_TYPES.filter((t) => t !== "trademark") : typesIn(laterCell, priorityCell);
    for (const p of priorities) {
      for (const l of laters) {
        const rule = crossTypeRule(p, l);
        expect(rule.allowed).toBe(allowed === "yes" ? "yes" : allowed === "no" ? "no" : "officeRule");
        expect(rule.months).toBe(period === "—" ? undefined : Number(/\d+/.exec(period)?.[0]));
      }
    }
  });

  test("patent -> design is allowed with the office-rule flag", () => {
    const r = checkPriorityClaim({
      claimed: { office: "JP", filingDate: "2023-01-10", ipType: "patent" },
      claimant: { office: "US", filingDate: "2023-05-10", ipType: "industrialDesign" },
    });
    expect(r).toMatchObject({ classification: "valid", months: 6, reasons: ["CROSS_TYPE_OFFICE_RULE"] });
  });
});

describe("multiple and chained priorities (domain.md 4.7)", () => {
  const claims = [
    { office: "US", filingDate: "2023-01-10", ipType: "patent" as const },
    { office: "JP", filingDate: "2023-06-01", ipType: "patent" as const },
  ];
  test("filed 2024-01-09: both claims valid", () => {
    const r = checkPriorityClaims({ office: "EP", filingDate: "2024-01-09", ipType: "patent" }, claims);
    expect(r.checks.map((c) => c.classification)).toEqual(["valid", "valid"]);
    expect(r.earliestValidPriorityDate).toBe("2023-01-10");
  });
  test("filed 2024-01-11: first claim restorable, second valid", () => {
    const r = checkPriorityClaims({ office: "EP", filingDate: "2024-01-11", ipType: "patent" }, claims);
    expect(r.checks.map((c) => c.classification)).toEqual(["restorable", "valid"]);
    expect(r.earliestValidPriorityDate).toBe("2023-06-01");
  });
  test("NOT_FIRST_FILING_SUSPECTED when the claimed application claims an older one beyond the period (A6 -> A5 -> A2)", () => {
    const r = checkPriorityClaim({
      claimed: { office: "CN", number: "202410012345.2", filingDate: "2024-02-20", ipType: "patent" },
      claimant: { office: "US", filingDate: "2024-12-01", ipType: "patent" },
      claimedClaims: [{ filingDate: "2023-03-01", ipType: "patent" }],
    });
    expect(r.classification).toBe("valid");
    expect(r.reasons).toEqual(["NOT_FIRST_FILING_SUSPECTED"]);
    const inTime = checkPriorityClaim({
      claimed: { office: "CN", filingDate: "2024-02-20", ipType: "patent" },
      claimant: { office: "US", filingDate: "2024-02-28", ipType: "patent" },
      claimedClaims: [{ filingDate: "2023-03-01", ipType: "patent" }],
    });
    expect(inTime.reasons).toEqual([]);
  });
});

describe("properties", () => {
  const arbDay = fc.integer({ min: isoToEpochDay("1990-01-01"), max: isoToEpochDay("2090-12-31") });
  const arbType = fc.constantFrom<IpType>("patent", "utilityModel", "industrialDesign", "trademark");
  const arbClosed = fc.uniqueArray(fc.integer({ min: 0, max: 45 }), { maxLength: 12 });

  test("a claim on the last day of the period is valid, one day later it is not", () => {
    fc.assert(
      fc.property(arbDay, arbType, arbClosed, (p, type, offsets) => {
        const raw = addMonths(p, type === "patent" || type === "utilityModel" ? 12 : 6);
        const closedDays = offsets.map((o) => epochDayToIso(raw + o));
        const base = { claimed: { office: "US", filingDate: epochDayToIso(p), ipType: type }, closedDays };
        const first = checkPriorityClaim({ ...base, claimant: { office: "EP", filingDate: epochDayToIso(p + 1), ipType: type } });
        const end = isoToEpochDay(first.periodEnd ?? "");
        const inside = checkPriorityClaim({ ...base, claimant: { office: "EP", filingDate: epochDayToIso(end), ipType: type } });
        const outside = checkPriorityClaim({ ...base, claimant: { office: "EP", filingDate: epochDayToIso(end + 1), ipType: type } });
        expect(inside.classification).toBe("valid");
        expect(outside.classification).not.toBe("valid");
        expect(outside.classification).toBe(type === "patent" || type === "utilityModel" ? "restorable" : "late");
      }),
    );
  });

  test("the period never ends on a closed day", () => {
    fc.assert(
      fc.property(arbDay, arbType, arbClosed, (p, type, offsets) => {
        const raw = addMonths(p, type === "patent" || type === "utilityModel" ? 12 : 6);
        const closedDays = offsets.map((o) => epochDayToIso(raw + o));
        const r = checkPriorityClaim({
          claimed: { office: "US", filingDate: epochDayToIso(p), ipType: type },
          claimant: { office: "EP", filingDate: epochDayToIso(p + 1), ipType: type },
          closedDays,
        });
        expect(createOfficeCalendar({ closedDays }).isWorkingDay(isoToEpochDay(r.periodEnd ?? ""))).toBe(true);
        expect(closedDays).not.toContain(r.periodEnd);
      }),
    );
  });
});
