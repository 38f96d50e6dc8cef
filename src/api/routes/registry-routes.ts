import type { IRouter } from "express";
import { applicationIdOf } from "../../domain/index.js";
import { DiprError } from "../../errors.js";
import type { ApplicationRecord, Store } from "../../store/index.js";
import { chainTimeOf } from "../chain-time.js";
import { loadFamily, type FamilyStore } from "../family.js";
import { familyReferences, type FamilyReferenceStore } from "../family-references.js";
import { decodeClaimCursor, encodeClaimCursor } from "../claim-cursor.js";
import { allowMethods } from "../methods.js";
import { API_BASE } from "../openapi.js";
import { negotiate, parseNumber, parseOffice, parseWith, plainQuery } from "../request.js";
import { ApplicationPathParams, ClaimantsQuery, FamilyQuery, NoQuery, OfficePathParams } from "../schemas.js";
import { sendJson } from "../send-json.js";
import { applicationView, claimantView, familyView, historyView, officeView } from "../views.js";

export type RegistryStore = Pick<Store, "getApplicationByNumber" | "getRegistered" | "getOffice" | "listOffices" | "listMembers" | "pagePriorityClaims" | "getCursor"> &
  FamilyStore &
  FamilyReferenceStore;

const JSON_TYPES = ["application/json"] as const;

/** Offices and applications: reads of the register as the node indexed it. */
export function addRegistryRoutes(router: IRouter, store: RegistryStore, { familyMaxMembers }: { familyMaxMembers: number }): void {
  function parseApplicationPath(params: unknown) {
    const { office, number } = parseWith(ApplicationPathParams, params);
    const code = parseOffice("ipOfficeCode", office);
    return { code, parsed: parseNumber("applicationNumberText", code, number) };
  }

  const notFound = (canonicalId: string) => new DiprError("API_APPLICATION_NOT_FOUND", `${canonicalId} is not on the register.`, { canonicalId });

  async function findApplication(params: unknown): Promise<ApplicationRecord> {
    const { code, parsed } = parseApplicationPath(params);
    const record = await store.getApplicationByNumber(code, parsed.applicationNumberText);
    if (!record) throw notFound(parsed.canonicalId);
    return record;
  }

  router.get(`${API_BASE}/offices`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    parseWith(NoQuery, plainQuery(req));
    const offices = await store.listOffices();
    const views = await Promise.all(offices.map(async (office) => officeView(office, await store.listMembers(office.office, "signer"))));
    res.json({ offices: views });
  });

  router.get(`${API_BASE}/offices/:code`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    const code = parseOffice("ipOfficeCode", parseWith(OfficePathParams, req.params).code);
    const office = await store.getOffice(code);
    if (!office) throw new DiprError("API_OFFICE_NOT_FOUND", `Office ${code} is not on the register.`, { office: code });
    res.json(officeView(office, await store.listMembers(code, "signer")));
  });

  router.get(`${API_BASE}/applications/:office/:number`, async (req, res) => {
    // The body depends on Accept, so caches must key on it (also on a 406, which another Accept would not get).
    res.vary("Accept");
    const type = negotiate(req, ["application/json", "application/xml", "text/xml"] as const);
    const record = await findApplication(req.params);
    if (type !== "application/json") {
      if (record.ipType !== "patent" && record.ipType !== "utilityModel") {
        throw new DiprError("API_NOT_ACCEPTABLE", "The ST.96 export covers patents and utility models only; ask for application/json.");
      }
      // The XML builder is loaded with the first ST.96 request: most nodes answer JSON only, and a module's code
      // stays in the heap every garbage collection marks.
      const { applicationToSt96Xml } = await import("../st96-xml.js");
      res.type(type).send(applicationToSt96Xml(record));
      return;
    }
    res.json(applicationView(record));
  });

  router.get(`${API_BASE}/applications/:office/:number/history`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    res.json(historyView(await findApplication(req.params)));
  });

  router.get(`${API_BASE}/applications/:office/:number/family`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    const { kind } = parseWith(FamilyQuery, plainQuery(req));
    // The family needs only the start's date and type, and only when it is in no component: its registered entry,
    // not its whole record. A number that is only claimed (its office may not even take part) has a family too.
    const { parsed } = parseApplicationPath(req.params);
    const start = { canonicalId: parsed.canonicalId, registered: () => store.getRegistered(parsed.canonicalId) };
    const family = await loadFamily(store, start, kind, familyMaxMembers);
    if (family.members.length === 0) throw notFound(parsed.canonicalId);
    // The chain time only dates the blinded members' flags: a family in clear does not read it.
    sendJson(req, res, familyView(kind, start, family, family.blindedMembers.length > 0 ? await chainTimeOf(store) : undefined, await familyReferences(store, family)));
  });

  // Claimants of a number need not be registered themselves: a claimed application of a non-participating office
  // is known only through the claims that name it.
  router.get(`${API_BASE}/applications/:office/:number/claimants`, async (req, res) => {
    negotiate(req, JSON_TYPES);
    const { limit, cursor } = parseWith(ClaimantsQuery, plainQuery(req));
    const { code, parsed } = parseApplicationPath(req.params);
    const after = cursor === undefined ? undefined : decodeClaimCursor(cursor);
    const page = await store.pagePriorityClaims(applicationIdOf(code, parsed.applicationNumberText), { limit, ...(after === undefined ? {} : { after }) });
    const last = page.claims.at(-1);
    const next = page.more && last ? `${req.baseUrl}${req.path}?limit=${limit}&cursor=${encodeClaimCursor(last.claimedAt)}` : undefined;
    res.json({ claimedCanonicalId: parsed.canonicalId, claimants: page.claims.map(claimantView), links: next ? { next } : {} });
  });

  for (const path of ["/offices", "/offices/:code", "/applications/:office/:number", "/applications/:office/:number/history", "/applications/:office/:number/family", "/applications/:office/:number/claimants"]) {
    allowMethods(router, `${API_BASE}${path}`, ["GET"]);
  }
}
