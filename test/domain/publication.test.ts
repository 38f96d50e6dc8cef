import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { epochDayToIso } from "../../src/domain/dates.js";
import { isPublicationDuePassed, isPublicationOverdue, publicationDue } from "../../src/domain/publication.js";

describe("publication at 18 months", () => {
  test.each([
    ["2026-01-15", "2027-07-15"],
    ["2025-08-31", "2027-02-28"], // no 31 February: the month's last day (PCT Rule 80.2)
    ["2026-08-31", "2028-02-29"], // leap year
    ["2024-12-31", "2026-06-30"],
  ])("filed %s is due %s", (filed, due) => {
    expect(publicationDue(filed)).toBe(due);
  });

  test("the due day itself has not passed; the day after has", () => {
    expect(isPublicationDuePassed("2026-01-15", "2027-07-14")).toBe(false);
    expect(isPublicationDuePassed("2026-01-15", "2027-07-15")).toBe(false);
    expect(isPublicationDuePassed("2026-01-15", "2027-07-16")).toBe(true);
  });

  test("a commitment is overdue only when unrevealed and recorded more than 18 months before", () => {
    expect(isPublicationOverdue({ committedOn: "2026-01-15", revealed: false, asOf: "2027-07-16" })).toBe(true);
    expect(isPublicationOverdue({ committedOn: "2026-01-15", revealed: true, asOf: "2027-07-16" })).toBe(false);
    expect(isPublicationOverdue({ committedOn: "2026-01-15", revealed: false, asOf: "2027-07-15" })).toBe(false);
  });

  test("a flagged commitment is certainly past the due day of any filing on or before its recording", () => {
    const day = fc.integer({ min: 18_000, max: 25_000 });
    fc.assert(
      fc.property(day, fc.nat({ max: 2000 }), fc.nat({ max: 2000 }), (filed, recordedAfter, asOfAfter) => {
        const committedOn = epochDayToIso(filed + recordedAfter);
        const asOf = epochDayToIso(filed + recordedAfter + asOfAfter);
        if (isPublicationOverdue({ committedOn, revealed: false, asOf })) expect(isPublicationDuePassed(epochDayToIso(filed), asOf)).toBe(true);
      }),
    );
  });
});
