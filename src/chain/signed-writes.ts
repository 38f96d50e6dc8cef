import type { Signer, TypedDataDomain } from "ethers";
import type { Hex } from "./register-contract.js";

/** The register's `SignedWrite`: one office write a signer signed off chain, for any relayer to submit (`relayWrites`). */
export type SignedWrite = Readonly<{
  signer: Hex;
  /** The ABI-encoded call of one office write (`callDataOf`). */
  data: Hex;
  nonce: bigint;
  /** Unix seconds: the last second the register accepts the signature. */
  deadline: bigint;
  signature: Hex;
}>;

/** EIP-712 types of a signed write, as the register hashes them (`writeDigest`); `bytes data` is hashed with keccak256. */
export const SIGNED_WRITE_TYPES: Record<string, { name: string; type: string }[]> = {
  SignedWrite: [
    { name: "signer", type: "address" },
    { name: "data", type: "bytes" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
};

/** The register's EIP-712 domain: ("DiprRegister", "1", its chain, its address). */
export const registerDomain = (register: Readonly<{ address: string; chainId: bigint | number }>): TypedDataDomain => ({
  name: "DiprRegister",
  version: "1",
  chainId: register.chainId,
  verifyingContract: register.address,
});

export type SignWriteParams = Readonly<{
  signer: Signer;
  /** The register's EIP-712 domain: its address and the chain's id. */
  register: Readonly<{ address: string; chainId: bigint | number }>;
  /** The call to sign (`callDataOf(writeCalls.…)`). */
  data: Hex;
  /** The signer's nonce for this write: the register's `nonces(signer)` for the next write relayed. */
  nonce: bigint;
  /** Unix seconds. */
  deadline: bigint;
}>;

/**
 * Signs one office write off chain (EIP-712 typed data `SignedWrite(address signer,bytes data,uint256 nonce,uint256
 * deadline)`); nothing is sent. The register runs it as if the signer had sent it, once, in nonce order.
 * @example
 * const data = callDataOf(writeCalls.registerApplication("EP", spec));
 * const signed = await signWrite({ signer, register: { address, chainId: 31337 }, data, nonce: 0n, deadline });
 */
export async function signWrite(p: SignWriteParams): Promise<SignedWrite> {
  const signer = (await p.signer.getAddress()) as Hex;
  const signature = (await p.signer.signTypedData(registerDomain(p.register), SIGNED_WRITE_TYPES, {
    signer,
    data: p.data,
    nonce: p.nonce,
    deadline: p.deadline,
  })) as Hex;
  return { signer, data: p.data, nonce: p.nonce, deadline: p.deadline, signature };
}
