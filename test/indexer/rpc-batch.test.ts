import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isDiprError } from "../../src/errors.js";
import { createRpcClient } from "../../src/indexer/index.js";
import { textOf } from "../../src/indexer/rpc-client.js";

type Request = { id: number; method: string; params: unknown[] };

// What the endpoint answers a batch with, set by each test: the parsed requests in, a status and body out.
let answer: (requests: Request[]) => { status: number; body: unknown } = () => ({ status: 200, body: [] });
let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const { status, body } = answer(JSON.parse(Buffer.concat(chunks).toString()) as Request[]);
    res.writeHead(status, { "content-type": "application/json" }).end(typeof body === "string" ? body : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const calls = [1, 2, 3].map((n) => ({ method: "eth_getBlockByNumber", params: [`0x${n}`, false] }));
const rejection = (promise: Promise<unknown>) => promise.then(() => expect.unreachable("the batch should fail"), (error: unknown) => error);

describe("JSON-RPC batch requests", () => {
  test("one request for all calls; replies matched to calls by id, in whatever order they come", async () => {
    const seen: Request[][] = [];
    answer = (requests) => {
      seen.push(requests);
      return { status: 200, body: requests.map((r) => ({ jsonrpc: "2.0", id: r.id, result: { asked: r.params[0] } })).reverse() };
    };
    const results = await createRpcClient({ url, timeoutMs: 5000 }).batch<{ asked: string }>(calls);
    expect(results).toEqual([{ asked: "0x1" }, { asked: "0x2" }, { asked: "0x3" }]);
    expect(seen).toHaveLength(1);
    expect(new Set(seen[0]!.map((r) => r.id)).size).toBe(3);
  });

  test("an endpoint that answers a batch with one error object: CHAIN_BATCH_UNSUPPORTED, not retryable, with its message", async () => {
    answer = () => ({ status: 200, body: { jsonrpc: "2.0", id: null, error: { code: -32600, message: "batch limit 2 exceeded" } } });
    const error = await rejection(createRpcClient({ url, timeoutMs: 5000 }).batch(calls));
    expect(isDiprError(error, "CHAIN_BATCH_UNSUPPORTED")).toBe(true);
    expect(error).toMatchObject({ retryable: false, details: { size: 3, message: "batch limit 2 exceeded" } });
  });

  test("geth over its batch limit (one invalid-request reply with the first call's id): CHAIN_BATCH_UNSUPPORTED", async () => {
    answer = (requests) => ({ status: 200, body: [{ jsonrpc: "2.0", id: requests[0]!.id, error: { code: -32600, message: "batch too large" } }] });
    const error = await rejection(createRpcClient({ url, timeoutMs: 5000 }).batch(calls));
    expect(isDiprError(error, "CHAIN_BATCH_UNSUPPORTED")).toBe(true);
    expect(error).toMatchObject({ retryable: false, details: { size: 3, message: "batch too large" } });
  });

  test("an overloaded endpoint (HTTP 503, no array): CHAIN_UNAVAILABLE, retryable", async () => {
    answer = () => ({ status: 503, body: "<html>busy</html>" });
    expect(await rejection(createRpcClient({ url, timeoutMs: 5000 }).batch(calls))).toMatchObject({ code: "CHAIN_BAD_RESPONSE", retryable: true });
    answer = () => ({ status: 503, body: { error: { code: -32000, message: "busy" } } });
    expect(await rejection(createRpcClient({ url, timeoutMs: 5000 }).batch(calls))).toMatchObject({ code: "CHAIN_UNAVAILABLE", retryable: true });
  });

  test("one call of the batch failing fails the batch as that call would fail alone", async () => {
    answer = (requests) => ({
      status: 200,
      body: requests.map((r, i) => (i === 1 ? { jsonrpc: "2.0", id: r.id, error: { code: -32603, message: "internal error" } } : { jsonrpc: "2.0", id: r.id, result: null })),
    });
    expect(await rejection(createRpcClient({ url, timeoutMs: 5000 }).batch(calls))).toMatchObject({
      code: "CHAIN_RPC_ERROR",
      retryable: true,
      details: { method: "eth_getBlockByNumber", code: -32603 },
    });
  });

  test("a reply missing from the array: CHAIN_BAD_RESPONSE", async () => {
    answer = (requests) => ({ status: 200, body: requests.slice(1).map((r) => ({ jsonrpc: "2.0", id: r.id, result: null })) });
    expect(await rejection(createRpcClient({ url, timeoutMs: 5000 }).batch(calls))).toMatchObject({ code: "CHAIN_BAD_RESPONSE" });
  });
});

describe("answers read as text", () => {
  const name = "特願2024-045678, Société";
  const replies = (requests: Request[]) => requests.map((r) => ({ jsonrpc: "2.0", id: r.id, result: name }));

  test("UTF-8 beyond ASCII, with or without a byte order mark, reads as it was sent", async () => {
    answer = (requests) => ({ status: 200, body: JSON.stringify(replies(requests)) });
    expect(await createRpcClient({ url, timeoutMs: 5000 }).batch<string>(calls)).toEqual([name, name, name]);
    answer = (requests) => ({ status: 200, body: `\uFEFF${JSON.stringify(replies(requests))}` });
    expect(await createRpcClient({ url, timeoutMs: 5000 }).batch<string>(calls)).toEqual([name, name, name]);
    // A single call's request is one object, not an array.
    answer = (request) => ({ status: 200, body: `\uFEFF${JSON.stringify(replies([request as unknown as Request])[0])}` });
    expect(await createRpcClient({ url, timeoutMs: 5000 }).call<string>("eth_chainId", [])).toBe(name);
  });

  test("ASCII as one-byte text, anything else as UTF-8", () => {
    expect(textOf(Buffer.from('{"result":"0xabcdef"}'))).toBe('{"result":"0xabcdef"}');
    expect(textOf(Buffer.from("Société"))).toBe("Société");
    expect(textOf(Buffer.from([0xef, 0xbb, 0xbf, 0x31]))).toBe("1");
    // Latin-1 would read these two bytes as two characters.
    expect(textOf(Buffer.from([0xc3, 0xa9]))).toBe("é");
  });
});
