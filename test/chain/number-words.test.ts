import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { decodeNumber, encodeNumber } from "../../src/chain/register-contract.js";

describe("number words (bytes32)", () => {
  test("decodeNumber inverts encodeNumber for any text of up to 32 bytes, ASCII or not", () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom(..."0123456789./-ABCDEFPCTUS"), fc.constantFrom("é", "号", "\u007f", "\u0080")), maxLength: 12 });
    fc.assert(
      fc.property(text.filter((t) => !t.includes("\u0000") && Buffer.byteLength(t) <= 32), (t) => {
        expect(decodeNumber(encodeNumber(t))).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });

  test("upper-case hex digits read the same", () => {
    expect(decodeNumber(encodeNumber("24150001.6").toUpperCase().replace("0X", "0x"))).toBe("24150001.6");
  });
});
