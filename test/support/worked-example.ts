import { applicationIdOf } from "../../src/chain/register-contract.js";
import type { RegisterChain } from "./register-chain.js";

/**
 * The start of docs/domain.md §6.3's worked family, which the API's and the examiner's fixtures share:
 * US 63/100,001 (2023-01-10) and JP 2023-050001 (2023-03-01) are first filings, EP 24 150 001.6 (2024-01-08) claims
 * both, and EP 24 199 999.4 (2024-09-02) is its divisional.
 */
export async function registerWorkedExample(chain: RegisterChain): Promise<void> {
  const { US, EP, JP } = chain.signer;
  await US.registerApplication("US", { number: "63100001", filingDate: "2023-01-10", ipType: "patent" });
  await JP.registerApplication("JP", { number: "2023050001", filingDate: "2023-03-01", ipType: "patent" });
  await EP.registerApplication("EP", {
    number: "24150001.6",
    filingDate: "2024-01-08",
    ipType: "patent",
    claims: [
      { office: "US", number: "63100001", filingDate: "2023-01-10" },
      { office: "JP", number: "2023050001", filingDate: "2023-03-01" },
    ],
  });
  await EP.registerApplication("EP", {
    number: "24199999.4",
    filingDate: "2024-09-02",
    ipType: "patent",
    parent: { id: applicationIdOf("EP", "24150001.6"), kind: "divisional" },
  });
}

/**
 * An edge case both fixtures add after the worked family: EP 24 160 002.2 (2024-06-03) claims KR 10-2023-0123456
 * (2023-07-03; KR does not take part) and US 63/100,001, and the second claim is withdrawn.
 */
export async function registerWithdrawnClaimCase(chain: RegisterChain): Promise<void> {
  await chain.signer.EP.registerApplication("EP", {
    number: "24160002.2",
    filingDate: "2024-06-03",
    ipType: "patent",
    claims: [
      { office: "KR", number: "1020230123456", filingDate: "2023-07-03" },
      { office: "US", number: "63100001", filingDate: "2023-01-10" },
    ],
  });
  await chain.signer.EP.withdrawPriorityClaim("EP", "24160002.2", 2);
}
