import { join } from "node:path";
import type { Config } from "../config.js";
import { createDirectoryStorage, createS3Storage, type DocumentStorage } from "../documents/index.js";
import { API_BASE } from "../api/openapi.js";
import type { Hex } from "../chain/register-contract.js";

export type DocumentSettings = Pick<
  Config,
  | "documentsDir"
  | "documentsS3Bucket"
  | "documentsS3Endpoint"
  | "documentsS3Region"
  | "documentsS3Prefix"
  | "documentsS3PathStyle"
  | "documentsS3AccessKeyId"
  | "documentsS3SecretAccessKey"
  | "documentAccessLog"
  | "publicUrl"
  | "apiHost"
  | "apiPort"
>;

/** Where an office's documents are: the bucket when one is configured, else a directory (by default in the data directory). */
export function documentPlace(config: DocumentSettings, dataDir: string): Readonly<{ bucket: string; prefix: string } | { directory: string }> {
  if (config.documentsS3Bucket !== undefined) return { bucket: config.documentsS3Bucket, prefix: config.documentsS3Prefix };
  return { directory: config.documentsDir ?? join(dataDir, "documents") };
}

/**
 * The office's document storage, as the node serves it and `dipr document add` fills it: the same settings give the
 * same place, so the CLI writes where the node reads.
 */
export async function openDocumentStorage(config: DocumentSettings, dataDir: string): Promise<DocumentStorage> {
  if (config.documentsS3Bucket === undefined) return createDirectoryStorage({ directory: config.documentsDir ?? join(dataDir, "documents") });
  return createS3Storage({
    bucket: config.documentsS3Bucket,
    region: config.documentsS3Region,
    prefix: config.documentsS3Prefix,
    forcePathStyle: config.documentsS3PathStyle,
    ...(config.documentsS3Endpoint === undefined ? {} : { endpoint: config.documentsS3Endpoint }),
    ...(config.documentsS3AccessKeyId === undefined || config.documentsS3SecretAccessKey === undefined
      ? {}
      : { credentials: { accessKeyId: config.documentsS3AccessKeyId, secretAccessKey: config.documentsS3SecretAccessKey } }),
  });
}

/** The nonces of document requests still in their validity, kept across restarts (one line each). */
export const replayCachePath = (dataDir: string): string => join(dataDir, "document-request-nonces");

export const accessLogPath = (config: DocumentSettings, dataDir: string): string => config.documentAccessLog ?? join(dataDir, "document-access.jsonl");

/** The URL other offices fetch a document at: this node's public API and the document's route. */
export function documentUrl(config: DocumentSettings, documentId: Hex): string {
  const base = (config.publicUrl ?? `http://${config.apiHost}:${config.apiPort}`).replace(/\/+$/, "").replace(new RegExp(`${API_BASE}$`), "");
  return `${base}${API_BASE}/documents/${documentId}`;
}
