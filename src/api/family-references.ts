import type { z } from "zod";
import type { Store } from "../store/index.js";
import type { FamilyResult } from "./family.js";
import type { FamilyDocument, FamilyInternationalReference } from "./schemas.js";

/** A member's documents (kinds and dates) and international references, as a family answer shows them. */
export type MemberReferences = Readonly<{
  documents?: z.infer<typeof FamilyDocument>[];
  internationalReferences?: z.infer<typeof FamilyInternationalReference>[];
}>;

export type FamilyReferenceStore = Pick<Store, "listDocuments" | "listInternationalReferences">;

/**
 * What the register holds of each member's documents and international references (Recommendations 15 and 12), by
 * the member's canonical id or commitment; members with none are left out. The store keeps both lists under the key a
 * component names its member by (a revealed application's include what was recorded under its commitment), so this
 * is two point reads a member; a number that is only claimed has none.
 */
export async function familyReferences(store: FamilyReferenceStore, family: FamilyResult): Promise<ReadonlyMap<string, MemberReferences>> {
  const keys = [...family.members.filter((m) => m.filingDate !== undefined).map((m) => m.canonicalId), ...family.blindedMembers.map((m) => m.commitment)];
  const out = new Map<string, MemberReferences>();
  for (const key of keys) {
    const documents = await store.listDocuments(key);
    const references = await store.listInternationalReferences(key);
    if (documents.length === 0 && references.length === 0) continue;
    out.set(key, {
      ...(documents.length === 0 ? {} : { documents: documents.map(({ documentId, kind, date }) => ({ documentId, kind, date })) }),
      ...(references.length === 0
        ? {}
        : { internationalReferences: references.map(({ kind, text, canonicalId }) => ({ kind, text, ...(canonicalId === undefined ? {} : { canonicalId }) })) }),
    });
  }
  return out;
}
