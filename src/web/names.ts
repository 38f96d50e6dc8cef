/**
 * How the page names things: offices by their names on the register, numbers as their offices write them, IP types
 * in words, unpublished applications by office and a short commitment; and the links to each one's view.
 */
import { formatApplicationNumber } from "../domain/application-number.js";
import type { IpType } from "../domain/ip-types.js";
import { h } from "./dom.js";

export const IP_TYPE_WORDS: Readonly<Record<IpType, string>> = { patent: "patent", utilityModel: "utility model", industrialDesign: "industrial design", trademark: "trade mark" };
export const ipTypeWords = (type: string | undefined) => (type === undefined ? "—" : (IP_TYPE_WORDS[type as IpType] ?? type));

// The register's offices, read once when the page starts; until then (or if the node cannot say) offices go by code.
let officeNames: ReadonlyMap<string, string> = new Map();
export const setOfficeNames = (names: ReadonlyMap<string, string>) => void (officeNames = names);
export const officeEntries = () => [...officeNames];
export const officeLabel = (code: string) => (officeNames.get(code) ? `${code} — ${officeNames.get(code)}` : `${code} (not on the register)`);

/** A number as its office writes it (EP 24 150 321.8, 特願2024-045678), or as stored when the domain core cannot say. */
export function displayNumber(office: string, text: string, ipType?: string, filingDate?: string): string {
  try {
    return formatApplicationNumber(office, text, { ...(ipType ? { ipType: ipType as IpType } : {}), ...(filingDate ? { filingDate } : {}) });
  } catch {
    return text;
  }
}

export const applicationHref = (office: string, number: string, view?: string) => `/?${new URLSearchParams({ ...(view ? { view } : {}), office, number })}`;

export function numberLink(office: string, text: string, ipType?: string, filingDate?: string): HTMLElement {
  const shown = displayNumber(office, text, ipType, filingDate);
  return h("a", { href: applicationHref(office, shown), class: "number" }, `${office} ${shown}`);
}

/** A number as typed, with its office in front unless the number already starts with it (EP 24 150 321.8). */
export const asTyped = (office: string, number: string) => (number.trim().toUpperCase().startsWith(office.toUpperCase()) ? number.trim() : `${office} ${number.trim()}`);

export const splitId = (canonicalId: string) => ({ office: canonicalId.slice(0, 2), number: canonicalId.slice(3) });

/** A family link names an unpublished member by its commitment (0x and 64 hex digits), any other by its canonical id. */
export const isCommitment = (id: string) => /^0x[0-9a-fA-F]{64}$/.test(id);

export const commitmentHref = (commitment: string, view?: string) => `/?${new URLSearchParams({ ...(view ? { view } : {}), commitment })}`;

/** A commitment short enough for a label: its first and last two bytes (0x3f1c…08a1). */
export const shortCommitment = (commitment: string) => `${commitment.slice(0, 6)}…${commitment.slice(-4)}`;

/** An unpublished application, as the page names it: its office and a short commitment, nothing else is known. */
export const unpublishedName = (office: string, commitment: string) => `${office} · unpublished · ${shortCommitment(commitment)}`;

export function commitmentLink(office: string, commitment: string): HTMLElement {
  return h("a", { href: commitmentHref(commitment), class: "number", title: `commitment ${commitment}` }, unpublishedName(office, commitment));
}
