import { parseApplicationNumber } from "./application-number.js";
import { createOfficeCalendar, nextWorkingDay, type OfficeCalendar } from "./calendar.js";
import { addMonths, epochDayToIso, isoToEpochDay, type Weekday } from "./dates.js";
import { assertIpType, PRIORITY_MONTHS, type IpType } from "./ip-types.js";
import { getOffice } from "./office-codes.js";

export type PriorityClassification = "valid" | "restorable" | "late" | "invalid";

/** Machine-readable reasons (domain.md 4.4-4.7). Flags for examiners sit next to the deciding reason. */
export type PriorityReason =
  | "LATER_BEFORE_PRIORITY"
  | "SAME_DAY"
  | "CROSS_TYPE"
  | "NOT_PARIS_MEMBER"
  | "PERIOD_EXPIRED"
  | "RESTORATION_WINDOW_EXPIRED"
  | "NO_RESTORATION_FOR_TYPE"
  | "PERIOD_EXTENDED_NON_WORKING_DAY"
  | "CROSS_TYPE_OFFICE_RULE"
  | "NOT_FIRST_FILING_SUSPECTED"
  | "WINDOW_BASE_EXTENDED"
  | "WINDOW_END_NON_WORKING_DAY";

export type CrossTypeRule = Readonly<{ allowed: "yes" | "officeRule" | "no"; months?: 12 | 6 }>;

const PATENT_LIKE: ReadonlySet<IpType> = new Set<IpType>(["patent", "utilityModel"]);

/**
 * Whether a later application of `later` type may claim a priority of `priority` type, and for how long
 * (domain.md 4.5). The period always follows the later application's type: Paris Art. 4E(1) gives a design based
 * on a utility model the design period.
 */
export function crossTypeRule(priority: IpType, later: IpType): CrossTypeRule {
  const months = PRIORITY_MONTHS[later];
  if (priority === later) return { allowed: "yes", months }; // Art. 4C(1)
  if (PATENT_LIKE.has(priority) && PATENT_LIKE.has(later)) return { allowed: "yes", months }; // Art. 4E(2)
  if (priority === "utilityModel" && later === "industrialDesign") return { allowed: "yes", months }; // Art. 4E(1)
  if (priority === "patent" && later === "industrialDesign") return { allowed: "officeRule", months }; // not in Paris
  return { allowed: "no" };
}

/**
 * The last day of a priority period: `months` after the priority date per PCT Rule 80.2, moved to the office's next
 * working day when it falls on a closed day (Paris Art. 4C(3), PCT Rule 80.5).
 */
export function priorityPeriodEnd(priorityDay: number, months: number, calendar: OfficeCalendar): { raw: number; end: number } {
  const raw = addMonths(priorityDay, months);
  return { raw, end: nextWorkingDay(raw, calendar) };
}

export type PriorityClaimParty = Readonly<{ office: string; filingDate: string; ipType: IpType }>;

export type CheckPriorityClaimInput = Readonly<{
  /** The earlier application whose priority is claimed. `number`, when given, is parsed and must be valid. */
  claimed: PriorityClaimParty & Readonly<{ number?: string }>;
  /** The later application that claims it. */
  claimant: PriorityClaimParty;
  /** Dates the claimant's office is closed, besides the weekend (ISO). */
  closedDays?: readonly string[];
  /** Closed weekdays of the claimant's office; Saturday and Sunday by default. */
  weekend?: readonly Weekday[];
  /** A full calendar for the claimant's office; replaces `closedDays` and `weekend`. */
  calendar?: OfficeCalendar;
  /** Priorities the claimed application itself claims, for the first-filing check (domain.md 4.7). */
  claimedClaims?: readonly Readonly<{ filingDate: string; ipType: IpType }>[];
}>;

export type PriorityCheck = Readonly<{
  classification: PriorityClassification;
  reasons: readonly PriorityReason[];
  /** Period length in months for the later application's type; absent when the types cannot be combined. */
  months?: number;
  /** Rule 80.2 end before the non-working-day extension. */
  rawPeriodEnd?: string;
  /** Last day to file, after the Art. 4C(3) extension. */
  periodEnd?: string;
  /** End of the two-month restoration window (Rule 26bis.3), patents and utility models only. */
  restorationEnd?: string;
  /** The claimed application's canonical id, when a number was given. */
  claimedId?: string;
}>;

/**
 * Classifies one priority claim by time limit and type (domain.md 4.4). `valid` means filed in time: subject
 * matter, first-filing status and entitlement stay with the examiner.
 * @throws DiprError for malformed offices, dates, IP types or claimed number.
 */
export function checkPriorityClaim(input: CheckPriorityClaimInput): PriorityCheck {
  const claimedOffice = getOffice(input.claimed.office);
  getOffice(input.claimant.office);
  const priorityType = assertIpType(input.claimed.ipType);
  const laterType = assertIpType(input.claimant.ipType);
  const p = isoToEpochDay(input.claimed.filingDate);
  const l = isoToEpochDay(input.claimant.filingDate);
  const claimedId =
    input.claimed.number === undefined
      ? undefined
      : parseApplicationNumber(claimedOffice.code, input.claimed.number, { ipType: priorityType, filingDate: input.claimed.filingDate })
          .canonicalId;
  const idPart = claimedId === undefined ? {} : { claimedId };
  const invalid = (reason: PriorityReason): PriorityCheck => ({ classification: "invalid", reasons: [reason], ...idPart });

  if (l < p) return invalid("LATER_BEFORE_PRIORITY");
  // dipr product decision: a same-day claim gains nothing.
  if (l === p) return invalid("SAME_DAY");
  const rule = crossTypeRule(priorityType, laterType);
  if (rule.allowed === "no" || rule.months === undefined) return invalid("CROSS_TYPE");
  // Paris Art. 4A(1)/(2), TRIPS Art. 2.1: only a filing in a Union/WTO member or an equivalent regional filing counts.
  if (!claimedOffice.foundsParisPriority) return invalid("NOT_PARIS_MEMBER");

  const calendar =
    input.calendar ??
    createOfficeCalendar({
      ...(input.weekend === undefined ? {} : { weekend: input.weekend }),
      ...(input.closedDays === undefined ? {} : { closedDays: input.closedDays }),
    });
  const months = rule.months;
  const { raw, end } = priorityPeriodEnd(p, months, calendar);
  const restorable = PATENT_LIKE.has(laterType);
  // Rule 26bis.3(a)/(e): two months from the expiry. dipr counts from the extended expiry (domain.md 4.3, unverified)
  // and does not extend the window's own end in v1.
  const restorationEnd = restorable ? addMonths(end, 2) : undefined;
  const reasons: PriorityReason[] = [];
  if (rule.allowed === "officeRule") reasons.push("CROSS_TYPE_OFFICE_RULE");

  let classification: PriorityClassification;
  if (l <= end) {
    classification = "valid";
    if (l > raw) reasons.unshift("PERIOD_EXTENDED_NON_WORKING_DAY");
  } else if (restorationEnd !== undefined && l <= restorationEnd) {
    classification = "restorable";
    reasons.unshift("PERIOD_EXPIRED");
    if (raw !== end) reasons.push("WINDOW_BASE_EXTENDED");
    if (!calendar.isWorkingDay(restorationEnd)) reasons.push("WINDOW_END_NON_WORKING_DAY");
  } else {
    classification = "late";
    reasons.unshift("PERIOD_EXPIRED", restorable ? "RESTORATION_WINDOW_EXPIRED" : "NO_RESTORATION_FOR_TYPE");
  }
  if (suspectNotFirstFiling(input, priorityType, l, months)) reasons.push("NOT_FIRST_FILING_SUSPECTED");

  return {
    classification,
    reasons,
    months,
    rawPeriodEnd: epochDayToIso(raw),
    periodEnd: epochDayToIso(end),
    ...(restorationEnd === undefined ? {} : { restorationEnd: epochDayToIso(restorationEnd) }),
    ...idPart,
  };
}

/**
 * Paris Art. 4C(2)/(4): the period runs from the first application for the subject matter. If the claimed
 * application itself claims an earlier application of a compatible type, and the later filing is beyond that
 * earlier application's period, the claimed one may not be the first filing for the common matter (domain.md 4.7).
 */
function suspectNotFirstFiling(input: CheckPriorityClaimInput, priorityType: IpType, later: number, months: number): boolean {
  for (const earlier of input.claimedClaims ?? []) {
    const type = assertIpType(earlier.ipType);
    const sameKind = type === priorityType || (PATENT_LIKE.has(type) && PATENT_LIKE.has(priorityType));
    if (sameKind && later > addMonths(isoToEpochDay(earlier.filingDate), months)) return true;
  }
  return false;
}

export type ClaimantCheck = Readonly<{
  checks: readonly PriorityCheck[];
  /** Earliest priority date among `valid` claims: the start of the 18-month publication clock (domain.md 4.7). */
  earliestValidPriorityDate?: string;
}>;

/**
 * Classifies each claim of one application on its own (Paris Art. 4F: multiple priorities are allowed).
 */
export function checkPriorityClaims(
  claimant: PriorityClaimParty,
  claims: readonly CheckPriorityClaimInput["claimed"][],
  options: Omit<CheckPriorityClaimInput, "claimed" | "claimant" | "claimedClaims"> = {},
): ClaimantCheck {
  const checks = claims.map((claimed) => checkPriorityClaim({ ...options, claimed, claimant }));
  let earliest: string | undefined;
  claims.forEach((claimed, i) => {
    if (checks[i]?.classification === "valid" && (earliest === undefined || claimed.filingDate < earliest)) earliest = claimed.filingDate;
  });
  return { checks, ...(earliest === undefined ? {} : { earliestValidPriorityDate: earliest }) };
}
