import { AbiCoder, keccak256, type Signer, type TypedDataDomain } from "ethers";
import { encodeApplication, type ApplicationInput, type ApplicationSpec } from "./encode.js";
import { officeToBytes2, type Hex } from "./register-contract.js";

/** The register's `SignedRegistration`: a batch an office signer signed off chain, for any relayer to submit. */
export type SignedRegistration = Readonly<{
  office: Hex;
  applications: readonly ApplicationInput[];
  signer: Hex;
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
}>;

const APPLICATION_TUPLE = "tuple(bytes32 number,uint32 filingDate,uint8 ipType,bytes32 parentId,uint8 linkKind,tuple(bytes2 office,uint32 filingDate,bytes32 number)[] claims)[]";

/** keccak256(abi.encode(applications)): what the typed data names, as the register computes it. */
export const applicationsHash = (applications: readonly ApplicationInput[]): Hex =>
  keccak256(AbiCoder.defaultAbiCoder().encode([APPLICATION_TUPLE], [applications])) as Hex;

export const REGISTRATION_TYPES = {
  RegisterApplications: [
    { name: "office", type: "bytes2" },
    { name: "applicationsHash", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

export type SignRegistrationsParams = Readonly<{
  signer: Signer;
  /** The register's EIP-712 domain: its address and the chain's id. */
  register: Readonly<{ address: string; chainId: bigint | number }>;
  office: string;
  specs: readonly ApplicationSpec[];
  /** The signer's next nonce (the register's `nonces(signer)`). */
  nonce: bigint;
  /** Unix seconds. */
  deadline: bigint;
}>;

/** Signs a batch of registrations off chain (EIP-712), for `relayRegistrations`; nothing is sent. */
export async function signRegistrations(p: SignRegistrationsParams): Promise<SignedRegistration> {
  const applications = p.specs.map(encodeApplication);
  const domain: TypedDataDomain = { name: "DiprRegister", version: "1", chainId: p.register.chainId, verifyingContract: p.register.address };
  const office = officeToBytes2(p.office);
  const signature = (await p.signer.signTypedData(domain, { ...REGISTRATION_TYPES, RegisterApplications: [...REGISTRATION_TYPES.RegisterApplications] }, {
    office,
    applicationsHash: applicationsHash(applications),
    nonce: p.nonce,
    deadline: p.deadline,
  })) as Hex;
  return { office, applications, signer: (await p.signer.getAddress()) as Hex, nonce: p.nonce, deadline: p.deadline, signature };
}
