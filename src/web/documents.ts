/**
 * Documents and international references on the page (Recommendations 15 and 12): each application's search and
 * examination documents — kind in words, date, media type, the office that holds it — with an Open link when this
 * node's document proxy may fetch it for the examiner, or the reason it may not; and its PCT, Madrid and Hague
 * numbers and WIPO CASE dossiers. The page holds no office key: Open goes to the node that serves the page, which
 * fetches the document with a request signed for its own office and checks it against the register's SHA-256.
 */
import { problemError, type ApiClient, type DocumentReference, type DocumentSubject, type Family } from "../api-client/index.js";
import { DOCUMENT_KIND_INFO, type DocumentKind, type InternationalReferenceKind } from "../domain/documents.js";
import { date, h, problemMessage, table, type Child } from "./dom.js";
import { officeLabel } from "./names.js";

/** GET /api/v1/document-proxy: whether this node opens documents for its page, for which office, for this browser. */
export type ProxyStatus = Readonly<{ configured: boolean; office?: string; signerAddress?: string; signerIsCurrent?: boolean; servesThisClient: boolean }>;

export async function proxyStatus(): Promise<ProxyStatus> {
  const response = await fetch("/api/v1/document-proxy", { headers: { accept: "application/json" } });
  const body = (await response.json()) as ProxyStatus;
  if (!response.ok) throw problemError(body as never);
  return body;
}

export const INTERNATIONAL_REFERENCE_WORDS: Readonly<Record<InternationalReferenceKind, string>> = {
  pctApplication: "PCT international application",
  madridRegistration: "Madrid international registration",
  hagueRegistration: "Hague international registration",
  wipoCaseDossier: "WIPO CASE dossier",
};

/** The kind's name alone (`search report`), as a link's label says it; the table gives the whole description. */
const kindName = (kind: DocumentKind) => DOCUMENT_KIND_INFO[kind].description.replace(/ \(.*$/, "");

export type OpenDecision = Readonly<{ open: true }> | Readonly<{ open: false; why: string }>;

/**
 * Whether the page offers to open a document: the node's proxy is on, answers this browser, its key is a current
 * signer, and its office may read the document — it owns it, or has an application in the family (as the owning
 * node decides: registered, only claimed or unpublished). The owning node has the last word; this only spares the
 * examiner a link that would be refused.
 */
export function openDecision(proxy: ProxyStatus | undefined, document: Pick<DocumentReference, "ipOfficeCode" | "problems">, familyOffices: ReadonlySet<string>): OpenDecision {
  if (document.problems !== undefined) {
    return { open: false, why: `Not fetched: its reference breaks dipr's rules (${document.problems.map((p) => `${p.target} ${p.code}`).join(", ")}).` };
  }
  if (proxy === undefined) return { open: false, why: "This node did not say whether it can open documents." };
  if (!proxy.configured) return { open: false, why: "This node opens no documents: it has no document proxy." };
  if (!proxy.servesThisClient) return { open: false, why: `This node's document proxy (for ${proxy.office}) answers only a browser on the node's own machine.` };
  if (proxy.signerIsCurrent === false) return { open: false, why: `The document proxy's key is not a current signer of ${proxy.office}.` };
  if (document.ipOfficeCode !== proxy.office && !familyOffices.has(proxy.office!)) {
    return { open: false, why: `${proxy.office} may not read it: ${proxy.office} has no application in this family.` };
  }
  return { open: true };
}

/** The offices with an application in a family, as the owning node counts them for access. */
export const familyOfficesOf = (family: Family): ReadonlySet<string> => new Set([...family.members.map((m) => m.ipOfficeCode), ...family.blindedMembers.map((m) => m.ipOfficeCode)]);

/** A line above the documents: what Open does here, or why nothing opens. */
function proxyNote(proxy: ProxyStatus | undefined): HTMLElement {
  if (proxy?.configured && proxy.servesThisClient) {
    return h("p", { class: "hint" }, `Open fetches a document through this node with a request signed for ${proxy.office}, and hands it over only when its bytes match the SHA-256 on the register.`);
  }
  if (proxy?.configured) return h("p", { class: "hint" }, `This node opens documents for ${proxy.office} only in a browser on the node's own machine.`);
  return h("p", { class: "hint" }, "This node has no document proxy, so documents are listed but not opened here; an office fetches one with ", h("code", {}, "dipr document get"), ".");
}

export type MemberName = Readonly<{ name: string; href: string | undefined }>;
export type DocumentRow = Readonly<{ member: MemberName; document: DocumentReference }>;

/** The file name the node gives in Content-Disposition, else the document's id. */
function fileNameOf(response: Response, documentId: string): string {
  return /filename="([^"]+)"/.exec(response.headers.get("content-disposition") ?? "")?.[1] ?? documentId;
}

/**
 * Fetches the document through the node's proxy and hands it to the browser as a download; a refusal (the owning
 * node's, or bytes that do not match the register) is shown in the cell with its title and code. The link's own
 * href does the same without the script, minus the message.
 */
async function openDocument(link: HTMLAnchorElement, cell: HTMLElement): Promise<void> {
  cell.querySelector(".problem")?.remove();
  link.setAttribute("aria-busy", "true");
  try {
    const response = await fetch(link.href);
    if (!response.ok) {
      const body = (await response.json().catch(() => ({ code: "API_UNAVAILABLE", title: `The node answered ${response.status}` }))) as never;
      cell.append(problemMessage(problemError(body)));
      return;
    }
    const url = URL.createObjectURL(await response.blob());
    const save = h("a", { href: url, download: fileNameOf(response, link.dataset.documentId!), hidden: true });
    document.body.append(save);
    save.click();
    save.remove();
    // The download has started from the object URL; release it once the browser has taken it.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    cell.append(problemMessage(error));
  } finally {
    link.removeAttribute("aria-busy");
  }
}

function openCell(row: DocumentRow, decision: OpenDecision): Child {
  if (!decision.open) return h("span", { class: "why-not" }, decision.why);
  const d = row.document;
  const cell = h("div", { class: "open-cell" });
  const link = h(
    "a",
    {
      href: `/api/v1/document-proxy/${d.documentId}`,
      download: "",
      class: "button secondary open-document",
      "data-document-id": d.documentId,
      "aria-label": `Open the ${kindName(d.kind)} of ${d.date} of ${row.member.name}`,
      onclick: (event: Event) => {
        event.preventDefault();
        void openDocument(link as HTMLAnchorElement, cell);
      },
    },
    "Open",
  );
  cell.append(link);
  return cell;
}

const memberCell = (member: MemberName): Child => (member.href ? h("a", { href: member.href, class: "number" }, member.name) : member.name);

/** The documents as a table, each with its Open link or why not; the application column only for a family's. */
export function documentsSection(rows: readonly DocumentRow[], proxy: ProxyStatus | undefined, familyOffices: ReadonlySet<string>, options: { heading: string; perMember: boolean }): HTMLElement {
  const head = [...(options.perMember ? ["application"] : []), "document", "date", "media type", "held by", "open"];
  return h(
    "section",
    { "aria-labelledby": "documents-h" },
    h("h2", { id: "documents-h" }, options.heading),
    rows.length === 0
      ? h("p", {}, options.perMember ? "No application of the family has a document on the register." : "No document is recorded on the register for it.")
      : [
          proxyNote(proxy),
          table(
            head,
            rows.map((row) => [
              ...(options.perMember ? [memberCell(row.member)] : []),
              DOCUMENT_KIND_INFO[row.document.kind].description,
              date(row.document.date),
              h("code", {}, row.document.mediaType),
              officeLabel(row.document.ipOfficeCode),
              openCell(row, openDecision(proxy, row.document, familyOffices)),
            ]),
          ),
        ],
  );
}

export type ReferenceRow = Readonly<{ member: MemberName; kind: InternationalReferenceKind; text: string; canonicalId?: string | undefined }>;

export function internationalReferencesSection(rows: readonly ReferenceRow[], options: { perMember: boolean }): HTMLElement {
  return h(
    "section",
    { "aria-labelledby": "international-h" },
    h("h2", { id: "international-h" }, "International references"),
    rows.length === 0
      ? h("p", {}, options.perMember ? "No application of the family records a PCT, Madrid or Hague number or a WIPO CASE dossier." : "It records no PCT, Madrid or Hague number and no WIPO CASE dossier.")
      : table(
          [...(options.perMember ? ["application"] : []), "reference", "register", "read as"],
          rows.map((r) => [...(options.perMember ? [memberCell(r.member)] : []), r.text, INTERNATIONAL_REFERENCE_WORDS[r.kind], r.canonicalId ? h("code", {}, r.canonicalId) : "not read by the number rules"]),
        ),
  );
}

/**
 * A family's documents and international references, for the family view. The family answer says which members
 * have documents (kinds and dates); their lists give the media type and the office, fetched in parallel with the
 * proxy's state.
 */
export async function familyDocumentSections(api: ApiClient, family: Family, nameOf: (id: string) => string, hrefOf: (id: string) => string | undefined): Promise<HTMLElement[]> {
  const member = (id: string): MemberName => ({ name: nameOf(id), href: hrefOf(id) });
  const withDocuments: { id: string; subject: DocumentSubject }[] = [
    ...family.members.filter((m) => m.documents?.length).map((m) => ({ id: m.canonicalId, subject: { office: m.ipOfficeCode, number: m.applicationNumberText } })),
    ...family.blindedMembers.filter((m) => m.documents?.length).map((m) => ({ id: m.commitment, subject: { commitment: m.commitment } })),
  ];
  const references: ReferenceRow[] = [
    ...family.members.flatMap((m) => (m.internationalReferences ?? []).map((r) => ({ member: member(m.canonicalId), ...r }))),
    ...family.blindedMembers.flatMap((m) => (m.internationalReferences ?? []).map((r) => ({ member: member(m.commitment), ...r }))),
  ];
  let rows: DocumentRow[];
  let proxy: ProxyStatus | undefined;
  try {
    const [lists, status] = await Promise.all([
      Promise.all(withDocuments.map(async (w) => (await api.documents(w.subject)).documents.map((document) => ({ member: member(w.id), document })))),
      withDocuments.length === 0 ? undefined : proxyStatus().catch(() => undefined),
    ]);
    rows = lists.flat();
    proxy = status;
  } catch (error) {
    return [h("section", { "aria-labelledby": "documents-h" }, h("h2", { id: "documents-h" }, "Documents"), problemMessage(error)), internationalReferencesSection(references, { perMember: true })];
  }
  return [documentsSection(rows, proxy, familyOfficesOf(family), { heading: "Documents", perMember: true }), internationalReferencesSection(references, { perMember: true })];
}

/**
 * One application's documents and international references, for the application view. Whether the proxy's office
 * may read them depends on the application's family, asked only when there is something to open.
 */
export const applicationDocumentSections = (api: ApiClient, office: string, number: string, name: string): Promise<HTMLElement[]> =>
  subjectDocumentSections(api, { office, number }, office, name, () => api.family(office, number, "extended"));

/**
 * The documents and international references of an application or of an unpublished application's commitment,
 * `office` its office, `family` its extended family when the page needs it to tell whether the proxy's office may
 * open a document of another office.
 */
export async function subjectDocumentSections(api: ApiClient, subject: DocumentSubject, office: string, name: string, family: () => Promise<Family>): Promise<HTMLElement[]> {
  const self: MemberName = { name, href: undefined };
  const [documents, references] = await Promise.allSettled([api.documents(subject), api.internationalReferences(subject)]);
  const sections: HTMLElement[] = [];
  if (documents.status === "fulfilled") {
    const list = documents.value.documents;
    let proxy: ProxyStatus | undefined;
    let offices: ReadonlySet<string> = new Set([office]);
    if (list.length > 0) {
      proxy = await proxyStatus().catch(() => undefined);
      if (proxy?.configured && proxy.servesThisClient && list.some((d) => d.ipOfficeCode !== proxy!.office)) {
        // Without the family the page cannot tell: it offers Open and the owning node decides.
        offices = await family().then(familyOfficesOf, () => new Set([office, proxy!.office!]));
      }
    }
    sections.push(documentsSection(list.map((document) => ({ member: self, document })), proxy, offices, { heading: "Documents", perMember: false }));
  } else {
    sections.push(h("section", { "aria-labelledby": "documents-h" }, h("h2", { id: "documents-h" }, "Documents"), problemMessage(documents.reason)));
  }
  if (references.status === "fulfilled") {
    sections.push(internationalReferencesSection(references.value.internationalReferences.map((r) => ({ member: self, kind: r.kind, text: r.text, canonicalId: r.canonicalId })), { perMember: false }));
  }
  return sections;
}
