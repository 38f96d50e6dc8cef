import Table from "cli-table3";
import { OUTCOME_DESCRIPTIONS, VERDICT_REASON_DESCRIPTIONS, type VerdictOutcome, type VerdictReason } from "../domain/index.js";
import {
  isClaimError,
  type Application,
  type BlindedApplication,
  type BlindedApplicationAnswer,
  type BlindedVerdict,
  type Claimants,
  type ClaimError,
  type CommitmentClaimants,
  type CommitmentList,
  type Family,
  type HistoryEntry,
  type Verdict,
} from "../api-client/index.js";
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
  for (const x of c.claimants) t.push([x.sequenceNumber === undefined ? "—" : `#${x.sequenceNumber}`, x.claimedFilingDate, x.status, String(x.claimedAt.blockNumber), x.claimantCanonicalId]);
  const active = c.claimants.filter((x) => x.status === "active").length;
  const commitment = c.claimants.find((x) => x.claimedCommitment !== undefined)?.claimedCommitment;
  const note = commitment === undefined ? "" : `\n— a claim recorded against its commitment ${commitment} while it was unpublished`;
  return `${c.claimants.length} claim${c.claimants.length === 1 ? "" : "s"} of ${c.claimedCanonicalId} (${active} active):\n${t.toString()}${note}`;
}

/** A block time as a terminal shows it: "2026-12-03 09:15:07Z". */
const timeText = (blockTime: string | undefined) => blockTime?.replace("T", " ").replace(/\.\d{3}Z$/, "Z") ?? "time unknown";

const asOfText = (asOf: { blockNumber: number; blockTime: string } | undefined) =>
  asOf === undefined ? "no chain time indexed yet" : `as of block ${asOf.blockNumber}, ${timeText(asOf.blockTime)}`;

function publicationText(b: BlindedApplication, asOf: BlindedApplicationAnswer["asOf"]): string {
  if (b.revealed) return "published (revealed)";
  return b.publicationOverdue
    ? `OVERDUE: still unrevealed 18 months after it was recorded (${asOfText(asOf)})`
    : `not overdue: unrevealed, recorded less than 18 months ago (${asOfText(asOf)})`;
}

/**
 * The check of a claim of an unpublished application, in words: found or not, revealed or not, how many claim it,
 * and the exact publication due day from the filing date the examiner gave.
 */
export function formatBlindedVerdict(v: BlindedVerdict, given: { filingDate: string; ipType: string }): string {
  const what = `${v.canonicalId} of ${given.filingDate} (${given.ipType})`;
  if (!v.found) return `not found: the register holds no unpublished application ${what} with this access code (commitment ${v.commitment})`;
  const when = v.committedAt === undefined ? "" : `, committed in block ${v.committedAt.blockNumber}`;
  const lines = [
    `found: the register holds the unpublished application ${what} (commitment ${v.commitment}${when})`,
    v.revealed ? "revealed: yes, published in clear since" : "revealed: no, still unpublished",
    `claimed by ${v.claimantCount} application${v.claimantCount === 1 ? "" : "s"}`,
  ];
  if (v.publicationDue !== undefined) {
    const passed = v.publicationDuePassed === undefined ? "" : v.publicationDuePassed ? (v.revealed ? ": passed" : ": passed, and still unpublished: OVERDUE") : ": not yet";
    lines.push(`publication due ${v.publicationDue} (the filing date plus 18 months)${passed} (${asOfText(v.asOf)})`);
  }
  return lines.join("\n");
}

/** An unpublished application's blinded record: office, when it was recorded, revealed or not, the 18-month flag. */
export function formatBlindedApplication(b: BlindedApplicationAnswer, width = 100): string {
  const t = table({ colWidths: widths(width, [13], 40), compact: true });
  const revealed = b.revealedApplication;
  t.push(
    ["commitment", b.commitment],
    ["office", b.ipOfficeCode],
    ["recorded", `block ${b.committedAt.blockNumber}, ${timeText(b.committedAt.blockTime)}`],
    ["revealed", revealed === undefined ? "no, still unpublished" : `as ${revealed.canonicalId}, filed ${revealed.filingDate} (block ${revealed.revealedAt.blockNumber}, ${timeText(revealed.revealedAt.blockTime)})`],
    ["publication", publicationText(b, b.asOf)],
  );
  return t.toString();
}

// Commitments are printed whole, on lines rather than in table cells: a cell would cut one short, and people copy
// them into the next command.

/** Who claims an unpublished application, one line each: the claimant by its number when it is in clear, else by its commitment. */
export function formatCommitmentClaimants(c: CommitmentClaimants): string {
  if (c.claimants.length === 0) return `Nothing on the register claims the commitment ${c.commitment}.`;
  const lines = c.claimants.map((x) => `block ${x.claimedAt.blockNumber}  ${x.ipOfficeCode}  ${x.claimantCanonicalId ?? `unpublished, commitment ${x.claimant}`}`);
  const offices = new Set(c.claimants.map((x) => x.ipOfficeCode)).size;
  return `${c.claimants.length} claim${c.claimants.length === 1 ? "" : "s"} of the commitment ${c.commitment}, from ${offices} office${offices === 1 ? "" : "s"}:\n${lines.join("\n")}`;
}

/** A list of blinded records, one line each: office, commitment, when recorded, revealed or not, overdue. */
export function formatCommitmentList(list: CommitmentList, filter: { office?: string; overdue?: boolean }): string {
  const what = `${filter.overdue ? "overdue " : ""}commitment${list.commitments.length === 1 ? "" : "s"}${filter.office === undefined ? "" : ` of ${filter.office}`}`;
  const head = `${list.commitments.length} ${what} (${asOfText(list.asOf)})`;
  if (list.commitments.length === 0) return `${head}.`;
  const lines = list.commitments.map(
    (b) =>
      `${b.ipOfficeCode}  ${b.commitment}  recorded ${timeText(b.committedAt.blockTime)}  ${b.revealedApplication ? `revealed as ${b.revealedApplication.canonicalId}` : "unpublished"}${b.publicationOverdue ? "  OVERDUE" : ""}`,
  );
  const rule = list.commitments.some((b) => b.publicationOverdue)
    ? "\nOVERDUE: still unrevealed 18 months after it was recorded (an office records an application on or after its filing)."
    : "";
  return `${head}:\n${lines.join("\n")}${rule}`;
}

/** A member's international references and its documents' kinds and dates, as a tree line's tail. */
function referencesText(member: Pick<Family["members"][number], "documents" | "internationalReferences">): string {
  const references = (member.internationalReferences ?? []).map((r) => `${INTERNATIONAL_WORDS[r.kind]} ${r.text}`);
  const documents = (member.documents ?? []).map((d) => `${d.kind} ${d.date}`);
  return `${references.length > 0 ? `  [${references.join("; ")}]` : ""}${documents.length > 0 ? `  documents: ${documents.join(", ")}` : ""}`;
}

const INTERNATIONAL_WORDS: Readonly<Record<NonNullable<Family["members"][number]["internationalReferences"]>[number]["kind"], string>> = {
  pctApplication: "PCT",
  madridRegistration: "Madrid",
  hagueRegistration: "Hague",
  wipoCaseDossier: "WIPO CASE",
};

/**
 * A family as a tree: the first filings (members that claim nothing and have no parent) at the top, under each
 * member the applications that claim its priority (with the date their claim states) or derive from it
 * (divisional, continuation, continuation-in-part). A member under two parents (it claims two priorities) is
 * shown in full once and referred to after; a claimed number not on the register is marked.
 */
export function formatFamilyTree(family: Family): string {
  const members = new Map(family.members.map((m) => [m.canonicalId, m]));
  const blinded = new Map(family.blindedMembers.map((m) => [m.commitment, m]));
  const start = family.applicationCanonicalId ?? family.commitment;
  const children = new Map<string, Family["links"][number][]>();
  const hasOutgoing = new Set<string>();
  for (const link of family.links) {
    if (!children.has(link.to)) children.set(link.to, []);
    children.get(link.to)!.push(link);
    hasOutgoing.add(link.from);
  }
  // A blinded member has no date but when it was recorded, which is on or after its filing.
  const dateOf = (id: string) => members.get(id)?.filingDate ?? blinded.get(id)?.committedAt.blockTime?.slice(0, 10) ?? family.links.find((l) => l.to === id)?.claimedFilingDate ?? "9999-99-99";
  const byDate = (a: string, b: string) => dateOf(a).localeCompare(dateOf(b)) || a.localeCompare(b);

  const describe = (id: string) => {
    const m = members.get(id);
    const here = id === start ? "  ◀" : "";
    const b = blinded.get(id);
    if (b) return `${b.ipOfficeCode} UNPUBLISHED  commitment ${b.commitment}  recorded ${timeText(b.committedAt.blockTime).slice(0, 10)}${b.publicationOverdue ? "  PUBLICATION OVERDUE" : ""}${referencesText(b)}${here}`;
    if (!m || !m.registered) return `${id}  NOT ON THE REGISTER (only claimed)${here}`;
    return `${id}  ${m.filingDate}  ${m.ipType}${referencesText(m)}${here}`;
  };
  const linkText = (link: Family["links"][number]) => {
    if (link.kind !== "priority") return `(${LINK_WORDS[link.kind]})`;
    if (blinded.has(link.to)) return "(priority, date unpublished)";
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
  const ids = [...family.members.map((m) => m.canonicalId), ...family.blindedMembers.map((m) => m.commitment)];
  const roots = ids.filter((id) => !hasOutgoing.has(id)).sort(byDate);
  for (const root of roots) {
    lines.push(describe(root));
    walk(root, "", new Set([root]));
  }
  // A cycle has no first filing: show what is left from its earliest member.
  for (const id of [...ids].sort(byDate)) {
    if (shown.has(id)) continue;
    lines.push(describe(id));
    walk(id, "", new Set([id]));
  }
  const unregistered = family.members.filter((m) => !m.registered).length;
  const unpublished = family.blindedMembers.length;
  const count = ids.length;
  const notes = [unregistered > 0 ? `${unregistered} not on the register` : "", unpublished > 0 ? `${unpublished} unpublished` : ""].filter(Boolean).join(", ");
  const asked = family.applicationCanonicalId ?? `the unpublished application ${family.commitment}`;
  const head =
    `${family.kind === "simple" ? "Simple" : "Extended"} family of ${asked}: ${count} member${count === 1 ? "" : "s"}` +
    `${notes ? ` (${notes})` : ""}, ${family.links.length} link${family.links.length === 1 ? "" : "s"}`;
  const legend = "Under each application, those that claim its priority (with the date their claim gives) or derive from it; ◀ the one asked for.";
  const overdue = family.blindedMembers.some((m) => m.publicationOverdue) ? ` PUBLICATION OVERDUE: still unrevealed 18 months after it was recorded (${asOfText(family.asOf)}).` : "";
  const opaque = unpublished > 0 ? `\nAn UNPUBLISHED member shows its office, its commitment and when it was recorded, nothing else, until its office reveals it.${overdue}` : "";
  return `${head}\n${legend}${opaque}\n\n${lines.join("\n")}`;
}
