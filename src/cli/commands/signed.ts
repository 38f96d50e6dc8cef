import { Contract } from "ethers";
import type { Command } from "commander";
import type { PriorityClaimSpec } from "../../chain/encode.js";
import { createRegisterClient, type RegisterClient, type RelayOutcome } from "../../chain/register-client.js";
import { loadRegisterArtifact } from "../../chain/register-contract.js";
import { signWrite } from "../../chain/signed-writes.js";
import { callDataOf, labelsOf, writeCalls, type WriteCall } from "../../chain/write-calls.js";
import { loadConfig } from "../../config.js";
import { DiprError } from "../../errors.js";
import type { ResolvedApplication } from "../../office/application-input.js";
import { KEY_FLAGS, resolveSigner, type KeyOptions } from "../keys.js";
import { printJson, printLine } from "../print.js";
import { checkRelaySet } from "../relay-check.js";
import { nextUnusedNonce, readSignedWriteFile, toSignedWriteFile, writeSignedWriteFile, type ReadSignedWrite } from "../signed-file.js";
import { connectChain, findRegister, openWriter, withWriteFlags, writeOverrides, type WriteOptions } from "../write-context.js";
import { claimAddInput, claimWithdrawInput, correctDateInput, correctTypeInput, registerInput, type ApplicationFlags, type ApplicationInputFlags } from "./records.js";
import { ACCESS_CODE_NOTE, claimCommitmentInput, commitInput, plural, revealInput, type BlindedFlags } from "./unpublished.js";

type SignOptions = KeyOptions & Readonly<{ rpc?: string; register?: string; json?: boolean; out: string; nonce?: string; deadlineMinutes: string }>;

/** One office write ready to sign, in words for the signer and for the file's summary. */
type Signable = Readonly<{
  call: WriteCall;
  /** "the registration of EP:25150123.5", for the line `dipr sign` prints. */
  what: string;
  /** The write's fields in words, written into the file for the relayer (nothing the write does not disclose). */
  summary: Record<string, string>;
  /** Lines printed after the signing line, and fields added to its JSON. */
  notes?: readonly string[];
  extra?: Readonly<Record<string, unknown>>;
}>;

/** The flags every `dipr sign …` command takes besides its write's own: where to sign for, with which key, into which file. */
function withSignFlags(command: Command): Command {
  command
    .requiredOption("--out <file>", "the signed write file to write (never overwritten)")
    .option("--deadline-minutes <n>", "how long the signature stays valid, from the chain's latest block", "60")
    .option("--nonce <n>", "the nonce to sign with (default the next unused one: the register's, or after the signed files beside --out)")
    .option("--rpc <url>", "the chain's JSON-RPC endpoint (DIPR_RPC_URL, default http://127.0.0.1:8545)")
    .option("--register <address>", "the register's address (DIPR_REGISTER_ADDRESS; default the deployment record of the chain)");
  for (const [flags, description] of KEY_FLAGS) command.option(flags, description);
  return command.option("--json", "print the signed write file's content as JSON");
}

const claimWords = (claims: readonly PriorityClaimSpec[] | undefined) =>
  claims === undefined || claims.length === 0 ? "none" : claims.map((c) => `${c.office}:${c.number} of ${c.filingDate}`).join("; ");

/** The fields of an application in clear, for a summary: what its registration (or reveal) puts on chain anyway. */
const applicationSummary = (resolved: ResolvedApplication): Record<string, string> => ({
  application: resolved.canonicalId,
  filingDate: resolved.spec.filingDate,
  ipType: resolved.spec.ipType,
  claims: claimWords(resolved.spec.claims),
  ...(resolved.spec.parent !== undefined && { parent: `${resolved.spec.parent.kind} of ${resolved.spec.parent.id}` }),
});

/**
 * Signs one office write into `options.out` with the signer's key; nothing is sent, so no --yes. The nonce is
 * --nonce or the next unused one; the deadline counts from the chain's latest block, whose clock the register reads.
 */
async function signToFile(options: SignOptions, build: (client: RegisterClient) => Signable | Promise<Signable>): Promise<void> {
  const minutes = Number(options.deadlineMinutes);
  if (!/^\d+$/.test(options.deadlineMinutes) || minutes < 1 || minutes > 525_600) {
    throw new DiprError("CLI_USAGE", `--deadline-minutes must be whole minutes from 1 to 525600, got ${JSON.stringify(options.deadlineMinutes)}`);
  }
  if (options.nonce !== undefined && !/^\d{1,30}$/.test(options.nonce)) throw new DiprError("CLI_USAGE", `--nonce must be a whole number, got ${JSON.stringify(options.nonce)}`);
  const config = loadConfig(process.env, writeOverrides(options));
  const { provider, chainId } = await connectChain(config.rpcUrl);
  try {
    const registerAddress = findRegister(config, chainId);
    const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
    const signer = await resolveSigner(options, { privateKey: config.privateKey, keystorePassword: config.keystorePassword, interactive }, provider);
    const client = createRegisterClient({ register: new Contract(registerAddress, loadRegisterArtifact().abi, signer) });
    const signable = await build(client);
    const account = await signer.getAddress();
    const where = { register: registerAddress, chainId };
    const nonce = options.nonce !== undefined ? BigInt(options.nonce) : nextUnusedNonce(options.out, { ...where, signer: account, onChain: await client.nonceOf(account) });
    const latest = await provider.getBlock("latest");
    const deadline = BigInt(latest?.timestamp ?? Math.floor(Date.now() / 1000)) + BigInt(minutes * 60);
    const request = await signWrite({ signer, register: { address: registerAddress, chainId }, data: callDataOf(signable.call), nonce, deadline });
    const file = toSignedWriteFile(request, where, signable.call.name, signable.summary);
    writeSignedWriteFile(options.out, file);
    if (options.json) return printJson({ ...file, path: options.out, ...signable.extra });
    printLine(`signed ${signable.what} as ${account} (nonce ${nonce}, valid until ${new Date(Number(deadline) * 1000).toISOString()}) for register ${registerAddress} on chain ${chainId}; wrote ${options.out}`);
    for (const note of signable.notes ?? []) printLine(note);
  } finally {
    provider.destroy();
  }
}

/** The recorded claims of an application, and a note when it is not on the register yet (its registration is only signed). */
async function recordedFor(client: RegisterClient, office: string, number: string, label: string) {
  const stored = await client.getApplication(office, number);
  const recorded = stored === undefined ? [] : await client.recordedClaims(office, number);
  const notes = stored === undefined ? [`${label} is not on the register yet: signed for it with no recorded claims, so relay its registration first (in the same run is fine)`] : [];
  return { recorded, notes };
}

/** `dipr sign …`: every office write signed off chain into a file. */
function addSignCommands(program: Command): void {
  const sign = program
    .command("sign")
    .description("sign an office write off chain into a file that any relayer submits (dipr relay); nothing is sent. The same flags as the write's own command");

  withSignFlags(registerInput.flags(sign.command("register").description("sign the registration of one application of your office"))).action(
    (options: SignOptions & ApplicationInputFlags) => {
      const resolved = registerInput.resolve(options);
      return signToFile(options, () => ({
        call: writeCalls.registerApplication(resolved.office, resolved.spec),
        what: `the registration of ${resolved.canonicalId}`,
        summary: applicationSummary(resolved),
      }));
    },
  );

  const claim = sign.command("claim").description("sign the addition or withdrawal of a priority claim");
  withSignFlags(claimAddInput.flags(claim.command("add").description("sign a priority claim added to an application"))).action((options: SignOptions & ApplicationFlags & { claim: string }) => {
    const { office, number, label, claimed } = claimAddInput.resolve(options);
    return signToFile(options, async (client) => {
      const { recorded, notes } = await recordedFor(client, office, number, label);
      return {
        call: writeCalls.addPriorityClaim(office, number, recorded, claimed),
        what: `the claim of ${claimed.office}:${claimed.number} of ${claimed.filingDate} by ${label}`,
        summary: { application: label, claim: claimWords([claimed]), recordedClaims: String(recorded.length) },
        notes,
      };
    });
  });
  withSignFlags(claimWithdrawInput.flags(claim.command("withdraw").description("sign the withdrawal of a priority claim, by its sequence number"))).action(
    (options: SignOptions & ApplicationFlags & { sequence: string }) => {
      const { office, number, label, sequence } = claimWithdrawInput.resolve(options);
      return signToFile(options, () => ({
        call: writeCalls.withdrawPriorityClaim(office, number, sequence),
        what: `the withdrawal of claim ${sequence} of ${label}`,
        summary: { application: label, sequence: String(sequence) },
      }));
    },
  );

  const correct = sign.command("correct").description("sign a correction of the filing date or IP type");
  withSignFlags(correctDateInput.flags(correct.command("date").description("sign a corrected filing date"))).action((options: SignOptions & ApplicationFlags & { filingDate: string }) => {
    const { office, number, label, filingDate } = correctDateInput.resolve(options);
    return signToFile(options, async (client) => {
      const { recorded, notes } = await recordedFor(client, office, number, label);
      return {
        call: writeCalls.correctFilingDate(office, number, recorded, filingDate),
        what: `the correction of the filing date of ${label} to ${filingDate}`,
        summary: { application: label, filingDate, recordedClaims: String(recorded.length) },
        notes,
      };
    });
  });
  withSignFlags(correctTypeInput.flags(correct.command("type").description("sign a corrected IP type"))).action((options: SignOptions & ApplicationFlags & { to: string }) => {
    const { office, number, label, ipType } = correctTypeInput.resolve(options);
    return signToFile(options, () => ({
      call: writeCalls.correctIpType(office, number, ipType),
      what: `the correction of the IP type of ${label} to ${ipType}`,
      summary: { application: label, ipType },
    }));
  });

  withSignFlags(commitInput.flags(sign.command("commit").description("sign the commitment of an unpublished application of your office, with a new access code"))).action(
    (options: SignOptions & BlindedFlags & { claimCommitment?: string[]; accessCodeFile?: string }) => {
      const { resolved, claimed, accessCode, commitment } = commitInput.resolve(options);
      return signToFile(options, () => ({
        call: writeCalls.commitApplication(resolved.office, commitment, claimed),
        what: `the commitment ${commitment} of the unpublished ${resolved.canonicalId}`,
        // The relayer learns the commitment, as everyone will on chain; never the number or the access code.
        summary: { office: resolved.office, commitment, claimedCommitments: claimed.length === 0 ? "none" : claimed.join("; ") },
        notes: [`access code ${accessCode}`, ACCESS_CODE_NOTE],
        extra: { canonicalId: resolved.canonicalId, commitment, accessCode, note: ACCESS_CODE_NOTE },
      }));
    },
  );

  withSignFlags(claimCommitmentInput.flags(sign.command("claim-commitment").description("sign the claim of an unpublished application, by its commitment"))).action(
    (options: SignOptions & { office: string; number: string; ipType?: string; commitment: string }) => {
      const { office, number, claimant, claimed } = claimCommitmentInput.resolve(options);
      return signToFile(options, () => ({
        call: writeCalls.claimCommitment(claimant, claimed, labelsOf(office, [{ number }])),
        what: `the claim of the unpublished application ${claimed} by ${office}:${number}`,
        summary: { application: `${office}:${number}`, claimedCommitment: claimed },
      }));
    },
  );

  withSignFlags(revealInput.flags(sign.command("reveal").description("sign the publication of an unpublished application of your office"))).action(
    (options: SignOptions & BlindedFlags & { claim?: string[]; accessCodeFile: string }) => {
      const { resolved, accessCode, commitment } = revealInput.resolve(options);
      return signToFile(options, () => ({
        call: writeCalls.revealApplication(resolved.office, commitment, resolved.spec, accessCode),
        what: `the reveal of ${resolved.canonicalId} (commitment ${commitment})`,
        summary: { ...applicationSummary(resolved), commitment },
        notes: ["the file holds the access code (the reveal publishes it): whoever relays it reads the application before it is published"],
      }));
    },
  );
}

/** Labels of the application a signed write names, from its summary ("EP:25150123.5"), for the revert words. */
function labelsOfFile(read: ReadSignedWrite): ReadonlyMap<string, string> {
  const [office, number] = (read.content.summary.application ?? "").split(":");
  return office !== undefined && number !== undefined && /^[A-Z]{2}$/.test(office) ? labelsOf(office, [{ number }]) : new Map();
}

type RelayItem = Readonly<{ request: ReadSignedWrite["request"]; labels: ReadonlyMap<string, string>; file: string }>;

const batchLine = (outcome: RelayOutcome<RelayItem> & { status: "relayed" }) =>
  `relayed ${plural(outcome.items.length, "signed write")} in one transaction (block ${outcome.blockNumber}, transaction ${outcome.transactionHash}, gas ${outcome.gasUsed.toLocaleString("en-US")}): ${outcome.items.map((i) => i.file).join(", ")}`;

/** `dipr relay FILE…`: signed writes submitted in batches by any account with funds. */
function addRelayCommand(program: Command): void {
  withWriteFlags(
    program
      .command("relay")
      .description("submit signed write files (dipr sign) in batches, each signer's in nonce order; any account with funds relays. Every file is checked before anything is sent")
      .argument("<files...>", "signed write files"),
  ).action(async (files: string[], options: WriteOptions) => {
    const writes = files.map(readSignedWriteFile);
    const config = loadConfig(process.env, writeOverrides(options));
    const { provider, chainId } = await connectChain(config.rpcUrl);
    let ordered: ReadSignedWrite[];
    try {
      const register = findRegister(config, chainId);
      const reader = createRegisterClient({ register: new Contract(register, loadRegisterArtifact().abi, provider) });
      const latest = await provider.getBlock("latest");
      ordered = await checkRelaySet(writes, { register, chainId, now: BigInt(latest?.timestamp ?? 0), nonceOf: reader.nonceOf });
    } finally {
      provider.destroy();
    }

    const writer = await openWriter(options, "any account with funds (a relayer)");
    try {
      const items: RelayItem[] = ordered.map((w) => ({ request: w.request, labels: labelsOfFile(w), file: w.file }));
      const outcomes = await writer.client.relay(items, {
        stopOnRejection: true,
        onBatch: (outcome) => {
          if (outcome.status === "relayed" && !options.json) printLine(batchLine(outcome));
        },
      });
      const sent = new Set(outcomes.flatMap((o) => o.items.map((i) => i.file)));
      const rejected = outcomes.find((o) => o.status === "rejected");
      if (options.json) {
        printJson({
          batches: outcomes.map((o) =>
            o.status === "relayed"
              ? { status: o.status, files: o.items.map((i) => i.file), transactionHash: o.transactionHash, blockNumber: o.blockNumber, gasUsed: o.gasUsed }
              : { status: o.status, files: o.items.map((i) => i.file), error: { code: o.error.code, message: o.error.message, ...o.error.details } },
          ),
          notSent: items.filter((i) => !sent.has(i.file)).map((i) => i.file),
        });
      }
      if (rejected?.status === "rejected") {
        const notSent = items.filter((i) => !sent.has(i.file)).map((i) => i.file);
        const rest = notSent.length === 0 ? "" : `; not sent: ${notSent.join(", ")}`;
        throw new DiprError(rejected.error.code, `the batch of ${rejected.items.map((i) => i.file).join(", ")} was refused: ${rejected.error.message}${rest}`, rejected.error.details, { cause: rejected.error });
      }
      if (!options.json) printLine(`${plural(items.length, "signed write")} relayed in ${plural(outcomes.length, "transaction")}`);
    } finally {
      writer.close();
    }
  });
}

/** Signed writes: `dipr sign …` (off chain, into a file) and `dipr relay FILE…` (by anyone). */
export function addSignedCommands(program: Command): void {
  addSignCommands(program);
  addRelayCommand(program);
}
