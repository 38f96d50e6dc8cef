import fc from "fast-check";
import { stringify } from "csv-stringify/sync";
import { describe, expect, test } from "vitest";
import { APPLICATION_COLUMNS, parseApplicationsCsv, parsePriorityClaims, planImport } from "../../src/import/index.js";
import { isDiprError } from "../../src/errors.js";

const HEADER = APPLICATION_COLUMNS.join(",");

/** The problems of a file parseApplicationsCsv refuses as a whole, as "line N: message". */
function fileProblemsOf(text: string): string[] {
  try {
    parseApplicationsCsv(text, "applications.csv");
  } catch (error) {
    if (!isDiprError(error, "IMPORT_FILE_INVALID")) throw error;
    return (error.details.problems as { line: number; message: string }[]).map((p) => `line ${p.line}: ${p.message}`);
  }
  throw new Error("the file was accepted");
}

/** Each rejected row of a CSV as "line N field CODE". */
const rowProblemsOf = (text: string) => planImport(parseApplicationsCsv(text)).problems.map((p) => `line ${p.line} ${p.field ?? "-"} ${p.code}`);

describe("a CSV of applications", () => {
  test("gives each application as typed with its line: any column order, quoted commas, claims, parent, BOM, CRLF, empty lines", () => {
    const text =
      "\uFEFFnumber,office,ipType,filingDate,priorityClaims,parentKind,parentNumber\r\n" +
      '"63/700,101",US,patent,2025-01-06,,,\r\n' +
      "\r\n" +
      ' "18/900,202" , US ,patent,2025-02-10,"EP 24 150 001.6 2024-03-11;  DE 10 2024 112 233.1 2024-05-15 ;",divisional,"63/700,101"\r\n';
    expect(parseApplicationsCsv(text)).toEqual([
      { line: 2, input: { office: "US", number: "63/700,101", filingDate: "2025-01-06", ipType: "patent" } },
      {
        line: 4,
        input: {
          office: "US",
          number: "18/900,202",
          filingDate: "2025-02-10",
          ipType: "patent",
          claims: [
            { office: "EP", number: "24 150 001.6", filingDate: "2024-03-11" },
            { office: "DE", number: "10 2024 112 233.1", filingDate: "2024-05-15" },
          ],
          parent: { number: "63/700,101", kind: "divisional" },
        },
      },
    ]);
  });

  test("needs only office, number, filingDate and ipType", () => {
    expect(parseApplicationsCsv("office,number,filingDate,ipType\nJP,特願2025-012345,2025-01-20,patent\n")).toEqual([
      { line: 2, input: { office: "JP", number: "特願2025-012345", filingDate: "2025-01-20", ipType: "patent" } },
    ]);
  });

  test("reports every header problem at once, and rows with another number of cells by line", () => {
    expect(fileProblemsOf("office,number,date,number\nUS,1,2,3\n")).toEqual([
      `line 1: unknown column "date" (the columns are ${HEADER})`,
      'line 1: column "number" appears twice',
      'line 1: missing column "filingDate"',
      'line 1: missing column "ipType"',
    ]);
    expect(fileProblemsOf("office,number,filingDate,ipType\nUS,63123456,2025-01-06\nUS,63123457,2025-01-06,patent,x\n")).toEqual([
      "line 2: 3 cells where the header has 4",
      "line 3: 5 cells where the header has 4",
    ]);
    expect(fileProblemsOf("")).toEqual([`line 1: empty; the first row is the header ${HEADER}`]);
    expect(fileProblemsOf("office,number,filingDate,ipType\n")).toEqual(["line 1: a header but no applications"]);
    expect(fileProblemsOf('office,number,filingDate,ipType\nUS,"63123456,2025-01-06,patent\n')[0]).toMatch(/^line \d+: not a well-formed CSV row/);
  });

  test("a claim entry is OFFICE NUMBER DATE; a short entry leaves the number empty for the domain core to reject", () => {
    expect(parsePriorityClaims("JP 特願2024-051234 2024-03-04")).toEqual([{ office: "JP", number: "特願2024-051234", filingDate: "2024-03-04" }]);
    expect(parsePriorityClaims(" ; ")).toEqual([]);
    expect(parsePriorityClaims("US 2024-03-04")).toEqual([{ office: "US", number: "", filingDate: "2024-03-04" }]);
    expect(rowProblemsOf(`${HEADER}\nEP,EP 25 150 123.5,2025-02-27,patent,US 2024-03-01,,\n`)).toEqual(["line 2 claims.0.number NUMBER_LENGTH"]);
  });

  test("reports every bad row with its line, the field and the domain core's reason; the good rows stay planned", () => {
    const text = [
      HEADER,
      'US,"63/700,101",2025-01-06,patent,,,', // 2 ok
      "us,63700102,2025-01-06,patent,,,", // 3 office code case
      'US,"17/12,345",2025-01-06,patent,,,', // 4 six-digit serial
      "US,63700103,2025-02-30,patent,,,", // 5 no such day
      "US,63700104,2025-01-06,patnet,,,", // 6 IP type
      "US,18900202,2025-02-10,patent,EP 23 123 456.7 2023-03-11,,", // 7 check digit of the claim
      'US,"63/700,101",2025-01-07,patent,,,', // 8 same as line 2
      "EP,EP 25 150 123.5,2025-02-27,patent,,,", // 9 another office
      "US,18900203,2025-02-10,patent,JP 2025-012345 2025-02-10,,", // 10 claim not earlier
      'US,18900204,2025-02-10,patent,"JP 2024-012345 2024-03-01; JP 特願2024-012345 2024-03-01",,', // 11 same claim twice
      'US,18900205,2025-02-10,patent,"US 18/900,205 2024-03-01",,', // 12 claims itself
      "US,18900206,2025-06-10,patent,,18900207,divisional", // 13 parent on a later row
      "US,18900207,2025-02-10,patent,,,", // 14 ok
      "US,18900208,2025-06-10,patent,,18900207,division", // 15 link kind
    ].join("\n");
    const plan = planImport(parseApplicationsCsv(text));
    expect(plan.problems.map((p) => `line ${p.line} ${p.field ?? "-"} ${p.code}`)).toEqual([
      "line 3 office OFFICE_CODE_NOT_UPPERCASE",
      "line 4 number NUMBER_LENGTH",
      "line 5 filingDate INVALID_DATE",
      "line 6 ipType IP_TYPE_UNKNOWN",
      "line 7 claims.0.number CHECK_DIGIT_MISMATCH",
      "line 8 number IMPORT_DUPLICATE_ROW",
      "line 9 office IMPORT_OFFICE_MIXED",
      "line 10 claims.0.filingDate IMPORT_CLAIM_NOT_EARLIER",
      "line 11 claims.1 IMPORT_DUPLICATE_CLAIM",
      "line 12 claims.0 SELF_PRIORITY",
      "line 13 parent.number IMPORT_PARENT_UNKNOWN",
      "line 15 parent.kind CLI_USAGE",
    ]);
    expect(plan.problems.find((p) => p.line === 8)!.message).toBe("number: US:63700101 is on line 2 already");
    expect(plan.problems.find((p) => p.line === 7)!.message).toMatch(/^claims\.0\.number: .*8/);
    expect(plan.applications.map((a) => [a.line, a.resolved.canonicalId])).toEqual([
      [2, "US:63700101"],
      [14, "US:18900207"],
    ]);
    expect(plan.office).toBe("US");
  });

  test("a parent on an earlier row is planned; one not in the file is left for the chain to confirm", () => {
    const plan = planImport(
      parseApplicationsCsv([HEADER, "US,18900207,2025-02-10,patent,,,", "US,18900206,2025-06-10,patent,,18/900,207,divisional".replace("18/900,207", '"18/900,207"'), "US,18900209,2025-06-10,patent,,17123456,continuation"].join("\n")),
    );
    expect(plan.problems).toEqual([]);
    expect(plan.applications.map((a) => a.line)).toEqual([2, 3, 4]);
    expect([...plan.externalParents.values()]).toEqual([[4]]);
  });

  test("a quoted cell over two lines: the row is reported on the line it ends on", () => {
    expect(rowProblemsOf(`${HEADER}\nUS,"63700101",2025-01-06,patent,"JP 2024-012345\n2024-13-01",,\n`)).toEqual(["line 3 claims.0.filingDate INVALID_DATE"]);
  });

  // Any US numbers, typed in any of the USPTO's presentations, come back canonical on the line they were written on.
  test("property: typed US numbers and claims come back canonical, each on its own line", () => {
    const arbRow = fc.record({
      series: fc.integer({ min: 14, max: 18 }),
      serial: fc.integer({ min: 0, max: 999_999 }),
      style: fc.constantFrom("slash", "plain", "spaced"),
      claims: fc.uniqueArray(fc.integer({ min: 1, max: 99_999 }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(arbRow, { minLength: 1, maxLength: 30, selector: (r) => `${r.series}${r.serial}` }), (rows) => {
        const six = (n: number) => String(n).padStart(6, "0");
        const typed = (r: (typeof rows)[number]) =>
          r.style === "slash" ? `${r.series}/${six(r.serial).slice(0, 3)},${six(r.serial).slice(3)}` : r.style === "spaced" ? `${r.series} ${six(r.serial)}` : `${r.series}${six(r.serial)}`;
        const records = rows.map((r) => ["US", typed(r), "2025-03-03", "patent", r.claims.map((c) => `JP 特願2024-${String(c).padStart(6, "0")} 2024-04-01`).join("; "), "", ""]);
        const plan = planImport(parseApplicationsCsv(stringify([[...APPLICATION_COLUMNS], ...records])));
        expect(plan.problems).toEqual([]);
        expect(plan.applications.map((a) => [a.line, a.resolved.spec.number, a.resolved.spec.claims?.map((c) => c.number) ?? []])).toEqual(
          rows.map((r, i) => [i + 2, `${r.series}${six(r.serial)}`, r.claims.map((c) => `2024${String(c).padStart(6, "0")}`)]),
        );
      }),
      { numRuns: 50 },
    );
  });
});
