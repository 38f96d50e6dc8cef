import { epochDayToIso } from "../domain/index.js";
import { bytes2ToOffice, decodeNumber } from "./register-contract.js";

/**
 * What a register revert means, in words an office clerk reads, with the custom error's name in brackets:
 * "account 0x70… may not write US records: it is no US signer (DiprRegisterUnauthorizedSigner)". `labels` names
 * the application ids the caller sent ("EP 25 150 123.5"), so the words say numbers instead of hashes.
 */
export function revertInWords(name: string, args: readonly unknown[], labels: ReadonlyMap<string, string> = new Map()): string {
  const a = args.map((arg) => String(arg));
  const office = (i: number) => bytes2ToOffice(a[i]!);
  const app = (i: number) => labels.get(a[i]!.toLowerCase()) ?? `application ${a[i]}`;
  const day = (i: number) => epochDayToIso(Number(a[i]));
  const words = WORDS[name]?.({ a, office, app, day });
  return `${words ?? `the register refused the call with ${name}(${a.join(", ")})`} (${name})`;
}

type Helpers = Readonly<{ a: string[]; office: (i: number) => string; app: (i: number) => string; day: (i: number) => string }>;

/** One sentence per custom error of the register's ABI (test/chain/revert-words.test.ts checks none is missing). */
export const WORDS: Readonly<Record<string, (h: Helpers) => string>> = {
  AccessControlBadConfirmation: () => "an account may renounce only its own role",
  AccessControlEnforcedDefaultAdminDelay: ({ a }) =>
    a[0] === "0" ? "the registrar role can change hands only after a handover has been started" : `the registrar handover may be completed only after ${new Date(Number(a[0]) * 1000).toISOString()}`,
  AccessControlEnforcedDefaultAdminRules: () => "the registrar role changes hands only in two steps (begin, then accept after the delay)",
  AccessControlInvalidDefaultAdmin: ({ a }) => `account ${a[0]} is not the registrar named in the pending handover`,
  AccessControlUnauthorizedAccount: ({ a }) => `account ${a[0]} does not hold the role needed (${a[1]})`,
  DiprRegisterApplicationExists: ({ app }) => `${app(0)} is on the register already`,
  DiprRegisterClaimNotEarlier: ({ app, day }) => `a claimed application must be filed before its claimant: the claim of ${app(1)} is dated ${day(2)}, the application ${day(3)}`,
  DiprRegisterClaimsMismatch: ({ app }) => `the claims sent as ${app(0)}'s record are not the register's (they changed meanwhile?)`,
  DiprRegisterDuplicateClaim: ({ app }) => `${app(0)} already has an active claim of ${app(1)}`,
  DiprRegisterDuplicateDocument: ({ a }) => `document ${a[0]} (the same application, SHA-256, kind and date) is on the register already`,
  DiprRegisterDuplicateInternationalReference: ({ app, a }) => `${app(0)} has the international reference '${a[2]}' (kind ${a[1]}) already`,
  DiprRegisterCommitmentRevealed: ({ a }) => `the blinded application ${a[0]} was published already`,
  DiprRegisterInvalidCommitment: ({ a }) => `commitment ${a[0]} is zero or recorded already`,
  DiprRegisterInvalidSignature: ({ a }) => `the signature is not ${a[0]}'s over the request as given`,
  DiprRegisterInvalidDocumentDate: ({ day }) => `document date ${day(0)} is not a past day (the chain's today is ${day(1)})`,
  DiprRegisterInvalidDocumentKind: ({ a }) => `document kind ${a[0]} is not one the register knows (1 search report … 6 refusal)`,
  DiprRegisterInvalidDocumentUrl: ({ a }) => `a document's URL must be 1 to 2048 bytes, not ${Buffer.byteLength(a[0]!)}`,
  DiprRegisterInvalidInternationalReference: ({ a }) =>
    `an international reference is of kind 1 to 4 (PCT, Madrid, Hague, WIPO CASE) with 1 to 64 bytes of text, not kind ${a[0]} with ${Buffer.byteLength(a[1]!)} bytes`,
  DiprRegisterInvalidMediaType: ({ a }) => `a document's media type must be 1 to 255 bytes, not ${Buffer.byteLength(a[0]!)} ('${a[0]!.slice(0, 40)}')`,
  DiprRegisterInvalidBatchSize: ({ a }) => `a batch holds 1 to ${a[1]} applications, not ${a[0]}`,
  DiprRegisterInvalidFilingDate: ({ day }) => `filing date ${day(0)} is not a past day (the chain's today is ${day(1)})`,
  DiprRegisterInvalidIpType: ({ a }) => `IP type ${a[0]} is not one the register knows`,
  DiprRegisterInvalidLink: () => "a parent application and its link kind must be given together",
  DiprRegisterInvalidNumber: ({ a }) => `'${decodeNumber(a[0]!)}' is not a canonical application number`,
  DiprRegisterInvalidOfficeCode: ({ a }) => `${a[0]} is not an office code of two letters A-Z`,
  DiprRegisterInvalidOfficeName: ({ office }) => `the name of ${office(0)} must be 1 to 256 bytes without control characters`,
  DiprRegisterInvalidRoleHolder: ({ a }) => `account ${a[1]} cannot hold an office key (it is zero, the register itself, or the registrar)`,
  DiprRegisterOfficeAlreadyAdmitted: ({ office }) => `${office(0)} is admitted already`,
  DiprRegisterOfficeNotSuspended: ({ office }) => `${office(0)} is active: suspend it before resetting its keys`,
  DiprRegisterOfficeSuspended: ({ office }) => `${office(0)} is suspended: it writes nothing and adds no keys until the registrar reinstates it`,
  DiprRegisterRevealMismatch: ({ a }) => `the number, filing date, IP type and access code given hash to ${a[1]}, not to the commitment ${a[0]}`,
  DiprRegisterParentOfficeMismatch: ({ app, office }) => `the parent ${app(0)} belongs to ${office(1)}, not to ${office(2)}`,
  DiprRegisterSignatureExpired: ({ a }) => `the signature of ${a[0]} expired at ${new Date(Number(a[1]) * 1000).toISOString()}`,
  DiprRegisterSignedCallFailed: ({ a }) =>
    `the signed write of ${a[0]} calling ${a[1]} failed without a reason: its data is not a well-formed call of that function, or the relayer gave it too little gas`,
  DiprRegisterSelfClaim: ({ app }) => `${app(0)} cannot claim its own priority`,
  DiprRegisterTooManyBatchClaims: ({ a }) => `a batch carries at most ${a[1]} claims, not ${a[0]}`,
  DiprRegisterTooManyClaims: ({ app, a }) => `${app(0)} would have ${a[1]} claims; an application records at most ${a[2]}`,
  DiprRegisterUnsignableCall: ({ a }) =>
    `a signed write must call an office write (register, claim, withdraw, correct, commit, reveal, record a document or an international reference), not the function ${a[0]}`,
  DiprRegisterUnauthorizedAdmin: ({ office, a }) => `account ${a[1]} is no ${office(0)} admin: it may not manage ${office(0)}'s keys`,
  DiprRegisterUnauthorizedRegistrar: ({ a }) => `account ${a[0]} is not the registrar`,
  DiprRegisterUnauthorizedSigner: ({ office, a }) => `account ${a[1]} may not write ${office(0)} records: it is no ${office(0)} signer`,
  DiprRegisterUnknownApplication: ({ app }) => `${app(0)} is not on the register`,
  DiprRegisterUnknownClaim: ({ app, a }) => `${app(0)} has no claim with sequence number ${a[1]}`,
  DiprRegisterUnknownCommitment: ({ a }) => `no blinded application has commitment ${a[0]}`,
  DiprRegisterUnknownOffice: ({ office }) => `${office(0)} was never admitted`,
  DiprRegisterUnknownRole: ({ a }) => `role ${a[0]} is no current role of an admitted, active office`,
  InvalidAccountNonce: ({ a }) => `the signed request of ${a[0]} is not its next one (its next nonce is ${a[1]}): used already, or out of turn`,
  InvalidShortString: () => "the register's EIP-712 name is not a short string",
  StringTooLong: () => "the register's EIP-712 name is too long",
  SafeCastOverflowedUintDowncast: ({ a }) => `value ${a[1]} does not fit ${a[0]} bits`,
};
