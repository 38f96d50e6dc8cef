import { Wallet } from "ethers";
import { describe, expect, test } from "vitest";
import type { Hex } from "../../src/chain/register-contract.js";
import { fetchDocument, MAX_DOCUMENT_BYTES, sha256Of } from "../../src/documents/index.js";
import { isDiprError, type DiprError, type DiprErrorCode } from "../../src/errors.js";

// A node that answers with more bytes than a document may hold is a fault to inject: the answers are built here.
const signer = Wallet.createRandom();
const documentId = `0x${"ab".repeat(32)}` as Hex;
const MAX = 1024;

/** A 200 answer streaming `chunks` chunks of `chunkBytes`, counting what the client pulled; content-length as given. */
function streamingAnswer(chunks: number, chunkBytes: number, contentLength?: number) {
  const pulled = { chunks: 0 };
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.chunks === chunks) return controller.close();
      pulled.chunks += 1;
      controller.enqueue(new Uint8Array(chunkBytes).fill(7));
    },
  });
  const headers: Record<string, string> = contentLength === undefined ? {} : { "content-length": String(contentLength) };
  return { response: new Response(body, { status: 200, headers }), pulled };
}

async function rejection(promise: Promise<unknown>, code: DiprErrorCode): Promise<DiprError> {
  const caught = await promise.then(() => undefined, (error: unknown) => error);
  expect(isDiprError(caught), `expected DiprError ${code}, got ${String(caught)}`).toBe(true);
  expect((caught as DiprError).code).toBe(code);
  return caught as DiprError;
}

const fetchWith = (response: Response, sha256: Hex, maxBytes = MAX) =>
  fetchDocument({
    url: "http://127.0.0.1:9/api/v1/documents/x",
    documentId,
    sha256,
    signer,
    office: "EP",
    register: { chainId: 31337, address: "0x00000000000000000000000000000000000d1b12" },
    nowSeconds: 1_800_000_000,
    maxBytes,
    fetch: async () => response,
  });

describe("fetchDocument's size limit", () => {
  test("is 100 MiB by default", () => {
    expect(MAX_DOCUMENT_BYTES).toBe(100 * 2 ** 20);
  });

  test("takes a document of exactly the limit", async () => {
    const bytes = new Uint8Array(MAX).fill(7);
    const { response } = streamingAnswer(4, MAX / 4);
    expect(await fetchWith(response, sha256Of(bytes))).toEqual(bytes);
  });

  test("refuses an answer announcing more before reading its body", async () => {
    const { response, pulled } = streamingAnswer(1000, MAX, 1000 * MAX);
    const error = await rejection(fetchWith(response, sha256Of(new Uint8Array(0))), "DOCUMENT_TOO_LARGE");
    expect(error.details).toMatchObject({ size: 1000 * MAX, maxBytes: MAX });
    expect(pulled.chunks).toBeLessThanOrEqual(1); // a stream may pull one chunk ahead on its own
  });

  test("stops reading an answer that sends more than the limit without announcing it", async () => {
    const { response, pulled } = streamingAnswer(1000, 300);
    const error = await rejection(fetchWith(response, sha256Of(new Uint8Array(0))), "DOCUMENT_TOO_LARGE");
    expect(error.message).toMatch(/at least\) is 1200 bytes; a dipr document holds at most 1024 bytes/);
    expect(pulled.chunks).toBeLessThan(10);
  });

  test("stops at the limit, not at the size the answer announced", async () => {
    const { response } = streamingAnswer(10, 300, 600);
    await rejection(fetchWith(response, sha256Of(new Uint8Array(0))), "DOCUMENT_TOO_LARGE");
  });
});
