import type { ApplicationSpec, LinkKind, PriorityClaimSpec } from "../chain/encode.js";
import { applicationIdOf } from "../chain/register-contract.js";
import { DiprError } from "../errors.js";
import { assertIpType, parseApplicationNumber, parseIsoDate, parseOfficeCode, type IpType } from "../domain/index.js";

/** A priority claim as an office clerk types it: the number in any national format. */
export type ClaimInput = Readonly<{ office: string; number: string; filingDate: string }>;

/** An application as an office clerk types it (a CLI command, a CSV row, an ST.96 XML record). */
export type ApplicationInput = Readonly<{
  office: string;
  number: string;
  filingDate: string;
  ipType: string;
  claims?: readonly ClaimInput[];
  /** A parent application of the same office, typed in any national format. */
  parent?: Readonly<{ number: string; kind: string }>;
}>;

export type ResolvedApplication = Readonly<{ office: string; spec: ApplicationSpec; canonicalId: string; applicationId: string }>;

const LINKS: readonly Exclude<LinkKind, "none">[] = ["divisional", "continuation", "continuationInPart"];

/**
 * Checks typed input with the domain core and turns it into what the register client sends: canonical numbers,
 * ISO dates, the IP type, the parent's id. Nothing is sent here.
 * @throws DiprError with the domain core's code and reason (NUMBER_FORMAT, CHECK_DIGIT_MISMATCH, DATE_FORMAT,
 * IP_TYPE_UNKNOWN, OFFICE_CODE_*, ...) or CLI_USAGE for an unknown link kind; `details.field` names the input.
 */
export function resolveApplication(input: ApplicationInput): ResolvedApplication {
  const office = field("office", () => parseOfficeCode(input.office));
  const ipType = field("ipType", () => assertIpType(input.ipType)) as IpType;
  const filingDate = field("filingDate", () => (parseIsoDate(input.filingDate), input.filingDate));
  const number = field("number", () => parseApplicationNumber(office, input.number, { ipType, filingDate }).applicationNumberText);
  const claims = (input.claims ?? []).map((claim, i) => resolveClaim(claim, ipType, `claims.${i}`));
  let parent: ApplicationSpec["parent"];
  if (input.parent !== undefined) {
    const kind = input.parent.kind as Exclude<LinkKind, "none">;
    if (!LINKS.includes(kind)) {
      throw new DiprError("CLI_USAGE", `link kind must be one of ${LINKS.join(", ")}, got ${JSON.stringify(input.parent.kind)}`, { field: "parent.kind" });
    }
    const parentNumber = field("parent.number", () => parseApplicationNumber(office, input.parent!.number, { ipType }).applicationNumberText);
    parent = { id: applicationIdOf(office, parentNumber), kind };
  }
  return {
    office,
    spec: { number, filingDate, ipType, ...(claims.length > 0 && { claims }), ...(parent && { parent }) },
    canonicalId: `${office}:${number}`,
    applicationId: applicationIdOf(office, number),
  };
}

/** A typed claim in canonical form. The claimed application is of the claimant's kind of right (its IP type). */
export function resolveClaim(claim: ClaimInput, ipType: IpType, path = "claim"): PriorityClaimSpec {
  const office = field(`${path}.office`, () => parseOfficeCode(claim.office));
  const filingDate = field(`${path}.filingDate`, () => (parseIsoDate(claim.filingDate), claim.filingDate));
  const number = field(`${path}.number`, () => parseApplicationNumber(office, claim.number, { ipType, filingDate }).applicationNumberText);
  return { office, number, filingDate };
}

/** Runs a domain check, naming the input field in the error it throws. */
function field<T>(name: string, check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof DiprError) throw new DiprError(error.code, `${name}: ${error.message}`, { ...error.details, field: name }, { cause: error });
    throw error;
  }
}
