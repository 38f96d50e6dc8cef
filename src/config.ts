import { join } from "node:path";
import { z } from "zod";
import { DiprError } from "./errors.js";

const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "must be a 0x-prefixed 20-byte hex address");
const count = (min: number) => z.coerce.number({ invalid_type_error: "must be a number" }).int("must be a whole number").min(min);

/** An absolute http: or https: URL (zod's url() also takes ftp: and javascript:). */
export function isHttpUrl(text: string): boolean {
  try {
    return ["http:", "https:"].includes(new URL(text).protocol);
  } catch {
    return false;
  }
}

export const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A switch: 1 or true, 0 or false; off by default. */
const onOff = z
  .enum(["1", "0", "true", "false"], { errorMap: () => ({ message: "must be 1, 0, true or false" }) })
  .default("0")
  .transform((v) => v === "1" || v === "true");

const ConfigSchema = z
  .object({
    /** DIPR_DEPLOYMENTS_DIR: where `npm run deploy` writes `<chainId>.json`. */
    deploymentsDir: z.string().min(1).default("deployments"),
    /** DIPR_REGISTRAR: the registrar account of a new deployment; defaults to the deploying account. */
    registrar: address.optional(),
    /** DIPR_RPC_URL: the JSON-RPC endpoint the node follows. */
    rpcUrl: z.string().url("must be an http(s) URL").default("http://127.0.0.1:8545"),
    /** DIPR_REGISTER_ADDRESS: the register to follow; defaults to deployments/<chainId>.json. */
    registerAddress: address.optional(),
    /** DIPR_START_BLOCK: first block to index; defaults to the deployment record's block. */
    startBlock: count(0).optional(),
    /** DIPR_DATA_DIR: the LevelDB directory; defaults to ./data/<chainId>-<address>/. */
    dataDir: z.string().min(1).optional(),
    /**
     * DIPR_CONFIRMATIONS: how many recent blocks the node keeps hashes and undo records for (the reorg depth it
     * survives), or `finalized`: every block above the chain's finalized block.
     */
    confirmations: z
      .string()
      .default("12")
      .refine((v) => v === "finalized" || (/^\d{1,5}$/.test(v) && Number(v) <= 10_000), "must be a whole number of blocks from 0 to 10000, or finalized")
      .transform((v): number | "finalized" => (v === "finalized" ? v : Number(v))),
    /** DIPR_POLL_INTERVAL_MS: how often a caught-up node asks for a new head. */
    pollIntervalMs: count(10).default(2000),
    /** DIPR_RPC_TIMEOUT_MS: one JSON-RPC request's time limit. */
    rpcTimeoutMs: count(100).default(30_000),
    /** DIPR_GETLOGS_MAX_RANGE: most blocks per eth_getLogs call. */
    getLogsMaxRange: count(1).default(2000),
    /** DIPR_GETLOGS_MIN_RANGE: fewest blocks per eth_getLogs call before the node gives up on a refusing endpoint. */
    getLogsMinRange: count(1).default(1),
    /** DIPR_LOG_LEVEL: pino level of the node's logs. */
    logLevel: z.enum(LOG_LEVELS).default("info"),
    /** DIPR_API_HOST: the interface the query API listens on. */
    apiHost: z.string().min(1).default("127.0.0.1"),
    /** DIPR_API_PORT: the query API's port (0: any free port, logged at start). */
    apiPort: count(0).max(65_535).default(3000),
    /** DIPR_API_CORS_ORIGINS: comma-separated origins allowed by CORS; empty (the default) turns CORS off. */
    apiCorsOrigins: z
      .string()
      .default("")
      .transform((text) => text.split(",").map((o) => o.trim()).filter((o) => o.length > 0))
      .pipe(z.array(z.union([z.literal("*"), z.string().url("must list http(s) origins")]))),
    /** DIPR_API_RATE_LIMIT: requests per client IP per minute before 429. */
    apiRateLimit: count(1).default(6000),
    /** DIPR_API_READY_MAX_LAG: /ready answers 200 while the node is at most this many blocks behind the head. */
    apiReadyMaxLag: count(0).default(2),
    /** DIPR_API_FAMILY_MAX_MEMBERS: most members a family answer holds; a larger family is a 422 API_FAMILY_TOO_LARGE. */
    apiFamilyMaxMembers: count(0)
      .refine((n) => n >= 1 && n <= 100_000, "must be a whole number of members from 1 to 100000")
      .default(1000),
    /**
     * DIPR_ALLOW_ABI_MISMATCH: start even when the deployment record's ABI hash differs from this build's
     * (`dipr node --allow-abi-mismatch`). Off by default: events of another ABI may decode wrongly or not at all.
     */
    allowAbiMismatch: onOff,
    /** DIPR_PRIVATE_KEY: the key a writing command signs with (instead of --keystore or --account). Never logged. */
    privateKey: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key").optional(),
    /** DIPR_KEYSTORE_PASSWORD: the password of --keystore, when there is no --password-file or terminal. Never logged. */
    keystorePassword: z.string().optional(),
    /** DIPR_LOCAL_DIR: where `dipr start` keeps the local chain's journal, its deployment record and the node's data. */
    localDir: z.string().min(1).default(join("data", "local")),
    /** DIPR_CHAIN_PORT: the port `npm run chain` serves a local hardhat node on (`npm run chain -- --port N`). */
    chainPort: count(1).max(65_535).default(8545),
    /** DIPR_API_URL: the query API the examiner's commands read (`dipr verify`, `show`, …; `--api URL` wins). */
    apiUrl: z.string().refine(isHttpUrl, "must be an http(s) URL").default("http://127.0.0.1:3000"),
    /** DIPR_DOCUMENTS_DIR: the directory the node keeps its office's shared documents in; defaults to <data dir>/documents. */
    documentsDir: z.string().min(1).optional(),
    /** DIPR_DOCUMENTS_S3_BUCKET: keep the documents in this bucket of an S3-compatible store instead of a directory. */
    documentsS3Bucket: z.string().min(1).optional(),
    /** DIPR_DOCUMENTS_S3_ENDPOINT: the S3-compatible endpoint (MinIO, Ceph, Garage ...); AWS's when absent. */
    documentsS3Endpoint: z.string().refine(isHttpUrl, "must be an http(s) URL").optional(),
    /** DIPR_DOCUMENTS_S3_REGION. */
    documentsS3Region: z.string().min(1).default("us-east-1"),
    /** DIPR_DOCUMENTS_S3_PREFIX: key prefix inside the bucket, e.g. `dipr/documents/`. */
    documentsS3Prefix: z.string().default(""),
    /** DIPR_DOCUMENTS_S3_PATH_STYLE: the bucket in the path rather than the host name (most self-hosted servers). */
    documentsS3PathStyle: onOff,
    /**
     * DIPR_DOCUMENTS_S3_ACCESS_KEY_ID and DIPR_DOCUMENTS_S3_SECRET_ACCESS_KEY: static credentials, both or neither
     * (neither: the AWS SDK's own chain, AWS_* variables, profiles, instance roles). Never logged.
     */
    documentsS3AccessKeyId: z.string().min(1).optional(),
    documentsS3SecretAccessKey: z.string().min(1).optional(),
    /** DIPR_DOCUMENT_ACCESS_LOG: the append-only JSON-lines log of document accesses; defaults to <data dir>/document-access.jsonl. */
    documentAccessLog: z.string().min(1).optional(),
    /**
     * DIPR_PUBLIC_URL: this node's API as other offices reach it, the base of the URL `dipr document add` records on
     * the register; defaults to http://<DIPR_API_HOST>:<DIPR_API_PORT>. Public on the register: no user or password.
     */
    publicUrl: z
      .string()
      .refine(isHttpUrl, "must be an http(s) URL")
      .refine((text) => !isHttpUrl(text) || (new URL(text).username === "" && new URL(text).password === ""), "must not carry a user name or password: it is recorded on the register")
      .optional(),
    /**
     * DIPR_DOCUMENT_PROXY_OFFICE: turns on the node's document proxy, which fetches other offices' documents for the
     * examiner's web page with a request signed for this office (answered only on the loopback interface).
     */
    documentProxyOffice: z.string().regex(/^[A-Z]{2}$/, "must be an ST.3 office code, two upper-case letters").optional(),
    /** DIPR_DOCUMENT_PROXY_KEYSTORE: the proxy's signer key, an encrypted JSON keystore (ethers/geth format). */
    documentProxyKeystore: z.string().min(1).optional(),
    /** DIPR_DOCUMENT_PROXY_PASSWORD_FILE: a file whose first line is the keystore's password. */
    documentProxyPasswordFile: z.string().min(1).optional(),
    /** DIPR_DOCUMENT_PROXY_PRIVATE_KEY: the proxy's signer key itself, instead of a keystore. Never logged. */
    documentProxyPrivateKey: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "must be a 0x-prefixed 32-byte hex private key").optional(),
    /** DIPR_NODE_HEAP_MIB: V8 old-space cap for `dipr node` (applied by bin/dipr.js at start; 0: none). */
    nodeHeapMiB: count(0)
      .refine((n) => n === 0 || n >= 64, "must be 0 (no cap) or at least 64")
      .default(128),
    /**
     * DIPR_NODE_HEAP_GROWTH_PERCENT: how far V8 lets the capped old space outgrow its live size before a major
     * collection while the node follows the head (src/cli/heap-growth.ts; 0: V8's own choice throughout).
     */
    nodeHeapGrowthPercent: count(0).max(400, "must be at most 400").default(100),
  })
  .refine((c) => c.getLogsMinRange <= c.getLogsMaxRange, {
    path: ["getLogsMinRange"],
    message: "must not be larger than DIPR_GETLOGS_MAX_RANGE",
  })
  .refine((c) => c.documentsDir === undefined || c.documentsS3Bucket === undefined, {
    path: ["documentsS3Bucket"],
    message: "and DIPR_DOCUMENTS_DIR are two places for the documents: give one",
  })
  .refine((c) => (c.documentsS3AccessKeyId === undefined) === (c.documentsS3SecretAccessKey === undefined), {
    path: ["documentsS3SecretAccessKey"],
    message: "and DIPR_DOCUMENTS_S3_ACCESS_KEY_ID are given together or not at all",
  })
  // The proxy's key: one source, as for the CLI's writes (a keystore with its password file, or the key itself).
  .refine((c) => c.documentProxyOffice === undefined || (c.documentProxyKeystore === undefined) !== (c.documentProxyPrivateKey === undefined), {
    path: ["documentProxyOffice"],
    message: "needs one signer key of the office: DIPR_DOCUMENT_PROXY_KEYSTORE (with DIPR_DOCUMENT_PROXY_PASSWORD_FILE) or DIPR_DOCUMENT_PROXY_PRIVATE_KEY",
  })
  .refine((c) => c.documentProxyOffice !== undefined || (c.documentProxyKeystore ?? c.documentProxyPasswordFile ?? c.documentProxyPrivateKey) === undefined, {
    path: ["documentProxyOffice"],
    message: "is needed with the proxy's key: the office it signs for",
  })
  .refine((c) => (c.documentProxyKeystore === undefined) === (c.documentProxyPasswordFile === undefined), {
    path: ["documentProxyPasswordFile"],
    message: "and DIPR_DOCUMENT_PROXY_KEYSTORE are given together (the node has no terminal to ask for the password on)",
  });

export type Config = Readonly<z.infer<typeof ConfigSchema>>;

const ENV_NAMES: Record<keyof Config, string> = {
  deploymentsDir: "DIPR_DEPLOYMENTS_DIR",
  registrar: "DIPR_REGISTRAR",
  rpcUrl: "DIPR_RPC_URL",
  registerAddress: "DIPR_REGISTER_ADDRESS",
  startBlock: "DIPR_START_BLOCK",
  dataDir: "DIPR_DATA_DIR",
  confirmations: "DIPR_CONFIRMATIONS",
  pollIntervalMs: "DIPR_POLL_INTERVAL_MS",
  rpcTimeoutMs: "DIPR_RPC_TIMEOUT_MS",
  getLogsMaxRange: "DIPR_GETLOGS_MAX_RANGE",
  getLogsMinRange: "DIPR_GETLOGS_MIN_RANGE",
  logLevel: "DIPR_LOG_LEVEL",
  apiHost: "DIPR_API_HOST",
  apiPort: "DIPR_API_PORT",
  apiCorsOrigins: "DIPR_API_CORS_ORIGINS",
  apiRateLimit: "DIPR_API_RATE_LIMIT",
  apiReadyMaxLag: "DIPR_API_READY_MAX_LAG",
  apiFamilyMaxMembers: "DIPR_API_FAMILY_MAX_MEMBERS",
  apiUrl: "DIPR_API_URL",
  nodeHeapMiB: "DIPR_NODE_HEAP_MIB",
  nodeHeapGrowthPercent: "DIPR_NODE_HEAP_GROWTH_PERCENT",
  allowAbiMismatch: "DIPR_ALLOW_ABI_MISMATCH",
  chainPort: "DIPR_CHAIN_PORT",
  localDir: "DIPR_LOCAL_DIR",
  privateKey: "DIPR_PRIVATE_KEY",
  keystorePassword: "DIPR_KEYSTORE_PASSWORD",
  documentsDir: "DIPR_DOCUMENTS_DIR",
  documentsS3Bucket: "DIPR_DOCUMENTS_S3_BUCKET",
  documentsS3Endpoint: "DIPR_DOCUMENTS_S3_ENDPOINT",
  documentsS3Region: "DIPR_DOCUMENTS_S3_REGION",
  documentsS3Prefix: "DIPR_DOCUMENTS_S3_PREFIX",
  documentsS3PathStyle: "DIPR_DOCUMENTS_S3_PATH_STYLE",
  documentsS3AccessKeyId: "DIPR_DOCUMENTS_S3_ACCESS_KEY_ID",
  documentsS3SecretAccessKey: "DIPR_DOCUMENTS_S3_SECRET_ACCESS_KEY",
  documentAccessLog: "DIPR_DOCUMENT_ACCESS_LOG",
  publicUrl: "DIPR_PUBLIC_URL",
  documentProxyOffice: "DIPR_DOCUMENT_PROXY_OFFICE",
  documentProxyKeystore: "DIPR_DOCUMENT_PROXY_KEYSTORE",
  documentProxyPasswordFile: "DIPR_DOCUMENT_PROXY_PASSWORD_FILE",
  documentProxyPrivateKey: "DIPR_DOCUMENT_PROXY_PRIVATE_KEY",
};

/** Values the CLI's flags give, by the variable they stand for (`--data-dir` is DIPR_DATA_DIR). */
export type ConfigOverrides = Readonly<Partial<Record<(typeof ENV_NAMES)[keyof Config], string>>>;

/**
 * The only reader of the environment. Validates every variable at once and throws one `CONFIG_INVALID`
 * error listing every problem, so an operator fixes them all in one pass.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: ConfigOverrides = {}): Config {
  // Command-line flags win over the environment and are validated (and named) like the variable they set.
  const merged: Record<string, string | undefined> = { ...env, ...overrides };
  const raw = Object.fromEntries(
    Object.entries(ENV_NAMES).flatMap(([key, name]) => (merged[name] === undefined || merged[name] === "" ? [] : [[key, merged[name]]])),
  );
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof Config;
      return { variable: ENV_NAMES[key] ?? key, message: issue.message };
    });
    throw new DiprError(
      "CONFIG_INVALID",
      `invalid configuration: ${problems.map((p) => `${p.variable} ${p.message}`).join("; ")}`,
      { problems },
    );
  }
  return parsed.data;
}
