import {
  checkPriorityClaim,
  createFamilyIndex,
  splitCanonicalId,
  type FamilyApplication,
  type FamilyClaimStatus,
  type IpType,
} from "../domain/index.js";
import type { ApplicationRecord, FamilyComponent, FamilyLink, FamilyMember, Store } from "../store/index.js";

export type FamilyStore = Pick<Store, "getFamily">;

/** A family member; `filingDate` and `ipType` are present exactly when it is on the register. */
export type FamilyNode = Readonly<{ canonicalId: string; filingDate?: string; ipType?: IpType }>;

export type FamilyEdge = Readonly<{ from: string; to: string; kind: FamilyLink["kind"] }>;

export type FamilyResult = Readonly<{ members: readonly FamilyNode[]; links: readonly FamilyEdge[] }>;

/** The time-limit class of a claim, which decides whether it counts for the simple family (domain.md 6.2). */
function claimStatus(claimant: FamilyMember, claimed: FamilyMember, claimedFilingDate: string): FamilyClaimStatus {
  try {
    const check = checkPriorityClaim({
      claimed: { office: splitCanonicalId(claimed.canonicalId).office, filingDate: claimedFilingDate, ipType: claimed.ipType ?? claimant.ipType! },
      claimant: { office: splitCanonicalId(claimant.canonicalId).office, filingDate: claimant.filingDate!, ipType: claimant.ipType! },
    });
    return check.classification;
  } catch {
    // A claim the domain rules cannot even classify (e.g. an office off the ST.3 list) founds no simple family.
    return "invalid";
  }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The family of `start`, from the component the indexer keeps (two point reads, however long the chains): the
 * extended family is the whole component; the simple family is computed within it by the domain core.
 * Claimed applications not on the register are members without a date.
 */
export async function loadFamily(store: FamilyStore, start: ApplicationRecord, kind: "simple" | "extended"): Promise<FamilyResult> {
  const self: FamilyMember = { applicationId: start.applicationId, canonicalId: start.canonicalId, filingDate: start.filingDate, ipType: start.ipType };
  const component: FamilyComponent = (await store.getFamily(start.applicationId)) ?? { label: start.applicationId, members: [self], links: [] };
  const byId = new Map(component.members.map((m) => [m.applicationId, m]));
  const canonicalOf = (id: string) => byId.get(id as FamilyMember["applicationId"])!.canonicalId;

  let members = [...component.members].sort((a, b) => byText(a.canonicalId, b.canonicalId));
  if (kind === "simple") {
    const outgoing = new Map<string, FamilyLink[]>();
    for (const link of component.links) outgoing.set(link.fromId, [...(outgoing.get(link.fromId) ?? []), link]);
    const inputs: FamilyApplication[] = members.map((member) => {
      if (member.filingDate === undefined) return { id: member.canonicalId };
      const links = outgoing.get(member.applicationId) ?? [];
      const parent = links.find((l) => l.kind !== "priority");
      return {
        id: member.canonicalId,
        filingDate: member.filingDate,
        claims: links
          .filter((l) => l.kind === "priority")
          .map((l) => ({ id: canonicalOf(l.toId), status: claimStatus(member, byId.get(l.toId)!, l.claimedFilingDate!) })),
        ...(parent && parent.kind !== "priority" ? { parent: { id: canonicalOf(parent.toId), kind: parent.kind } } : {}),
      };
    });
    const simple = new Set(createFamilyIndex(inputs).simpleFamily(start.canonicalId));
    members = members.filter((m) => simple.has(m.canonicalId));
  }

  const inFamily = new Set(members.map((m) => m.applicationId));
  const links = new Map<string, FamilyEdge>();
  for (const link of component.links) {
    if (!inFamily.has(link.fromId) || !inFamily.has(link.toId)) continue;
    const edge: FamilyEdge = { from: canonicalOf(link.fromId), to: canonicalOf(link.toId), kind: link.kind };
    links.set(`${edge.from}>${edge.to}>${edge.kind}`, edge); // two claims of the same number are one link
  }
  return {
    members: members.map(({ canonicalId, filingDate, ipType }) => (filingDate === undefined ? { canonicalId } : { canonicalId, filingDate, ipType })),
    links: [...links.values()].sort((a, b) => byText(a.from + a.to, b.from + b.to) || byText(a.kind, b.kind)),
  };
}
