import type { IRouter } from "express";
import type { z } from "zod";
import { commitmentOf } from "../../chain/commitment.js";
import type { Hex } from "../../chain/register-contract.js";
import { isPublicationDuePassed, parseIsoDate, publicationDue } from "../../domain/index.js";
import { DiprError } from "../../errors.js";
import type { CommitmentClaimRecord, CommitmentRecord, Store } from "../../store/index.js";
import { chainTimeOf, dayOf, publicationOverdueOf, type ChainTime } from "../chain-time.js";
import { loadFamily, type FamilyStart, type FamilyStore } from "../family.js";
import { familyReferences, type FamilyReferenceStore } from "../family-references.js";
import { decodeClaimCursor, encodeClaimCursor } from "../claim-cursor.js";
import { allowMethods } from "../methods.js";
import { API_BASE } from "../openapi.js";
import { withTarget } from "../problem.js";
import { jsonBody, negotiate, parseNumber, parseOffice, parseWith, plainQuery } from "../request.js";
import { familyView, timedChainRef } from "../views.js";
import {
  BlindedClaimToVerify,
  ClaimantsQuery,
  CommitmentPathParams,
  CommitmentsQuery,
  FamilyQuery,
  NoQuery,
  type BlindedApplication,
  type BlindedVerdict,
  type CommitmentClaimant,
} from "../schemas.js";

export type BlindedStore = Pick<Store, "getCommitment" | "listCommitmentClaims" | "pageCommitmentClaims" | "listCommitments" | "getCursor" | "getApplication" | "getRegistered"> &
  FamilyStore &
  FamilyReferenceStore;

const JSON_TYPES = ["application/json"] as const;

function blindedView(record: CommitmentRecord, asOf: ChainTime | undefined): z.infer<typeof BlindedApplication> {
  const { revealed } = record;
  return {
    commitment: record.commitment,
    ipOfficeCode: record.office,
    committedAt: timedChainRef(record.committedAt),
    revealed: revealed !== undefined,
    ...(revealed === undefined
      ? {}
      : {
          revealedApplication: {
            canonicalId: revealed.canonicalId,
            applicationId: revealed.applicationId,
            filingDate: revealed.filingDate,
            revealedAt: timedChainRef(revealed.revealedAt),
          },
        }),
    publicationOverdue: publicationOverdueOf(record, asOf),
  };
}

/**
 * Unpublished applications (domain.md section 8): the blinded record of a commitment, the list of them (by office,
 * overdue), who claims one, its family, and the check of a claim by number and access code. The access code is read
 * from the body only, so it is in no URL and no log line.
 */
export function addBlindedRoutes(router: IRouter, store: BlindedStore, { maxBodyBytes, familyMaxMembers }: { maxBodyBytes: number; familyMaxMembers: number }): void {
  async function findCommitment(params: unknown): Promise<CommitmentRecord> {
    const commitment = parseWith(CommitmentPathParams, params).commitment.toLowerCase();
    const record = await store.getCommitment(commitment);
    if (!record) throw new DiprError("API_COMMITMENT_NOT_FOUND", `The register holds no commitment ${commitment}.`, { commitment });
    return record;
  }

  /** The claimant in clear, when it is: a clear application, or a blinded one since revealed. */
  async function claimantView(claim: CommitmentClaimRecord): Promise<z.infer<typeof CommitmentClaimant>> {
    const canonicalId =
      claim.claimantKind === "application" ? (await store.getApplication(claim.claimant))?.canonicalId : (await store.getCommitment(claim.claimant))?.revealed?.canonicalId;
    return {
      claimant: claim.claimant,
      claimantKind: claim.claimantKind,
      ipOfficeCode: claim.claimantOffice,
      ...(canonicalId === undefined ? {} : { claimantCanonicalId: canonicalId }),
      claimedAt: timedChainRef(claim.claimedAt),
    };
  }

  router.get(`${API_BASE}/commitments`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    const query = parseWith(CommitmentsQuery, plainQuery(req));
    const office = query.office === undefined ? undefined : parseOffice("office", query.office);
    const overdue = query.overdue === "true";
    const after = query.cursor === undefined ? undefined : decodeListCursor(query.cursor, overdue, office);
    const asOf = await chainTimeOf(store);
    // Nothing is overdue before the node has a chain time to count to.
    const page =
      overdue && asOf === undefined
        ? { commitments: [] }
        : await store.listCommitments({ limit: query.limit, ...(office === undefined ? {} : { office }), ...(overdue ? { overdueAsOf: dayOf(asOf!) } : {}), ...(after === undefined ? {} : { after }) });
    const next =
      page.next === undefined
        ? undefined
        : `${req.baseUrl}${req.path}?${new URLSearchParams({
            ...(office === undefined ? {} : { office }),
            ...(query.overdue === undefined ? {} : { overdue: query.overdue }),
            limit: String(query.limit),
            cursor: encodeListCursor(page.next, overdue),
          })}`;
    res.json({ commitments: page.commitments.map((record) => blindedView(record, asOf)), ...(asOf === undefined ? {} : { asOf }), links: next === undefined ? {} : { next } });
  });

  router.get(`${API_BASE}/commitments/:commitment`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    parseWith(NoQuery, plainQuery(req));
    const record = await findCommitment(req.params);
    const asOf = await chainTimeOf(store);
    res.json({ ...blindedView(record, asOf), ...(asOf === undefined ? {} : { asOf }) });
  });

  router.get(`${API_BASE}/commitments/:commitment/claimants`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    const { limit, cursor } = parseWith(ClaimantsQuery, plainQuery(req));
    const record = await findCommitment(req.params);
    const after = cursor === undefined ? undefined : decodeClaimCursor(cursor);
    const page = await store.pageCommitmentClaims(record.commitment, { limit, ...(after === undefined ? {} : { after }) });
    const last = page.claims.at(-1);
    const next = page.more && last ? `${req.baseUrl}${req.path}?limit=${limit}&cursor=${encodeClaimCursor(last.claimedAt)}` : undefined;
    res.json({ commitment: record.commitment, claimants: await Promise.all(page.claims.map(claimantView)), links: next ? { next } : {} });
  });

  // A blinded application's family; once revealed, the family of the application it was revealed as.
  router.get(`${API_BASE}/commitments/:commitment/family`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    const { kind } = parseWith(FamilyQuery, plainQuery(req));
    const record = await findCommitment(req.params);
    const { revealed } = record;
    const start: FamilyStart =
      revealed === undefined
        ? { canonicalId: record.commitment, blinded: { office: record.office, committedAt: record.committedAt } }
        : { canonicalId: revealed.canonicalId, ...store.getRegistered(revealed.canonicalId) };
    const family = await loadFamily(store, start, kind, familyMaxMembers);
    const asked = revealed === undefined ? { commitment: record.commitment } : { commitment: record.commitment, canonicalId: revealed.canonicalId };
    res.json(familyView(kind, asked, family, await chainTimeOf(store), await familyReferences(store, family)));
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
    const asOf = record === undefined ? undefined : await chainTimeOf(store);
    // The caller knows the filing date: the exact due day, not the node's conservative flag.
    const due = publicationDue(claim.filingDate);
    const verdict: z.infer<typeof BlindedVerdict> = {
      ipOfficeCode: office,
      canonicalId: parsed.canonicalId,
      commitment,
      found: record !== undefined,
      revealed: record?.revealed !== undefined,
      claimantCount,
      ...(record === undefined ? {} : { committedAt: timedChainRef(record.committedAt), publicationDue: due }),
      ...(record === undefined || asOf === undefined ? {} : { publicationDuePassed: isPublicationDuePassed(claim.filingDate, dayOf(asOf)), asOf }),
    };
    res.json(verdict);
  });

  for (const path of ["/commitments", "/commitments/:commitment", "/commitments/:commitment/claimants", "/commitments/:commitment/family"]) {
    allowMethods(router, `${API_BASE}${path}`, ["GET"]);
  }
  allowMethods(router, `${API_BASE}/priority-claims/verify-blinded`, ["POST"]);
}

// A list cursor is the list key of the last commitment returned (office and chain position, or the chain position
// in the overdue list), tagged with the list it belongs to.
const encodeListCursor = (key: string, overdue: boolean) => Buffer.from(`${overdue ? "o" : "a"}:${key}`).toString("base64url");

function decodeListCursor(cursor: string, overdue: boolean, office: string | undefined): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = overdue ? /^o:(\d{12}\/\d{6})$/.exec(text) : /^a:([A-Z]{2}\/\d{12}\/\d{6})$/.exec(text);
  const key = match?.[1];
  if (key === undefined || (!overdue && office !== undefined && !key.startsWith(`${office}/`))) {
    throw new DiprError("API_VALIDATION_FAILED", "cursor is not one this API issued for this list.", {
      errors: [{ code: "INVALID_CURSOR", message: "cursor is not one this API issued for this list", target: "cursor" }],
    });
  }
  return key;
}
