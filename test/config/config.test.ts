import { describe, expect, test } from "vitest";
import { loadConfig } from "../../src/config.js";
import { isDiprError } from "../../src/errors.js";

const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!isDiprError(error, "CONFIG_INVALID")) throw error;
    return (error.details.problems as { variable: string; message: string }[]).map((p) => `${p.variable}: ${p.message}`);
  }
};

describe("configuration", () => {
  test("DIPR_CONFIRMATIONS is a number of blocks or finalized", () => {
    expect(loadConfig({}).confirmations).toBe(12);
    expect(loadConfig({ DIPR_CONFIRMATIONS: "0" }).confirmations).toBe(0);
    expect(loadConfig({ DIPR_CONFIRMATIONS: "finalized" }).confirmations).toBe("finalized");
    for (const bad of ["-1", "1.5", "safe", "10001"]) {
      expect(problemsOf({ DIPR_CONFIRMATIONS: bad })).toEqual(["DIPR_CONFIRMATIONS: must be a whole number of blocks from 0 to 10000, or finalized"]);
    }
  });

  test("DIPR_NODE_HEAP_MIB is 0 (no cap) or at least 64", () => {
    expect(loadConfig({}).nodeHeapMiB).toBe(128);
    expect(loadConfig({ DIPR_NODE_HEAP_MIB: "0" }).nodeHeapMiB).toBe(0);
    expect(loadConfig({ DIPR_NODE_HEAP_MIB: "512" }).nodeHeapMiB).toBe(512);
    expect(problemsOf({ DIPR_NODE_HEAP_MIB: "10" })).toEqual(["DIPR_NODE_HEAP_MIB: must be 0 (no cap) or at least 64"]);
  });

  test("DIPR_NODE_HEAP_GROWTH_PERCENT is a whole percentage from 0 (V8's own) to 400, 100 by default", () => {
    expect(loadConfig({}).nodeHeapGrowthPercent).toBe(100);
    expect(loadConfig({ DIPR_NODE_HEAP_GROWTH_PERCENT: "0" }).nodeHeapGrowthPercent).toBe(0);
    expect(problemsOf({ DIPR_NODE_HEAP_GROWTH_PERCENT: "401" })).toEqual(["DIPR_NODE_HEAP_GROWTH_PERCENT: must be at most 400"]);
    expect(problemsOf({ DIPR_NODE_HEAP_GROWTH_PERCENT: "-5" })).toHaveLength(1);
  });

  test("DIPR_API_FAMILY_MAX_MEMBERS is a number of members from 1 to 100000, 1000 by default", () => {
    expect(loadConfig({}).apiFamilyMaxMembers).toBe(1000);
    expect(loadConfig({ DIPR_API_FAMILY_MAX_MEMBERS: "50000" }).apiFamilyMaxMembers).toBe(50_000);
    for (const bad of ["0", "100001"]) {
      expect(problemsOf({ DIPR_API_FAMILY_MAX_MEMBERS: bad })).toEqual(["DIPR_API_FAMILY_MAX_MEMBERS: must be a whole number of members from 1 to 100000"]);
    }
    expect(problemsOf({ DIPR_API_FAMILY_MAX_MEMBERS: "1.5" })).toEqual(["DIPR_API_FAMILY_MAX_MEMBERS: must be a whole number"]);
  });

  test("DIPR_ALLOW_ABI_MISMATCH is off unless 1 or true, and a flag's override wins over the environment", () => {
    expect(loadConfig({}).allowAbiMismatch).toBe(false);
    expect(loadConfig({ DIPR_ALLOW_ABI_MISMATCH: "1" }).allowAbiMismatch).toBe(true);
    expect(loadConfig({ DIPR_ALLOW_ABI_MISMATCH: "false" }).allowAbiMismatch).toBe(false);
    expect(problemsOf({ DIPR_ALLOW_ABI_MISMATCH: "yes" })).toEqual(["DIPR_ALLOW_ABI_MISMATCH: must be 1, 0, true or false"]);
    expect(loadConfig({ DIPR_DATA_DIR: "env" }, { DIPR_DATA_DIR: "flag" }).dataDir).toBe("flag");
  });

  test("DIPR_CHAIN_PORT is a port, 8545 by default", () => {
    expect(loadConfig({}).chainPort).toBe(8545);
    expect(loadConfig({}, { DIPR_CHAIN_PORT: "9545" }).chainPort).toBe(9545);
    expect(problemsOf({ DIPR_CHAIN_PORT: "70000" }).map((p) => p.split(":")[0])).toEqual(["DIPR_CHAIN_PORT"]);
  });

  test("DIPR_API_URL is an http(s) URL, the local node's API by default", () => {
    expect(loadConfig({}).apiUrl).toBe("http://127.0.0.1:3000");
    expect(loadConfig({ DIPR_API_URL: "https://node.example.org/api/v1" }).apiUrl).toBe("https://node.example.org/api/v1");
    expect(loadConfig({ DIPR_API_URL: "http://a:1" }, { DIPR_API_URL: "http://b:2" }).apiUrl).toBe("http://b:2");
    for (const bad of ["127.0.0.1:3000", "ftp://host/", "javascript:alert(1)", "http//x"]) {
      expect(problemsOf({ DIPR_API_URL: bad })).toEqual(["DIPR_API_URL: must be an http(s) URL"]);
    }
  });

  test("documents live in a directory or an S3-compatible bucket, not both; the public URL carries no credentials", () => {
    const defaults = loadConfig({});
    expect([defaults.documentsDir, defaults.documentsS3Bucket, defaults.documentsS3Region, defaults.documentsS3PathStyle, defaults.publicUrl]).toEqual([undefined, undefined, "us-east-1", false, undefined]);
    const s3 = loadConfig({ DIPR_DOCUMENTS_S3_BUCKET: "ep-documents", DIPR_DOCUMENTS_S3_ENDPOINT: "http://127.0.0.1:9000", DIPR_DOCUMENTS_S3_PATH_STYLE: "1" });
    expect([s3.documentsS3Bucket, s3.documentsS3Endpoint, s3.documentsS3PathStyle]).toEqual(["ep-documents", "http://127.0.0.1:9000", true]);
    expect(loadConfig({ DIPR_PUBLIC_URL: "https://dipr.epo.example" }).publicUrl).toBe("https://dipr.epo.example");
    expect(
      problemsOf({
        DIPR_DOCUMENTS_DIR: "docs",
        DIPR_DOCUMENTS_S3_BUCKET: "b",
        DIPR_DOCUMENTS_S3_ACCESS_KEY_ID: "id",
      }),
    ).toEqual([
      "DIPR_DOCUMENTS_S3_BUCKET: and DIPR_DOCUMENTS_DIR are two places for the documents: give one",
      "DIPR_DOCUMENTS_S3_SECRET_ACCESS_KEY: and DIPR_DOCUMENTS_S3_ACCESS_KEY_ID are given together or not at all",
    ]);
    expect(problemsOf({ DIPR_PUBLIC_URL: "https://clerk:secret@dipr.epo.example" })).toEqual([
      "DIPR_PUBLIC_URL: must not carry a user name or password: it is recorded on the register",
    ]);
    expect(problemsOf({ DIPR_PUBLIC_URL: "ftp://dipr.epo.example", DIPR_DOCUMENTS_S3_ENDPOINT: "s3.example" }).map((p) => p.split(":")[0])).toEqual([
      "DIPR_DOCUMENTS_S3_ENDPOINT",
      "DIPR_PUBLIC_URL",
    ]);
  });

  test("the document proxy is off unless DIPR_DOCUMENT_PROXY_OFFICE is set, and then takes one signer key: a keystore with its password file, or the key", () => {
    expect(loadConfig({}).documentProxyOffice).toBeUndefined();
    const key = `0x${"ab".repeat(32)}`;
    const byKey = loadConfig({ DIPR_DOCUMENT_PROXY_OFFICE: "EP", DIPR_DOCUMENT_PROXY_PRIVATE_KEY: key });
    expect([byKey.documentProxyOffice, byKey.documentProxyPrivateKey]).toEqual(["EP", key]);
    const byKeystore = loadConfig({ DIPR_DOCUMENT_PROXY_OFFICE: "EP", DIPR_DOCUMENT_PROXY_KEYSTORE: "ep.json", DIPR_DOCUMENT_PROXY_PASSWORD_FILE: "ep.pw" });
    expect([byKeystore.documentProxyKeystore, byKeystore.documentProxyPasswordFile]).toEqual(["ep.json", "ep.pw"]);
    const needsKey =
      "DIPR_DOCUMENT_PROXY_OFFICE: needs one signer key of the office: DIPR_DOCUMENT_PROXY_KEYSTORE (with DIPR_DOCUMENT_PROXY_PASSWORD_FILE) or DIPR_DOCUMENT_PROXY_PRIVATE_KEY";
    expect(problemsOf({ DIPR_DOCUMENT_PROXY_OFFICE: "EP" })).toEqual([needsKey]);
    expect(problemsOf({ DIPR_DOCUMENT_PROXY_OFFICE: "EP", DIPR_DOCUMENT_PROXY_PRIVATE_KEY: key, DIPR_DOCUMENT_PROXY_KEYSTORE: "ep.json", DIPR_DOCUMENT_PROXY_PASSWORD_FILE: "ep.pw" })).toEqual([needsKey]);
    expect(problemsOf({ DIPR_DOCUMENT_PROXY_OFFICE: "EP", DIPR_DOCUMENT_PROXY_KEYSTORE: "ep.json" })).toEqual([
      "DIPR_DOCUMENT_PROXY_PASSWORD_FILE: and DIPR_DOCUMENT_PROXY_KEYSTORE are given together (the node has no terminal to ask for the password on)",
    ]);
    expect(problemsOf({ DIPR_DOCUMENT_PROXY_PRIVATE_KEY: key })).toEqual(["DIPR_DOCUMENT_PROXY_OFFICE: is needed with the proxy's key: the office it signs for"]);
    expect(problemsOf({ DIPR_DOCUMENT_PROXY_OFFICE: "ep", DIPR_DOCUMENT_PROXY_PRIVATE_KEY: "0x12" }).map((p) => p.split(":")[0])).toEqual([
      "DIPR_DOCUMENT_PROXY_OFFICE",
      "DIPR_DOCUMENT_PROXY_PRIVATE_KEY",
    ]);
  });

  test("every problem is reported at once", () => {
    expect(problemsOf({ DIPR_CONFIRMATIONS: "x", DIPR_NODE_HEAP_MIB: "1", DIPR_LOG_LEVEL: "loud" }).map((p) => p.split(":")[0])).toEqual([
      "DIPR_CONFIRMATIONS",
      "DIPR_LOG_LEVEL",
      "DIPR_NODE_HEAP_MIB",
    ]);
  });
});
