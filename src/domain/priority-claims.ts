import { DiprError } from "../errors.js";
import { parseApplicationNumber } from "./application-number.js";
import { parseIsoDate } from "./dates.js";
import type { IpType } from "./ip-types.js";
import { getOffice, type OfficeCode, type OfficeKind } from "./office-codes.js";

/** One priority claim as the API and ST.96 carry it (domain.md 5.1; `pat:PriorityClaim`). */
export type PriorityClaimInput = Readonly<{
  sequenceNumber: number;
  ipOfficeCode: string;
  applicationNumberText: string;
  filingDate: string;
  /** ST.36 `priority-claim/@kind`; must match the office's kind. */
  applicationFilingCategory: OfficeKind;
  ipType?: IpType;
}>;

export type NormalizedPriorityClaim = Readonly<{
  sequenceNumber: number;
  ipOfficeCode: OfficeCode;
  applicationNumberText: string;
  canonicalId: string;
  filingDate: string;
  applicationFilingCategory: OfficeKind;
}>;

/**
 * Validates and normalises one claim: office, date, filing category (EP is regional, WO international), number.
 * @throws DiprError OFFICE_CODE_*, DATE_FORMAT, INVALID_DATE, CATEGORY_MISMATCH, and the number errors of
 *   parseApplicationNumber; `details.target` names the offending property.
 */
export function normalizePriorityClaim(claim: PriorityClaimInput): NormalizedPriorityClaim {
  const office = withTarget("ipOfficeCode", () => getOffice(claim.ipOfficeCode));
  withTarget("filingDate", () => parseIsoDate(claim.filingDate));
  if (claim.applicationFilingCategory !== office.kind) {
    throw new DiprError(
      "CATEGORY_MISMATCH",
      `A priority claim from ${office.code} has filing category ${office.kind}, not ${claim.applicationFilingCategory}.`,
      { target: "applicationFilingCategory", office: office.code, expected: office.kind, actual: claim.applicationFilingCategory },
    );
  }
  const parsed = withTarget("applicationNumberText", () =>
    parseApplicationNumber(office.code, claim.applicationNumberText, {
      filingDate: claim.filingDate,
      ...(claim.ipType === undefined ? {} : { ipType: claim.ipType }),
    }),
  );
  return {
    sequenceNumber: claim.sequenceNumber,
    ipOfficeCode: office.code,
    applicationNumberText: parsed.applicationNumberText,
    canonicalId: parsed.canonicalId,
    filingDate: claim.filingDate,
    applicationFilingCategory: claim.applicationFilingCategory,
  };
}

/**
 * Validates the claim bag of one application: each claim, then distinct sequence numbers and no self-claim.
 * @param applicationId canonical id of the claiming application
 * @throws DiprError DUPLICATE_SEQUENCE, SELF_PRIORITY, or the first claim's error (with `details.sequenceNumber`)
 */
export function normalizePriorityClaimBag(applicationId: string, claims: readonly PriorityClaimInput[]): readonly NormalizedPriorityClaim[] {
  const seen = new Set<number>();
  const out: NormalizedPriorityClaim[] = [];
  for (const claim of claims) {
    if (seen.has(claim.sequenceNumber)) {
      throw new DiprError("DUPLICATE_SEQUENCE", `Two priority claims have sequence number ${claim.sequenceNumber}.`, {
        target: "sequenceNumber",
        sequenceNumber: claim.sequenceNumber,
      });
    }
    seen.add(claim.sequenceNumber);
    let normalized: NormalizedPriorityClaim;
    try {
      normalized = normalizePriorityClaim(claim);
    } catch (e) {
      if (e instanceof DiprError) {
        throw new DiprError(e.code, e.message, { ...e.details, sequenceNumber: claim.sequenceNumber }, { cause: e });
      }
      throw e;
    }
    if (normalized.canonicalId === applicationId) {
      throw new DiprError("SELF_PRIORITY", `Application ${applicationId} cannot claim its own priority.`, {
        target: "applicationNumberText",
        sequenceNumber: claim.sequenceNumber,
        applicationId,
      });
    }
    out.push(normalized);
  }
  return out;
}

function withTarget<T>(target: string, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DiprError) throw new DiprError(e.code, e.message, { ...e.details, target }, { cause: e });
    throw e;
  }
}
