import { readFileSync } from "node:fs";
import { Option } from "commander";
import { isClaimError, type ClaimToVerify, type FamilyKind } from "../../api-client/index.js";
import { apiClient, withApi, type ApiOptions } from "../api-options.js";
import { IP_TYPES } from "../../domain/index.js";
import { DiprError } from "../../errors.js";
import { parseClaimsCsv, verdictsToCsv, type NumberedVerdict } from "../claims-csv.js";
import {
  formatApplication,
  formatBlindedApplication,
  formatClaimants,
  formatCommitmentClaimants,
  formatCommitmentList,
  formatFamilyTree,
  formatHistory,
  formatVerdict,
  formatVerdictTable,
} from "../examiner-format.js";
import { printJson, printLine } from "../print.js";
import type { CommandGroup } from "./index.js";

// The examiner's commands: they read a node's query API (never the chain). Handlers parse options, call the API
// client and the formatters, print.

/** The width tables fill: the terminal's, or 100 columns when the output is a file or a pipe. */
const width = () => (process.stdout.isTTY ? Math.max(60, process.stdout.columns) : 100);

type VerifyOptions = ApiOptions & {
  claims?: string;
  format?: "table" | "csv" | "json";
  office?: string;
  number?: string;
  filingDate?: string;
  ipType?: ClaimToVerify["ipType"];
  claimantOffice?: string;
  claimantFilingDate?: string;
  claimantIpType?: ClaimToVerify["claimantIpType"];
};

const CLAIM_FLAGS = [
  ["office", "--office"],
  ["number", "--number"],
  ["filingDate", "--filing-date"],
  ["claimantOffice", "--claimant-office"],
  ["claimantFilingDate", "--claimant-filing-date"],
] as const;

/** The one claim the flags give; every missing flag is named at once. */
export function claimFromFlags(options: VerifyOptions): ClaimToVerify {
  const missing = CLAIM_FLAGS.filter(([key]) => options[key] === undefined).map(([, flag]) => flag);
  if (missing.length > 0) {
    throw new DiprError("CLI_USAGE", `verify needs ${missing.join(", ")} (or --claims FILE); see dipr verify --help.`, { missing });
  }
  const ipType = options.ipType ?? "patent";
  return {
    office: options.office!,
    number: options.number!,
    filingDate: options.filingDate!,
    ipType,
    claimantOffice: options.claimantOffice!,
    claimantFilingDate: options.claimantFilingDate!,
    claimantIpType: options.claimantIpType ?? ipType,
  };
}

function outputFormat(options: VerifyOptions): "table" | "csv" | "json" {
  if (options.json && options.format !== undefined && options.format !== "json") {
    throw new DiprError("CLI_USAGE", `--json and --format ${options.format} ask for two formats; give one.`);
  }
  return options.json ? "json" : (options.format ?? "table");
}

function readClaimsFile(path: string): string {
  try {
    return readFileSync(path === "-" ? 0 : path, "utf8");
  } catch (error) {
    throw new DiprError("CLAIMS_FILE_INVALID", `cannot read ${path}: ${(error as Error).message}`, { path }, { cause: error });
  }
}

async function verifyCommand(options: VerifyOptions): Promise<void> {
  const format = outputFormat(options);
  if (options.claims !== undefined) {
    const given = CLAIM_FLAGS.filter(([key]) => options[key] !== undefined).map(([, flag]) => flag);
    if (given.length > 0 || options.ipType !== undefined || options.claimantIpType !== undefined) {
      throw new DiprError("CLI_USAGE", "--claims FILE verifies the claims of the file; give no claim flags with it.");
    }
    const client = apiClient(options);
    const claims = parseClaimsCsv(readClaimsFile(options.claims), options.claims === "-" ? "standard input" : options.claims);
    const entries = await client.verifyBatch(claims.map((c) => c.claim));
    const verdicts: NumberedVerdict[] = entries.map((entry, i) => ({ line: claims[i]!.line, entry }));
    if (format === "json") printJson({ verdicts: verdicts.map(({ line, entry }) => ({ line, ...entry })) });
    else if (format === "csv") process.stdout.write(verdictsToCsv(verdicts));
    else printLine(formatVerdictTable(verdicts, width()));
    const rejected = verdicts.filter(({ entry }) => isClaimError(entry));
    if (rejected.length > 0) {
      // Every other claim has its verdict above; the rejected ones are input to fix, so the exit code says so.
      throw new DiprError(
        "API_VALIDATION_FAILED",
        `${rejected.length} of ${verdicts.length} claims were rejected (line ${rejected.map((r) => r.line).join(", ")}); each has its errors in its row.`,
        { lines: rejected.map((r) => r.line) },
      );
    }
    return;
  }
  const claim = claimFromFlags(options);
  const verdict = await apiClient(options).verify(claim);
  if (format === "json") printJson(verdict);
  else if (format === "csv") process.stdout.write(verdictsToCsv([{ entry: verdict }]));
  else printLine(formatVerdict(verdict, width()));
}

type CommitmentOption = { commitment?: string };

/**
 * What `show`, `family` and `claimants` are asked about: an application by `<office> <number>`, or an unpublished
 * one by `--commitment 0x…` instead.
 */
function subjectOf(command: string, office: string | undefined, number: string | undefined, options: CommitmentOption): { office: string; number: string } | { commitment: string } {
  if (options.commitment !== undefined) {
    if (office !== undefined) throw new DiprError("CLI_USAGE", `${command} takes <office> <number> or --commitment, not both.`);
    if (!/^0x[0-9a-fA-F]{64}$/.test(options.commitment)) throw new DiprError("CLI_USAGE", `--commitment must be 0x and 64 hex digits, got ${JSON.stringify(options.commitment)}.`);
    return { commitment: options.commitment.toLowerCase() };
  }
  if (office === undefined || number === undefined) throw new DiprError("CLI_USAGE", `${command} needs <office> <number>, or --commitment 0x… for an unpublished application; see dipr ${command} --help.`);
  return { office, number };
}

const COMMITMENT_FLAG = ["--commitment <0x…>", "an unpublished application, by its commitment, instead of <office> <number>"] as const;

/** `dipr verify`, `show`, `history`, `family`, `claimants` and `commitments`: the examiner's reads of a node's query API. */
export const addExaminerCommands: CommandGroup = (program) => {
  const ipType = (flag: string, text: string) => new Option(flag, text).choices(IP_TYPES);
  withApi(
    program
      .command("verify")
      .description("check a priority claim against the register: one from flags, or a CSV file of claims (exit 0 whatever the verdict)")
      .option("--office <code>", "the claimed application's office (ST.3), e.g. US")
      .option("--number <number>", "the claimed application's number, in any format its office uses, e.g. 63/100,001")
      .option("--filing-date <date>", "the claimed filing date, YYYY-MM-DD")
      .addOption(ipType("--ip-type <type>", "the claimed application's IP type (default patent)"))
      .option("--claimant-office <code>", "the office of the later application that makes the claim, e.g. EP")
      .option("--claimant-filing-date <date>", "the later application's filing date, YYYY-MM-DD")
      .addOption(ipType("--claimant-ip-type <type>", "the later application's IP type (default: the claimed one's)"))
      .option("--claims <file>", "a CSV file of claims (- for standard input), header: office,number,filingDate,ipType,claimantOffice,claimantFilingDate,claimantIpType")
      .addOption(new Option("--format <format>", "table (default), csv or json").choices(["table", "csv", "json"])),
  )
    .addHelpText(
      "after",
      `
Examples:
  dipr verify --office US --number 63/100,001 --filing-date 2023-01-10 --claimant-office EP --claimant-filing-date 2024-01-08
  dipr verify --claims claims.csv --format csv > verdicts.csv

Outcomes: verified, verifiedRestorable, mismatch, late, invalid, notRegistered, unknownOffice (docs/verdicts.md).
Exit codes: 0 every claim has a verdict (whatever it is), 1 a claim or the file was rejected, 2 usage, 3 the API
cannot be reached.`,
    )
    .action((options: VerifyOptions) => verifyCommand(options));

  withApi(
    program
      .command("show")
      .description("an application as its office registered it, with its priority claims; or an unpublished one's blinded record (--commitment)")
      .argument("[office]")
      .argument("[number]", "in any format the office uses")
      .option(...COMMITMENT_FLAG),
  ).action(async (office: string | undefined, number: string | undefined, options: ApiOptions & CommitmentOption) => {
    const subject = subjectOf("show", office, number, options);
    if ("commitment" in subject) {
      const record = await apiClient(options).commitment(subject.commitment);
      if (options.json) printJson(record);
      else printLine(formatBlindedApplication(record, width()));
      return;
    }
    const application = await apiClient(options).application(subject.office, subject.number);
    if (options.json) printJson(application);
    else printLine(formatApplication(application, width()));
  });

  withApi(program.command("history").description("every event of an application on the register, with its block and block time").argument("<office>").argument("<number>", "in any format the office uses")).action(
    async (office: string, number: string, options: ApiOptions) => {
      const client = apiClient(options);
      // The answer's own id: the canonical one, however the number was typed.
      const [history, application] = await Promise.all([client.history(office, number), client.application(office, number)]);
      if (options.json) printJson({ canonicalId: application.canonicalId, history });
      else printLine(formatHistory(application.canonicalId, history, width()));
    },
  );

  withApi(
    program
      .command("family")
      .description("an application's family as a tree: first filings at the top, then who claims their priority or derives from them")
      .argument("[office]")
      .argument("[number]", "in any format the office uses; a number that is only claimed has a family too")
      .option(...COMMITMENT_FLAG)
      .addOption(new Option("--kind <kind>", "extended (every connected application) or simple (the same priorities)").choices(["extended", "simple"]).default("extended")),
  ).action(async (office: string | undefined, number: string | undefined, options: ApiOptions & CommitmentOption & { kind: FamilyKind }) => {
    const subject = subjectOf("family", office, number, options);
    const client = apiClient(options);
    const family = "commitment" in subject ? await client.commitmentFamily(subject.commitment, options.kind) : await client.family(subject.office, subject.number, options.kind);
    if (options.json) printJson(family);
    else printLine(formatFamilyTree(family));
  });

  withApi(
    program
      .command("claimants")
      .description("the applications that claim this one (or any number) as priority, withdrawn claims included; or who claims an unpublished one (--commitment)")
      .argument("[office]")
      .argument("[number]", "in any format the office uses")
      .option(...COMMITMENT_FLAG),
  ).action(async (office: string | undefined, number: string | undefined, options: ApiOptions & CommitmentOption) => {
    const subject = subjectOf("claimants", office, number, options);
    if ("commitment" in subject) {
      const claimants = await apiClient(options).commitmentClaimants(subject.commitment);
      if (options.json) printJson(claimants);
      else printLine(formatCommitmentClaimants(claimants));
      return;
    }
    const claimants = await apiClient(options).allClaimants(subject.office, subject.number);
    if (options.json) printJson(claimants);
    else printLine(formatClaimants(claimants, width()));
  });

  withApi(
    program
      .command("commitments")
      .description("unpublished applications on the register (blinded records): every one, one office's, or the overdue ones")
      .option("--office <code>", "one office's only (ST.3 code)")
      .option("--overdue", "only those still unrevealed 18 months after they were recorded, oldest first"),
  )
    .addHelpText(
      "after",
      `
Overdue: the register holds no filing date of an unpublished application, only when its commitment was recorded (its
block's time), and an office records an application on or after its filing; so a commitment still unrevealed 18
months after it was recorded is certainly more than 18 months past its filing date. Counted as of the chain's time
as the node has indexed it.`,
    )
    .action(async (options: ApiOptions & { office?: string; overdue?: boolean }) => {
      const filter = { ...(options.office === undefined ? {} : { office: options.office }), overdue: options.overdue === true };
      const list = await apiClient(options).allCommitments(filter);
      if (options.json) printJson(list);
      else printLine(formatCommitmentList(list, filter));
    });
};
