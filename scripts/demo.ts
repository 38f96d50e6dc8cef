// npm run demo: the register on Hardhat's in-process chain, end to end. Three offices with their own keys
// record a small priority family; the report checks a claim against the register, lists who claims the
// first filing, and shows a write the register refuses. Every figure printed is read back from the chain.
import { network } from "hardhat";
import type { Contract, Signer } from "ethers";
import { deployRegister } from "../src/chain/deployment.js";
import { createRegisterClient, type RegisterClient } from "../src/chain/register-client.js";
import { loadRegisterArtifact } from "../src/chain/register-contract.js";
import {
  formatApplicationNumber,
  getOffice,
  isoWeekday,
  OUTCOME_DESCRIPTIONS,
  parseApplicationNumber,
  verifyPriorityClaim,
  type IpType,
} from "../src/domain/index.js";
import { isDiprError } from "../src/errors.js";
import { runMain } from "./run-main.js";

type Filing = Readonly<{ office: string; typed: string; filingDate: string; ipType: IpType; claims: readonly Filing[] }>;

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const say = (line = "") => process.stdout.write(`${line}\n`);
const canonical = (filing: Filing) =>
  parseApplicationNumber(filing.office, filing.typed, { ipType: filing.ipType, filingDate: filing.filingDate });

// The family: a US provisional, an EP and a JP application claiming it, a later EP application claiming the JP one.
const usProvisional: Filing = { office: "US", typed: "63/123,456", filingDate: "2024-03-01", ipType: "patent", claims: [] };
const epFirst: Filing = { office: "EP", typed: "EP 25 153 079.6", filingDate: "2025-02-27", ipType: "patent", claims: [usProvisional] };
const jpFirst: Filing = { office: "JP", typed: "特願2025-012345", filingDate: "2025-02-28", ipType: "patent", claims: [usProvisional] };
const epLater: Filing = { office: "EP", typed: "25 199 999", filingDate: "2025-09-01", ipType: "patent", claims: [jpFirst] };

await runMain(async () => {
  const { ethers, networkName } = await network.create();
  const [registrar, ...keys] = await ethers.getSigners();
  if (!registrar || keys.length < 6) throw new Error("the in-process chain needs 7 accounts");

  say("dipr demo: a register of IP applications on Hardhat's in-process chain");
  say("=".repeat(72));
  const deployment = await deployRegister({ signer: registrar });
  const { abi } = loadRegisterArtifact();
  const clientFor = (signer: Signer): RegisterClient =>
    createRegisterClient({ register: new ethers.Contract(deployment.address, abi, signer) as unknown as Contract });
  const registry = clientFor(registrar);
  say(`Register deployed on ${networkName} (chain ${deployment.chainId}) at ${deployment.address}, block ${deployment.blockNumber}`);
  say(`Registrar ${deployment.registrar}`);

  say();
  say("Offices admitted (each with its own admin key, which grants its own signer key)");
  const signers = new Map<string, RegisterClient>();
  for (const [i, code] of ["US", "EP", "JP"].entries()) {
    const admin = keys[2 * i]!;
    const signer = keys[2 * i + 1]!;
    const office = getOffice(code);
    await registry.admitOffice(code, office.name, await admin.getAddress());
    await clientFor(admin).grantSigner(code, await signer.getAddress());
    signers.set(code, clientFor(signer));
    say(`  ${code}  ${office.name}`);
    say(`      admin ${await admin.getAddress()}  signer ${await signer.getAddress()}`);
  }

  say();
  say("Applications registered, each by its own office's signer");
  for (const filing of [usProvisional, epFirst, jpFirst, epLater]) {
    const parsed = canonical(filing);
    const claims = filing.claims.map((claim) => ({
      office: claim.office,
      number: canonical(claim).applicationNumberText,
      filingDate: claim.filingDate,
    }));
    const { receipt } = await signers.get(filing.office)!.registerApplication(filing.office, {
      number: parsed.applicationNumberText,
      filingDate: filing.filingDate,
      ipType: filing.ipType,
      claims,
    });
    const claimText = claims.length ? `claims ${claims.map((c) => `${c.office} ${c.number} of ${c.filingDate}`).join(", ")}` : "no priority claim";
    say(`  ${filing.office} ${parsed.applicationNumberText.padEnd(12)} typed "${filing.typed}", filed ${filing.filingDate}, ${parsed.applicationKind} ${filing.ipType}`);
    say(`      ${claimText}; block ${receipt.blockNumber}, gas ${receipt.gasUsed}`);
  }

  say();
  say("Verifying EP's priority claim against the register");
  const claimedNumber = canonical(usProvisional).applicationNumberText;
  const epNumber = canonical(epFirst).applicationNumberText;
  const stored = await registry.getApplication("US", claimedNumber);
  const verdict = verifyPriorityClaim({
    claimed: { office: "US", filingDate: usProvisional.filingDate, ipType: usProvisional.ipType },
    claimant: { office: "EP", filingDate: epFirst.filingDate, ipType: epFirst.ipType },
    // US was admitted above and never suspended (the register client has no office-status read).
    claimedOffice: { status: "active" },
    registered: stored && { filingDate: stored.filingDate, ipType: stored.ipType },
  });
  const { compared, period } = verdict;
  const same = (matches: boolean | undefined) => (matches ? "same as claimed" : "DIFFERS from the claim");
  say(`  EP ${epNumber} (filed ${epFirst.filingDate}) claims US ${formatApplicationNumber("US", claimedNumber)} of ${usProvisional.filingDate}`);
  say(`  claimed office:         US, ${compared.claimedOfficeStatus} on the register`);
  say(`  on the register:        ${compared.registered ? `yes, recorded by ${stored?.office}` : "no"}`);
  say(`  filing date:            claimed ${compared.filingDate.claimed}, registered ${compared.filingDate.registered ?? "-"} (${same(compared.filingDate.matches)})`);
  say(`  IP type:                claimed ${compared.ipType.claimed}, registered ${compared.ipType.registered ?? "-"} (${same(compared.ipType.matches)})`);
  if (period.periodEnd) {
    const extended = period.rawPeriodEnd !== period.periodEnd ? `, moved from ${WEEKDAYS[isoWeekday(period.rawPeriodEnd!)]} ${period.rawPeriodEnd} to the next working day` : "";
    say(`  priority period:        ${period.months} months from the ${period.basis} date, ends ${WEEKDAYS[isoWeekday(period.periodEnd)]} ${period.periodEnd}${extended}`);
  }
  say(`  outcome:                ${verdict.outcome}${verdict.reasons.length ? ` (${verdict.reasons.join(", ")})` : ""}`);
  say(`                          ${OUTCOME_DESCRIPTIONS[verdict.outcome]}`);

  say();
  say(`Who claims the priority of US ${claimedNumber}`);
  for (const claimant of await registry.claimantsOf("US", claimedNumber)) {
    const number = await registry.numberOf(claimant.applicationId);
    say(`  ${claimant.office} ${number} (claim ${claimant.sequence}), recorded in block ${claimant.blockNumber}`);
  }

  say();
  say("A write the register refuses: EP's signer tries to record a US application");
  const before = await registry.getApplication("US", "63123457");
  try {
    await signers.get("EP")!.registerApplication("US", { number: "63123457", filingDate: "2024-03-02", ipType: "patent" });
    throw new Error("the register accepted a US record from EP's key");
  } catch (error) {
    if (!isDiprError(error, "CHAIN_REVERTED")) throw error;
    const { error: name, args } = error.details as { error: string; args: unknown[] };
    say(`  rejected: ${name}(${args.join(", ")})`);
  }
  const after = await registry.getApplication("US", "63123457");
  say(`  US 63123457 on the register before: ${before ? "yes" : "no"}, after: ${after ? "yes" : "no"}`);

  say();
  say("Done: the register, its events and its errors, all on the real contract.");
});
