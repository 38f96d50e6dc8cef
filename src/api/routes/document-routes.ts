import type { IRouter, Response } from "express";
import type { Logger } from "pino";
import type { z } from "zod";
import type { Hex } from "../../chain/register-contract.js";
import {
  authorizeDocumentAccess,
  readAccessCode,
  verifyDocumentRequest,
  type AccessLog,
  type DocumentApplication,
  type DocumentStorage,
  type RegisterDomain,
  type ReplayCache,
} from "../../documents/index.js";
import { DiprError, ERROR_TABLE, isDiprError } from "../../errors.js";
import type { DocumentRecord, InternationalReferenceRecord, Store } from "../../store/index.js";
import { allowMethods } from "../methods.js";
import { API_BASE } from "../openapi.js";
import { negotiate, parseNumber, parseOffice, parseWith, plainQuery } from "../request.js";
import { ApplicationPathParams, CommitmentPathParams, DocumentPathParams, NoQuery, type DocumentReference, type InternationalReference } from "../schemas.js";
import { timedChainRef } from "../views.js";

export type DocumentStore = Pick<
  Store,
  "getDocument" | "listDocuments" | "listInternationalReferences" | "isCurrentSigner" | "familyOffices" | "getOffice" | "getApplication" | "getApplicationByNumber" | "getCommitment"
>;

/** What the node needs to serve its own documents; without it, GET /documents/{id} is not routed. */
export type DocumentServing = Readonly<{
  storage: DocumentStorage;
  accessLog: AccessLog;
  replayCache: ReplayCache;
  /** The register requests are signed for (the EIP-712 domain). */
  register: RegisterDomain;
  /** Unix seconds; the wall clock by default. */
  nowSeconds?: () => number;
  maxValiditySeconds?: number;
  clockSkewSeconds?: number;
}>;

const JSON_TYPES = ["application/json"] as const;

/** The challenge of a 401: the scheme of signed document requests and the headers it is carried in. */
export const DOCUMENT_AUTH_CHALLENGE = 'Dipr-EIP712 realm="dipr documents", headers="dipr-request dipr-signature"';

export function documentView(record: DocumentRecord, recordedUnderCommitment: boolean): z.infer<typeof DocumentReference> {
  return {
    documentId: record.documentId,
    applicationId: record.applicationId,
    recordedUnderCommitment,
    ipOfficeCode: record.office,
    kind: record.kind,
    date: record.date,
    sha256: record.sha256,
    mediaType: record.mediaType,
    url: record.url,
    recordedAt: timedChainRef(record.recordedAt),
    ...(record.problems === undefined ? {} : { problems: [...record.problems] }),
  };
}

export function internationalReferenceView(record: InternationalReferenceRecord, recordedUnderCommitment: boolean): z.infer<typeof InternationalReference> {
  return {
    kind: record.kind,
    text: record.text,
    ...(record.canonicalId === undefined ? {} : { canonicalId: record.canonicalId }),
    ...(record.problem === undefined ? {} : { problem: { ...record.problem } }),
    recordedUnderCommitment,
    recordedAt: timedChainRef(record.recordedAt),
  };
}

/**
 * An application asked for, by its canonical id once it is in clear (its lists then hold what was recorded under its
 * commitment before it was revealed too), or by its commitment while it is blinded.
 */
export type DocumentSubject = Readonly<{ canonicalId?: string; commitment?: Hex }>;

/** The documents and international references of a subject, in chain order, each marked by what it was recorded under. */
export async function subjectReferences(store: Pick<DocumentStore, "listDocuments" | "listInternationalReferences">, subject: DocumentSubject) {
  const key = subject.canonicalId ?? subject.commitment;
  if (key === undefined) throw new TypeError("a document subject has a canonical id or a commitment");
  const underCommitment = (applicationId: Hex) => subject.commitment !== undefined && applicationId === subject.commitment;
  return {
    documents: (await store.listDocuments(key)).map((d) => documentView(d, underCommitment(d.applicationId))),
    internationalReferences: (await store.listInternationalReferences(key)).map((r) => internationalReferenceView(r, underCommitment(r.applicationId))),
  };
}

/**
 * Shared documents (Recommendation 15) and international references (Recommendation 12): the public listings of
 * what the register holds about an application (references only: the documents stay at their offices), and, when
 * `serving` is given, this node's own documents to authenticated offices of the family.
 */
export function addDocumentRoutes(router: IRouter, store: DocumentStore, log: Logger, serving?: DocumentServing): void {
  async function applicationSubject(params: unknown): Promise<DocumentSubject> {
    const { office, number } = parseWith(ApplicationPathParams, params);
    const code = parseOffice("ipOfficeCode", office);
    const parsed = parseNumber("applicationNumberText", code, number);
    const record = await store.getApplicationByNumber(code, parsed.applicationNumberText);
    if (!record) throw new DiprError("API_APPLICATION_NOT_FOUND", `${parsed.canonicalId} is not on the register.`, { canonicalId: parsed.canonicalId });
    return { canonicalId: record.canonicalId, ...(record.revealedFrom === undefined ? {} : { commitment: record.revealedFrom }) };
  }

  async function commitmentSubject(params: unknown): Promise<DocumentSubject> {
    const commitment = parseWith(CommitmentPathParams, params).commitment.toLowerCase() as Hex;
    const record = await store.getCommitment(commitment);
    if (!record) throw new DiprError("API_COMMITMENT_NOT_FOUND", `The register holds no commitment ${commitment}.`, { commitment });
    return { commitment, ...(record.revealed === undefined ? {} : { canonicalId: record.revealed.canonicalId }) };
  }

  const asked = (subject: DocumentSubject) => ({
    ...(subject.canonicalId === undefined ? {} : { applicationCanonicalId: subject.canonicalId }),
    ...(subject.commitment === undefined ? {} : { commitment: subject.commitment }),
  });

  for (const [path, subjectOf] of [
    ["/applications/:office/:number", applicationSubject],
    ["/commitments/:commitment", commitmentSubject],
  ] as const) {
    router.get(`${API_BASE}${path}/documents`, async (req, res) => {
      negotiate(req, JSON_TYPES);
      parseWith(NoQuery, plainQuery(req));
      const subject = await subjectOf(req.params);
      res.json({ ...asked(subject), documents: (await subjectReferences(store, subject)).documents });
    });
    router.get(`${API_BASE}${path}/international-references`, async (req, res) => {
      negotiate(req, JSON_TYPES);
      parseWith(NoQuery, plainQuery(req));
      const subject = await subjectOf(req.params);
      res.json({ ...asked(subject), internationalReferences: (await subjectReferences(store, subject)).internationalReferences });
    });
    allowMethods(router, `${API_BASE}${path}/documents`, ["GET"]);
    allowMethods(router, `${API_BASE}${path}/international-references`, ["GET"]);
  }

  if (serving !== undefined) addServingRoute(router, store, log, serving);
}

/** The application a document belongs to, as the access policy needs it: owner, and commitment if it had one. */
async function documentApplicationOf(store: DocumentStore, record: DocumentRecord): Promise<DocumentApplication> {
  const application = await store.getApplication(record.applicationId);
  if (application !== undefined) {
    return { applicationId: record.applicationId, office: application.office, ...(application.revealedFrom === undefined ? {} : { commitment: application.revealedFrom }) };
  }
  const commitment = await store.getCommitment(record.applicationId);
  if (commitment === undefined) {
    throw new DiprError("STORE_CORRUPT", `document ${record.documentId} names ${record.applicationId}, which the store holds neither as an application nor as a commitment`, {
      documentId: record.documentId,
    });
  }
  return { applicationId: record.applicationId, office: commitment.office, commitment: commitment.commitment };
}

const who = (details: Readonly<Record<string, unknown>>) => ({
  office: typeof details.office === "string" ? details.office : null,
  address: typeof details.address === "string" ? (details.address as Hex) : null,
});

/**
 * GET /documents/{documentId}: the checks of a signed request (src/documents/request-auth.ts), then the access
 * policy, then the bytes, each decision in the access log first. The document is served only once its line is
 * written; a refusal is answered even when its line cannot be (the failure is logged), since refusing gives
 * nothing away.
 */
function addServingRoute(router: IRouter, store: DocumentStore, log: Logger, serving: DocumentServing): void {
  const now = serving.nowSeconds ?? (() => Math.floor(Date.now() / 1000));
  const keys = {
    officeStatus: async (office: string) => (await store.getOffice(office))?.status,
    isCurrentSigner: (office: string, address: Hex) => store.isCurrentSigner(office, address),
  };
  const family = { familyOffices: (applicationId: Hex) => store.familyOffices(applicationId) };

  router.get(`${API_BASE}/documents/:documentId`, async (req, res: Response) => {
    // Neither an answer nor a refusal may be kept by a cache: each depends on who asked, and when.
    res.setHeader("cache-control", "private, no-store");
    let documentId: Hex | null = null;
    let requester: { office: string | null; address: Hex | null } = { office: null, address: null };
    try {
      documentId = parseWith(DocumentPathParams, req.params).documentId.toLowerCase() as Hex;
      parseWith(NoQuery, plainQuery(req));
      const authenticated = await verifyDocumentRequest(req.headers, {
        documentId,
        nowSeconds: now(),
        register: serving.register,
        keys,
        replayCache: serving.replayCache,
        ...(serving.maxValiditySeconds === undefined ? {} : { maxValiditySeconds: serving.maxValiditySeconds }),
        ...(serving.clockSkewSeconds === undefined ? {} : { clockSkewSeconds: serving.clockSkewSeconds }),
      });
      requester = { office: authenticated.office, address: authenticated.address };
      const opening = readAccessCode(req.headers);
      const record = await store.getDocument(documentId);
      if (record === undefined) throw new DiprError("DOCUMENT_NOT_FOUND", `The register holds no document ${documentId}.`, { documentId });
      const basis = await authorizeDocumentAccess({
        requester: authenticated,
        application: await documentApplicationOf(store, record),
        family,
        ...(opening === undefined ? {} : { accessCode: opening }),
      });
      const bytes = await serving.storage.get(record.sha256);
      if (bytes === undefined) {
        throw new DiprError("DOCUMENT_NOT_FOUND", `This node does not hold the bytes of document ${documentId}; the register names ${record.url}.`, { documentId });
      }
      await serving.accessLog.record({ outcome: "allowed", documentId, ...requester, code: basis });
      // A document is shown by no browser on this origin: it is an attachment, and sandboxed if opened anyway.
      res
        .status(200)
        .type(record.problems === undefined ? record.mediaType : "application/octet-stream")
        .setHeader("content-disposition", `attachment; filename="${documentId}"`)
        .setHeader("content-security-policy", "sandbox")
        .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      const code = isDiprError(error) ? error.code : "API_INTERNAL";
      const claimed = isDiprError(error) && requester.office === null ? who(error.details) : requester;
      try {
        await serving.accessLog.record({ outcome: "refused", documentId, ...claimed, code });
      } catch (logError) {
        log.error({ err: logError, documentId, code }, "document access not logged");
      }
      if (isDiprError(error) && ERROR_TABLE[error.code].status === 401) res.setHeader("www-authenticate", DOCUMENT_AUTH_CHALLENGE);
      throw error;
    }
  });
  allowMethods(router, `${API_BASE}/documents/:documentId`, ["GET"]);
}
