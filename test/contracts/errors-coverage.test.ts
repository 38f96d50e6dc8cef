import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { registerInterface } from "../../src/chain/register-contract.js";

/** Errors in the ABI that no call can raise, each with the reason. */
const UNREACHABLE: Readonly<Record<string, string>> = {
  SafeCastOverflowedUintDowncast: "OpenZeppelin's SafeCast in AccessControlDefaultAdminRules: only for a block time or delay beyond 2^48 s",
  InvalidShortString: "OpenZeppelin's ShortStrings in EIP712: only in the constructor, whose name and version are fixed and short",
  StringTooLong: "OpenZeppelin's ShortStrings in EIP712: only in the constructor, whose name and version are fixed and short",
};

test("every custom error of the register is asserted by at least one TypeScript contract test", () => {
  const dir = new URL("./", import.meta.url);
  const sources = readdirSync(dir)
    .filter((name) => name.endsWith(".test.ts") && name !== "errors-coverage.test.ts")
    .map((name) => readFileSync(new URL(name, dir), "utf8"))
    .join("\n");
  const errors: string[] = [];
  registerInterface().forEachError((error) => errors.push(error.name));
  expect(errors.length).toBeGreaterThan(20);
  const unasserted = errors.filter((name) => !sources.includes(`"${name}"`) && !(name in UNREACHABLE));
  expect(unasserted).toEqual([]);
});
