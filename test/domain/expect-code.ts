import { expect } from "vitest";
import { isDiprError, type DiprError, type DiprErrorCode } from "../../src/errors.js";

/** Runs `f`, expects a DiprError with `code`, and returns it for further assertions on details. */
export function expectCode(f: () => unknown, code: DiprErrorCode): DiprError {
  let caught: unknown;
  try {
    f();
  } catch (e) {
    caught = e;
  }
  expect(isDiprError(caught), `expected DiprError ${code}, got ${String(caught)}`).toBe(true);
  const error = caught as DiprError;
  expect(error.code).toBe(code);
  return error;
}
