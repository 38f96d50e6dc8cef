import { expect, test } from "vitest";
import { registerInterface } from "../../src/chain/register-contract.js";
import { revertInWords, WORDS } from "../../src/chain/revert-words.js";
import { applicationIdOf } from "../../src/domain/index.js";

test("every custom error of the register's ABI has words", () => {
  const names: string[] = [];
  registerInterface().forEachError((error) => names.push(error.name));
  expect(names.filter((name) => WORDS[name] === undefined)).toEqual([]);
});

test("a revert reads as a sentence naming offices, numbers and dates, with the error's name", () => {
  const id = applicationIdOf("EP", "25150123.5");
  expect(revertInWords("DiprRegisterUnauthorizedSigner", ["0x5553", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8"])).toBe(
    "account 0x70997970c51812dc3a010c7d01b50e0d17dc79c8 may not write US records: it is no US signer (DiprRegisterUnauthorizedSigner)",
  );
  expect(revertInWords("DiprRegisterApplicationExists", [id], new Map([[id, "EP 25150123.5"]]))).toBe(
    "EP 25150123.5 is on the register already (DiprRegisterApplicationExists)",
  );
  expect(revertInWords("DiprRegisterApplicationExists", [id])).toBe(`application ${id} is on the register already (DiprRegisterApplicationExists)`);
  expect(revertInWords("DiprRegisterInvalidFilingDate", ["20700", "20600"])).toContain("filing date 2026-09-04 is not a past day (the chain's today is 2026-05-27)");
  expect(revertInWords("SomethingNew", ["1"])).toBe("the register refused the call with SomethingNew(1) (SomethingNew)");
});
