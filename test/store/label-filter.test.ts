import { describe, expect, test } from "vitest";
import { createLabelFilter } from "../../src/store/label-filter.js";

describe("the family-label filter", () => {
  test("never rules out an id it was given, and stays selective as it grows past its first capacity", () => {
    const filter = createLabelFilter({ firstCapacity: 64 });
    const added = Array.from({ length: 5_000 }, (_, i) => `EP:${24_000_000 + i}.${i % 10}`);
    for (const id of added) filter.add(id);
    expect(added.filter((id) => !filter.mightContain(id))).toEqual([]);
    // Seven filters of 64 to 4,096 entries, about 1 % each: an overfull single filter would say "maybe" to nearly all.
    let maybe = 0;
    for (let i = 0; i < 10_000; i++) if (filter.mightContain(`FR:${2_000_000 + i}`)) maybe++;
    expect(maybe).toBeLessThan(1_500);
  });

  test("rules out most ids it was not given (about 1 % false positives per filter)", () => {
    const filter = createLabelFilter({ firstCapacity: 1_000 });
    for (let i = 0; i < 1_000; i++) filter.add(`DE:${1_000_000 + i}`);
    let maybe = 0;
    for (let i = 0; i < 10_000; i++) if (filter.mightContain(`FR:${2_000_000 + i}`)) maybe++;
    expect(maybe).toBeLessThan(300);
  });
});
