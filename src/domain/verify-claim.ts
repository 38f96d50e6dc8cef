import type { IpType } from "./ip-types.js";
import { checkPriorityClaim, crossTypeRule, type PriorityClassification, type PriorityClaimParty } from "./priority.js";
import type { RegisterReason, VerdictOutcome, VerdictReason } from "./verdict-words.js";

/** What the register holds about the claimed application, if anything. */
export type RegisteredApplication = Readonly<{ filingDate: string; ipType: IpType }>;

/** The claimed office as the register holds it: `notOnRegister` when it does not take part. */
export type ClaimedOfficeStatus = "active" | "suspended" | "notOnRegister";

export type VerifyPriorityClaimInput = Readonly<{
  claimed: PriorityClaimParty;
  claimant: PriorityClaimParty;
  /** The claimed office's status on the register (undefined: not on the register). */
  claimedOffice: Readonly<{ status: "active" | "suspended" }> | undefined;
  /** The claimed application's record on the register; undefined when it is not registered. */
  registered: RegisteredApplication | undefined;
  closedDays?: readonly string[];
}>;

/** What was compared, field by field (WIPO DAS style: the examiner sees both sides, not only the result). */
export type VerdictComparison = Readonly<{
  claimedOfficeStatus: ClaimedOfficeStatus;
  registered: boolean;
  filingDate: Readonly<{ claimed: string; registered?: string; matches?: boolean }>;
  /** `registeredMayFoundClaimant`: the registered type may found the claimant's type (Paris Art. 4E). */
  ipType: Readonly<{ claimed: IpType; registered?: IpType; matches?: boolean; registeredMayFoundClaimant?: boolean }>;
}>;

/** The period check, on the registered date and type when there are some (`basis`), else on the claimed ones. */
export type VerdictPeriod = Readonly<{
  basis: "registered" | "claimed";
  classification: PriorityClassification;
  months?: number;
  rawPeriodEnd?: string;
  periodEnd?: string;
  restorationEnd?: string;
}>;

export type PriorityClaimVerdict = Readonly<{
  outcome: VerdictOutcome;
  /** Register reasons first, then the period check's. */
  reasons: readonly VerdictReason[];
  compared: VerdictComparison;
  period: VerdictPeriod;
}>;

/**
 * A priority claim checked against the register and the Paris/PCT rules, with one outcome (docs/verdicts.md).
 * The period runs from the registered filing date when the claimed application is registered: the register, not
 * the claim, says when it was filed. Precedence: a registered application that differs from the claim is a
 * `mismatch` (the claim as filed is wrong, whatever the period says); then `invalid` and `late` (no register fact
 * can save the claim); then `notRegistered` and `unknownOffice` (in time, but unconfirmed); then `verifiedRestorable`
 * and `verified`. Pure: the caller reads the register.
 * @throws DiprError for malformed offices, dates or IP types (checkPriorityClaim's errors).
 */
export function verifyPriorityClaim(input: VerifyPriorityClaimInput): PriorityClaimVerdict {
  const { claimed, claimant, registered } = input;
  const basis = registered ?? claimed;
  const check = checkPriorityClaim({
    claimed: { office: claimed.office, filingDate: basis.filingDate, ipType: basis.ipType },
    claimant,
    ...(input.closedDays === undefined ? {} : { closedDays: input.closedDays }),
  });
  const claimedOfficeStatus: ClaimedOfficeStatus = input.claimedOffice?.status ?? (registered ? "active" : "notOnRegister");
  const compared: VerdictComparison = {
    claimedOfficeStatus,
    registered: registered !== undefined,
    filingDate: registered
      ? { claimed: claimed.filingDate, registered: registered.filingDate, matches: registered.filingDate === claimed.filingDate }
      : { claimed: claimed.filingDate },
    ipType: registered
      ? {
          claimed: claimed.ipType,
          registered: registered.ipType,
          matches: registered.ipType === claimed.ipType,
          registeredMayFoundClaimant: crossTypeRule(registered.ipType, claimant.ipType).allowed !== "no",
        }
      : { claimed: claimed.ipType },
  };

  const registerReasons: RegisterReason[] = [];
  if (compared.filingDate.matches === false) registerReasons.push("FILING_DATE_MISMATCH");
  if (compared.ipType.matches === false) registerReasons.push("IP_TYPE_MISMATCH");
  if (!registered) registerReasons.push(claimedOfficeStatus === "notOnRegister" ? "OFFICE_NOT_ON_REGISTER" : "NOT_REGISTERED");
  if (claimedOfficeStatus === "suspended") registerReasons.push("CLAIMED_OFFICE_SUSPENDED");

  const { classification } = check;
  const outcome: VerdictOutcome =
    compared.filingDate.matches === false || compared.ipType.matches === false
      ? "mismatch"
      : classification === "invalid" || classification === "late"
        ? classification
        : !registered
          ? claimedOfficeStatus === "notOnRegister"
            ? "unknownOffice"
            : "notRegistered"
          : classification === "restorable"
            ? "verifiedRestorable"
            : "verified";

  return {
    outcome,
    reasons: [...registerReasons, ...check.reasons],
    compared,
    period: {
      basis: registered ? "registered" : "claimed",
      classification,
      ...(check.months === undefined ? {} : { months: check.months }),
      ...(check.rawPeriodEnd === undefined ? {} : { rawPeriodEnd: check.rawPeriodEnd }),
      ...(check.periodEnd === undefined ? {} : { periodEnd: check.periodEnd }),
      ...(check.restorationEnd === undefined ? {} : { restorationEnd: check.restorationEnd }),
    },
  };
}
