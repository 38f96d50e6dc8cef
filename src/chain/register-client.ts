import type { Contract, ContractTransactionReceipt, ContractTransactionResponse, EventLog } from "ethers";
import { epochDayToIso, ipTypeFromIndex, type IpType } from "../domain/index.js";
import { LINK_KINDS, type ApplicationSpec, type LinkKind, type PriorityClaimSpec } from "./encode.js";
import { DiprError, isDiprError } from "../errors.js";
import { planBatches, splitInHalf, TRANSACTION_GAS_CAP, type BatchLimits } from "./batch-plan.js";
import { readRecordedClaims } from "./recorded-claims.js";
import type { SignedWrite } from "./signed-writes.js";
import { applicationIdOf, bytes2ToOffice, decodeNumber, officeToBytes2, type Hex } from "./register-contract.js";
import { toChainError } from "./revert.js";
import { writeCalls, type DocumentInput, type WriteCall } from "./write-calls.js";

/** An application as the register stores it (its number lives in the registration event, see {@link RegisterClient.findApplication}). */
export type StoredApplication = Readonly<{
  applicationId: Hex;
  office: string;
  filingDate: string;
  ipType: IpType;
  linkKind: LinkKind;
  claimCount: number;
  withdrawnSequences: readonly number[];
}>;

/** One priority claim naming a given application, read from `PriorityClaimed` events. */
export type Claimant = Readonly<{
  applicationId: Hex;
  office: string;
  sequence: number;
  claimedFilingDate: string;
  blockNumber: number;
  transactionHash: Hex;
}>;

/** A document reference as its `DocumentRecorded` event carries it (kind code, date in days since 1970-01-01). */
export type RecordedDocument = DocumentInput &
  Readonly<{ documentId: Hex; applicationId: Hex; office: string; blockNumber: number; transactionHash: Hex }>;

/** What became of one transaction of {@link RegisterClient.registerInBatches}, in submission order. */
export type BatchOutcome = Readonly<
  | {
      status: "registered";
      index: number;
      numbers: readonly string[];
      applicationIds: readonly Hex[];
      transactionHash: Hex;
      blockNumber: number;
      gasUsed: number;
    }
  | { status: "rejected"; index: number; numbers: readonly string[]; error: DiprError }
>;

/** A signed write to relay, with the application labels its revert words use (see {@link WriteCall}). */
export type RelayItem = Readonly<{ request: SignedWrite; labels?: ReadonlyMap<string, string> }>;

/** What became of one transaction of {@link RegisterClient.relay}, in submission order. */
export type RelayOutcome<T extends RelayItem = RelayItem> = Readonly<
  | { status: "relayed"; index: number; items: readonly T[]; transactionHash: Hex; blockNumber: number; gasUsed: number }
  | { status: "rejected"; index: number; items: readonly T[]; error: DiprError }
>;

/** How the batches of {@link RegisterClient.registerInBatches} and {@link RegisterClient.relay} are sent. */
export type BatchOptions = Readonly<{
  /**
   * Most gas one transaction may use: by default 95 % of the lower of the EIP-7825 cap and the latest block's gas
   * limit, leaving room for state that changes between the estimate and the transaction.
   */
  gasBudget?: number;
  /** Stop at the first rejected batch instead of going on with the rest. */
  stopOnRejection?: boolean;
}>;

export type RegisterInBatchesOptions = BatchOptions & Readonly<{
  /** Called after each transaction, for progress reports. */
  onBatch?: (outcome: BatchOutcome) => void;
}>;

export type RelayOptions<T extends RelayItem> = BatchOptions & Readonly<{
  /** Called after each transaction, for progress reports. */
  onBatch?: (outcome: RelayOutcome<T>) => void;
}>;

/** A call of the register's function `name`, with the labels its revert words use. */
type ContractCall = Readonly<{ name: string; args: readonly unknown[]; labels: ReadonlyMap<string, string> }>;

/** How one batch of {@link sendInBatches} ended: its receipt, or the reason it was not sent or reverted. */
type BatchResult = Readonly<{ receipt: ContractTransactionReceipt } | { error: DiprError }>;

export type RegisterClient = ReturnType<typeof createRegisterClient>;

/** A failure to reach the endpoint at all (refused, reset, timed out), as opposed to an answer. */
function isNetworkFailure(error: unknown): boolean {
  const text = `${(error as { code?: unknown }).code ?? ""} ${(error as Error).message ?? ""} ${String((error as { cause?: unknown }).cause ?? "")}`;
  return /ECONNREFUSED|ECONNRESET|ENOTFOUND|ETIMEDOUT|fetch failed/.test(text);
}

export type CreateRegisterClientParams = Readonly<{
  /** The register, connected to the account that signs (or to a provider, for reads only). */
  register: Contract;
}>;

/**
 * Typed writes and reads of the register. Every revert becomes a `CHAIN_REVERTED` DiprError carrying the
 * custom error in words (naming the applications sent by their numbers) and its name and arguments in the details.
 */
export function createRegisterClient({ register }: CreateRegisterClientParams) {
  const iface = register.interface;

  async function send(call: () => Promise<ContractTransactionResponse>, labels?: ReadonlyMap<string, string>): Promise<ContractTransactionReceipt> {
    try {
      const receipt = await (await call()).wait();
      if (receipt === null) throw new TypeError("transaction was dropped");
      return receipt;
    } catch (error) {
      if (isNetworkFailure(error)) {
        throw new DiprError("CHAIN_UNAVAILABLE", `the chain's JSON-RPC endpoint cannot be reached: ${(error as Error).message.split("\n")[0]}`, {}, { cause: error });
      }
      toChainError(error, iface, labels);
    }
  }

  const fn = (name: string) => register.getFunction(name);

  /** The register's custom error in a failed call, as a DiprError; undefined when the failure is no revert. */
  function chainErrorOf(error: unknown, labels?: ReadonlyMap<string, string>): DiprError | undefined {
    try {
      toChainError(error, iface, labels);
    } catch (mapped) {
      return isDiprError(mapped, "CHAIN_REVERTED") ? mapped : undefined;
    }
  }

  const unavailable = (error: unknown) =>
    new DiprError("CHAIN_UNAVAILABLE", `the batch could not be sent: ${(error as Error).message.split("\n")[0]}`, {}, { cause: error });

  async function defaultGasBudget(): Promise<number> {
    const block = await register.runner?.provider?.getBlock("latest");
    const blockLimit = block ? Number(block.gasLimit) : TRANSACTION_GAS_CAP;
    return Math.floor(0.95 * Math.min(TRANSACTION_GAS_CAP, blockLimit));
  }

  /**
   * Sends a queue of batches one after the other, each estimated first and halved until it fits the gas budget.
   * An estimate that fails with no custom error (most likely too much gas for the node) halves the batch too; one
   * that fails with a custom error rejects the batch, and so does a send that reverts. `report` hears of each batch
   * sent or rejected, in order.
   */
  async function sendInBatches<T>(queue: T[][], callOf: (batch: readonly T[]) => ContractCall, options: BatchOptions, report: (batch: readonly T[], result: BatchResult) => void): Promise<void> {
    const gasBudget = options.gasBudget ?? (await defaultGasBudget());
    while (queue.length > 0) {
      const batch = queue.shift()!;
      const { name, args, labels } = callOf(batch);
      let estimate: bigint;
      try {
        estimate = await fn(name).estimateGas(...args);
      } catch (error) {
        const revert = chainErrorOf(error, labels);
        if (revert === undefined && batch.length > 1) {
          queue.unshift(...splitInHalf(batch));
          continue;
        }
        report(batch, { error: revert ?? unavailable(error) });
        if (options.stopOnRejection) break;
        continue;
      }
      if (estimate > BigInt(gasBudget) && batch.length > 1) {
        queue.unshift(...splitInHalf(batch));
        continue;
      }
      let result: BatchResult;
      try {
        result = { receipt: await send(() => fn(name)(...args, { gasLimit: estimate }), labels) };
      } catch (error) {
        result = { error: isDiprError(error) ? error : unavailable(error) };
      }
      report(batch, result);
      if ("error" in result && options.stopOnRejection) break;
    }
  }

  /** Sends one office write. */
  const sendCall = (call: WriteCall) => send(() => fn(call.name)(...call.args), call.labels);

  return {
    register,

    admitOffice: (office: string, name: string, admin: string) =>
      send(() => fn("admitOffice")(officeToBytes2(office), name, admin)),
    suspendOffice: (office: string) => send(() => fn("suspendOffice")(officeToBytes2(office))),
    reinstateOffice: (office: string) => send(() => fn("reinstateOffice")(officeToBytes2(office))),
    /** Recovers a suspended office: all its keys lose their roles and `admin` becomes its only admin. */
    resetOfficeKeys: (office: string, admin: string) => send(() => fn("resetOfficeKeys")(officeToBytes2(office), admin)),
    grantSigner: (office: string, account: string) => send(() => fn("grantSigner")(officeToBytes2(office), account)),
    revokeSigner: (office: string, account: string) => send(() => fn("revokeSigner")(officeToBytes2(office), account)),

    async registerApplication(office: string, spec: ApplicationSpec) {
      const receipt = await sendCall(writeCalls.registerApplication(office, spec));
      return { applicationId: applicationIdOf(office, spec.number), receipt };
    },

    async registerApplications(office: string, specs: readonly ApplicationSpec[]) {
      const receipt = await sendCall(writeCalls.registerApplications(office, specs));
      return { applicationIds: specs.map((spec) => applicationIdOf(office, spec.number)), receipt };
    },

    /**
     * Registers any number of applications of `office`: split into runs within the contract's limits
     * (`MAX_BATCH` applications, `MAX_BATCH_CLAIMS` claims), each estimated first and halved until it fits the gas
     * budget, then sent one after the other. A rejected batch (say, one number registered already) rejects only
     * its own applications; the outcome of every transaction is returned in order.
     */
    async registerInBatches(office: string, specs: readonly ApplicationSpec[], options: RegisterInBatchesOptions = {}): Promise<BatchOutcome[]> {
      const limits: BatchLimits = {
        maxApplications: Number(await fn("MAX_BATCH")()),
        maxClaims: Number(await fn("MAX_BATCH_CLAIMS")()),
      };
      const outcomes: BatchOutcome[] = [];
      await sendInBatches(planBatches(specs, limits), (batch) => writeCalls.registerApplications(office, batch), options, (batch, result) => {
        const numbers = batch.map((spec) => spec.number);
        const index = outcomes.length;
        const outcome: BatchOutcome =
          "error" in result
            ? { status: "rejected", index, numbers, error: result.error }
            : {
                status: "registered",
                index,
                numbers,
                applicationIds: batch.map((spec) => applicationIdOf(office, spec.number)),
                transactionHash: result.receipt.hash as Hex,
                blockNumber: result.receipt.blockNumber,
                gasUsed: Number(result.receipt.gasUsed),
              };
        outcomes.push(outcome);
        options.onBatch?.(outcome);
      });
      return outcomes;
    },

    /**
     * Submits writes office signers signed off chain (`signWrite`), as any relayer may, in order: in batches of
     * `relayWrites`, each estimated first and halved until it fits the gas budget. A batch is all or nothing; the
     * outcome of every transaction is returned in order. The caller puts each signer's writes in nonce order.
     */
    async relay<T extends RelayItem>(items: readonly T[], options: RelayOptions<T> = {}): Promise<RelayOutcome<T>[]> {
      const outcomes: RelayOutcome<T>[] = [];
      const labelsOfBatch = (batch: readonly T[]) => new Map(batch.flatMap((item) => [...(item.labels ?? [])]));
      const call = (batch: readonly T[]): ContractCall => ({ name: "relayWrites", args: [batch.map((item) => item.request)], labels: labelsOfBatch(batch) });
      await sendInBatches(items.length === 0 ? [] : [[...items]], call, options, (batch, result) => {
        const index = outcomes.length;
        const outcome: RelayOutcome<T> =
          "error" in result
            ? { status: "rejected", index, items: batch, error: result.error }
            : { status: "relayed", index, items: batch, transactionHash: result.receipt.hash as Hex, blockNumber: result.receipt.blockNumber, gasUsed: Number(result.receipt.gasUsed) };
        outcomes.push(outcome);
        options.onBatch?.(outcome);
      });
      return outcomes;
    },

    /** The next nonce a signer signs a request with. */
    nonceOf: async (account: string): Promise<bigint> => BigInt(await fn("nonces")(account)),

    /** Records an unpublished application of `office` as its commitment, with the blinded applications it claims. */
    commitApplication: (office: string, commitment: Hex, claimedCommitments: readonly Hex[] = []) =>
      sendCall(writeCalls.commitApplication(office, commitment, claimedCommitments)),

    /** Links `claimant` (an application id or a commitment of the signer's office) to the blinded `claimedCommitment`. */
    claimCommitment: (claimant: Hex, claimedCommitment: Hex) => sendCall(writeCalls.claimCommitment(claimant, claimedCommitment)),

    /** Publishes a blinded application: registers `spec` in clear if it and `accessCode` hash to `commitment`. */
    async revealApplication(office: string, commitment: Hex, spec: ApplicationSpec, accessCode: Hex) {
      const receipt = await sendCall(writeCalls.revealApplication(office, commitment, spec, accessCode));
      return { applicationId: applicationIdOf(office, spec.number), receipt };
    },

    /** The office of a blinded application (undefined when the commitment is unknown), and whether it is published. */
    async getCommitment(commitment: Hex): Promise<{ office: string; revealed: boolean } | undefined> {
      const [office, revealed] = (await fn("getCommitment")(commitment)) as [string, boolean];
      return office === "0x0000" ? undefined : { office: bytes2ToOffice(office), revealed };
    },

    /**
     * Records a document of `applicationId` (a clear application's id or a blinded one's commitment); `label` names it
     * in revert words. Returns the register's document id (from the event).
     */
    async recordDocument(applicationId: Hex, document: DocumentInput, label?: string) {
      const receipt = await sendCall(writeCalls.recordDocument(applicationId, document, label));
      const event = receipt.logs.map((log) => iface.parseLog(log)).find((parsed) => parsed?.name === "DocumentRecorded");
      if (!event) throw new DiprError("CHAIN_BAD_RESPONSE", `transaction ${receipt.hash} recorded no document`, { transactionHash: receipt.hash });
      return { documentId: String(event.args.getValue("documentId")).toLowerCase() as Hex, receipt };
    },

    /** Records an international reference (kind code 1..4, the reference's text) of `applicationId`. */
    recordInternationalReference: (applicationId: Hex, kind: number, text: string, label?: string) =>
      sendCall(writeCalls.recordInternationalReference(applicationId, kind, text, label)),

    /** The document `documentId` as the register recorded it: one `eth_getLogs` on the document-id topic. */
    async findDocument(documentId: Hex, fromBlock = 0): Promise<RecordedDocument | undefined> {
      const logs = (await register.queryFilter(register.filters.DocumentRecorded!(null, null, documentId), fromBlock)) as EventLog[];
      const log = logs[0];
      if (log === undefined) return undefined;
      const value = (name: string) => log.args.getValue(name) as unknown;
      return {
        documentId: String(value("documentId")).toLowerCase() as Hex,
        applicationId: String(value("applicationId")).toLowerCase() as Hex,
        office: bytes2ToOffice(String(value("office"))),
        kind: Number(value("kind")),
        date: Number(value("date")),
        sha256: String(value("sha256")).toLowerCase() as Hex,
        mediaType: String(value("mediaType")),
        url: String(value("url")),
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash as Hex,
      };
    },

    /** The recorded claims of (office, number), read from its events: writes on a recorded application send them. */
    recordedClaims: (office: string, number: string) => readRecordedClaims(register, applicationIdOf(office, number)),

    async addPriorityClaim(office: string, number: string, claim: PriorityClaimSpec) {
      const recorded = await readRecordedClaims(register, applicationIdOf(office, number));
      return sendCall(writeCalls.addPriorityClaim(office, number, recorded, claim));
    },

    withdrawPriorityClaim: (office: string, number: string, sequence: number) => sendCall(writeCalls.withdrawPriorityClaim(office, number, sequence)),

    /** Corrects the filing date (ISO); every active claim must stay earlier. The recorded claims are read from the events. */
    async correctFilingDate(office: string, number: string, filingDate: string) {
      const recorded = await readRecordedClaims(register, applicationIdOf(office, number));
      return sendCall(writeCalls.correctFilingDate(office, number, recorded, filingDate));
    },

    correctIpType: (office: string, number: string, ipType: IpType) => sendCall(writeCalls.correctIpType(office, number, ipType)),

    async getApplication(office: string, number: string): Promise<StoredApplication | undefined> {
      const applicationId = applicationIdOf(office, number);
      const record = (await fn("getApplication")(applicationId)).toObject() as Record<string, bigint | string>;
      if (record.office === "0x0000") return undefined;
      const mask = BigInt(record.withdrawnMask!);
      const claimCount = Number(record.claimCount);
      return {
        applicationId,
        office: bytes2ToOffice(String(record.office)),
        filingDate: epochDayToIso(Number(record.filingDate)),
        ipType: ipTypeFromIndex(Number(record.ipType)),
        linkKind: LINK_KINDS[Number(record.linkKind)] ?? "none",
        claimCount,
        withdrawnSequences: Array.from({ length: claimCount }, (_, i) => i + 1).filter((s) => (mask >> BigInt(s - 1)) & 1n),
      };
    },

    /** Who claims the priority of (office, number): one `eth_getLogs` on the claimed-id topic. */
    async claimantsOf(office: string, number: string, fromBlock = 0): Promise<Claimant[]> {
      const filter = register.filters.PriorityClaimed!(null, null, applicationIdOf(office, number));
      const logs = (await register.queryFilter(filter, fromBlock)) as EventLog[];
      return logs.map((log) => ({
        applicationId: log.args.getValue("applicationId") as Hex,
        office: bytes2ToOffice(log.args.getValue("office") as string),
        sequence: Number(log.args.getValue("sequence")),
        claimedFilingDate: epochDayToIso(Number(log.args.getValue("claimedFilingDate"))),
        blockNumber: log.blockNumber,
        transactionHash: log.transactionHash as Hex,
      }));
    },

    /** The number an application id was registered under, from its `ApplicationRegistered` event. */
    async numberOf(applicationId: Hex, fromBlock = 0): Promise<string | undefined> {
      const logs = (await register.queryFilter(register.filters.ApplicationRegistered!(null, applicationId), fromBlock)) as EventLog[];
      const word = logs[0]?.args.getValue("number") as string | undefined;
      return word === undefined ? undefined : decodeNumber(word);
    },
  };
}
