import type { Request, Response } from "express";

const JSON_TYPE = "application/json; charset=utf-8";

/**
 * Answers 200 with `body` as JSON, as express's res.json does (same content type, length and bytes; HEAD gets the
 * headers only, which node's response does itself), without res.send's content-type parse and rewrite of the
 * charset and its freshness check. That check can only answer 304 to a conditional request (responses carry no
 * ETag or Last-Modified), so one of those still goes through res.json.
 */
export function sendJson(req: Request, res: Response, body: unknown): void {
  if (req.headers["if-none-match"] !== undefined || req.headers["if-modified-since"] !== undefined) {
    res.json(body);
    return;
  }
  const text = JSON.stringify(body);
  res.setHeader("Content-Type", JSON_TYPE);
  res.setHeader("Content-Length", Buffer.byteLength(text));
  res.end(text);
}
