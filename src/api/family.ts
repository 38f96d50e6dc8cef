import {
  checkPriorityClaim,
  createFamilyIndex,
  splitCanonicalId,
  type FamilyApplication,
  type FamilyClaimStatus,
  type IpType,
} from "../domain/index.js";
import type { ApplicationRecord, Store } from "../store/index.js";

export type FamilyStore = Pick<Store, "getApplication" | "listPriorityClaims" | "listChildren">;

export type FamilyNode = Readonly<{ canonicalId: string; record?: ApplicationRecord }>;

export type FamilyEdge = Readonly<{ from: string; to: string; kind: "priority" | "divisional" | "continuation" | "continuationInPart" }>;

export type FamilyResult = Readonly<{ members: readonly FamilyNode[]; links: readonly FamilyEdge[] }>;

/** The time-limit class of a claim, which decides whether it counts for the simple family (domain.md 6.2). */
function claimStatus(claimant: ApplicationRecord, claimed: { office: string; number: string; filingDate: string }, claimedType: IpType): FamilyClaimStatus {
  try {
    const check = checkPriorityClaim({
      claimed: { office: claimed.office, filingDate: claimed.filingDate, ipType: claimedType },
      claimant: { office: claimant.office, filingDate: claimant.filingDate, ipType: claimant.ipType },
    });
    return check.classification;
  } catch {
    // A claim the domain rules cannot even classify (e.g. an office off the ST.3 list) founds no simple family.
    return "invalid";
  }
}

/**
 * The connected component of `start`: a breadth-first walk over active priority claims in
 * both directions and parent links, reading only the records it reaches, so a 50-member family costs ~100 store
 * reads however large the register is. Claimed applications not on the register are members without a record.
 */
export async function loadFamily(store: FamilyStore, start: ApplicationRecord, kind: "simple" | "extended"): Promise<FamilyResult> {
  const records = new Map<string, ApplicationRecord | undefined>([[start.applicationId, start]]);
  const canonicalOf = new Map<string, string>([[start.applicationId, start.canonicalId]]);
  const links = new Map<string, FamilyEdge>();
  const addLink = (edge: FamilyEdge) => links.set(`${edge.from}>${edge.to}`, edge);

  // Level by level, and each node's three reads at once: LevelDB serves the range scans from its thread pool in
  // parallel, so a level costs about one scan rather than the sum of them.
  async function expand(id: string): Promise<[string, string][]> {
    const [record, children, claimants] = await Promise.all([
      records.has(id) ? records.get(id) : store.getApplication(id),
      store.listChildren(id),
      store.listPriorityClaims({ claimedId: id }),
    ]);
    records.set(id, record);
    const neighbours: [string, string][] = [];
    if (record) {
      for (const claim of record.claims) {
        if (claim.status !== "active") continue;
        neighbours.push([claim.claimedId, claim.claimedCanonicalId]);
        addLink({ from: record.canonicalId, to: claim.claimedCanonicalId, kind: "priority" });
      }
      if (record.parent) {
        neighbours.push([record.parent.applicationId, record.parent.canonicalId]);
        addLink({ from: record.canonicalId, to: record.parent.canonicalId, kind: record.parent.kind });
      }
      for (const child of children) {
        neighbours.push([child.applicationId, child.canonicalId]);
        addLink({ from: child.canonicalId, to: record.canonicalId, kind: child.kind });
      }
    }
    for (const claim of claimants) {
      if (claim.status !== "active") continue;
      neighbours.push([claim.claimantId, claim.claimantCanonicalId]);
      addLink({ from: claim.claimantCanonicalId, to: claim.claimedCanonicalId, kind: "priority" });
    }
    return neighbours;
  }

  let frontier: string[] = [start.applicationId];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const neighbours of await Promise.all(frontier.map(expand))) {
      for (const [id, canonical] of neighbours) {
        if (canonicalOf.has(id)) continue;
        canonicalOf.set(id, canonical);
        next.push(id);
      }
    }
    frontier = next;
  }

  const byCanonical = new Map([...canonicalOf].map(([id, canonical]) => [canonical, records.get(id)]));
  let memberIds = [...byCanonical.keys()].sort();
  if (kind === "simple") {
    const inputs: FamilyApplication[] = [];
    for (const [canonicalId, record] of byCanonical) {
      if (!record) {
        inputs.push({ id: canonicalId });
        continue;
      }
      inputs.push({
        id: canonicalId,
        filingDate: record.filingDate,
        claims: record.claims
          .filter((claim) => claim.status === "active")
          .map((claim) => {
            const claimed = byCanonical.get(claim.claimedCanonicalId);
            const { office } = splitCanonicalId(claim.claimedCanonicalId);
            const claimedType = claimed?.ipType ?? record.ipType;
            return { id: claim.claimedCanonicalId, status: claimStatus(record, { office, number: claim.claimedNumber, filingDate: claim.claimedFilingDate }, claimedType) };
          }),
        ...(record.parent ? { parent: { id: record.parent.canonicalId, kind: record.parent.kind } } : {}),
      });
    }
    memberIds = [...createFamilyIndex(inputs).simpleFamily(start.canonicalId)];
  }
  const members = new Set(memberIds);
  return {
    members: memberIds.map((canonicalId) => {
      const record = byCanonical.get(canonicalId);
      return record ? { canonicalId, record } : { canonicalId };
    }),
    links: [...links.values()].filter((l) => members.has(l.from) && members.has(l.to)).sort((a, b) => (a.from + a.to).localeCompare(b.from + b.to)),
  };
}
