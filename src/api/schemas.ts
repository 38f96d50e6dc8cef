import { extendZodWithOpenApi, OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import {
  DOCUMENT_KINDS,
  INTERNATIONAL_REFERENCE_KINDS,
  IP_TYPES,
  OUTCOME_DESCRIPTIONS,
  VERDICT_OUTCOMES,
  VERDICT_REASON_DESCRIPTIONS,
  VERDICT_REASONS,
} from "../domain/index.js";

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
// The pattern is documentation only: the domain core checks the code, so that `ep` gets its own hint
// (OFFICE_CODE_NOT_UPPERCASE) rather than a bare pattern failure. Both answer 400.
const officeCode = z.string().openapi({ description: "WIPO ST.3 office code (two upper-case letters)", pattern: "^[A-Z]{2}$", example: "EP" });
const ipType = z.enum(IP_TYPES).openapi({ description: "IP right of the application" });
const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/);

/**
 * A string of `min`..`max` Unicode code points. JSON Schema's minLength/maxLength count code points, zod's
 * .min/.max UTF-16 units: a number typed with astral characters would otherwise be judged by another length than
 * the document states. The issues keep zod's too_small/too_big codes.
 */
function codePoints(min: number, max: number) {
  return z
    .string()
    .superRefine((value, ctx) => {
      let length = 0;
      for (const _ of value) length++;
      if (length < min) ctx.addIssue({ code: z.ZodIssueCode.too_small, minimum: min, type: "string", inclusive: true, message: `must be at least ${min} characters long` });
      if (length > max) ctx.addIssue({ code: z.ZodIssueCode.too_big, maximum: max, type: "string", inclusive: true, message: `must be at most ${max} characters long` });
    })
    .openapi({ minLength: min, maxLength: max });
}

/** A field problem, as in problem bodies: `target` names the offending property. */
const FieldProblem = z
  .object({ code: z.string(), message: z.string(), target: z.string() })
  .openapi("FieldProblem", { description: "One bad field: a stable code, a message and the property it is about" });

// ------------------------------------------------------------------ requests

export const ApplicationPathParams = z.object({
  office: officeCode.openapi({ param: { name: "office", in: "path" } }),
  number: codePoints(1, 64)
    .openapi({ param: { name: "number", in: "path" }, description: "Application number in any format the office uses (URL-encoded)", example: "23123456.8" }),
});

export const OfficePathParams = z.object({ code: officeCode.openapi({ param: { name: "code", in: "path" } }) });

export const ClaimToVerify = z
  .object({
    office: officeCode,
    number: codePoints(1, 64).openapi({ description: "The claimed application's number, in any format its office uses", example: "63/100,001" }),
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

/**
 * What the POST route validates as a whole: the envelope only. Each claim is validated on its own, so a malformed
 * claim gets its own errors in the answer and the rest of the batch is still verified (the document above says
 * what a claim should be).
 */
export const VerifyBatchEnvelope = z.object({ claims: z.array(z.unknown()).min(1).max(MAX_VERIFY_BATCH) }).strict();

// ------------------------------------------------------------------ unpublished applications (requests)

const commitmentHex = z
  .string()
  .regex(/^0x[0-9a-fA-F]{64}$/, "must be 0x and 64 hex digits")
  .openapi({ description: "The commitment of a blinded (unpublished) application: 0x and 64 hex digits", example: `0x${"3f".repeat(32)}` });

export const CommitmentPathParams = z.object({ commitment: commitmentHex.openapi({ param: { name: "commitment", in: "path" } }) });

export const BlindedClaimToVerify = z
  .object({
    office: officeCode,
    number: codePoints(1, 64).openapi({ description: "The blinded application's number, in any format its office uses", example: "2026012345" }),
    filingDate: isoDate,
    ipType,
    accessCode: z
      .string()
      .regex(/^0x[0-9a-fA-F]{64}$/, "must be 0x and 64 hex digits")
      .openapi({ description: "The access code the office gave the applicant (256 bits: 0x and 64 hex digits). Never logged or echoed." }),
  })
  .strict()
  .openapi("BlindedClaimToVerify", { description: "What an applicant gives a later office to prove a priority claim of an unpublished application" });

export const NoQuery = z.object({}).strict();

export const FamilyQuery = z.object({ kind: z.enum(["simple", "extended"]).default("extended") }).strict();

const pageLimit = z.coerce.number().int().min(1).max(MAX_PAGE_LIMIT).default(DEFAULT_PAGE_LIMIT);
const pageCursor = codePoints(0, 200).optional().openapi({ description: "Opaque cursor from links.next" });

export const ClaimantsQuery = z.object({ limit: pageLimit, cursor: pageCursor }).strict();

export const CommitmentsQuery = z
  .object({
    office: officeCode.optional().openapi({ description: "Only this office's commitments (WIPO ST.3 code)" }),
    overdue: z
      .enum(["true", "false"])
      .optional()
      .openapi({ description: "true: only the commitments flagged publicationOverdue, oldest first; false or absent: every commitment" }),
    limit: pageLimit,
    cursor: pageCursor,
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
    signers: z
      .array(z.object({ account: z.string().regex(/^0x[0-9a-f]{40}$/), grantedAt: ChainRef }))
      .openapi({ description: "The accounts that hold the office's signer role now (lower-case hex), with the grant that gave it." }),
    keyEpoch: z.number().int().openapi({ description: "How many times the registrar reset the office's keys (0: never)." }),
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

const described = (descriptions: Readonly<Record<string, string>>) =>
  Object.entries(descriptions)
    .map(([value, text]) => `- \`${value}\`: ${text}`)
    .join("\n");

export const VerdictOutcome = z.enum(VERDICT_OUTCOMES).openapi("VerdictOutcome", {
  description: `The one answer to "does this priority claim hold?" (docs/verdicts.md):\n\n${described(OUTCOME_DESCRIPTIONS)}`,
  "x-enumDescriptions": OUTCOME_DESCRIPTIONS,
} as never);

export const VerdictReason = z.enum(VERDICT_REASONS).openapi("VerdictReason", {
  description: `Why the verdict is what it is; register reasons come first, then the period rules':\n\n${described(VERDICT_REASON_DESCRIPTIONS)}`,
  "x-enumDescriptions": VERDICT_REASON_DESCRIPTIONS,
} as never);

const Comparison = z
  .object({
    claimedOfficeStatus: z
      .enum(["active", "suspended", "notOnRegister"])
      .openapi({ description: "The claimed office on the register, as the node has indexed it: active, suspended, or not taking part" }),
    registered: z.boolean().openapi({ description: "The claimed application is on the register" }),
    filingDate: z
      .object({ claimed: isoDate, registered: isoDate.optional(), matches: z.boolean().optional() })
      .openapi({ description: "The claimed filing date against the registered one (registered and matches only when registered)" }),
    ipType: z
      .object({
        claimed: ipType,
        registered: ipType.optional(),
        matches: z.boolean().optional(),
        registeredMayFoundClaimant: z.boolean().optional().openapi({ description: "The registered type may found a priority for the claimant's type (Paris Art. 4E)" }),
      })
      .openapi({ description: "The claimed IP type against the registered one (registered and matches only when registered)" }),
  })
  .openapi("VerdictComparison", { description: "What was compared with the register, both sides of each field" });

const Period = z
  .object({
    basis: z.enum(["registered", "claimed"]).openapi({ description: "Whose filing date and IP type the period runs from: the registered ones when registered" }),
    classification: z.enum(["valid", "restorable", "late", "invalid"]).openapi({ description: "The Paris/PCT period rules alone, on the basis" }),
    months: z.number().int().optional().openapi({ description: "Period length: 12 for patents and utility models, 6 for designs and trade marks (the claimant's type)" }),
    rawPeriodEnd: isoDate.optional().openapi({ description: "The period's end by PCT Rule 80.2, before the non-working-day extension" }),
    periodEnd: isoDate.optional().openapi({ description: "The last day to file the claimant (Paris Art. 4C(3) extension applied)" }),
    restorationEnd: isoDate.optional().openapi({ description: "The end of the two-month restoration window (PCT Rule 26bis.3); patents and utility models only" }),
  })
  .openapi("VerdictPeriod", { description: "The priority period, computed from the registered date when there is one" });

export const Verdict = z
  .object({
    claim: ClaimToVerify,
    claimedCanonicalId: z.string().openapi({ example: "US:63100001" }),
    outcome: VerdictOutcome,
    reasons: z.array(VerdictReason),
    compared: Comparison,
    period: Period,
  })
  .openapi("Verdict", { description: "One priority claim checked against the register and the Paris/PCT rules" });

export const ClaimError = z
  .object({
    claim: z.unknown().openapi({ description: "The claim as it was sent" }),
    errors: z.array(FieldProblem).min(1),
  })
  .openapi("ClaimError", { description: "A claim of a batch that could not be verified: malformed, or breaking a number rule" });

export const VerifyBatchResponse = z
  .object({ verdicts: z.array(z.union([Verdict, ClaimError])) })
  .openapi("VerifyBatchResponse", { description: "One verdict or one claim error per claim, in the order sent" });

export const FamilyDocument = z
  .object({ documentId: hex32, kind: z.enum(DOCUMENT_KINDS), date: isoDate })
  .openapi("FamilyDocument", {
    description: "A document the member's office recorded: its kind and date, not its content (GET /documents/{documentId} on that office's node, for offices of the family)",
  });

export const FamilyInternationalReference = z
  .object({
    kind: z.enum(INTERNATIONAL_REFERENCE_KINDS),
    text: z.string().openapi({ example: "PCT/EP2024/012345" }),
    canonicalId: z.string().optional().openapi({ description: "The reference read by the register's number rules, when they read it", example: "WO:EP2024012345" }),
  })
  .openapi("FamilyInternationalReference", { description: "A link of the member to an international register (Recommendation 12)" });

/** What a family shows of a member's documents and international references; absent when it has none. */
const memberReferences = {
  documents: z.array(FamilyDocument).optional().openapi({ description: "The member's documents (kinds and dates), in chain order; absent when it has none" }),
  internationalReferences: z
    .array(FamilyInternationalReference)
    .optional()
    .openapi({ description: "The member's PCT, Madrid and Hague numbers and WIPO CASE dossiers, in chain order; absent when it has none" }),
};

export const FamilyMember = z
  .object({
    canonicalId: z.string(),
    ipOfficeCode: officeCode,
    applicationNumberText: z.string(),
    registered: z.boolean(),
    filingDate: isoDate.optional(),
    ipType: ipType.optional(),
    ...memberReferences,
  })
  .openapi("FamilyMember");

const TimedChainRef = z
  .object({
    blockNumber: z.number().int(),
    transactionHash: hex32,
    logIndex: z.number().int(),
    blockTime: z.string().datetime().optional().openapi({ description: "When the block was produced (ISO 8601, UTC)", example: "2026-03-03T09:30:12.000Z" }),
  })
  .openapi("TimedChainRef");

const OVERDUE_RULE =
  "The register holds no filing date of an unpublished application, only when its commitment was recorded (its block's time), and an office records an application on or after its filing: so a commitment still unrevealed 18 calendar months after it was recorded is certainly more than 18 months past its filing date, the usual publication date. A commitment recorded late is flagged late. Counted as of the chain's time as the node has indexed it (`asOf`), never the wall clock.";

const publicationOverdue = z.boolean().openapi({ description: `Still unrevealed 18 months after the commitment was recorded. ${OVERDUE_RULE}` });

export const ChainTime = z
  .object({
    blockNumber: z.number().int().openapi({ description: "The last block the node has indexed" }),
    blockTime: z.string().datetime().openapi({ description: "Its time (ISO 8601, UTC)", example: "2027-07-16T09:30:12.000Z" }),
  })
  .openapi("ChainTime", { description: "The chain's time as the node has indexed it: what the publication flags are counted against" });

export const BlindedFamilyMember = z
  .object({
    blinded: z.literal(true).openapi({ description: "Always true: an unpublished application, shown as an opaque member" }),
    commitment: hex32.openapi({ description: "Its commitment: what the family's links name it by" }),
    ipOfficeCode: officeCode,
    committedAt: TimedChainRef,
    revealed: z.literal(false).openapi({ description: "Always false: a revealed application is an ordinary member, in `members`" }),
    publicationOverdue,
    ...memberReferences,
  })
  .openapi("BlindedFamilyMember", {
    description: "An unpublished member of a family: its office, its commitment, when it was recorded and the 18-month flag; no number, no date (domain.md 8)",
  });

export const FamilyLink = z
  .object({
    from: z.string().openapi({ description: "The claimant (priority) or the child (divisional, continuation, continuationInPart): a canonical id, or the `commitment` (0x…) of a blinded member" }),
    to: z.string().openapi({ description: "The claimed application (priority) or the parent: a canonical id, or the `commitment` (0x…) of a blinded member" }),
    kind: z.enum(["priority", "divisional", "continuation", "continuationInPart"]),
    claimedFilingDate: isoDate
      .optional()
      .openapi({ description: "Priority links only: the filing date the claim states (the only date of a claimed number not on the register); absent for a claim of a blinded member" }),
  })
  .openapi("FamilyLink");

export const Family = z
  .object({
    kind: z.enum(["simple", "extended"]),
    applicationCanonicalId: z.string().optional().openapi({ description: "The application asked for (for a commitment: the application it was revealed as)" }),
    commitment: hex32.optional().openapi({ description: "The commitment asked for, when the family was asked for by commitment" }),
    members: z.array(FamilyMember).openapi({ description: "The members in clear, registered or only claimed" }),
    blindedMembers: z
      .array(BlindedFamilyMember)
      .openapi({ description: "The unpublished members, opaque; when one is revealed, the revealed application replaces it in `members` and its links become ordinary links" }),
    links: z.array(FamilyLink),
    asOf: ChainTime.optional().openapi({ description: "When the family has blinded members: the chain time their publicationOverdue flags are counted to" }),
  })
  .openapi("Family");

export const Claimant = z
  .object({
    claimantCanonicalId: z.string(),
    ipOfficeCode: officeCode,
    applicationNumberText: z.string(),
    sequenceNumber: z
      .number()
      .int()
      .optional()
      .openapi({ description: "The claim's number among the claimant's claims; absent for a claim recorded against the application's commitment before it was revealed" }),
    claimedCommitment: hex32
      .optional()
      .openapi({ description: "The claim was recorded against this commitment while the application was unpublished; it states the revealed filing date" }),
    claimedFilingDate: isoDate,
    status: z.enum(["active", "withdrawn"]),
    claimedAt: ChainRef,
  })
  .openapi("Claimant");

export const Claimants = z
  .object({ claimedCanonicalId: z.string(), claimants: z.array(Claimant), links: z.object({ next: z.string().optional() }) })
  .openapi("Claimants");

// ------------------------------------------------------------------ unpublished applications (responses)

export const BlindedApplication = z
  .object({
    commitment: hex32,
    ipOfficeCode: officeCode,
    committedAt: TimedChainRef,
    revealed: z.boolean().openapi({ description: "The office has published the application: its fields are on the register in clear" }),
    revealedApplication: z
      .object({ canonicalId: z.string(), applicationId: hex32, filingDate: isoDate, revealedAt: TimedChainRef })
      .optional()
      .openapi({ description: "Once revealed: the application registered in clear in the reveal's transaction, and the filing date every claim of the commitment states" }),
    publicationOverdue,
  })
  .openapi("BlindedApplication", { description: "An unpublished application as the register holds it: its commitment and office only, until revealed" });

export const BlindedApplicationAnswer = BlindedApplication.extend({ asOf: ChainTime.optional() }).openapi("BlindedApplicationAnswer", {
  description: "A blinded record, with the chain time its publicationOverdue flag was counted against",
});

export const CommitmentList = z
  .object({ commitments: z.array(BlindedApplication), asOf: ChainTime.optional(), links: z.object({ next: z.string().optional() }) })
  .openapi("CommitmentList", { description: "One page of commitments: by office, then in the order they were recorded (overdue=true: oldest first)" });

export const CommitmentClaimant = z
  .object({
    claimant: hex32.openapi({ description: "The claimant's application id (a clear application) or commitment (a blinded one)" }),
    claimantKind: z.enum(["application", "commitment"]),
    ipOfficeCode: officeCode.openapi({ description: "The claimant's office" }),
    claimantCanonicalId: z
      .string()
      .optional()
      .openapi({ description: "The claimant's canonical id when it is in clear on the register: a clear application, or a blinded one since revealed" }),
    claimedAt: TimedChainRef,
  })
  .openapi("CommitmentClaimant", { description: "A claim of a blinded application: who claims it, by id or commitment, and its office" });

export const CommitmentClaimants = z
  .object({ commitment: hex32, claimants: z.array(CommitmentClaimant), links: z.object({ next: z.string().optional() }) })
  .openapi("CommitmentClaimants");

export const BlindedVerdict = z
  .object({
    ipOfficeCode: officeCode,
    canonicalId: z.string().openapi({ description: "The number as the domain core parsed it, in canonical form", example: "JP:2026012345" }),
    commitment: hex32.openapi({ description: "The commitment of the fields and access code sent" }),
    found: z.boolean().openapi({ description: "The register holds this commitment: the office recorded exactly this application with this access code" }),
    revealed: z.boolean().openapi({ description: "Found and since published in clear" }),
    claimantCount: z.number().int().openapi({ description: "How many applications claim the commitment (0 when not found)" }),
    committedAt: TimedChainRef.optional(),
    publicationDue: isoDate
      .optional()
      .openapi({ description: "When found: the filing date sent plus 18 calendar months (PCT Rule 80.2 arithmetic), when publication is due" }),
    publicationDuePassed: z
      .boolean()
      .optional()
      .openapi({ description: "When found: publicationDue is before the day of `asOf`, the chain's time as the node has indexed it (unrevealed and passed: overdue)" }),
    asOf: ChainTime.optional(),
  })
  .openapi("BlindedVerdict", { description: "Whether the register holds the commitment of an unpublished application; the access code is not echoed" });

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
    errors: z.array(FieldProblem).optional(),
  })
  .openapi("Problem");

export const ApiIndex = z
  .object({ title: z.string(), links: z.object({ docs: z.string(), openapi: z.string(), status: z.string() }) })
  .openapi("ApiIndex", { description: "Where the API's documentation is" });

// ------------------------------------------------------------------ documents and international references

export const DocumentPathParams = z.object({
  documentId: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, "must be 0x and 64 hex digits")
    .openapi({ param: { name: "documentId", in: "path" }, description: "The register's id of the document: 0x and 64 hex digits", example: `0x${"b8".repeat(32)}` }),
});

const documentKind = z
  .enum(DOCUMENT_KINDS)
  .openapi({ description: "The document's kind (ST.96-style names: SearchReport, WrittenOpinion, ExaminationReport, OfficeAction, Grant, Refusal)" });

export const DocumentReference = z
  .object({
    documentId: hex32.openapi({ description: "keccak256(abi.encode(applicationId, sha256, kind code, days since 1970-01-01))" }),
    applicationId: hex32.openapi({ description: "What the register recorded it under: the application's id, or the commitment of the application while it was blinded" }),
    recordedUnderCommitment: z.boolean().openapi({ description: "Recorded under the application's commitment (before it was published)" }),
    ipOfficeCode: officeCode.openapi({ description: "The office that recorded it and serves it" }),
    kind: documentKind,
    date: isoDate.openapi({ description: "The document's date" }),
    sha256: hex32.openapi({ description: "SHA-256 of the document's bytes: a client refuses bytes that do not match it" }),
    mediaType: z.string().openapi({ example: "application/pdf" }),
    url: z.string().openapi({ description: "Where the office's node serves it, to authenticated offices only (GET /documents/{documentId} there)" }),
    recordedAt: TimedChainRef,
    problems: z
      .array(FieldProblem)
      .optional()
      .openapi({ description: "Fields the register accepted but dipr's rules refuse (a media type with parameters, a URL with a password): such a reference is never fetched" }),
  })
  .openapi("DocumentReference", {
    description: "A search or examination document an office recorded for one of its applications: its kind, date and hash; the document stays at the office",
  });

export const InternationalReference = z
  .object({
    kind: z.enum(INTERNATIONAL_REFERENCE_KINDS).openapi({ description: "pctApplication, madridRegistration, hagueRegistration or wipoCaseDossier" }),
    text: z.string().openapi({ description: "As the office recorded it", example: "PCT/EP2024/012345" }),
    canonicalId: z
      .string()
      .optional()
      .openapi({ description: "The reference read by the register's number rules (WO for PCT, Madrid and Hague numbers; the dossier's office for WIPO CASE)", example: "WO:EP2024012345" }),
    problem: z
      .object({ code: z.string(), message: z.string() })
      .optional()
      .openapi({ description: "Why the number rules do not read the text (it is shown as recorded)" }),
    recordedUnderCommitment: z.boolean(),
    recordedAt: TimedChainRef,
  })
  .openapi("InternationalReference", { description: "A link of an application to an international register (Recommendation 12)" });

export const DocumentList = z
  .object({
    applicationCanonicalId: z.string().optional().openapi({ description: "The application asked for (for a commitment: the application it was revealed as)" }),
    commitment: hex32.optional().openapi({ description: "Its commitment, when it was recorded blinded" }),
    documents: z.array(DocumentReference),
  })
  .openapi("DocumentList", { description: "The documents recorded for an application (under its id and, before publication, its commitment), in chain order" });

export const InternationalReferenceList = z
  .object({ applicationCanonicalId: z.string().optional(), commitment: hex32.optional(), internationalReferences: z.array(InternationalReference) })
  .openapi("InternationalReferenceList", { description: "The international references recorded for an application, in chain order" });

export const DocumentProxyStatus = z
  .object({
    configured: z.boolean().openapi({ description: "The node has a document proxy (DIPR_DOCUMENT_PROXY_OFFICE and its signer key)" }),
    office: officeCode.optional().openapi({ description: "When configured: the office the proxy signs its requests for" }),
    signerAddress: z
      .string()
      .regex(/^0x[0-9a-f]{40}$/)
      .optional()
      .openapi({ description: "When configured: the address of the proxy's signer key (public on the register)" }),
    signerIsCurrent: z
      .boolean()
      .optional()
      .openapi({ description: "When configured: the key is a current signer of the office as this node has indexed the register; other nodes refuse it otherwise" }),
    servesThisClient: z
      .boolean()
      .openapi({ description: "The proxy would answer the client that asked: it is configured, and the client is on this machine's loopback interface, names it as 127.0.0.1, [::1] or localhost, and is not another site's page" }),
  })
  .openapi("DocumentProxyStatus", {
    description: "Whether this node fetches documents for the examiner's web page (GET /document-proxy/{documentId}), and for which office",
  });
