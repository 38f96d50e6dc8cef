import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { createDirectoryStorage, sha256Of, verifyDocumentBytes } from "../../src/documents/storage.js";
import { isDiprError } from "../../src/errors.js";
import { expectCode } from "../domain/expect-code.js";
import { describeDocumentStorage } from "./storage-behaviour.js";

describeDocumentStorage("directory", async () => {
  const directory = await mkdtemp(join(tmpdir(), "dipr-docs-"));
  return {
    storage: await createDirectoryStorage({ directory }),
    overwrite: (sha256, bytes) => writeFile(join(directory, sha256.slice(2, 4), sha256.slice(2)), bytes),
    cleanup: () => rm(directory, { recursive: true, force: true }),
  };
});

describe("directory storage on disk", () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), "dipr-docs-"));
  });
  afterEach(() => rm(directory, { recursive: true, force: true }));

  const bytes = new TextEncoder().encode("written opinion\n");
  const sha256 = sha256Of(bytes);

  test("a document is a file named by its hash, and no temporary file is left", async () => {
    const storage = await createDirectoryStorage({ directory });
    await storage.put(bytes);
    expect(await readdir(join(directory, sha256.slice(2, 4)))).toEqual([sha256.slice(2)]);
    expect(await readdir(join(directory, "tmp"))).toEqual([]);
  });

  test("a write that fails is reported (retryable) and leaves neither the document nor a temporary file", async () => {
    const storage = await createDirectoryStorage({ directory });
    // A directory, not empty, where the document's file should be: the rename into place fails after the
    // temporary file was written.
    await mkdir(join(directory, sha256.slice(2, 4), sha256.slice(2)), { recursive: true });
    await writeFile(join(directory, sha256.slice(2, 4), sha256.slice(2), "in-the-way"), "");
    const error = await storage.put(bytes).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDiprError(error, "DOCUMENT_STORAGE_UNAVAILABLE") && error.retryable).toBe(true);
    expect(await readdir(join(directory, "tmp"))).toEqual([]);
    expect(await storage.get(sha256).catch((e: unknown) => (isDiprError(e) ? e.code : e))).toBe("DOCUMENT_STORAGE_UNAVAILABLE");
  });

  test("a reopened directory serves what was stored before", async () => {
    await (await createDirectoryStorage({ directory })).put(bytes);
    expect(Buffer.from((await (await createDirectoryStorage({ directory })).get(sha256))!)).toEqual(Buffer.from(bytes));
  });
});

describe("the client's check of a fetched document", () => {
  const bytes = new TextEncoder().encode("examination report\n");

  test("bytes that hash to the register's SHA-256 pass, in either case of hex", () => {
    verifyDocumentBytes(bytes, sha256Of(bytes));
    verifyDocumentBytes(bytes, sha256Of(bytes).toUpperCase().replace("0X", "0x") as `0x${string}`);
  });

  test("a tampered document is refused with both hashes", () => {
    const tampered = Uint8Array.from(bytes);
    tampered[0] = tampered[0]! ^ 1;
    const error = expectCode(() => verifyDocumentBytes(tampered, sha256Of(bytes)), "DOCUMENT_HASH_MISMATCH");
    expect(error.details).toEqual({ expectedSha256: sha256Of(bytes), actualSha256: sha256Of(tampered), size: bytes.length });
  });
});
