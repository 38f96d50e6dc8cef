/**
 * The examiner's web page: look up an application, verify one claim or a CSV of claims, see a family as a graph, and
 * unpublished applications (verified by number and access code, looked up by commitment, listed when overdue).
 * Vanilla TypeScript over the typed API client (the CLI's own), bundled by the node with esbuild (src/web/serve.ts).
 * Every view is a URL on `/` (`?office=US&number=63/512,345`, `&view=family`, `?view=verify&…`, `?view=batch`,
 * `?commitment=0x…`, `?view=verify-blinded&…`, `?view=overdue&office=EP`), so every number and every verdict can be
 * shared as a link; an access code never is.
 */
import { createApiClient, isClaimError, problemError, type ClaimToVerify, type Verdict, type ClaimError } from "../api-client/index.js";
import { OUTCOME_DESCRIPTIONS, VERDICT_REASON_DESCRIPTIONS, type VerdictOutcome, type VerdictReason } from "../domain/verdict-words.js";
import { isDiprError } from "../errors.js";
import { append, blockTimeText, date, h, problemMessage, table, words, type Child } from "./dom.js";
import { applicationDocumentSections } from "./documents.js";
import { renderFamily } from "./family.js";
import { formValues, ipTypeSelect, officeInput, officeList, textInput } from "./forms.js";
import { applicationHref, asTyped, displayNumber, ipTypeWords, numberLink, officeEntries, officeLabel, setOfficeNames, splitId } from "./names.js";
import { commitmentForm, renderCommitment, renderOverdue, renderVerifyBlinded } from "./unpublished.js";
import { navigate, setTitle, show, startNavigation, type Secrets } from "./view.js";

const api = createApiClient({ url: location.origin });

async function getJson<T>(path: string): Promise<T> {
  const response = await fetch(`/api/v1${path}`, { headers: { accept: "application/json" } });
  const body = (await response.json()) as T & { code?: string; title?: string };
  if (!response.ok) throw problemError(body as never);
  return body;
}

// ---------------------------------------------------------------------------------------------------------------
// Which view the URL names

const NAV_OF_VIEW: Readonly<Record<string, string>> = { family: "lookup", commitment: "lookup" };

function markNav(view: string): void {
  for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>("nav a[data-nav]"))) {
    if (a.dataset.nav === view) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function render(secrets?: Secrets): Promise<void> {
  const params = new URLSearchParams(location.search);
  const commitment = params.get("commitment") ?? "";
  const view = params.get("view") ?? (commitment ? "commitment" : "lookup");
  const office = params.get("office") ?? "";
  const number = params.get("number") ?? "";
  markNav(NAV_OF_VIEW[view] ?? view);
  // Busy while the node is asked: assistive technology (and the browser tests) wait for the whole answer.
  document.getElementById("main")!.setAttribute("aria-busy", "true");
  try {
    if (view === "verify") await renderVerify(params);
    else if (view === "batch") renderBatch();
    else if (view === "verify-blinded") await renderVerifyBlinded(api, params, secrets);
    else if (view === "overdue") await renderOverdue(api, params);
    else if (view === "family" && commitment) await renderFamily(api, { commitment });
    else if (view === "family" && office && number) await renderFamily(api, { office, number });
    else if (view === "commitment") await renderCommitment(api, commitment);
    else await renderLookup(office, number);
  } finally {
    document.getElementById("main")!.removeAttribute("aria-busy");
  }
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
        { "aria-labelledby": "unpublished-h" },
        h("h2", { id: "unpublished-h" }, "Unpublished applications"),
        h(
          "p",
          {},
          "Before publication the register holds an application's office and commitment only. Look one up by its commitment, ",
          h("a", { href: "/?view=verify-blinded" }, "verify one by its number and access code"),
          ", or list the ",
          h("a", { href: "/?view=overdue" }, "overdue ones"),
          ".",
        ),
        commitmentForm(""),
      ),
      h(
        "section",
        { "aria-labelledby": "offices-h" },
        h("h2", { id: "offices-h" }, "Offices on the register"),
        table(
          ["code", "office"],
          officeEntries().map(([code, name]) => [code, name]),
        ),
      ),
    );
    return;
  }
  setTitle(asTyped(office, number));
  show(h("h1", {}, asTyped(office, number)), lookupForm(office, number), h("p", { class: "loading" }, "Asking the node…"));
  const [record, history, claimants, documents] = await Promise.allSettled([
    api.application(office, number),
    api.history(office, number),
    api.allClaimants(office, number),
    applicationDocumentSections(api, office, number, asTyped(office, number)),
  ]);
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
  // An application not on the register has no documents to list: the record's problem says why already.
  if (record.status === "fulfilled" && documents.status === "fulfilled") parts.push(...documents.value);
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
            blockTimeText(e.blockTime),
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
  // Busy from the start: the first view is rendered only once the office names are known.
  document.getElementById("main")!.setAttribute("aria-busy", "true");
  try {
    const { offices } = await getJson<{ offices: { ipOfficeCode: string; name: string }[] }>("/offices");
    setOfficeNames(new Map(offices.map((o) => [o.ipOfficeCode, o.name])));
  } catch {
    // The page still works: offices are shown by code.
  }
  void refreshStatus();
  setInterval(() => void refreshStatus(), 10_000);
  await startNavigation(render);
}

void boot();
