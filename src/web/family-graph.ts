/**
 * A family drawn with cytoscape and its dagre layout: coloured by office, shaped by IP type, unpublished members
 * grey and dotted, claimed numbers not on the register in a box apart. The mouse opens a member with a click; the
 * keyboard moves through the members with the arrow keys and opens one with Enter.
 */
import cytoscape, { type Core, type NodeSingular } from "cytoscape";
import dagre from "cytoscape-dagre";
import type { Family } from "../api-client/index.js";
import { blockTimeText } from "./dom.js";

cytoscape.use(dagre);

const OFFICE_COLOURS: Readonly<Record<string, string>> = {
  US: "#1f5fa8",
  EP: "#1b7f4b",
  JP: "#b3261e",
  CN: "#8a5a00",
  KR: "#6a3fa0",
  DE: "#333333",
};
const FALLBACK_COLOURS = ["#00707a", "#9c2f6e", "#5b6b00", "#7a4b2a"];
export function officeColour(code: string): string {
  return OFFICE_COLOURS[code] ?? FALLBACK_COLOURS[(code.charCodeAt(0) + code.charCodeAt(1)) % FALLBACK_COLOURS.length]!;
}
const IP_TYPE_SHAPES: Readonly<Record<string, string>> = { patent: "round-rectangle", utilityModel: "barrel", industrialDesign: "hexagon", trademark: "tag" };
const IP_TYPE_SHORT: Readonly<Record<string, string>> = { patent: "P", utilityModel: "UM", industrialDesign: "D", trademark: "TM" };

export type GraphOptions = Readonly<{
  /** Members of the simple family, by canonical id or commitment: drawn with a halo. */
  simpleIds: ReadonlySet<string>;
  /** The member asked for: drawn bold, and where the keyboard starts. */
  startId: string | undefined;
  /** How the page names a member (by canonical id or commitment). */
  nameOf: (id: string) => string;
  hrefOf: (id: string) => string | undefined;
  open: (href: string) => void;
  /** Where the member the keyboard is on is said in words (a polite live region). */
  status: HTMLElement;
}>;

type Member = Family["members"][number];
type BlindedMember = Family["blindedMembers"][number];

function memberNode(m: Member, options: GraphOptions) {
  return {
    data: {
      id: m.canonicalId,
      label: `${options.nameOf(m.canonicalId)}\n${m.filingDate ?? "not registered"}${m.ipType ? ` · ${IP_TYPE_SHORT[m.ipType]}` : ""}`,
      colour: officeColour(m.ipOfficeCode),
      shape: m.ipType ? IP_TYPE_SHAPES[m.ipType] : "ellipse",
      href: options.hrefOf(m.canonicalId),
      ...(m.registered ? {} : { parent: "__unregistered" }),
    },
    classes: [m.registered ? "registered" : "unregistered", options.simpleIds.has(m.canonicalId) ? "simple" : "", m.canonicalId === options.startId ? "start" : ""].join(" "),
  };
}

// An unpublished member is on the register, so it is laid out with the registered ones; it has no number, date or
// type to show, only its office, its commitment, when it was recorded and the 18-month flag.
function blindedNode(m: BlindedMember, options: GraphOptions) {
  return {
    data: {
      id: m.commitment,
      label: `${options.nameOf(m.commitment)}\nrecorded ${blockTimeText(m.committedAt.blockTime).slice(0, 10)}${m.publicationOverdue ? "\nPUBLICATION OVERDUE" : ""}`,
      colour: officeColour(m.ipOfficeCode),
      shape: "cut-rectangle",
      href: options.hrefOf(m.commitment),
    },
    classes: ["registered blinded", m.publicationOverdue ? "overdue" : "", options.simpleIds.has(m.commitment) ? "simple" : "", m.commitment === options.startId ? "start" : ""].join(" "),
  };
}

const STYLE = [
  {
    selector: "node",
    style: {
      shape: "data(shape)",
      "background-color": "#ffffff",
      "border-width": 3,
      "border-color": "data(colour)",
      label: "data(label)",
      "text-wrap": "wrap",
      "text-valign": "center",
      "text-halign": "center",
      "font-size": 11,
      "font-family": "system-ui, sans-serif",
      color: "data(colour)",
      width: 150,
      height: 42,
    },
  },
  { selector: "node.simple", style: { "underlay-color": "#f5c400", "underlay-opacity": 0.55, "underlay-padding": 7, "underlay-shape": "round-rectangle" } },
  { selector: "node.start", style: { "border-width": 5, "font-weight": "bold" } },
  { selector: "node.unregistered", style: { "border-style": "dashed" } },
  { selector: "node.blinded", style: { "background-color": "#ececec", "border-style": "dotted", width: 190 } },
  { selector: "node.overdue", style: { height: 54, "border-width": 4, "background-color": "#fde8e8" } },
  { selector: "node.keyboard", style: { "overlay-color": "#f5a700", "overlay-opacity": 0.35, "overlay-padding": 6 } },
  {
    selector: "node.apart",
    style: {
      shape: "round-rectangle",
      "background-color": "#f3f3f3",
      "border-width": 1,
      "border-color": "#999999",
      "border-style": "dashed",
      label: "data(label)",
      "text-valign": "top",
      "text-halign": "center",
      color: "#444444",
      "font-size": 11,
      padding: "14px",
    },
  },
  {
    selector: "edge",
    style: {
      width: 1.5,
      "curve-style": "bezier",
      "target-arrow-shape": "triangle",
      "line-color": "#555555",
      "target-arrow-color": "#555555",
      label: "data(label)",
      "font-size": 9,
      color: "#222222",
      "text-background-color": "#ffffff",
      "text-background-opacity": 0.85,
      "text-background-padding": "2px",
    },
  },
  { selector: "edge.divisional, edge.continuation, edge.continuationInPart", style: { "line-style": "dashed", "line-color": "#8a5a00", "target-arrow-color": "#8a5a00", width: 2 } },
];

/** Draws `family` into `container` and wires the mouse and the keyboard; the container must be in the document. */
export function drawFamilyGraph(container: HTMLElement, family: Family, options: GraphOptions): Core {
  const cy = cytoscape({
    container,
    minZoom: 0.2,
    maxZoom: 3,
    wheelSensitivity: 0.3,
    elements: [
      { data: { id: "__unregistered", label: "claimed, not on the register" }, classes: "apart", selectable: false },
      ...family.members.map((m) => memberNode(m, options)),
      ...family.blindedMembers.map((m) => blindedNode(m, options)),
      ...family.links.map((l, i) => ({
        data: { id: `link-${i}`, source: l.from, target: l.to, label: l.kind === "priority" ? (l.claimedFilingDate ?? "date unpublished") : l.kind },
        classes: l.kind,
      })),
    ],
    style: STYLE as never,
    layout: { name: "preset" },
  });
  const apart = cy.getElementById("__unregistered");
  if (apart.children().length === 0) apart.remove();
  // The register's members by dagre (later applications left, what they claim to the right); the numbers only
  // claimed then in a box of their own below.
  const placed = cy.elements().filter((el) => (el.isNode() ? el.hasClass("registered") : el.source().hasClass("registered") && el.target().hasClass("registered")));
  placed.layout({ name: "dagre", rankDir: "RL", nodeSep: 26, rankSep: 70, edgeSep: 10, fit: false } as never).run();
  const box = placed.nodes().boundingBox();
  const loose = cy.nodes(".unregistered");
  const perRow = Math.max(1, Math.floor(Math.max(box.w, 340) / 170));
  loose.forEach((node, i) => {
    node.position({ x: box.x1 + 85 + (i % perRow) * 170, y: box.y2 + 110 + Math.floor(i / perRow) * 70 });
  });
  cy.fit(undefined, 30);
  // A family of two would fill the box with giant boxes: no closer than the labels' own size.
  if (cy.zoom() > 1.2) {
    cy.zoom(1.2);
    cy.center();
  }
  cy.on("tap", "node", (event) => {
    const href = event.target.data("href") as string | undefined;
    if (href) options.open(href);
  });
  cy.on("mouseover", "node", (event) => {
    if (event.target.data("href")) container.style.cursor = "pointer";
  });
  cy.on("mouseout", "node", () => (container.style.cursor = ""));
  addKeyboard(cy, container, options);
  return cy;
}

/**
 * The members in reading order of the drawing (columns from the left, each from the top), so that the arrow keys
 * move the way the eye does; Home and End go to the first and last, Enter opens the member.
 */
function addKeyboard(cy: Core, container: HTMLElement, options: GraphOptions): void {
  const order = (cy.nodes().filter((n) => !n.isParent() && n.data("href") !== undefined).toArray() as NodeSingular[]).sort(
    (a, b) => a.position("x") - b.position("x") || a.position("y") - b.position("y"),
  );
  let at = -1;
  const moveTo = (index: number) => {
    if (order.length === 0) return;
    at = (index + order.length) % order.length;
    const node = order[at]!;
    cy.nodes(".keyboard").removeClass("keyboard");
    node.addClass("keyboard");
    const p = node.renderedPosition();
    if (p.x < 0 || p.y < 0 || p.x > container.clientWidth || p.y > container.clientHeight) cy.center(node);
    options.status.textContent = `${options.nameOf(node.id())}, ${at + 1} of ${order.length}: Enter opens it.`;
  };
  container.addEventListener("focus", () => {
    if (at === -1) moveTo(Math.max(0, order.findIndex((n) => n.id() === options.startId)));
  });
  container.addEventListener("keydown", (event) => {
    const step: Record<string, () => number> = {
      ArrowRight: () => at + 1,
      ArrowDown: () => at + 1,
      ArrowLeft: () => at - 1,
      ArrowUp: () => at - 1,
      Home: () => 0,
      End: () => order.length - 1,
    };
    if (event.key in step) {
      event.preventDefault();
      moveTo(step[event.key]!());
    } else if (event.key === "Enter" && at >= 0) {
      event.preventDefault();
      options.open(order[at]!.data("href") as string);
    }
  });
}
