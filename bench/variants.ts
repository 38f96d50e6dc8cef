// Design variants side by side (issue 16, question 2): the same applications and claims recorded four ways —
// numbers as strings in storage, dipr's packed record (the real DiprRegister), events only, and one Merkle root per
// batch (bench/variants/Variants.sol) — through the same harness on Hardhat's in-process chain. Per application:
// gas, calldata bytes, log bytes and storage slots written (counted from an opcode trace). Gas is deterministic.
// Writes variants.json to the results directory (bench/machine.ts resultsDir).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { AbiCoder, getBytes, keccak256, solidityPacked, type Contract, type ContractTransactionReceipt, type TransactionResponse } from "ethers";
import { network } from "hardhat";
import { TRANSACTION_GAS_CAP } from "../src/chain/batch-plan.js";
import { DEFAULT_HANDOVER_DELAY_SECONDS } from "../src/chain/deployment.js";
import { encodeApplication, type ApplicationSpec } from "../src/chain/encode.js";
import { officeToBytes2 } from "../src/chain/register-contract.js";
import { benchScale, median, writeResults } from "./machine.js";

// solc-js ships no types: the one call used here.
const solc = createRequire(import.meta.url)("solc") as { compile(input: string): string };

const BATCH_SIZE = 100;
// Strings in storage cost about 22,100 gas a slot and a claim takes three: 100 applications with 3 claims would
// pass the transaction gas cap, so that variant sends batches of 40 (the 21,000 per transaction differs by 315 gas
// an application between 40 and 100; the report says so).
const STRINGS_BATCH_SIZE = 40;
const RUNS = benchScale() === "full" ? 5 : 3;
const CLAIM_COUNTS = [0, 1, 3] as const;
const TRACE_BATCH = 10;

const say = (text: string) => process.stderr.write(`${text}\n`);

/** Compiles bench/variants/Variants.sol with the same solc as the register (0.8.28, optimizer on). */
function compileVariants(): Record<string, { abi: unknown[]; bytecode: string }> {
  const path = fileURLToPath(new URL("./variants/Variants.sol", import.meta.url));
  const input = {
    language: "Solidity",
    sources: { "Variants.sol": { content: readFileSync(path, "utf8") } },
    settings: { optimizer: { enabled: true, runs: 200 }, evmVersion: "cancun", outputSelection: { "*": { "*": ["abi", "evm.bytecode.object"] } } },
  };
  const output = JSON.parse(solc.compile(JSON.stringify(input))) as {
    errors?: { severity: string; formattedMessage: string }[];
    contracts: Record<string, Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>>;
  };
  const errors = (output.errors ?? []).filter((e) => e.severity === "error");
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join("\n"));
  return Object.fromEntries(Object.entries(output.contracts["Variants.sol"]!).map(([name, c]) => [name, { abi: c.abi, bytecode: `0x${c.evm.bytecode.object}` }]));
}

const { ethers, provider } = await network.create();
const [registrar, admin, signer] = await ethers.getSigners();
const artifacts = compileVariants();
const us = officeToBytes2("US");
const deployVariant = async (name: string) => {
  const factory = new ethers.ContractFactory(artifacts[name]!.abi as never, artifacts[name]!.bytecode, registrar!);
  const contract = await factory.deploy(signer!.address, us);
  await contract.waitForDeployment();
  return contract.connect(signer!) as unknown as Contract;
};

const dipr = (await ethers.deployContract("DiprRegister", [registrar!.address, DEFAULT_HANDOVER_DELAY_SECONDS])) as unknown as Contract;
await (await dipr.getFunction("admitOffice")(us, "United States Patent and Trademark Office", admin!.address)).wait();
await (await (dipr.connect(admin!) as Contract).getFunction("grantSigner")(us, signer!.address)).wait();
const packed = dipr.connect(signer!) as Contract;
const strings = await deployVariant("StringsRegister");
const eventsOnly = await deployVariant("EventsOnlyRegister");
const merkle = await deployVariant("MerkleRootRegister");

let serial = 300_000;
const application = (claims: number): ApplicationSpec => {
  serial += 1;
  return {
    number: `18${String(serial).padStart(6, "0")}`,
    filingDate: "2025-01-15",
    ipType: "patent",
    claims: Array.from({ length: claims }, (_, i) => ({ office: "JP", number: `2024${String(serial * 4 + i).padStart(6, "0")}`, filingDate: "2024-06-03" })),
  };
};

const coder = AbiCoder.defaultAbiCoder();
/** A Merkle leaf: the application's fields and claims as dipr encodes them. */
const leafOf = (spec: ApplicationSpec) => {
  const input = encodeApplication(spec);
  return keccak256(
    coder.encode(
      ["bytes2", "bytes32", "uint32", "uint8", "tuple(bytes2,uint32,bytes32)[]"],
      [us, input.number, input.filingDate, input.ipType, input.claims.map((c) => [c.office, c.filingDate, c.number])],
    ),
  );
};
/** Sorted-pair Merkle tree (as MerkleRootRegister.proveIncluded checks): the root and the first leaf's proof. */
function merkleRoot(leaves: string[]): { root: string; proofOfFirst: string[] } {
  let level = leaves;
  let index = 0;
  const proof: string[] = [];
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      const a = level[i]!;
      const b = level[i + 1] ?? a;
      if (i === index - (index % 2)) proof.push(index % 2 === 0 ? b : a);
      next.push(a < b ? keccak256(solidityPacked(["bytes32", "bytes32"], [a, b])) : keccak256(solidityPacked(["bytes32", "bytes32"], [b, a])));
    }
    index = Math.floor(index / 2);
    level = next;
  }
  return { root: level[0]!, proofOfFirst: proof };
}

type Variant = "strings" | "packed" | "eventsOnly" | "merkleRoot";
const send: Record<Variant, (specs: ApplicationSpec[]) => Promise<TransactionResponse>> = {
  strings: (specs) =>
    strings.getFunction("registerApplications")(
      "US",
      specs.map((s) => [s.number, encodeApplication(s).filingDate, encodeApplication(s).ipType, (s.claims ?? []).map((c) => [c.office, c.number, encodeApplication(s).claims[0]!.filingDate])]),
      { gasLimit: TRANSACTION_GAS_CAP },
    ),
  packed: (specs) => packed.getFunction("registerApplications")(us, specs.map(encodeApplication), { gasLimit: TRANSACTION_GAS_CAP }),
  eventsOnly: (specs) =>
    eventsOnly.getFunction("registerApplications")(
      us,
      specs.map((s) => {
        const input = encodeApplication(s);
        return [input.number, input.filingDate, input.ipType, input.claims.map((c) => [c.office, c.filingDate, c.number])];
      }),
      { gasLimit: TRANSACTION_GAS_CAP },
    ),
  merkleRoot: (specs) => merkle.getFunction("commitBatch")(us, merkleRoot(specs.map(leafOf)).root, specs.length),
};

/** Storage slots a transaction writes (distinct SSTORE keys in its opcode trace). */
async function slotsWritten(hash: string): Promise<number> {
  const trace = (await provider.request({ method: "debug_traceTransaction", params: [hash, { disableMemory: true, disableStorage: true }] })) as {
    structLogs: { op: string; stack?: string[] }[];
  };
  const keys = new Set<string>();
  for (const step of trace.structLogs) if (step.op === "SSTORE" && step.stack) keys.add(step.stack.at(-1)!);
  return keys.size;
}

async function measure(variant: Variant, claims: number) {
  const size = variant === "strings" ? STRINGS_BATCH_SIZE : BATCH_SIZE;
  const gas: number[] = [];
  let bytes = { calldata: 0, logs: 0 };
  for (let r = 0; r < RUNS; r++) {
    const tx = await send[variant](Array.from({ length: size }, () => application(claims)));
    const receipt = (await tx.wait()) as ContractTransactionReceipt;
    gas.push(Number(receipt.gasUsed) / size);
    bytes = {
      calldata: getBytes(tx.data).length / size,
      logs: receipt.logs.reduce((sum, log) => sum + 20 + 32 * log.topics.length + getBytes(log.data).length, 0) / size,
    };
  }
  const traced = await send[variant](Array.from({ length: TRACE_BATCH }, () => application(claims)));
  await traced.wait();
  const slots = (await slotsWritten(traced.hash)) / TRACE_BATCH;
  return { batchSize: size, gasPerApplication: Math.round(median(gas)), calldataBytesPerApplication: Math.round(bytes.calldata * 10) / 10, logBytesPerApplication: Math.round(bytes.logs * 10) / 10, slotsPerApplication: Math.round(slots * 100) / 100 };
}

const results: Record<string, unknown> = { batchSize: BATCH_SIZE, stringsBatchSize: STRINGS_BATCH_SIZE, runs: RUNS, traceBatch: TRACE_BATCH };
for (const variant of ["strings", "packed", "eventsOnly", "merkleRoot"] as const) {
  const byClaims: Record<string, unknown> = {};
  for (const claims of CLAIM_COUNTS) byClaims[`claims${claims}`] = await measure(variant, claims);
  results[variant] = byClaims;
  say(`${variant}: ${JSON.stringify(byClaims)}`);
}

// The Merkle variant proves inclusion only with a proof kept off chain: check that one verifies.
const specs = Array.from({ length: 8 }, () => application(1));
const tree = merkleRoot(specs.map(leafOf));
await (await merkle.getFunction("commitBatch")(us, tree.root, specs.length)).wait();
results.merkleProofVerifies = (await merkle.getFunction("proveIncluded")(tree.root, leafOf(specs[0]!), tree.proofOfFirst)) as boolean;
say(`wrote ${writeResults("variants", results)}`);
