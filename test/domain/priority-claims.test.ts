import { describe, expect, test } from "vitest";
import { normalizePriorityClaim, normalizePriorityClaimBag, type PriorityClaimInput } from "../../src/domain/priority-claims.js";
import type { DiprErrorCode } from "../../src/errors.js";
import { expectCode } from "./expect-code.js";

// domain.md 5.4 "Priority claim validation vectors", verbatim.
const TABLE_5_4: ReadonlyArray<readonly [string, string]> = [
  ["office `US`, number `63100001`, date `2023-01-10`, category `national`", "ok"],
  ["office `EP`, number `23123456.7`, date `2023-02-01`, category `regional`", "`CHECK_DIGIT_MISMATCH`"],
  ["office `WO`, number `US2023012345`, date `2023-03-01`, category `international`", "ok"],
  ["office `WO`, category `national`", "`CATEGORY_MISMATCH` (WO is international)"],
  ["office `EP`, category `national`", "`CATEGORY_MISMATCH` (EP is regional)"],
  ["date `2023-02-30`", "`INVALID_DATE`"],
  ["date `20230210` (ST.36 compact form) at the API", "`DATE_FORMAT` (API requires `YYYY-MM-DD`; the ST.36 importer converts)"],
  ["two claims with the same `sequenceNumber`", "`DUPLICATE_SEQUENCE`"],
  ["claim whose (office, number) equals the application itself", "`SELF_PRIORITY`"],
];

// Fields a row leaves unsaid come from a claim that is valid for its office.
const VALID_FOR: Readonly<Record<string, Omit<PriorityClaimInput, "sequenceNumber">>> = {
  US: { ipOfficeCode: "US", applicationNumberText: "63100001", filingDate: "2023-01-10", applicationFilingCategory: "national" },
  EP: { ipOfficeCode: "EP", applicationNumberText: "23123456.8", filingDate: "2023-02-01", applicationFilingCategory: "regional" },
  WO: { ipOfficeCode: "WO", applicationNumberText: "US2023012345", filingDate: "2023-03-01", applicationFilingCategory: "international" },
};

function claimFrom(row: string): PriorityClaimInput {
  const field = (name: string) => new RegExp(`${name} \`([^\`]*)\``).exec(row)?.[1];
  const office = field("office") ?? "US";
  const base = VALID_FOR[office] ?? VALID_FOR.US!;
  const category = field("category") as PriorityClaimInput["applicationFilingCategory"] | undefined;
  return {
    sequenceNumber: 1,
    ...base,
    ...(field("number") === undefined ? {} : { applicationNumberText: field("number")! }),
    ...(field("date") === undefined ? {} : { filingDate: field("date")! }),
    ...(category === undefined ? {} : { applicationFilingCategory: category }),
  };
}

describe("priority claim validation, domain.md 5.4", () => {
  test.each(TABLE_5_4)("%s -> %s", (row, result) => {
    const claim = claimFrom(row);
    const code = /^`([A-Z_]+)`/.exec(result)?.[1] as DiprErrorCode | undefined;
    const bag = row.startsWith("two claims")
      ? [claim, { ...VALID_FOR.EP!, sequenceNumber: 1 }]
      : [claim];
    const applicationId = row.startsWith("claim whose") ? "US:63100001" : "EP:24150001.6";
    if (code === undefined) {
      const [normalized] = normalizePriorityClaimBag(applicationId, bag);
      expect(normalized?.canonicalId).toBe(`${claim.ipOfficeCode}:${claim.applicationNumberText}`);
      return;
    }
    expectCode(() => normalizePriorityClaimBag(applicationId, bag), code);
  });

  test("field errors name their target property", () => {
    const e = expectCode(() => normalizePriorityClaim({ ...VALID_FOR.EP!, sequenceNumber: 2, applicationNumberText: "23123456.7" }), "CHECK_DIGIT_MISMATCH");
    expect(e.details).toMatchObject({ target: "applicationNumberText", expected: "8", actual: "7" });
    const d = expectCode(() => normalizePriorityClaimBag("EP:24150001.6", [{ ...VALID_FOR.US!, sequenceNumber: 3, filingDate: "20230110" }]), "DATE_FORMAT");
    expect(d.details).toMatchObject({ target: "filingDate", sequenceNumber: 3 });
  });

  test("normalises the number as section 2 does", () => {
    expect(normalizePriorityClaim({ ...VALID_FOR.EP!, sequenceNumber: 1, applicationNumberText: "EP 23 123 456.8" }).applicationNumberText).toBe("23123456.8");
  });
});
