import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export type WrongBytesServer = Readonly<{ url: string; close: () => Promise<void> }>;

/**
 * A stand-in on a free 127.0.0.1 port for the URL a document reference names, answering every request with `body` as
 * a PDF: bytes other than those the register's hash was taken of.
 */
export async function startWrongBytesServer(body: string): Promise<WrongBytesServer> {
  const server = createServer((_req, res) => res.writeHead(200, { "content-type": "application/pdf" }).end(body));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
