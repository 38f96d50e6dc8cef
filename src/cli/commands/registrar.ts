import type { Command } from "commander";
import { DEFAULT_HANDOVER_DELAY_SECONDS, deployRegister, writeDeployment } from "../../chain/deployment.js";
import { DiprError } from "../../errors.js";
import { parseOfficeCode } from "../../domain/index.js";
import type { Office } from "../../api-client/index.js";
import { apiClient, withApi, type ApiOptions } from "../api-options.js";
import { printJson, printLine } from "../print.js";
import { openSigner, openWriter, withWriteFlags, type WriteOptions } from "../write-context.js";

type Receipt = Readonly<{ hash: string; blockNumber: number; gasUsed: bigint }>;

/** What a write prints: one line in words, or JSON with the transaction. */
export function printWrite(options: WriteOptions, words: string, receipt: Receipt, extra: Record<string, unknown> = {}): void {
  if (options.json) printJson({ ...extra, transactionHash: receipt.hash, blockNumber: receipt.blockNumber, gasUsed: Number(receipt.gasUsed) });
  else printLine(`${words} (block ${receipt.blockNumber}, transaction ${receipt.hash})`);
}

const address = (value: string, flag: string): string => {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new DiprError("CLI_USAGE", `${flag} must be a 0x-prefixed 20-byte address, got ${JSON.stringify(value)}`);
  return value;
};

/** `dipr deploy` and the registrar's `dipr office …` commands. */
export function addRegistrarCommands(program: Command): void {
  withWriteFlags(
    program
      .command("deploy")
      .description("deploy a new register to the chain and write its deployment record (deployments/<chainId>.json)")
      .option("--registrar <address>", "the registrar account (DIPR_REGISTRAR; default the deploying account)")
      .option("--handover-delay <seconds>", `seconds a registrar handover waits before the successor may accept (default ${DEFAULT_HANDOVER_DELAY_SECONDS})`)
      .option("--deployments-dir <dir>", "where to write the record (DIPR_DEPLOYMENTS_DIR, default deployments)"),
  ).action(async (options: WriteOptions & { registrar?: string; handoverDelay?: string; deploymentsDir?: string }) => {
    const delay = options.handoverDelay === undefined ? DEFAULT_HANDOVER_DELAY_SECONDS : Number(options.handoverDelay);
    if (!Number.isInteger(delay) || delay < 0 || delay > 2 ** 47) throw new DiprError("CLI_USAGE", `--handover-delay must be whole seconds, got ${JSON.stringify(options.handoverDelay)}`);
    const writer = await openSigner(options, "any account with funds", () => "a new register", {
      ...(options.registrar !== undefined && { DIPR_REGISTRAR: options.registrar }),
      ...(options.deploymentsDir !== undefined && { DIPR_DEPLOYMENTS_DIR: options.deploymentsDir }),
    });
    try {
      const deployment = await deployRegister({ signer: writer.signer, registrar: writer.config.registrar, handoverDelaySeconds: delay });
      const path = writeDeployment(writer.config.deploymentsDir, deployment);
      if (options.json) printJson({ ...deployment, path });
      else printLine(`register deployed at ${deployment.address} on chain ${deployment.chainId} (block ${deployment.blockNumber}); registrar ${deployment.registrar}; wrote ${path}`);
    } finally {
      writer.close();
    }
  });

  const office = program.command("office").description("the registrar's commands: admit, suspend, reinstate an office, reset its keys; list the offices");

  withWriteFlags(
    office
      .command("admit")
      .description("admit an office with its name and first admin account")
      .argument("<code>", "the office's ST.3 code, e.g. GB")
      .requiredOption("--name <name>", "the office's name")
      .requiredOption("--admin <address>", "the office's first admin account"),
  ).action(async (code: string, options: WriteOptions & { name: string; admin: string }) => {
    const officeCode = parseOfficeCode(code);
    const admin = address(options.admin, "--admin");
    const writer = await openWriter(options, "the registrar");
    try {
      const receipt = await writer.client.admitOffice(officeCode, options.name, admin);
      printWrite(options, `admitted ${officeCode} (${options.name}) with admin ${admin}`, receipt, { office: officeCode, admin });
    } finally {
      writer.close();
    }
  });

  for (const [name, verb, description] of [
    ["suspend", "suspended", "stop every write of an office (records and new keys); its records stay"],
    ["reinstate", "reinstated", "let a suspended office write again"],
  ] as const) {
    withWriteFlags(office.command(name).description(description).argument("<code>", "the office's ST.3 code")).action(async (code: string, options: WriteOptions) => {
      const officeCode = parseOfficeCode(code);
      const writer = await openWriter(options, "the registrar");
      try {
        const receipt = name === "suspend" ? await writer.client.suspendOffice(officeCode) : await writer.client.reinstateOffice(officeCode);
        printWrite(options, `${verb} ${officeCode}`, receipt, { office: officeCode });
      } finally {
        writer.close();
      }
    });
  }

  withWriteFlags(
    office
      .command("reset-keys")
      .description("recover a suspended office whose admin key is lost or taken: every key of the office loses its role, and the given account becomes its only admin")
      .argument("<code>", "the office's ST.3 code")
      .requiredOption("--admin <address>", "the office's new admin account"),
  ).action(async (code: string, options: WriteOptions & { admin: string }) => {
    const officeCode = parseOfficeCode(code);
    const admin = address(options.admin, "--admin");
    const writer = await openWriter(options, "the registrar");
    try {
      const receipt = await writer.client.resetOfficeKeys(officeCode, admin);
      printWrite(options, `reset the keys of ${officeCode}: ${admin} is its only admin; reinstate it, then add its signers`, receipt, { office: officeCode, admin });
    } finally {
      writer.close();
    }
  });

  withApi(office.command("list").description("the offices on the register, as the node's query API reports them")).action(async (options: ApiOptions) => {
    const offices = await apiClient(options).offices();
    if (options.json) printJson({ offices });
    else printLine(formatOffices(offices));
  });

  const signer = program.command("signer").description("an office admin's commands: add and remove the office's signer keys; list them");
  for (const [name, verb] of [
    ["add", "added"],
    ["remove", "removed"],
  ] as const) {
    withWriteFlags(
      signer
        .command(name)
        .description(name === "add" ? "grant an account the office's signer role" : "revoke an account's signer role (works while the office is suspended)")
        .argument("<office>", "the office's ST.3 code")
        .argument("<address>", "the signer account"),
    ).action(async (code: string, account: string, options: WriteOptions) => {
      const officeCode = parseOfficeCode(code);
      const target = address(account, "<address>");
      const writer = await openWriter(options, `an admin of ${officeCode}`);
      try {
        const receipt = name === "add" ? await writer.client.grantSigner(officeCode, target) : await writer.client.revokeSigner(officeCode, target);
        printWrite(options, `${verb} ${target} as a ${officeCode} signer`, receipt, { office: officeCode, account: target });
      } finally {
        writer.close();
      }
    });
  }
  withApi(signer.command("list").description("the accounts that hold an office's signer role now").argument("<office>", "the office's ST.3 code")).action(
    async (code: string, options: ApiOptions) => {
      const found = await apiClient(options).office(parseOfficeCode(code));
      if (options.json) printJson({ office: found.ipOfficeCode, signers: found.signers });
      else printLine(formatSigners(found));
    },
  );
}

/** One line per office: code, status, signers, key resets, name. */
export function formatOffices(offices: readonly Office[]): string {
  if (offices.length === 0) return "no office is on the register yet";
  return offices
    .map((o) => `${o.ipOfficeCode}  ${o.status.padEnd(9)}  ${String(o.signerCount).padStart(2)} signer${o.signerCount === 1 ? " " : "s"}${o.keyEpoch > 0 ? `  keys reset ${o.keyEpoch}x` : ""}  ${o.name}`)
    .join("\n");
}

export function formatSigners(office: Office): string {
  if (office.signers.length === 0) return `${office.ipOfficeCode} has no signer`;
  return office.signers.map((s) => `${s.account}  granted in block ${s.grantedAt.blockNumber}`).join("\n");
}
