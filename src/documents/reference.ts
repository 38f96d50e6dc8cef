import { AbiCoder, keccak256 } from "ethers";
import { z } from "zod";
import { assertDocumentKind, documentKindFromCode, documentKindToCode, type DocumentKind } from "../domain/documents.js";
import { epochDayToIso, isoToChainDay } from "../domain/dates.js";
import { DiprError, isDiprError } from "../errors.js";
import type { Hex } from "../chain/register-contract.js";

/**
 * What an office records on the register about one document of one of its applications. The document itself never
 * goes on chain: its SHA-256 binds the reference to the bytes, and `url` is where the office's own node serves them.
 */
export type DocumentReference = Readonly<{
  /** The register's id of the application (bytes32). */
  applicationId: Hex;
  kind: DocumentKind;
  /** The document's date, YYYY-MM-DD. */
  date: string;
  /** SHA-256 of the document's bytes, 0x + 64 lower-case hex digits. */
  sha256: Hex;
  /** RFC 6838 type/subtype, lower case, without parameters: `application/pdf`. */
  mediaType: string;
  /** Absolute http(s) URL of the document on the owning office's node. */
  url: string;
}>;

/** A field problem in the shape of the API's problem bodies: `target` names the property. */
export type ReferenceProblem = Readonly<{ code: string; message: string; target: string }>;

export const MAX_URL_LENGTH = 2048;

const hex32 = (what: string) =>
  z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, `must be ${what}: 0x and 64 hex digits`)
    .transform((value) => value.toLowerCase() as Hex);

/** Runs a domain check and turns its DiprError into a zod issue that keeps the domain's code. */
const domainChecked = <T>(check: (value: string) => T) =>
  z.string().superRefine((value, ctx) => {
    try {
      check(value);
    } catch (error) {
      if (!isDiprError(error)) throw error;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: error.message, params: { code: error.code } });
    }
  });

// RFC 6838 section 4.2 restricted names: a letter or digit, then up to 126 of the allowed characters.
const RESTRICTED_NAME = "[a-z0-9][a-z0-9!#$&^_.+-]{0,126}";
const MEDIA_TYPE = new RegExp(`^${RESTRICTED_NAME}/${RESTRICTED_NAME}$`);

const httpUrl = z
  .string()
  .max(MAX_URL_LENGTH)
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "must be an absolute URL", params: { code: "URL_INVALID" } });
      return;
    }
    if (url.protocol !== "https:" && url.protocol !== "http:") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `must be an http or https URL, not ${url.protocol}`, params: { code: "URL_SCHEME" } });
    }
    // The reference is public on chain: a password in it would be published to every participant.
    if (url.username !== "" || url.password !== "") {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: "must not carry a user name or password", params: { code: "URL_CREDENTIALS" } });
    }
  });

export const DocumentReferenceSchema = z
  .object({
    applicationId: hex32("the register's application id"),
    kind: domainChecked(assertDocumentKind).transform((value) => value as DocumentKind),
    date: domainChecked(isoToChainDay),
    sha256: hex32("a SHA-256 digest"),
    mediaType: z.string().regex(MEDIA_TYPE, "must be a lower-case media type type/subtype without parameters, e.g. application/pdf"),
    url: httpUrl,
  })
  .strict();

function problemsOf(error: z.ZodError): ReferenceProblem[] {
  return error.issues.flatMap((issue) => {
    const target = issue.path.join(".");
    if (issue.code === z.ZodIssueCode.unrecognized_keys) {
      return issue.keys.map((key) => ({ code: "UNRECOGNIZED_KEYS", message: `unknown property ${JSON.stringify(key)}`, target: key }));
    }
    const domainCode = issue.code === z.ZodIssueCode.custom ? (issue.params?.code as string | undefined) : undefined;
    return [{ code: domainCode ?? issue.code.toUpperCase(), message: issue.message, target }];
  });
}

/**
 * Validates a document reference (from a CLI file, an API body or the register's event) and normalises its hex
 * fields to lower case.
 * @throws DiprError DOCUMENT_REFERENCE_INVALID whose `details.errors` names every bad field with a code (the
 *   domain's for kind and date: DOCUMENT_KIND_UNKNOWN, DATE_FORMAT, INVALID_DATE).
 */
export function parseDocumentReference(input: unknown): DocumentReference {
  const result = DocumentReferenceSchema.safeParse(input);
  if (!result.success) {
    const errors = problemsOf(result.error);
    throw new DiprError("DOCUMENT_REFERENCE_INVALID", errors.map((e) => `${e.target || "(reference)"}: ${e.message}`).join("; "), { errors });
  }
  return result.data;
}

/** The fields that identify a document; media type and URL may change without making it another document. */
export type DocumentIdentity = Pick<DocumentReference, "applicationId" | "sha256" | "kind" | "date">;

/**
 * The register's id of a document: keccak256(abi.encode(bytes32 applicationId, bytes32 sha256, uint8 kind,
 * uint32 date)), with the kind's chain code and the date in days since 1970-01-01 (the register's filing-date
 * encoding). The same document recorded twice for one application gets the same id, so the register can refuse the
 * second.
 * @throws DiprError DOCUMENT_KIND_UNKNOWN, DATE_FORMAT, INVALID_DATE
 */
export function documentIdOf(identity: DocumentIdentity): Hex {
  const encoded = AbiCoder.defaultAbiCoder().encode(
    ["bytes32", "bytes32", "uint8", "uint32"],
    [identity.applicationId, identity.sha256, documentKindToCode(identity.kind), isoToChainDay(identity.date)],
  );
  return keccak256(encoded) as Hex;
}

/** A reference as the register takes and emits it. */
export type ChainDocumentReference = Readonly<{
  applicationId: Hex;
  sha256: Hex;
  kind: number;
  /** Days since 1970-01-01. */
  date: number;
  mediaType: string;
  url: string;
}>;

export const documentReferenceToChain = (ref: DocumentReference): ChainDocumentReference => ({
  applicationId: ref.applicationId,
  sha256: ref.sha256,
  kind: documentKindToCode(ref.kind),
  date: isoToChainDay(ref.date),
  mediaType: ref.mediaType,
  url: ref.url,
});

/**
 * The inverse of {@link documentReferenceToChain}, validated like any input: a register that holds what this
 * build cannot read (a kind from a newer version) gives DOCUMENT_REFERENCE_INVALID, not a half-read record.
 * @throws DiprError DOCUMENT_REFERENCE_INVALID
 */
export function documentReferenceFromChain(chain: ChainDocumentReference): DocumentReference {
  const errors: ReferenceProblem[] = [];
  const decode = <T>(target: string, f: () => T): T | undefined => {
    try {
      return f();
    } catch (error) {
      if (isDiprError(error)) errors.push({ code: error.code, message: error.message, target });
      // epochDayToIso's TypeError: a day past the year 9999 is a value no date has.
      else if (error instanceof TypeError) errors.push({ code: "INVALID_DATE", message: `day ${chain.date} is not a date`, target });
      else throw error;
      return undefined;
    }
  };
  const kind = decode("kind", () => documentKindFromCode(chain.kind));
  const date = decode("date", () => epochDayToIso(chain.date));
  if (errors.length > 0) {
    throw new DiprError("DOCUMENT_REFERENCE_INVALID", errors.map((e) => `${e.target}: ${e.message}`).join("; "), { errors });
  }
  return parseDocumentReference({ applicationId: chain.applicationId, kind, date, sha256: chain.sha256, mediaType: chain.mediaType, url: chain.url });
}
