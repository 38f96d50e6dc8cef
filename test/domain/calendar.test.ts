import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { createOfficeCalendar, nextWorkingDay } from "../../src/domain/calendar.js";
import { addMonths, epochDayToIso, isoToEpochDay, weekday } from "../../src/domain/dates.js";

// domain.md 4.2: start, months, "End after extension" (Saturday/Sunday closed; row 10 with 25 Dec closed).
const EXTENDED_4_2: ReadonlyArray<readonly [string, number, string, readonly string[]]> = [
  ["2023-03-15", 12, "2024-03-15", []],
  ["2023-01-31", 12, "2024-01-31", []],
  ["2024-02-29", 12, "2025-02-28", []],
  ["2022-08-31", 6, "2023-02-28", []],
  ["2023-08-31", 6, "2024-02-29", []],
  ["2023-10-31", 6, "2024-04-30", []],
  ["2023-09-30", 6, "2024-04-01", []],
  ["2024-05-17", 12, "2025-05-19", []],
  ["2023-11-16", 12, "2024-11-18", []],
  ["2023-12-25", 12, "2024-12-26", ["2024-12-25"]],
];

describe("office calendars (Paris Art. 4C(3), PCT Rule 80.5)", () => {
  test.each(EXTENDED_4_2)("%s + %i months, extended, ends %s (closed: %j)", (start, months, end, closedDays) => {
    const calendar = createOfficeCalendar({ closedDays });
    expect(epochDayToIso(nextWorkingDay(addMonths(isoToEpochDay(start), months), calendar))).toBe(end);
  });

  test("2023-12-25 + 12 months stays on Wednesday 25 December when no holiday is listed", () => {
    expect(epochDayToIso(nextWorkingDay(addMonths(isoToEpochDay("2023-12-25"), 12), createOfficeCalendar()))).toBe("2024-12-25");
  });

  test("honours a different weekend (Friday and Saturday)", () => {
    const calendar = createOfficeCalendar({ weekend: [5, 6] });
    expect(epochDayToIso(nextWorkingDay(isoToEpochDay("2024-03-15"), calendar))).toBe("2024-03-17");
  });

  test("property: the extended end is a working day, never before the raw end, and no working day is skipped", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40000 }),
        fc.constantFrom(6, 12),
        fc.uniqueArray(fc.integer({ min: 0, max: 40 }), { maxLength: 15 }),
        (start, months, offsets) => {
          const raw = addMonths(start, months);
          const calendar = createOfficeCalendar({ closedDays: offsets.map((o) => epochDayToIso(raw + o)) });
          const end = nextWorkingDay(raw, calendar);
          expect(calendar.isWorkingDay(end)).toBe(true);
          expect(weekday(end)).not.toBe(0);
          expect(weekday(end)).not.toBe(6);
          for (let d = raw; d < end; d++) expect(calendar.isWorkingDay(d)).toBe(false);
        },
      ),
    );
  });
});
