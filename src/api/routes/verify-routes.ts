import type { IRouter } from "express";
import type { z } from "zod";
import { parseIsoDate, verifyPriorityClaim } from "../../domain/index.js";
import { DiprError, isDiprError } from "../../errors.js";
import type { Store } from "../../store/index.js";
import { wellFormedClaim } from "../claim-to-verify.js";
import { allowMethods } from "../methods.js";
import { API_BASE } from "../openapi.js";
import { withTarget, type FieldProblem } from "../problem.js";
import { jsonBody, negotiate, parseNumber, parseOffice, parseWith, plainQuery } from "../request.js";
import { ClaimToVerify, MAX_VERIFY_BATCH, VerifyBatchEnvelope, type ClaimError, type Verdict } from "../schemas.js";
import { sendJson } from "../send-json.js";

type Claim = z.infer<typeof ClaimToVerify>;
type VerdictBody = z.infer<typeof Verdict>;
type ClaimErrorBody = z.infer<typeof ClaimError>;

export type VerifyStore = Pick<Store, "getRegistered" | "getOfficeSync">;

/**
 * One claim checked against the register: the domain core's verdict over the registered entry and office.
 * Synchronous: both reads are point reads (the office's record from memory), and a promise per claim cost more.
 */
function verify(store: VerifyStore, claim: Claim): VerdictBody {
  // Dates first, each under its own name: the number parser reads the filing date too, and would otherwise report
  // a bad date as a fault of `number`.
  withTarget("filingDate", () => parseIsoDate(claim.filingDate));
  withTarget("claimantFilingDate", () => parseIsoDate(claim.claimantFilingDate));
  const office = parseOffice("office", claim.office);
  const claimantOffice = parseOffice("claimantOffice", claim.claimantOffice);
  const parsed = parseNumber("number", office, claim.number, { ipType: claim.ipType, filingDate: claim.filingDate });
  const claimedOffice = store.getOfficeSync(office);
  const verdict = verifyPriorityClaim({
    claimed: { office, filingDate: claim.filingDate, ipType: claim.ipType },
    claimant: { office: claimantOffice, filingDate: claim.claimantFilingDate, ipType: claim.claimantIpType },
    claimedOffice: claimedOffice && { status: claimedOffice.status },
    registered: store.getRegistered(parsed.canonicalId),
  });
  return {
    claim,
    claimedCanonicalId: parsed.canonicalId,
    outcome: verdict.outcome,
    reasons: [...verdict.reasons],
    compared: verdict.compared,
    period: verdict.period,
  };
}

/** The claim of a request or of a batch entry: a well-formed one as it is, anything else through the schema (which names its faults). */
const claimOf = (raw: unknown, prefix = ""): Claim => wellFormedClaim(raw) ?? parseWith(ClaimToVerify, raw, prefix);

/** A claim of a batch that failed validation or a number rule: its own errors, targets under `claims.<i>.`. */
function claimError(index: number, claim: unknown, error: unknown): ClaimErrorBody {
  if (!isDiprError(error) || !Array.isArray(error.details.errors)) throw error;
  const errors = (error.details.errors as FieldProblem[]).map((problem) => ({
    ...problem,
    target: problem.target.startsWith("claims.") ? problem.target : `claims.${index}.${problem.target}`,
  }));
  return { claim, errors };
}

/** `GET` verifies one claim from the query; `POST` a batch of up to 1,000, one verdict each, in order. */
export function addVerifyRoutes(router: IRouter, store: VerifyStore, { maxBodyBytes }: { maxBodyBytes: number }): void {
  router.get(`${API_BASE}/priority-claims/verify`, (req, res) => {
    negotiate(req, ["application/json"]);
    // The query itself when well formed; else as a plain object, which also refuses a repeated parameter by name.
    sendJson(req, res, verify(store, wellFormedClaim(req.query) ?? parseWith(ClaimToVerify, plainQuery(req))));
  });

  router.post(`${API_BASE}/priority-claims/verify`, ...jsonBody(maxBodyBytes), (req, res) => {
    negotiate(req, ["application/json"]);
    const size = Array.isArray((req.body as { claims?: unknown } | undefined)?.claims) ? (req.body as { claims: unknown[] }).claims.length : 0;
    if (size > MAX_VERIFY_BATCH) {
      throw new DiprError("API_PAYLOAD_TOO_LARGE", `A batch holds at most ${MAX_VERIFY_BATCH} claims, not ${size}.`, { size });
    }
    // The envelope is validated as a whole; each claim on its own, so one malformed claim spoils only its own entry.
    const { claims } = parseWith(VerifyBatchEnvelope, req.body);
    const verdicts: (VerdictBody | ClaimErrorBody)[] = [];
    for (const [i, raw] of claims.entries()) {
      try {
        verdicts.push(verify(store, claimOf(raw, `claims.${i}.`)));
      } catch (error) {
        verdicts.push(claimError(i, raw, error));
      }
    }
    sendJson(req, res, { verdicts });
  });

  allowMethods(router, `${API_BASE}/priority-claims/verify`, ["GET", "POST"]);
}
