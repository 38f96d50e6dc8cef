import { expect, test } from "vitest";
import { EXIT, exitCodeOf } from "../../src/cli/exit-codes.js";
import { DiprError, type DiprErrorCode } from "../../src/errors.js";

const codeOf = (code: DiprErrorCode) => exitCodeOf(new DiprError(code, "x"));

test("a node that cannot store, read or log documents now, or holds too many requests, is unavailable (3): try again", () => {
  for (const code of ["DOCUMENT_STORAGE_UNAVAILABLE", "DOCUMENT_ACCESS_LOG_UNAVAILABLE", "DOCUMENT_REQUEST_REPLAY_CACHE_FULL", "DOCUMENT_REQUEST_REPLAY_CACHE_UNAVAILABLE"] as const) {
    expect([code, codeOf(code)]).toEqual([code, EXIT.UNAVAILABLE]);
  }
});

test("a refused or tampered document is rejected (1), like any refusal", () => {
  for (const code of ["DOCUMENT_HASH_MISMATCH", "DOCUMENT_ACCESS_DENIED", "DOCUMENT_REQUEST_EXPIRED", "DOCUMENT_NOT_FOUND", "DOCUMENT_STORAGE_CORRUPT"] as const) {
    expect([code, codeOf(code)]).toEqual([code, EXIT.REJECTED]);
  }
});
