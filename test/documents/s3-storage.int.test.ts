import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createS3Storage } from "../../src/documents/s3-storage.js";
import { sha256Of } from "../../src/documents/storage.js";
import { isDiprError } from "../../src/errors.js";
import { startS3Server, type S3Server } from "../support/s3-server.js";
import { describeDocumentStorage } from "./storage-behaviour.js";

let server: S3Server;
beforeAll(async () => {
  server = await startS3Server();
});
afterAll(() => server.stop());

let run = 0;
describeDocumentStorage("S3", async () => {
  // Each test gets its own key prefix in the one bucket, so it starts empty.
  const prefix = `run-${++run}/`;
  const params = { endpoint: server.endpoint, region: "us-east-1", bucket: server.bucket, credentials: server.credentials, forcePathStyle: true };
  const raw = new S3Client(params);
  return {
    storage: createS3Storage({ ...params, prefix }),
    overwrite: async (sha256, bytes) => {
      await raw.send(new PutObjectCommand({ Bucket: server.bucket, Key: prefix + sha256.slice(2), Body: bytes }));
    },
    cleanup: async () => raw.destroy(),
  };
});

describe("S3 storage that cannot be reached", () => {
  test("a read and a write are reported as unavailable and retryable", async () => {
    const other = await startS3Server();
    const storage = createS3Storage({ endpoint: other.endpoint, region: "us-east-1", bucket: other.bucket, credentials: other.credentials, forcePathStyle: true });
    await other.stop();
    const bytes = new TextEncoder().encode("office action\n");
    for (const attempt of [() => storage.put(bytes), () => storage.get(sha256Of(bytes))]) {
      const error = await attempt().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isDiprError(error, "DOCUMENT_STORAGE_UNAVAILABLE") && error.retryable).toBe(true);
    }
    await storage.close();
  });
});
