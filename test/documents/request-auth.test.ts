import { TypedDataEncoder, Wallet } from "ethers";
import { beforeEach, describe, expect, test } from "vitest";
import type { Hex } from "../../src/chain/register-contract.js";
import { createReplayCache, type ReplayCache } from "../../src/documents/replay-cache.js";
import {
  DOCUMENT_REQUEST_HEADER,
  DOCUMENT_REQUEST_TYPES,
  DOCUMENT_SIGNATURE_HEADER,
  signDocumentRequest,
  verifyDocumentRequest,
  type RequestHeaders,
  type SignerKeys,
  type VerifyDocumentRequestParams,
} from "../../src/documents/request-auth.js";
import { isDiprError, type DiprErrorCode } from "../../src/errors.js";

const register = { chainId: 31337n, address: "0x5FbDB2315678afecb367f032d93F642f64180aa3" };
const documentId = `0x${"ab".repeat(32)}` as Hex;
const epSigner = new Wallet(`0x${"11".repeat(32)}`);
const epRevoked = new Wallet(`0x${"22".repeat(32)}`);
const usSigner = new Wallet(`0x${"33".repeat(32)}`);
const NOW = 1_750_000_000;

// The node's store implements this from the indexed register; here a table stands for it.
function keysOf(status: Record<string, "active" | "suspended">, signers: Record<string, string[]>): SignerKeys {
  return {
    officeStatus: async (office) => status[office],
    isCurrentSigner: async (office, address) => (signers[office] ?? []).map((a) => a.toLowerCase()).includes(address),
  };
}

let keys: SignerKeys;
let replayCache: ReplayCache;
beforeEach(() => {
  keys = keysOf({ EP: "active", US: "suspended" }, { EP: [epSigner.address], US: [usSigner.address] });
  replayCache = createReplayCache();
});

const sign = (over: Partial<Parameters<typeof signDocumentRequest>[0]> = {}) =>
  signDocumentRequest({ signer: epSigner, register, documentId, office: "EP", nowSeconds: NOW, ...over });
const verify = (headers: RequestHeaders, over: Partial<VerifyDocumentRequestParams> = {}) =>
  verifyDocumentRequest(headers, { documentId, nowSeconds: NOW, register, keys, replayCache, ...over });

async function refusal(promise: Promise<unknown>, code: DiprErrorCode) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isDiprError(error) ? error.code : error).toBe(code);
  return error as { details: Record<string, unknown> };
}

const decode = (headers: RequestHeaders) => JSON.parse(Buffer.from(String(headers[DOCUMENT_REQUEST_HEADER]), "base64url").toString()) as Record<string, unknown>;
const encode = (request: Record<string, unknown>) => Buffer.from(JSON.stringify(request)).toString("base64url");

describe("signed document requests", () => {
  test("the typed data is DocumentRequest(bytes32 documentId,bytes2 office,address requester,uint64 issuedAt,uint64 expiresAt,bytes32 nonce)", () => {
    expect(TypedDataEncoder.from({ DocumentRequest: [...DOCUMENT_REQUEST_TYPES.DocumentRequest] }).encodeType("DocumentRequest")).toBe(
      "DocumentRequest(bytes32 documentId,bytes2 office,address requester,uint64 issuedAt,uint64 expiresAt,bytes32 nonce)",
    );
  });

  test("a current signer of an active office is authenticated as its office", async () => {
    const headers = await sign();
    expect(Object.keys(headers)).toEqual([DOCUMENT_REQUEST_HEADER, DOCUMENT_SIGNATURE_HEADER]);
    expect(decode(headers)).toMatchObject({ office: "EP", requester: epSigner.address.toLowerCase(), issuedAt: NOW, expiresAt: NOW + 60 });
    expect(await verify(headers)).toMatchObject({ office: "EP", address: epSigner.address.toLowerCase(), expiresAt: NOW + 60 });
  });

  test("a request is used once; a refused one does not use up its nonce", async () => {
    const headers = await sign();
    const suspended = keysOf({ EP: "suspended" }, { EP: [epSigner.address] });
    await refusal(verify(headers, { keys: suspended }), "DOCUMENT_REQUEST_OFFICE_SUSPENDED");
    await verify(headers);
    const error = await refusal(verify(headers, { nowSeconds: NOW + 30 }), "DOCUMENT_REQUEST_REPLAYED");
    expect(error.details).toMatchObject({ office: "EP", address: epSigner.address.toLowerCase() });
  });

  test("the validity window: clock skew of 30 s tolerated both ways, then expired or not yet valid", async () => {
    const headers = await sign();
    await refusal(verify(headers, { nowSeconds: NOW + 60 + 31 }), "DOCUMENT_REQUEST_EXPIRED");
    await refusal(verify(await sign({ nowSeconds: NOW + 31 })), "DOCUMENT_REQUEST_NOT_YET_VALID");
    await verify(headers, { nowSeconds: NOW + 60 + 30 });
    await verify(await sign({ nowSeconds: NOW + 30 }));
  });

  test("a request valid for longer than the node's maximum is refused", async () => {
    const error = await refusal(verify(await sign({ validitySeconds: 301 })), "DOCUMENT_REQUEST_VALIDITY_TOO_LONG");
    expect(error.details).toMatchObject({ validitySeconds: 301, maxValiditySeconds: 300 });
    await verify(await sign({ validitySeconds: 120 }), { maxValiditySeconds: 120 });
  });

  test("a request for another document is refused", async () => {
    await refusal(verify(await sign(), { documentId: `0x${"cd".repeat(32)}` }), "DOCUMENT_REQUEST_WRONG_DOCUMENT");
  });

  test("a signature by another key, an altered request, or another register's domain is a bad signature", async () => {
    const headers = await sign();
    const byUs = await sign({ signer: usSigner });
    await refusal(verify({ ...headers, [DOCUMENT_SIGNATURE_HEADER]: byUs[DOCUMENT_SIGNATURE_HEADER] }), "DOCUMENT_REQUEST_BAD_SIGNATURE");
    await refusal(verify({ ...headers, [DOCUMENT_REQUEST_HEADER]: encode({ ...decode(headers), office: "US" }) }), "DOCUMENT_REQUEST_BAD_SIGNATURE");
    await refusal(verify({ ...headers, [DOCUMENT_REQUEST_HEADER]: encode({ ...decode(headers), expiresAt: NOW + 120 }) }), "DOCUMENT_REQUEST_BAD_SIGNATURE");
    await refusal(verify(headers, { register: { ...register, chainId: 1n } }), "DOCUMENT_REQUEST_BAD_SIGNATURE");
    await refusal(verify({ ...headers, [DOCUMENT_SIGNATURE_HEADER]: `0x${"00".repeat(65)}` }), "DOCUMENT_REQUEST_BAD_SIGNATURE");
  });

  test("an office not admitted, a suspended office, and a key that is not a current signer are refused", async () => {
    await refusal(verify(await sign({ office: "JP" })), "DOCUMENT_REQUEST_UNKNOWN_OFFICE");
    await refusal(verify(await sign({ signer: usSigner, office: "US" })), "DOCUMENT_REQUEST_OFFICE_SUSPENDED");
    const error = await refusal(verify(await sign({ signer: epRevoked })), "DOCUMENT_REQUEST_NOT_SIGNER");
    expect(error.details).toMatchObject({ office: "EP", address: epRevoked.address.toLowerCase() });
  });

  test.each([
    ["no request header", (h: RequestHeaders) => ({ [DOCUMENT_SIGNATURE_HEADER]: h[DOCUMENT_SIGNATURE_HEADER] })],
    ["no signature header", (h: RequestHeaders) => ({ [DOCUMENT_REQUEST_HEADER]: h[DOCUMENT_REQUEST_HEADER] })],
    ["a repeated header", (h: RequestHeaders) => ({ ...h, [DOCUMENT_REQUEST_HEADER]: [h[DOCUMENT_REQUEST_HEADER] as string, h[DOCUMENT_REQUEST_HEADER] as string] })],
    ["not base64url", (h: RequestHeaders) => ({ ...h, [DOCUMENT_REQUEST_HEADER]: "eyJ+/=" })],
    ["base64url of no JSON", (h: RequestHeaders) => ({ ...h, [DOCUMENT_REQUEST_HEADER]: Buffer.from("{office").toString("base64url") })],
    ["an unknown field", (h: RequestHeaders) => ({ ...h, [DOCUMENT_REQUEST_HEADER]: encode({ ...decode(h), scope: "all" }) })],
    ["a time as a string", (h: RequestHeaders) => ({ ...h, [DOCUMENT_REQUEST_HEADER]: encode({ ...decode(h), issuedAt: String(NOW) }) })],
    ["expiry before issue", (h: RequestHeaders) => ({ ...h, [DOCUMENT_REQUEST_HEADER]: encode({ ...decode(h), expiresAt: NOW - 1 }) })],
    ["a 64-byte signature", (h: RequestHeaders) => ({ ...h, [DOCUMENT_SIGNATURE_HEADER]: String(h[DOCUMENT_SIGNATURE_HEADER]).slice(0, 130) })],
  ])("%s is malformed", async (_what, alter) => {
    const error = await refusal(verify(alter(await sign())), "DOCUMENT_REQUEST_MALFORMED");
    expect(typeof error.details.header).toBe("string");
  });
});
