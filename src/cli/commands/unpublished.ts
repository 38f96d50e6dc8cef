import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { commitmentOf, newAccessCode } from "../../chain/commitment.js";
import { applicationIdOf, type Hex } from "../../chain/register-contract.js";
import { DiprError } from "../../errors.js";
import { assertIpType, parseApplicationNumber, parseOfficeCode } from "../../domain/index.js";
import { resolveApplication, type ResolvedApplication } from "../../office/application-input.js";
import { apiClient, withApi, type ApiOptions } from "../api-options.js";
import { formatBlindedVerdict } from "../examiner-format.js";
import { printJson, printLine } from "../print.js";
import { openWriter, withWriteFlags, type WriteOptions } from "../write-context.js";
import { collect, resolveApplicationFlags, type WriteInput } from "./records.js";
import { printWrite } from "./registrar.js";

const HEX32 = /^0x[0-9a-fA-F]{64}$/;

const hex32 = (value: string, flag: string): Hex => {
  if (!HEX32.test(value)) throw new DiprError("CLI_USAGE", `${flag} must be 0x and 64 hex digits, got ${JSON.stringify(value)}`);
  return value.toLowerCase() as Hex;
};

/** An access code from a file (like a key, never a flag value): 0x and 64 hex digits, surrounding white space ignored. */
function readAccessCode(file: string): Hex {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new DiprError("CLI_USAGE", `--access-code-file ${file} cannot be read (${(error as Error).message})`, { file }, { cause: error });
  }
  const code = text.trim();
  // The file's content is a secret: say what is wrong without printing it.
  if (!HEX32.test(code)) throw new DiprError("CLI_USAGE", `--access-code-file ${file} must hold one access code, 0x and 64 hex digits`, { file });
  return code.toLowerCase() as Hex;
}

export type BlindedFlags = Readonly<{ office: string; number: string; filingDate: string; ipType: string }>;

const blindedFlags = (command: Command) =>
  command
    .requiredOption("--office <code>", "the office of the unpublished application (ST.3 code)")
    .requiredOption("--number <number>", "its application number, in any national format")
    .requiredOption("--filing-date <date>", "its filing date, YYYY-MM-DD")
    .option("--ip-type <type>", "patent (default), utilityModel, industrialDesign or trademark", "patent");

/** The commitment of a typed application and access code, with the application resolved by the domain core. */
function commitmentOfInput(resolved: ResolvedApplication, accessCode: Hex): Hex {
  const { number, filingDate, ipType } = resolved.spec;
  return commitmentOf({ office: resolved.office, number, filingDate, ipType }, accessCode);
}

export const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** What `dipr commit` tells the office to do with a new access code. */
export const ACCESS_CODE_NOTE = "give the access code to the applicant, and keep it: the office needs it to reveal the application";

/** `dipr commit`'s input (also `dipr sign commit`'s): the application, its access code (new unless from a file), its commitment. */
export const commitInput: WriteInput<
  BlindedFlags & { claimCommitment?: string[]; accessCodeFile?: string },
  Readonly<{ resolved: ResolvedApplication; claimed: Hex[]; accessCode: Hex; commitment: Hex }>
> = {
  flags: (command) =>
    blindedFlags(command)
      .option("--claim-commitment <0x…>", "the commitment of an unpublished application it claims as priority (repeat for several)", collect)
      .option("--access-code-file <file>", "a file holding the access code to use (default: a new one, 256 random bits)"),
  resolve: (options) => {
    const resolved = resolveApplication({ office: options.office, number: options.number, filingDate: options.filingDate, ipType: options.ipType });
    const claimed = (options.claimCommitment ?? []).map((c) => hex32(c, "--claim-commitment"));
    const accessCode = options.accessCodeFile === undefined ? newAccessCode() : readAccessCode(options.accessCodeFile);
    return { resolved, claimed, accessCode, commitment: commitmentOfInput(resolved, accessCode) };
  },
};

/** `dipr reveal`'s input (also `dipr sign reveal`'s): the application with its claims, its access code and commitment. */
export const revealInput: WriteInput<BlindedFlags & { claim?: string[]; accessCodeFile: string }, Readonly<{ resolved: ResolvedApplication; accessCode: Hex; commitment: Hex }>> = {
  flags: (command) =>
    blindedFlags(command)
      .option("--claim <OFFICE:NUMBER:DATE>", "a priority claim, e.g. US:63/512,345:2024-03-01 (repeat for several)", collect)
      .requiredOption("--access-code-file <file>", "the file holding the application's access code"),
  resolve: (options) => {
    const resolved = resolveApplicationFlags(options);
    const accessCode = readAccessCode(options.accessCodeFile);
    return { resolved, accessCode, commitment: commitmentOfInput(resolved, accessCode) };
  },
};

/** `dipr claim-commitment`'s input (also `dipr sign claim-commitment`'s): the claimant and the claimed commitment. */
export const claimCommitmentInput: WriteInput<
  { office: string; number: string; ipType?: string; commitment: string },
  Readonly<{ office: string; number: string; claimant: Hex; claimed: Hex }>
> = {
  flags: (command) =>
    command
      .requiredOption("--office <code>", "your office's ST.3 code")
      .requiredOption("--number <number>", "the claimant: an application of your office on the register, in any national format")
      .option("--ip-type <type>", "patent, utilityModel, industrialDesign or trademark, where the number alone does not say (JP, CA, EM)")
      .requiredOption("--commitment <0x…>", "the claimed unpublished application's commitment (from its applicant)"),
  resolve: (options) => {
    const office = parseOfficeCode(options.office);
    const ipType = options.ipType === undefined ? undefined : assertIpType(options.ipType);
    const number = parseApplicationNumber(office, options.number, ipType === undefined ? {} : { ipType }).applicationNumberText;
    return { office, number, claimant: applicationIdOf(office, number) as Hex, claimed: hex32(options.commitment, "--commitment") };
  },
};

/** An office's commands for unpublished (blinded) applications. */
export function addUnpublishedCommands(program: Command): void {
  withWriteFlags(
    commitInput.flags(program.command("commit").description("record an unpublished application of your office as a commitment, with a new access code for the applicant")),
  ).action(async (options: WriteOptions & BlindedFlags & { claimCommitment?: string[]; accessCodeFile?: string }) => {
    const { resolved, claimed, accessCode, commitment } = commitInput.resolve(options);
    const writer = await openWriter(options, `a signer of ${resolved.office}`);
    try {
      const receipt = await writer.client.commitApplication(resolved.office, commitment, claimed);
      const note = ACCESS_CODE_NOTE;
      printWrite(options, `committed ${resolved.canonicalId} unpublished as commitment ${commitment}, claiming ${plural(claimed.length, "unpublished application")}`, receipt, {
        canonicalId: resolved.canonicalId,
        commitment,
        accessCode,
        claimedCommitments: claimed,
        note,
      });
      if (!options.json) {
        printLine(`access code ${accessCode}`);
        printLine(note);
      }
    } finally {
      writer.close();
    }
  });

  withWriteFlags(
    revealInput.flags(program.command("reveal").description("publish an unpublished application of your office: register it in clear, with its priority claims")),
  ).action(async (options: WriteOptions & BlindedFlags & { claim?: string[]; accessCodeFile: string }) => {
    const { resolved, accessCode, commitment } = revealInput.resolve(options);
    const writer = await openWriter(options, `a signer of ${resolved.office}`);
    try {
      const { applicationId, receipt } = await writer.client.revealApplication(resolved.office, commitment, resolved.spec, accessCode);
      const claims = resolved.spec.claims?.length ?? 0;
      printWrite(options, `revealed ${resolved.canonicalId} (commitment ${commitment}): registered in clear, filed ${resolved.spec.filingDate}, ${plural(claims, "priority claim")}`, receipt, {
        canonicalId: resolved.canonicalId,
        applicationId,
        commitment,
      });
    } finally {
      writer.close();
    }
  });

  withWriteFlags(
    claimCommitmentInput.flags(program.command("claim-commitment").description("let a clear application of your office claim an unpublished application, by its commitment")),
  ).action(async (options: WriteOptions & { office: string; number: string; ipType?: string; commitment: string }) => {
    const { office, number, claimant, claimed } = claimCommitmentInput.resolve(options);
    const writer = await openWriter(options, `a signer of ${office}`);
    try {
      const receipt = await writer.client.claimCommitment(claimant, claimed);
      printWrite(options, `${office}:${number} now claims the unpublished application ${claimed}`, receipt, { canonicalId: `${office}:${number}`, claimedCommitment: claimed });
    } finally {
      writer.close();
    }
  });

  withApi(
    blindedFlags(program.command("verify-blinded").description("check a priority claim of an unpublished application: its number, date and type with the applicant's access code"))
      .requiredOption("--access-code-file <file>", "the file holding the access code the applicant gave"),
  ).action(async (options: ApiOptions & BlindedFlags & { accessCodeFile: string }) => {
    const resolved = resolveApplication({ office: options.office, number: options.number, filingDate: options.filingDate, ipType: options.ipType });
    const accessCode = readAccessCode(options.accessCodeFile);
    const verdict = await apiClient(options).verifyBlinded({
      office: resolved.office,
      number: options.number,
      filingDate: resolved.spec.filingDate,
      ipType: resolved.spec.ipType,
      accessCode,
    });
    if (options.json) return printJson(verdict);
    printLine(formatBlindedVerdict(verdict, resolved.spec));
  });
}
