import type { Command } from "commander";
import { DiprError } from "../../errors.js";
import { assertIpType, parseApplicationNumber, parseIsoDate, parseOfficeCode, type IpType } from "../../domain/index.js";
import type { PriorityClaimSpec } from "../../chain/encode.js";
import { resolveApplication, resolveClaim, type ClaimInput, type ResolvedApplication } from "../../office/application-input.js";
import { openWriter, withWriteFlags, type WriteOptions } from "../write-context.js";
import { printWrite } from "./registrar.js";

/**
 * A claim typed on the command line as OFFICE:NUMBER:DATE ("US:63/512,345:2024-03-01"); a colon appears in no
 * national number format, commas and spaces do.
 */
export function parseClaimFlag(text: string): ClaimInput {
  const parts = text.split(":");
  if (parts.length !== 3 || parts.some((p) => p.trim() === "")) {
    throw new DiprError("CLI_USAGE", `a claim is OFFICE:NUMBER:DATE, e.g. US:63/512,345:2024-03-01; got ${JSON.stringify(text)}`);
  }
  return { office: parts[0]!.trim(), number: parts[1]!.trim(), filingDate: parts[2]!.trim() };
}

/** Commander's accumulator for a repeatable flag. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The flags that type one application with its claims and parent: `dipr register`'s, also `dipr sign`'s. */
export type ApplicationInputFlags = Readonly<{
  office: string;
  number: string;
  filingDate: string;
  ipType: string;
  claim?: string[];
  parent?: string;
  link?: string;
}>;

export function withApplicationInputFlags(command: Command): Command {
  return command
    .requiredOption("--office <code>", "your office's ST.3 code")
    .requiredOption("--number <number>", "the application number, in any national format (EP 25 150 123.5, 18/234,567, 特願2025-023456)")
    .requiredOption("--filing-date <date>", "the filing date, YYYY-MM-DD")
    .option("--ip-type <type>", "patent (default), utilityModel, industrialDesign or trademark", "patent")
    .option("--claim <OFFICE:NUMBER:DATE>", "a priority claim, e.g. US:63/512,345:2024-03-01 (repeat for several)", collect)
    .option("--parent <number>", "the parent application of the same office (a divisional, continuation ...)")
    .option("--link <kind>", "how it descends from --parent: divisional, continuation or continuationInPart", "divisional");
}

/** The application those flags type, checked by the domain core (nothing is sent). */
export function resolveApplicationFlags(options: ApplicationInputFlags): ResolvedApplication {
  return resolveApplication({
    office: options.office,
    number: options.number,
    filingDate: options.filingDate,
    ipType: options.ipType,
    claims: (options.claim ?? []).map(parseClaimFlag),
    ...(options.parent !== undefined && { parent: { number: options.parent, kind: options.link ?? "divisional" } }),
  });
}

/** The flags that name one application of the signer's office: the claim and correct commands'. */
export type ApplicationFlags = Readonly<{ office: string; number: string; ipType?: string }>;

/** An application a command names: office, canonical number, and "OFFICE:NUMBER" for messages. */
export type NamedApplication = Readonly<{ office: string; number: string; label: string }>;

/** The office, canonical number and IP type of the application a command names. */
function target(options: ApplicationFlags): NamedApplication {
  const office = parseOfficeCode(options.office);
  const ipType = options.ipType === undefined ? undefined : assertIpType(options.ipType);
  const number = parseApplicationNumber(office, options.number, ipType === undefined ? {} : { ipType }).applicationNumberText;
  return { office, number, label: `${office}:${number}` };
}

const applicationFlags = (command: Command) =>
  command
    .requiredOption("--office <code>", "the office of the application (ST.3 code)")
    .requiredOption("--number <number>", "the application number, in any national format")
    .option("--ip-type <type>", "patent, utilityModel, industrialDesign or trademark, where the number alone does not say (JP, CA, EM)");

/**
 * The input of one office write typed on the command line: its flags, and their resolution by the domain core
 * (nothing is sent). The direct commands (`dipr claim add` …) and the signed ones (`dipr sign claim add` …) share
 * them.
 */
export type WriteInput<Flags, Resolved> = Readonly<{ flags: (command: Command) => Command; resolve: (options: Flags) => Resolved }>;

export const claimAddInput: WriteInput<ApplicationFlags & { claim: string }, NamedApplication & { claimed: PriorityClaimSpec }> = {
  flags: (command) => applicationFlags(command).requiredOption("--claim <OFFICE:NUMBER:DATE>", "the claimed application, e.g. US:63/512,345:2024-03-01"),
  resolve: (options) => {
    const named = target(options);
    const ipType: IpType = options.ipType === undefined ? parseApplicationNumber(named.office, options.number).ipType ?? "patent" : assertIpType(options.ipType);
    return { ...named, claimed: resolveClaim(parseClaimFlag(options.claim), ipType) };
  },
};

export const claimWithdrawInput: WriteInput<ApplicationFlags & { sequence: string }, NamedApplication & { sequence: number }> = {
  flags: (command) => applicationFlags(command).requiredOption("--sequence <n>", "the claim's sequence number"),
  resolve: (options) => {
    const named = target(options);
    if (!/^\d{1,2}$/.test(options.sequence) || Number(options.sequence) < 1) throw new DiprError("CLI_USAGE", `--sequence must be a claim's sequence number, got ${JSON.stringify(options.sequence)}`);
    return { ...named, sequence: Number(options.sequence) };
  },
};

export const correctDateInput: WriteInput<ApplicationFlags & { filingDate: string }, NamedApplication & { filingDate: string }> = {
  flags: (command) => applicationFlags(command).requiredOption("--filing-date <date>", "the corrected filing date, YYYY-MM-DD"),
  resolve: (options) => ({ ...target(options), filingDate: (parseIsoDate(options.filingDate), options.filingDate) }),
};

export const correctTypeInput: WriteInput<ApplicationFlags & { to: string }, NamedApplication & { ipType: IpType }> = {
  flags: (command) => applicationFlags(command).requiredOption("--to <type>", "the corrected IP type: patent, utilityModel, industrialDesign or trademark"),
  resolve: (options) => {
    const named = target(options);
    const to = assertIpType(options.to);
    // At offices whose numbers do not carry the type (JP, CA, EM), the type is part of dipr's number: another
    // type is another application there, not a correction of this one.
    const renumbered = parseApplicationNumber(named.office, options.number, { ipType: to }).applicationNumberText;
    if (renumbered !== named.number) {
      throw new DiprError("IP_TYPE_MISMATCH", `at ${named.office} the IP type is part of the number: as a ${to}, ${options.number} is ${named.office}:${renumbered}, another application; register that one instead`, {
        office: named.office,
        number: named.number,
        renumbered,
      });
    }
    return { ...named, ipType: to };
  },
};

/** `dipr register`'s input, as a {@link WriteInput}. */
export const registerInput: WriteInput<ApplicationInputFlags, ResolvedApplication> = { flags: withApplicationInputFlags, resolve: resolveApplicationFlags };

/** An office signer's commands: register, claim add|withdraw, correct date|type. */
export function addRecordCommands(program: Command): void {
  withWriteFlags(registerInput.flags(program.command("register").description("register one application of your office, with its priority claims"))).action(
    async (options: WriteOptions & ApplicationInputFlags) => {
    const resolved = registerInput.resolve(options);
    const writer = await openWriter(options, `a signer of ${resolved.office}`);
    try {
      const { receipt } = await writer.client.registerApplication(resolved.office, resolved.spec);
      const claims = resolved.spec.claims?.length ?? 0;
      printWrite(options, `registered ${resolved.canonicalId}, filed ${resolved.spec.filingDate}, ${claims} priority claim${claims === 1 ? "" : "s"}`, receipt, {
        canonicalId: resolved.canonicalId,
        applicationId: resolved.applicationId,
      });
    } finally {
      writer.close();
    }
  });

  const claim = program.command("claim").description("an office signer's commands: add or withdraw a priority claim of an application of its office");
  withWriteFlags(claimAddInput.flags(claim.command("add").description("add a priority claim to an application"))).action(async (options: WriteOptions & ApplicationFlags & { claim: string }) => {
    const { office, number, label, claimed } = claimAddInput.resolve(options);
    const writer = await openWriter(options, `a signer of ${office}`);
    try {
      const receipt = await writer.client.addPriorityClaim(office, number, claimed);
      printWrite(options, `${label} now claims ${claimed.office}:${claimed.number} of ${claimed.filingDate}`, receipt, { claimed });
    } finally {
      writer.close();
    }
  });
  withWriteFlags(claimWithdrawInput.flags(claim.command("withdraw").description("withdraw a priority claim, by its sequence number (dipr show lists them)"))).action(
    async (options: WriteOptions & ApplicationFlags & { sequence: string }) => {
      const { office, number, label, sequence } = claimWithdrawInput.resolve(options);
      const writer = await openWriter(options, `a signer of ${office}`);
      try {
        const receipt = await writer.client.withdrawPriorityClaim(office, number, sequence);
        printWrite(options, `withdrew claim ${sequence} of ${label}`, receipt, { sequence });
      } finally {
        writer.close();
      }
    },
  );

  const correct = program.command("correct").description("an office signer's commands: correct the filing date or IP type of an application of its office");
  withWriteFlags(correctDateInput.flags(correct.command("date").description("correct the filing date (every active claim must stay earlier)"))).action(
    async (options: WriteOptions & ApplicationFlags & { filingDate: string }) => {
      const { office, number, label, filingDate } = correctDateInput.resolve(options);
      const writer = await openWriter(options, `a signer of ${office}`);
      try {
        const receipt = await writer.client.correctFilingDate(office, number, filingDate);
        printWrite(options, `corrected the filing date of ${label} to ${filingDate}`, receipt, { filingDate });
      } finally {
        writer.close();
      }
    },
  );
  withWriteFlags(correctTypeInput.flags(correct.command("type").description("correct the IP type"))).action(async (options: WriteOptions & ApplicationFlags & { to: string }) => {
    const { office, number, label, ipType } = correctTypeInput.resolve(options);
    const writer = await openWriter(options, `a signer of ${office}`);
    try {
      const receipt = await writer.client.correctIpType(office, number, ipType);
      printWrite(options, `corrected the IP type of ${label} to ${ipType}`, receipt, { ipType });
    } finally {
      writer.close();
    }
  });
}
