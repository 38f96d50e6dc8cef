import { DiprError } from "../errors.js";
import { applicationKey, byApplicationRange, commitmentKey, documentKey, familyKey, familyLabelKey, memberKey, officeKey } from "./keys.js";
import type { Sublevels } from "./open-database.js";
import type { ApplicationRecord, CommitmentRecord, DocumentRecord, FamilyComponent, Hex, InternationalReferenceRecord, OfficeRecord } from "./types.js";

/** The store's reads for shared documents: the references, and what the serving node checks a request against. */
export type DocumentReads = Readonly<{
  /** The document the register recorded under `documentId`; undefined when it recorded none. */
  getDocument(documentId: string): Promise<DocumentRecord | undefined>;
  /** The documents recorded for `applicationId` (a clear application's id or a commitment), in chain order. */
  listDocuments(applicationId: string): Promise<DocumentRecord[]>;
  /** The international references recorded for `applicationId` (an id or a commitment), in chain order. */
  listInternationalReferences(applicationId: string): Promise<InternationalReferenceRecord[]>;
  /** Whether `account` holds the signer role of `office`'s current key epoch (a reset office's old keys do not). */
  isCurrentSigner(office: string, account: string): boolean;
  /**
   * The offices with an application in the extended family of `applicationId` (a clear application's id or a
   * commitment): its own office, and the office of every member of its family component, registered, only claimed
   * or blinded. A blinded application revealed since is looked up as the application it became. Empty when the
   * register holds no such application.
   */
  familyOffices(applicationId: string): Set<string>;
}>;

/**
 * Point reads and short range reads, synchronous where they are point reads (as the store's other reads): the
 * documents route makes several per request.
 */
export function createDocumentReads(subs: Sublevels): DocumentReads {
  const get = <T>(sub: keyof Sublevels, key: string) => subs[sub].getSync(key) as T | undefined;

  return {
    getDocument: async (documentId) => get<DocumentRecord>("documents", documentKey(documentId)),

    async listDocuments(applicationId) {
      const ids = (await subs.documentsByApplication.values(byApplicationRange(applicationId)).all()) as string[];
      return ids.map((id) => {
        const record = get<DocumentRecord>("documents", documentKey(id));
        if (record === undefined) throw new DiprError("STORE_CORRUPT", `the document list of ${applicationId} names ${id}, which the store does not hold`, { applicationId, documentId: id });
        return record;
      });
    },

    listInternationalReferences: async (applicationId) =>
      (await subs.internationalReferences.values(byApplicationRange(applicationId)).all()) as InternationalReferenceRecord[],

    isCurrentSigner(office, account) {
      const record = get<OfficeRecord>("offices", officeKey(office));
      return record !== undefined && get("members", memberKey(record.signerRole, account)) !== undefined;
    },

    familyOffices(applicationId) {
      const offices = new Set<string>();
      let member: string;
      const application = get<ApplicationRecord>("applications", applicationKey(applicationId));
      if (application !== undefined) {
        offices.add(application.office);
        member = application.canonicalId;
      } else {
        const commitment = get<CommitmentRecord>("commitments", commitmentKey(applicationId));
        if (commitment === undefined) return offices;
        offices.add(commitment.office);
        // Once revealed, the application took the blinded member's place in its component.
        member = commitment.revealed?.canonicalId ?? commitment.commitment;
      }
      const label = get<string>("familyLabels", familyLabelKey(member));
      if (label === undefined) return offices;
      const component = get<FamilyComponent>("families", familyKey(label));
      if (component === undefined) throw new DiprError("STORE_CORRUPT", `family label ${label} of ${member} names no stored component`, { member, label });
      // A canonical id starts with its office code; a blinded member is keyed by its commitment and names its office.
      for (const m of component.members) offices.add(m.blinded?.office ?? m.canonicalId.slice(0, 2));
      return offices;
    },
  };
}
