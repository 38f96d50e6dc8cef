import { describe, expect, test } from "vitest";
import type { Family, Verdict } from "../../src/api-client/index.js";
import {
  formatBlindedApplication,
  formatBlindedVerdict,
  formatClaimants,
  formatCommitmentClaimants,
  formatCommitmentList,
  formatFamilyTree,
  formatVerdict,
  formatVerdictTable,
} from "../../src/cli/examiner-format.js";
import { OUTCOME_DESCRIPTIONS, VERDICT_REASON_DESCRIPTIONS } from "../../src/domain/index.js";

const member = (canonicalId: string, filingDate?: string): Family["members"][number] => ({
  canonicalId,
  ipOfficeCode: canonicalId.slice(0, 2),
  applicationNumberText: canonicalId.slice(3),
  registered: filingDate !== undefined,
  ...(filingDate === undefined ? {} : { filingDate, ipType: "patent" as const }),
});

/** A table's text without its borders, one space between words: what a reader reads, however it wrapped. */
const words = (table: string) => table.replace(/[│┌┐└┘├┤┬┴┼─]/g, " ").replace(/\s+/g, " ");

describe("the family tree", () => {
  // Two first filings (one not on the register), an application claiming both, its divisional, and a claim that
  // states another date than the registered one.
  const family: Family = {
    kind: "extended",
    applicationCanonicalId: "EP:24150001.6",
    members: [
      member("EP:24150001.6", "2024-01-08"),
      member("EP:24199999.4", "2024-09-02"),
      member("JP:2023050001", "2023-03-01"),
      member("KR:1020230123456"),
      member("US:18600001", "2024-02-20"),
    ],
    blindedMembers: [],
    links: [
      { from: "EP:24150001.6", to: "JP:2023050001", kind: "priority", claimedFilingDate: "2023-03-01" },
      { from: "EP:24150001.6", to: "KR:1020230123456", kind: "priority", claimedFilingDate: "2022-12-01" },
      { from: "EP:24199999.4", to: "EP:24150001.6", kind: "divisional" },
      { from: "US:18600001", to: "JP:2023050001", kind: "priority", claimedFilingDate: "2023-03-02" },
    ],
  };

  test("first filings at the top, claimants and divisionals under them, a second parent referring back", () => {
    expect(formatFamilyTree(family)).toBe(
      [
        "Extended family of EP:24150001.6: 5 members (1 not on the register), 4 links",
        "Under each application, those that claim its priority (with the date their claim gives) or derive from it; ◀ the one asked for.",
        "",
        "KR:1020230123456  NOT ON THE REGISTER (only claimed)",
        "└─ EP:24150001.6  2024-01-08  patent  ◀  (priority of 2022-12-01)",
        "   └─ EP:24199999.4  2024-09-02  patent  (divisional)",
        "JP:2023050001  2023-03-01  patent",
        "├─ EP:24150001.6  (shown above)  (priority of 2023-03-01)",
        "└─ US:18600001  2024-02-20  patent  (priority of 2023-03-02, NOT the registered 2023-03-01)",
      ].join("\n"),
    );
  });

  test("a member's international references and its documents' kinds and dates follow its line", () => {
    const withReferences: Family = {
      ...family,
      members: family.members.map((m) =>
        m.canonicalId === "EP:24150001.6"
          ? {
              ...m,
              internationalReferences: [{ kind: "pctApplication", text: "PCT/EP2024/000001", canonicalId: "WO:EP2024000001" }],
              documents: [
                { documentId: `0x${"1".repeat(64)}`, kind: "searchReport", date: "2024-05-17" },
                { documentId: `0x${"2".repeat(64)}`, kind: "writtenOpinion", date: "2024-05-17" },
              ],
            }
          : m.canonicalId === "US:18600001"
            ? { ...m, documents: [{ documentId: `0x${"3".repeat(64)}`, kind: "officeAction", date: "2025-01-02" }] }
            : m,
      ),
    };
    expect(formatFamilyTree(withReferences).split("\n").slice(4)).toEqual([
      "└─ EP:24150001.6  2024-01-08  patent  [PCT PCT/EP2024/000001]  documents: searchReport 2024-05-17, writtenOpinion 2024-05-17  ◀  (priority of 2022-12-01)",
      "   └─ EP:24199999.4  2024-09-02  patent  (divisional)",
      "JP:2023050001  2023-03-01  patent",
      "├─ EP:24150001.6  (shown above)  (priority of 2023-03-01)",
      "└─ US:18600001  2024-02-20  patent  documents: officeAction 2025-01-02  (priority of 2023-03-02, NOT the registered 2023-03-01)",
    ]);
  });

  test("a lone member, and links that go round in a circle, still print every member once in full", () => {
    expect(formatFamilyTree({ ...family, applicationCanonicalId: "JP:2023050001", members: [member("JP:2023050001", "2023-03-01")], links: [] })).toBe(
      [
        "Extended family of JP:2023050001: 1 member, 0 links",
        "Under each application, those that claim its priority (with the date their claim gives) or derive from it; ◀ the one asked for.",
        "",
        "JP:2023050001  2023-03-01  patent  ◀",
      ].join("\n"),
    );
    const circle: Family = {
      kind: "simple",
      applicationCanonicalId: "US:1",
      members: [member("US:1", "2024-01-01"), member("US:2", "2024-02-01")],
      blindedMembers: [],
      links: [
        { from: "US:1", to: "US:2", kind: "continuation" },
        { from: "US:2", to: "US:1", kind: "continuationInPart" },
      ],
    };
    expect(formatFamilyTree(circle).split("\n").slice(3)).toEqual([
      "US:1  2024-01-01  patent  ◀",
      "└─ US:2  2024-02-01  patent  (continuation-in-part)",
      "   └─ US:1  (shown above)  (continuation)",
    ]);
  });
});

describe("verdicts in words", () => {
  const verdict: Verdict = {
    claim: { office: "US", number: "63/100,001", filingDate: "2023-01-10", ipType: "patent", claimantOffice: "EP", claimantFilingDate: "2024-02-20", claimantIpType: "patent" },
    claimedCanonicalId: "US:63100001",
    outcome: "verifiedRestorable",
    reasons: ["PERIOD_EXPIRED", "WINDOW_END_NON_WORKING_DAY"],
    compared: {
      claimedOfficeStatus: "active",
      registered: true,
      filingDate: { claimed: "2023-01-10", registered: "2023-01-10", matches: true },
      ipType: { claimed: "patent", registered: "patent", matches: true, registeredMayFoundClaimant: true },
    },
    period: { basis: "registered", classification: "restorable", months: 12, rawPeriodEnd: "2024-01-10", periodEnd: "2024-01-10", restorationEnd: "2024-03-10" },
  };

  test("one verdict: the outcome and every reason with the words of src/domain/verdict-words.ts, what was compared, the period", () => {
    const text = words(formatVerdict(verdict, 100));
    expect(text).toContain(`outcome verifiedRestorable: ${OUTCOME_DESCRIPTIONS.verifiedRestorable}`);
    expect(text).toContain(`PERIOD_EXPIRED: ${VERDICT_REASON_DESCRIPTIONS.PERIOD_EXPIRED}`);
    expect(text).toContain(`WINDOW_END_NON_WORKING_DAY: ${VERDICT_REASON_DESCRIPTIONS.WINDOW_END_NON_WORKING_DAY}`);
    expect(text).toContain("filing date claimed 2023-01-10, registered 2023-01-10: the same");
    expect(text).toContain("period restorable: 12 months from the registered date, ending 2024-01-10; restoration window to 2024-03-10");
    expect(formatVerdict(verdict, 100).split("\n").every((line) => [...line].length === 100)).toBe(true);
  });

  test("many verdicts: a row each, a count of outcomes, and each outcome's words once", () => {
    const rejected = { claim: { ...verdict.claim, number: "63/100,00X" }, errors: [{ code: "NUMBER_FORMAT", message: "bad", target: "claims.1.number" }] };
    const text = formatVerdictTable([{ line: 2, entry: verdict }, { line: 3, entry: rejected }, { line: 4, entry: verdict }], 100);
    expect(text).toContain("3 claims: 2 verifiedRestorable, 1 rejected");
    expect(text.split(OUTCOME_DESCRIPTIONS.verifiedRestorable)).toHaveLength(2);
    const lines = text.split("\n");
    const row = lines.findIndex((l) => l.startsWith("│ 3 "));
    expect(lines.slice(row, row + 4).map((l) => l.split("│").map((cell) => cell.trim()).slice(1, -1))).toEqual([
      ["3", "US 63/100,00X", "rejected", "number: bad (NUMBER_FORMAT)"],
      ["", "2023-01-10 patent", "", ""],
      ["", "claimed by EP", "", ""],
      ["", "2024-02-20 patent", "", ""],
    ]);
    // Every reason code whole, however narrow the terminal.
    const reasonsColumn = (table: string) =>
      table
        .split("\n")
        .filter((l) => l.startsWith("│"))
        .map((l) => l.split("│")[4]!.trim())
        .join(" ");
    for (const width of [60, 80, 100]) expect(reasonsColumn(formatVerdictTable([{ entry: verdict }], width))).toContain(`WINDOW_END_NON_WORKING_DAY: ${VERDICT_REASON_DESCRIPTIONS.WINDOW_END_NON_WORKING_DAY}`);
  });
});

describe("unpublished applications in words", () => {
  const C = `0x${"c1".repeat(32)}`;
  const D = `0x${"d2".repeat(32)}`;
  const ref = (blockNumber: number, blockTime: string) => ({ blockNumber, transactionHash: `0x${"ab".repeat(32)}`, logIndex: 0, blockTime });
  const asOf = { blockNumber: 40, blockTime: "2028-08-01T10:00:00.000Z" };
  const opaque = (commitment: string, office: string, overdue: boolean): Family["blindedMembers"][number] => ({
    blinded: true,
    commitment,
    ipOfficeCode: office,
    committedAt: ref(3, "2026-12-03T09:15:07.000Z"),
    revealed: false,
    publicationOverdue: overdue,
  });

  test("a family tree shows a blinded member by office and commitment only, flagged when overdue; its claimants under it", () => {
    const family: Family = {
      kind: "extended",
      applicationCanonicalId: "EP:26150002.0",
      members: [member("EP:26150002.0", "2027-01-04"), member("US:18700002", "2027-01-15")],
      blindedMembers: [opaque(C, "JP", true)],
      links: [
        { from: "EP:26150002.0", to: C, kind: "priority" },
        { from: "US:18700002", to: C, kind: "priority" },
      ],
      asOf,
    };
    expect(formatFamilyTree(family)).toBe(
      [
        "Extended family of EP:26150002.0: 3 members (1 unpublished), 2 links",
        "Under each application, those that claim its priority (with the date their claim gives) or derive from it; ◀ the one asked for.",
        "An UNPUBLISHED member shows its office, its commitment and when it was recorded, nothing else, until its office reveals it. PUBLICATION OVERDUE: still unrevealed 18 months after it was recorded (as of block 40, 2028-08-01 10:00:00Z).",
        "",
        `JP UNPUBLISHED  commitment ${C}  recorded 2026-12-03  PUBLICATION OVERDUE`,
        "├─ EP:26150002.0  2027-01-04  patent  ◀  (priority, date unpublished)",
        "└─ US:18700002  2027-01-15  patent  (priority, date unpublished)",
      ].join("\n"),
    );
    // Asked for by the commitment: it is the one marked, and the head names it.
    const byCommitment = formatFamilyTree({ ...family, applicationCanonicalId: undefined, commitment: C, blindedMembers: [opaque(C, "JP", false)] });
    expect(byCommitment.split("\n")[0]).toBe(`Extended family of the unpublished application ${C}: 3 members (1 unpublished), 2 links`);
    expect(byCommitment).toContain(`JP UNPUBLISHED  commitment ${C}  recorded 2026-12-03  ◀`);
    expect(byCommitment).not.toContain("OVERDUE");
  });

  test("claimants: a claim recorded against the commitment has no number, and says so", () => {
    const text = formatClaimants(
      {
        claimedCanonicalId: "JP:2026023456",
        claimants: [{ claimantCanonicalId: "US:18700002", ipOfficeCode: "US", applicationNumberText: "18700002", claimedCommitment: C, claimedFilingDate: "2026-02-02", status: "active", claimedAt: ref(5, "") }],
        links: {},
      },
      100,
    );
    expect(text.split("\n")[0]).toBe("1 claim of JP:2026023456 (1 active):");
    expect(words(text)).toContain(" — 2026-02-02 active 5 US:18700002 ");
    expect(text.split("\n").at(-1)).toBe(`— a claim recorded against its commitment ${C} while it was unpublished`);
  });

  test("a blinded record, its claimants, the list, and the check by access code", () => {
    const record = { commitment: C, ipOfficeCode: "JP", committedAt: ref(3, "2026-12-03T09:15:07.000Z"), revealed: false, publicationOverdue: false, asOf };
    expect(words(formatBlindedApplication(record))).toContain(
      `commitment ${C} office JP recorded block 3, 2026-12-03 09:15:07Z revealed no, still unpublished publication not overdue: unrevealed, recorded less than 18 months ago (as of block 40, 2028-08-01 10:00:00Z)`,
    );
    const revealed = { ...record, revealed: true, revealedApplication: { canonicalId: "JP:2026023456", applicationId: C, filingDate: "2026-02-02", revealedAt: ref(9, "2027-06-01T00:00:00.000Z") } };
    expect(words(formatBlindedApplication(revealed))).toContain("revealed as JP:2026023456, filed 2026-02-02 (block 9, 2027-06-01 00:00:00Z) publication published (revealed)");
    expect(words(formatBlindedApplication({ ...record, publicationOverdue: true }))).toContain("publication OVERDUE: still unrevealed 18 months after it was recorded");

    const claimants = formatCommitmentClaimants({
      commitment: C,
      claimants: [
        { claimant: D, claimantKind: "commitment", ipOfficeCode: "EP", claimedAt: ref(4, "") },
        { claimant: `0x${"e3".repeat(32)}`, claimantKind: "application", ipOfficeCode: "US", claimantCanonicalId: "US:18700002", claimedAt: ref(6, "") },
      ],
      links: {},
    });
    expect(claimants.split("\n")[0]).toBe(`2 claims of the commitment ${C}, from 2 offices:`);
    expect(claimants.split("\n").slice(1)).toEqual([`block 4  EP  unpublished, commitment ${D}`, "block 6  US  US:18700002"]);
    expect(formatCommitmentClaimants({ commitment: C, claimants: [], links: {} })).toBe(`Nothing on the register claims the commitment ${C}.`);

    const list = formatCommitmentList({ commitments: [{ ...record, publicationOverdue: true }], asOf, links: {} }, { office: "JP", overdue: true });
    expect(list.split("\n")).toEqual([
      "1 overdue commitment of JP (as of block 40, 2028-08-01 10:00:00Z):",
      `JP  ${C}  recorded 2026-12-03 09:15:07Z  unpublished  OVERDUE`,
      "OVERDUE: still unrevealed 18 months after it was recorded (an office records an application on or after its filing).",
    ]);
    expect(formatCommitmentList({ commitments: [], links: {} }, {})).toBe("0 commitments (no chain time indexed yet).");

    const found = { ipOfficeCode: "JP", canonicalId: "JP:2026023456", commitment: C, found: true, revealed: false, claimantCount: 2, committedAt: ref(3, ""), publicationDue: "2027-08-02", publicationDuePassed: true, asOf };
    expect(formatBlindedVerdict(found, { filingDate: "2026-02-02", ipType: "patent" }).split("\n")).toEqual([
      `found: the register holds the unpublished application JP:2026023456 of 2026-02-02 (patent) (commitment ${C}, committed in block 3)`,
      "revealed: no, still unpublished",
      "claimed by 2 applications",
      "publication due 2027-08-02 (the filing date plus 18 months): passed, and still unpublished: OVERDUE (as of block 40, 2028-08-01 10:00:00Z)",
    ]);
    expect(formatBlindedVerdict({ ...found, revealed: true, publicationDuePassed: false }, { filingDate: "2026-02-02", ipType: "patent" }).split("\n")[3]).toBe(
      "publication due 2027-08-02 (the filing date plus 18 months): not yet (as of block 40, 2028-08-01 10:00:00Z)",
    );
  });
});
