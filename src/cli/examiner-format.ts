import Table from "cli-table3";
import { OUTCOME_DESCRIPTIONS, VERDICT_REASON_DESCRIPTIONS, type VerdictOutcome, type VerdictReason } from "../domain/index.js";
import { isClaimError, type Application, type Claimants, type ClaimError, type Family, type HistoryEntry, type Verdict } from "../api-client/index.js";
import type { NumberedVerdict } from "./claims-csv.js";

// What the examiner's commands print in a terminal: pure functions from API answers to text. The words of outcomes
// and reasons are the domain core's one table (src/domain/verdict-words.ts), as in the API's docs and the README.

/** Tables without colours, so that what a terminal shows is what a file or a test gets. */
const PLAIN = { style: { head: [] as string[], border: [] as string[] } };

/** No rule between rows: a row's cells may wrap over several lines, the column borders keep them apart. */
const COMPACT = { chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" } };

function table(options: { head?: string[]; colWidths?: number[]; compact?: boolean }): Table.Table {
  const { compact, ...rest } = options;
  return new Table({ ...PLAIN, ...(compact ? COMPACT : {}), ...rest, wordWrap: true, wrapOnWordBoundary: true });
}

/** Column widths that fill `width`: fixed ones as given, the last takes the rest (at least `min`). */
function widths(width: number, fixed: readonly number[], min = 24): number[] {
  const used = fixed.reduce((a, b) => a + b, 0) + fixed.length + 2; // one border a column, plus the outer two
  return [...fixed, Math.max(min, width - used)];
}

export const outcomeWords = (outcome: VerdictOutcome) => `${outcome}: ${OUTCOME_DESCRIPTIONS[outcome]}`;
export const reasonWords = (reason: string) => `${reason}: ${VERDICT_REASON_DESCRIPTIONS[reason as VerdictReason] ?? "(a reason this build does not know)"}`;

/** The number as the examiner typed it, after its office's code unless it starts with it ("EP 24 150 321.8"). */
const typedNumber = (office: string, number: string) => (number.toUpperCase().startsWith(office.toUpperCase()) ? number : `${office} ${number}`);

function comparedDate(v: Verdict): string {
  const { claimed, registered, matches } = v.compared.filingDate;
  return registered === undefined ? `${claimed} as claimed (not registered)` : `claimed ${claimed}, registered ${registered}${matches ? ": the same" : ": DIFFERENT"}`;
}

function comparedType(v: Verdict): string {
  const { claimed, registered, matches } = v.compared.ipType;
  return registered === undefined ? `${claimed} as claimed (not registered)` : `claimed ${claimed}, registered ${registered}${matches ? ": the same" : ": DIFFERENT"}`;
}

const OFFICE_STATUS_WORDS = { active: "active on the register", suspended: "suspended on the register", notOnRegister: "not on the register" } as const;

function periodText(v: Verdict): string {
  const p = v.period;
  const from = p.basis === "registered" ? "the registered date" : "the claimed date";
  if (p.months === undefined) return `${p.classification} (from ${from})`;
  const extended = p.rawPeriodEnd !== undefined && p.rawPeriodEnd !== p.periodEnd ? ` (${p.rawPeriodEnd} moved to the next working day)` : "";
  const restoration = p.restorationEnd === undefined ? "" : `; restoration window to ${p.restorationEnd}`;
  return `${p.classification}: ${p.months} months from ${from}, ending ${p.periodEnd}${extended}${restoration}`;
}

/** One verdict: the claim, the outcome and every reason in words, what was compared and the period. */
export function formatVerdict(v: Verdict, width = 100): string {
  const t = table({ colWidths: widths(width, [13], 40), compact: true });
  t.push(
    ["claimed", `${typedNumber(v.claim.office, v.claim.number)} (${v.claimedCanonicalId}), filed ${v.claim.filingDate}, ${v.claim.ipType}`],
    ["claimant", `${v.claim.claimantOffice} application filed ${v.claim.claimantFilingDate}, ${v.claim.claimantIpType}`],
    ["outcome", outcomeWords(v.outcome)],
    ["reasons", v.reasons.length === 0 ? "none" : v.reasons.map(reasonWords).join("\n")],
    ["office", `${v.claim.office} ${OFFICE_STATUS_WORDS[v.compared.claimedOfficeStatus]}`],
    ["filing date", comparedDate(v)],
    ["IP type", comparedType(v)],
    ["period", periodText(v)],
  );
  return t.toString();
}

const claimErrorText = (e: ClaimError) => e.errors.map((p) => `${p.target.replace(/^claims\.\d+\./, "")}: ${p.message} (${p.code})`).join("\n");

/** Many verdicts, one row each (line of the claims file, claim, outcome, reasons in words), then the outcomes' words. */
export function formatVerdictTable(verdicts: readonly NumberedVerdict[], width = 100): string {
  // The reasons column must hold the longest reason code whole (PERIOD_EXTENDED_NON_WORKING_DAY: 32 characters).
  const t = table({ head: ["line", "claim", "outcome", "reasons"], colWidths: widths(width, [6, 24, 20], 36) });
  for (const { line, entry } of verdicts) {
    const c = (entry.claim ?? {}) as Record<string, unknown>;
    const text = (key: string) => (typeof c[key] === "string" ? (c[key] as string) : "?");
    const claim = `${typedNumber(text("office"), text("number"))}\n${text("filingDate")} ${text("ipType")}\nclaimed by ${text("claimantOffice")}\n${text("claimantFilingDate")} ${text("claimantIpType")}`;
    const where = line === undefined ? "" : String(line);
    if (isClaimError(entry)) t.push([where, claim, "rejected", claimErrorText(entry)]);
    else t.push([where, claim, entry.outcome, entry.reasons.length === 0 ? "none" : entry.reasons.map(reasonWords).join("\n")]);
  }
  const seen = [...new Set(verdicts.flatMap(({ entry }) => (isClaimError(entry) ? [] : [entry.outcome])))];
  const legend = seen.map((o) => `  ${outcomeWords(o)}`).join("\n");
  const counts = countOutcomes(verdicts);
  return `${t.toString()}\n${counts}${legend ? `\n${legend}` : ""}`;
}

function countOutcomes(verdicts: readonly NumberedVerdict[]): string {
  const counts = new Map<string, number>();
  for (const { entry } of verdicts) {
    const key = isClaimError(entry) ? "rejected" : entry.outcome;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return `${verdicts.length} claim${verdicts.length === 1 ? "" : "s"}: ${[...counts].map(([k, n]) => `${n} ${k}`).join(", ")}`;
}

const LINK_WORDS: Readonly<Record<Family["links"][number]["kind"], string>> = {
  priority: "priority claim",
  divisional: "divisional",
  continuation: "continuation",
  continuationInPart: "continuation-in-part",
};

const shortHash = (hash: string) => `${hash.slice(0, 10)}…${hash.slice(-4)}`;

/** An application as its office registered it, with its priority claims. */
export function formatApplication(a: Application, width = 100): string {
  const t = table({ colWidths: widths(width, [17], 40), compact: true });
  t.push(
    ["application", a.canonicalId],
    ["office", a.ipOfficeCode],
    ["number", a.applicationNumberText],
    ["filing date", a.filingDate],
    ["IP type", a.ipType],
    ["parent", a.parentApplication ? `${a.parentApplication.canonicalId} (${LINK_WORDS[a.parentApplication.linkKind]})` : "none"],
    [
      "priority claims",
      a.priorityClaimBag.length === 0
        ? "none"
        : a.priorityClaimBag.map((c) => `#${c.sequenceNumber} ${c.ipOfficeCode}:${c.applicationNumberText} of ${c.filingDate}${c.status === "withdrawn" ? " (withdrawn)" : ""}`).join("\n"),
    ],
    ["registered", `block ${a.registeredAt.blockNumber}, transaction ${a.registeredAt.transactionHash}`],
    ["application id", a.applicationId],
  );
  return t.toString();
}

/** A long hex value (an id, a hash) cut to its ends: the table shows which one, `--json` gives it whole. */
const shortHex = (value: string | number) => (typeof value === "string" && /^0x[0-9a-fA-F]{20,}$/.test(value) ? shortHash(value) : String(value));

/** Every event of an application, oldest first, with its block, block time and transaction. */
export function formatHistory(canonicalId: string, history: readonly HistoryEntry[], width = 100): string {
  const t = table({ head: ["block", "time (UTC)", "event", "details"], colWidths: widths(width, [7, 22, 24], 30) });
  for (const e of history) {
    const details = [...Object.entries(e.fields).map(([k, v]) => `${k}: ${shortHex(v)}`), `transaction: ${shortHash(e.transactionHash)}`].join("\n");
    t.push([String(e.blockNumber), e.blockTime?.replace("T", " ").replace(/\.\d{3}Z$/, "Z") ?? "", e.event, details]);
  }
  return `History of ${canonicalId}: ${history.length} event${history.length === 1 ? "" : "s"}\n${t.toString()}`;
}

/** Who claims an application (or a number only claimed) as priority. */
export function formatClaimants(c: Claimants, width = 100): string {
  if (c.claimants.length === 0) return `No application on the register claims ${c.claimedCanonicalId}.`;
  const t = table({ head: ["claim", "claimed date", "status", "block", "claimant"], colWidths: widths(width, [7, 14, 11, 8], 20) });
  for (const x of c.claimants) t.push([`#${x.sequenceNumber}`, x.claimedFilingDate, x.status, String(x.claimedAt.blockNumber), x.claimantCanonicalId]);
  const active = c.claimants.filter((x) => x.status === "active").length;
  return `${c.claimants.length} claim${c.claimants.length === 1 ? "" : "s"} of ${c.claimedCanonicalId} (${active} active):\n${t.toString()}`;
}

/**
 * A family as a tree: the first filings (members that claim nothing and have no parent) at the top, under each
 * member the applications that claim its priority (with the date their claim states) or derive from it
 * (divisional, continuation, continuation-in-part). A member under two parents (it claims two priorities) is
 * shown in full once and referred to after; a claimed number not on the register is marked.
 */
export function formatFamilyTree(family: Family): string {
  const members = new Map(family.members.map((m) => [m.canonicalId, m]));
  const children = new Map<string, Family["links"][number][]>();
  const hasOutgoing = new Set<string>();
  for (const link of family.links) {
    if (!children.has(link.to)) children.set(link.to, []);
    children.get(link.to)!.push(link);
    hasOutgoing.add(link.from);
  }
  const dateOf = (id: string) => members.get(id)?.filingDate ?? family.links.find((l) => l.to === id)?.claimedFilingDate ?? "9999-99-99";
  const byDate = (a: string, b: string) => dateOf(a).localeCompare(dateOf(b)) || a.localeCompare(b);

  const describe = (id: string) => {
    const m = members.get(id);
    const here = id === family.applicationCanonicalId ? "  ◀" : "";
    if (!m || !m.registered) return `${id}  NOT ON THE REGISTER (only claimed)${here}`;
    return `${id}  ${m.filingDate}  ${m.ipType}${here}`;
  };
  const linkText = (link: Family["links"][number]) => {
    if (link.kind !== "priority") return `(${LINK_WORDS[link.kind]})`;
    const registered = members.get(link.to)?.filingDate;
    const differs = registered !== undefined && link.claimedFilingDate !== undefined && registered !== link.claimedFilingDate;
    return `(priority of ${link.claimedFilingDate ?? "?"}${differs ? `, NOT the registered ${registered}` : ""})`;
  };

  const lines: string[] = [];
  const shown = new Set<string>();
  const walk = (id: string, prefix: string, path: ReadonlySet<string>) => {
    shown.add(id);
    const under = [...(children.get(id) ?? [])].sort((a, b) => byDate(a.from, b.from) || a.kind.localeCompare(b.kind));
    for (const [i, link] of under.entries()) {
      const last = i === under.length - 1;
      const again = shown.has(link.from) || path.has(link.from);
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${again ? `${link.from}  (shown above)` : describe(link.from)}  ${linkText(link)}`);
      if (!again) walk(link.from, `${prefix}${last ? "   " : "│  "}`, new Set([...path, link.from]));
    }
  };
  const roots = family.members.map((m) => m.canonicalId).filter((id) => !hasOutgoing.has(id)).sort(byDate);
  for (const root of roots) {
    lines.push(describe(root));
    walk(root, "", new Set([root]));
  }
  // A cycle has no first filing: show what is left from its earliest member.
  for (const id of family.members.map((m) => m.canonicalId).sort(byDate)) {
    if (shown.has(id)) continue;
    lines.push(describe(id));
    walk(id, "", new Set([id]));
  }
  const unregistered = family.members.filter((m) => !m.registered).length;
  const head =
    `${family.kind === "simple" ? "Simple" : "Extended"} family of ${family.applicationCanonicalId}: ${family.members.length} member${family.members.length === 1 ? "" : "s"}` +
    `${unregistered > 0 ? ` (${unregistered} not on the register)` : ""}, ${family.links.length} link${family.links.length === 1 ? "" : "s"}`;
  const legend = "Under each application, those that claim its priority (with the date their claim gives) or derive from it; ◀ the one asked for.";
  return `${head}\n${legend}\n\n${lines.join("\n")}`;
}
