import { pino, type DestinationStream, type Logger } from "pino";
import type { LogLevel } from "./config.js";

export type { Logger } from "pino";

export type CreateLoggerParams = Readonly<{
  level: LogLevel;
  /** Where the JSON lines go; stderr by default, so the CLI's stdout stays pipeable. Tests pass a capture stream. */
  destination?: DestinationStream;
}>;

/**
 * Paths that may carry secrets: private keys, RPC URLs (providers put API keys in them), and the access codes of
 * unpublished applications (whoever holds one can link the application to its commitment).
 */
export const REDACT_PATHS = ["privateKey", "*.privateKey", "key", "*.key", "rpcUrl", "*.rpcUrl", "url", "*.url", "headers.authorization", "accessCode", "*.accessCode"];

/** The root logger. Modules get a child: `log.child({ module: "indexer" })`. */
export function createLogger({ level, destination }: CreateLoggerParams): Logger {
  return pino({ level, base: { pid: process.pid }, redact: { paths: REDACT_PATHS, censor: "[redacted]" } }, destination ?? pino.destination(2));
}

/** An RPC URL fit for logs and status output: scheme, host and port only (no user info, path or query, where API keys live). */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    // Not a URL at all: config validation rejects these, so this is only reached from tests.
    return "[unparseable url]";
  }
}
