import type { PriorityReason } from "./priority.js";

/**
 * The words of a verdict, each with the sentence that explains it. The API's OpenAPI enums, docs/verdicts.md and
 * the demo all use these tables, so an outcome or a reason cannot be added without saying what it means (the
 * `Record` types make a missing description a compile error).
 */

/** The one answer to the examiner's question "does this priority claim hold?", in order of precedence. */
export const VERDICT_OUTCOMES = ["mismatch", "invalid", "late", "notRegistered", "unknownOffice", "verifiedRestorable", "verified"] as const;
export type VerdictOutcome = (typeof VERDICT_OUTCOMES)[number];

export const OUTCOME_DESCRIPTIONS: Readonly<Record<VerdictOutcome, string>> = {
  verified:
    "The claimed application is on the register with the claimed filing date and IP type, and the claim was filed within the priority period (Paris Art. 4C) counted from the registered date.",
  verifiedRestorable:
    "As verified, except that the claim was filed after the priority period but within the two-month restoration window (PCT Rule 26bis.3): the right of priority can be restored on request.",
  mismatch:
    "The claimed application is on the register, but its registered filing date or IP type differs from the claim. `compared` gives both values; `period` is computed from the registered date and type, so it shows whether a corrected claim would be in time.",
  late: "The claim was filed after the priority period (and after the restoration window, or the type has none), counted from the registered date when the application is registered.",
  invalid:
    "The claim cannot found a priority whatever the dates: the claimant was filed before or on the claimed date, the types cannot be combined (Paris Art. 4E), or the claimed office founds no Paris priority.",
  notRegistered:
    "The claimed office takes part in the register but has no application with this number: the claim is in time on its own dates, but the register cannot confirm the claimed application.",
  unknownOffice:
    "The claimed office does not take part in the register, so nothing could be compared: the claim is in time by the Paris/PCT rules alone, on the dates and type as claimed.",
};

/** Reasons that come from comparing the claim with the register. */
export const REGISTER_REASONS = ["FILING_DATE_MISMATCH", "IP_TYPE_MISMATCH", "NOT_REGISTERED", "OFFICE_NOT_ON_REGISTER", "CLAIMED_OFFICE_SUSPENDED"] as const;
export type RegisterReason = (typeof REGISTER_REASONS)[number];

export const REGISTER_REASON_DESCRIPTIONS: Readonly<Record<RegisterReason, string>> = {
  FILING_DATE_MISMATCH: "The claimed filing date differs from the registered filing date (WIPO DAS: mismatched priority filing date).",
  IP_TYPE_MISMATCH: "The claimed IP type differs from the registered IP type.",
  NOT_REGISTERED: "The claimed office is on the register but has no application with this number.",
  OFFICE_NOT_ON_REGISTER: "The claimed office does not take part in the register; only the period rules were applied.",
  CLAIMED_OFFICE_SUSPENDED:
    "The claimed office is suspended on the register: it records nothing new, but its records stay readable and were compared as usual.",
};

export const PERIOD_REASON_DESCRIPTIONS: Readonly<Record<PriorityReason, string>> = {
  LATER_BEFORE_PRIORITY: "The claimant was filed before the claimed application.",
  SAME_DAY: "The claimant was filed on the same day as the claimed application: a same-day claim gains nothing (dipr decision).",
  CROSS_TYPE: "The claimed IP type cannot found a priority for the claimant's IP type (Paris Art. 4E).",
  NOT_PARIS_MEMBER: "The claimed office is not of a Paris Union or WTO member, nor a regional or international office (Paris Art. 4A).",
  PERIOD_EXPIRED: "The claimant was filed after the priority period ended.",
  RESTORATION_WINDOW_EXPIRED: "The claimant was filed after the two-month restoration window ended (PCT Rule 26bis.3).",
  NO_RESTORATION_FOR_TYPE: "No restoration exists for the claimant's IP type (designs and trade marks).",
  PERIOD_EXTENDED_NON_WORKING_DAY: "In time only because the period's last day fell on a non-working day and moved to the next working day (Paris Art. 4C(3)).",
  CROSS_TYPE_OFFICE_RULE: "A patent founding a design's priority: not in the Paris Convention, allowed or refused by the claimant's office's own law.",
  NOT_FIRST_FILING_SUSPECTED: "The claimed application itself claims an earlier one of the same kind: it may not be the first filing (Paris Art. 4C(2)).",
  WINDOW_BASE_EXTENDED: "The restoration window is counted from the period's extended end (dipr reading of Rule 26bis.3, unverified).",
  WINDOW_END_NON_WORKING_DAY: "The restoration window ends on a non-working day; dipr does not extend it.",
};

export const PERIOD_REASONS = Object.keys(PERIOD_REASON_DESCRIPTIONS) as PriorityReason[];

export type VerdictReason = RegisterReason | PriorityReason;

/** Every reason code a verdict can carry, with its description. */
export const VERDICT_REASON_DESCRIPTIONS: Readonly<Record<VerdictReason, string>> = { ...REGISTER_REASON_DESCRIPTIONS, ...PERIOD_REASON_DESCRIPTIONS };
export const VERDICT_REASONS = Object.keys(VERDICT_REASON_DESCRIPTIONS) as [VerdictReason, ...VerdictReason[]];
