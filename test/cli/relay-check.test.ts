import { describe, expect, test } from "vitest";
import { isDiprError } from "../../src/errors.js";
import { checkRelaySet, type RelayTarget } from "../../src/cli/relay-check.js";
import { SIGNED_WRITE_FORMAT, type ReadSignedWrite } from "../../src/cli/signed-file.js";
import type { Hex } from "../../src/chain/register-contract.js";

const REGISTER = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const ALICE = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

function write(file: string, signer: string, nonce: bigint, overrides: { register?: string; chainId?: number; deadline?: bigint } = {}): ReadSignedWrite {
  const deadline = overrides.deadline ?? 2_000n;
  return {
    file,
    content: {
      format: SIGNED_WRITE_FORMAT,
      signer,
      register: overrides.register ?? REGISTER,
      chainId: overrides.chainId ?? 31337,
      operation: "registerApplication",
      summary: {},
      data: "0x",
      nonce: nonce.toString(),
      deadline: deadline.toString(),
      signature: "0x",
    },
    request: { signer: signer as Hex, data: "0x", nonce, deadline, signature: "0x" },
  };
}

const target = (next: Record<string, bigint>): RelayTarget => ({ register: REGISTER, chainId: 31337, now: 1_000n, nonceOf: async (signer) => next[signer] ?? 0n });

async function refusal(writes: ReadSignedWrite[], next: Record<string, bigint> = {}) {
  try {
    await checkRelaySet(writes, target(next));
  } catch (error) {
    if (isDiprError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("checkRelaySet: which signed writes may be relayed, and in what order", () => {
  test("each signer's writes take its places in nonce order; other signers' writes keep theirs", async () => {
    const writes = [write("a2", ALICE, 7n), write("b0", BOB, 0n), write("a1", ALICE, 6n), write("a0", ALICE, 5n)];
    const ordered = await checkRelaySet(writes, target({ [ALICE]: 5n }));
    expect(ordered.map((w) => w.file)).toEqual(["a0", "b0", "a1", "a2"]);
  });

  test("a used nonce, a gap and a repeated nonce are refused, naming the file", async () => {
    expect(await refusal([write("old", ALICE, 1n)], { [ALICE]: 2n })).toEqual({
      code: "SIGNED_WRITE_NONCE",
      message: `old: nonce 1 of ${ALICE} was used already (its next one is 2): it was relayed before; nothing was sent`,
    });
    expect((await refusal([write("gap", ALICE, 1n)])).message).toBe(`gap: nonce 1 of ${ALICE} is out of turn: the register takes nonce 0 of it next, and no file given has it; nothing was sent`);
    expect((await refusal([write("one", ALICE, 0n), write("two", ALICE, 0n)])).message).toMatch(new RegExp(`^(one|two): nonce 0 of ${ALICE} is signed in (one|two) too: only one of them can be relayed`));
  });

  test("a file for another register or chain, or past its deadline, is refused", async () => {
    expect((await refusal([write("other", ALICE, 0n, { register: BOB })])).code).toBe("SIGNED_WRITE_WRONG_REGISTER");
    expect((await refusal([write("chain", ALICE, 0n, { chainId: 1 })])).code).toBe("SIGNED_WRITE_WRONG_REGISTER");
    // A deadline equal to the latest block's time has passed for any later block.
    expect((await refusal([write("late", ALICE, 0n, { deadline: 1_000n })])).code).toBe("SIGNED_WRITE_EXPIRED");
    expect(await checkRelaySet([write("in time", ALICE, 0n, { deadline: 1_001n })], target({}))).toHaveLength(1);
  });
});
