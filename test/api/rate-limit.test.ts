import type { Request, Response } from "express";
import { describe, expect, test } from "vitest";
import { fixedWindowRateLimit } from "../../src/api/rate-limit.js";

/** One request through the limiter from `address`: whether it went on, and the headers it set. */
function limiterAt(options: { limit: number; windowMs: number }) {
  let clock = 1_000_000;
  const limiter = fixedWindowRateLimit({
    ...options,
    skip: (req) => req.path === "/health",
    refuse: (_req, res) => res.status(429),
    now: () => clock,
  });
  const call = (address: string, path = "/offices") => {
    const headers: Record<string, string> = {};
    let refused = false;
    let passed = false;
    const res = {
      setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = String(value)),
      status: () => ((refused = true), res),
    };
    limiter({ socket: { remoteAddress: address }, path } as unknown as Request, res as unknown as Response, () => (passed = true));
    return { passed, refused, headers };
  };
  return { call, advance: (ms: number) => (clock += ms) };
}

describe("fixedWindowRateLimit", () => {
  test("counts each client in its own window, announces draft-7 headers, and refuses beyond the limit with Retry-After", () => {
    const { call, advance } = limiterAt({ limit: 2, windowMs: 60_000 });
    const first = call("192.0.2.1");
    expect(first).toMatchObject({ passed: true, refused: false });
    expect(first.headers).toEqual({ "ratelimit-policy": "2;w=60", ratelimit: "limit=2, remaining=1, reset=60" });
    advance(10_500);
    expect(call("192.0.2.1").headers.ratelimit).toBe("limit=2, remaining=0, reset=50");
    const third = call("192.0.2.1");
    expect(third).toMatchObject({ passed: false, refused: true });
    expect(third.headers["retry-after"]).toBe("50");
    // Another client has its own count.
    expect(call("192.0.2.2")).toMatchObject({ passed: true });
    // The first client's window ends 60 s after its first request: then it starts again.
    advance(49_500);
    expect(call("192.0.2.1")).toMatchObject({ passed: true, headers: { ratelimit: "limit=2, remaining=1, reset=60" } });
  });

  test("IPv6 clients count by their /56 and an IPv4-mapped address as its IPv4 address", () => {
    const { call } = limiterAt({ limit: 1, windowMs: 60_000 });
    expect(call("2001:db8:0:1::1")).toMatchObject({ passed: true });
    expect(call("2001:db8:0:2::5")).toMatchObject({ refused: true });
    expect(call("2001:db8:1::1")).toMatchObject({ passed: true });
    expect(call("::ffff:192.0.2.9")).toMatchObject({ passed: true });
    expect(call("192.0.2.9")).toMatchObject({ refused: true });
  });

  test("skipped requests are neither counted nor limited, and a client back after a quiet window starts afresh", () => {
    const { call, advance } = limiterAt({ limit: 1, windowMs: 1_000 });
    expect(call("192.0.2.1", "/health")).toEqual({ passed: true, refused: false, headers: {} });
    expect(call("192.0.2.1")).toMatchObject({ passed: true });
    expect(call("192.0.2.1", "/health")).toMatchObject({ passed: true });
    expect(call("192.0.2.1")).toMatchObject({ refused: true });
    // Two windows later (the limiter has meanwhile dropped the quiet client) its count starts from zero.
    advance(2_500);
    expect(call("192.0.2.3")).toMatchObject({ passed: true });
    expect(call("192.0.2.1")).toMatchObject({ passed: true, headers: { ratelimit: "limit=1, remaining=0, reset=1" } });
  });
});
