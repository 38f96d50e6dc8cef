import { describe, expect, test } from "vitest";
import { isLoopbackAddress, isLoopbackHost, localClientRefusal } from "../../src/api/local-client.js";

// The document proxy's gate: only this machine's loopback interface, named as the loopback, and not another site's page.

describe("the loopback-only gate of the document proxy", () => {
  test.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.5", false],
    ["::ffff:10.0.0.5", false],
    ["192.168.1.20", false],
    ["172.17.0.1", false],
    ["fe80::1", false],
    ["::", false],
    ["0.0.0.0", false],
    ["128.0.0.1", false],
    [undefined, false],
  ])("remote address %s is loopback: %s", (address, loopback) => {
    expect(isLoopbackAddress(address)).toBe(loopback);
  });

  test.each([
    ["127.0.0.1:3000", true],
    ["127.0.0.1", true],
    ["[::1]:3000", true],
    ["localhost:3000", true],
    ["LOCALHOST", true],
    ["evil.example:3000", false],
    ["127.0.0.1.evil.example", false],
    ["localhost.evil.example:3000", false],
    ["10.0.0.5:3000", false],
    ["[fe80::1]:3000", false],
    [undefined, false],
  ])("Host %s names the loopback: %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  const request = (remoteAddress: string | undefined, headers: Record<string, string> = {}) => ({ socket: { remoteAddress }, headers: { host: "127.0.0.1:3000", ...headers } });

  test("a client on another machine is refused, DOCUMENT_PROXY_LOOPBACK_ONLY naming its address", () => {
    const refusal = localClientRefusal(request("10.0.0.5"));
    expect([refusal?.code, refusal?.details.remoteAddress]).toEqual(["DOCUMENT_PROXY_LOOPBACK_ONLY", "10.0.0.5"]);
    expect(localClientRefusal(request("::ffff:192.168.1.20"))?.code).toBe("DOCUMENT_PROXY_LOOPBACK_ONLY");
    expect(localClientRefusal(request(undefined))?.code).toBe("DOCUMENT_PROXY_LOOPBACK_ONLY");
  });

  test("a loopback client naming another host (DNS rebinding) is refused, DOCUMENT_PROXY_LOOPBACK_ONLY", () => {
    expect(localClientRefusal(request("127.0.0.1", { host: "evil.example:3000" }))?.code).toBe("DOCUMENT_PROXY_LOOPBACK_ONLY");
    expect(localClientRefusal({ socket: { remoteAddress: "127.0.0.1" }, headers: {} })?.code).toBe("DOCUMENT_PROXY_LOOPBACK_ONLY");
  });

  test("a browser's request for another site's page is refused, DOCUMENT_PROXY_CROSS_SITE; the node's own page, a typed URL and curl pass", () => {
    expect(localClientRefusal(request("127.0.0.1", { "sec-fetch-site": "cross-site" }))?.code).toBe("DOCUMENT_PROXY_CROSS_SITE");
    expect(localClientRefusal(request("::1", { "sec-fetch-site": "same-site" }))?.code).toBe("DOCUMENT_PROXY_CROSS_SITE");
    expect(localClientRefusal(request("127.0.0.1", { "sec-fetch-site": "same-origin" }))).toBeUndefined();
    expect(localClientRefusal(request("::1", { host: "[::1]:3000", "sec-fetch-site": "none" }))).toBeUndefined();
    expect(localClientRefusal(request("::ffff:127.0.0.1", { host: "localhost:3000" }))).toBeUndefined();
  });
});
