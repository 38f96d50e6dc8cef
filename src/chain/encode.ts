import { ZeroHash } from "ethers";
import { ipTypeToIndex, isoToChainDay, type IpType } from "../domain/index.js";
import { encodeNumber, officeToBytes2, type Hex } from "./register-contract.js";

/** The contract's `LinkKind` enum, in its order. */
export const LINK_KINDS = ["none", "divisional", "continuation", "continuationInPart"] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** A priority claim in dipr's terms: canonical number, ISO date. */
export type PriorityClaimSpec = Readonly<{ office: string; number: string; filingDate: string }>;

/** An application in dipr's terms, ready to encode for `registerApplication(s)`. */
export type ApplicationSpec = Readonly<{
  number: string;
  filingDate: string;
  ipType: IpType;
  parent?: Readonly<{ id: Hex; kind: Exclude<LinkKind, "none"> }>;
  claims?: readonly PriorityClaimSpec[];
}>;

/** The contract's `ClaimInput` tuple. */
export type ClaimInput = Readonly<{ office: Hex; filingDate: number; number: Hex }>;

/** The contract's `ApplicationInput` tuple. */
export type ApplicationInput = Readonly<{
  number: Hex;
  filingDate: number;
  ipType: number;
  parentId: Hex;
  linkKind: number;
  claims: readonly ClaimInput[];
}>;

export function encodeClaim(claim: PriorityClaimSpec): ClaimInput {
  return {
    office: officeToBytes2(claim.office),
    filingDate: isoToChainDay(claim.filingDate),
    number: encodeNumber(claim.number),
  };
}

export function encodeApplication(spec: ApplicationSpec): ApplicationInput {
  return {
    number: encodeNumber(spec.number),
    filingDate: isoToChainDay(spec.filingDate),
    ipType: ipTypeToIndex(spec.ipType),
    parentId: spec.parent?.id ?? (ZeroHash as Hex),
    linkKind: spec.parent ? LINK_KINDS.indexOf(spec.parent.kind) : 0,
    claims: (spec.claims ?? []).map(encodeClaim),
  };
}

