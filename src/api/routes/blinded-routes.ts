import type { IRouter } from "express";
import type { z } from "zod";
import { commitmentOf } from "../../chain/commitment.js";
import type { Hex } from "../../chain/register-contract.js";
import { parseIsoDate } from "../../domain/index.js";
import { DiprError } from "../../errors.js";
import type { CommitmentClaimRecord, CommitmentRecord, Store } from "../../store/index.js";
import { allowMethods } from "../methods.js";
import { API_BASE } from "../openapi.js";
import { withTarget } from "../problem.js";
import { jsonBody, negotiate, parseNumber, parseOffice, parseWith, plainQuery } from "../request.js";
import { timedChainRef } from "../views.js";
import { BlindedClaimToVerify, CommitmentPathParams, NoQuery, type BlindedApplication, type BlindedVerdict, type CommitmentClaimant } from "../schemas.js";

export type BlindedStore = Pick<Store, "getCommitment" | "listCommitmentClaims">;

const JSON_TYPES = ["application/json"] as const;

function blindedView(record: CommitmentRecord): z.infer<typeof BlindedApplication> {
  const { revealed } = record;
  return {
    commitment: record.commitment,
    ipOfficeCode: record.office,
    committedAt: timedChainRef(record.committedAt),
    revealed: revealed !== undefined,
    ...(revealed === undefined
      ? {}
      : { revealedApplication: { canonicalId: revealed.canonicalId, applicationId: revealed.applicationId, revealedAt: timedChainRef(revealed.revealedAt) } }),
  };
}

const claimantView = (claim: CommitmentClaimRecord): z.infer<typeof CommitmentClaimant> => ({
  claimant: claim.claimant,
  claimantKind: claim.claimantKind,
  ipOfficeCode: claim.claimantOffice,
  claimedAt: timedChainRef(claim.claimedAt),
});

/**
 * Unpublished applications (domain.md section 8): the blinded record of a commitment, who claims it (opaque ids and
 * offices), and the check of a claim by number and access code. The access code is read from the body only, so it
 * is in no URL and no log line.
 */
export function addBlindedRoutes(router: IRouter, store: BlindedStore, { maxBodyBytes }: { maxBodyBytes: number }): void {
  async function findCommitment(params: unknown): Promise<CommitmentRecord> {
    const commitment = parseWith(CommitmentPathParams, params).commitment.toLowerCase();
    const record = await store.getCommitment(commitment);
    if (!record) throw new DiprError("API_COMMITMENT_NOT_FOUND", `The register holds no commitment ${commitment}.`, { commitment });
    return record;
  }

  router.get(`${API_BASE}/commitments/:commitment`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    parseWith(NoQuery, plainQuery(req));
    res.json(blindedView(await findCommitment(req.params)));
  });

  router.get(`${API_BASE}/commitments/:commitment/claimants`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    parseWith(NoQuery, plainQuery(req));
    const record = await findCommitment(req.params);
    const claims = await store.listCommitmentClaims(record.commitment);
    res.json({ commitment: record.commitment, claimants: claims.map(claimantView) });
  });

  router.post(`${API_BASE}/priority-claims/verify-blinded`, ...jsonBody(maxBodyBytes), async (req, res) => {
    negotiate(req, JSON_TYPES);
    const claim = parseWith(BlindedClaimToVerify, req.body);
    withTarget("filingDate", () => parseIsoDate(claim.filingDate));
    const office = parseOffice("office", claim.office);
    const parsed = parseNumber("number", office, claim.number, { ipType: claim.ipType, filingDate: claim.filingDate });
    const commitment = commitmentOf(
      { office, number: parsed.applicationNumberText, filingDate: claim.filingDate, ipType: claim.ipType },
      claim.accessCode.toLowerCase() as Hex,
    );
    const record = await store.getCommitment(commitment);
    const claimantCount = record === undefined ? 0 : (await store.listCommitmentClaims(commitment)).length;
    const verdict: z.infer<typeof BlindedVerdict> = {
      ipOfficeCode: office,
      canonicalId: parsed.canonicalId,
      commitment,
      found: record !== undefined,
      revealed: record?.revealed !== undefined,
      claimantCount,
      ...(record === undefined ? {} : { committedAt: timedChainRef(record.committedAt) }),
    };
    res.json(verdict);
  });

  allowMethods(router, `${API_BASE}/commitments/:commitment`, ["GET"]);
  allowMethods(router, `${API_BASE}/commitments/:commitment/claimants`, ["GET"]);
  allowMethods(router, `${API_BASE}/priority-claims/verify-blinded`, ["POST"]);
}
