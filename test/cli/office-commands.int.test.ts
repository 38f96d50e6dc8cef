import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { encryptKeystoreJson, getAddress, JsonRpcProvider, Wallet } from "ethers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { freePort, rpc, startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr } from "../support/node-process.js";

let node: HardhatNode;
let provider: JsonRpcProvider;
let accounts: string[];
const dir = tempDir("dipr-office-cli-");
let register: string;

beforeAll(async () => {
  node = await startHardhatNode();
  provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true });
  accounts = ((await rpc(node.url, "eth_accounts")) as string[]).map((a) => getAddress(a));
  const deployed = await dipr(["deploy", "--account", "0", "--yes", "--json", "--deployments-dir", join(dir.path, "deployments")]);
  expect(deployed.code, deployed.stderr).toBe(0);
  register = (JSON.parse(deployed.stdout) as { address: string }).address;
}, 120_000);
afterAll(async () => {
  provider?.destroy();
  await node?.stop();
  dir.remove();
});

/** `dipr …` against the test chain and its register (found through the deployment record's directory). */
const dipr = (args: string[], env: Record<string, string> = {}) =>
  runDipr(args, { DIPR_RPC_URL: node.url, DIPR_DEPLOYMENTS_DIR: join(dir.path, "deployments"), DIPR_LOCAL_DIR: join(dir.path, "local"), ...env });

async function setUpOffice(code: string, admin: number, signer: number): Promise<void> {
  const admitted = await dipr(["office", "admit", code, "--name", `${code} office`, "--admin", accounts[admin]!, "--account", "0", "--yes"]);
  expect(admitted.code, admitted.stderr).toBe(0);
  expect(admitted.stdout).toMatch(new RegExp(`^admitted ${code} \\(${code} office\\) with admin ${accounts[admin]} \\(block \\d+, transaction 0x[0-9a-f]{64}\\)`));
  const added = await dipr(["signer", "add", code, accounts[signer]!, "--account", String(admin), "--yes"]);
  expect(added.code, added.stderr).toBe(0);
  expect(added.stdout).toContain(`added ${accounts[signer]} as a ${code} signer`);
}

describe("an office's commands, as child processes against a real hardhat node", () => {
  test("deploy, admit, add a signer, register with a claim (text and --json), and the register's refusals in words", async () => {
    await setUpOffice("US", 1, 2);
    await setUpOffice("EP", 3, 4);
    const us = await dipr(["register", "--office", "US", "--number", "63/512,345", "--filing-date", "2024-03-01", "--account", "2", "--yes"]);
    expect(us.code, us.stderr).toBe(0);
    expect(us.stdout).toMatch(/^registered US:63512345, filed 2024-03-01, 0 priority claims \(block \d+/);
    // The announcement of who writes what goes to stderr.
    expect(us.stderr).toContain(`writing as ${accounts[2]} to register ${register} on chain 31337 (${node.url}); this takes a signer of US`);

    const ep = await dipr([
      "register",
      "--office",
      "EP",
      "--number",
      "EP 25 150 123.5",
      "--filing-date",
      "2025-02-27",
      "--claim",
      "US:63/512,345:2024-03-01",
      "--account",
      "4",
      "--yes",
      "--json",
    ]);
    expect(ep.code, ep.stderr).toBe(0);
    expect(JSON.parse(ep.stdout)).toMatchObject({ canonicalId: "EP:25150123.5", applicationId: expect.stringMatching(/^0x[0-9a-f]{64}$/), blockNumber: expect.any(Number), gasUsed: expect.any(Number) });

    const again = await dipr(["register", "--office", "EP", "--number", "25150123.5", "--filing-date", "2025-02-27", "--account", "4", "--yes"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("error CHAIN_REVERTED: the register refused: EP 25150123.5 is on the register already (DiprRegisterApplicationExists)");

    const wrongOffice = await dipr(["register", "--office", "US", "--number", "18/234,567", "--filing-date", "2025-02-28", "--account", "4", "--yes"]);
    expect(wrongOffice.code).toBe(1);
    expect(wrongOffice.stderr).toContain(`may not write US records: it is no US signer (DiprRegisterUnauthorizedSigner)`);
  }, 120_000);

  test("claims are added and withdrawn, dates and types corrected; a type that is part of the number is refused", async () => {
    const add = await dipr(["claim", "add", "--office", "EP", "--number", "EP 25 150 123.5", "--claim", "JP:特願2024-045678:2024-04-10", "--account", "4", "--yes"]);
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toContain("EP:25150123.5 now claims JP:2024045678 of 2024-04-10");
    const withdraw = await dipr(["claim", "withdraw", "--office", "EP", "--number", "25150123.5", "--sequence", "2", "--account", "4", "--yes"]);
    expect(withdraw.code, withdraw.stderr).toBe(0);
    expect(withdraw.stdout).toContain("withdrew claim 2 of EP:25150123.5");
    const unknownClaim = await dipr(["claim", "withdraw", "--office", "EP", "--number", "25150123.5", "--sequence", "9", "--account", "4", "--yes"]);
    expect(unknownClaim.code).toBe(1);
    expect(unknownClaim.stderr).toContain("EP 25150123.5 has no claim with sequence number 9 (DiprRegisterUnknownClaim)");

    const date = await dipr(["correct", "date", "--office", "EP", "--number", "25150123.5", "--filing-date", "2025-02-26", "--account", "4", "--yes"]);
    expect(date.code, date.stderr).toBe(0);
    const tooEarly = await dipr(["correct", "date", "--office", "EP", "--number", "25150123.5", "--filing-date", "2024-01-01", "--account", "4", "--yes"]);
    expect(tooEarly.code).toBe(1);
    expect(tooEarly.stderr).toContain("a claimed application must be filed before its claimant: the claim of US 63512345 is dated 2024-03-01, the application 2024-01-01");
    // EP numbers patents only: the domain core refuses another type before anything is sent.
    const epType = await dipr(["correct", "type", "--office", "EP", "--number", "25150123.5", "--to", "utilityModel", "--account", "4", "--yes"]);
    expect(epType.code).toBe(1);
    expect(epType.stderr).toContain("error IP_TYPE_UNSUPPORTED");
    // AU numbers standard and innovation patents in one series: the type is a correction of the same application.
    await setUpOffice("AU", 6, 7);
    expect((await dipr(["register", "--office", "AU", "--number", "2024901234", "--filing-date", "2024-05-02", "--account", "7", "--yes"])).code).toBe(0);
    const type = await dipr(["correct", "type", "--office", "AU", "--number", "2024901234", "--to", "utilityModel", "--account", "7", "--yes"]);
    expect(type.code, type.stderr).toBe(0);
    expect(type.stdout).toContain("corrected the IP type of AU:2024901234 to utilityModel");
    const jpType = await dipr(["correct", "type", "--office", "JP", "--number", "2024-045678", "--to", "trademark", "--account", "4", "--yes"]);
    expect(jpType.code).toBe(1);
    expect(jpType.stderr).toContain("error IP_TYPE_MISMATCH: at JP the IP type is part of the number: as a trademark, 2024-045678 is JP:402024045678, another application");
  }, 120_000);

  test("the registrar suspends, resets keys and reinstates; only the registrar may", async () => {
    const notRegistrar = await dipr(["office", "suspend", "EP", "--account", "3", "--yes"]);
    expect(notRegistrar.code).toBe(1);
    expect(notRegistrar.stderr).toContain(`account ${accounts[3]} is not the registrar (DiprRegisterUnauthorizedRegistrar)`);
    expect((await dipr(["office", "suspend", "EP", "--account", "0", "--yes"])).stdout).toContain("suspended EP");
    const reset = await dipr(["office", "reset-keys", "EP", "--admin", accounts[5]!, "--account", "0", "--yes"]);
    expect(reset.code, reset.stderr).toBe(0);
    expect((await dipr(["office", "reinstate", "EP", "--account", "0", "--yes"])).stdout).toContain("reinstated EP");
    // The old signer lost its key with the reset; the new admin adds it back.
    const old = await dipr(["register", "--office", "EP", "--number", "EP 25 160 777.6", "--filing-date", "2025-04-30", "--account", "4", "--yes"]);
    expect(old.code).toBe(1);
    expect((await dipr(["signer", "add", "EP", accounts[4]!, "--account", "5", "--yes"])).code).toBe(0);
    expect((await dipr(["register", "--office", "EP", "--number", "EP 25 160 777.6", "--filing-date", "2025-04-30", "--account", "4", "--yes"])).code).toBe(0);
  }, 120_000);

  test("keys: an encrypted keystore with a password file or variable, DIPR_PRIVATE_KEY; a wrong password is a usage error", async () => {
    const wallet = Wallet.createRandom();
    await rpc(node.url, "hardhat_setBalance", [wallet.address, "0x56BC75E2D63100000"]);
    const keystore = join(dir.path, "signer.json");
    // A cheap scrypt setting: the test checks the file format and the password handling, not the key stretching.
  writeFileSync(keystore, await encryptKeystoreJson({ address: wallet.address, privateKey: wallet.privateKey }, "correct horse", { scrypt: { N: 1024 } }));
    writeFileSync(join(dir.path, "password.txt"), "correct horse\n");
    writeFileSync(join(dir.path, "wrong.txt"), "battery staple\n");
    expect((await dipr(["signer", "add", "US", wallet.address, "--account", "1", "--yes"])).code).toBe(0);

    const viaFile = await dipr(["register", "--office", "US", "--number", "18/234,567", "--filing-date", "2025-02-28", "--keystore", keystore, "--password-file", join(dir.path, "password.txt"), "--yes"]);
    expect(viaFile.code, viaFile.stderr).toBe(0);
    expect(viaFile.stderr).toContain(`writing as ${wallet.address} to register`);
    const viaVariable = await dipr(["register", "--office", "US", "--number", "18/234,568", "--filing-date", "2025-02-28", "--keystore", keystore, "--yes"], {
      DIPR_KEYSTORE_PASSWORD: "correct horse",
    });
    expect(viaVariable.code, viaVariable.stderr).toBe(0);
    const viaKey = await dipr(["register", "--office", "US", "--number", "18/234,569", "--filing-date", "2025-02-28", "--yes"], { DIPR_PRIVATE_KEY: wallet.privateKey });
    expect(viaKey.code, viaKey.stderr).toBe(0);

    const wrong = await dipr(["register", "--office", "US", "--number", "18/234,570", "--filing-date", "2025-02-28", "--keystore", keystore, "--password-file", join(dir.path, "wrong.txt"), "--yes"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain("cannot open the keystore");
    const noKey = await dipr(["register", "--office", "US", "--number", "18/234,570", "--filing-date", "2025-02-28", "--yes"]);
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("no key to write with");
    const noTerminal = await dipr(["register", "--office", "US", "--number", "18/234,570", "--filing-date", "2025-02-28", "--account", "2"]);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.stderr).toContain("add --yes to write without a terminal to confirm on");
  }, 120_000);

  test("bad input is refused before anything is sent: exit 1 for a bad number, 2 for usage, 3 for a chain that is down", async () => {
    const badCheck = await dipr(["register", "--office", "EP", "--number", "EP 25 150 124.5", "--filing-date", "2025-02-27", "--account", "4", "--yes"]);
    expect(badCheck.code).toBe(1);
    expect(badCheck.stderr).toMatch(/^error CHECK_DIGIT_MISMATCH: number: /m);
    const badClaim = await dipr(["register", "--office", "EP", "--number", "EP 25 150 124.6", "--filing-date", "2025-02-27", "--claim", "US-63/512,345", "--account", "4", "--yes"]);
    expect(badClaim.code).toBe(2);
    expect(badClaim.stderr).toContain("a claim is OFFICE:NUMBER:DATE");
    const usage = await dipr(["register", "--office", "EP", "--account", "4", "--yes"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--number <number>' not specified");
    const down = await dipr(["office", "suspend", "EP", "--account", "0", "--yes"], { DIPR_RPC_URL: `http://127.0.0.1:${await freePort()}` });
    expect(down.code).toBe(3);
    expect(down.stderr).toMatch(/^error CHAIN_UNAVAILABLE: .*is the chain running\?$/m);
  }, 120_000);
});
