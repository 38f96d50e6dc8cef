import { AbiCoder, hexlify, keccak256, randomBytes } from "ethers";
import { ipTypeToIndex, isoToChainDay, type IpType } from "../domain/index.js";
import { encodeNumber, officeToBytes2, type Hex } from "./register-contract.js";

/** The domain separation tag of the register's `commitmentOf`. */
export const COMMITMENT_TAG = "dipr.app.v1";

export type CommittedApplication = Readonly<{ office: string; number: string; filingDate: string; ipType: IpType }>;

/**
 * The commitment of an unpublished application, as the register's `commitmentOf` computes it:
 * keccak256(abi.encode("dipr.app.v1", office, number, filingDate, ipType, accessCode)), over the canonical number.
 */
export function commitmentOf(application: CommittedApplication, accessCode: Hex): Hex {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ["string", "bytes2", "bytes32", "uint32", "uint8", "bytes32"],
    [COMMITMENT_TAG, officeToBytes2(application.office), encodeNumber(application.number), isoToChainDay(application.filingDate), ipTypeToIndex(application.ipType), accessCode],
  );
  return keccak256(encoded) as Hex;
}

/**
 * A new access code: 256 random bits from the operating system's generator. The office gives it to the applicant,
 * who gives it to the offices of later filings with the priority claim (as with WIPO DAS access codes).
 */
export const newAccessCode = (): Hex => hexlify(randomBytes(32)) as Hex;
