import { extendZodWithOpenApi, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { IP_TYPES } from "../domain/index.js";

extendZodWithOpenApi(z);

/**
 * The API's schemas: the same zod objects validate requests and generate `/openapi.json`, so the document cannot
 * drift from what the server accepts. Property names are lowerCamelCase and ST.96-aligned (ST.90 style).
 */
export const registry = new OpenAPIRegistry();

export const MAX_VERIFY_BATCH = 1000;
export const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 20;

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date written YYYY-MM-DD")
  .openapi({ format: "date", example: "2024-03-01" });
const officeCode = z.string().openapi({ description: "WIPO ST.3 office code", example: "EP" });
const ipType = z.enum(IP_TYPES).openapi({ description: "IP right of the application" });
const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/);

// ------------------------------------------------------------------ requests

export const ApplicationPathParams = z.object({
  office: officeCode.openapi({ param: { name: "office", in: "path" } }),
  number: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: "number", in: "path" }, description: "Application number in any format the office uses (URL-encoded)", example: "23123456.8" }),
});

export const OfficePathParams = z.object({ code: officeCode.openapi({ param: { name: "code", in: "path" } }) });

export const ClaimToVerify = z
  .object({
    office: officeCode,
    number: z.string().min(1).max(64),
    filingDate: isoDate,
    ipType,
    claimantOffice: officeCode,
    claimantFilingDate: isoDate,
    claimantIpType: ipType,
  })
  .strict()
  .openapi("ClaimToVerify");

export const VerifyBatchBody = z
  .object({ claims: z.array(ClaimToVerify).min(1).max(MAX_VERIFY_BATCH) })
  .strict()
  .openapi("VerifyBatchRequest");

export const NoQuery = z.object({}).strict();

export const FamilyQuery = z.object({ kind: z.enum(["simple", "extended"]).default("extended") }).strict();

export const ClaimantsQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT),
    cursor: z.string().max(200).optional().openapi({ description: "Opaque cursor from links.next" }),
  })
  .strict();

// ------------------------------------------------------------------ responses

const ChainRef = z
  .object({ blockNumber: z.number().int(), transactionHash: hex32, logIndex: z.number().int() })
  .openapi("ChainRef");

export const Office = z
  .object({
    ipOfficeCode: officeCode,
    name: z.string(),
    status: z.enum(["active", "suspended"]),
    signerCount: z.number().int(),
    admittedAt: ChainRef,
  })
  .openapi("Office");

export const PriorityClaim = z
  .object({
    sequenceNumber: z.number().int(),
    ipOfficeCode: officeCode,
    applicationNumberText: z.string(),
    filingDate: isoDate,
    status: z.enum(["active", "withdrawn"]),
  })
  .openapi("PriorityClaim");

export const Application = z
  .object({
    ipOfficeCode: officeCode,
    applicationNumberText: z.string(),
    canonicalId: z.string(),
    applicationId: hex32,
    filingDate: isoDate,
    ipType,
    parentApplication: z
      .object({ canonicalId: z.string(), linkKind: z.enum(["divisional", "continuation", "continuationInPart"]) })
      .optional(),
    priorityClaimBag: z.array(PriorityClaim),
    registeredAt: ChainRef,
  })
  .openapi("Application");

export const HistoryEntry = z
  .object({
    event: z.string(),
    blockNumber: z.number().int(),
    transactionHash: hex32,
    logIndex: z.number().int(),
    blockTime: z.string().datetime().optional().openapi({ description: "When the block was produced (ISO 8601, UTC)", example: "2025-03-03T09:30:12.000Z" }),
    fields: z.record(z.union([z.string(), z.number()])),
  })
  .openapi("HistoryEntry");

export const Verdict = z
  .object({
    claim: ClaimToVerify,
    claimedCanonicalId: z.string().optional(),
    registered: z.boolean(),
    registeredFilingDate: isoDate.optional(),
    filingDateMatches: z.boolean().optional(),
    registeredIpType: ipType.optional(),
    ipTypeCompatible: z.boolean().optional(),
    classification: z.enum(["valid", "restorable", "late", "invalid"]).optional(),
    reasons: z.array(z.string()),
    months: z.number().int().optional(),
    periodEnd: isoDate.optional(),
    rawPeriodEnd: isoDate.optional(),
    restorationEnd: isoDate.optional(),
    error: z
      .object({ code: z.string(), message: z.string(), target: z.string() })
      .optional()
      .openapi({ description: "Set instead of a classification when this claim of a batch is malformed" }),
  })
  .openapi("Verdict");

export const FamilyMember = z
  .object({
    canonicalId: z.string(),
    ipOfficeCode: officeCode,
    applicationNumberText: z.string(),
    registered: z.boolean(),
    filingDate: isoDate.optional(),
    ipType: ipType.optional(),
  })
  .openapi("FamilyMember");

export const FamilyLink = z
  .object({ from: z.string(), to: z.string(), kind: z.enum(["priority", "divisional", "continuation", "continuationInPart"]) })
  .openapi("FamilyLink");

export const Family = z
  .object({ kind: z.enum(["simple", "extended"]), applicationCanonicalId: z.string(), members: z.array(FamilyMember), links: z.array(FamilyLink) })
  .openapi("Family");

export const Claimant = z
  .object({
    claimantCanonicalId: z.string(),
    ipOfficeCode: officeCode,
    applicationNumberText: z.string(),
    sequenceNumber: z.number().int(),
    claimedFilingDate: isoDate,
    status: z.enum(["active", "withdrawn"]),
    claimedAt: ChainRef,
  })
  .openapi("Claimant");

export const Claimants = z
  .object({ claimedCanonicalId: z.string(), claimants: z.array(Claimant), links: z.object({ next: z.string().optional() }) })
  .openapi("Claimants");

export const Status = z
  .object({
    chainId: z.number().int(),
    registerAddress: z.string(),
    indexedBlock: z.number().int(),
    headBlock: z.number().int().nullable(),
    lag: z.number().int().nullable(),
    digest: hex32,
    ready: z.boolean(),
  })
  .openapi("Status");

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(z.object({ code: z.string(), message: z.string(), target: z.string() })).optional(),
  })
  .openapi("Problem");
