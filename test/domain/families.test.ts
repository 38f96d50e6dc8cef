import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { checkPriorityClaim } from "../../src/domain/priority.js";
import { createFamilyIndex, extendedFamily, type FamilyApplication } from "../../src/domain/families.js";
import { parseApplicationNumber } from "../../src/domain/application-number.js";
import { expectCode } from "./expect-code.js";

// domain.md 6.3 worked example, verbatim: id, office, number, filing date, type, claims/links, prioritySet.
const TABLE_6_3: ReadonlyArray<readonly [string, string, string, string, string, string, string]> = [
  ["A1", "US", "`63100001` (provisional)", "2023-01-10", "patent", "none", "{A1}"],
  ["A2", "JP", "`2023050001`", "2023-03-01", "patent", "none", "{A2}"],
  ["A3", "EP", "`24150001.6`", "2024-01-08", "patent", "priority A1, A2", "{A1, A2}"],
  ["A4", "EP", "`24199999.4`", "2024-09-02", "patent", "divisional of A3", "{A1, A2} (from parent)"],
  ["A5", "CN", "`202410012345.2`", "2024-02-20", "patent", "priority A2", "{A2}"],
  ["A6", "US", "`18600001`", "2024-12-01", "patent", "priority A5", "{A5}"],
];

// domain.md 6.3 results, verbatim.
const RESULTS_6_3: ReadonlyArray<readonly [string, string]> = [
  ["simpleFamily(A3)", "{A3, A4}"],
  ["simpleFamily(A2)", "{A2, A5}"],
  ["simpleFamily(A1)", "{A1}"],
  ["simpleFamily(A6)", "{A6}"],
  ["extendedFamily(A3)", "{A1, A2, A3, A4, A5, A6}"],
  ["extendedFamily(A6)", "{A1, A2, A3, A4, A5, A6}"],
  ["domesticFamily(A3)", "{A3, A4}"],
  ["domesticFamily(A6)", "{A6}"],
  ["priorityChain(A6)", "A6 → A5 → A2"],
];

const number = (cell: string) => /`([^`]+)`/.exec(cell)?.[1] ?? "";
const ID = new Map(TABLE_6_3.map(([a, office, n]) => [a, parseApplicationNumber(office, number(n)).canonicalId]));
const LABEL = new Map([...ID].map(([a, id]) => [id, a]));
const labels = (ids: readonly string[]) => ids.map((id) => LABEL.get(id) ?? id);
const setOf = (cell: string) => (/\{([^}]*)\}/.exec(cell)?.[1] ?? "").split(", ").filter((s) => s !== "");

function example(lateA5 = false): FamilyApplication[] {
  return TABLE_6_3.map(([a, , , filingDate, , links]) => {
    const claimed = /priority (.+)/.exec(links)?.[1]?.split(", ") ?? [];
    const parent = /divisional of (\w+)/.exec(links)?.[1];
    return {
      id: ID.get(a)!,
      filingDate,
      claims: claimed.map((c) => ({ id: ID.get(c)!, status: lateA5 && a === "A5" ? ("late" as const) : ("valid" as const) })),
      ...(parent === undefined ? {} : { parent: { id: ID.get(parent)!, kind: "divisional" as const } }),
    };
  });
}

describe("families, domain.md 6.3 worked example", () => {
  const index = createFamilyIndex(example());

  test.each(TABLE_6_3)("%s %s %s filed %s (%s): claims %s -> prioritySet %s", (...row) => {
    const [a, , , , , , set] = row;
    expect(labels(index.prioritySet(ID.get(a)!)).sort()).toEqual(setOf(set));
  });

  test.each(RESULTS_6_3)("%s = %s", (query, result) => {
    const [, fn, a] = /^(\w+)\((\w+)\)$/.exec(query) ?? [];
    const id = ID.get(a ?? "")!;
    if (fn === "priorityChain") {
      expect(labels(index.priorityChain(id)).join(" → ")).toBe(result);
      return;
    }
    const members = (index[fn as "simpleFamily" | "extendedFamily" | "domesticFamily"])(id);
    expect(labels(members).sort()).toEqual(setOf(result));
    expect([...members].sort()).toEqual(members); // sorted by canonical id
  });

  test("the timing claims of the example hold", () => {
    const claim = (p: string, l: string) =>
      checkPriorityClaim({ claimed: { office: "US", filingDate: p, ipType: "patent" }, claimant: { office: "EP", filingDate: l, ipType: "patent" } });
    expect(claim("2023-01-10", "2024-01-08").classification).toBe("valid"); // A3 on A1
    expect(claim("2023-03-01", "2024-01-08").classification).toBe("valid"); // A3 on A2
    expect(claim("2023-03-01", "2024-02-20").classification).toBe("valid"); // A5 on A2
    expect(claim("2023-01-10", "2024-02-20")).toMatchObject({ classification: "restorable", restorationEnd: "2024-03-10" });
    expect(claim("2024-02-20", "2024-12-01")).toMatchObject({ classification: "valid", periodEnd: "2025-02-20" }); // A6 on A5
  });

  test("claimantsOf(A2) = {A3, A5}", () => {
    expect(labels(index.claimantsOf(ID.get("A2")!)).sort()).toEqual(["A3", "A5"]);
  });

  test("edge test: a late claim links the extended family but leaves the priority set", () => {
    const late = createFamilyIndex(example(true));
    expect(labels(late.prioritySet(ID.get("A5")!))).toEqual(["A5"]);
    expect(labels(late.simpleFamily(ID.get("A2")!))).toEqual(["A2"]);
    expect(late.extendedFamily(ID.get("A2")!)).toHaveLength(6);
  });

  test("input order does not matter", () => {
    const reversed = createFamilyIndex(example().reverse());
    for (const id of ID.values()) {
      expect(reversed.extendedFamily(id)).toEqual(index.extendedFamily(id));
      expect(reversed.simpleFamily(id)).toEqual(index.simpleFamily(id));
    }
  });

  test("unknown and duplicate ids are errors", () => {
    expectCode(() => index.extendedFamily("EP:99999999.9"), "FAMILY_UNKNOWN_APPLICATION");
    expectCode(() => createFamilyIndex([{ id: "EP:1" }, { id: "EP:1" }]), "FAMILY_DUPLICATE_APPLICATION");
  });

  test("two applications claiming the same unregistered priority share an extended family", () => {
    expect(extendedFamily([{ id: "EP:1", claims: [{ id: "US:X" }] }, { id: "JP:2", claims: [{ id: "US:X" }] }], "EP:1")).toEqual(["EP:1", "JP:2"]);
  });

  test("cycles in claims and parents terminate", () => {
    const cyc = createFamilyIndex([
      { id: "EP:1", claims: [{ id: "EP:2" }], parent: { id: "EP:2", kind: "divisional" } },
      { id: "EP:2", claims: [{ id: "EP:1" }], parent: { id: "EP:1", kind: "continuation" } },
    ]);
    expect(cyc.priorityChain("EP:1")).toEqual(["EP:1", "EP:2"]);
    expect(cyc.extendedFamily("EP:1")).toEqual(["EP:1", "EP:2"]);
    expect(cyc.prioritySet("EP:1").length).toBeGreaterThan(0);
  });
});

// Random application sets: n applications at a few offices, claims and parents pointing anywhere (also forward,
// also outside the set), with random statuses.
const arbApps = fc
  .integer({ min: 1, max: 30 })
  .chain((n) =>
    fc.array(
      fc.record({
        office: fc.constantFrom("EP", "US", "JP"),
        claims: fc.array(fc.record({ to: fc.integer({ min: 0, max: n + 3 }), status: fc.constantFrom("valid", "late", "restored", "invalid") }), { maxLength: 3 }),
        parent: fc.option(fc.record({ to: fc.integer({ min: 0, max: n + 3 }), kind: fc.constantFrom("divisional", "continuation", "continuationInPart", "pctNationalPhase") }), { nil: undefined }),
      }),
      { minLength: n, maxLength: n },
    ),
  )
  .map((rows) => {
    const idOf = (i: number) => `${rows[i]?.office ?? "WO"}:${i}`;
    return rows.map((r, i): FamilyApplication => ({
      id: idOf(i),
      claims: r.claims.map((c) => ({ id: idOf(c.to), status: c.status as "valid" })),
      ...(r.parent === undefined ? {} : { parent: { id: idOf(r.parent.to), kind: r.parent.kind as "divisional" } }),
    }));
  });

describe("family properties", () => {
  test("membership is symmetric and the extended family contains the simple and domestic ones", () => {
    fc.assert(
      fc.property(arbApps, (apps) => {
        const index = createFamilyIndex(apps);
        for (const { id } of apps) {
          const extended = new Set(index.extendedFamily(id));
          expect(extended.has(id)).toBe(true);
          for (const other of extended) expect(index.extendedFamily(other)).toContain(id);
          for (const other of index.simpleFamily(id)) {
            expect(index.simpleFamily(other)).toContain(id);
            expect(extended.has(other)).toBe(true);
          }
          for (const other of index.domesticFamily(id)) {
            expect(index.domesticFamily(other)).toContain(id);
            expect(other.slice(0, 2)).toBe(id.slice(0, 2));
            expect(extended.has(other)).toBe(true);
          }
        }
      }),
    );
  });
});
