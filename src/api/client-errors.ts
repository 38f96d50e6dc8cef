import { maxHeaderSize, STATUS_CODES, type Server } from "node:http";
import type { Duplex } from "node:stream";
import type { DiprErrorCode } from "../errors.js";
import { problemOf } from "./problem.js";

/**
 * Requests Node's HTTP parser refuses never reach express: a request line and headers over `maxHeaderSize` (16 KiB
 * by default, so a query of about 16 KB), bytes that are not HTTP, or a request not received within the server's
 * requestTimeout. Node then writes a bare status line with no body. This answers them with the same problem bodies
 * as every other error. There is no request object yet, so the response is written to the socket by hand, and the
 * connection closed (the parser cannot resync).
 */
export function answerClientErrors(server: Server): Server {
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => {
    // A client that went away, or a socket already answered, has nobody to read a problem body.
    if (error.code === "ECONNRESET" || !socket.writable) {
      socket.destroy();
      return;
    }
    const [code, detail]: [DiprErrorCode, string] =
      error.code === "HPE_HEADER_OVERFLOW"
        ? ["API_HEADERS_TOO_LARGE", `The request line and headers exceed ${maxHeaderSize} bytes; send a shorter query (a batch of claims goes in a POST body).`]
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? ["API_REQUEST_TIMEOUT", "The request was not received in full in time."]
          : ["API_MALFORMED_REQUEST", "The request could not be parsed as HTTP/1.1."];
    const problem = problemOf(code, detail);
    const body = JSON.stringify(problem);
    socket.end(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        "content-type: application/problem+json; charset=utf-8\r\n" +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        "x-content-type-options: nosniff\r\n" +
        "connection: close\r\n\r\n" +
        body,
    );
  });
  return server;
}
