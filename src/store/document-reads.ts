import { DiprError } from "../errors.js";
import { applicationKey, commitmentKey, documentKey, familyKey, familyLabelKey, memberKey, officeKey, referencesKey } from "./keys.js";
import type { KeyFilters } from "./key-filters.js";
import type { Sublevels } from "./open-database.js";
import type { ApplicationRecord, CommitmentRecord, DocumentRecord, FamilyComponent, Hex, InternationalReferenceRecord, OfficeRecord } from "./types.js";

/** The store's reads for shared documents: the references, and what the serving node checks a request against. */
export type DocumentReads = Readonly<{
  /** The document the register recorded under `documentId`; undefined when it recorded none. */
  getDocument(documentId: string): Promise<DocumentRecord | undefined>;
  /**
   * The documents of an application, by its canonical id (with those recorded under its commitment before it was
   * revealed), or of a blinded application by its commitment, in chain order.
   */
  listDocuments(canonicalIdOrCommitment: string): Promise<DocumentRecord[]>;
  /** The international references of an application, by canonical id or (while blinded) commitment, in chain order. */
  listInternationalReferences(canonicalIdOrCommitment: string): Promise<InternationalReferenceRecord[]>;
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
 * Point reads only, synchronous (as the store's other point reads): the documents route makes several per request,
 * and a family answer two per member.
 */
export function createDocumentReads(subs: Sublevels, filters: Pick<KeyFilters, "documentsByApplication" | "internationalReferences">): DocumentReads {
  const get = <T>(sub: keyof Sublevels, key: string) => subs[sub].getSync(key) as T | undefined;

  return {
    getDocument: async (documentId) => get<DocumentRecord>("documents", documentKey(documentId)),

    async listDocuments(subject) {
      const key = referencesKey(subject);
      // Most members of a family have no documents: the filter spares the LevelDB miss.
      if (!filters.documentsByApplication.mightContain(key)) return [];
      const ids = get<string[]>("documentsByApplication", key) ?? [];
      return ids.map((id) => {
        const record = get<DocumentRecord>("documents", documentKey(id));
        if (record === undefined) throw new DiprError("STORE_CORRUPT", `the document list of ${subject} names ${id}, which the store does not hold`, { subject, documentId: id });
        return record;
      });
    },

    async listInternationalReferences(subject) {
      const key = referencesKey(subject);
      if (!filters.internationalReferences.mightContain(key)) return [];
      return get<InternationalReferenceRecord[]>("internationalReferences", key) ?? [];
    },

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
