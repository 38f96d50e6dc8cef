import { isIPv4 } from "node:net";
import { DiprError } from "../errors.js";

/**
 * Whether a request comes from a client on this machine, for the resources that act with the office's own key (the
 * document proxy). Three checks, each closing a way in:
 * - the TCP peer is on the loopback interface (127.0.0.0/8, ::1, or 127.x mapped into IPv6): no other machine;
 * - the Host header names the loopback (`127.0.0.1`, `[::1]`, `localhost`): a page of another site whose name an
 *   attacker re-points at 127.0.0.1 (DNS rebinding) is same-origin to the browser, but still sends its own name;
 * - a browser's `Sec-Fetch-Site` is not `cross-site` or `same-site`: another site, or another port of this machine,
 *   cannot make the examiner's browser fetch a document through the proxy (it could not read the answer without
 *   CORS, but the office's request would be made and logged in its name).
 */

/** Whether a socket's remote address is on the loopback interface. An absent address (a closed socket) is not. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const plain = address.toLowerCase().replace(/^::ffff:/, "");
  if (isIPv4(plain)) return plain.startsWith("127.");
  return plain === "::1";
}

/** Whether a Host header (`host[:port]`) names this machine's loopback. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (host === undefined) return false;
  const name = /^\[([^\]]+)\](?::\d+)?$/.exec(host)?.[1] ?? host.replace(/:\d+$/, "");
  return name.toLowerCase() === "localhost" || isLoopbackAddress(name);
}

export type LocalClientRequest = Readonly<{
  socket: Readonly<{ remoteAddress?: string | undefined }>;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}>;

/**
 * Why a request may not use a loopback-only resource, or undefined when it may.
 * @returns DiprError DOCUMENT_PROXY_LOOPBACK_ONLY (another machine, or a Host that is not the loopback),
 *   DOCUMENT_PROXY_CROSS_SITE (a browser sent it for a page of another site)
 */
export function localClientRefusal(req: LocalClientRequest): DiprError | undefined {
  const address = req.socket.remoteAddress;
  if (!isLoopbackAddress(address)) {
    return new DiprError("DOCUMENT_PROXY_LOOPBACK_ONLY", `The document proxy signs with this office's key and answers only this machine; the request came from ${address ?? "an unknown address"}.`, {
      remoteAddress: address ?? null,
    });
  }
  const host = req.headers.host;
  if (typeof host !== "string" || !isLoopbackHost(host)) {
    return new DiprError("DOCUMENT_PROXY_LOOPBACK_ONLY", "The document proxy answers only requests for 127.0.0.1, [::1] or localhost; this one names another host.", {
      remoteAddress: address ?? null,
    });
  }
  const site = req.headers["sec-fetch-site"];
  if (site === "cross-site" || site === "same-site") {
    return new DiprError("DOCUMENT_PROXY_CROSS_SITE", `The document proxy answers only the node's own page; the browser sent this request for a page of another ${site === "same-site" ? "origin of this site" : "site"}.`, {
      remoteAddress: address ?? null,
    });
  }
  return undefined;
}
