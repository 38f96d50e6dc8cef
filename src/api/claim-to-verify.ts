import type { z } from "zod";
import { IP_TYPES } from "../domain/index.js";
import type { ClaimToVerify } from "./schemas.js";

type Claim = z.infer<typeof ClaimToVerify>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const IP_TYPE_SET: ReadonlySet<string> = new Set(IP_TYPES);
const MAX_NUMBER_CODE_POINTS = 64;

/**
 * The claim, when `value` is one the ClaimToVerify schema accepts as it is: exactly its seven properties, all strings,
 * the dates written YYYY-MM-DD, the IP types known, the number 1 to 64 code points. Undefined for anything else, which
 * the schema itself then judges and names the faults of. The schema's zod parse cost about a third of a verify
 * request's own work; this check gives the same claim for the well-formed ones, built in the schema's property order
 * (the verdict echoes it), and test/api/claim-to-verify.test.ts holds it to the schema.
 */
export function wellFormedClaim(value: unknown): Claim | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  // zod's strict check walks the keys with for-in too: an inherited enumerable key counts as unknown there as well.
  let keys = 0;
  for (const _ in v) keys++;
  if (keys !== 7) return undefined;
  const { office, number, filingDate, ipType, claimantOffice, claimantFilingDate, claimantIpType } = v;
  if (
    typeof office !== "string" ||
    typeof claimantOffice !== "string" ||
    typeof number !== "string" ||
    typeof filingDate !== "string" ||
    typeof claimantFilingDate !== "string" ||
    typeof ipType !== "string" ||
    typeof claimantIpType !== "string" ||
    !DATE.test(filingDate) ||
    !DATE.test(claimantFilingDate) ||
    !IP_TYPE_SET.has(ipType) ||
    !IP_TYPE_SET.has(claimantIpType) ||
    !hasCodePoints(number, 1, MAX_NUMBER_CODE_POINTS)
  ) {
    return undefined;
  }
  return { office, number, filingDate, ipType: ipType as Claim["ipType"], claimantOffice, claimantFilingDate, claimantIpType: claimantIpType as Claim["claimantIpType"] };
}

/** JSON Schema's length of a string: code points, as the schema's own check counts them. */
function hasCodePoints(text: string, min: number, max: number): boolean {
  // A UTF-16 length within [min, max] with no surrogate can be taken as it is.
  if (text.length >= min && text.length <= max && !/[\uD800-\uDFFF]/.test(text)) return true;
  let length = 0;
  for (const _ of text) length++;
  return length >= min && length <= max;
}
