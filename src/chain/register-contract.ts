import { readFileSync } from "node:fs";
import { Interface, type InterfaceAbi } from "ethers";

export type Hex = `0x${string}`;

export type RegisterArtifact = Readonly<{ abi: InterfaceAbi; bytecode: Hex }>;

/**
 * The register's ABI and bytecode as shipped with dipr (committed; `npm run build` refreshes it from Hardhat's
 * build and a test checks it against a fresh compile), so running a node or deploying needs no compile step.
 */
export const REGISTER_ARTIFACT_URL = new URL("./artifacts/DiprRegister.json", import.meta.url);

let cachedArtifact: RegisterArtifact | undefined;

/**
 * The compiled register. Read once per process: the file does not change while
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

/** A number text as the contract's bytes32: ASCII, left-aligned, zero-padded (at most 32 bytes). */
export function encodeNumber(number: string): Hex {
  const bytes = Buffer.from(number, "utf8");
  if (bytes.length > 32) throw new TypeError(`application number ${JSON.stringify(number)} is longer than 32 bytes`);
  return `0x${Buffer.concat([bytes, Buffer.alloc(32 - bytes.length)]).toString("hex")}`;
}

/** The inverse of {@link encodeNumber}: the text up to the first zero byte. */
export function decodeNumber(word: string): string {
  // Application numbers are ASCII: read them straight from the hex digits, without a Buffer per word.
  let text = "";
  for (let i = 2; i + 1 < word.length; i += 2) {
    const high = HEX_DIGIT[word.charCodeAt(i)] ?? -1;
    const low = HEX_DIGIT[word.charCodeAt(i + 1)] ?? -1;
    const byte = (high << 4) | low;
    if (high < 0 || low < 0 || byte >= 0x80) return decodeUtf8Number(word);
    if (byte === 0) break;
    text += String.fromCharCode(byte);
  }
  return text;
}

/** The general case: UTF-8 up to the first zero byte. */
function decodeUtf8Number(word: string): string {
  const bytes = Buffer.from(word.slice(2), "hex");
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString("utf8");
}

const HEX_DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < 10; i++) HEX_DIGIT[0x30 + i] = i;
for (let i = 0; i < 6; i++) HEX_DIGIT[0x61 + i] = HEX_DIGIT[0x41 + i] = 10 + i;

/** The register's id of an application; computed by the domain core, which the API and store share. */
export { applicationIdOf } from "../domain/application-id.js";
