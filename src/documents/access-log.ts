import { open, type FileHandle } from "node:fs/promises";
import type { Logger } from "pino";
import type { Hex } from "../chain/register-contract.js";
import { DiprError } from "../errors.js";
import type { AccessBasis } from "./access-policy.js";

/**
 * One access decision. Only these fields are ever written: the entry has no place for a signature, an access code
 * or a header, so none can reach the log by accident. `office` and `address` are what the request claimed when it
 * was refused before its signature was checked.
 */
export type AccessLogEntry = Readonly<{
  outcome: "allowed" | "refused";
  /** The document asked for; null when the route could not read an id. */
  documentId: Hex | null;
  office: string | null;
  address: Hex | null;
  /** For an allowed access its basis (owner, family, accessCode); for a refusal the DiprError code. */
  code: AccessBasis | string;
}>;

/** A line of the access log file: the entry and when it was decided. */
export type AccessLogLine = AccessLogEntry & Readonly<{ at: string }>;

export type AccessLog = Readonly<{
  /**
   * Writes the decision to the node's log and appends it to the file. Resolves once the line is in the file, so a
   * route can refuse to serve a document whose access it could not record.
   * @throws DiprError DOCUMENT_ACCESS_LOG_UNAVAILABLE (retryable)
   */
  record(entry: AccessLogEntry): Promise<void>;
  close(): Promise<void>;
}>;

export type CreateAccessLogParams = Readonly<{
  log: Logger;
  /** The JSON-lines file, created if absent and only ever appended to. */
  path: string;
  /** The clock, for tests. */
  now?: () => Date;
}>;

/**
 * The document access log: every decision as a pino line (`msg` "document access", at info) and as a line of an
 * append-only JSON-lines file, the audit trail an office keeps of who read what. The file is opened with O_APPEND
 * and each line is one write, in the order of `record` calls. Lines are not flushed to disk one by one (that would
 * cost a disk sync per request); a crash can lose the last lines the operating system had not written yet.
 */
export async function createAccessLog({ log, path, now = () => new Date() }: CreateAccessLogParams): Promise<AccessLog> {
  let file: FileHandle;
  try {
    file = await open(path, "a", 0o640);
  } catch (error) {
    throw new DiprError("DOCUMENT_ACCESS_LOG_UNAVAILABLE", `The document access log ${path} cannot be opened for appending.`, { path }, { cause: error, retryable: true });
  }
  const child = log.child({ module: "documents" });
  // Writes run one after another, so lines land in the order of their decisions.
  let tail: Promise<unknown> = Promise.resolve();

  return {
    record(entry) {
      const line: AccessLogLine = {
        at: now().toISOString(),
        outcome: entry.outcome,
        documentId: entry.documentId,
        office: entry.office,
        address: entry.address,
        code: entry.code,
      };
      const { at: _at, ...fields } = line;
      child.info(fields, "document access");
      const written = tail.then(() => file.write(`${JSON.stringify(line)}\n`));
      tail = written.catch(() => undefined);
      return written.then(
        () => undefined,
        (error: unknown) => {
          throw new DiprError("DOCUMENT_ACCESS_LOG_UNAVAILABLE", `The document access log ${path} cannot be written.`, { path }, { cause: error, retryable: true });
        },
      );
    },
    async close() {
      await tail;
      await file.close();
    },
  };
}
