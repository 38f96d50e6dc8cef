import { DiprError } from "../errors.js";
import type { ApplicationRecord, CommitmentRecord, FamilyComponent, FamilyLink, FamilyMember, StoreBatch } from "../store/index.js";

/**
 * Family components kept by the indexer: the connected components of the graph of active priority claims and
 * parent links (domain.md 6.3), so the API answers a family with two point reads instead of walking the graph.
 *
 * A link between two components merges them under the label of the larger (the smaller one's members are
 * relabelled); withdrawing a claim removes its link and splits the component when nothing else connects the two
 * sides. Every write goes through the store batch, so a reorganisation undoes it like any other entity. The
 * rules depend only on the stored state, never on how blocks were grouped into ranges, so every node that indexes
 * the same chain holds the same components. Cost: a merge rewrites the merged component, O(its size).
 *
 * Unpublished applications are members too, keyed by their commitment (domain.md 6.2: opaque members): a claim of
 * a commitment links its claimant to it, and when the office reveals the commitment the revealed application takes
 * the blinded member's place, so its claims become ordinary links with the revealed filing date.
 */
export type FamilyBatch = Pick<StoreBatch, "getFamilyLabel" | "putFamilyLabel" | "getFamily" | "putFamily">;

/** What a component records of an application on the register. */
export const familyMemberOf = (record: ApplicationRecord): FamilyMember => ({ canonicalId: record.canonicalId, filingDate: record.filingDate, ipType: record.ipType });

/** What a component records of an unrevealed blinded application: its commitment as key, its office and when it was recorded. */
export const blindedMemberOf = (record: CommitmentRecord): FamilyMember => ({ canonicalId: record.commitment, blinded: { office: record.office, committedAt: record.committedAt } });

type Loaded = { component: FamilyComponent; stored: boolean };

function load(batch: FamilyBatch, canonicalId: string): FamilyComponent | undefined {
  const label = batch.getFamilyLabel(canonicalId);
  if (label === undefined) return undefined;
  const component = batch.getFamily(label);
  if (component === undefined) throw new DiprError("STORE_CORRUPT", `family label ${label} of ${canonicalId} names no stored component`, { canonicalId, label });
  return component;
}

function componentOf(batch: FamilyBatch, member: FamilyMember): Loaded {
  const component = load(batch, member.canonicalId);
  return component ? { component, stored: true } : { component: { label: member.canonicalId, members: [member], links: [] }, stored: false };
}

const indexOf = (component: FamilyComponent, canonicalId: string): number => component.members.findIndex((m) => m.canonicalId === canonicalId);

/** The stored member entry of `canonicalId`, if it is in a component: then a claimed number needs no record lookup. */
export function storedMember(batch: FamilyBatch, canonicalId: string): FamilyMember | undefined {
  const component = load(batch, canonicalId);
  return component?.members[indexOf(component, canonicalId)];
}

/** Adds a link from `from` to `to` (the link's own `from`/`to` indexes are filled in), merging components. */
export function addFamilyLink(batch: FamilyBatch, from: FamilyMember, to: FamilyMember, link: Omit<FamilyLink, "from" | "to">): void {
  const a = componentOf(batch, from);
  const b = componentOf(batch, to);
  const component = a.component.label === b.component.label ? a.component : merge(batch, a, b);
  const linked = { ...link, from: indexOf(component, from.canonicalId), to: indexOf(component, to.canonicalId) };
  batch.putFamily(component.label, { ...component, links: [...component.links, linked] });
}

/**
 * Two components as one, under the label of the larger (the smaller one's members relabelled, its entry removed);
 * the merged component is returned for the caller to complete and write.
 */
function merge(batch: FamilyBatch, a: Loaded, b: Loaded): FamilyComponent {
  const sizeA = a.component.members.length;
  const sizeB = b.component.members.length;
  const aKept = sizeA > sizeB || (sizeA === sizeB && a.component.label < b.component.label);
  const [kept, absorbed] = aKept ? [a, b] : [b, a];
  const label = kept.component.label;
  if (!kept.stored) batch.putFamilyLabel(label, label);
  for (const member of absorbed.component.members) batch.putFamilyLabel(member.canonicalId, label);
  if (absorbed.stored) batch.putFamily(absorbed.component.label, null);
  const offset = kept.component.members.length;
  const shifted = absorbed.component.links.map((l) => ({ ...l, from: l.from + offset, to: l.to + offset }));
  return { label, members: [...kept.component.members, ...absorbed.component.members], links: [...kept.component.links, ...shifted] };
}

/**
 * The blinded member `commitment` is now the application `revealed`: it takes the blinded member's place (joining
 * the component it was in already, if any), and the claims of the commitment state the revealed `filingDate`.
 * Nothing to do when nothing claimed the commitment and it claimed nothing.
 */
export function revealFamilyMember(batch: FamilyBatch, commitment: string, revealed: FamilyMember, filingDate: string): void {
  const blinded = load(batch, commitment);
  if (blinded === undefined) return;
  const own = load(batch, revealed.canonicalId);
  const component = own === undefined || own.label === blinded.label ? blinded : merge(batch, { component: blinded, stored: true }, { component: own, stored: true });
  const gone = indexOf(component, commitment);
  const present = indexOf(component, revealed.canonicalId);
  // Indexes after the blinded member's replacement, or its removal when the revealed one was a member already.
  const shift = (i: number) => (present === -1 || i < gone ? i : i - 1);
  const renumber = (i: number) => (i === gone ? (present === -1 ? gone : shift(present)) : shift(i));
  const members = present === -1 ? component.members.map((m, i) => (i === gone ? revealed : m)) : component.members.filter((_, i) => i !== gone);
  const links = component.links.map((l) => ({
    ...l,
    from: renumber(l.from),
    to: renumber(l.to),
    ...(l.to === gone && l.kind === "priority" ? { claimedFilingDate: filingDate } : {}),
  }));
  batch.putFamilyLabel(commitment, null);
  if (component.label !== commitment) {
    if (present === -1) batch.putFamilyLabel(revealed.canonicalId, component.label);
    batch.putFamily(component.label, { label: component.label, members, links });
    return;
  }
  // The label named the blinded member, which is gone: the revealed application's canonical id is the label now.
  const label = revealed.canonicalId;
  batch.putFamily(commitment, null);
  for (const member of members) batch.putFamilyLabel(member.canonicalId, label);
  batch.putFamily(label, { label, members, links });
}

/**
 * Removes claim `sequence` of the application `from` from its component. If that disconnects it, the part holding
 * the label keeps it, every other part is labelled by its smallest canonical id, and a part of one member is no
 * component at all.
 */
export function removeFamilyClaim(batch: FamilyBatch, from: FamilyMember, sequence: number): void {
  const component = load(batch, from.canonicalId);
  const fromIndex = component === undefined ? -1 : indexOf(component, from.canonicalId);
  const isTheClaim = (l: FamilyLink) => l.from === fromIndex && l.kind === "priority" && l.sequence === sequence;
  if (component === undefined || !component.links.some(isTheClaim)) {
    throw new DiprError("STORE_CORRUPT", `claim ${sequence} of ${from.canonicalId} is not in its family component`, { canonicalId: from.canonicalId, sequence });
  }
  const links = component.links.filter((l) => !isTheClaim(l));
  const parts = connectedParts(component.members.length, links);
  if (parts.length === 1) {
    batch.putFamily(component.label, { ...component, links });
    return;
  }
  for (const indexes of parts) {
    const members = indexes.map((i) => component.members[i]!);
    const holdsLabel = members.some((m) => m.canonicalId === component.label);
    const label = holdsLabel ? component.label : members.map((m) => m.canonicalId).reduce((x, y) => (y < x ? y : x));
    if (members.length === 1) {
      batch.putFamilyLabel(members[0]!.canonicalId, null);
      if (holdsLabel) batch.putFamily(component.label, null);
      continue;
    }
    if (!holdsLabel) for (const member of members) batch.putFamilyLabel(member.canonicalId, label);
    const renumber = new Map(indexes.map((old, i) => [old, i]));
    const own = links.filter((l) => renumber.has(l.from)).map((l) => ({ ...l, from: renumber.get(l.from)!, to: renumber.get(l.to)! }));
    batch.putFamily(label, { label, members, links: own });
  }
}

/** Replaces the stored entry of a member (registered later than first claimed, or corrected), if it has one. */
export function updateFamilyMember(batch: FamilyBatch, member: FamilyMember): void {
  const component = load(batch, member.canonicalId);
  if (component === undefined) return;
  batch.putFamily(component.label, { ...component, members: component.members.map((m) => (m.canonicalId === member.canonicalId ? member : m)) });
}

/** Member indexes grouped by connectivity over `links`, each group ascending. */
function connectedParts(size: number, links: readonly FamilyLink[]): number[][] {
  const neighbours: number[][] = Array.from({ length: size }, () => []);
  for (const link of links) {
    neighbours[link.from]!.push(link.to);
    neighbours[link.to]!.push(link.from);
  }
  const partOf = new Int32Array(size).fill(-1);
  const parts: number[][] = [];
  for (let start = 0; start < size; start++) {
    if (partOf[start] !== -1) continue;
    const part = parts.length;
    partOf[start] = part;
    const stack = [start];
    while (stack.length > 0) {
      for (const next of neighbours[stack.pop()!]!) {
        if (partOf[next] !== -1) continue;
        partOf[next] = part;
        stack.push(next);
      }
    }
    parts.push([]);
  }
  for (let i = 0; i < size; i++) parts[partOf[i]!]!.push(i);
  return parts;
}
