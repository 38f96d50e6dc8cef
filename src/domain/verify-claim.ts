import type { IpType } from "./ip-types.js";
import { checkPriorityClaim, crossTypeRule, type PriorityCheck, type PriorityClaimParty } from "./priority.js";

/** What the register holds about the claimed application, if anything. */
export type RegisteredApplication = Readonly<{ filingDate: string; ipType: IpType }>;

export type VerifyPriorityClaimInput = Readonly<{
  /** `number`, when given, is parsed again for the check's `claimedId`: a caller that parsed it already leaves it out. */
  claimed: PriorityClaimParty & Readonly<{ number?: string }>;
  claimant: PriorityClaimParty;
  /** The claimed application's record on the register; undefined when it is not registered. */
  registered: RegisteredApplication | undefined;
  closedDays?: readonly string[];
}>;

export type PriorityClaimVerdict = Readonly<{
  /** Whether the claimed application is on the register (a non-participating office's never is). */
  registered: boolean;
  registeredFilingDate?: string;
  /** The claim's date equals the registered filing date (WIPO DAS "mismatched priority filing date" otherwise). */
  filingDateMatches?: boolean;
  registeredIpType?: IpType;
  /** The registered type may found the claimant's type (Paris Art. 4E); undefined when not registered. */
  ipTypeCompatible?: boolean;
  /** The period check on the dates as claimed. */
  check: PriorityCheck;
}>;

/**
 * A priority claim checked against the register: is the claimed application there, does its registered filing
 * date match the claimed date, and is the claim in time (domain.md §4.4). Pure: the caller reads the register.
 */
export function verifyPriorityClaim(input: VerifyPriorityClaimInput): PriorityClaimVerdict {
  const check = checkPriorityClaim({
    claimed: input.claimed,
    claimant: input.claimant,
    ...(input.closedDays === undefined ? {} : { closedDays: input.closedDays }),
  });
  const { registered } = input;
  if (registered === undefined) return { registered: false, check };
  return {
    registered: true,
    registeredFilingDate: registered.filingDate,
    filingDateMatches: registered.filingDate === input.claimed.filingDate,
    registeredIpType: registered.ipType,
    ipTypeCompatible: crossTypeRule(registered.ipType, input.claimant.ipType).allowed !== "no",
    check,
  };
}
