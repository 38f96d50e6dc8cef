import fc from "fast-check";
import { beforeAll, expect, test } from "vitest";
import { applicationIdOf, decodeNumber, officeToBytes2 } from "../../src/chain/register-contract.js";
import { decodeRevert } from "../../src/chain/revert.js";
import { createRegisterFixture, type RegisterFixture } from "../support/register-fixture.js";

let fx: RegisterFixture;
beforeAll(async () => {
  fx = await createRegisterFixture();
});

/** The rule the contract's word-parallel check implements, written the slow and obvious way. */
function isWellFormedNumberText(bytes: Uint8Array): boolean {
  const end = bytes.indexOf(0);
  const length = end === -1 ? 32 : end;
  if (length === 0) return false;
  const allowed = (b: number) => b === 0x2e || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a);
  return bytes.subarray(0, length).every(allowed) && bytes.subarray(length).every((b) => b === 0);
}

// Bytes near every boundary of the alphabet, zero, and high bytes, so gaps and edge characters are common.
const interestingByte = fc.oneof(
  fc.constantFrom(0x00, 0x2d, 0x2e, 0x2f, 0x30, 0x39, 0x3a, 0x40, 0x41, 0x5a, 0x5b, 0x61, 0x7f, 0x80, 0xae, 0xb0, 0xc1, 0xff),
  fc.integer({ min: 0, max: 255 }),
);
const word = fc.oneof(
  fc.uint8Array({ minLength: 32, maxLength: 32 }),
  fc.array(interestingByte, { minLength: 32, maxLength: 32 }).map((a) => Uint8Array.from(a)),
  // A valid prefix, then padding with one byte possibly flipped.
  fc
    .tuple(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 0, max: 31 }), interestingByte)
    .map(([length, at, value]) => {
      const bytes = new Uint8Array(32);
      for (let i = 0; i < length; i++) bytes[i] = 0x30 + (i % 10);
      bytes[at] = value;
      return bytes;
    }),
);

test("the contract accepts exactly the well-formed number texts (400 random words)", async () => {
  await fc.assert(
    fc.asyncProperty(word, async (bytes) => {
      const hex = `0x${Buffer.from(bytes).toString("hex")}`;
      const expected = isWellFormedNumberText(bytes);
      let id: string | undefined;
      let revert: string | undefined;
      try {
        id = await fx.register.getFunction("applicationId")(officeToBytes2("EP"), hex);
      } catch (error) {
        revert = decodeRevert(error, fx.register.interface)?.name;
      }
      if (expected) {
        expect(id).toBe(applicationIdOf("EP", decodeNumber(hex)));
      } else {
        expect(revert).toBe("DiprRegisterInvalidNumber");
      }
    }),
    { numRuns: 400 },
  );
});
