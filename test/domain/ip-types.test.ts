import { describe, expect, test } from "vitest";
import { IP_TYPES, ipTypeFromIndex, ipTypeToIndex, PRIORITY_MONTHS, type IpType } from "../../src/domain/ip-types.js";
import { parseApplicationNumber } from "../../src/domain/application-number.js";
import { expectCode } from "./expect-code.js";

// domain.md 3: dipr ipType and its Paris priority period.
const TABLE_3: ReadonlyArray<readonly [IpType, number]> = [
  ["patent", 12],
  ["utilityModel", 12],
  ["industrialDesign", 6],
  ["trademark", 6],
];

describe("IP types (domain.md 3)", () => {
  test("follow the contracts' uint8 enum order", () => {
    expect(IP_TYPES).toEqual(["patent", "utilityModel", "industrialDesign", "trademark"]);
    IP_TYPES.forEach((t, i) => {
      expect(ipTypeToIndex(t)).toBe(i);
      expect(ipTypeFromIndex(i)).toBe(t);
    });
  });

  test.each([-1, 4, 1.5, Number.NaN])("index %d is IP_TYPE_UNKNOWN", (i) => {
    expectCode(() => ipTypeFromIndex(i), "IP_TYPE_UNKNOWN");
  });

  test("an unknown string is IP_TYPE_UNKNOWN", () => {
    expectCode(() => ipTypeToIndex("plantVariety" as IpType), "IP_TYPE_UNKNOWN");
  });

  test.each(TABLE_3)("%s has a %i-month Paris period (Art. 4C(1))", (t, months) => {
    expect(PRIORITY_MONTHS[t]).toBe(months);
  });

  test("the TT code is read through each office's table: DE 30 is a trade mark, KR 30 a design", () => {
    expect(parseApplicationNumber("DE", "30 2023 000 123").ipType).toBe("trademark");
    expect(parseApplicationNumber("KR", "30-2023-0012345").ipType).toBe("industrialDesign");
  });

  test("SPCs and topographies are IP_TYPE_UNSUPPORTED", () => {
    expectCode(() => parseApplicationNumber("DE", "12 2023 000 123"), "IP_TYPE_UNSUPPORTED");
    expectCode(() => parseApplicationNumber("DE", "22 2023 000 123"), "IP_TYPE_UNSUPPORTED");
  });
});
