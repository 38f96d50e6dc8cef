import { DiprError } from "../errors.js";
import type { ApplicationRecord, FamilyComponent, FamilyLink, FamilyMember, Hex, StoreBatch } from "../store/index.js";

/**
 * Family components kept by the indexer: the connected components of the graph of active priority claims and
 * parent links (domain.md 6.3), so the API answers a family with two point reads instead of walking the graph.
 *
 * A link between two components merges them under the label of the larger (the smaller one's members are
 * relabelled); withdrawing a claim removes its link and splits the component when nothing else connects the two
 * sides. Every write goes through the store batch, so a reorganisation undoes it like any other entity. The
 * rules depend only on the stored state, never on how blocks were grouped into ranges, so every node that indexes
 * the same chain holds the same components. Cost: a merge rewrites the merged component, O(its size).
 */
export type FamilyBatch = Pick<StoreBatch, "getFamilyLabel" | "putFamilyLabel" | "getFamily" | "putFamily">;

/** What a component records of an application, registered or only claimed. */
export function familyMemberOf(record: ApplicationRecord): FamilyMember {
  return { applicationId: record.applicationId, canonicalId: record.canonicalId, filingDate: record.filingDate, ipType: record.ipType };
}

type Loaded = { component: FamilyComponent; stored: boolean };

async function componentOf(batch: FamilyBatch, member: FamilyMember): Promise<Loaded> {
  const label = await batch.getFamilyLabel(member.applicationId);
  if (label === undefined) return { component: { label: member.applicationId, members: [member], links: [] }, stored: false };
  const component = await batch.getFamily(label);
  if (component === undefined) {
    throw new DiprError("STORE_CORRUPT", `family label ${label} of ${member.applicationId} names no stored component`, { applicationId: member.applicationId, label });
  }
  return { component, stored: true };
}

/** The component of `applicationId` if it is in one; a claimed number's member entry needs no record then. */
export async function storedMember(batch: FamilyBatch, applicationId: Hex): Promise<FamilyMember | undefined> {
  const label = await batch.getFamilyLabel(applicationId);
  if (label === undefined) return undefined;
  return (await batch.getFamily(label))?.members.find((m) => m.applicationId === applicationId);
}

/** Adds `link` between `from` and `to`, merging their components when they differ. */
export async function addFamilyLink(batch: FamilyBatch, link: FamilyLink, from: FamilyMember, to: FamilyMember): Promise<void> {
  const a = await componentOf(batch, from);
  const b = await componentOf(batch, to);
  if (a.component.label === b.component.label) {
    await batch.putFamily(a.component.label, { ...a.component, links: [...a.component.links, link] });
    return;
  }
  const sizeA = a.component.members.length;
  const sizeB = b.component.members.length;
  const [kept, absorbed] = sizeA > sizeB || (sizeA === sizeB && a.component.label < b.component.label) ? [a, b] : [b, a];
  const label = kept.component.label;
  if (!kept.stored) await batch.putFamilyLabel(label, label);
  for (const member of absorbed.component.members) await batch.putFamilyLabel(member.applicationId, label);
  if (absorbed.stored) await batch.putFamily(absorbed.component.label, null);
  await batch.putFamily(label, {
    label,
    members: [...kept.component.members, ...absorbed.component.members],
    links: [...kept.component.links, ...absorbed.component.links, link],
  });
}

/**
 * Removes claim `sequence` of `fromId` from its component. If that disconnects it, the part holding the label
 * keeps it, every other part is labelled by its smallest id, and a part of one member is no component at all.
 */
export async function removeFamilyClaim(batch: FamilyBatch, fromId: Hex, sequence: number): Promise<void> {
  const label = await batch.getFamilyLabel(fromId);
  const component = label === undefined ? undefined : await batch.getFamily(label);
  const isTheClaim = (l: FamilyLink) => l.fromId === fromId && l.sequence === sequence;
  if (label === undefined || component === undefined || !component.links.some(isTheClaim)) {
    throw new DiprError("STORE_CORRUPT", `claim ${sequence} of ${fromId} is not in its family component`, { applicationId: fromId, sequence });
  }
  const links = component.links.filter((l) => !isTheClaim(l));
  const parts = connectedParts(component.members, links);
  if (parts.length === 1) {
    await batch.putFamily(label, { ...component, links });
    return;
  }
  for (const members of parts) {
    const ids = new Set(members.map((m) => m.applicationId));
    const partLabel: Hex = ids.has(label) ? label : members.map((m) => m.applicationId).reduce((x: Hex, y: Hex) => (y < x ? y : x));
    if (members.length === 1) {
      await batch.putFamilyLabel(members[0]!.applicationId, null);
      if (partLabel === label) await batch.putFamily(label, null);
      continue;
    }
    if (partLabel !== label) for (const m of members) await batch.putFamilyLabel(m.applicationId, partLabel);
    await batch.putFamily(partLabel, { label: partLabel, members, links: links.filter((l) => ids.has(l.fromId)) });
  }
}

/** Replaces the stored entry of a member (registered later than first claimed, or corrected), if it has one. */
export async function updateFamilyMember(batch: FamilyBatch, member: FamilyMember): Promise<void> {
  const label = await batch.getFamilyLabel(member.applicationId);
  if (label === undefined) return;
  const component = await batch.getFamily(label);
  if (component === undefined) {
    throw new DiprError("STORE_CORRUPT", `family label ${label} of ${member.applicationId} names no stored component`, { applicationId: member.applicationId, label });
  }
  await batch.putFamily(label, { ...component, members: component.members.map((m) => (m.applicationId === member.applicationId ? member : m)) });
}

/** The members grouped by connectivity over `links`, each group in the members' stored order. */
function connectedParts(members: readonly FamilyMember[], links: readonly FamilyLink[]): FamilyMember[][] {
  const neighbours = new Map<Hex, Hex[]>(members.map((m) => [m.applicationId, []]));
  for (const link of links) {
    neighbours.get(link.fromId)?.push(link.toId);
    neighbours.get(link.toId)?.push(link.fromId);
  }
  const partOf = new Map<Hex, number>();
  let parts = 0;
  for (const { applicationId } of members) {
    if (partOf.has(applicationId)) continue;
    const stack = [applicationId];
    partOf.set(applicationId, parts);
    while (stack.length > 0) {
      for (const next of neighbours.get(stack.pop()!) ?? []) {
        if (partOf.has(next)) continue;
        partOf.set(next, parts);
        stack.push(next);
      }
    }
    parts++;
  }
  const grouped: FamilyMember[][] = Array.from({ length: parts }, () => []);
  for (const member of members) grouped[partOf.get(member.applicationId)!]!.push(member);
  return grouped;
}
