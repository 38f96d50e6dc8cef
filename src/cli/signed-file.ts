import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { getAddress } from "ethers";
import type { Hex } from "../chain/register-contract.js";
import type { SignedWrite } from "../chain/signed-writes.js";
import { officeWriteOf, type OfficeWrite } from "../chain/write-calls.js";
import { DiprError } from "../errors.js";

/** The `format` of a file `dipr sign` writes and `dipr relay` reads. */
export const SIGNED_WRITE_FORMAT = "dipr.signed-write.v1";

/**
 * A signed write as a file: what the register needs (`signer`, `data`, `nonce`, `deadline`, `signature`; bigints as
 * decimal strings), where it is good (`register`, `chainId`), and for people, the `operation` (the register's
 * function, checked against `data`) and a `summary` of its fields in words.
 */
export type SignedWriteFile = Readonly<{
  format: typeof SIGNED_WRITE_FORMAT;
  signer: string;
  register: string;
  chainId: number;
  operation: OfficeWrite;
  summary: Readonly<Record<string, string>>;
  data: Hex;
  nonce: string;
  deadline: string;
  signature: Hex;
}>;

/** A signed write file as read: its path, its content, and the register's `SignedWrite`. */
export type ReadSignedWrite = Readonly<{ file: string; content: SignedWriteFile; request: SignedWrite }>;

export function toSignedWriteFile(request: SignedWrite, where: Readonly<{ register: string; chainId: number }>, operation: OfficeWrite, summary: Record<string, string>): SignedWriteFile {
  return {
    format: SIGNED_WRITE_FORMAT,
    signer: request.signer,
    register: where.register,
    chainId: where.chainId,
    operation,
    summary,
    data: request.data,
    nonce: request.nonce.toString(),
    deadline: request.deadline.toString(),
    signature: request.signature,
  };
}

/**
 * Writes a signed write file; never over an existing file.
 * @throws DiprError CLI_USAGE when the file exists or cannot be written.
 */
export function writeSignedWriteFile(path: string, content: SignedWriteFile): void {
  try {
    writeFileSync(path, `${JSON.stringify(content, null, 2)}\n`, { flag: "wx" });
  } catch (error) {
    throw new DiprError("CLI_USAGE", `--out ${path} cannot be written (${(error as Error).message}); nothing was signed into it`, { file: path }, { cause: error });
  }
}

const HEX = /^0x(?:[0-9a-fA-F]{2})*$/;
const DECIMAL = /^\d{1,78}$/;

/** What is wrong with a parsed file, or undefined when it is a signed write file. */
function problemOf(value: Record<string, unknown>): string | undefined {
  if (value.format !== SIGNED_WRITE_FORMAT) return `its format is ${JSON.stringify(value.format)}, not ${SIGNED_WRITE_FORMAT}`;
  for (const field of ["signer", "register"] as const) {
    if (typeof value[field] !== "string" || !/^0x[0-9a-fA-F]{40}$/.test(value[field])) return `${field} is not an address`;
  }
  if (!Number.isSafeInteger(value.chainId)) return "chainId is not a whole number";
  for (const field of ["nonce", "deadline"] as const) {
    if (typeof value[field] !== "string" || !DECIMAL.test(value[field])) return `${field} is not a whole number in a string`;
  }
  for (const field of ["data", "signature"] as const) {
    if (typeof value[field] !== "string" || !HEX.test(value[field])) return `${field} is not 0x and hex bytes`;
  }
  if (typeof value.summary !== "object" || value.summary === null) return "summary is missing";
  const called = officeWriteOf(value.data as string);
  if (called === undefined) return "data calls no office write of the register";
  if (value.operation !== called) return `operation says ${JSON.stringify(value.operation)} but data calls ${called}`;
  return undefined;
}

/**
 * Reads and checks a signed write file (the chain-independent part: format, fields, operation against data).
 * @throws DiprError SIGNED_FILE_INVALID naming the file and what is wrong.
 */
export function readSignedWriteFile(file: string): ReadSignedWrite {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DiprError("SIGNED_FILE_INVALID", `${file} is not a signed write file (${(error as Error).message})`, { file }, { cause: error });
  }
  const problem = typeof value === "object" && value !== null ? problemOf(value as Record<string, unknown>) : "it is not a JSON object";
  if (problem !== undefined) throw new DiprError("SIGNED_FILE_INVALID", `${file} is not a signed write file as dipr sign writes it: ${problem}`, { file, problem });
  const content = value as SignedWriteFile;
  return {
    file,
    content,
    request: { signer: content.signer as Hex, data: content.data, nonce: BigInt(content.nonce), deadline: BigInt(content.deadline), signature: content.signature },
  };
}

/**
 * The nonce `dipr sign` uses when none is given: the signer's next on the register, or one more than the highest
 * unrelayed one in the signed write files (same signer, register and chain) beside `out`, so writes signed one
 * after the other, before any is relayed, get consecutive nonces. Files that are not signed writes are skipped.
 */
export function nextUnusedNonce(out: string, where: Readonly<{ signer: string; register: string; chainId: number; onChain: bigint }>): bigint {
  const dir = dirname(out);
  let next = where.onChain;
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => name.endsWith(".json"));
  } catch {
    // No directory to look in: writing --out will say so.
    return next;
  }
  for (const name of names) {
    let read: ReadSignedWrite;
    try {
      read = readSignedWriteFile(join(dir, name));
    } catch {
      // Any other JSON file beside the signed ones is none of ours.
      continue;
    }
    const c = read.content;
    if (c.chainId === where.chainId && getAddress(c.signer) === getAddress(where.signer) && getAddress(c.register) === getAddress(where.register) && read.request.nonce >= next) {
      next = read.request.nonce + 1n;
    }
  }
  return next;
}
