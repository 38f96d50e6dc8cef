import { hexlify, randomBytes, verifyTypedData, type Signer, type TypedDataDomain } from "ethers";
import { z } from "zod";
import { officeToBytes2, type Hex } from "../chain/register-contract.js";
import { DiprError, type DiprErrorCode } from "../errors.js";
import type { ReplayCache } from "./replay-cache.js";

/**
 * Signed document requests. An office asks another office's node for a document with a short-lived EIP-712
 * signature by one of its signer keys; the node checks the key against the register as it has indexed it.
 *
 * Carried in two headers (not RFC 9421 HTTP Message Signatures: its algorithms are RSA, ECDSA P-256/P-384,
 * Ed25519 and HMAC, while office keys are the register's secp256k1 accounts, and EIP-712 binds the request to
 * the register's domain, which the office's wallet shows when it signs):
 * - `Dipr-Request`: base64url (RFC 4648 section 5, no padding) of the JSON {@link DocumentRequest};
 * - `Dipr-Signature`: the 65-byte EIP-712 signature, 0x-hex.
 *
 * The signer must be an account key: EIP-1271 contract signers (a multisig) are not accepted, since checking
 * them needs a call to the signer contract at the chain's current state, and the node answers from its store.
 */
export const DOCUMENT_REQUEST_HEADER = "dipr-request";
export const DOCUMENT_SIGNATURE_HEADER = "dipr-signature";

/** EIP-712 domain name and version; chainId and verifyingContract (the register) come from the deployment. */
export const DOCUMENT_REQUEST_DOMAIN = { name: "DiprDocuments", version: "1" } as const;

// DocumentRequest(bytes32 documentId,bytes2 office,address requester,uint64 issuedAt,uint64 expiresAt,bytes32 nonce)
export const DOCUMENT_REQUEST_TYPES = {
  DocumentRequest: [
    { name: "documentId", type: "bytes32" },
    { name: "office", type: "bytes2" },
    { name: "requester", type: "address" },
    { name: "issuedAt", type: "uint64" },
    { name: "expiresAt", type: "uint64" },
    { name: "nonce", type: "bytes32" },
  ],
} as const;

/** What the requester signs. Times are unix seconds. */
export type DocumentRequest = Readonly<{
  documentId: Hex;
  /** The requesting office, ST.3. */
  office: string;
  /** The signing key's address, lower case. */
  requester: Hex;
  issuedAt: number;
  expiresAt: number;
  /** 32 random bytes: each request is accepted once. */
  nonce: Hex;
}>;

/** The register a request is bound to (EIP-712 domain). */
export type RegisterDomain = Readonly<{ chainId: bigint | number; address: string }>;

export type DocumentRequestHeaders = Readonly<{ "dipr-request": string; "dipr-signature": Hex }>;

/** HTTP request headers as Node gives them: lower-case names, a repeated header as an array. */
export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export const DEFAULT_MAX_VALIDITY_SECONDS = 300;
export const DEFAULT_CLOCK_SKEW_SECONDS = 30;
export const DEFAULT_REQUEST_VALIDITY_SECONDS = 60;
// A request is 276 characters of JSON (368 in base64url); anything much longer is not one.
const MAX_REQUEST_HEADER_LENGTH = 1024;

const domainOf = (register: RegisterDomain): TypedDataDomain => ({ ...DOCUMENT_REQUEST_DOMAIN, chainId: register.chainId, verifyingContract: register.address });

const typedValue = (request: DocumentRequest) => ({ ...request, office: officeToBytes2(request.office) });

const types = () => ({ DocumentRequest: [...DOCUMENT_REQUEST_TYPES.DocumentRequest] });

export type SignDocumentRequestParams = Readonly<{
  signer: Signer;
  register: RegisterDomain;
  documentId: Hex;
  office: string;
  nowSeconds: number;
  /** How long the request stays valid; the serving node refuses more than its maximum (300 s by default). */
  validitySeconds?: number;
  /** Fresh random bytes by default; given only by tests. */
  nonce?: Hex;
}>;

/** Signs a request for one document (EIP-712, nothing is sent) and returns the headers that carry it. */
export async function signDocumentRequest(p: SignDocumentRequestParams): Promise<DocumentRequestHeaders> {
  const request: DocumentRequest = {
    documentId: p.documentId.toLowerCase() as Hex,
    office: p.office,
    requester: (await p.signer.getAddress()).toLowerCase() as Hex,
    issuedAt: p.nowSeconds,
    expiresAt: p.nowSeconds + (p.validitySeconds ?? DEFAULT_REQUEST_VALIDITY_SECONDS),
    nonce: p.nonce ?? (hexlify(randomBytes(32)) as Hex),
  };
  const signature = (await p.signer.signTypedData(domainOf(p.register), types(), typedValue(request))) as Hex;
  return { [DOCUMENT_REQUEST_HEADER]: Buffer.from(JSON.stringify(request)).toString("base64url"), [DOCUMENT_SIGNATURE_HEADER]: signature } as DocumentRequestHeaders;
}

const hex = (digits: number) => z.string().regex(new RegExp(`^0x[0-9a-fA-F]{${digits}}$`)).transform((v) => v.toLowerCase() as Hex);
const seconds = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

const RequestSchema = z
  .object({ documentId: hex(64), office: z.string().regex(/^[A-Z]{2}$/), requester: hex(40), issuedAt: seconds, expiresAt: seconds, nonce: hex(64) })
  .strict();

const malformed = (message: string, details: Record<string, unknown> = {}) => new DiprError("DOCUMENT_REQUEST_MALFORMED", message, details);

function singleHeader(headers: RequestHeaders, name: string): string {
  const value = headers[name];
  if (value === undefined || value === "") throw malformed(`The ${name} header is missing.`, { header: name });
  if (typeof value !== "string") throw malformed(`The ${name} header is given ${value.length} times; give it once.`, { header: name });
  return value;
}

/**
 * Reads a signed request from its headers, without judging it.
 * @throws DiprError DOCUMENT_REQUEST_MALFORMED naming the header
 */
export function readDocumentRequest(headers: RequestHeaders): { request: DocumentRequest; signature: Hex } {
  const encoded = singleHeader(headers, DOCUMENT_REQUEST_HEADER);
  const signature = singleHeader(headers, DOCUMENT_SIGNATURE_HEADER);
  if (encoded.length > MAX_REQUEST_HEADER_LENGTH || !/^[A-Za-z0-9_-]+$/.test(encoded)) {
    throw malformed(`The ${DOCUMENT_REQUEST_HEADER} header is not base64url of at most ${MAX_REQUEST_HEADER_LENGTH} characters.`, { header: DOCUMENT_REQUEST_HEADER });
  }
  if (!/^0x[0-9a-fA-F]{130}$/.test(signature)) {
    throw malformed(`The ${DOCUMENT_SIGNATURE_HEADER} header is not a 65-byte signature in 0x-hex.`, { header: DOCUMENT_SIGNATURE_HEADER });
  }
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch (error) {
    throw new DiprError("DOCUMENT_REQUEST_MALFORMED", `The ${DOCUMENT_REQUEST_HEADER} header is not base64url of JSON.`, { header: DOCUMENT_REQUEST_HEADER }, { cause: error });
  }
  const parsed = RequestSchema.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => (i.code === "unrecognized_keys" ? i.keys.join(", ") : i.path.join(".")));
    throw malformed(`The ${DOCUMENT_REQUEST_HEADER} header's request has bad or unknown fields: ${fields.join(", ")}.`, { header: DOCUMENT_REQUEST_HEADER, fields });
  }
  return { request: parsed.data, signature: signature.toLowerCase() as Hex };
}

/** What the node's store answers about offices and keys, as indexed from the register. */
export type SignerKeys = Readonly<{
  officeStatus(office: string): "active" | "suspended" | undefined | Promise<"active" | "suspended" | undefined>;
  /** Whether `address` (lower case) holds the office's signer role in its current key epoch. */
  isCurrentSigner(office: string, address: Hex): boolean | Promise<boolean>;
}>;

export type VerifyDocumentRequestParams = Readonly<{
  /** The document the route serves: a request signed for another is refused. */
  documentId: Hex;
  nowSeconds: number;
  register: RegisterDomain;
  keys: SignerKeys;
  replayCache: ReplayCache;
  maxValiditySeconds?: number;
  /** Tolerated difference between the requester's clock and this node's, both ways. */
  clockSkewSeconds?: number;
}>;

/** The office a request was verified for: its key signed it and is a current signer of an active office. */
export type AuthenticatedRequester = Readonly<{ office: string; address: Hex; nonce: Hex; expiresAt: number }>;

/**
 * Verifies a signed document request. Checks run from the cheapest to the one that changes state: the nonce is
 * recorded last, so a refused request does not use it up and only a current signer's requests fill the cache.
 * Every refusal's `details` carry the claimed `office` and `address` once they could be read, for the access log.
 *
 * @throws DiprError DOCUMENT_REQUEST_MALFORMED, DOCUMENT_REQUEST_VALIDITY_TOO_LONG, DOCUMENT_REQUEST_NOT_YET_VALID,
 *   DOCUMENT_REQUEST_EXPIRED, DOCUMENT_REQUEST_WRONG_DOCUMENT, DOCUMENT_REQUEST_BAD_SIGNATURE,
 *   DOCUMENT_REQUEST_UNKNOWN_OFFICE, DOCUMENT_REQUEST_OFFICE_SUSPENDED, DOCUMENT_REQUEST_NOT_SIGNER,
 *   DOCUMENT_REQUEST_REPLAYED, DOCUMENT_REQUEST_REPLAY_CACHE_FULL (retryable)
 */
export async function verifyDocumentRequest(headers: RequestHeaders, p: VerifyDocumentRequestParams): Promise<AuthenticatedRequester> {
  const { request, signature } = readDocumentRequest(headers);
  const maxValidity = p.maxValiditySeconds ?? DEFAULT_MAX_VALIDITY_SECONDS;
  const skew = p.clockSkewSeconds ?? DEFAULT_CLOCK_SKEW_SECONDS;
  const who = { office: request.office, address: request.requester };
  const refuse = (code: DiprErrorCode, message: string, details: Record<string, unknown> = {}) =>
    new DiprError(code, message, { ...who, ...details });

  if (request.expiresAt < request.issuedAt) {
    throw refuse("DOCUMENT_REQUEST_MALFORMED", `The request expires (${request.expiresAt}) before it is issued (${request.issuedAt}).`, { header: DOCUMENT_REQUEST_HEADER });
  }
  if (request.expiresAt - request.issuedAt > maxValidity) {
    throw refuse("DOCUMENT_REQUEST_VALIDITY_TOO_LONG", `The request is valid for ${request.expiresAt - request.issuedAt} s; this node accepts at most ${maxValidity} s.`, {
      validitySeconds: request.expiresAt - request.issuedAt,
      maxValiditySeconds: maxValidity,
    });
  }
  if (request.issuedAt > p.nowSeconds + skew) {
    throw refuse("DOCUMENT_REQUEST_NOT_YET_VALID", `The request is issued at ${request.issuedAt}, ${request.issuedAt - p.nowSeconds} s ahead of this node's clock.`, {
      issuedAt: request.issuedAt,
      nowSeconds: p.nowSeconds,
    });
  }
  if (p.nowSeconds > request.expiresAt + skew) {
    throw refuse("DOCUMENT_REQUEST_EXPIRED", `The request expired at ${request.expiresAt}, ${p.nowSeconds - request.expiresAt} s ago.`, {
      expiresAt: request.expiresAt,
      nowSeconds: p.nowSeconds,
    });
  }
  if (request.documentId !== p.documentId.toLowerCase()) {
    throw refuse("DOCUMENT_REQUEST_WRONG_DOCUMENT", `The request was signed for document ${request.documentId}, not ${p.documentId}.`, {
      signedDocumentId: request.documentId,
      documentId: p.documentId,
    });
  }
  let recovered: string;
  try {
    recovered = verifyTypedData(domainOf(p.register), types(), typedValue(request), signature).toLowerCase();
  } catch (error) {
    throw new DiprError("DOCUMENT_REQUEST_BAD_SIGNATURE", "The signature cannot be read as an ECDSA signature.", who, { cause: error });
  }
  if (recovered !== request.requester) {
    throw refuse("DOCUMENT_REQUEST_BAD_SIGNATURE", `The request is signed by ${recovered}, not by its requester ${request.requester}.`, { recovered });
  }
  const status = await p.keys.officeStatus(request.office);
  if (status === undefined) throw refuse("DOCUMENT_REQUEST_UNKNOWN_OFFICE", `Office ${request.office} is not admitted on the register.`);
  if (status === "suspended") throw refuse("DOCUMENT_REQUEST_OFFICE_SUSPENDED", `Office ${request.office} is suspended on the register.`);
  if (!(await p.keys.isCurrentSigner(request.office, request.requester))) {
    throw refuse("DOCUMENT_REQUEST_NOT_SIGNER", `${request.requester} is not a current signer of office ${request.office}.`);
  }
  if (!p.replayCache.remember(`${request.requester}:${request.nonce}`, request.expiresAt + skew, p.nowSeconds)) {
    throw refuse("DOCUMENT_REQUEST_REPLAYED", `The request with nonce ${request.nonce} was already used.`, { nonce: request.nonce });
  }
  return { office: request.office, address: request.requester, nonce: request.nonce, expiresAt: request.expiresAt };
}
