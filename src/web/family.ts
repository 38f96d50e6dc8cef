/**
 * The family view (`?view=family&office=…&number=…`, or `&commitment=0x…` for an unpublished application): the
 * extended family as a graph, its legend and the same members in a table. Unpublished members are opaque: their
 * office, commitment, when they were recorded and the 18-month flag. Below the members, their documents (with an
 * Open link where this node's document proxy may fetch them) and international references.
 */
import type { ApiClient, Family } from "../api-client/index.js";
import { PUBLICATION_MONTHS } from "../domain/publication.js";
import { familyDocumentSections } from "./documents.js";
import { blockTimeText, date, h, problemMessage, table, type Child } from "./dom.js";
import { drawFamilyGraph, officeColour } from "./family-graph.js";
import { applicationHref, asTyped, commitmentHref, displayNumber, ipTypeWords, officeLabel, shortCommitment, unpublishedName } from "./names.js";
import { navigate, setTitle, show } from "./view.js";

export type FamilyStart = Readonly<{ office: string; number: string }> | Readonly<{ commitment: string }>;

/** How the page names and links each member of a family, by canonical id or commitment. */
export function familyNames(family: Family) {
  const names = new Map<string, { name: string; href: string }>();
  for (const m of family.members) {
    const shown = displayNumber(m.ipOfficeCode, m.applicationNumberText, m.ipType, m.filingDate);
    names.set(m.canonicalId, { name: `${m.ipOfficeCode} ${shown}`, href: applicationHref(m.ipOfficeCode, shown) });
  }
  for (const m of family.blindedMembers) names.set(m.commitment, { name: unpublishedName(m.ipOfficeCode, m.commitment), href: commitmentHref(m.commitment) });
  return { nameOf: (id: string) => names.get(id)?.name ?? id, hrefOf: (id: string) => names.get(id)?.href };
}

const simpleIdsOf = (simple: Family | undefined) => new Set([...(simple?.members.map((m) => m.canonicalId) ?? []), ...(simple?.blindedMembers.map((m) => m.commitment) ?? [])]);

/** The members as a table: clear ones by number, unpublished ones by office and commitment, each with its links. */
export function familyTable(family: Family, simple: Family | undefined): HTMLElement {
  const { nameOf, hrefOf } = familyNames(family);
  const simpleIds = simpleIdsOf(simple);
  const linksFrom = (id: string) =>
    family.links
      .filter((l) => l.from === id)
      .map((l) => (l.kind === "priority" ? `claims ${nameOf(l.to)} ${l.claimedFilingDate ? `of ${l.claimedFilingDate}` : "(date unpublished)"}` : `${l.kind} of ${nameOf(l.to)}`))
      .join("; ") || "—";
  const link = (id: string) => h("a", { href: hrefOf(id)!, class: "number" }, nameOf(id));
  return table(
    ["application", "office", "filing date", "IP type", "simple family", "links"],
    [
      ...family.members.map((m): Child[] => [
        link(m.canonicalId),
        officeLabel(m.ipOfficeCode),
        m.filingDate ? date(m.filingDate) : "not on the register",
        ipTypeWords(m.ipType),
        simpleIds.has(m.canonicalId) ? "yes" : "no",
        linksFrom(m.canonicalId),
      ]),
      ...family.blindedMembers.map((m): Child[] => [
        h("span", {}, link(m.commitment), m.publicationOverdue && [" ", h("strong", { class: "overdue" }, "publication overdue")]),
        officeLabel(m.ipOfficeCode),
        h("span", {}, "unpublished; recorded ", date(blockTimeText(m.committedAt.blockTime).slice(0, 10))),
        "unpublished",
        simpleIds.has(m.commitment) ? "yes" : "no",
        linksFrom(m.commitment),
      ]),
    ],
  );
}

export async function renderFamily(api: ApiClient, start: FamilyStart): Promise<void> {
  const asked = "commitment" in start ? shortCommitment(start.commitment) : asTyped(start.office, start.number);
  setTitle(`Family of ${asked}`);
  show(h("h1", {}, `Family of ${asked}`), h("p", { class: "loading" }, "Asking the node…"));
  const load = (kind: "extended" | "simple") => ("commitment" in start ? api.commitmentFamily(start.commitment, kind) : api.family(start.office, start.number, kind));
  let extended: Family;
  let simple: Family | undefined;
  try {
    [extended, simple] = await Promise.all([load("extended"), load("simple").catch(() => undefined)]);
  } catch (error) {
    show(h("h1", {}, `Family of ${asked}`), problemMessage(error));
    return;
  }
  const { nameOf, hrefOf } = familyNames(extended);
  const documents = await familyDocumentSections(api, extended, nameOf, hrefOf);
  const startId = extended.applicationCanonicalId ?? extended.commitment?.toLowerCase();
  const startName = startId === undefined ? asked : nameOf(startId);
  const startHref = "commitment" in start && extended.applicationCanonicalId === undefined ? commitmentHref(start.commitment) : startId === undefined ? undefined : hrefOf(startId);
  setTitle(`Family of ${startName}`);
  const simpleIds = simpleIdsOf(simple);
  const blinded = extended.blindedMembers;
  const total = extended.members.length + blinded.length;
  const registered = extended.members.filter((m) => m.registered).length;
  const overdue = blinded.filter((m) => m.publicationOverdue).length;
  const offices = [...new Set([...extended.members.map((m) => m.ipOfficeCode), ...blinded.map((m) => m.ipOfficeCode)])].sort();
  const status = h("p", { id: "graph-status", class: "hint", "aria-live": "polite" }, "Tab to the graph, then the arrow keys move from one application to the next and Enter opens it.");
  const graph = h("div", {
    id: "family-graph",
    class: "graph",
    tabindex: 0,
    role: "application",
    "aria-roledescription": "family graph",
    "aria-label": `Graph of the extended family of ${startName}: ${total} applications (${blinded.length} unpublished), ${extended.links.length} links. The arrow keys move from one application to the next, Enter opens it; the table below lists the same members.`,
    "aria-describedby": "graph-status",
  });
  const legend = h(
    "div",
    { class: "legend", "aria-label": "Legend" },
    h("ul", { class: "legend-offices" }, offices.map((o) => h("li", {}, h("span", { class: "swatch", style: `background:${officeColour(o)}` }), officeLabel(o)))),
    h(
      "ul",
      { class: "legend-marks" },
      h("li", {}, "shape and letter: IP type (P patent, UM utility model, D design, TM trade mark)"),
      h("li", {}, h("span", { class: "swatch simple" }), "yellow halo: the simple family of ", startName),
      h("li", {}, "solid arrow: priority claim (with the claimed date); dashed arrow: divisional or continuation of its parent"),
      h("li", {}, "white, dashed, apart: claimed numbers not on the register"),
      blinded.length > 0 && h("li", {}, h("span", { class: "swatch blinded" }), "grey, dotted, cut corners: unpublished, shown by office and commitment only until its office reveals it"),
      overdue > 0 && h("li", {}, h("span", { class: "swatch overdue" }), `pink, PUBLICATION OVERDUE: still unrevealed ${PUBLICATION_MONTHS} months after it was recorded`),
    ),
  );
  let cy: ReturnType<typeof drawFamilyGraph>;
  const controls = h(
    "div",
    { class: "graph-controls", role: "group", "aria-label": "Zoom" },
    h("button", { type: "button", onclick: () => zoom(1.25) }, "Zoom in"),
    h("button", { type: "button", onclick: () => zoom(0.8) }, "Zoom out"),
    h("button", { type: "button", onclick: () => cy.fit(undefined, 30) }, "Fit"),
  );
  const counts = [`${registered} on the register`, blinded.length > 0 && `${blinded.length} unpublished${overdue > 0 ? ` (${overdue} overdue)` : ""}`, `${extended.members.length - registered} only claimed`].filter(Boolean).join(", ");
  show(
    h("h1", {}, "Family of ", startHref ? h("a", { href: startHref }, startName) : startName),
    h(
      "p",
      { class: "lead" },
      `${total} applications in the extended family (${counts}), ${simpleIds.size} in the simple family. Drag to pan, scroll or use the buttons to zoom, click an application to open it.`,
    ),
    controls,
    graph,
    status,
    legend,
    h("section", { "aria-labelledby": "members-h" }, h("h2", { id: "members-h" }, "Members"), familyTable(extended, simple)),
    documents,
  );
  cy = drawFamilyGraph(graph, extended, { simpleIds, startId, nameOf, hrefOf, open: (href) => navigate(href), status });
  function zoom(factor: number): void {
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: graph.clientWidth / 2, y: graph.clientHeight / 2 } });
  }
  (window as unknown as { diprGraph?: unknown }).diprGraph = cy; // for the browser tests
}
