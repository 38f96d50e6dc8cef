/**
 * Unpublished (blinded) applications (domain.md section 8): checking one by its number and access code
 * (`?view=verify-blinded`), its blinded record by commitment (`?commitment=0x…`) and the list of overdue ones
 * (`?view=overdue&office=EP`). The access code is typed into a field with no name, sent in the request's body only,
 * and kept in neither the URL nor the history: every other field is in the URL, as in the other views.
 */
import type { ApiClient, BlindedApplicationAnswer, BlindedVerdict, CommitmentClaimants, CommitmentList, Family } from "../api-client/index.js";
import type { IpType } from "../domain/ip-types.js";
import { PUBLICATION_MONTHS, publicationDue } from "../domain/publication.js";
import { append, blockTimeText, date, h, problemMessage, table, type Child } from "./dom.js";
import { subjectDocumentSections } from "./documents.js";
import { familyTable } from "./family.js";
import { formValues, ipTypeSelect, officeInput, officeList, textInput } from "./forms.js";
import { commitmentHref, commitmentLink, displayNumber, ipTypeWords, numberLink, officeLabel, shortCommitment, splitId, unpublishedName } from "./names.js";
import { navigate, setTitle, show, type Secrets } from "./view.js";

type ChainTime = NonNullable<BlindedApplicationAnswer["asOf"]>;
const asOfText = (asOf: ChainTime | undefined) => (asOf ? `as of block ${asOf.blockNumber}, ${blockTimeText(asOf.blockTime)} UTC` : "the node has indexed no block yet");

/** Why a commitment is flagged: the register knows when it was recorded, not when the application was filed. */
const overdueRule = (): Child[] => [
  `The rule: the register holds no filing date of an unpublished application, only when its commitment was recorded (its block's time), and an office records an application on or after its filing. So a commitment still unrevealed ${PUBLICATION_MONTHS} calendar months after it was recorded is certainly more than ${PUBLICATION_MONTHS} months past its filing date, when publication is usually due; one recorded late is flagged late, never early.`,
  " The node counts as of the chain's time as it has indexed it, never this computer's clock. Whoever holds the number, filing date and access code gets the exact due day from ",
  h("a", { href: "/?view=verify-blinded" }, "Verify an unpublished application"),
  ".",
];

// ---------------------------------------------------------------------------------------------------------------
// Verify by number and access code

const VERIFY_FIELDS = ["office", "number", "filingDate", "ipType"] as const;
const ACCESS_CODE = /^(0x)?[0-9a-fA-F]{64}$/;

export async function renderVerifyBlinded(api: ApiClient, params: URLSearchParams, secrets: Secrets | undefined): Promise<void> {
  setTitle("Verify an unpublished application");
  const v = (name: string) => params.get(name) ?? "";
  // No name: the code is never among the form's values, so it cannot end up in a URL even by mistake.
  const code = h("input", {
    id: "f-accessCode",
    type: "password",
    required: true,
    autocomplete: "off",
    spellcheck: "false",
    pattern: ACCESS_CODE.source.slice(1, -1),
    title: "0x and 64 hex digits, as the office gave it to the applicant",
    class: "wide",
    "aria-describedby": "access-code-hint",
  }) as HTMLInputElement;
  const form = h(
    "form",
    {
      class: "claim-form",
      "aria-label": "Unpublished application to verify",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const values = formValues(event.target as HTMLFormElement);
        values.office = values.office!.toUpperCase();
        const typed = code.value.trim();
        code.value = "";
        navigate(`/?${new URLSearchParams({ view: "verify-blinded", ...values })}`, { accessCode: typed.startsWith("0x") ? typed : `0x${typed}` });
      },
    },
    h(
      "fieldset",
      {},
      h("legend", {}, "The unpublished application, as the applicant states it"),
      officeInput("office", "Office", v("office")),
      textInput("number", "Number", v("number"), { autocomplete: "off", class: "wide" }),
      textInput("filingDate", "Filing date", v("filingDate"), { type: "date" }),
      ipTypeSelect("ipType", "IP type", v("ipType")),
      h(
        "div",
        { class: "field" },
        h("label", { for: "f-accessCode" }, "Access code"),
        code,
        h("span", { id: "access-code-hint", class: "hint" }, "Sent to the node in the request's body only: never in the link, the history or a log."),
      ),
    ),
    h("div", { class: "field" }, h("button", { type: "submit" }, "Verify")),
    officeList(),
  );
  const result = h("section", { "aria-labelledby": "blinded-verdict-h", "aria-live": "polite", class: "verdict-area" });
  show(
    h("h1", {}, "Verify an unpublished application"),
    h(
      "p",
      { class: "lead" },
      "An applicant who claims the priority of an unpublished application gives the later office its number, filing date, IP type and the access code its office issued. The node recomputes the commitment and says whether the register holds it.",
    ),
    form,
    result,
  );
  if (!VERIFY_FIELDS.every((f) => params.get(f))) return;
  if (secrets?.accessCode === undefined) {
    result.append(
      h("h2", { id: "blinded-verdict-h" }, "Type the access code"),
      h("p", {}, "The access code is never kept in the link or the history: type it again to verify this application."),
    );
    return;
  }
  result.append(h("p", { class: "loading" }, "Asking the node…"));
  const claim = { office: v("office"), number: v("number"), filingDate: v("filingDate"), ipType: v("ipType") as IpType, accessCode: secrets.accessCode };
  try {
    const verdict = await api.verifyBlinded(claim);
    result.replaceChildren();
    append(result, blindedVerdictView(verdict, claim));
  } catch (error) {
    result.replaceChildren(h("h2", { id: "blinded-verdict-h" }, "No answer"), problemMessage(error));
  }
}

function blindedVerdictView(verdict: BlindedVerdict, claim: { office: string; number: string; filingDate: string; ipType: string }): Child[] {
  const { number } = splitId(verdict.canonicalId);
  const shown = `${verdict.ipOfficeCode} ${displayNumber(verdict.ipOfficeCode, number, claim.ipType, claim.filingDate)}`;
  const what = `${shown} of ${claim.filingDate} (${ipTypeWords(claim.ipType)})`;
  if (!verdict.found) {
    return [
      h("h2", { id: "blinded-verdict-h" }, "Verdict: ", h("span", { class: "outcome outcome-notRegistered" }, "not found")),
      h(
        "p",
        { class: "outcome-words" },
        `The register holds no unpublished application ${what} with this access code. A wrong access code, number, filing date or IP type, and an application its office never recorded, all give this same answer.`,
      ),
    ];
  }
  const due = verdict.publicationDue;
  const passed = verdict.publicationDuePassed;
  const dueWords =
    passed === undefined ? "" : passed ? (verdict.revealed ? "passed (the application is published)" : "passed, and still unpublished: publication overdue") : "not yet passed";
  return [
    h("h2", { id: "blinded-verdict-h" }, "Verdict: ", h("span", { class: "outcome outcome-verified" }, "found")),
    h("p", { class: "outcome-words" }, `The register holds the unpublished application ${what}: its office recorded exactly this application with this access code.`),
    h(
      "dl",
      { class: "record" },
      h("dt", {}, "commitment"),
      h("dd", {}, h("a", { href: commitmentHref(verdict.commitment) }, h("code", { class: "hash" }, verdict.commitment))),
      verdict.committedAt && [h("dt", {}, "recorded"), h("dd", {}, `block ${verdict.committedAt.blockNumber}, ${blockTimeText(verdict.committedAt.blockTime)} UTC`)],
      h("dt", {}, "revealed"),
      h("dd", {}, verdict.revealed ? ["yes, published in clear as ", numberLink(verdict.ipOfficeCode, number, claim.ipType, claim.filingDate)] : "no, still unpublished"),
      h("dt", {}, "claimed by"),
      h("dd", {}, verdict.claimantCount === 1 ? "1 application" : `${verdict.claimantCount} applications`, verdict.claimantCount > 0 && [" (", h("a", { href: commitmentHref(verdict.commitment) }, "who"), ")"]),
      due !== undefined && [
        h("dt", {}, "publication due"),
        h("dd", {}, date(due), ` (the filing date plus ${PUBLICATION_MONTHS} months): `, h("strong", {}, dueWords), ` (${asOfText(verdict.asOf)})`),
      ],
    ),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// A blinded record, by commitment

export function commitmentForm(commitment: string): HTMLElement {
  return h(
    "form",
    {
      class: "inline-form",
      "aria-label": "Look up an unpublished application by its commitment",
      onsubmit: (event: Event) => {
        event.preventDefault();
        navigate(commitmentHref(formValues(event.target as HTMLFormElement).commitment!));
      },
    },
    textInput("commitment", "Commitment of an unpublished application", commitment, { autocomplete: "off", spellcheck: "false", class: "wide hash-input", placeholder: "0x and 64 hex digits" }),
    h("div", { class: "field" }, h("button", { type: "submit" }, "Look up")),
  );
}

/** The 18-month flag in words, with the day it falls on. */
function overdueWords(record: BlindedApplicationAnswer): Child {
  if (record.revealedApplication) return `published: revealed ${blockTimeText(record.revealedApplication.revealedAt.blockTime).slice(0, 10)}, so no publication is due`;
  const recorded = blockTimeText(record.committedAt.blockTime).slice(0, 10);
  const limit = recorded === "—" ? undefined : publicationDue(recorded);
  return record.publicationOverdue
    ? [h("strong", { class: "overdue" }, "PUBLICATION OVERDUE"), `: still unrevealed ${PUBLICATION_MONTHS} months after it was recorded${limit ? ` (${limit})` : ""}, ${asOfText(record.asOf)}`]
    : `not overdue: unrevealed, recorded less than ${PUBLICATION_MONTHS} months ago${limit ? ` (flagged after ${limit} if still unrevealed)` : ""}, ${asOfText(record.asOf)}`;
}

function claimantsView(claimants: CommitmentClaimants): Child {
  if (claimants.claimants.length === 0) return h("p", {}, "No application on the register claims it.");
  const offices = new Set(claimants.claimants.map((c) => c.ipOfficeCode)).size;
  return [
    h("p", {}, `${claimants.claimants.length} ${claimants.claimants.length === 1 ? "claim" : "claims"} from ${offices} ${offices === 1 ? "office" : "offices"}, in the order they were recorded.`),
    table(
      ["claimant", "office", "claimed"],
      claimants.claimants.map((c) => [
        c.claimantCanonicalId
          ? numberLink(splitId(c.claimantCanonicalId).office, splitId(c.claimantCanonicalId).number)
          : c.claimantKind === "commitment"
            ? commitmentLink(c.ipOfficeCode, c.claimant)
            : h("code", { class: "hash" }, c.claimant),
        officeLabel(c.ipOfficeCode),
        `block ${c.claimedAt.blockNumber}, ${blockTimeText(c.claimedAt.blockTime)} UTC`,
      ]),
    ),
  ];
}

export async function renderCommitment(api: ApiClient, commitment: string): Promise<void> {
  setTitle(`Commitment ${shortCommitment(commitment)}`);
  show(h("h1", {}, `Commitment ${shortCommitment(commitment)}`), commitmentForm(commitment), h("p", { class: "loading" }, "Asking the node…"));
  const [record, claimants, extended, simple] = await Promise.allSettled([
    api.commitment(commitment),
    api.commitmentClaimants(commitment),
    api.commitmentFamily(commitment, "extended"),
    api.commitmentFamily(commitment, "simple"),
  ]);
  if (record.status === "rejected") {
    show(h("h1", {}, `Commitment ${shortCommitment(commitment)}`), commitmentForm(commitment), problemMessage(record.reason));
    return;
  }
  const r = record.value;
  const revealed = r.revealedApplication;
  const title = revealed ? `${r.ipOfficeCode} · published · ${shortCommitment(r.commitment)}` : unpublishedName(r.ipOfficeCode, r.commitment);
  setTitle(title);
  const revealedId = revealed && splitId(revealed.canonicalId);
  const parts: Child[] = [
    h("h1", {}, title),
    h("p", { class: "lead" }, revealed ? `${officeLabel(r.ipOfficeCode)} · revealed as ${revealed.canonicalId}` : `${officeLabel(r.ipOfficeCode)} · an unpublished application: the register holds its office and commitment only`),
    commitmentForm(commitment),
    h(
      "p",
      { class: "actions" },
      h("a", { href: commitmentHref(r.commitment, "family"), class: "button" }, "Family graph"),
      " ",
      h("a", { href: `/api/v1/commitments/${encodeURIComponent(r.commitment)}`, class: "button secondary" }, "JSON"),
    ),
    h(
      "section",
      { "aria-labelledby": "record-h" },
      h("h2", { id: "record-h" }, "Blinded record"),
      h(
        "dl",
        { class: "record" },
        h("dt", {}, "office"),
        h("dd", {}, officeLabel(r.ipOfficeCode)),
        h("dt", {}, "commitment"),
        h("dd", {}, h("code", { class: "hash" }, r.commitment)),
        h("dt", {}, "recorded"),
        h("dd", {}, `block ${r.committedAt.blockNumber}, ${blockTimeText(r.committedAt.blockTime)} UTC, transaction `, h("code", { class: "hash" }, r.committedAt.transactionHash)),
        h("dt", {}, "revealed"),
        h(
          "dd",
          {},
          revealed && revealedId
            ? ["yes: published in clear as ", numberLink(revealedId.office, revealedId.number, undefined, revealed.filingDate), `, filed ${revealed.filingDate}, revealed in block ${revealed.revealedAt.blockNumber}`]
            : "no, still unpublished",
        ),
        h("dt", {}, "publication"),
        h("dd", { id: "publication-flag" }, overdueWords(r)),
      ),
      !revealed && h("p", { class: "hint rule" }, ...overdueRule()),
    ),
    h(
      "section",
      { "aria-labelledby": "claimants-h" },
      h("h2", { id: "claimants-h" }, "Claimed by"),
      claimants.status === "fulfilled" ? claimantsView(claimants.value) : problemMessage(claimants.reason),
    ),
    h(
      "section",
      { "aria-labelledby": "family-h" },
      h("h2", { id: "family-h" }, "Family"),
      extended.status === "fulfilled" ? familySummary(extended.value, simple.status === "fulfilled" ? simple.value : undefined) : problemMessage(extended.reason),
    ),
    // Documents recorded while the application was unpublished are listed under its commitment; once it is revealed,
    // the register lists them under its number, where the application's own view shows them.
    ...(revealed
      ? []
      : await subjectDocumentSections(api, { commitment: r.commitment }, r.ipOfficeCode, title, () =>
          extended.status === "fulfilled" ? Promise.resolve(extended.value) : api.commitmentFamily(commitment, "extended"),
        )),
  ];
  show(...parts);
}

function familySummary(extended: Family, simple: Family | undefined): Child {
  const total = extended.members.length + extended.blindedMembers.length;
  return [
    h("p", {}, `${total} ${total === 1 ? "application" : "applications"} in the extended family (${extended.blindedMembers.length} unpublished), ${extended.links.length} ${extended.links.length === 1 ? "link" : "links"}.`),
    familyTable(extended, simple),
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Overdue commitments

const OVERDUE_PAGE = 50;

export async function renderOverdue(api: ApiClient, params: URLSearchParams): Promise<void> {
  const office = (params.get("office") ?? "").toUpperCase();
  const cursor = params.get("cursor") ?? undefined;
  const limit = Number(params.get("limit")) || OVERDUE_PAGE;
  const of = office ? ` of ${office}` : "";
  setTitle(`Overdue unpublished applications${of}`);
  const form = h(
    "form",
    {
      class: "inline-form",
      "aria-label": "Office whose overdue applications to list",
      onsubmit: (event: Event) => {
        event.preventDefault();
        const chosen = formValues(event.target as HTMLFormElement).office!.toUpperCase();
        navigate(`/?${new URLSearchParams({ view: "overdue", ...(chosen ? { office: chosen } : {}) })}`);
      },
    },
    officeInput("office", "Office (empty: every office)", office, { required: false }),
    h("div", { class: "field" }, h("button", { type: "submit" }, "Show")),
    officeList(),
  );
  const head = [
    h("h1", {}, `Overdue unpublished applications${of}`),
    h("p", { class: "lead" }, `Commitments still unrevealed ${PUBLICATION_MONTHS} months after they were recorded, the oldest first.`),
    form,
  ];
  show(...head, h("p", { class: "loading" }, "Asking the node…"));
  let list: CommitmentList;
  try {
    list = await api.commitments({ ...(office ? { office } : {}), overdue: true }, { limit, ...(cursor ? { cursor } : {}) });
  } catch (error) {
    show(...head, problemMessage(error));
    return;
  }
  const next = list.links.next === undefined ? undefined : new URL(list.links.next, location.origin).searchParams.get("cursor");
  const pageHref = (c?: string | null) => `/?${new URLSearchParams({ view: "overdue", ...(office ? { office } : {}), ...(params.get("limit") ? { limit: String(limit) } : {}), ...(c ? { cursor: c } : {}) })}`;
  show(
    ...head,
    h(
      "section",
      { "aria-labelledby": "overdue-h" },
      h("h2", { id: "overdue-h" }, list.commitments.length === 0 && !cursor ? `None overdue${of}` : `${cursor ? "More" : "Overdue"} commitments${of}`),
      h("p", {}, `Counted ${asOfText(list.asOf)}.`),
      list.commitments.length === 0
        ? h("p", {}, cursor ? "No more." : `No unpublished application${of} is overdue.`)
        : table(
            ["unpublished application", "office", "recorded", `${PUBLICATION_MONTHS} months after recording`],
            list.commitments.map((c) => {
              const recorded = blockTimeText(c.committedAt.blockTime);
              return [commitmentLink(c.ipOfficeCode, c.commitment), officeLabel(c.ipOfficeCode), `block ${c.committedAt.blockNumber}, ${recorded} UTC`, recorded === "—" ? "—" : date(publicationDue(recorded.slice(0, 10)))];
            }),
          ),
      h("p", { class: "actions" }, cursor && h("a", { href: pageHref(), class: "button secondary" }, "First page"), next && h("a", { href: pageHref(next), class: "button", rel: "next" }, "Next page")),
      h("p", { class: "hint rule" }, ...overdueRule()),
    ),
  );
}
