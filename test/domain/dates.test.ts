import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  addMonths,
  addMonthsIso,
  civilFromDays,
  daysInMonth,
  epochDayToIso,
  isoToChainDay,
  isoToEpochDay,
  isoWeekday,
} from "../../src/domain/dates.js";
import { expectCode } from "./expect-code.js";

const WEEKDAY = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 } as const;

// domain.md 4.2 "Date-arithmetic test vectors", verbatim: start, months, raw end, weekday (extension: calendar.test.ts).
const TABLE_4_2: ReadonlyArray<readonly [string, number, string, keyof typeof WEEKDAY, string]> = [
  ["2023-03-15", 12, "2024-03-15", "Fri", "2024-03-15"],
  ["2023-01-31", 12, "2024-01-31", "Wed", "2024-01-31"],
  ["2024-02-29", 12, "2025-02-28", "Fri", "2025-02-28"],
  ["2022-08-31", 6, "2023-02-28", "Tue", "2023-02-28"],
  ["2023-08-31", 6, "2024-02-29", "Thu", "2024-02-29 (leap year)"],
  ["2023-10-31", 6, "2024-04-30", "Tue", "2024-04-30"],
  ["2023-09-30", 6, "2024-03-30", "Sat", "2024-04-01 (Mon)"],
  ["2024-05-17", 12, "2025-05-17", "Sat", "2025-05-19 (Mon)"],
  ["2023-11-16", 12, "2024-11-16", "Sat", "2024-11-18 (Mon)"],
  ["2023-12-25", 12, "2024-12-25", "Wed", "2024-12-26 if the calendar lists 25 Dec as closed"],
];


describe("ISO dates and epoch days", () => {
  test("1970-01-01 is day 0 and a Thursday", () => {
    expect(isoToEpochDay("1970-01-01")).toBe(0);
    expect(isoWeekday("1970-01-01")).toBe(WEEKDAY.Thu);
    expect(isoToEpochDay("2000-03-01")).toBe(11017);
    expect(epochDayToIso(19753)).toBe("2024-01-31");
  });

  test.each(["2023-02-30", "2023-02-29", "2023-13-01", "2023-00-10", "2024-04-31", "2023-01-00"])("%s is INVALID_DATE", (iso) => {
    expectCode(() => isoToEpochDay(iso), "INVALID_DATE");
  });

  test.each(["20230210", "2023-2-10", "2023/02/10", " 2023-02-10", "2023-02-10T00:00:00Z", ""])("%j is DATE_FORMAT", (iso) => {
    expectCode(() => isoToEpochDay(iso), "DATE_FORMAT");
  });

  test("accepts 29 February only in leap years (400-year rule included)", () => {
    expect(epochDayToIso(isoToEpochDay("2000-02-29"))).toBe("2000-02-29");
    expectCode(() => isoToEpochDay("1900-02-29"), "INVALID_DATE");
    expect(daysInMonth(2100, 2)).toBe(28);
  });

  test("chain days must fit a uint32 from 1970", () => {
    expect(isoToChainDay("1970-01-01")).toBe(0);
    expectCode(() => isoToChainDay("1969-12-31"), "INVALID_DATE");
  });

  test("property: epochDayToIso and isoToEpochDay are inverse over 0001..9999", () => {
    fc.assert(
      fc.property(fc.integer({ min: isoToEpochDay("0001-01-01"), max: isoToEpochDay("9999-12-31") }), (day) => {
        expect(isoToEpochDay(epochDayToIso(day))).toBe(day);
      }),
    );
  });

  test("property: the day after the last day of a month is the first of the next", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9998 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const last = civilFromDays(isoToEpochDay(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`) + daysInMonth(year, month));
        expect(last.day).toBe(1);
        expect(last.month).toBe((month % 12) + 1);
      }),
    );
  });
});

describe("addMonths (PCT Rule 80.2)", () => {
  test.each(TABLE_4_2)("%s + %i months ends %s (%s)", (start, months, rawEnd, day) => {
    expect(addMonthsIso(start, months)).toBe(rawEnd);
    expect(isoWeekday(rawEnd)).toBe(WEEKDAY[day]);
  });

  test("31 August + 6 months is the last day of February, not 6 x 30 days", () => {
    expect(addMonthsIso("2022-08-31", 6)).toBe("2023-02-28");
    expect(addMonthsIso("2023-08-31", 6)).toBe("2024-02-29");
  });

  test("property: the end keeps the start's day number, or is the month's last day", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60000 }), fc.integer({ min: -240, max: 240 }), (day, months) => {
        const start = civilFromDays(day);
        const end = civilFromDays(addMonths(day, months));
        expect((end.year - start.year) * 12 + end.month - start.month).toBe(months);
        expect(end.day).toBe(Math.min(start.day, daysInMonth(end.year, end.month)));
      }),
    );
  });
});
