import type { RegisterChain } from "./register-chain.js";

// The family the document tests share between office nodes: EP's application, and US's claiming its priority.
export const EP_NUMBER = "26150021.9";
export const US_NUMBER = "18722222";
/** The search report EP's node serves of its application. */
export const SEARCH_REPORT = Buffer.from("%PDF-1.7\nSearch report of EP 26 150 021.9: documents X, Y and A cited.\n%%EOF\n");

/** Registers EP's application and US's, which claims it: one family. */
export async function registerEpUsFamily(chain: RegisterChain): Promise<void> {
  await chain.signer.EP.registerApplication("EP", { number: EP_NUMBER, filingDate: "2026-01-12", ipType: "patent" });
  await chain.signer.US.registerApplication("US", {
    number: US_NUMBER,
    filingDate: "2026-07-01",
    ipType: "patent",
    claims: [{ office: "EP", number: EP_NUMBER, filingDate: "2026-01-12" }],
  });
}
