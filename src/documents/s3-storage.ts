import type { S3Client } from "@aws-sdk/client-s3";
import { checkStoredBytes, sha256Key, sha256Of, type DocumentStorage } from "./storage.js";
import { DiprError } from "../errors.js";

export type CreateS3StorageParams = Readonly<{
  /** An S3-compatible endpoint (MinIO, Ceph, Garage, ...); AWS's regional endpoint when absent. */
  endpoint?: string;
  region: string;
  bucket: string;
  /** Key prefix inside the bucket, e.g. `dipr/documents/`; the document's 64 hex digits follow it. */
  prefix?: string;
  /** Static credentials; the SDK's default chain (environment, profile, instance role) when absent. */
  credentials?: Readonly<{ accessKeyId: string; secretAccessKey: string }>;
  /** Bucket in the path rather than the host name, which most self-hosted S3 servers need. */
  forcePathStyle?: boolean;
}>;

const unavailable = (message: string, cause: unknown, details: Record<string, unknown>) =>
  new DiprError("DOCUMENT_STORAGE_UNAVAILABLE", message, details, { cause, retryable: true });

/**
 * Documents as objects `<prefix><64 hex digits>` in an S3-compatible bucket. An S3 PUT replaces an object whole, so
 * no reader sees half a document; the object carries its SHA-256 as an S3 checksum, which the server checks on
 * upload where it supports checksums, and every read is hashed again here before it is served.
 */
export function createS3Storage(p: CreateS3StorageParams): DocumentStorage {
  // The SDK is loaded on first use: importing it takes about half a second, which every CLI command and node start
  // would otherwise pay whether it stores documents in S3 or not.
  let loaded: Promise<{ sdk: typeof import("@aws-sdk/client-s3"); client: S3Client }> | undefined;
  const s3 = () =>
    (loaded ??= import("@aws-sdk/client-s3").then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        region: p.region,
        ...(p.endpoint === undefined ? {} : { endpoint: p.endpoint }),
        ...(p.credentials === undefined ? {} : { credentials: { ...p.credentials } }),
        forcePathStyle: p.forcePathStyle ?? false,
      }),
    })));
  const prefix = p.prefix ?? "";
  const where = (key: string) => `s3://${p.bucket}/${prefix}${key}`;

  return {
    async put(bytes) {
      const sha256 = sha256Of(bytes);
      const key = sha256Key(sha256);
      const { sdk, client } = await s3();
      try {
        await client.send(
          new sdk.PutObjectCommand({
            Bucket: p.bucket,
            Key: prefix + key,
            Body: bytes,
            ContentLength: bytes.length,
            ChecksumSHA256: Buffer.from(key, "hex").toString("base64"),
          }),
        );
      } catch (error) {
        throw unavailable(`The document ${sha256} cannot be written to ${where(key)}.`, error, { sha256, bucket: p.bucket });
      }
      return { sha256, size: bytes.length };
    },
    async get(sha256) {
      const key = sha256Key(sha256);
      const { sdk, client } = await s3();
      let bytes: Uint8Array;
      try {
        const object = await client.send(new sdk.GetObjectCommand({ Bucket: p.bucket, Key: prefix + key }));
        if (object.Body === undefined) return undefined;
        bytes = await object.Body.transformToByteArray();
      } catch (error) {
        if (error instanceof sdk.NoSuchKey) return undefined;
        throw unavailable(`The document ${sha256} cannot be read from ${where(key)}.`, error, { sha256, bucket: p.bucket });
      }
      return checkStoredBytes(bytes, sha256, where(key));
    },
    async close() {
      if (loaded !== undefined) (await loaded).client.destroy();
    },
  };
}
