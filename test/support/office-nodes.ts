import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Wallet } from "ethers";
import type { AccessLogLine } from "../../src/documents/index.js";
import { freePort, rpc } from "./hardhat-node.js";
import { runDipr, startDipr, type NodeProcess } from "./node-process.js";
import type { RegisterChain, TestOffice } from "./register-chain.js";

/**
 * Office nodes on one chain, each a real `dipr node` process with its own data directory and document storage, for
 * the tests of documents shared between offices. Accounts of setUpRegisterChain: 0 registrar; US admin 1, signer 2;
 * EP admin 3, signer 4; JP admin 5, signer 6.
 */
export const SIGNER_ACCOUNT = { US: 2, EP: 4, JP: 6 } as const;

export type OfficeNode = Readonly<{ office: TestOffice; url: string; env: Record<string, string>; dataDir: string; process: NodeProcess; stop: () => Promise<void> }>;

export type OfficeNodeParams = Readonly<{
  chain: RegisterChain;
  /** A directory of the test's own; the node's data directory goes under `<dir>/<name>`. */
  dir: string;
  name: string;
  office: TestOffice;
  /** More DIPR_* settings, e.g. the document proxy's. */
  env?: Record<string, string>;
  /** The port to listen on, e.g. a restarted node's old one (the URL its documents are recorded at); a free one by default. */
  port?: number;
}>;

/** The settings every command of the test needs to find the chain and the register. */
export const chainEnv = (chain: RegisterChain, dir: string): Record<string, string> => ({
  DIPR_RPC_URL: chain.url,
  DIPR_REGISTER_ADDRESS: chain.deployment.address,
  DIPR_START_BLOCK: String(chain.deployment.blockNumber),
  DIPR_DEPLOYMENTS_DIR: join(dir, "deployments"),
  DIPR_LOCAL_DIR: join(dir, "local"),
});

/** Starts `dipr node` for an office on a free 127.0.0.1 port, its public URL that address; resolves once it listens. */
export async function startOfficeNode(p: OfficeNodeParams): Promise<OfficeNode> {
  const port = p.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const dataDir = join(p.dir, p.name, "data");
  const env = { ...chainEnv(p.chain, p.dir), DIPR_DATA_DIR: dataDir, DIPR_API_PORT: String(port), DIPR_PUBLIC_URL: url };
  const process = startDipr(["node"], { ...env, DIPR_POLL_INTERVAL_MS: "100", DIPR_API_READY_MAX_LAG: "0", DIPR_CONFIRMATIONS: "0", ...p.env });
  await process.waitFor((line) => line.msg === "api listening");
  return {
    office: p.office,
    url,
    env,
    dataDir,
    process,
    stop: async () => {
      process.child.kill("SIGTERM");
      await process.exited;
    },
  };
}

/** Waits until the node has indexed the chain's head. */
export async function untilIndexed(node: OfficeNode, chain: RegisterChain): Promise<void> {
  const head = Number(await rpc(chain.url, "eth_blockNumber"));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const status = await fetch(`${node.url}/api/v1/status`).then((r) => r.json() as Promise<{ indexedBlock?: number }>, () => ({ indexedBlock: -1 }));
    if ((status.indexedBlock ?? -1) >= head) return;
    if (Date.now() > deadline) throw new Error(`node ${node.office} did not index block ${head}: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A new key made a signer of `office` by its admin: the key an office gives its node's document proxy. */
export async function grantProxyKey(chain: RegisterChain, office: TestOffice): Promise<Wallet> {
  const wallet = Wallet.createRandom();
  await chain.admin[office].grantSigner(office, wallet.address);
  return new Wallet(wallet.privateKey);
}

/**
 * `dipr document add FILE` by the office's signer account into the node's storage, recording the node's public URL
 * (or `publicUrl`); resolves with the document's id.
 */
export async function addDocument(node: OfficeNode, file: string, application: string, kind: string, date: string, publicUrl?: string): Promise<`0x${string}`> {
  const args = ["document", "add", file, "--application", application, "--kind", kind, "--date", date, "--account", String(SIGNER_ACCOUNT[node.office]), "--yes", "--json"];
  const added = await runDipr(publicUrl === undefined ? args : [...args, "--public-url", publicUrl], node.env);
  if (added.code !== 0) throw new Error(`dipr document add failed (${added.code}): ${added.stderr}`);
  return (JSON.parse(added.stdout) as { documentId: `0x${string}` }).documentId;
}

/** The node's document access log (`document-access.jsonl` in its data directory), a line an entry. */
export const readAccessLog = (node: Pick<OfficeNode, "dataDir">): AccessLogLine[] =>
  readFileSync(join(node.dataDir, "document-access.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as AccessLogLine);
