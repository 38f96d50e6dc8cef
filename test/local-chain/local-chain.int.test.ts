import { appendFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Contract, JsonRpcProvider } from "ethers";
import { afterEach, describe, expect, test } from "vitest";
import { deployRegister } from "../../src/chain/deployment.js";
import { createRegisterClient } from "../../src/chain/register-client.js";
import { loadRegisterArtifact } from "../../src/chain/register-contract.js";
import { startLocalChain, type LocalChain } from "../../src/local-chain/local-chain.js";
import { freePort, rpc } from "../support/hardhat-node.js";
import { silentLog, tempDir } from "../support/indexer-harness.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(dir: string, port?: number): Promise<LocalChain> {
  const chain = await startLocalChain({ dir, port: port ?? (await freePort()), log: silentLog() });
  cleanups.push(() => chain.close());
  return chain;
}

async function blockHashes(url: string): Promise<string[]> {
  const head = parseInt((await rpc(url, "eth_blockNumber")) as string, 16);
  const hashes: string[] = [];
  for (let n = 0; n <= head; n++) hashes.push(((await rpc(url, "eth_getBlockByNumber", [`0x${n.toString(16)}`, false])) as { hash: string }).hash);
  return hashes;
}

/** Deploys the register, admits US with a signer and registers one application, over JSON-RPC. */
async function writeHistory(url: string) {
  const provider = new JsonRpcProvider(url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  cleanups.push(() => provider.destroy());
  const [registrar, admin, signer] = await Promise.all([0, 1, 2].map((i) => provider.getSigner(i)));
  const deployment = await deployRegister({ signer: registrar! });
  const client = (s: typeof registrar) => createRegisterClient({ register: new Contract(deployment.address, loadRegisterArtifact().abi, s) });
  await client(registrar).admitOffice("US", "USPTO", await admin!.getAddress());
  await client(admin).grantSigner("US", await signer!.getAddress());
  await client(signer).registerApplication("US", { number: "63123456", filingDate: "2024-03-01", ipType: "patent" });
  return { deployment, provider, registrarClient: client(registrar), signerClient: client(signer) };
}

describe("the persisted local chain", () => {
  test("a restart replays the journal into the same blocks, hashes included, and writes go on from there", async () => {
    const dir = tempDir("dipr-chain-");
    cleanups.push(dir.remove);
    const first = await start(dir.path);
    const { deployment } = await writeHistory(first.url);
    const before = await blockHashes(first.url);
    expect(before.length).toBeGreaterThan(4);
    await first.close();
    cleanups.pop();
    // Wall-clock time passes between the two runs: the replay must not depend on it.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const second = await start(dir.path);
    expect(second.replayedBlocks).toBe(before.length - 1);
    expect(await blockHashes(second.url)).toEqual(before);
    const provider = new JsonRpcProvider(second.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
    cleanups.push(() => provider.destroy());
    const reader = createRegisterClient({ register: new Contract(deployment.address, loadRegisterArtifact().abi, provider) });
    expect(await reader.getApplication("US", "63123456")).toMatchObject({ office: "US", filingDate: "2024-03-01" });

    const signer = createRegisterClient({ register: new Contract(deployment.address, loadRegisterArtifact().abi, await provider.getSigner(2)) });
    await signer.registerApplication("US", { number: "63123457", filingDate: "2024-03-02", ipType: "patent" });
    const journal = readFileSync(join(dir.path, "chain.jsonl"), "utf8").trim().split("\n");
    expect(journal).toHaveLength(1 + before.length);
  });

  test("a reverted transaction is mined, journaled and replayed like any other", async () => {
    const dir = tempDir("dipr-chain-");
    cleanups.push(dir.remove);
    const first = await start(dir.path);
    const { deployment, provider } = await writeHistory(first.url);
    // A stranger's registration, sent without an estimate so that it is mined and reverts.
    const stranger = await provider.getSigner(5);
    const register = new Contract(deployment.address, loadRegisterArtifact().abi, stranger);
    const blocksBefore = (await blockHashes(first.url)).length;
    const tx = register.getFunction("registerApplication")("0x5553", ["0x" + "3".repeat(64), 20_000, 0, "0x" + "0".repeat(64), 0, []], { gasLimit: 200_000 });
    await expect(tx).rejects.toThrow();
    const before = await blockHashes(first.url);
    expect(before).toHaveLength(blocksBefore + 1);
    await first.close();
    cleanups.pop();

    const second = await start(dir.path);
    expect(await blockHashes(second.url)).toEqual(before);
  });

  test("methods a replay could not repeat are refused with a JSON-RPC error", async () => {
    const dir = tempDir("dipr-chain-");
    cleanups.push(dir.remove);
    const chain = await start(dir.path);
    for (const method of ["evm_snapshot", "evm_revert", "evm_increaseTime", "hardhat_setBalance", "evm_setAutomine"]) {
      await expect(rpc(chain.url, method, [])).rejects.toThrow(/not available on dipr's persisted local chain/);
    }
    // Reads and mining stay available.
    await rpc(chain.url, "evm_mine");
    expect(await rpc(chain.url, "eth_blockNumber")).toBe("0x1");
  });

  test("a last journal line cut short by a crash is dropped; a damaged earlier line is a clear error", async () => {
    const dir = tempDir("dipr-chain-");
    cleanups.push(dir.remove);
    const first = await start(dir.path);
    await rpc(first.url, "evm_mine");
    const hashes = await blockHashes(first.url);
    await first.close();
    cleanups.pop();
    const path = join(dir.path, "chain.jsonl");
    appendFileSync(path, '{"method":"evm_mine","par');
    const second = await start(dir.path);
    expect(await blockHashes(second.url)).toEqual(hashes);
    await second.close();
    cleanups.pop();

    appendFileSync(path, "\nnot json\n");
    await expect(startLocalChain({ dir: dir.path, port: await freePort(), log: silentLog() })).rejects.toMatchObject({ code: "LOCAL_CHAIN_JOURNAL" });
  });

  test("a port in use is a clear error", async () => {
    const dir = tempDir("dipr-chain-");
    cleanups.push(dir.remove);
    const chain = await start(dir.path);
    const other = tempDir("dipr-chain-");
    cleanups.push(other.remove);
    await expect(startLocalChain({ dir: other.path, port: chain.port, log: silentLog() })).rejects.toMatchObject({ code: "LOCAL_CHAIN_LISTEN_FAILED" });
  });
});
