import { getAddress } from "ethers";
import { DiprError } from "../errors.js";
import type { ReadSignedWrite } from "./signed-file.js";

export type RelayTarget = Readonly<{
  register: string;
  chainId: number;
  /** The latest block's time (Unix seconds): a write is mined later, so a deadline up to it has passed. */
  now: bigint;
  /** The register's next nonce of a signer (`nonces`). */
  nonceOf: (signer: string) => Promise<bigint>;
}>;

/**
 * The signed writes in the order to relay them, after checking every one against the chain, so that nothing is
 * sent unless all can be: each is for this register and chain, before its deadline, and each signer's nonces run
 * on from the register's next one without a gap or a repeat. Each signer's writes are put in nonce order within
 * the places they hold in `writes`; writes of different signers keep their order (one may register what another
 * then claims).
 * @throws DiprError SIGNED_WRITE_WRONG_REGISTER, SIGNED_WRITE_EXPIRED or SIGNED_WRITE_NONCE, naming the file.
 */
export async function checkRelaySet(writes: readonly ReadSignedWrite[], target: RelayTarget): Promise<ReadSignedWrite[]> {
  for (const { file, content, request } of writes) {
    if (content.chainId !== target.chainId || getAddress(content.register) !== getAddress(target.register)) {
      throw new DiprError("SIGNED_WRITE_WRONG_REGISTER", `${file} was signed for register ${content.register} on chain ${content.chainId}, not ${target.register} on chain ${target.chainId}; nothing was sent`, {
        file,
      });
    }
    if (request.deadline <= target.now) {
      throw new DiprError("SIGNED_WRITE_EXPIRED", `${file}: the signature of ${content.signer} expired at ${new Date(Number(request.deadline) * 1000).toISOString()}; sign it again; nothing was sent`, {
        file,
        deadline: content.deadline,
      });
    }
  }
  const bySigner = new Map<string, number[]>();
  writes.forEach((write, i) => {
    const signer = getAddress(write.request.signer);
    bySigner.set(signer, [...(bySigner.get(signer) ?? []), i]);
  });
  const ordered = [...writes];
  for (const [signer, places] of bySigner) {
    const own = places.map((i) => writes[i]!).sort((a, b) => (a.request.nonce < b.request.nonce ? -1 : a.request.nonce > b.request.nonce ? 1 : 0));
    let expected = await target.nonceOf(signer);
    for (const write of own) {
      const { nonce } = write.request;
      if (nonce !== expected) throw nonceError(write, signer, expected, own);
      expected += 1n;
    }
    places.forEach((place, k) => (ordered[place] = own[k]!));
  }
  return ordered;
}

function nonceError(write: ReadSignedWrite, signer: string, expected: bigint, own: readonly ReadSignedWrite[]): DiprError {
  const { nonce } = write.request;
  const twin = own.find((other) => other !== write && other.request.nonce === nonce);
  const why =
    twin !== undefined
      ? `nonce ${nonce} of ${signer} is signed in ${twin.file} too: only one of them can be relayed`
      : nonce < expected
        ? `nonce ${nonce} of ${signer} was used already (its next one is ${expected}): it was relayed before`
        : `nonce ${nonce} of ${signer} is out of turn: the register takes nonce ${expected} of it next, and no file given has it`;
  return new DiprError("SIGNED_WRITE_NONCE", `${write.file}: ${why}; nothing was sent`, { file: write.file, nonce: nonce.toString(), expected: expected.toString() });
}
