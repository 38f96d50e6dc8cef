/**
 * dipr's IP domain core: ST.3 office codes, ST.13 application numbers, Paris/PCT priority periods and patent
 * families. Pure: no I/O, no clock (dates are arguments). Rules and test vectors: docs/domain.md.
 */
export {
  APPLICATION_KINDS,
  assertIpType,
  GENERIC_ST13_TYPE_CODE,
  IP_TYPES,
  ipTypeFromIndex,
  ipTypeToIndex,
  isIpType,
  PRIORITY_MONTHS,
  type ApplicationKind,
  type IpType,
} from "./ip-types.js";
export {
  addMonths,
  addMonthsIso,
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  epochDayToIso,
  isLeapYear,
  isoToChainDay,
  isoToEpochDay,
  isoWeekday,
  MAX_CHAIN_DAY,
  parseIsoDate,
  weekday,
  type CivilDate,
  type Weekday,
} from "./dates.js";
export { applicationIdOf } from "./application-id.js";
export { isPublicationDuePassed, isPublicationOverdue, PUBLICATION_MONTHS, publicationDue, type PublicationOverdueInput } from "./publication.js";
export { createOfficeCalendar, DEFAULT_WEEKEND, nextWorkingDay, type OfficeCalendar, type OfficeCalendarOptions } from "./calendar.js";
export {
  getOffice,
  isOfficeCode,
  listOffices,
  parseOfficeCode,
  type OfficeCode,
  type OfficeInfo,
  type OfficeKind,
  type ParisBasis,
} from "./office-codes.js";
export { cnCheckCharacter, deCheckDigit, epCheckDigit } from "./check-digits.js";
export {
  CANONICAL_NUMBER_PATTERN,
  canonicalId,
  formatApplicationNumber,
  parseApplicationNumber,
  splitCanonicalId,
  type ParseApplicationNumberOptions,
  type ParsedApplicationNumber,
} from "./application-number.js";
export { NUMBER_RULES } from "./numbers/index.js";
export {
  checkPriorityClaim,
  checkPriorityClaims,
  crossTypeRule,
  priorityPeriodEnd,
  type CheckPriorityClaimInput,
  type ClaimantCheck,
  type CrossTypeRule,
  type PriorityCheck,
  type PriorityClaimParty,
  type PriorityClassification,
  type PriorityReason,
} from "./priority.js";
export {
  normalizePriorityClaim,
  normalizePriorityClaimBag,
  type NormalizedPriorityClaim,
  type PriorityClaimInput,
} from "./priority-claims.js";
export {
  claimantsOf,
  createFamilyIndex,
  domesticFamily,
  extendedFamily,
  priorityChain,
  simpleFamily,
  type FamilyApplication,
  type FamilyClaimStatus,
  type FamilyIndex,
  type FamilyLinkKind,
} from "./families.js";
export {
  verifyPriorityClaim,
  type ClaimedOfficeStatus,
  type PriorityClaimVerdict,
  type RegisteredApplication,
  type VerdictComparison,
  type VerdictPeriod,
  type VerifyPriorityClaimInput,
} from "./verify-claim.js";
export {
  OUTCOME_DESCRIPTIONS,
  PERIOD_REASON_DESCRIPTIONS,
  PERIOD_REASONS,
  REGISTER_REASON_DESCRIPTIONS,
  REGISTER_REASONS,
  VERDICT_OUTCOMES,
  VERDICT_REASON_DESCRIPTIONS,
  VERDICT_REASONS,
  type RegisterReason,
  type VerdictOutcome,
  type VerdictReason,
} from "./verdict-words.js";
export {
  assertDocumentKind,
  assertInternationalReferenceKind,
  DOCUMENT_KIND_INFO,
  DOCUMENT_KINDS,
  documentKindFromCode,
  documentKindToCode,
  INTERNATIONAL_REFERENCE_CODES,
  INTERNATIONAL_REFERENCE_KINDS,
  internationalReferenceKindFromCode,
  internationalReferenceKindToCode,
  isDocumentKind,
  isInternationalReferenceKind,
  parseInternationalReference,
  type DocumentKind,
  type DocumentKindInfo,
  type InternationalReference,
  type InternationalReferenceKind,
} from "./documents.js";
