import { readFileSync } from "node:fs";
import { Interface, keccak256, toUtf8Bytes, type InterfaceAbi } from "ethers";

export type Hex = `0x${string}`;

export type RegisterArtifact = Readonly<{ abi: InterfaceAbi; bytecode: Hex }>;

/** Where `hardhat build` writes the register's ABI and bytecode. */
export const REGISTER_ARTIFACT_URL = new URL(
  "../../artifacts/contracts/DiprRegister.sol/DiprRegister.json",
  import.meta.url,
);

let cachedArtifact: RegisterArtifact | undefined;

/**
 * The compiled register (`npm run build` makes it). Read once per process: the file does not change while
 * a process runs, and every module needs the same ABI.
 */
export function loadRegisterArtifact(): RegisterArtifact {
  if (cachedArtifact === undefined) {
    const json = JSON.parse(readFileSync(REGISTER_ARTIFACT_URL, "utf8")) as { abi: InterfaceAbi; bytecode: Hex };
    cachedArtifact = { abi: json.abi, bytecode: json.bytecode };
  }
  return cachedArtifact;
}

export function registerInterface(): Interface {
  return new Interface(loadRegisterArtifact().abi);
}

/** An ST.3 code as the contract's `bytes2` (the caller has validated it). */
export function officeToBytes2(office: string): Hex {
  if (!/^[A-Z]{2}$/.test(office)) throw new TypeError(`office must be two letters A-Z, got ${JSON.stringify(office)}`);
  return `0x${Buffer.from(office, "ascii").toString("hex")}`;
}

export function bytes2ToOffice(value: string): string {
  return Buffer.from(value.slice(2), "hex").toString("ascii");
}

/** The register's id of an application: keccak256 of its canonical id `OFFICE:NUMBER`, registered or not. */
export function applicationIdOf(office: string, number: string): Hex {
  return keccak256(toUtf8Bytes(`${office}:${number}`)) as Hex;
}
