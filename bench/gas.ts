// Gas benchmark of the register (npm run bench:gas): measured gas per write next to the EVM's floor for the
// same data, written to gas.json in the results directory (bench/machine.ts resultsDir). Runs on Hardhat's
// in-process chain; gas is deterministic, so the small scale only takes fewer samples.
import Table from "cli-table3";
import { getBytes, type Contract, type ContractTransactionReceipt, type TransactionResponse } from "ethers";
import { network } from "hardhat";
import { TRANSACTION_GAS_CAP } from "../src/chain/batch-plan.js";
import { commitmentOf } from "../src/chain/commitment.js";
import { signWrite } from "../src/chain/signed-writes.js";
import { callDataOf, writeCalls } from "../src/chain/write-calls.js";
import { DEFAULT_HANDOVER_DELAY_SECONDS } from "../src/chain/deployment.js";
import { encodeApplication, encodeClaim, type ApplicationSpec } from "../src/chain/encode.js";
import { readRecordedClaims } from "../src/chain/recorded-claims.js";
import { applicationIdOf, officeToBytes2 } from "../src/chain/register-contract.js";
import { benchScale, writeResults } from "./machine.js";

const SINGLE_RUNS = benchScale() === "full" ? 21 : 7;
const BATCH_RUNS = benchScale() === "full" ? 5 : 3;
const BATCH_SIZE = 100;

// EVM costs (Yellow Paper / EIP-2929 / EIP-2028), as the issue states them.
const TX_BASE = 21_000;
const NEW_SLOT = 22_100;
const LOG_BASE = 375;
const LOG_TOPIC = 375;
const LOG_DATA_BYTE = 8;
const CALLDATA_NONZERO = 16;
const CALLDATA_ZERO = 4;

/** The least any contract could pay to store `newSlots` slots and emit exactly these logs from this calldata. */
function floorOf(tx: TransactionResponse, receipt: ContractTransactionReceipt, newSlots: number): number {
  const calldata = getBytes(tx.data).reduce((sum, byte) => sum + (byte === 0 ? CALLDATA_ZERO : CALLDATA_NONZERO), 0);
  const logs = receipt.logs.reduce(
    (sum, log) => sum + LOG_BASE + LOG_TOPIC * log.topics.length + LOG_DATA_BYTE * getBytes(log.data).length,
    0,
  );
  return TX_BASE + NEW_SLOT * newSlots + logs + calldata;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
};

const { ethers } = await network.create();
const [registrar, admin, signer] = await ethers.getSigners();
const register = (await ethers.deployContract("DiprRegister", [registrar!.address, DEFAULT_HANDOVER_DELAY_SECONDS])) as unknown as Contract;
const us = officeToBytes2("US");
const admitTx = await register.getFunction("admitOffice")(us, "United States Patent and Trademark Office", admin!.address);
const admitReceipt = (await admitTx.wait()) as ContractTransactionReceipt;
const grantTx = await (register.connect(admin!) as Contract).getFunction("grantSigner")(us, signer!.address);
const grantReceipt = (await grantTx.wait()) as ContractTransactionReceipt;
const asSigner = register.connect(signer!) as Contract;

let serial = 100_000;
const application = (claims: number): ApplicationSpec => {
  serial += 1;
  return {
    number: `18${String(serial).padStart(6, "0")}`,
    filingDate: "2025-01-15",
    ipType: "patent",
    claims: Array.from({ length: claims }, (_, i) => ({
      office: "JP",
      number: `2024${String(serial * 4 + i).padStart(6, "0")}`.slice(0, 10),
      filingDate: "2024-06-03",
    })),
  };
};

type Sample = { gas: number; floor: number };

/** Bytes a transaction adds to the chain's history: its calldata and its logs (address, topics, data). */
function bytesOf(tx: TransactionResponse, receipt: ContractTransactionReceipt) {
  const logs = receipt.logs.reduce((sum, log) => sum + 20 + 32 * log.topics.length + getBytes(log.data).length, 0);
  return { calldata: getBytes(tx.data).length, logs, logCount: receipt.logs.length };
}

async function measure(send: () => Promise<TransactionResponse>, newSlots: number, perItem = 1): Promise<Sample> {
  const tx = await send();
  const receipt = (await tx.wait()) as ContractTransactionReceipt;
  return { gas: Number(receipt.gasUsed) / perItem, floor: floorOf(tx, receipt, newSlots) / perItem };
}

async function singles(claims: number): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < SINGLE_RUNS; i++) {
    samples.push(await measure(() => asSigner.getFunction("registerApplication")(us, encodeApplication(application(claims))), 1));
  }
  return { gas: median(samples.map((s) => s.gas)), floor: median(samples.map((s) => s.floor)) };
}

const batchBytes: Record<string, ReturnType<typeof bytesOf> & { applications: number }> = {};

async function batches(claims: number, size = BATCH_SIZE): Promise<Sample> {
  const samples: Sample[] = [];
  for (let i = 0; i < BATCH_RUNS; i++) {
    const specs = Array.from({ length: size }, () => encodeApplication(application(claims)));
    const tx = await asSigner.getFunction("registerApplications")(us, specs, { gasLimit: TRANSACTION_GAS_CAP });
    const receipt = (await tx.wait()) as ContractTransactionReceipt;
    samples.push({ gas: Number(receipt.gasUsed) / size, floor: floorOf(tx, receipt, size) / size });
    batchBytes[`${size}x${claims}`] = { ...bytesOf(tx, receipt), applications: size };
  }
  return { gas: median(samples.map((s) => s.gas)), floor: median(samples.map((s) => s.floor)) };
}

const single0 = await singles(0);
const single1 = await singles(1);
const single3 = await singles(3);
const batch1 = await batches(1);
const batch3 = await batches(3);
const batch0 = await batches(0);
const batch10 = await batches(1, 10);

// Later writes on one application with one recorded claim: none allocates a new slot.
const target = application(1);
await (await asSigner.getFunction("registerApplication")(us, encodeApplication(target))).wait();
const targetId = applicationIdOf("US", target.number);
const addClaim = await measure(
  async () =>
    asSigner.getFunction("addPriorityClaim")(
      targetId,
      await readRecordedClaims(register, targetId),
      encodeClaim({ office: "KR", number: "1020240012345", filingDate: "2024-05-02" }),
    ),
  0,
);
const withdraw = await measure(() => asSigner.getFunction("withdrawPriorityClaim")(targetId, 1), 0);
const correctDate = await measure(
  async () => asSigner.getFunction("correctFilingDate")(targetId, await readRecordedClaims(register, targetId), 20_100),
  0,
);
const correctType = await measure(() => asSigner.getFunction("correctIpType")(targetId, 1), 0);

// The costliest batch the contract accepts: MAX_BATCH linked applications with 32-character numbers carrying
// MAX_BATCH_CLAIMS claims packed 64 to an application (the duplicate check within one application is quadratic).
const maxBatch = Number(await register.getFunction("MAX_BATCH")());
const maxBatchClaims = Number(await register.getFunction("MAX_BATCH_CLAIMS")());
const batchMax = await batches(1, maxBatch);
const long = (prefix: string) => `${prefix}${String(++serial).padStart(31, "0")}`;
const parent = { number: long("P"), filingDate: "2025-01-01", ipType: "patent" } as const;
await (await asSigner.getFunction("registerApplication")(us, encodeApplication(parent))).wait();
const worstBatch: ApplicationSpec[] = Array.from({ length: maxBatch }, (_, i) => ({
  number: long("A"),
  filingDate: "2025-06-01",
  ipType: "trademark",
  parent: { id: applicationIdOf("US", parent.number), kind: "continuationInPart" },
  claims: Array.from({ length: Math.max(0, Math.min(64, maxBatchClaims - 64 * i)) }, () => ({
    office: "ZZ",
    number: long("C"),
    filingDate: "2025-01-02",
  })),
}));
const worst = await measure(() => asSigner.getFunction("registerApplications")(us, worstBatch.map(encodeApplication), { gasLimit: TRANSACTION_GAS_CAP }), maxBatch);

// Unpublished applications: a commitment with one claim of another commitment (two new slots: the commitment and
// the link), a clear application's claim of a commitment (one: the link), and a reveal (one: the clear record).
const commitment = (i: number) => commitmentOf({ office: "US", number: `1900${String(i).padStart(4, "0")}`, filingDate: "2025-01-15", ipType: "patent" }, `0x${"ab".repeat(31)}${i.toString(16).padStart(2, "0")}`);
const claimedCommitment = commitment(0);
await (await asSigner.getFunction("commitApplication")(us, claimedCommitment, [])).wait();
const blindedSamples: Sample[] = [];
for (let i = 1; i <= SINGLE_RUNS; i++) {
  blindedSamples.push(await measure(() => asSigner.getFunction("commitApplication")(us, commitment(i), [claimedCommitment]), 2));
}
const blinded1 = { gas: median(blindedSamples.map((b) => b.gas)), floor: median(blindedSamples.map((b) => b.floor)) };
const claimAgainst = await measure(() => asSigner.getFunction("claimCommitment")(targetId, claimedCommitment), 1);
const revealed = { number: "19000001", filingDate: "2025-01-15", ipType: "patent", claims: [{ office: "JP", number: "2024010001", filingDate: "2024-06-03" }] } as const;
const revealCode = `0x${"ab".repeat(31)}01` as const;
const reveal = await measure(() => asSigner.getFunction("revealApplication")(commitment(1), encodeApplication(revealed), revealCode), 1);

// Signed writes, relayed by the registrar (no role): batches of 100 one-claim applications signed off chain by the
// US signer as one registerApplications each, and one signed addPriorityClaim on an application with one claim.
const relayedSamples: Sample[] = [];
const chainId = (await ethers.provider.getNetwork()).chainId;
const asRelayer = register.connect(registrar!) as Contract;
const registerDomain = { address: await register.getAddress(), chainId };
let signerNonce = 0n;
const signed = async (data: ReturnType<typeof callDataOf>) =>
  signWrite({ signer: signer!, register: registerDomain, data, nonce: signerNonce++, deadline: BigInt(Math.floor(Date.now() / 1000) + 3600) });
for (let i = 0; i < BATCH_RUNS; i++) {
  const request = await signed(callDataOf(writeCalls.registerApplications("US", Array.from({ length: BATCH_SIZE }, () => application(1)))));
  relayedSamples.push(await measure(() => asRelayer.getFunction("relayWrites")([request], { gasLimit: TRANSACTION_GAS_CAP }), BATCH_SIZE, BATCH_SIZE));
}
const relayed = { gas: median(relayedSamples.map((r) => r.gas)), floor: median(relayedSamples.map((r) => r.floor)) };
const claimTarget = application(1);
await (await asSigner.getFunction("registerApplication")(us, encodeApplication(claimTarget))).wait();
const relayedClaimRequest = await signed(
  callDataOf(
    writeCalls.addPriorityClaim(
      "US",
      claimTarget.number,
      await readRecordedClaims(register, applicationIdOf("US", claimTarget.number)),
      { office: "KR", number: "1020240012345", filingDate: "2024-05-02" },
    ),
  ),
);
const relayedClaim = await measure(() => asRelayer.getFunction("relayWrites")([relayedClaimRequest]), 0);

// Documents and international references of the one-claim application above: one new slot each (the duplicate
// check), the reference in the event. A PDF's hash and date, a typical node URL with the document id.
const documentSamples: Sample[] = [];
for (let i = 0; i < SINGLE_RUNS; i++) {
  const document = {
    kind: 1 + (i % 6),
    date: 20_000 + i,
    sha256: `0x${(i + 1).toString(16).padStart(64, "0")}`,
    mediaType: "application/pdf",
    url: `https://dipr.office.example/api/v1/documents/0x${"ab".repeat(31)}${i.toString(16).padStart(2, "0")}`,
  };
  documentSamples.push(await measure(() => asSigner.getFunction("recordDocument")(targetId, document), 1));
}
const documentRecord = { gas: median(documentSamples.map((d) => d.gas)), floor: median(documentSamples.map((d) => d.floor)) };
const internationalSamples: Sample[] = [];
for (let i = 0; i < SINGLE_RUNS; i++) {
  internationalSamples.push(await measure(() => asSigner.getFunction("recordInternationalReference")(targetId, 1, `PCT/US2025/${String(100_000 + i).padStart(6, "0")}`), 1));
}
const internationalRecord = { gas: median(internationalSamples.map((r) => r.gas)), floor: median(internationalSamples.map((r) => r.floor)) };

const ratio = (s: Sample) => Math.round((s.gas / s.floor) * 1000) / 1000;
const results = {
  registerSingle1Claim: single1.gas,
  floorSingle1Claim: single1.floor,
  registerSingle1ClaimRatio: ratio(single1),
  batch100PerApp1Claim: Math.round(batch1.gas),
  floorPerApp1Claim: Math.round(batch1.floor),
  batch100PerApp1ClaimRatio: ratio(batch1),
  registerSingle0Claims: single0.gas,
  floorSingle0Claims: single0.floor,
  registerSingle3Claims: single3.gas,
  floorSingle3Claims: single3.floor,
  batch100PerApp3Claims: Math.round(batch3.gas),
  floorPerApp3Claims: Math.round(batch3.floor),
  addPriorityClaim: addClaim.gas,
  withdrawPriorityClaim: withdraw.gas,
  correctFilingDate: correctDate.gas,
  correctIpType: correctType.gas,
  maxBatch,
  maxBatchClaims,
  worstFullBatchGas: worst.gas,
  transactionGasCap: TRANSACTION_GAS_CAP,
  worstFullBatchShareOfCap: Math.round((worst.gas / TRANSACTION_GAS_CAP) * 1000) / 1000,
  // Issue 16's further operations and batch sizes (batches of 1-claim applications, gas per application).
  admitOffice: Number(admitReceipt.gasUsed),
  grantSigner: Number(grantReceipt.gasUsed),
  batch10PerApp1Claim: Math.round(batch10.gas),
  floorBatch10PerApp1Claim: Math.round(batch10.floor),
  batchMaxPerApp1Claim: Math.round(batchMax.gas),
  floorBatchMaxPerApp1Claim: Math.round(batchMax.floor),
  batch100PerApp0Claims: Math.round(batch0.gas),
  floorPerApp0Claims: Math.round(batch0.floor),
  floorAddPriorityClaim: addClaim.floor,
  floorWithdrawPriorityClaim: withdraw.floor,
  floorCorrectFilingDate: correctDate.floor,
  floorCorrectIpType: correctType.floor,
  // What a batch adds to the chain's history, per application: calldata bytes and log bytes (20-byte address,
  // 32 per topic, data), for batches of 100 with 0, 1 and 3 claims each. State: one new 32-byte slot each.
  bytesPerApplication: Object.fromEntries(
    Object.entries(batchBytes)
      .filter(([key]) => key.startsWith(`${BATCH_SIZE}x`))
      .map(([key, b]) => [`claims${key.split("x")[1]}`, { calldata: Math.round(b.calldata / b.applications), logs: Math.round(b.logs / b.applications), logCount: b.logCount / b.applications, newSlots: 1 }]),
  ),
  registerBlinded1Claim: blinded1.gas,
  floorBlinded1Claim: blinded1.floor,
  registerBlinded1ClaimRatio: ratio(blinded1),
  claimAgainstCommitment: claimAgainst.gas,
  floorClaimAgainstCommitment: claimAgainst.floor,
  reveal: reveal.gas,
  floorReveal: reveal.floor,
  relayedBatch100PerApp: Math.round(relayed.gas),
  floorRelayedBatch100PerApp: Math.round(relayed.floor),
  relayedBatch100PerAppRatio: ratio(relayed),
  relayedClaim: relayedClaim.gas,
  floorRelayedClaim: relayedClaim.floor,
  recordDocument: documentRecord.gas,
  floorRecordDocument: documentRecord.floor,
  recordInternationalReference: internationalRecord.gas,
  floorRecordInternationalReference: internationalRecord.floor,
  singleRuns: SINGLE_RUNS,
  batchRuns: BATCH_RUNS,
  batchSize: BATCH_SIZE,
  targetsMet: {
    registerSingle1Claim: single1.gas <= 1.5 * single1.floor && single1.gas <= 80_000,
    batch100PerApp1Claim: batch1.gas <= 1.3 * batch1.floor && batch1.gas <= 35_000,
    worstFullBatchUnderCap: worst.gas < TRANSACTION_GAS_CAP,
    registerBlinded1Claim: blinded1.gas <= 1.5 * blinded1.floor,
  },
};

const table = new Table({ head: ["write", "gas (median)", "floor", "ratio", "target"] });
table.push(
  ["register, 1 claim", single1.gas, single1.floor, ratio(single1), "≤ 1.5 × floor, ≤ 80,000"],
  [`batch of ${BATCH_SIZE}, 1 claim, per app`, Math.round(batch1.gas), Math.round(batch1.floor), ratio(batch1), "≤ 1.3 × floor, ≤ 35,000"],
  ["register, no claim", single0.gas, single0.floor, ratio(single0), ""],
  ["register, 3 claims", single3.gas, single3.floor, ratio(single3), ""],
  [`batch of ${BATCH_SIZE}, 3 claims, per app`, Math.round(batch3.gas), Math.round(batch3.floor), ratio(batch3), ""],
  ["add a claim (1 recorded)", addClaim.gas, addClaim.floor, ratio(addClaim), ""],
  ["withdraw a claim", withdraw.gas, withdraw.floor, ratio(withdraw), ""],
  ["correct filing date (1 recorded)", correctDate.gas, correctDate.floor, ratio(correctDate), ""],
  ["correct IP type", correctType.gas, correctType.floor, ratio(correctType), ""],
  [`batch of 10, 1 claim, per app`, Math.round(batch10.gas), Math.round(batch10.floor), ratio(batch10), ""],
  [`batch of ${maxBatch}, 1 claim, per app`, Math.round(batchMax.gas), Math.round(batchMax.floor), ratio(batchMax), ""],
  [`batch of ${BATCH_SIZE}, no claim, per app`, Math.round(batch0.gas), Math.round(batch0.floor), ratio(batch0), ""],
  ["admit an office", Number(admitReceipt.gasUsed), "", "", ""],
  ["grant a signer", Number(grantReceipt.gasUsed), "", "", ""],
  ["commit an unpublished application, 1 claim", blinded1.gas, blinded1.floor, ratio(blinded1), "≤ 1.5 × floor"],
  ["claim a commitment", claimAgainst.gas, claimAgainst.floor, ratio(claimAgainst), ""],
  ["reveal (1 claim)", reveal.gas, reveal.floor, ratio(reveal), ""],
  [`relayed signed batch of ${BATCH_SIZE}, 1 claim, per app`, Math.round(relayed.gas), Math.round(relayed.floor), ratio(relayed), ""],
  ["relayed signed claim (1 recorded)", relayedClaim.gas, relayedClaim.floor, ratio(relayedClaim), ""],
  ["record a document reference", documentRecord.gas, documentRecord.floor, ratio(documentRecord), ""],
  ["record an international reference", internationalRecord.gas, internationalRecord.floor, ratio(internationalRecord), ""],
  [`costliest full batch (${maxBatch} apps, ${maxBatchClaims} claims)`, worst.gas, worst.floor, ratio(worst), `< ${TRANSACTION_GAS_CAP} (EIP-7825)`],
);
process.stdout.write(`${table.toString()}\n`);
const path = writeResults("gas", results);
process.stdout.write(`targets met: ${JSON.stringify(results.targetsMet)}\nwrote ${path}\n`);
