import { parse } from "csv-parse/sync";
import { describe, expect, test } from "vitest";
import type { ClaimError, Verdict } from "../../src/api-client/index.js";
import { CLAIM_COLUMNS, parseClaimsCsv, VERDICT_CSV_COLUMNS, verdictsToCsv } from "../../src/cli/claims-csv.js";
import { OUTCOME_DESCRIPTIONS, VERDICT_REASON_DESCRIPTIONS } from "../../src/domain/index.js";
import { isDiprError } from "../../src/errors.js";

const HEADER = CLAIM_COLUMNS.join(",");

/** The problems of a file parseClaimsCsv refuses, as "line N: message". */
function problemsOf(text: string): string[] {
  try {
    parseClaimsCsv(text, "claims.csv");
  } catch (error) {
    if (!isDiprError(error, "CLAIMS_FILE_INVALID")) throw error;
    return (error.details.problems as { line: number; message: string }[]).map((p) => `line ${p.line}: ${p.message}`);
  }
  throw new Error("the file was accepted");
}

describe("a CSV of claims", () => {
  test("gives each claim with its line: quoted numbers with commas, any column order, trimmed cells, BOM, CRLF, empty lines", () => {
    const text =
      "\uFEFFclaimantOffice,office,number,filingDate,ipType,claimantFilingDate,claimantIpType\r\n" +
      'EP,US,"63/100,001",2023-01-10,patent,2024-01-08,patent\r\n' +
      "\r\n" +
      " JP , KR ,  10-2023-0123456 ,2023-07-03,patent,2024-06-03,utilityModel\r\n";
    expect(parseClaimsCsv(text)).toEqual([
      {
        line: 2,
        claim: { office: "US", number: "63/100,001", filingDate: "2023-01-10", ipType: "patent", claimantOffice: "EP", claimantFilingDate: "2024-01-08", claimantIpType: "patent" },
      },
      {
        line: 4,
        claim: { office: "KR", number: "10-2023-0123456", filingDate: "2023-07-03", ipType: "patent", claimantOffice: "JP", claimantFilingDate: "2024-06-03", claimantIpType: "utilityModel" },
      },
    ]);
  });

  test("passes values on as they are: the API judges them, claim by claim", () => {
    const [row] = parseClaimsCsv(`${HEADER}\nus,,2023-02-30,design,EP,x,patent\n`);
    expect(row!.claim).toEqual({ office: "us", number: "", filingDate: "2023-02-30", ipType: "design", claimantOffice: "EP", claimantFilingDate: "x", claimantIpType: "patent" });
  });

  test("refuses a bad header with every problem at once", () => {
    expect(problemsOf("office,number,filingDate,ipType,claimantOffice,claimantOffice,colour\nUS,1,2,3,4,5,6\n")).toEqual([
      'line 1: unknown column "colour" (the columns are office,number,filingDate,ipType,claimantOffice,claimantFilingDate,claimantIpType)',
      'line 1: column "claimantOffice" appears twice',
      'line 1: missing column "claimantFilingDate"',
      'line 1: missing column "claimantIpType"',
    ]);
  });

  test("refuses an empty file, a header alone, a short row and an unclosed quote, by line", () => {
    expect(problemsOf("")).toEqual([`line 1: empty; the first row is the header ${HEADER}`]);
    expect(problemsOf(`${HEADER}\n\n`)).toEqual(["line 1: a header but no claims"]);
    const [short] = problemsOf(`${HEADER}\nUS,63100001,2023-01-10,patent,EP,2024-01-08,patent\nUS,63100001,2023-01-10,patent,EP,2024-01-08\n`);
    expect(short).toBe("line 3: 6 cells where the header has 7");
    const [quote] = problemsOf(`${HEADER}\nUS,"63/100,001,2023-01-10,patent,EP,2024-01-08,patent\n`);
    expect(quote).toMatch(/^line \d+: not a well-formed CSV row: Quote Not Closed/);
  });

  test("the error message names the file and every problem's line", () => {
    expect(() => parseClaimsCsv("office\n", "claims.csv")).toThrow(/^claims\.csv line 1: missing column "number"; claims\.csv line 1: missing column "filingDate"/);
  });
});

describe("verdicts as CSV", () => {
  const claim = { office: "US", number: "63/100,001", filingDate: "2023-01-10", ipType: "patent", claimantOffice: "EP", claimantFilingDate: "2024-04-02", claimantIpType: "patent" } as const;
  const late: Verdict = {
    claim,
    claimedCanonicalId: "US:63100001",
    outcome: "late",
    reasons: ["PERIOD_EXPIRED", "RESTORATION_WINDOW_EXPIRED"],
    compared: {
      claimedOfficeStatus: "active",
      registered: true,
      filingDate: { claimed: "2023-01-10", registered: "2023-01-10", matches: true },
      ipType: { claimed: "patent", registered: "patent", matches: true, registeredMayFoundClaimant: true },
    },
    period: { basis: "registered", classification: "late", months: 12, rawPeriodEnd: "2024-01-10", periodEnd: "2024-01-10", restorationEnd: "2024-03-10" },
  };
  const rejected: ClaimError = {
    claim: { ...claim, filingDate: "2023-02-30" },
    errors: [{ code: "INVALID_DATE", message: "Date '2023-02-30' does not exist.", target: "claims.1.filingDate" }],
  };

  test("one row per claim, with codes, what was compared, and the same words as the API's docs", () => {
    const rows = parse(verdictsToCsv([{ line: 2, entry: late }, { line: 3, entry: rejected }]), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...VERDICT_CSV_COLUMNS]);
    expect(rows[0]).toMatchObject({
      line: "2",
      number: "63/100,001",
      claimedCanonicalId: "US:63100001",
      outcome: "late",
      reasons: "PERIOD_EXPIRED RESTORATION_WINDOW_EXPIRED",
      registered: "true",
      registeredFilingDate: "2023-01-10",
      periodClassification: "late",
      periodEnd: "2024-01-10",
      restorationEnd: "2024-03-10",
      errors: "",
      outcomeDescription: OUTCOME_DESCRIPTIONS.late,
      reasonDescriptions: `PERIOD_EXPIRED: ${VERDICT_REASON_DESCRIPTIONS.PERIOD_EXPIRED} RESTORATION_WINDOW_EXPIRED: ${VERDICT_REASON_DESCRIPTIONS.RESTORATION_WINDOW_EXPIRED}`,
    });
    expect(rows[1]).toMatchObject({ line: "3", filingDate: "2023-02-30", outcome: "", errors: "filingDate: Date '2023-02-30' does not exist. (INVALID_DATE)" });
  });
});
