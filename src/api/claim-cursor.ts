import { DiprError } from "../errors.js";
import type { ChainPosition } from "../store/index.js";

// A claim list's cursor is the chain position (block, log index) of the last claim returned: the order is the
// register's own, so pages stay stable while new claims are appended. Written as `p` and block * 10^6 + log index
// in base64url; the store's keys hold log indexes below 10^6.
const LOG_INDEX_DIGITS = 6;

export const encodeClaimCursor = ({ blockNumber, logIndex }: ChainPosition): string =>
  Buffer.from(`p${blockNumber * 10 ** LOG_INDEX_DIGITS + logIndex}`).toString("base64url");

/** @throws DiprError API_VALIDATION_FAILED (target `cursor`) for anything this API did not issue. */
export function decodeClaimCursor(cursor: string): ChainPosition {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const value = /^p(\d{1,18})$/.exec(text)?.[1];
  if (value === undefined) {
    throw new DiprError("API_VALIDATION_FAILED", "cursor is not one this API issued.", {
      errors: [{ code: "INVALID_CURSOR", message: "cursor is not one this API issued", target: "cursor" }],
    });
  }
  // Split as text: 18 digits are beyond a double's exact integers.
  const digits = value.padStart(LOG_INDEX_DIGITS + 1, "0");
  return { blockNumber: Number(digits.slice(0, -LOG_INDEX_DIGITS)), logIndex: Number(digits.slice(-LOG_INDEX_DIGITS)) };
}
