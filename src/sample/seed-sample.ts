import { Contract, type Signer } from "ethers";
import { createRegisterClient, type RegisterClient } from "../chain/register-client.js";
import { loadRegisterArtifact, officeToBytes2 } from "../chain/register-contract.js";
import { getOffice } from "../domain/index.js";
import { canonicalNumber, SAMPLE_CORRECTIONS, SAMPLE_FILINGS, SAMPLE_OFFICES, SAMPLE_WITHDRAWALS, sampleSpec, type SampleOffice } from "./sample-register.js";

export type SampleKeys = Readonly<{ registrar: Signer; admin: Record<SampleOffice, Signer>; signer: Record<SampleOffice, Signer> }>;

/** The sample's keys from a dev chain's unlocked accounts: 0 the registrar, then an admin and a signer per office. */
export function sampleKeys(accounts: readonly Signer[]): SampleKeys {
  if (accounts.length < 1 + 2 * SAMPLE_OFFICES.length) throw new RangeError(`the sample needs ${1 + 2 * SAMPLE_OFFICES.length} accounts`);
  const admin = {} as Record<SampleOffice, Signer>;
  const signer = {} as Record<SampleOffice, Signer>;
  for (const [i, office] of SAMPLE_OFFICES.entries()) {
    admin[office] = accounts[1 + 2 * i]!;
    signer[office] = accounts[2 + 2 * i]!;
  }
  return { registrar: accounts[0]!, admin, signer };
}

export type SeedSummary = Readonly<{ offices: number; applications: number; transactions: number }>;

/**
 * Writes the sample register, skipping every step the chain already shows done (an admitted office, a granted
 * key, a registered application, a withdrawn claim, a corrected date): run twice, or after an interruption, it
 * completes the sample without writing anything twice.
 */
export async function seedSampleRegister(address: string, keys: SampleKeys): Promise<SeedSummary> {
  const clientOf = (signer: Signer): RegisterClient => createRegisterClient({ register: new Contract(address, loadRegisterArtifact().abi, signer) });
  const registrar = clientOf(keys.registrar);
  const reader = registrar.register;
  let transactions = 0;

  for (const office of SAMPLE_OFFICES) {
    const code = officeToBytes2(office);
    if ((await reader.getFunction("officeStatus")(code)) === 0n) {
      await registrar.admitOffice(office, getOffice(office)?.name ?? office, await keys.admin[office].getAddress());
      transactions++;
    }
    const signerAddress = await keys.signer[office].getAddress();
    if (!(await reader.getFunction("hasRole")(await reader.getFunction("signerRole")(code), signerAddress))) {
      await clientOf(keys.admin[office]).grantSigner(office, signerAddress);
      transactions++;
    }
  }
  for (const filing of SAMPLE_FILINGS) {
    const spec = sampleSpec(filing);
    const client = clientOf(keys.signer[filing.office]);
    if ((await client.getApplication(filing.office, spec.number)) === undefined) {
      await client.registerApplication(filing.office, spec);
      transactions++;
    }
  }
  for (const { office, typed, sequence } of SAMPLE_WITHDRAWALS) {
    const client = clientOf(keys.signer[office]);
    const number = canonicalNumber(office, typed);
    if (!(await client.getApplication(office, number))?.withdrawnSequences.includes(sequence)) {
      await client.withdrawPriorityClaim(office, number, sequence);
      transactions++;
    }
  }
  for (const { office, typed, filingDate } of SAMPLE_CORRECTIONS) {
    const client = clientOf(keys.signer[office]);
    const number = canonicalNumber(office, typed);
    if ((await client.getApplication(office, number))?.filingDate !== filingDate) {
      await client.correctFilingDate(office, number, filingDate);
      transactions++;
    }
  }
  return { offices: SAMPLE_OFFICES.length, applications: SAMPLE_FILINGS.length, transactions };
}
