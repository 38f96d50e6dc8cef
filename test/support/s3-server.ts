import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

export type S3Server = Readonly<{ endpoint: string; bucket: string; credentials: { accessKeyId: string; secretAccessKey: string }; stop: () => Promise<void> }>;

/**
 * A real S3-protocol server (s3rver, files in a temporary directory) on a loopback port the OS picks, with one
 * bucket. It checks no signatures, so any credentials do.
 */
export async function startS3Server(bucket = "documents"): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), "dipr-s3-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
