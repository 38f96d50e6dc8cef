import { describe, expect, test } from "vitest";
import fc from "fast-check";
import {
  IP_TYPES,
  OUTCOME_DESCRIPTIONS,
  VERDICT_OUTCOMES,
  VERDICT_REASON_DESCRIPTIONS,
  verifyPriorityClaim,
  type VerifyPriorityClaimInput,
} from "../../src/domain/index.js";

const claimed = { office: "US", filingDate: "2024-03-01", ipType: "patent" } as const;
const claimant = { office: "EP", filingDate: "2025-02-27", ipType: "patent" } as const;
const active = { status: "active" } as const;
const verify = (over: Partial<VerifyPriorityClaimInput>) =>
  verifyPriorityClaim({ claimed, claimant, claimedOffice: active, registered: { filingDate: "2024-03-01", ipType: "patent" }, ...over });

describe("verifyPriorityClaim", () => {
  test("a registered claim with the same date and type, in time, is verified, and says what it compared", () => {
    const verdict = verify({});
    expect(verdict.outcome).toBe("verified");
    expect(verdict.reasons).toEqual([]);
    expect(verdict.compared).toEqual({
      claimedOfficeStatus: "active",
      registered: true,
      filingDate: { claimed: "2024-03-01", registered: "2024-03-01", matches: true },
      ipType: { claimed: "patent", registered: "patent", matches: true, registeredMayFoundClaimant: true },
    });
    // 2024-03-01 + 12 months = Saturday 2025-03-01, extended to Monday 2025-03-03 (Paris Art. 4C(3)).
    expect(verdict.period).toEqual({
      basis: "registered",
      classification: "valid",
      months: 12,
      rawPeriodEnd: "2025-03-01",
      periodEnd: "2025-03-03",
      restorationEnd: "2025-05-03",
    });
  });

  test("a claim filed in the restoration window is verifiedRestorable", () => {
    expect(verify({ claimant: { ...claimant, filingDate: "2025-04-01" } }).outcome).toBe("verifiedRestorable");
  });

  test("a claimed date that differs from the register is a mismatch, the period counted from the registered date", () => {
    // Claimed 2024-03-01, registered 2024-02-07: by the claimed date 2025-02-27 is in time, by the registered one the
    // period ended on Friday 2025-02-07 and the claim is only restorable.
    const verdict = verify({ registered: { filingDate: "2024-02-07", ipType: "patent" } });
    expect(verdict.outcome).toBe("mismatch");
    expect(verdict.reasons).toEqual(["FILING_DATE_MISMATCH", "PERIOD_EXPIRED"]);
    expect(verdict.compared.filingDate).toEqual({ claimed: "2024-03-01", registered: "2024-02-07", matches: false });
    expect(verdict.period).toMatchObject({ basis: "registered", classification: "restorable", periodEnd: "2025-02-07", restorationEnd: "2025-04-07" });
  });

  test("a registered IP type that differs from the claim is a mismatch naming both types", () => {
    const verdict = verify({ registered: { filingDate: "2024-03-01", ipType: "trademark" } });
    expect(verdict.outcome).toBe("mismatch");
    expect(verdict.reasons).toEqual(["IP_TYPE_MISMATCH", "CROSS_TYPE"]);
    expect(verdict.compared.ipType).toEqual({ claimed: "patent", registered: "trademark", matches: false, registeredMayFoundClaimant: false });
    // A utility model may found a patent's priority (Art. 4E(2)): still a mismatch, but the period is computed.
    const um = verify({ registered: { filingDate: "2024-03-01", ipType: "utilityModel" } });
    expect(um).toMatchObject({ outcome: "mismatch", period: { classification: "valid" } });
    expect(um.compared.ipType.registeredMayFoundClaimant).toBe(true);
  });

  test("a late claim is late, counted from the registered date", () => {
    const verdict = verify({ claimant: { ...claimant, filingDate: "2025-06-02" } });
    expect(verdict).toMatchObject({ outcome: "late", reasons: ["PERIOD_EXPIRED", "RESTORATION_WINDOW_EXPIRED"] });
  });

  test("a claimant filed before the priority is invalid", () => {
    expect(verify({ claimant: { ...claimant, filingDate: "2024-02-01" } })).toMatchObject({ outcome: "invalid", reasons: ["LATER_BEFORE_PRIORITY"] });
  });

  test("a number the claimed office never registered is notRegistered, not verified", () => {
    const verdict = verify({ registered: undefined });
    expect(verdict).toMatchObject({ outcome: "notRegistered", reasons: ["NOT_REGISTERED"] });
    expect(verdict.compared).toEqual({ claimedOfficeStatus: "active", registered: false, filingDate: { claimed: "2024-03-01" }, ipType: { claimed: "patent" } });
    expect(verdict.period.basis).toBe("claimed");
  });

  test("an office that does not take part gives unknownOffice: the rules alone, on the claimed dates", () => {
    const verdict = verify({ claimedOffice: undefined, registered: undefined });
    expect(verdict).toMatchObject({ outcome: "unknownOffice", reasons: ["OFFICE_NOT_ON_REGISTER"] });
    expect(verdict.compared.claimedOfficeStatus).toBe("notOnRegister");
    // Late is late whether or not the office takes part.
    expect(verify({ claimedOffice: undefined, registered: undefined, claimant: { ...claimant, filingDate: "2025-06-02" } }).outcome).toBe("late");
  });

  test("a suspended claimed office is flagged; its records still count", () => {
    const verdict = verify({ claimedOffice: { status: "suspended" } });
    expect(verdict).toMatchObject({ outcome: "verified", reasons: ["CLAIMED_OFFICE_SUSPENDED"] });
    expect(verdict.compared.claimedOfficeStatus).toBe("suspended");
  });

  test("every outcome and reason produced has a description, and only a registered, matching claim is verified", () => {
    const date = fc.integer({ min: 19_000, max: 21_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10));
    const type = fc.constantFrom(...IP_TYPES);
    fc.assert(
      fc.property(date, type, date, type, fc.option(fc.record({ filingDate: date, ipType: type })), fc.constantFrom(undefined, "active", "suspended"), (cd, ct, ld, lt, reg, office) => {
        const verdict = verifyPriorityClaim({
          claimed: { office: "US", filingDate: cd, ipType: ct },
          claimant: { office: "EP", filingDate: ld, ipType: lt },
          claimedOffice: office === undefined ? undefined : { status: office },
          registered: reg ?? undefined,
        });
        expect(VERDICT_OUTCOMES).toContain(verdict.outcome);
        expect(OUTCOME_DESCRIPTIONS[verdict.outcome]).toMatch(/\w/);
        for (const reason of verdict.reasons) expect(VERDICT_REASON_DESCRIPTIONS[reason]).toMatch(/\w/);
        if (verdict.outcome === "verified" || verdict.outcome === "verifiedRestorable") {
          expect(reg).toMatchObject({ filingDate: cd, ipType: ct });
        }
        if (reg) expect(verdict.period.basis).toBe("registered");
      }),
    );
  });
});
