import fc from "fast-check";
import { keccak256, solidityPacked } from "ethers";
import { describe, expect, test } from "vitest";
import { applicationIdOf } from "../../src/domain/index.js";

// The contract's id: keccak256(abi.encodePacked(bytes2 office, bytes32 number)), computed here through ethers.
const reference = (office: string, number: string) =>
  keccak256(solidityPacked(["bytes2", "bytes32"], [`0x${Buffer.from(office).toString("hex")}`, `0x${Buffer.from(number, "utf8").toString("hex").padEnd(64, "0")}`]));

describe("applicationIdOf", () => {
  test("equals keccak256(abi.encodePacked(bytes2 office, bytes32 number)) for any number up to 32 bytes", () => {
    const office = fc.tuple(fc.integer({ min: 65, max: 90 }), fc.integer({ min: 65, max: 90 })).map(([a, b]) => String.fromCharCode(a, b));
    const number = fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((n) => Buffer.byteLength(n) <= 32 && !n.includes("\u0000"));
    fc.assert(fc.property(office, number, (o, n) => {
        expect(applicationIdOf(o, n)).toBe(reference(o, n));
      }), { numRuns: 500 });
  });

  test("refuses an office that is not two letters and a number longer than 32 bytes", () => {
    expect(() => applicationIdOf("E1", "1")).toThrow(TypeError);
    expect(applicationIdOf("EP", "x".repeat(32))).toBe(reference("EP", "x".repeat(32)));
    expect(() => applicationIdOf("EP", "x".repeat(33))).toThrow(/longer than 32 bytes/);
    expect(() => applicationIdOf("EP", "é".repeat(17))).toThrow(/longer than 32 bytes/); // 34 bytes in 17 characters
  });
});
