import type { Signer } from "ethers";
import { problemError, type Problem } from "../api-client/index.js";
import type { Hex } from "../chain/register-contract.js";
import { DiprError, isDiprError } from "../errors.js";
import { accessCodeHeader, type AccessCodeOpening } from "./access-policy.js";
import { signDocumentRequest, type RegisterDomain } from "./request-auth.js";
import { assertDocumentSize, MAX_DOCUMENT_BYTES, verifyDocumentBytes } from "./storage.js";

export type FetchDocumentParams = Readonly<{
  /** The URL the register records for the document, on its office's node. */
  url: string;
  documentId: Hex;
  /** The SHA-256 the register records: the bytes must hash to it, whatever the node answers. */
  sha256: Hex;
  /** A current signer key of the requesting office. */
  signer: Signer;
  office: string;
  register: RegisterDomain;
  nowSeconds: number;
  /** The application's access code, for an office that has no application in the family yet. */
  accessCode?: AccessCodeOpening;
  timeoutMs?: number;
  /** The most bytes read from the node before the fetch is given up; MAX_DOCUMENT_BYTES by default. */
  maxBytes?: number;
  fetch?: typeof fetch;
}>;

/**
 * The body, read only up to `maxBytes`: a node announcing more is refused before its body is read, and one sending
 * more than it announced (or announcing nothing) is cut off at the limit.
 * @throws DiprError DOCUMENT_TOO_LARGE
 */
async function readCapped(response: Response, maxBytes: number, what: string): Promise<Uint8Array> {
  const announced = response.headers.get("content-length");
  if (announced !== null && /^\d+$/.test(announced)) {
    try {
      assertDocumentSize(Number(announced), what, maxBytes);
    } catch (error) {
      await response.body?.cancel();
      throw error;
    }
  }
  if (response.body === null) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      assertDocumentSize(size, `${what} (at least)`, maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * Fetches a document from its office's node with a freshly signed request and checks its bytes against the
 * register's hash. The request is valid for 60 s and used once.
 * @throws DiprError API_UNAVAILABLE (the node cannot be reached; retryable), the node's refusal as its own code
 *   (DOCUMENT_REQUEST_*, DOCUMENT_ACCESS_*, DOCUMENT_NOT_FOUND, DOCUMENT_STORAGE_*), DOCUMENT_HASH_MISMATCH,
 *   DOCUMENT_TOO_LARGE (the answer is longer than `maxBytes`)
 */
export async function fetchDocument(p: FetchDocumentParams): Promise<Uint8Array> {
  const headers = {
    ...(await signDocumentRequest({ signer: p.signer, register: p.register, documentId: p.documentId, office: p.office, nowSeconds: p.nowSeconds })),
    ...(p.accessCode === undefined ? {} : accessCodeHeader(p.accessCode)),
  };
  const doFetch = p.fetch ?? ((input, init) => fetch(input, init));
  const timeoutMs = p.timeoutMs ?? 60_000;
  const node = new URL(p.url).host;
  let response: Response;
  let bytes: Uint8Array;
  try {
    response = await doFetch(p.url, { headers, signal: AbortSignal.timeout(timeoutMs) });
    bytes = await readCapped(response, p.maxBytes ?? MAX_DOCUMENT_BYTES, `the answer of ${node} for document ${p.documentId}`);
  } catch (error) {
    if (isDiprError(error)) throw error;
    const why = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs / 1000} s` : ((error as { cause?: Error }).cause?.message ?? (error as Error).message);
    throw new DiprError("API_UNAVAILABLE", `cannot fetch document ${p.documentId} from its office's node ${node}: ${why}`, { documentId: p.documentId, node }, { cause: error, retryable: true });
  }
  if (!response.ok) {
    const type = response.headers.get("content-type") ?? "";
    let problem: Problem | undefined;
    if (/^application\/problem\+json/.test(type)) {
      try {
        problem = JSON.parse(Buffer.from(bytes).toString("utf8")) as Problem;
      } catch {
        // Not JSON after all: answered below as a node that is no dipr node.
      }
    }
    if (problem !== undefined && typeof problem.code === "string") throw problemError(problem);
    throw new DiprError("API_UNAVAILABLE", `the node ${node} answered ${response.status} for document ${p.documentId} without a problem body: is it a dipr node?`, {
      documentId: p.documentId,
      node,
      status: response.status,
    });
  }
  verifyDocumentBytes(bytes, p.sha256);
  return bytes;
}
