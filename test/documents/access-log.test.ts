import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import type { Hex } from "../../src/chain/register-contract.js";
import { createAccessLog, type AccessLogEntry } from "../../src/documents/access-log.js";
import { isDiprError } from "../../src/errors.js";
import { captureLog } from "../support/capture-log.js";

const documentId = `0x${"ab".repeat(32)}` as Hex;
const address = `0x${"12".repeat(20)}` as Hex;
const at = new Date("2026-12-03T10:00:00.000Z");

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), "dipr-access-log-"));
});
afterEach(() => rm(directory, { recursive: true, force: true }));

const fileLines = async (path: string) =>
  (await readFile(path, "utf8"))
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("document access log", () => {
  test("each decision is a pino line and a line of the file, allowed with its basis, refused with its code", async () => {
    const { log, lines } = captureLog();
    const path = join(directory, "access.jsonl");
    const accessLog = await createAccessLog({ log, path, now: () => at });
    await accessLog.record({ outcome: "allowed", documentId, office: "US", address, code: "family" });
    await accessLog.record({ outcome: "refused", documentId, office: "JP", address, code: "DOCUMENT_ACCESS_DENIED" });
    await accessLog.record({ outcome: "refused", documentId: null, office: null, address: null, code: "DOCUMENT_REQUEST_MALFORMED" });
    await accessLog.close();

    expect(lines.map(({ msg, module, outcome, documentId: id, office, address: a, code }) => ({ msg, module, outcome, documentId: id, office, address: a, code }))).toEqual([
      { msg: "document access", module: "documents", outcome: "allowed", documentId, office: "US", address, code: "family" },
      { msg: "document access", module: "documents", outcome: "refused", documentId, office: "JP", address, code: "DOCUMENT_ACCESS_DENIED" },
      { msg: "document access", module: "documents", outcome: "refused", documentId: null, office: null, address: null, code: "DOCUMENT_REQUEST_MALFORMED" },
    ]);
    expect(await fileLines(path)).toEqual([
      { at: at.toISOString(), outcome: "allowed", documentId, office: "US", address, code: "family" },
      { at: at.toISOString(), outcome: "refused", documentId, office: "JP", address, code: "DOCUMENT_ACCESS_DENIED" },
      { at: at.toISOString(), outcome: "refused", documentId: null, office: null, address: null, code: "DOCUMENT_REQUEST_MALFORMED" },
    ]);
  });

  test("a signature or access code handed in with an entry is written nowhere", async () => {
    const { log, lines } = captureLog("debug");
    const path = join(directory, "access.jsonl");
    const accessLog = await createAccessLog({ log, path });
    const secret = "c0ffee".repeat(10);
    const entry = { outcome: "allowed", documentId, office: "US", address, code: "accessCode", signature: `0x${secret}`, accessCode: `0x${secret}`, headers: { "dipr-access-code": secret } };
    await accessLog.record(entry as AccessLogEntry);
    await accessLog.close();
    expect(JSON.stringify(lines)).not.toContain(secret);
    expect(await readFile(path, "utf8")).not.toContain(secret);
    expect(await fileLines(path)).toHaveLength(1);
  });

  test("lines keep the order of the decisions, and a reopened log appends", async () => {
    const path = join(directory, "access.jsonl");
    const first = await createAccessLog({ log: captureLog().log, path });
    await Promise.all(Array.from({ length: 50 }, (_, i) => first.record({ outcome: "refused", documentId, office: "JP", address, code: `C${i}` })));
    await first.close();
    const second = await createAccessLog({ log: captureLog().log, path });
    await second.record({ outcome: "allowed", documentId, office: "EP", address, code: "owner" });
    await second.close();
    expect((await fileLines(path)).map((l) => l.code)).toEqual([...Array.from({ length: 50 }, (_, i) => `C${i}`), "owner"]);
  });

  test("a log that cannot be opened is reported, retryable", async () => {
    const error = await createAccessLog({ log: captureLog().log, path: directory }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDiprError(error, "DOCUMENT_ACCESS_LOG_UNAVAILABLE") && error.retryable).toBe(true);
  });
});
