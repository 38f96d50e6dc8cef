import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Hex } from "../chain/register-contract.js";
import { DiprError } from "../errors.js";

/**
 * Where an office's node keeps its own documents: content-addressed by SHA-256, so the register's hash is the key
 * and a document is written once whatever its references say.
 */
export type DocumentStorage = Readonly<{
  /**
   * Stores the bytes under their SHA-256 and returns it with their size. Storing the same bytes again rewrites
   * them, which also repairs a copy that was damaged on disk.
   * @throws DiprError DOCUMENT_STORAGE_UNAVAILABLE (retryable)
   */
  put(bytes: Uint8Array): Promise<StoredDocument>;
  /**
   * The bytes whose SHA-256 is `sha256`, or undefined when none are stored. Bytes that no longer hash to their key
   * are never returned.
   * @throws DiprError DOCUMENT_STORAGE_CORRUPT, DOCUMENT_STORAGE_UNAVAILABLE (retryable)
   */
  get(sha256: Hex): Promise<Uint8Array | undefined>;
  close(): Promise<void>;
}>;

export type StoredDocument = Readonly<{ sha256: Hex; size: number }>;

/**
 * The largest document dipr stores, serves or fetches. A fetch holds the bytes in memory to check their hash before
 * it hands any of them on, so without a cap a node on the register could make an office's node or CLI read until it
 * runs out of memory. A search report or office action is a few MiB; a grant with its drawings rarely above 50.
 */
export const MAX_DOCUMENT_BYTES = 100 * 2 ** 20;

/** @throws DiprError DOCUMENT_TOO_LARGE when `size` bytes are more than a document may hold. */
export function assertDocumentSize(size: number, what: string, maxBytes = MAX_DOCUMENT_BYTES): void {
  if (size > maxBytes) {
    throw new DiprError("DOCUMENT_TOO_LARGE", `${what} is ${size} bytes; a dipr document holds at most ${maxBytes} bytes (${maxBytes / 2 ** 20} MiB).`, { size, maxBytes });
  }
}

export const sha256Of = (bytes: Uint8Array): Hex => `0x${createHash("sha256").update(bytes).digest("hex")}`;

const SHA256 = /^0x[0-9a-f]{64}$/;

/** The key's 64 hex digits; a malformed key is a caller's bug (references are validated before they get here). */
export function sha256Key(sha256: Hex): string {
  if (!SHA256.test(sha256)) throw new TypeError(`sha256 must be 0x and 64 lower-case hex digits, got ${JSON.stringify(sha256)}`);
  return sha256.slice(2);
}

/**
 * The client's check of a fetched document against the SHA-256 on the register: whatever the serving node
 * answers, bytes that do not hash to the register's value are refused.
 * @throws DiprError DOCUMENT_HASH_MISMATCH
 */
export function verifyDocumentBytes(bytes: Uint8Array, expectedSha256: Hex): void {
  const actual = sha256Of(bytes);
  if (actual !== expectedSha256.toLowerCase()) {
    throw new DiprError("DOCUMENT_HASH_MISMATCH", `The document's ${bytes.length} bytes hash to ${actual}, not to ${expectedSha256} as the register records.`, {
      expectedSha256,
      actualSha256: actual,
      size: bytes.length,
    });
  }
}

/** Bytes read back from storage that no longer match their key: served to nobody. */
export function checkStoredBytes(bytes: Uint8Array, sha256: Hex, where: string): Uint8Array {
  const actual = sha256Of(bytes);
  if (actual !== sha256) {
    throw new DiprError("DOCUMENT_STORAGE_CORRUPT", `The document stored as ${sha256} at ${where} now hashes to ${actual}.`, { sha256, actualSha256: actual, where });
  }
  return bytes;
}

export type CreateDirectoryStorageParams = Readonly<{ directory: string }>;

const unavailable = (message: string, cause: unknown, details: Record<string, unknown>) =>
  new DiprError("DOCUMENT_STORAGE_UNAVAILABLE", message, details, { cause, retryable: true });

/**
 * Documents as files `<directory>/<first two hex digits>/<64 hex digits>`. A document is written to a temporary
 * file in `<directory>/tmp/`, flushed to disk and renamed into place (rename is atomic within one file system), so
 * a reader or a crash never sees half a document under its final name. A crash may leave a temporary file behind;
 * it is never read.
 */
export async function createDirectoryStorage({ directory }: CreateDirectoryStorageParams): Promise<DocumentStorage> {
  const tmp = join(directory, "tmp");
  await mkdir(tmp, { recursive: true });
  const pathOf = (key: string) => join(directory, key.slice(0, 2), key);

  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const key = sha256Key(sha256);
      const temporary = join(tmp, `${key}.${randomBytes(8).toString("hex")}`);
      try {
        await mkdir(join(directory, key.slice(0, 2)), { recursive: true });
        const file = await open(temporary, "wx");
        try {
          await file.writeFile(bytes);
          await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, pathOf(key));
      } catch (error) {
        await rm(temporary, { force: true });
        throw unavailable(`The document ${sha256} cannot be written to ${directory}.`, error, { sha256, directory });
      }
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      const key = sha256Key(sha256);
      let bytes: Uint8Array;
      try {
        bytes = await readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
        throw unavailable(`The document ${sha256} cannot be read from ${directory}.`, error, { sha256, directory });
      }
      return checkStoredBytes(bytes, sha256, pathOf(key));
    },
    async close() {
      // Nothing held open between calls.
    },
  };
}
