import { describe, expect, test } from "vitest";
import { verifyPriorityClaim } from "../../src/domain/index.js";

const claimed = { office: "US", number: "63123456", filingDate: "2024-03-01", ipType: "patent" } as const;
const claimant = { office: "EP", filingDate: "2025-02-27", ipType: "patent" } as const;

describe("verifyPriorityClaim", () => {
  test("a registered claim with the same date is found, matches and is classified by the period rules", () => {
    const verdict = verifyPriorityClaim({ claimed, claimant, registered: { filingDate: "2024-03-01", ipType: "patent" } });
    expect(verdict).toMatchObject({ registered: true, registeredFilingDate: "2024-03-01", filingDateMatches: true, ipTypeCompatible: true });
    // 2024-03-01 + 12 months = Saturday 2025-03-01, extended to Monday 2025-03-03 (Paris Art. 4C(3)).
    expect(verdict.check).toMatchObject({ classification: "valid", rawPeriodEnd: "2025-03-01", periodEnd: "2025-03-03" });
  });

  test("a claim whose date differs from the register says so, with the registered date", () => {
    const verdict = verifyPriorityClaim({ claimed, claimant, registered: { filingDate: "2024-02-29", ipType: "patent" } });
    expect(verdict.filingDateMatches).toBe(false);
    expect(verdict.registeredFilingDate).toBe("2024-02-29");
  });

  test("a registered trade mark cannot found a patent's priority", () => {
    const verdict = verifyPriorityClaim({ claimed, claimant, registered: { filingDate: "2024-03-01", ipType: "trademark" } });
    expect(verdict.ipTypeCompatible).toBe(false);
  });

  test("a claim of an application not on the register is still checked for time", () => {
    const late = { ...claimant, filingDate: "2025-04-01" };
    const verdict = verifyPriorityClaim({ claimed, claimant: late, registered: undefined });
    expect(verdict).toEqual({ registered: false, check: expect.objectContaining({ classification: "restorable" }) });
  });
});
