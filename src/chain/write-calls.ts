import { ipTypeToIndex, isoToChainDay, type IpType } from "../domain/index.js";
import { encodeApplication, encodeClaim, type ApplicationSpec, type ClaimInput, type PriorityClaimSpec } from "./encode.js";
import { applicationIdOf, bytes2ToOffice, decodeNumber, officeToBytes2, registerInterface, type Hex } from "./register-contract.js";

/** The register's office writes: the functions a signer may also sign off chain for a relayer (`relayWrites`). */
export const OFFICE_WRITES = [
  "registerApplication",
  "registerApplications",
  "addPriorityClaim",
  "withdrawPriorityClaim",
  "correctFilingDate",
  "correctIpType",
  "commitApplication",
  "claimCommitment",
  "revealApplication",
  "recordDocument",
  "recordInternationalReference",
] as const;
export type OfficeWrite = (typeof OFFICE_WRITES)[number];

/**
 * One office write, ready to send or to sign: the function, its arguments as the register's ABI takes them, and
 * the application ids it names by their "OFFICE number" label, so a revert names numbers instead of hashes.
 */
export type WriteCall = Readonly<{ name: OfficeWrite; args: readonly unknown[]; labels: ReadonlyMap<string, string> }>;

/** Labels of the applications (and their claims) a write names, by application id. */
export function labelsOf(office: string, specs: readonly Readonly<{ number: string; claims?: readonly PriorityClaimSpec[] }>[]): Map<string, string> {
  const labels = new Map<string, string>();
  for (const spec of specs) {
    labels.set(applicationIdOf(office, spec.number).toLowerCase(), `${office} ${spec.number}`);
    for (const claim of spec.claims ?? []) labels.set(applicationIdOf(claim.office, claim.number).toLowerCase(), `${claim.office} ${claim.number}`);
  }
  return labels;
}

/** The claims recorded for an application (as the register's events give them) in dipr's terms, for labels. */
const recordedSpecs = (recorded: readonly ClaimInput[]): PriorityClaimSpec[] =>
  recorded.map((c) => ({ office: bytes2ToOffice(c.office), number: decodeNumber(c.number), filingDate: "" }));

/**
 * The register's office writes built from dipr's specs (canonical numbers, ISO dates): the register client sends
 * them, `signWrite` signs their call data. Writes on a recorded application take its recorded claims
 * (`readRecordedClaims`), since the register keeps only their digest.
 */
export const writeCalls = {
  registerApplication: (office: string, spec: ApplicationSpec): WriteCall => ({
    name: "registerApplication",
    args: [officeToBytes2(office), encodeApplication(spec)],
    labels: labelsOf(office, [spec]),
  }),
  registerApplications: (office: string, specs: readonly ApplicationSpec[]): WriteCall => ({
    name: "registerApplications",
    args: [officeToBytes2(office), specs.map(encodeApplication)],
    labels: labelsOf(office, specs),
  }),
  addPriorityClaim: (office: string, number: string, recorded: readonly ClaimInput[], claim: PriorityClaimSpec): WriteCall => ({
    name: "addPriorityClaim",
    args: [applicationIdOf(office, number), recorded, encodeClaim(claim)],
    labels: labelsOf(office, [{ number, claims: [...recordedSpecs(recorded), claim] }]),
  }),
  withdrawPriorityClaim: (office: string, number: string, sequence: number): WriteCall => ({
    name: "withdrawPriorityClaim",
    args: [applicationIdOf(office, number), sequence],
    labels: labelsOf(office, [{ number }]),
  }),
  /** `filingDate` is ISO; every active recorded claim must stay earlier. */
  correctFilingDate: (office: string, number: string, recorded: readonly ClaimInput[], filingDate: string): WriteCall => ({
    name: "correctFilingDate",
    args: [applicationIdOf(office, number), recorded, isoToChainDay(filingDate)],
    labels: labelsOf(office, [{ number, claims: recordedSpecs(recorded) }]),
  }),
  correctIpType: (office: string, number: string, ipType: IpType): WriteCall => ({
    name: "correctIpType",
    args: [applicationIdOf(office, number), ipTypeToIndex(ipType)],
    labels: labelsOf(office, [{ number }]),
  }),
  commitApplication: (office: string, commitment: Hex, claimedCommitments: readonly Hex[] = []): WriteCall => ({
    name: "commitApplication",
    args: [officeToBytes2(office), commitment, claimedCommitments],
    labels: new Map(),
  }),
  /** `claimant` is an application id or a commitment of the signer's office. */
  claimCommitment: (claimant: Hex, claimedCommitment: Hex, labels: ReadonlyMap<string, string> = new Map()): WriteCall => ({
    name: "claimCommitment",
    args: [claimant, claimedCommitment],
    labels,
  }),
  revealApplication: (office: string, commitment: Hex, spec: ApplicationSpec, accessCode: Hex): WriteCall => ({
    name: "revealApplication",
    args: [commitment, encodeApplication(spec), accessCode],
    labels: labelsOf(office, [spec]),
  }),
  /**
   * `applicationId` is a clear application's id or a blinded one's commitment; `label` names it in revert words
   * ("EP 23123456.8").
   */
  recordDocument: (applicationId: Hex, document: DocumentInput, label?: string): WriteCall => ({
    name: "recordDocument",
    args: [applicationId, { kind: document.kind, date: document.date, sha256: document.sha256, mediaType: document.mediaType, url: document.url }],
    labels: label === undefined ? new Map() : new Map([[applicationId.toLowerCase(), label]]),
  }),
  /** `kind` is the reference kind's code (1..4), `text` the reference as people write it. */
  recordInternationalReference: (applicationId: Hex, kind: number, text: string, label?: string): WriteCall => ({
    name: "recordInternationalReference",
    args: [applicationId, kind, text],
    labels: label === undefined ? new Map() : new Map([[applicationId.toLowerCase(), label]]),
  }),
} as const;

/** A document reference as the register's `DocumentInput` takes it: kind code, date in days since 1970-01-01. */
export type DocumentInput = Readonly<{ kind: number; date: number; sha256: Hex; mediaType: string; url: string }>;

/** The ABI-encoded call of a write: what a signer signs as a signed write's `data`. */
export const callDataOf = (call: WriteCall): Hex => registerInterface().encodeFunctionData(call.name, [...call.args]) as Hex;

/** The office write a call's data names, or undefined when its selector is no office write (the register refuses it). */
export function officeWriteOf(data: string): OfficeWrite | undefined {
  if (!/^0x[0-9a-fA-F]{8}/.test(data)) return undefined;
  const name = registerInterface().getFunction(data.slice(0, 10))?.name;
  return (OFFICE_WRITES as readonly string[]).includes(name ?? "") ? (name as OfficeWrite) : undefined;
}
