import type { AddressInfo } from "node:net";
import { request } from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sendJson } from "../../src/api/send-json.js";

// The same body answered by express's res.json and by sendJson, on a real server: the two answers must not differ.
const BODY = { claim: { office: "EP", number: "24000001.3" }, outcome: "unknown", reasons: ["Ünïcode €"], period: null };

let server: ReturnType<ReturnType<typeof express>["listen"]>;
let port: number;

beforeAll(async () => {
  const app = express();
  app.set("etag", false);
  app.get("/express", (_req, res) => {
    res.json(BODY);
  });
  app.get("/direct", (req, res) => {
    sendJson(req, res, BODY);
  });
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Status, headers (without the date) and raw bytes of one answer. */
function call(method: string, path: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const { date: _date, ...rest } = res.headers;
        resolve({ status: res.statusCode!, headers: rest, body: Buffer.concat(chunks).toString("latin1") });
      });
    });
    req.on("error", reject);
    req.end();
  });
}

describe("sendJson answers as res.json does", () => {
  test.each([
    ["GET", {}],
    ["HEAD", {}],
    ["GET", { "if-none-match": "*" }],
    ["GET", { "if-modified-since": "Thu, 01 Jan 2099 00:00:00 GMT" }],
  ] as const)("%s with %j", async (method, headers) => {
    const expected = await call(method, "/express", headers);
    const actual = await call(method, "/direct", headers);
    expect(actual).toEqual(expected);
    if (method === "GET" && Object.keys(headers).length === 0) {
      expect(actual.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(Number(actual.headers["content-length"])).toBe(Buffer.byteLength(JSON.stringify(BODY)));
    }
  });
});
