import { mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { MAX_DOCUMENT_BYTES } from "../../src/documents/index.js";
import { runDipr } from "../support/node-process.js";

const dir = mkdtempSync(join(tmpdir(), "dipr-document-size-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sparse file: its size costs no disk and, refused before it is read, no memory. */
function fileOf(size: number): string {
  const file = join(dir, `${size}.pdf`);
  writeFileSync(file, "");
  truncateSync(file, size);
  return file;
}

const add = (file: string) =>
  runDipr(["document", "add", file, "--kind", "searchReport", "--date", "2024-06-03", "--application", "EP:24150321.8"], {
    // Nothing listens there: a file within the limit gets as far as connecting to the chain.
    DIPR_RPC_URL: "http://127.0.0.1:9",
  });

test("dipr document add refuses a file above 100 MiB before reading it or reaching the chain", async () => {
  const over = await add(fileOf(MAX_DOCUMENT_BYTES + 1));
  expect(over.code).toBe(1);
  expect(over.stderr).toContain(`error DOCUMENT_TOO_LARGE: the file ${join(dir, `${MAX_DOCUMENT_BYTES + 1}.pdf`)} is ${MAX_DOCUMENT_BYTES + 1} bytes; a dipr document holds at most ${MAX_DOCUMENT_BYTES} bytes (100 MiB).`);
  const at = await add(fileOf(MAX_DOCUMENT_BYTES));
  expect(at.stderr).toContain("CHAIN_UNAVAILABLE");
  expect(at.code).toBe(3);
});
