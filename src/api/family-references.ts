import type { z } from "zod";
import type { Hex } from "../chain/register-contract.js";
import { applicationIdOf } from "../domain/index.js";
import type { Store } from "../store/index.js";
import type { FamilyResult } from "./family.js";
import { subjectReferences } from "./routes/document-routes.js";
import type { FamilyDocument, FamilyInternationalReference } from "./schemas.js";

/** A member's documents (kinds and dates) and international references, as a family answer shows them. */
export type MemberReferences = Readonly<{
  documents?: z.infer<typeof FamilyDocument>[];
  internationalReferences?: z.infer<typeof FamilyInternationalReference>[];
}>;

export type FamilyReferenceStore = Pick<Store, "getApplication" | "listDocuments" | "listInternationalReferences">;

/**
 * What the register holds of each member's documents and international references (Recommendations 15 and 12), by
 * the member's canonical id or commitment; members with none are left out. A registered member's are those recorded
 * under its id and, if it was blinded first, under its commitment; a blinded member's those under its commitment; a
 * number that is only claimed has none. Two range reads per member.
 */
export async function familyReferences(store: FamilyReferenceStore, family: FamilyResult): Promise<ReadonlyMap<string, MemberReferences>> {
  const subjects: [string, { applicationId?: Hex; commitment?: Hex }][] = [];
  for (const member of family.members) {
    if (member.filingDate === undefined) continue;
    const applicationId = applicationIdOf(member.canonicalId.slice(0, 2), member.canonicalId.slice(3)) as Hex;
    const revealedFrom = (await store.getApplication(applicationId))?.revealedFrom;
    subjects.push([member.canonicalId, { applicationId, ...(revealedFrom === undefined ? {} : { commitment: revealedFrom }) }]);
  }
  for (const member of family.blindedMembers) subjects.push([member.commitment, { commitment: member.commitment as Hex }]);
  const out = new Map<string, MemberReferences>();
  for (const [key, subject] of subjects) {
    const { documents, internationalReferences } = await subjectReferences(store, subject);
    if (documents.length === 0 && internationalReferences.length === 0) continue;
    out.set(key, {
      ...(documents.length === 0 ? {} : { documents: documents.map(({ documentId, kind, date }) => ({ documentId, kind, date })) }),
      ...(internationalReferences.length === 0
        ? {}
        : { internationalReferences: internationalReferences.map(({ kind, text, canonicalId }) => ({ kind, text, ...(canonicalId === undefined ? {} : { canonicalId }) })) }),
    });
  }
  return out;
}
