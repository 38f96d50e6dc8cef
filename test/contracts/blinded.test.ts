import fc from "fast-check";
import { Contract, ZeroHash } from "ethers";
import { createKeccak } from "hash-wasm";
import { beforeAll, beforeEach, describe, expect, test } from "vitest";
import { commitmentOf, newAccessCode } from "../../src/chain/commitment.js";
import { encodeApplication, type ApplicationSpec } from "../../src/chain/encode.js";
import { applicationIdOf, encodeNumber, officeToBytes2, type Hex } from "../../src/chain/register-contract.js";
import { epochDayToIso, IP_TYPES, ipTypeToIndex, isoToChainDay } from "../../src/domain/index.js";
import { eventsOfTx, expectEvents, expectRevert } from "../support/chain-assertions.js";
import { createRegisterFixture, type RegisterFixture } from "../support/register-fixture.js";

let fx: RegisterFixture;
beforeAll(async () => {
  fx = await createRegisterFixture();
});
beforeEach(async () => fx.reset());

const as = (office: "US" | "EP" | "JP") => fx.register.connect(fx.offices[office].signer) as Contract;
const iface = () => fx.register.interface;
const JP_FIRST: ApplicationSpec = { number: "2026012345", filingDate: "2026-01-15", ipType: "patent" };

describe("commitments of unpublished applications", () => {
  test("the client's commitmentOf is the register's, for any office, number, date, type and code", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("US", "EP", "JP", "CN", "KR"),
        fc.stringMatching(/^[0-9A-Z.]{1,31}$/),
        fc.integer({ min: 1, max: 40_000 }),
        fc.constantFrom(...IP_TYPES),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        async (office, number, day, ipType, code) => {
          const accessCode = `0x${Buffer.from(code).toString("hex")}` as Hex;
          const onChain = await fx.register.getFunction("commitmentOf")(officeToBytes2(office), encodeNumber(number), day, ipTypeToIndex(ipType), accessCode);
          expect(commitmentOf({ office, number, filingDate: epochDayToIso(day), ipType }, accessCode)).toBe(onChain);
        },
      ),
      { numRuns: 40 },
    );
  });

  test("a blinded life: committed, claimed by a blinded and a clear application, revealed into a clear record", async () => {
    const code = newAccessCode();
    const first = commitmentOf({ office: "JP", ...JP_FIRST }, code);
    expectEvents(await eventsOfTx(as("JP").getFunction("commitApplication")(officeToBytes2("JP"), first, []), iface()), [
      ["ApplicationCommitted", [officeToBytes2("JP"), first]],
    ]);
    // Nothing of the application is readable: the register holds the commitment and its office only.
    expect(await fx.register.getFunction("getCommitment")(first)).toEqual([officeToBytes2("JP"), false]);
    expect((await fx.register.getFunction("getApplication")(applicationIdOf("JP", JP_FIRST.number))).office).toBe("0x0000");

    const later = commitmentOf({ office: "EP", number: "26150001.2", filingDate: "2026-06-01", ipType: "patent" }, newAccessCode());
    expectEvents(await eventsOfTx(as("EP").getFunction("commitApplication")(officeToBytes2("EP"), later, [first]), iface()), [
      ["ApplicationCommitted", [officeToBytes2("EP"), later]],
      ["CommitmentClaimed", [officeToBytes2("EP"), later, first]],
    ]);
    await (await as("US").getFunction("registerApplication")(officeToBytes2("US"), encodeApplication({ number: "18700001", filingDate: "2026-07-01", ipType: "patent" }))).wait();
    const usId = applicationIdOf("US", "18700001");
    expectEvents(await eventsOfTx(as("US").getFunction("claimCommitment")(usId, first), iface()), [["CommitmentClaimed", [officeToBytes2("US"), usId, first]]]);

    await expectRevert(as("EP").getFunction("commitApplication")(officeToBytes2("EP"), later, []), iface(), "DiprRegisterInvalidCommitment", [later]);
    await expectRevert(as("US").getFunction("claimCommitment")(usId, ZeroHash), iface(), "DiprRegisterUnknownCommitment", [ZeroHash]);
    const wrongCode = newAccessCode();
    await expectRevert(as("JP").getFunction("revealApplication")(first, encodeApplication(JP_FIRST), wrongCode), iface(), "DiprRegisterRevealMismatch", [
      first,
      commitmentOf({ office: "JP", ...JP_FIRST }, wrongCode),
    ]);

    const events = await eventsOfTx(as("JP").getFunction("revealApplication")(first, encodeApplication(JP_FIRST), code), iface());
    const jpId = applicationIdOf("JP", JP_FIRST.number);
    expect(events.map((e) => e.name)).toEqual(["ApplicationRegistered", "CommitmentRevealed"]);
    expect(events[1]!.args).toEqual([officeToBytes2("JP"), first, jpId]);
    expect((await fx.register.getFunction("getApplication")(jpId)).office).toBe(officeToBytes2("JP"));
    await expectRevert(as("JP").getFunction("revealApplication")(first, encodeApplication(JP_FIRST), code), iface(), "DiprRegisterCommitmentRevealed", [first]);
  });
});

describe("enumerating serial numbers and dates", () => {
  /** keccak256 of the register's commitment encoding, written into one buffer: ~1 µs a candidate. */
  async function enumerator(office: string, ipType: number, code: Hex) {
    const keccak = await createKeccak(256);
    const buffer = Buffer.alloc(7 * 32);
    buffer.writeUInt8(0xc0, 31); // offset of the string, which abi.encode puts last
    Buffer.from(officeToBytes2(office).slice(2), "hex").copy(buffer, 32);
    buffer.writeUInt8(ipType, 4 * 32 + 31);
    Buffer.from(code.slice(2), "hex").copy(buffer, 5 * 32);
    buffer.writeUInt8(11, 6 * 32 + 31); // length of "dipr.app.v1"
    const tail = Buffer.alloc(32);
    tail.write("dipr.app.v1", "ascii");
    return (number: string, day: number): Hex => {
      buffer.fill(0, 2 * 32, 3 * 32);
      buffer.write(number, 2 * 32, "ascii");
      buffer.writeUInt32BE(day, 3 * 32 + 28);
      keccak.init();
      keccak.update(buffer);
      keccak.update(tail);
      return `0x${keccak.digest("hex")}`;
    };
  }

  test("trying 2,000 serials of one year with every day of that year finds nothing without the access code", async () => {
    const code = newAccessCode();
    const filed = "2026-05-04";
    const application = { office: "KR", number: "1020260001234", filingDate: filed, ipType: "patent" as const };
    const commitment = commitmentOf(application, code);
    const first = isoToChainDay("2026-01-01");
    const search = async (candidateCode: Hex) => {
      const hash = await enumerator("KR", 0, candidateCode);
      const found: string[] = [];
      for (let serial = 0; serial < 2000; serial++) {
        const number = `102026000${String(serial).padStart(4, "0")}`;
        for (let day = first; day < first + 365; day++) if (hash(number, day) === commitment) found.push(`${number}@${day}`);
      }
      return found;
    };
    // The hand-written encoding is the register's (else the search below would prove nothing).
    expect((await enumerator("KR", 0, code))("1020260001234", isoToChainDay(filed))).toBe(commitment);
    expect(await search(ZeroHash as Hex)).toEqual([]);
    expect(await search(newAccessCode())).toEqual([]);
    expect(await search(code)).toEqual([`1020260001234@${isoToChainDay(filed)}`]);
  });
});
