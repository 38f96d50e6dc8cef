import { readFileSync, statSync, writeFileSync } from "node:fs";
import { extname } from "node:path";
import type { Command } from "commander";
import { Contract } from "ethers";
import { createRegisterClient } from "../../chain/register-client.js";
import { applicationIdOf, loadRegisterArtifact, type Hex } from "../../chain/register-contract.js";
import { loadConfig } from "../../config.js";
import {
  assertDocumentSize,
  documentIdOf,
  documentReferenceFromChain,
  documentReferenceToChain,
  fetchDocument,
  MEDIA_TYPES_BY_EXTENSION,
  parseDocumentReference,
  sha256Of,
  type AccessCodeOpening,
} from "../../documents/index.js";
import {
  assertDocumentKind,
  assertIpType,
  internationalReferenceKindToCode,
  parseApplicationNumber,
  parseInternationalReference,
  parseOfficeCode,
  type IpType,
} from "../../domain/index.js";
import { DiprError } from "../../errors.js";
import { apiClient, withApi, type ApiOptions } from "../api-options.js";
import { documentUrl, openDocumentStorage } from "../document-storage.js";
import { KEY_FLAGS, resolveSigner, type KeyOptions } from "../keys.js";
import { defaultDataDir } from "../node-target.js";
import { printJson, printLine } from "../print.js";
import { connectChain, findRegister, openWriter, withWriteFlags, writeOverrides, type WriteOptions } from "../write-context.js";
import { printWrite } from "./registrar.js";

const HEX32 = /^0x[0-9a-fA-F]{64}$/;

/** What a document command names: an application by OFFICE:NUMBER, or a blinded one by its commitment. */
type SubjectFlags = Readonly<{ application?: string; commitment?: string; ipType?: string }>;

type Subject = Readonly<{ id: Hex; label: string; api: { office: string; number: string } | { commitment: string } }>;

const subjectFlags = (command: Command) =>
  command
    .option("--application <OFFICE:NUMBER>", "the application, e.g. EP:23123456.8 or \"EP 23 123 456.8\" (the number in any format its office uses)")
    .option("--commitment <0x…>", "an unpublished application, by its commitment")
    .option("--ip-type <type>", "patent, utilityModel, industrialDesign or trademark, where the number alone does not say (JP, CA, EM)");

/**
 * The application a command names. An `OFFICE:NUMBER` (or `OFFICE NUMBER`) is parsed by the office's number rules,
 * as everywhere else; a commitment is taken as given.
 * @throws DiprError CLI_USAGE, and the number rules' codes
 */
export function resolveSubject(options: SubjectFlags): Subject {
  if ((options.application === undefined) === (options.commitment === undefined)) {
    throw new DiprError("CLI_USAGE", "name the application with --application OFFICE:NUMBER, or an unpublished one with --commitment 0x…");
  }
  if (options.commitment !== undefined) {
    if (!HEX32.test(options.commitment)) throw new DiprError("CLI_USAGE", `--commitment must be 0x and 64 hex digits, got ${JSON.stringify(options.commitment)}`);
    const commitment = options.commitment.toLowerCase() as Hex;
    return { id: commitment, label: `commitment ${commitment}`, api: { commitment } };
  }
  const match = /^\s*([A-Za-z]{2})\s*[:\s]\s*(\S.*)$/.exec(options.application!);
  if (match === null) throw new DiprError("CLI_USAGE", `--application is OFFICE:NUMBER, e.g. EP:23123456.8; got ${JSON.stringify(options.application)}`);
  const office = parseOfficeCode(match[1]!);
  const ipType = options.ipType === undefined ? undefined : assertIpType(options.ipType);
  const parsed = parseApplicationNumber(office, match[2]!, ipType === undefined ? {} : { ipType });
  return { id: applicationIdOf(office, parsed.applicationNumberText) as Hex, label: parsed.canonicalId, api: { office, number: parsed.applicationNumberText } };
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch (error) {
    throw new DiprError("CLI_USAGE", `the file ${file} cannot be read (${(error as Error).message})`, { file }, { cause: error });
  }
}

function readFile(file: string, flag: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new DiprError("CLI_USAGE", `${flag} ${file} cannot be read (${(error as Error).message})`, { file }, { cause: error });
  }
}

type AddOptions = WriteOptions & SubjectFlags & { kind: string; date: string; mediaType?: string; publicUrl?: string; dataDir?: string };
type GetOptions = KeyOptions & Readonly<{ office: string; out?: string; rpc?: string; register?: string; json?: boolean }> & AccessCodeFlags;
type AccessCodeFlags = Readonly<{ accessCodeFile?: string; number?: string; filingDate?: string }> & Pick<SubjectFlags, "ipType">;

/** The access code opening of `dipr document get`: the code from a file (never a flag value) and what it opens. */
function openingOf(options: AccessCodeFlags): AccessCodeOpening | undefined {
  if (options.accessCodeFile === undefined) return undefined;
  if (options.number === undefined || options.filingDate === undefined) {
    throw new DiprError("CLI_USAGE", "--access-code-file opens an application with its --number and --filing-date (and --ip-type): give them too");
  }
  const code = readFile(options.accessCodeFile, "--access-code-file").toString("utf8").trim();
  // The file's content is a secret: say what is wrong without printing it.
  if (!HEX32.test(code)) throw new DiprError("CLI_USAGE", `--access-code-file ${options.accessCodeFile} must hold one access code, 0x and 64 hex digits`);
  const ipType: IpType = options.ipType === undefined ? "patent" : assertIpType(options.ipType);
  return { accessCode: code.toLowerCase() as Hex, number: options.number, filingDate: options.filingDate, ipType };
}

/** An office's commands for shared documents (Recommendation 15) and international references (Recommendation 12). */
export function addDocumentCommands(program: Command): void {
  const document = program.command("document").description("search and examination documents shared with the offices of a family: add, list, get");

  withWriteFlags(
    subjectFlags(
      document
        .command("add")
        .description("store a document of your office's application in your node's storage and record its reference (kind, date, SHA-256, URL) on the register")
        .argument("<file>", "the document"),
    )
      .requiredOption("--kind <kind>", "searchReport, writtenOpinion, examinationReport, officeAction, grant or refusal")
      .requiredOption("--date <date>", "the document's date, YYYY-MM-DD")
      .option("--media-type <type>", "the document's media type (default: from the file's extension, e.g. application/pdf)")
      .option("--public-url <url>", "your node's API as other offices reach it (DIPR_PUBLIC_URL; default http://DIPR_API_HOST:DIPR_API_PORT)")
      .option("--data-dir <dir>", "your node's data directory, whose documents/ it serves (DIPR_DATA_DIR; S3 settings: DIPR_DOCUMENTS_S3_*)"),
  ).action(async (file: string, options: AddOptions) => {
    const subject = resolveSubject(options);
    const kind = assertDocumentKind(options.kind);
    // Refused before it is read, so a file too large to hold in memory is not read into it first.
    assertDocumentSize(fileSize(file), `the file ${file}`);
    const bytes = readFile(file, "the file");
    const mediaType = options.mediaType ?? MEDIA_TYPES_BY_EXTENSION[extname(file).toLowerCase()];
    if (mediaType === undefined) throw new DiprError("CLI_USAGE", `the media type of ${file} is not known from its extension: give --media-type, e.g. application/pdf`);
    const overrides = {
      ...(options.publicUrl !== undefined && { DIPR_PUBLIC_URL: options.publicUrl }),
      ...(options.dataDir !== undefined && { DIPR_DATA_DIR: options.dataDir }),
    };
    const writer = await openWriter(options, `a signer of the application's office`, overrides);
    try {
      const sha256 = sha256Of(bytes);
      const documentId = documentIdOf({ applicationId: subject.id, sha256, kind, date: options.date });
      const reference = parseDocumentReference({ applicationId: subject.id, kind, date: options.date, sha256, mediaType, url: documentUrl(writer.config, documentId) });
      // The bytes are stored before the reference is recorded: a reference on the register never points at nothing.
      const storage = await openDocumentStorage(writer.config, writer.config.dataDir ?? defaultDataDir(writer.chainId, writer.registerAddress));
      try {
        await storage.put(bytes);
      } finally {
        await storage.close();
      }
      const { receipt } = await writer.client.recordDocument(subject.id, documentReferenceToChain(reference), subject.label);
      printWrite(options, `recorded the ${kind} of ${reference.date} of ${subject.label} as document ${documentId} (${bytes.length} bytes, SHA-256 ${sha256}), served at ${reference.url}`, receipt, {
        documentId,
        ...reference,
        size: bytes.length,
      });
    } finally {
      writer.close();
    }
  });

  withApi(subjectFlags(document.command("list").description("the documents recorded for an application: kind, date, id, where its office serves it"))).action(
    async (options: ApiOptions & SubjectFlags) => {
      const subject = resolveSubject(options);
      const list = await apiClient(options).documents(subject.api);
      if (options.json) return printJson(list);
      if (list.documents.length === 0) return printLine(`no documents recorded for ${subject.label}`);
      for (const d of list.documents) {
        const note = d.problems === undefined ? "" : `  (not fetchable: ${d.problems.map((p) => `${p.target} ${p.code}`).join(", ")})`;
        printLine(`${d.date}  ${d.kind.padEnd(17)}  ${d.documentId}  ${d.ipOfficeCode}  ${d.mediaType}  ${d.url}${note}`);
      }
    },
  );

  const get = document
    .command("get")
    .description("fetch a document from its office's node with a request signed by your office's signer key, and check it against the register's SHA-256")
    .argument("<documentId>", "the document's id on the register (0x and 64 hex digits)")
    .requiredOption("--office <code>", "your office (the signer key must be a current signer of it)")
    .option("--out <file>", "write the document here (default: stdout, when it is not a terminal)")
    .option("--access-code-file <file>", "the application's access code (from its applicant), when your office has no application in its family")
    .option("--number <number>", "with --access-code-file: the application's number")
    .option("--filing-date <date>", "with --access-code-file: its filing date")
    .option("--ip-type <type>", "with --access-code-file: its IP type (default patent)")
    .option("--rpc <url>", "the chain's JSON-RPC endpoint (DIPR_RPC_URL, default http://127.0.0.1:8545)")
    .option("--register <address>", "the register's address (DIPR_REGISTER_ADDRESS; default the deployment record of the chain)");
  for (const [flags, description] of KEY_FLAGS) get.option(flags, description);
  get.option("--json", "print what was fetched as JSON (with --out)").action(async (id: string, options: GetOptions) => {
    if (!HEX32.test(id)) throw new DiprError("CLI_USAGE", `the document id must be 0x and 64 hex digits, got ${JSON.stringify(id)}`);
    const documentId = id.toLowerCase() as Hex;
    const office = parseOfficeCode(options.office);
    const opening = openingOf(options);
    if (options.out === undefined && process.stdout.isTTY === true) throw new DiprError("CLI_USAGE", "give --out FILE, or pipe the document: it is not text for a terminal");
    const config = loadConfig(process.env, writeOverrides(options));
    const { provider, chainId } = await connectChain(config.rpcUrl);
    try {
      const registerAddress = findRegister(config, chainId);
      const interactive = process.stdin.isTTY === true && process.stderr.isTTY === true;
      const signer = await resolveSigner(options, { privateKey: config.privateKey, keystorePassword: config.keystorePassword, interactive }, provider);
      // The reference is read from the register itself: the bytes are checked against its hash, not a node's word.
      const client = createRegisterClient({ register: new Contract(registerAddress, loadRegisterArtifact().abi, provider) });
      const recorded = await client.findDocument(documentId);
      if (recorded === undefined) throw new DiprError("DOCUMENT_NOT_FOUND", `the register holds no document ${documentId}`, { documentId });
      const reference = documentReferenceFromChain(recorded);
      const bytes = await fetchDocument({
        url: reference.url,
        documentId,
        sha256: reference.sha256,
        signer,
        office,
        register: { chainId, address: registerAddress },
        nowSeconds: Math.floor(Date.now() / 1000),
        ...(opening === undefined ? {} : { accessCode: opening }),
      });
      const summary = { documentId, kind: reference.kind, date: reference.date, mediaType: reference.mediaType, sha256: reference.sha256, size: bytes.length, from: reference.url };
      if (options.out === undefined) {
        process.stdout.write(bytes);
        process.stderr.write(`fetched the ${reference.kind} of ${reference.date} (${bytes.length} bytes); its SHA-256 matches the register\n`);
        return;
      }
      writeFileSync(options.out, bytes);
      if (options.json) printJson({ ...summary, out: options.out });
      else printLine(`fetched the ${reference.kind} of ${reference.date} (${reference.mediaType}, ${bytes.length} bytes) into ${options.out}; its SHA-256 matches the register`);
    } finally {
      provider.destroy();
    }
  });

  const international = program.command("international").description("international references of an application (PCT, Madrid, Hague numbers, WIPO CASE dossiers): add, list");

  withWriteFlags(
    subjectFlags(international.command("add").description("record an international reference of your office's application on the register"))
      .requiredOption("--kind <kind>", "pctApplication, madridRegistration, hagueRegistration or wipoCaseDossier")
      .requiredOption("--reference <text>", "the reference as written: PCT/EP2024/012345, 1234567, DM/123456, EP 23123456.8"),
  ).action(async (options: WriteOptions & SubjectFlags & { kind: string; reference: string }) => {
    const subject = resolveSubject(options);
    const reference = parseInternationalReference(options.kind, options.reference);
    const writer = await openWriter(options, "a signer of the application's office");
    try {
      const receipt = await writer.client.recordInternationalReference(subject.id, internationalReferenceKindToCode(reference.kind), reference.text, subject.label);
      printWrite(options, `recorded ${reference.kind} ${reference.text} (${reference.canonicalId}) for ${subject.label}`, receipt, {
        application: subject.label,
        kind: reference.kind,
        text: reference.text,
        canonicalId: reference.canonicalId,
      });
    } finally {
      writer.close();
    }
  });

  withApi(subjectFlags(international.command("list").description("the international references recorded for an application"))).action(async (options: ApiOptions & SubjectFlags) => {
    const subject = resolveSubject(options);
    const list = await apiClient(options).internationalReferences(subject.api);
    if (options.json) return printJson(list);
    if (list.internationalReferences.length === 0) return printLine(`no international references recorded for ${subject.label}`);
    for (const r of list.internationalReferences) {
      printLine(`${r.kind.padEnd(18)}  ${r.text}${r.canonicalId === undefined ? `  (not read: ${r.problem?.code ?? "?"})` : `  ${r.canonicalId}`}`);
    }
  });
}
