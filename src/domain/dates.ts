import { DiprError } from "../errors.js";

/**
 * Calendar dates as whole days since 1970-01-01 (the on-chain uint32 form) and ISO "YYYY-MM-DD" strings.
 * Pure integer civil-date arithmetic (H. Hinnant's days_from_civil / civil_from_days): no Date objects,
 * no time zones, no clock. Gregorian calendar throughout (PCT Rule 79.1).
 */

export type CivilDate = Readonly<{ year: number; month: number; day: number }>;

/** 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export const MAX_CHAIN_DAY = 2 ** 32 - 1;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

export function daysInMonth(year: number, month: number): number {
  if (month === 2 && isLeapYear(year)) return 29;
  const days = MONTH_DAYS[month - 1];
  if (days === undefined) throw new TypeError(`month ${month} is outside 1..12`);
  return days;
}

export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: era * 400 + yoe + (month <= 2 ? 1 : 0), month, day };
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses a strict ISO 8601 calendar date. The compact ST.36 form "20230210" is refused: the API requires
 * "YYYY-MM-DD" and the ST.36 importer converts (domain.md 5.4).
 * @throws DiprError DATE_FORMAT when the text is not YYYY-MM-DD, INVALID_DATE when the day does not exist.
 */
export function parseIsoDate(iso: string): CivilDate {
  const m = typeof iso === "string" ? ISO_DATE.exec(iso) : null;
  if (m === null) {
    throw new DiprError("DATE_FORMAT", `Date '${String(iso)}' is not written YYYY-MM-DD.`, { value: iso });
  }
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new DiprError("INVALID_DATE", `Date '${iso}' does not exist.`, { value: iso });
  }
  return { year, month, day };
}

/** @throws DiprError DATE_FORMAT, INVALID_DATE */
export function isoToEpochDay(iso: string): number {
  const { year, month, day } = parseIsoDate(iso);
  return daysFromCivil(year, month, day);
}

/**
 * Like {@link isoToEpochDay}, but also requires the day to fit the contracts' uint32 (on or after 1970-01-01).
 * @throws DiprError DATE_FORMAT, INVALID_DATE
 */
export function isoToChainDay(iso: string): number {
  const day = isoToEpochDay(iso);
  if (day < 0 || day > MAX_CHAIN_DAY) {
    throw new DiprError("INVALID_DATE", `Date '${iso}' is before 1970-01-01 and cannot be stored on chain.`, {
      value: iso,
    });
  }
  return day;
}

export function formatCivil({ year, month, day }: CivilDate): string {
  if (year < 1 || year > 9999) throw new TypeError(`year ${year} is outside 0001..9999`);
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

export function epochDayToIso(day: number): string {
  if (!Number.isSafeInteger(day)) throw new TypeError(`epoch day ${day} is not an integer`);
  return formatCivil(civilFromDays(day));
}

export const weekday = (day: number): Weekday => ((((day + 4) % 7) + 7) % 7) as Weekday;

export const isoWeekday = (iso: string): Weekday => weekday(isoToEpochDay(iso));

/**
 * Adds calendar months per PCT Rule 80.2 / EPC Rule 131(4): the period ends on the same-numbered day of the
 * target month, or on that month's last day if it has no such day (31 Aug + 6 months = 28/29 Feb).
 * Paris Art. 4C(2) (the filing day is not counted) is already satisfied by this rule.
 */
export function addMonths(day: number, months: number): number {
  if (!Number.isInteger(months)) throw new TypeError(`months ${months} is not an integer`);
  const c = civilFromDays(day);
  const total = c.month - 1 + months;
  const year = c.year + Math.floor(total / 12);
  const month = (((total % 12) + 12) % 12) + 1;
  return daysFromCivil(year, month, Math.min(c.day, daysInMonth(year, month)));
}

/** {@link addMonths} on ISO strings. @throws DiprError DATE_FORMAT, INVALID_DATE */
export const addMonthsIso = (iso: string, months: number): string => epochDayToIso(addMonths(isoToEpochDay(iso), months));
