/**
 * dipr's error codes: one closed union, stable across versions (messages may change).
 * Each code has its meaning and, for the API, its HTTP status in {@link ERROR_TABLE}.
 */
export const ERROR_TABLE = {
  CONFIG_INVALID: { status: 500, title: "Configuration is invalid" },
  CLI_USAGE: { status: 400, title: "Command line is invalid" },
  CHAIN_UNAVAILABLE: { status: 503, title: "The chain node cannot be reached" },
  CHAIN_REVERTED: { status: 422, title: "The register rejected the transaction" },
  DEPLOYMENT_NOT_FOUND: { status: 500, title: "No deployment record for this chain" },
  // Domain codes (../shared/domain.md). 400 = malformed input, 422 = well-formed but breaks a domain rule
  // (domain.md section 7).
  OFFICE_CODE_NOT_UPPERCASE: { status: 400, title: "Office code must be upper case" },
  OFFICE_CODE_LENGTH: { status: 400, title: "Office code must have exactly two letters" },
  OFFICE_CODE_CHARSET: { status: 400, title: "Office code may contain only the letters A-Z" },
  OFFICE_CODE_UNKNOWN: { status: 400, title: "Office code is not on the WIPO ST.3 list" },
  OFFICE_NUMBERING_UNSUPPORTED: { status: 422, title: "dipr has no numbering rules for this office" },
  OFFICE_PREFIX_MISMATCH: { status: 400, title: "Application number carries another office's prefix" },
  NUMBER_LENGTH: { status: 400, title: "Application number has the wrong number of digits" },
  NUMBER_FORMAT: { status: 400, title: "Application number does not match the office's format" },
  CHECK_CHAR_CASE: { status: 400, title: "Check character must be upper case" },
  CHECK_DIGIT_MISMATCH: { status: 422, title: "Application number fails its check digit" },
  UNKNOWN_TYPE_DIGIT: { status: 422, title: "Application number has an unknown type digit" },
  UNKNOWN_TYPE_CODE: { status: 422, title: "Application number has an unknown IP type code" },
  IMPOSSIBLE_YEAR: { status: 422, title: "Application number has an impossible year" },
  IP_TYPE_UNKNOWN: { status: 400, title: "IP type is not one of patent, utilityModel, industrialDesign, trademark" },
  IP_TYPE_MISMATCH: { status: 422, title: "Application number belongs to another IP type" },
  IP_TYPE_UNSUPPORTED: { status: 422, title: "IP type is not supported for this office" },
  INVALID_DATE: { status: 400, title: "Date does not exist in the Gregorian calendar" },
  DATE_FORMAT: { status: 400, title: "Date must be written YYYY-MM-DD" },
  CATEGORY_MISMATCH: { status: 422, title: "Filing category does not match the office" },
  DUPLICATE_SEQUENCE: { status: 422, title: "Two priority claims share a sequence number" },
  SELF_PRIORITY: { status: 422, title: "An application cannot claim its own priority" },
  FAMILY_UNKNOWN_APPLICATION: { status: 404, title: "Application is not in the family input set" },
  FAMILY_DUPLICATE_APPLICATION: { status: 400, title: "Application appears twice in the family input set" },
} as const satisfies Record<string, { status: number; title: string }>;

export type DiprErrorCode = keyof typeof ERROR_TABLE;

export class DiprError extends Error {
  override name = "DiprError";
  readonly retryable: boolean;
  constructor(
    readonly code: DiprErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
    options?: { cause?: unknown; retryable?: boolean },
  ) {
    super(message, { cause: options?.cause });
    this.retryable = options?.retryable ?? false;
  }
}

export const isDiprError = (e: unknown, code?: DiprErrorCode): e is DiprError =>
  e instanceof DiprError && (code === undefined || e.code === code);
