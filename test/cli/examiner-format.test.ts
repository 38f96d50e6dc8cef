import { describe, expect, test } from "vitest";
import type { Family, Verdict } from "../../src/api-client/index.js";
import { formatFamilyTree, formatVerdict, formatVerdictTable } from "../../src/cli/examiner-format.js";
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
