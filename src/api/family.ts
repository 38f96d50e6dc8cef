import {
  checkPriorityClaim,
  createFamilyIndex,
  splitCanonicalId,
  type FamilyApplication,
  type FamilyClaimStatus,
  type IpType,
} from "../domain/index.js";
import { DiprError } from "../errors.js";
import type { BlindedMember, FamilyComponent, FamilyLink, FamilyMember, RegisteredNumber, Store, TimedChainRef } from "../store/index.js";

export type FamilyStore = Pick<Store, "getFamily">;

/**
 * The application a family is asked for: with its date and type when registered, its id alone when only claimed;
 * or a blinded application, by its commitment (as `canonicalId`) with `blinded`.
 */
export type FamilyStart = Readonly<{ canonicalId: string; blinded?: BlindedMember } & Partial<RegisteredNumber>>;

/**
 * A start by its id, with how to read its registered entry: the component names each member's date and type, so the
 * entry is read only for a start that is in no component.
 */
export type FamilyStartById = Readonly<{ canonicalId: string; registered: () => RegisteredNumber | undefined }>;

/** A family member; `filingDate` and `ipType` are present exactly when it is on the register. */
export type FamilyNode = Readonly<{ canonicalId: string; filingDate?: string; ipType?: IpType }>;

/** An unpublished member: its commitment, office and when it was recorded, nothing else. */
export type BlindedFamilyNode = Readonly<{ commitment: string; office: string; committedAt: TimedChainRef }>;

/** A link by canonical ids (a blinded member's commitment); a priority link also gives the priority date its claim states. */
export type FamilyEdge = Readonly<{ from: string; to: string; kind: FamilyLink["kind"]; claimedFilingDate?: string }>;

export type FamilyResult = Readonly<{ members: readonly FamilyNode[]; blindedMembers: readonly BlindedFamilyNode[]; links: readonly FamilyEdge[] }>;

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
 * A family larger than the node answers at once: its size, the cap, and what to ask for instead (a simple family is
 * usually a handful of applications; the claimants of one number come a page at a time).
 */
function familyTooLarge(start: FamilyStart, kind: "simple" | "extended", members: number, maxMembers: number): DiprError {
  const instead =
    kind === "extended"
      ? "Ask for its simple family (kind=simple: the applications with the same priorities), or for who claims one number, a page at a time (its claimants)."
      : "Ask for who claims one number instead, a page at a time (its claimants).";
  return new DiprError(
    "API_FAMILY_TOO_LARGE",
    `The ${kind} family of ${start.canonicalId} has ${members.toLocaleString("en")} members; this node answers families of at most ${maxMembers.toLocaleString("en")} (DIPR_API_FAMILY_MAX_MEMBERS). ${instead}`,
    { canonicalId: start.canonicalId, kind, members, maxMembers },
  );
}

/**
 * The family of `start`, from the component the indexer keeps (two point reads, however long the chains): the
 * extended family is the whole component; the simple family is computed within it by the domain core.
 * Claimed applications not on the register are members without a date; unpublished ones are blinded members. No
 * members at all when `start` is neither registered, blinded nor claimed by anything: the register knows nothing of it.
 * @throws DiprError API_FAMILY_TOO_LARGE when the family has more than `maxMembers` members (clear and blinded).
 */
export async function loadFamily(store: FamilyStore, given: FamilyStart | FamilyStartById, kind: "simple" | "extended", maxMembers: number): Promise<FamilyResult> {
  const stored = await store.getFamily(given.canonicalId);
  const start: FamilyStart = stored || !("registered" in given) ? (given as FamilyStart) : { canonicalId: given.canonicalId, ...given.registered() };
  if (!stored && start.filingDate === undefined && start.blinded === undefined) return { members: [], blindedMembers: [], links: [] };
  const component: FamilyComponent = stored ?? { label: start.canonicalId, members: [start as FamilyMember], links: [] };
  const { members, links } = component;
  // Refused before anything is built from it: the answer, and each member's references read for it, grow with it.
  if (kind === "extended" && members.length > maxMembers) throw familyTooLarge(start, kind, members.length, maxMembers);

  let inFamily: (index: number) => boolean = () => true;
  if (kind === "simple") {
    const outgoing: FamilyLink[][] = members.map(() => []);
    for (const link of links) outgoing[link.from]!.push(link);
    const inputs: FamilyApplication[] = members.map((member, i) => {
      // A blinded member's claims are hidden but for their links: they count as the claiming office's examiner
      // checked them with the access code. A claimed number not on the register claims nothing.
      if (member.blinded !== undefined) return { id: member.canonicalId, claims: outgoing[i]!.map((l) => ({ id: members[l.to]!.canonicalId, status: "valid" as const })) };
      if (member.filingDate === undefined) return { id: member.canonicalId };
      const parent = outgoing[i]!.find((l) => l.kind !== "priority");
      return {
        id: member.canonicalId,
        filingDate: member.filingDate,
        claims: outgoing[i]!
          .filter((l) => l.kind === "priority")
          .map((l) => ({
            id: members[l.to]!.canonicalId,
            // A claim of a blinded member states no date anyone can check but the examiner with its access code.
            status: l.claimedFilingDate === undefined ? ("valid" as const) : claimStatus(member, members[l.to]!, l.claimedFilingDate),
          })),
        ...(parent && parent.kind !== "priority" ? { parent: { id: members[parent.to]!.canonicalId, kind: parent.kind } } : {}),
      };
    });
    const simple = new Set(createFamilyIndex(inputs).simpleFamily(start.canonicalId));
    if (simple.size > maxMembers) throw familyTooLarge(start, kind, simple.size, maxMembers);
    inFamily = (i) => simple.has(members[i]!.canonicalId);
  }

  const order = members.map((_, i) => i).filter(inFamily);
  order.sort((a, b) => byText(members[a]!.canonicalId, members[b]!.canonicalId));
  const edges = new Map<string, FamilyEdge>();
  for (const link of links) {
    if (!inFamily(link.from) || !inFamily(link.to)) continue;
    const edge: FamilyEdge = {
      from: members[link.from]!.canonicalId,
      to: members[link.to]!.canonicalId,
      kind: link.kind,
      ...(link.claimedFilingDate === undefined ? {} : { claimedFilingDate: link.claimedFilingDate }),
    };
    edges.set(`${edge.from}>${edge.to}>${edge.kind}`, edge); // two claims of the same number are one link
  }
  return {
    members: order
      .filter((i) => members[i]!.blinded === undefined)
      .map((i) => {
        const { canonicalId, filingDate, ipType } = members[i]!;
        return filingDate === undefined ? { canonicalId } : { canonicalId, filingDate, ipType };
      }),
    blindedMembers: order.flatMap((i) => {
      const { canonicalId, blinded } = members[i]!;
      return blinded === undefined ? [] : [{ commitment: canonicalId, office: blinded.office, committedAt: blinded.committedAt }];
    }),
    links: [...edges].sort(([a], [b]) => byText(a, b)).map(([, edge]) => edge),
  };
}
