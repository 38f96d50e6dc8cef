import { readFileSync } from "node:fs";
import { expect, test } from "vitest";
import { loadRegisterArtifact } from "../../src/chain/register-contract.js";

// `npm test` compiles the contracts before vitest runs, so artifacts/ holds a fresh build here.
const FRESH_BUILD = new URL("../../artifacts/contracts/DiprRegister.sol/DiprRegister.json", import.meta.url);

test("the shipped ABI and bytecode are those of a fresh compile (run `npm run build` after changing the contract)", () => {
  const fresh = JSON.parse(readFileSync(FRESH_BUILD, "utf8")) as { abi: unknown; bytecode: string };
  const shipped = loadRegisterArtifact();
  expect(shipped.abi).toEqual(fresh.abi);
  expect(shipped.bytecode).toBe(fresh.bytecode);
});
