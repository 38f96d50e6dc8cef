import { network } from "hardhat";
import { Contract } from "ethers";
import { expect, test } from "vitest";
import { deployRegister } from "../../src/chain/deployment.js";
import { createRegisterClient } from "../../src/chain/register-client.js";
import { loadRegisterArtifact } from "../../src/chain/register-contract.js";
import { canonicalNumber, SAMPLE_FILINGS, SAMPLE_OFFICES, sampleSpec } from "../../src/sample/sample-register.js";
import { sampleKeys, seedSampleRegister } from "../../src/sample/seed-sample.js";

test("every sample filing is a valid number of its office, and claims name earlier filings or numbers meant to be off the register", () => {
  const registered = new Set<string>();
  for (const filing of SAMPLE_FILINGS) {
    const spec = sampleSpec(filing);
    for (const claim of spec.claims ?? []) {
      const key = `${claim.office}:${claim.number}`;
      const offRegister = !SAMPLE_OFFICES.includes(claim.office as never) || /notRegistered/.test(filing.note ?? "");
      expect(registered.has(key) || offRegister, `${filing.typed} claims ${key}`).toBe(true);
    }
    registered.add(`${filing.office}:${spec.number}`);
  }
  expect(registered.size).toBe(SAMPLE_FILINGS.length);
  expect(new Set(SAMPLE_FILINGS.map((f) => f.office))).toEqual(new Set(SAMPLE_OFFICES));
});

test("seeding writes the whole sample once; a second run writes nothing", async () => {
  const { ethers } = await network.create();
  const accounts = await ethers.getSigners();
  const deployment = await deployRegister({ signer: accounts[0]! });
  const keys = sampleKeys(accounts);
  const first = await seedSampleRegister(deployment.address, keys);
  expect(first.transactions).toBe(2 * SAMPLE_OFFICES.length + SAMPLE_FILINGS.length + 2);
  const again = await seedSampleRegister(deployment.address, keys);
  expect(again.transactions).toBe(0);

  const reader = createRegisterClient({ register: new Contract(deployment.address, loadRegisterArtifact().abi, accounts[0]!) });
  for (const filing of SAMPLE_FILINGS) {
    expect(await reader.getApplication(filing.office, canonicalNumber(filing.office, filing.typed, filing.ipType, filing.filingDate))).toBeDefined();
  }
  expect((await reader.getApplication("US", canonicalNumber("US", "18/345,678")))?.withdrawnSequences).toEqual([1]);
  expect((await reader.getApplication("KR", canonicalNumber("KR", "10-2025-0034567")))?.filingDate).toBe("2025-02-27");
  expect((await reader.getApplication("EP", canonicalNumber("EP", "EP 25 190 456.1")))?.linkKind).toBe("divisional");
});
