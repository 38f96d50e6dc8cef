import express, { type IRouter, type RequestHandler } from "express";
import type { z } from "zod";
import { verifyPriorityClaim } from "../../domain/index.js";
import { DiprError, isDiprError } from "../../errors.js";
import type { Store } from "../../store/index.js";
import { API_BASE } from "../openapi.js";
import type { FieldProblem } from "../problem.js";
import { negotiate, parseNumber, parseOffice, parseWith, plainQuery } from "../request.js";
import { ClaimToVerify, MAX_VERIFY_BATCH, VerifyBatchBody, type Verdict } from "../schemas.js";

type Claim = z.infer<typeof ClaimToVerify>;
type VerdictBody = z.infer<typeof Verdict>;

export type VerifyStore = Pick<Store, "getRegistered">;

/** One claim checked against the register: the domain core's period check joined with the registered entry. */
function verify(store: VerifyStore, claim: Claim): VerdictBody {
  const office = parseOffice("office", claim.office);
  const claimantOffice = parseOffice("claimantOffice", claim.claimantOffice);
  const parsed = parseNumber("number", office, claim.number, { ipType: claim.ipType, filingDate: claim.filingDate });
  // The number is parsed above (with the field's name in any error), so the check does not parse it again.
  const verdict = verifyPriorityClaim({
    claimed: { office, filingDate: claim.filingDate, ipType: claim.ipType },
    claimant: { office: claimantOffice, filingDate: claim.claimantFilingDate, ipType: claim.claimantIpType },
    registered: store.getRegistered(parsed.canonicalId),
  });
  const { check, ...joined } = verdict;
  return { claim, claimedCanonicalId: parsed.canonicalId, ...joined, ...check, reasons: [...check.reasons] };
}

/** `GET` verifies one claim from the query; `POST` a batch of up to 1,000, one verdict each, in order. */
export function addVerifyRoutes(router: IRouter, store: VerifyStore, { maxBodyBytes }: { maxBodyBytes: number }): void {
  // Only this route has a body: GETs skip the parser altogether.
  const jsonBody = express.json({ limit: maxBodyBytes, type: "application/json" });

  router.get(`${API_BASE}/priority-claims/verify`, async (req, res) => {
    negotiate(req, ["application/json"]);
    res.json(verify(store, parseWith(ClaimToVerify, plainQuery(req))));
  });

  const requireJson: RequestHandler = (req, _res, next) => {
    next(req.is("application/json") ? undefined : new DiprError("API_UNSUPPORTED_MEDIA_TYPE", "Send the request body as application/json."));
  };

  router.post(`${API_BASE}/priority-claims/verify`, requireJson, jsonBody, async (req, res) => {
    negotiate(req, ["application/json"]);
    const size = Array.isArray((req.body as { claims?: unknown } | undefined)?.claims) ? (req.body as { claims: unknown[] }).claims.length : 0;
    if (size > MAX_VERIFY_BATCH) {
      throw new DiprError("API_PAYLOAD_TOO_LARGE", `A batch holds at most ${MAX_VERIFY_BATCH} claims, not ${size}.`, { size });
    }
    const { claims } = parseWith(VerifyBatchBody, req.body);
    const verdicts: VerdictBody[] = [];
    for (const [i, claim] of claims.entries()) {
      try {
        verdicts.push(verify(store, claim));
      } catch (error) {
        // A claim the domain rules reject (a bad check digit, an unknown office) gets its own error; the batch goes on.
        if (!isDiprError(error) || !Array.isArray(error.details.errors)) throw error;
        const [problem] = error.details.errors as FieldProblem[];
        verdicts.push({ claim, registered: false, reasons: [], error: { ...problem!, target: `claims.${i}.${problem!.target}` } });
      }
    }
    res.json({ verdicts });
  });
}
