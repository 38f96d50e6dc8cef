/**
 * The examiner's web page: look up an application, verify one claim or a CSV of claims, and see a family as a graph.
 * Vanilla TypeScript over the typed API client (the CLI's own), bundled by the node with esbuild (src/web/serve.ts).
 * Every view is a URL on `/` (`?office=US&number=63/512,345`, `&view=family`, `?view=verify&…`, `?view=batch`), so
 * every number and every verdict can be shared as a link.
 */
import cytoscape from "cytoscape";
import dagre from "cytoscape-dagre";
import { createApiClient, isClaimError, problemError, type ClaimToVerify, type Family, type Verdict, type ClaimError } from "../api-client/index.js";
import { formatApplicationNumber } from "../domain/application-number.js";
import { IP_TYPES, type IpType } from "../domain/ip-types.js";
import { OUTCOME_DESCRIPTIONS, VERDICT_REASON_DESCRIPTIONS, type VerdictOutcome, type VerdictReason } from "../domain/verdict-words.js";
import { isDiprError } from "../errors.js";

cytoscape.use(dagre);

const api = createApiClient({ url: location.origin });
const main = document.getElementById("main")!;

// ---------------------------------------------------------------------------------------------------------------
// DOM helpers

type Child = Node | string | number | false | null | undefined | readonly Child[];
type Attrs = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") el.addEventListener(name.replace(/^on/, ""), value);
    else if (value === true) el.setAttribute(name, "");
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.appendChild(typeof child === "object" ? (child as Node) : document.createTextNode(String(child)));
  }
}

const IP_TYPE_WORDS: Readonly<Record<IpType, string>> = { patent: "patent", utilityModel: "utility model", industrialDesign: "industrial design", trademark: "trade mark" };
const ipTypeWords = (type: string | undefined) => (type === undefined ? "—" : (IP_TYPE_WORDS[type as IpType] ?? type));

let officeNames = new Map<string, string>();
const officeName = (code: string) => officeNames.get(code);
const officeLabel = (code: string) => (officeName(code) ? `${code} — ${officeName(code)}` : `${code} (not on the register)`);

/** A number as its office writes it (EP 24 150 321.8, 特願2024-045678), or as stored when the domain core cannot say. */
function displayNumber(office: string, text: string, ipType?: string, filingDate?: string): string {
  try {
    return formatApplicationNumber(office, text, { ...(ipType ? { ipType: ipType as IpType } : {}), ...(filingDate ? { filingDate } : {}) });
  } catch {
    return text;
  }
}

const applicationHref = (office: string, number: string, view?: string) =>
  `/?${new URLSearchParams({ ...(view ? { view } : {}), office, number })}`;

function numberLink(office: string, text: string, ipType?: string, filingDate?: string): HTMLElement {
  const shown = displayNumber(office, text, ipType, filingDate);
  return h("a", { href: applicationHref(office, shown), class: "number" }, `${office} ${shown}`);
}

/** A number as typed, with its office in front unless the number already starts with it (EP 24 150 321.8). */
const asTyped = (office: string, number: string) => (number.trim().toUpperCase().startsWith(office.toUpperCase()) ? number.trim() : `${office} ${number.trim()}`);

/** A date that never breaks across lines. */
const date = (text: string) => h("span", { class: "date" }, text);

const splitId = (canonicalId: string) => ({ office: canonicalId.slice(0, 2), number: canonicalId.slice(3) });

/** An API problem (or an unreachable node) as a message: title, detail, code and each field's problem. */
function problemMessage(error: unknown): HTMLElement {
  if (isDiprError(error)) {
    const problem = error.details.problem as { title: string; detail?: string; code: string; errors?: { target: string; message: string; code: string }[] } | undefined;
    if (problem) {
      return h(
        "div",
        { class: "problem", role: "alert" },
        h("p", { class: "problem-title" }, problem.title),
        problem.detail && h("p", {}, problem.detail),
        // The field problems, unless there is one and the detail already says it.
        problem.errors?.length &&
          !(problem.errors.length === 1 && problem.errors[0]!.message === problem.detail) &&
          h("ul", {}, problem.errors.map((e) => h("li", {}, h("code", {}, e.target || "(request)"), ": ", e.message, " ", h("span", { class: "code" }, `(${e.code})`)))),
        h("p", { class: "code" }, "code ", h("code", {}, problem.code)),
      );
    }
    return h("div", { class: "problem", role: "alert" }, h("p", { class: "problem-title" }, error.message), h("p", { class: "code" }, "code ", h("code", {}, error.code)));
  }
  return h("div", { class: "problem", role: "alert" }, h("p", { class: "problem-title" }, String(error)));
}

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`/api/v1${path}`, { headers: { accept: "application/json" } });
  const body = (await response.json()) as T & { code?: string; title?: string };
  if (!response.ok) throw problemError(body as never);
  return body;
}

function table(head: readonly string[], rows: readonly Child[][], caption?: string): HTMLElement {
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      {},
      caption && h("caption", {}, caption),
      h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col" }, c)))),
      h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, c))))),
    ),
  );
}

function setTitle(text: string): void {
  document.title = `${text} — dipr`;
}

/** Replaces the main content; moves the focus there so that keyboard and screen-reader users follow. */
function show(...children: Child[]): void {
  main.replaceChildren();
  append(main, children);
}

// ---------------------------------------------------------------------------------------------------------------
// Navigation: every view is a URL

function navigate(href: string): void {
  history.pushState(null, "", href);
  void render();
  main.focus({ preventScroll: true });
}

document.addEventListener("click", (event) => {
  const link = (event.target as Element | null)?.closest?.("a");
  if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || link.target) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname !== "/") return;
  event.preventDefault();
  navigate(url.pathname + url.search);
});
addEventListener("popstate", () => void render());

function markNav(view: string): void {
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>("nav a[data-nav]"))) {
    if (a.dataset.nav === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function render(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const view = params.get("view") ?? "lookup";
  const office = params.get("office") ?? "";
  const number = params.get("number") ?? "";
  markNav(view === "family" ? "lookup" : view);
  // Busy while the node is asked: assistive technology (and the browser tests) wait for the whole answer.
  main.setAttribute("aria-busy", "true");
  try {
    if (view === "verify") await renderVerify(params);
    else if (view === "batch") renderBatch();
    else if (view === "family" && office && number) await renderFamily(office, number);
    else await renderLookup(office, number);
  } finally {
    main.removeAttribute("aria-busy");
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Forms

function officeInput(name: string, label: string, value: string): HTMLElement {
  const id = `f-${name}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("input", { id, name, value, required: true, maxlength: 2, autocomplete: "off", list: "offices", class: "office", title: "two letters: US, EP, JP …" }),
  );
}

function textInput(name: string, label: string, value: string, attrs: Attrs = {}): HTMLElement {
  const id = `f-${name}`;
  return h("div", { class: "field" }, h("label", { for: id }, label), h("input", { id, name, value, required: true, ...attrs }));
}

function ipTypeSelect(name: string, label: string, value: string): HTMLElement {
  const id = `f-${name}`;
  return h(
    "div",
    { class: "field" },
    h("label", { for: id }, label),
    h("select", { id, name }, IP_TYPES.map((t) => h("option", { value: t, selected: t === (value || "patent") }, IP_TYPE_WORDS[t]))),
  );
}

function officeList(): HTMLElement {
  return h("datalist", { id: "offices" }, [...officeNames].map(([code, name]) => h("option", { value: code }, name)));
}

function formValues(form: HTMLFormElement): Record<string, string> {
  const values: Record<string, string> = {};
  new FormData(form).forEach((value, name) => (values[name] = String(value).trim()));
  return values;
}

// ---------------------------------------------------------------------------------------------------------------
// Look up

function lookupForm(office: string, number: string): HTMLElement {
  return h(
    "form",
    {
      class: "inline-form",
      "aria-label": "Look up an application",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const v = formValues(event.target as HTMLFormElement);
        navigate(applicationHref(v.office!.toUpperCase(), v.number!));
      },
    },
    officeInput("office", "Office", office),
    textInput("number", "Application number, in any format its office uses", number, { placeholder: "63/512,345 or 特願2024-045678", autocomplete: "off", class: "wide" }),
    h("div", { class: "field" }, h("button", { type: "submit" }, "Look up")),
    officeList(),
  );
}

async function renderLookup(office: string, number: string): Promise<void> {
  if (!office || !number) {
    setTitle("Look up");
    show(
      h("h1", {}, "Look up an application"),
      h("p", { class: "lead" }, "Type the office and the number as the office writes it; the record, its history and the applications that claim it follow, with a link to its family."),
      lookupForm(office, number),
      h(
        "section",
        { "aria-labelledby": "offices-h" },
        h("h2", { id: "offices-h" }, "Offices on the register"),
        table(
          ["code", "office"],
          [...officeNames].map(([code, name]) => [code, name]),
        ),
      ),
    );
    return;
  }
  setTitle(asTyped(office, number));
  show(h("h1", {}, asTyped(office, number)), lookupForm(office, number), h("p", { class: "loading" }, "Asking the node…"));
  const [record, history, claimants] = await Promise.allSettled([api.application(office, number), api.history(office, number), api.allClaimants(office, number)]);
  const parts: Child[] = [];
  if (record.status === "fulfilled") {
    const r = record.value;
    const shown = displayNumber(r.ipOfficeCode, r.applicationNumberText, r.ipType, r.filingDate);
    setTitle(`${r.ipOfficeCode} ${shown}`);
    parts.push(
      h("h1", {}, h("span", { class: "office-code" }, r.ipOfficeCode), " ", shown),
      h("p", { class: "lead" }, `${officeLabel(r.ipOfficeCode)} · ${ipTypeWords(r.ipType)} filed ${r.filingDate}`),
      lookupForm(office, number),
      h(
        "p",
        { class: "actions" },
        h("a", { href: applicationHref(r.ipOfficeCode, shown, "family"), class: "button" }, "Family graph"),
        " ",
        h("a", { href: `/?${new URLSearchParams({ view: "verify", office: r.ipOfficeCode, number: shown, filingDate: r.filingDate, ipType: r.ipType })}`, class: "button secondary" }, "Verify a claim to it"),
        " ",
        h("a", { href: `/api/v1/applications/${encodeURIComponent(r.ipOfficeCode)}/${encodeURIComponent(r.applicationNumberText)}`, class: "button secondary" }, "JSON"),
      ),
      h(
        "section",
        { "aria-labelledby": "record-h" },
        h("h2", { id: "record-h" }, "Record"),
        h(
          "dl",
          { class: "record" },
          h("dt", {}, "status"),
          h("dd", {}, "on the register"),
          h("dt", {}, "office"),
          h("dd", {}, officeLabel(r.ipOfficeCode)),
          h("dt", {}, "number"),
          h("dd", {}, `${shown} (canonical id `, h("code", {}, r.canonicalId), ")"),
          h("dt", {}, "filing date"),
          h("dd", {}, r.filingDate),
          h("dt", {}, "IP type"),
          h("dd", {}, ipTypeWords(r.ipType)),
          r.parentApplication && [
            h("dt", {}, "parent"),
            h("dd", {}, `${r.parentApplication.linkKind} of `, numberLink(splitId(r.parentApplication.canonicalId).office, splitId(r.parentApplication.canonicalId).number)),
          ],
          h("dt", {}, "registered"),
          h("dd", {}, `block ${r.registeredAt.blockNumber}, transaction `, h("code", { class: "hash" }, r.registeredAt.transactionHash)),
        ),
      ),
      h(
        "section",
        { "aria-labelledby": "claims-h" },
        h("h2", { id: "claims-h" }, "Priority claims"),
        r.priorityClaimBag.length === 0
          ? h("p", {}, "It claims no priority.")
          : table(
              ["#", "claimed application", "office", "claimed filing date", "status"],
              r.priorityClaimBag.map((c) => [
                c.sequenceNumber,
                numberLink(c.ipOfficeCode, c.applicationNumberText, undefined, c.filingDate),
                officeLabel(c.ipOfficeCode),
                c.filingDate,
                c.status,
              ]),
            ),
      ),
    );
  } else {
    parts.push(h("h1", {}, asTyped(office, number)), lookupForm(office, number), problemMessage(record.reason));
  }
  if (claimants.status === "fulfilled") {
    const list = claimants.value.claimants;
    parts.push(
      h(
        "section",
        { "aria-labelledby": "claimants-h" },
        h("h2", { id: "claimants-h" }, "Claimed by"),
        list.length === 0
          ? h("p", {}, "No application on the register claims it.")
          : table(
              ["claimant", "office", "claimed filing date", "status", "block"],
              list.map((c) => [numberLink(c.ipOfficeCode, c.applicationNumberText), officeLabel(c.ipOfficeCode), date(c.claimedFilingDate), c.status, c.claimedAt.blockNumber]),
            ),
        record.status === "rejected" && list.length > 0 && h("p", {}, h("a", { href: applicationHref(office, number, "family"), class: "button" }, "Family graph")),
      ),
    );
  }
  if (history.status === "fulfilled") {
    parts.push(
      h(
        "section",
        { "aria-labelledby": "history-h" },
        h("h2", { id: "history-h" }, "History"),
        table(
          ["event", "block", "block time (UTC)", "what changed"],
          history.value.map((e) => [
            e.event,
            e.blockNumber,
            e.blockTime ? e.blockTime.replace("T", " ").replace(/\.\d+Z$/, "") : "—",
            h("span", { class: "fields" }, Object.entries(e.fields).map(([k, v]) => `${k}: ${v}`).join(", ")),
          ]),
        ),
      ),
    );
  }
  show(...parts);
}

// ---------------------------------------------------------------------------------------------------------------
// Verify one claim

const CLAIM_FIELDS = ["office", "number", "filingDate", "ipType", "claimantOffice", "claimantFilingDate", "claimantIpType"] as const;

async function renderVerify(params: URLSearchParams): Promise<void> {
  setTitle("Verify a priority claim");
  const v = (name: string) => params.get(name) ?? "";
  const form = h(
    "form",
    {
      class: "claim-form",
      "aria-label": "Priority claim to verify",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const values = formValues(event.target as HTMLFormElement);
        values.office = values.office!.toUpperCase();
        values.claimantOffice = values.claimantOffice!.toUpperCase();
        navigate(`/?${new URLSearchParams({ view: "verify", ...values })}`);
      },
    },
    h(
      "fieldset",
      {},
      h("legend", {}, "The claimed (earlier) application, as the claim states it"),
      officeInput("office", "Office", v("office")),
      textInput("number", "Number", v("number"), { autocomplete: "off", class: "wide" }),
      textInput("filingDate", "Filing date", v("filingDate"), { type: "date" }),
      ipTypeSelect("ipType", "IP type", v("ipType")),
    ),
    h(
      "fieldset",
      {},
      h("legend", {}, "The claimant (the later application)"),
      officeInput("claimantOffice", "Office", v("claimantOffice")),
      textInput("claimantFilingDate", "Filing date", v("claimantFilingDate"), { type: "date" }),
      ipTypeSelect("claimantIpType", "IP type", v("claimantIpType")),
    ),
    h("div", { class: "field" }, h("button", { type: "submit" }, "Verify")),
    officeList(),
  );
  const result = h("section", { "aria-labelledby": "verdict-h", "aria-live": "polite", class: "verdict-area" });
  show(
    h("h1", {}, "Verify a priority claim"),
    h("p", { class: "lead" }, "The claim is checked against the register and the Paris/PCT period rules; the outcome and every reason are explained below."),
    form,
    result,
  );
  if (!CLAIM_FIELDS.every((f) => params.get(f))) return;
  const claim = Object.fromEntries(CLAIM_FIELDS.map((f) => [f, v(f)])) as ClaimToVerify;
  result.append(h("p", { class: "loading" }, "Asking the node…"));
  try {
    const verdict = await api.verify(claim);
    result.replaceChildren();
    append(result, verdictView(verdict));
  } catch (error) {
    result.replaceChildren(h("h2", { id: "verdict-h" }, "No verdict"), problemMessage(error));
  }
}

/** The shared words mark property names with backticks (for Markdown); here they become code. */
function words(text: string): Child[] {
  return text.split("`").map((part, i) => (i % 2 === 1 ? h("code", {}, part) : part));
}

function outcomeBadge(outcome: VerdictOutcome): HTMLElement {
  return h("span", { class: `outcome outcome-${outcome}` }, outcome);
}

function verdictView(verdict: Verdict): Child[] {
  const { claim, compared, period } = verdict;
  const claimedShown = displayNumber(claim.office, verdict.claimedCanonicalId.slice(3), compared.ipType.registered ?? claim.ipType, compared.filingDate.registered ?? claim.filingDate);
  const same = (matches: boolean | undefined) => (matches === undefined ? "not on the register" : matches ? "the same" : "DIFFERENT");
  return [
    h("h2", { id: "verdict-h" }, "Verdict: ", outcomeBadge(verdict.outcome)),
    h("p", { class: "outcome-words" }, words(OUTCOME_DESCRIPTIONS[verdict.outcome])),
    h(
      "h3",
      {},
      "Reasons",
    ),
    verdict.reasons.length === 0
      ? h("p", {}, "None: nothing stands against the claim.")
      : h(
          "ul",
          { class: "reasons" },
          verdict.reasons.map((r) => h("li", {}, h("code", {}, r), ": ", words(VERDICT_REASON_DESCRIPTIONS[r as VerdictReason] ?? ""))),
        ),
    h("h3", {}, "What was compared with the register"),
    table(
      ["", "claimed", "registered", ""],
      [
        ["application", claim.number, compared.registered ? numberLink(claim.office, verdict.claimedCanonicalId.slice(3), compared.ipType.registered, compared.filingDate.registered) : "not on the register", `canonical id ${verdict.claimedCanonicalId}`],
        ["office", claim.office, compared.claimedOfficeStatus === "notOnRegister" ? "does not take part" : `${officeLabel(claim.office)}, ${compared.claimedOfficeStatus}`, ""],
        ["filing date", compared.filingDate.claimed, compared.filingDate.registered ?? "—", same(compared.filingDate.matches)],
        ["IP type", ipTypeWords(compared.ipType.claimed), ipTypeWords(compared.ipType.registered), same(compared.ipType.matches)],
      ],
    ),
    h("h3", {}, "Priority period"),
    h(
      "p",
      {},
      `${period.classification}: ${period.months ?? "?"} months from the ${period.basis} filing date of ${claim.office} ${claimedShown}`,
      period.periodEnd && `, ending ${period.periodEnd}`,
      period.rawPeriodEnd && period.periodEnd && period.rawPeriodEnd !== period.periodEnd && ` (${period.rawPeriodEnd} moved to the next working day)`,
      period.restorationEnd ? `; restoration window to ${period.restorationEnd}.` : ".",
    ),
    timeline(verdict),
  ];
}

/** The period on a line: the priority date, the period's end, the restoration window's end and the claimant's date. */
function timeline(verdict: Verdict): Child {
  const { period, compared, claim } = verdict;
  const start = period.basis === "registered" ? (compared.filingDate.registered ?? claim.filingDate) : claim.filingDate;
  const marks: { date: string; label: string; kind: string }[] = [{ date: start, label: `priority date (${period.basis})`, kind: "start" }];
  if (period.periodEnd) marks.push({ date: period.periodEnd, label: "period ends", kind: "period" });
  if (period.restorationEnd) marks.push({ date: period.restorationEnd, label: "restoration ends", kind: "restoration" });
  marks.push({ date: claim.claimantFilingDate, label: "claimant filed", kind: "claimant" });
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
  const days = marks.map((m) => day(m.date));
  const lo = Math.min(...days);
  const hi = Math.max(...days);
  const span = Math.max(hi - lo, 1);
  const W = 640;
  const x = (d: string) => 20 + ((day(d) - lo) / span) * (W - 40);
  // Labels on as many rows as it takes for none to overlap (about 6.2 px a character at 11 px).
  const rowEnds: number[] = [];
  const placedLabels = [...marks]
    .sort((a, b) => x(a.date) - x(b.date))
    .map((m) => {
      const text = `${m.label} ${m.date}`;
      const width = text.length * 6.2;
      const mx = x(m.date);
      const anchor = mx - width / 2 < 4 ? "start" : mx + width / 2 > W - 4 ? "end" : "middle";
      const left = anchor === "start" ? mx : anchor === "end" ? mx - width : mx - width / 2;
      let row = rowEnds.findIndex((end) => end + 8 <= left);
      if (row === -1) row = rowEnds.push(0) - 1;
      rowEnds[row] = left + width;
      return { ...m, text, anchor, row };
    });
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", `0 0 ${W} ${52 + rowEnds.length * 16}`);
  svg.setAttribute("class", "timeline");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-labelledby", "timeline-desc");
  const add = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
    if (text !== undefined) el.textContent = text;
    svg.appendChild(el);
  };
  add("line", { x1: 20, x2: W - 20, y1: 30, y2: 30, class: "axis" });
  if (period.periodEnd) add("rect", { x: x(start), y: 22, width: Math.max(x(period.periodEnd) - x(start), 1), height: 16, class: "in-period" });
  if (period.periodEnd && period.restorationEnd) add("rect", { x: x(period.periodEnd), y: 22, width: Math.max(x(period.restorationEnd) - x(period.periodEnd), 1), height: 16, class: "in-restoration" });
  for (const m of placedLabels) {
    const mx = x(m.date);
    add("line", { x1: mx, x2: mx, y1: m.kind === "claimant" ? 12 : 18, y2: 46, class: `mark mark-${m.kind}` });
    add("text", { x: mx, y: 58 + m.row * 16, "text-anchor": m.anchor, class: "mark-label" }, m.text);
  }
  const sorted = [...marks].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return h(
    "figure",
    { class: "timeline-figure" },
    svg,
    h("figcaption", { id: "timeline-desc" }, "Timeline: ", sorted.map((m) => `${m.label} ${m.date}`).join(" → "), "."),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Verify many: a CSV of claims

const CSV_HEADER = CLAIM_FIELDS.join(",");
const CSV_EXAMPLE = `${CSV_HEADER}
US,"63/512,345",2024-03-01,patent,EP,2025-02-27,patent
EP,EP 24 150 321.8,2024-03-10,patent,KR,2025-03-01,patent
US,"63/600,001",2024-06-01,patent,JP,2025-05-20,patent`;

/** RFC 4180 rows: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(field), (field = "");
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field), rows.push(row), (row = []), (field = "");
    } else field += c;
  }
  if (field !== "" || row.length > 0) row.push(field), rows.push(row);
  return rows.filter((r) => r.some((f) => f.trim() !== ""));
}

const csvCell = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

function renderBatch(): void {
  setTitle("Verify many claims");
  const area = h("textarea", { id: "claims-csv", name: "claims", rows: 8, spellcheck: "false" }, CSV_EXAMPLE) as HTMLTextAreaElement;
  const result = h("section", { "aria-labelledby": "batch-h", "aria-live": "polite" });
  const form = h(
    "form",
    {
      "aria-label": "Claims to verify",
      onsubmit: (event: Event) => {
        event.preventDefault();
        void verifyBatch(area.value, result);
      },
    },
    h("div", { class: "field" }, h("label", { for: "claims-csv" }, "Claims as CSV, one a line, under a header naming the columns (in any order)"), area),
    h("p", { class: "hint" }, "Header: ", h("code", {}, CSV_HEADER), ". Quote a number that holds a comma."),
    h("div", { class: "field" }, h("button", { type: "submit" }, "Verify all")),
  );
  show(h("h1", {}, "Verify many claims"), h("p", { class: "lead" }, "Paste claims as CSV: they are sent in one request (1,000 a request) and each gets its verdict."), form, result);
}

async function verifyBatch(text: string, result: HTMLElement): Promise<void> {
  const rows = parseCsv(text);
  const [header, ...lines] = rows;
  const missing = CLAIM_FIELDS.filter((f) => !header?.map((c) => c.trim()).includes(f));
  if (!header || missing.length > 0 || lines.length === 0) {
    result.replaceChildren(
      h("h2", { id: "batch-h" }, "No verdicts"),
      h("div", { class: "problem", role: "alert" }, h("p", { class: "problem-title" }, "The CSV is not a list of claims"), h("p", {}, missing.length > 0 ? `The header lacks ${missing.join(", ")}.` : "There is no claim under the header.")),
    );
    return;
  }
  const names = header.map((c) => c.trim());
  const claims = lines.map((cells) => Object.fromEntries(names.filter((n) => (CLAIM_FIELDS as readonly string[]).includes(n)).map((n) => [n, (cells[names.indexOf(n)] ?? "").trim()])));
  result.replaceChildren(h("p", { class: "loading" }, `Verifying ${claims.length} claims…`));
  let verdicts: (Verdict | ClaimError)[];
  try {
    verdicts = await api.verifyBatch(claims);
  } catch (error) {
    result.replaceChildren(h("h2", { id: "batch-h" }, "No verdicts"), problemMessage(error));
    return;
  }
  const exportHead = ["line", ...CLAIM_FIELDS, "claimedCanonicalId", "outcome", "reasons", "registeredFilingDate", "registeredIpType", "periodEnd", "restorationEnd", "errors", "outcomeDescription"];
  const exportRows = verdicts.map((entry, i) => {
    const c = claims[i]!;
    const base = [i + 2, ...CLAIM_FIELDS.map((f) => c[f] ?? "")];
    if (isClaimError(entry)) return [...base, "", "", "", "", "", "", "", entry.errors.map((e) => `${e.target.replace(/^claims\.\d+\./, "")}: ${e.message}`).join("; "), ""];
    return [
      ...base,
      entry.claimedCanonicalId,
      entry.outcome,
      entry.reasons.join(" "),
      entry.compared.filingDate.registered ?? "",
      entry.compared.ipType.registered ?? "",
      entry.period.periodEnd ?? "",
      entry.period.restorationEnd ?? "",
      "",
      OUTCOME_DESCRIPTIONS[entry.outcome],
    ];
  });
  const csv = [exportHead, ...exportRows].map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  const download = h("a", { class: "button", download: "verdicts.csv", href: URL.createObjectURL(new Blob([csv], { type: "text/csv" })) }, "Export the verdicts as CSV");
  const counts = new Map<string, number>();
  for (const v of verdicts) counts.set(isClaimError(v) ? "not checked (see the error)" : v.outcome, (counts.get(isClaimError(v) ? "not checked (see the error)" : v.outcome) ?? 0) + 1);
  result.replaceChildren(
    h("h2", { id: "batch-h" }, `${verdicts.length} verdicts`),
    h("p", {}, [...counts].map(([k, n]) => `${n} ${k}`).join(", "), " ", download),
    table(
      ["line", "claim", "outcome", "reasons"],
      verdicts.map((entry, i) => {
        const c = claims[i]!;
        const claimText = h("span", {}, `${asTyped(c.office ?? "", c.number ?? "")} of ${c.filingDate} (${ipTypeWords(c.ipType)})`, h("br"), `claimed by ${c.claimantOffice} of ${c.claimantFilingDate} (${ipTypeWords(c.claimantIpType)})`);
        if (isClaimError(entry)) {
          return [i + 2, claimText, h("span", { class: "outcome outcome-error" }, "error"), h("ul", {}, entry.errors.map((e) => h("li", {}, h("code", {}, e.target.replace(/^claims\.\d+\./, "")), `: ${e.message}`)))];
        }
        return [
          i + 2,
          claimText,
          h("span", {}, outcomeBadge(entry.outcome), " ", h("a", { href: `/?${new URLSearchParams({ view: "verify", ...(entry.claim as Record<string, string>) })}` }, "details")),
          entry.reasons.length === 0 ? "none" : h("ul", {}, entry.reasons.map((r) => h("li", {}, h("code", {}, r), `: ${VERDICT_REASON_DESCRIPTIONS[r as VerdictReason] ?? ""}`))),
        ];
      }),
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// The family as a graph

const OFFICE_COLOURS: Readonly<Record<string, string>> = {
  US: "#1f5fa8",
  EP: "#1b7f4b",
  JP: "#b3261e",
  CN: "#8a5a00",
  KR: "#6a3fa0",
  DE: "#333333",
};
const FALLBACK_COLOURS = ["#00707a", "#9c2f6e", "#5b6b00", "#7a4b2a"];
function officeColour(code: string): string {
  return OFFICE_COLOURS[code] ?? FALLBACK_COLOURS[(code.charCodeAt(0) + code.charCodeAt(1)) % FALLBACK_COLOURS.length]!;
}
const IP_TYPE_SHAPES: Readonly<Record<string, string>> = { patent: "round-rectangle", utilityModel: "barrel", industrialDesign: "hexagon", trademark: "tag" };
const IP_TYPE_SHORT: Readonly<Record<string, string>> = { patent: "P", utilityModel: "UM", industrialDesign: "D", trademark: "TM" };

async function renderFamily(office: string, number: string): Promise<void> {
  setTitle(`Family of ${asTyped(office, number)}`);
  show(h("h1", {}, `Family of ${asTyped(office, number)}`), h("p", { class: "loading" }, "Asking the node…"));
  let extended: Family;
  let simple: Family | undefined;
  try {
    [extended, simple] = await Promise.all([api.family(office, number, "extended"), api.family(office, number, "simple").catch(() => undefined)]);
  } catch (error) {
    show(h("h1", {}, `Family of ${asTyped(office, number)}`), problemMessage(error));
    return;
  }
  const simpleIds = new Set(simple?.members.map((m) => m.canonicalId) ?? []);
  const start = extended.applicationCanonicalId;
  const startMember = extended.members.find((m) => m.canonicalId === start);
  const startShown = startMember ? displayNumber(startMember.ipOfficeCode, startMember.applicationNumberText, startMember.ipType, startMember.filingDate) : number;
  const memberHref = (m: Family["members"][number]) => applicationHref(m.ipOfficeCode, displayNumber(m.ipOfficeCode, m.applicationNumberText, m.ipType, m.filingDate));
  setTitle(`Family of ${office} ${startShown}`);
  const graph = h("div", {
    id: "family-graph",
    class: "graph",
    role: "img",
    "aria-label": `Graph of the extended family of ${office} ${startShown}: ${extended.members.length} applications, ${extended.links.length} links. The table below lists the same members.`,
  });
  const registered = extended.members.filter((m) => m.registered).length;
  const offices = [...new Set(extended.members.map((m) => m.ipOfficeCode))].sort();
  const linksFrom = (id: string) => extended.links.filter((l) => l.from === id);
  const shownById = new Map(extended.members.map((m) => [m.canonicalId, `${m.ipOfficeCode} ${displayNumber(m.ipOfficeCode, m.applicationNumberText, m.ipType, m.filingDate)}`]));
  const shownId = (id: string) => shownById.get(id) ?? id;
  const legend = h(
    "div",
    { class: "legend", "aria-label": "Legend" },
    h("ul", { class: "legend-offices" }, offices.map((o) => h("li", {}, h("span", { class: "swatch", style: `background:${officeColour(o)}` }), officeLabel(o)))),
    h(
      "ul",
      { class: "legend-marks" },
      h("li", {}, "shape and letter: IP type (P patent, UM utility model, D design, TM trade mark)"),
      h("li", {}, h("span", { class: "swatch simple" }), "yellow halo: the simple family of ", `${office} ${startShown}`),
      h("li", {}, "solid arrow: priority claim (with the claimed date); dashed arrow: divisional or continuation of its parent"),
      h("li", {}, "white, dashed, apart: claimed numbers not on the register"),
    ),
  );
  const controls = h(
    "div",
    { class: "graph-controls", role: "group", "aria-label": "Zoom" },
    h("button", { type: "button", onclick: () => zoom(1.25) }, "Zoom in"),
    h("button", { type: "button", onclick: () => zoom(0.8) }, "Zoom out"),
    h("button", { type: "button", onclick: () => cy.fit(undefined, 30) }, "Fit"),
  );
  show(
    h("h1", {}, "Family of ", h("a", { href: applicationHref(office, startShown) }, `${office} ${startShown}`)),
    h(
      "p",
      { class: "lead" },
      `${extended.members.length} applications in the extended family (${registered} on the register, ${extended.members.length - registered} only claimed), ${simpleIds.size} in the simple family. Drag to pan, scroll or use the buttons to zoom, click an application to open it.`,
    ),
    controls,
    graph,
    legend,
    h(
      "section",
      { "aria-labelledby": "members-h" },
      h("h2", { id: "members-h" }, "Members"),
      table(
        ["application", "office", "filing date", "IP type", "simple family", "links"],
        extended.members.map((m) => [
          h("a", { href: memberHref(m), class: "number" }, `${m.ipOfficeCode} ${displayNumber(m.ipOfficeCode, m.applicationNumberText, m.ipType, m.filingDate)}`),
          officeLabel(m.ipOfficeCode),
          m.filingDate ? date(m.filingDate) : "not on the register",
          ipTypeWords(m.ipType),
          simpleIds.has(m.canonicalId) ? "yes" : "no",
          linksFrom(m.canonicalId)
            .map((l) => (l.kind === "priority" ? `claims ${shownId(l.to)} of ${l.claimedFilingDate ?? "?"}` : `${l.kind} of ${shownId(l.to)}`))
            .join("; ") || "—",
        ]),
      ),
    ),
  );

  const cy = cytoscape({
    container: graph,
    minZoom: 0.2,
    maxZoom: 3,
    wheelSensitivity: 0.3,
    elements: [
      { data: { id: "__unregistered", label: "claimed, not on the register" }, classes: "apart", selectable: false },
      ...extended.members.map((m) => ({
        data: {
          id: m.canonicalId,
          label: `${m.ipOfficeCode} ${displayNumber(m.ipOfficeCode, m.applicationNumberText, m.ipType, m.filingDate)}\n${m.filingDate ?? "not registered"}${m.ipType ? ` · ${IP_TYPE_SHORT[m.ipType]}` : ""}`,
          colour: officeColour(m.ipOfficeCode),
          shape: m.ipType ? IP_TYPE_SHAPES[m.ipType] : "ellipse",
          href: memberHref(m),
          ...(m.registered ? {} : { parent: "__unregistered" }),
        },
        classes: [m.registered ? "registered" : "unregistered", simpleIds.has(m.canonicalId) ? "simple" : "", m.canonicalId === start ? "start" : ""].join(" "),
      })),
      ...extended.links.map((l, i) => ({
        data: { id: `link-${i}`, source: l.from, target: l.to, label: l.kind === "priority" ? (l.claimedFilingDate ?? "") : l.kind },
        classes: l.kind,
      })),
    ],
    style: [
      {
        selector: "node",
        style: {
          shape: "data(shape)" as never,
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
      { selector: "node.simple", style: { "underlay-color": "#f5c400", "underlay-opacity": 0.55, "underlay-padding": 7, "underlay-shape": "round-rectangle" } as never },
      { selector: "node.start", style: { "border-width": 5, "font-weight": "bold" } },
      { selector: "node.unregistered", style: { "border-style": "dashed" } },
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
        } as never,
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
    ],
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
    if (href) navigate(href);
  });
  cy.on("mouseover", "node", (event) => {
    if (event.target.data("href")) graph.style.cursor = "pointer";
  });
  cy.on("mouseout", "node", () => (graph.style.cursor = ""));
  function zoom(factor: number): void {
    cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: graph.clientWidth / 2, y: graph.clientHeight / 2 } });
  }
  (window as unknown as { diprGraph?: unknown }).diprGraph = cy; // for the browser tests
}

// ---------------------------------------------------------------------------------------------------------------
// The footer: the node's status

type Status = { chainId: number; registerAddress: string; indexedBlock: number; headBlock: number | null; lag: number | null; digest: string; ready: boolean };

async function refreshStatus(): Promise<void> {
  const footer = document.getElementById("node-status")!;
  try {
    const s = await getJson<Status>("/status");
    footer.replaceChildren(
      `Node: indexed block ${s.indexedBlock}`,
      s.headBlock === null ? "" : ` of ${s.headBlock}`,
      ` (lag ${s.lag ?? "unknown"}${s.ready ? ", ready" : ", catching up"}) · digest `,
      h("code", { class: "hash" }, s.digest),
      ` · chain ${s.chainId}, register `,
      h("code", { class: "hash" }, s.registerAddress),
    );
  } catch (error) {
    footer.replaceChildren("Node: ", isDiprError(error) ? `${error.message} (${error.code})` : "cannot be reached");
  }
}

async function boot(): Promise<void> {
  try {
    const { offices } = await getJson<{ offices: { ipOfficeCode: string; name: string }[] }>("/offices");
    officeNames = new Map(offices.map((o) => [o.ipOfficeCode, o.name]));
  } catch {
    // The page still works: offices are shown by code.
  }
  void refreshStatus();
  setInterval(() => void refreshStatus(), 10_000);
  await render();
}

void boot();
