import { CommanderError } from "commander";
import { isDiprError, type DiprErrorCode } from "../errors.js";

/**
 * The CLI's exit codes, the same for every command: scripts tell "fix the input" from "fix the command line" from
 * "start the chain or the node first".
 */
export const EXIT = {
  OK: 0,
  /** The input was rejected: a domain rule, a register revert, a bad file row, a problem answer of the API. */
  REJECTED: 1,
  /** The command line or the configuration is wrong (unknown option, missing argument, bad DIPR_* value). */
  USAGE: 2,
  /** A service the command needs (the chain's JSON-RPC endpoint, a node's API) cannot be reached. */
  UNAVAILABLE: 3,
} as const;

const UNAVAILABLE_CODES: ReadonlySet<DiprErrorCode> = new Set([
  "CHAIN_UNAVAILABLE",
  "CHAIN_RPC_TIMEOUT",
  "API_UNAVAILABLE",
  "API_STORE_NOT_READY",
  // A node serving documents that cannot store, read or log them now, or has too many requests in flight: retry.
  "DOCUMENT_STORAGE_UNAVAILABLE",
  "DOCUMENT_ACCESS_LOG_UNAVAILABLE",
  "DOCUMENT_REQUEST_REPLAY_CACHE_FULL",
  "DOCUMENT_REQUEST_REPLAY_CACHE_UNAVAILABLE",
]);
const USAGE_CODES: ReadonlySet<DiprErrorCode> = new Set(["CLI_USAGE", "CONFIG_INVALID"]);

/** The exit code of a failed command. */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  if (isDiprError(error)) {
    if (UNAVAILABLE_CODES.has(error.code)) return EXIT.UNAVAILABLE;
    if (USAGE_CODES.has(error.code)) return EXIT.USAGE;
  }
  return EXIT.REJECTED;
}
