import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { wellFormedClaim } from "../../src/api/claim-to-verify.js";
import { ClaimToVerify } from "../../src/api/schemas.js";
import { IP_TYPES } from "../../src/domain/index.js";

// The verify route's fast check stands in for the ClaimToVerify schema on well-formed claims: it must accept exactly
// what the schema accepts, and give the same claim with its properties in the same order (the verdict echoes it).

const KEYS = ["office", "number", "filingDate", "ipType", "claimantOffice", "claimantFilingDate", "claimantIpType"] as const;

const text = fc.oneof(
  fc.string({ maxLength: 70 }),
  fc.string({ unit: "grapheme", maxLength: 70 }),
  fc.constantFrom("", "EP", "ep", "24150001.6", "😀".repeat(33), "😀".repeat(64), "😀".repeat(65), "x".repeat(64), "x".repeat(65), "\uD800"),
);
const date = fc.oneof({ weight: 6, arbitrary: fc.constantFrom("2024-06-03", "9999-99-99") }, { weight: 1, arbitrary: fc.constantFrom("2024-6-3", "2024-06-03 ", "2024-06-03\n", "２０２４-06-03") }, { weight: 1, arbitrary: text });
const ipType = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...IP_TYPES) }, { weight: 1, arbitrary: fc.constantFrom("Patent", "design", "") }, { weight: 1, arbitrary: text });
const value = (v: fc.Arbitrary<unknown>) => fc.oneof({ weight: 30, arbitrary: v }, { weight: 1, arbitrary: fc.constantFrom(undefined, null, 7, ["EP"], {}) });

const fields = {
  office: value(text),
  number: value(text),
  filingDate: value(date),
  ipType: value(ipType),
  claimantOffice: value(text),
  claimantFilingDate: value(date),
  claimantIpType: value(ipType),
};
const claim = fc.oneof({ weight: 4, arbitrary: fc.record(fields) }, { weight: 1, arbitrary: fc.record(fields, { requiredKeys: [] }) });
// Sometimes an unknown property too, a property given twice over a prototype, or the keys in another order.
const input = fc.tuple(claim, fc.option(fc.constantFrom("extra", "__proto__", "constructor"), { freq: 8 }), fc.boolean(), fc.integer({ min: 0, max: 7 }).map((n) => n === 0)).map(([c, extra, reversed, inherited]) => {
  const entries = Object.entries(c);
  const out: Record<string, unknown> = inherited ? Object.create({ inheritedKey: "x" }) : Object.create(null);
  for (const [k, v] of reversed ? entries.reverse() : entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  if (extra !== null) Object.defineProperty(out, extra, { value: "1", enumerable: true, writable: true, configurable: true });
  return out;
});

describe("the verify route's check of a well-formed claim", () => {
  test("accepts what the schema accepts, with the same claim in the schema's property order", () => {
    let accepted = 0;
    fc.assert(
      fc.property(input, (raw) => {
        const fast = wellFormedClaim(raw);
        const parsed = ClaimToVerify.safeParse(raw);
        expect(fast !== undefined).toBe(parsed.success);
        if (fast !== undefined && parsed.success) {
          accepted++;
          expect(JSON.stringify(fast)).toBe(JSON.stringify(parsed.data));
          expect(Object.keys(fast)).toEqual([...KEYS]);
        }
      }),
      { numRuns: 5000 },
    );
    // The generator reaches the accepting side too, not only the refusals.
    expect(accepted).toBeGreaterThan(50);
  });

  test.each([
    ["a claim as a client sends it", { office: "EP", number: "24150001.6", filingDate: "2024-06-03", ipType: "patent", claimantOffice: "US", claimantFilingDate: "2024-08-01", claimantIpType: "patent" }, true],
    ["a number of 64 astral characters", { office: "EP", number: "😀".repeat(64), filingDate: "2024-06-03", ipType: "patent", claimantOffice: "US", claimantFilingDate: "2024-08-01", claimantIpType: "patent" }, true],
    ["a number of 65", { office: "EP", number: "😀".repeat(65), filingDate: "2024-06-03", ipType: "patent", claimantOffice: "US", claimantFilingDate: "2024-08-01", claimantIpType: "patent" }, false],
    ["a repeated parameter", { office: ["EP", "US"], number: "1", filingDate: "2024-06-03", ipType: "patent", claimantOffice: "US", claimantFilingDate: "2024-08-01", claimantIpType: "patent" }, false],
  ])("%s", (_, raw, ok) => {
    expect(wellFormedClaim(raw) !== undefined).toBe(ok);
    expect(ClaimToVerify.safeParse(raw).success).toBe(ok);
  });
});
