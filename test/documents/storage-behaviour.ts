import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Hex } from "../../src/chain/register-contract.js";
import { sha256Of, type DocumentStorage } from "../../src/documents/storage.js";
import { isDiprError } from "../../src/errors.js";

/** One backend under test: a fresh, empty storage, a way to damage a stored copy behind its back, and cleanup. */
export type StorageUnderTest = Readonly<{ storage: DocumentStorage; overwrite(sha256: Hex, bytes: Uint8Array): Promise<void>; cleanup(): Promise<void> }>;

/** What every DocumentStorage backend does, run against each real backend (as abstract-level's suite is). */
export function describeDocumentStorage(name: string, create: () => Promise<StorageUnderTest>): void {
  describe(`${name}: document storage`, () => {
    let backend: StorageUnderTest;
    beforeEach(async () => {
      backend = await create();
    });
    afterEach(async () => {
      await backend.storage.close();
      await backend.cleanup();
    });

    const report = new TextEncoder().encode("%PDF-1.7 search report for EP 23123456.8\n");

    test("stores bytes under their SHA-256 and gives them back", async () => {
      const stored = await backend.storage.put(report);
      expect(stored).toEqual({ sha256: sha256Of(report), size: report.length });
      expect(Buffer.from((await backend.storage.get(stored.sha256))!)).toEqual(Buffer.from(report));
    });

    test("an empty document and a document stored twice", async () => {
      const empty = await backend.storage.put(new Uint8Array());
      expect(empty.sha256).toBe("0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
      expect((await backend.storage.get(empty.sha256))?.length).toBe(0);
      expect(await backend.storage.put(report)).toEqual(await backend.storage.put(report));
    });

    test("a SHA-256 with nothing stored is undefined", async () => {
      expect(await backend.storage.get(sha256Of(report))).toBeUndefined();
    });

    test("bytes damaged behind the storage's back are refused, and storing them again repairs them", async () => {
      const { sha256 } = await backend.storage.put(report);
      await backend.overwrite(sha256, new TextEncoder().encode("%PDF-1.7 search report for EP 23123457.6\n"));
      const error = await backend.storage.get(sha256).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDiprError(error, "DOCUMENT_STORAGE_CORRUPT")).toBe(true);
      await backend.storage.put(report);
      expect(Buffer.from((await backend.storage.get(sha256))!)).toEqual(Buffer.from(report));
    });

    test("a malformed key is a caller's bug", async () => {
      await expect(backend.storage.get("0xABC" as Hex)).rejects.toThrow(TypeError);
    });
  });
}
