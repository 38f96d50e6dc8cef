import { isError, type Interface, type Result } from "ethers";
import { DiprError } from "../errors.js";
import { revertInWords } from "./revert-words.js";

export type DecodedRevert = Readonly<{ name: string; args: readonly unknown[] }>;

/** Revert data carried by an error from ethers (`CALL_EXCEPTION`), a JSON-RPC node or Hardhat's in-process EDR. */
function findRevertData(error: unknown, depth = 0): string | undefined {
  if (depth > 4 || typeof error !== "object" || error === null) return undefined;
  const record = error as Record<string, unknown>;
  if (typeof record.data === "string" && /^0x[0-9a-fA-F]{8}/.test(record.data)) return record.data;
  for (const key of ["data", "error", "info", "cause"]) {
    const found = findRevertData(record[key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function plain(result: Result): unknown[] {
  return result.toArray(true).map((value) => value);
}

/** The register's custom error inside `error`, if the error is a revert the ABI knows. */
export function decodeRevert(error: unknown, iface: Interface): DecodedRevert | undefined {
  if (isError(error, "CALL_EXCEPTION") && error.revert) {
    return { name: error.revert.name, args: [...error.revert.args] };
  }
  const data = findRevertData(error);
  if (data === undefined) return undefined;
  const parsed = iface.parseError(data);
  return parsed ? { name: parsed.name, args: plain(parsed.args) } : undefined;
}

/**
 * Maps a failed register call to a {@link DiprError}: `CHAIN_REVERTED` with the custom error in words (`labels`
 * names the application ids the caller sent) and its name and arguments in the details, so the CLI and API never
 * see raw provider errors. Anything else is rethrown unchanged.
 */
export function toChainError(error: unknown, iface: Interface, labels?: ReadonlyMap<string, string>): never {
  const revert = decodeRevert(error, iface);
  if (revert) {
    const args = revert.args.map((arg) => (typeof arg === "bigint" ? arg.toString() : arg));
    throw new DiprError("CHAIN_REVERTED", `the register refused: ${revertInWords(revert.name, args, labels)}`, {
      error: revert.name,
      args,
    }, { cause: error });
  }
  throw error;
}
