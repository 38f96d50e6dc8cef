import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Contract, JsonRpcProvider } from "ethers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { currentAbiHash, type Deployment } from "../../src/chain/deployment.js";
import { createRegisterClient } from "../../src/chain/register-client.js";
import { loadRegisterArtifact } from "../../src/chain/register-contract.js";
import { isDiprError } from "../../src/errors.js";
import { HARDHAT_CLI, PROJECT_ROOT, freePort, startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";

let node: HardhatNode;
let dir: string;
beforeAll(async () => {
  node = await startHardhatNode();
  dir = mkdtempSync(join(tmpdir(), "dipr-deploy-"));
});
afterAll(async () => {
  await node?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function runDeploy(url: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [HARDHAT_CLI, "run", "scripts/deploy.ts", "--network", "localhost"], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DIPR_LOCALHOST_URL: url, DIPR_DEPLOYMENTS_DIR: dir, ...env },
    encoding: "utf8",
  });
}

describe("deploying to a real hardhat node over JSON-RPC", () => {
  test("npm run deploy -- --network localhost writes deployments/<chainId>.json, and offices register over JSON-RPC", async () => {
    const run = runDeploy(node.url);
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.status).toBe(0);
    const deployment = JSON.parse(readFileSync(join(dir, "31337.json"), "utf8")) as Deployment;
    expect(deployment.chainId).toBe(31337);
    expect(deployment.abiHash).toBe(currentAbiHash());
    expect(run.stdout).toContain(deployment.address);

    const provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, cacheTimeout: -1, pollingInterval: 50 });
    expect(await provider.getCode(deployment.address)).not.toBe("0x");
    const block = await provider.getBlock(deployment.blockNumber);
    expect(block?.hash).toBe(deployment.blockHash);

    const [registrar, usAdmin, usSigner, epSigner] = await Promise.all([0, 1, 2, 3].map((i) => provider.getSigner(i)));
    const { abi } = loadRegisterArtifact();
    const client = (signer: typeof registrar) => createRegisterClient({ register: new Contract(deployment.address, abi, signer) });
    expect(await registrar!.getAddress()).toBe(deployment.registrar);
    await client(registrar!).admitOffice("US", "United States Patent and Trademark Office", await usAdmin!.getAddress());
    await client(usAdmin!).grantSigner("US", await usSigner!.getAddress());
    const { applicationId, receipt } = await client(usSigner!).registerApplication("US", {
      number: "63123456",
      filingDate: "2024-03-01",
      ipType: "patent",
    });
    expect(receipt.status).toBe(1);
    const stored = await client(registrar!).getApplication("US", "63123456");
    expect(stored).toMatchObject({ applicationId, office: "US", filingDate: "2024-03-01", ipType: "patent", claimCount: 0 });
    expect(await client(registrar!).numberOf(applicationId)).toBe("63123456");

    // A bad write over JSON-RPC arrives as CHAIN_REVERTED with the custom error, and stores nothing.
    const error = await client(epSigner!)
      .registerApplication("US", { number: "63123457", filingDate: "2024-03-01", ipType: "patent" })
      .catch((e: unknown) => e);
    expect(isDiprError(error, "CHAIN_REVERTED")).toBe(true);
    expect((error as { details: { error: string; args: unknown[] } }).details).toEqual({
      error: "DiprRegisterUnauthorizedSigner",
      args: ["0x5553", await epSigner!.getAddress()],
    });
    expect(await client(registrar!).getApplication("US", "63123457")).toBeUndefined();
    provider.destroy();
  });

  test("deploying to an endpoint that does not answer fails with a message and a non-zero exit code", async () => {
    const run = runDeploy(`http://127.0.0.1:${await freePort()}`);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("error CHAIN_UNAVAILABLE: cannot reach the JSON-RPC node of network localhost");
    expect(run.stderr).not.toMatch(/^\s+at /m);
  });

  test("an invalid registrar address is refused before anything is sent", () => {
    const run = runDeploy(node.url, { DIPR_REGISTRAR: "0x1234" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("DIPR_REGISTRAR");
  });
});
