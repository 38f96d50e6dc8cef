import { isoToEpochDay, weekday, type Weekday } from "./dates.js";

/**
 * The days an office is closed for filings. Paris Art. 4C(3) and PCT Rule 80.5 extend a period that ends on such a
 * day to the next working day. Closed days are office data supplied by the caller, never hard-coded (domain.md 4.2).
 */
export type OfficeCalendar = Readonly<{
  isWorkingDay(day: number): boolean;
}>;

export type OfficeCalendarOptions = Readonly<{
  /** Weekdays the office is closed; Saturday and Sunday unless given. */
  weekend?: readonly Weekday[];
  /** Further closed dates (public holidays, office closures), ISO "YYYY-MM-DD". */
  closedDays?: readonly string[];
}>;

export const DEFAULT_WEEKEND: readonly Weekday[] = [6, 0];

/** @throws DiprError DATE_FORMAT, INVALID_DATE for a malformed closed day. */
export function createOfficeCalendar(options: OfficeCalendarOptions = {}): OfficeCalendar {
  const weekend = new Set<number>(options.weekend ?? DEFAULT_WEEKEND);
  const closed = new Set<number>((options.closedDays ?? []).map(isoToEpochDay));
  if (weekend.size >= 7) throw new TypeError("an office calendar needs at least one working weekday");
  return { isWorkingDay: (day) => !weekend.has(weekday(day)) && !closed.has(day) };
}

/** The first working day on or after `day`. Terminates because every week has a working weekday. */
export function nextWorkingDay(day: number, calendar: OfficeCalendar): number {
  let d = day;
  // A closed-day list cannot be longer than the remaining days of the universe, but guard against a calendar
  // function that never returns true.
  for (let i = 0; i < 3660; i++, d++) if (calendar.isWorkingDay(d)) return d;
  throw new TypeError("office calendar has no working day within ten years");
}
