import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseApplicationsSt96, planImport } from "../../src/import/index.js";
import { isDiprError } from "../../src/errors.js";

const NS = 'xmlns:pat="http://www.wipo.int/standards/XMLSchema/ST96/Patent" xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common"';

type Claim = { office: string; number: string; date: string };

/** One `pat:BibliographicData` record as an office's export writes it, over several lines. */
const record = (office: string, number: string, date: string, claims: readonly Claim[] = []) =>
  [
    "  <pat:BibliographicData>",
    "    <pat:ApplicationIdentification>",
    `      <com:IPOfficeCode>${office}</com:IPOfficeCode>`,
    `      <com:ApplicationNumber><com:ApplicationNumberText>${number}</com:ApplicationNumberText></com:ApplicationNumber>`,
    `      <pat:FilingDate>${date}</pat:FilingDate>`,
    "    </pat:ApplicationIdentification>",
    ...(claims.length === 0
      ? []
      : [
          "    <pat:PriorityClaimBag>",
          ...claims.map(
            (c, i) =>
              `      <pat:PriorityClaim com:sequenceNumber="${i + 1}"><com:IPOfficeCode>${c.office}</com:IPOfficeCode><com:ApplicationNumber><com:ApplicationNumberText>${c.number}</com:ApplicationNumberText></com:ApplicationNumber><pat:FilingDate>${c.date}</pat:FilingDate></pat:PriorityClaim>`,
          ),
          "    </pat:PriorityClaimBag>",
        ]),
    "  </pat:BibliographicData>",
  ].join("\n");

const document = (records: readonly string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<applications ${NS}>\n${records.join("\n")}\n</applications>\n`;

function fileProblemOf(text: string): string {
  try {
    parseApplicationsSt96(text, "applications.xml");
  } catch (error) {
    if (!isDiprError(error, "IMPORT_FILE_INVALID")) throw error;
    return error.message;
  }
  throw new Error("the file was accepted");
}

describe("an ST.96 XML file of applications", () => {
  test("gives each pat:BibliographicData as typed, with the line of its opening tag, its claims from pat:PriorityClaimBag", () => {
    const text = document([
      record("US", "63/700,501", "2025-01-13"),
      record("US", "18/900,601", "2025-02-24", [
        { office: "EP", number: "EP 24 150 001.6", date: "2024-03-11" },
        { office: "JP", number: "特願2024-051234", date: "2024-03-04" },
      ]),
    ]);
    expect(parseApplicationsSt96(text)).toEqual([
      { line: 3, input: { office: "US", number: "63/700,501", filingDate: "2025-01-13", ipType: "patent" } },
      {
        line: 10,
        input: {
          office: "US",
          number: "18/900,601",
          filingDate: "2025-02-24",
          ipType: "patent",
          claims: [
            { office: "EP", number: "EP 24 150 001.6", filingDate: "2024-03-11" },
            { office: "JP", number: "特願2024-051234", filingDate: "2024-03-04" },
          ],
        },
      },
    ]);
  });

  test("reads a single record as the root, any prefix or none, and pat:ApplicationNumberText", () => {
    const text = `<BibliographicData xmlns="urn:x"><ApplicationIdentification><IPOfficeCode>JP</IPOfficeCode><ApplicationNumber><ApplicationNumberText>2025-012345</ApplicationNumberText></ApplicationNumber><FilingDate>2025-01-20</FilingDate></ApplicationIdentification></BibliographicData>`;
    expect(parseApplicationsSt96(text)).toEqual([{ line: 1, input: { office: "JP", number: "2025-012345", filingDate: "2025-01-20", ipType: "patent" } }]);
    const pat = `<p:BibliographicData xmlns:p="urn:p"><p:ApplicationIdentification><p:IPOfficeCode>US</p:IPOfficeCode><p:ApplicationNumber><p:ApplicationNumberText>0012</p:ApplicationNumberText></p:ApplicationNumber><p:FilingDate>2025-01-20</p:FilingDate></p:ApplicationIdentification></p:BibliographicData>`;
    expect(parseApplicationsSt96(pat)[0]!.input.number).toBe("0012");
  });

  test("refuses XML that is not well formed (with its line) or holds no record", () => {
    expect(fileProblemOf(`<applications>\n  <pat:BibliographicData>\n</applications>`)).toMatch(/^applications\.xml line \d: not well-formed XML: /);
    expect(fileProblemOf(`<applications ${NS}></applications>`)).toBe("applications.xml line 1: no pat:BibliographicData element (one per application)");
  });

  test("bad records are reported with their line, the field and the domain core's reason; a missing element is reported under its field", () => {
    const text = document([
      record("US", "63/700,501", "2025-01-13"), // line 3
      record("US", "63/700,502", "2025-13-01"), // line 10
      record("US", "18/900,601", "2025-02-24", [{ office: "EP", number: "24 150 001.5", date: "2024-03-11" }]), // line 17
      "  <pat:BibliographicData><pat:ApplicationIdentification><com:IPOfficeCode>US</com:IPOfficeCode><pat:FilingDate>2025-01-13</pat:FilingDate></pat:ApplicationIdentification></pat:BibliographicData>", // line 27
    ]);
    const plan = planImport(parseApplicationsSt96(text));
    expect(plan.problems.map((p) => `line ${p.line} ${p.field} ${p.code}`)).toEqual([
      "line 10 filingDate INVALID_DATE",
      "line 17 claims.0.number CHECK_DIGIT_MISMATCH",
      "line 27 number NUMBER_LENGTH",
    ]);
    expect(plan.applications.map((a) => a.line)).toEqual([3]);
  });

  test("the example file in examples/ passes every check", () => {
    const plan = planImport(parseApplicationsSt96(readFileSync(new URL("../../examples/applications.xml", import.meta.url), "utf8")));
    expect(plan.problems).toEqual([]);
    expect(plan.applications.map((a) => a.resolved.canonicalId)).toEqual(["US:63700501", "US:18900601"]);
  });

  test("property: every record is found on the line of its opening tag, however many claims each has", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 25 }), (claimCounts) => {
        const records = claimCounts.map((n, i) =>
          record("US", `18/${String(100_000 + i).slice(0, 3)},${String(100_000 + i).slice(3)}`, "2025-03-03", Array.from({ length: n }, (_, j) => ({ office: "JP", number: `2024-0${i}${j}0000`.slice(0, 11), date: "2024-04-01" }))),
        );
        const text = document(records);
        const lines = text.split("\n");
        const expected = lines.flatMap((l, i) => (l.includes("<pat:BibliographicData>") ? [i + 1] : []));
        const rows = parseApplicationsSt96(text);
        expect(rows.map((r) => r.line)).toEqual(expected);
        expect(rows.map((r) => r.input.claims?.length ?? 0)).toEqual(claimCounts);
      }),
      { numRuns: 40 },
    );
  });
});
