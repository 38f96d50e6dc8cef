import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Contract, JsonRpcProvider } from "ethers";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commitmentOf } from "../../src/chain/commitment.js";
import { applicationIdOf, loadRegisterArtifact, officeToBytes2 } from "../../src/chain/register-contract.js";
import { rpc, startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { cliEnv, setUpRegisterByCli } from "../support/cli-register.js";
import { tempDir } from "../support/indexer-harness.js";
import { runDipr } from "../support/node-process.js";

let node: HardhatNode;
let accounts: string[];
let register: Contract;
let provider: JsonRpcProvider;
const dir = tempDir("dipr-signed-cli-");
const signedDir = join(dir.path, "signed");

/** `dipr …` against the test chain and its register (found through the deployment record's directory). */
const dipr = (args: string[], env: Record<string, string> = {}) => runDipr(args, { ...cliEnv(node.url, dir.path), ...env });

beforeAll(async () => {
  node = await startHardhatNode();
  const cli = await setUpRegisterByCli(node.url, dir.path, { EP: { admin: 3, signer: 4 }, US: { admin: 1, signer: 2 } });
  accounts = cli.accounts;
  provider = new JsonRpcProvider(node.url, undefined, { staticNetwork: true, cacheTimeout: -1 });
  register = new Contract(cli.deployment.address, loadRegisterArtifact().abi, provider);
  mkdirSync(signedDir);
}, 120_000);
afterAll(async () => {
  provider?.destroy();
  await node?.stop();
  dir.remove();
});

const EP_BLINDED = ["--office", "EP", "--number", "EP 25 201 236.4", "--filing-date", "2025-10-01"];
const relayerTransactions = async () => Number(await rpc(node.url, "eth_getTransactionCount", [accounts[9], "latest"]));

type SignedFile = { format: string; signer: string; register: string; chainId: number; operation: string; summary: Record<string, string>; data: string; nonce: string; deadline: string; signature: string };
const readSigned = (file: string) => JSON.parse(readFileSync(file, "utf8")) as SignedFile;

describe("dipr sign and dipr relay, as child processes against a real hardhat node", () => {
  test("a registration, a claim and a reveal signed by one signer are relayed by a stranger in one run; again, they are refused", async () => {
    // The unpublished application to reveal, committed directly by EP's signer with a known access code.
    const codeFile = join(dir.path, "access-code");
    const accessCode = `0x${"5a".repeat(32)}`;
    writeFileSync(codeFile, `${accessCode}\n`);
    expect((await dipr(["commit", ...EP_BLINDED, "--access-code-file", codeFile, "--account", "4", "--yes"])).code).toBe(0);
    const commitment = commitmentOf({ office: "EP", number: "25201236.4", filingDate: "2025-10-01", ipType: "patent" }, accessCode as `0x${string}`);

    const files = { register: join(signedDir, "1-register.json"), claim: join(signedDir, "2-claim.json"), reveal: join(signedDir, "3-reveal.json") };
    const signedRegister = await dipr(["sign", "register", "--office", "EP", "--number", "EP 25 150 123.5", "--filing-date", "2025-02-27", "--out", files.register, "--account", "4"]);
    expect(signedRegister.code, signedRegister.stderr).toBe(0);
    expect(signedRegister.stdout).toMatch(
      new RegExp(`^signed the registration of EP:25150123\\.5 as ${accounts[4]} \\(nonce 0, valid until \\S+\\) for register ${register.target} on chain 31337; wrote ${files.register}\n$`),
    );
    // The claim names the application whose registration is only signed: the next nonce, and a note to relay in order.
    const signedClaim = await dipr(["sign", "claim", "add", "--office", "EP", "--number", "EP 25 150 123.5", "--claim", "US:63/512,345:2024-03-01", "--out", files.claim, "--account", "4"]);
    expect(signedClaim.code, signedClaim.stderr).toBe(0);
    expect(signedClaim.stdout).toContain("signed the claim of US:63512345 of 2024-03-01 by EP:25150123.5 as");
    expect(signedClaim.stdout).toContain("(nonce 1,");
    expect(signedClaim.stdout).toContain("EP:25150123.5 is not on the register yet: signed for it with no recorded claims, so relay its registration first");
    const signedReveal = await dipr(["sign", "reveal", ...EP_BLINDED, "--access-code-file", codeFile, "--out", files.reveal, "--account", "4", "--json"]);
    expect(signedReveal.code, signedReveal.stderr).toBe(0);
    expect(JSON.parse(signedReveal.stdout)).toMatchObject({ operation: "revealApplication", nonce: "2", path: files.reveal });

    expect(readSigned(files.register)).toMatchObject({
      format: "dipr.signed-write.v1",
      signer: accounts[4],
      register: register.target,
      chainId: 31337,
      operation: "registerApplication",
      summary: { application: "EP:25150123.5", filingDate: "2025-02-27", ipType: "patent", claims: "none" },
      nonce: "0",
      deadline: expect.stringMatching(/^\d+$/),
      signature: expect.stringMatching(/^0x[0-9a-f]{130}$/),
    });
    expect(readSigned(files.claim).summary).toEqual({ application: "EP:25150123.5", claim: "US:63512345 of 2024-03-01", recordedClaims: "0" });
    expect(readSigned(files.reveal).summary).toMatchObject({ application: "EP:25201236.4", commitment });
    // Signing sent nothing.
    expect(await register.getFunction("nonces")(accounts[4])).toBe(0n);

    // A stranger relays them, given in any order: each signer's writes go in nonce order.
    const before = await relayerTransactions();
    const relayed = await dipr(["relay", files.reveal, files.claim, files.register, "--account", "9", "--yes"]);
    expect(relayed.code, relayed.stderr).toBe(0);
    expect(relayed.stdout).toMatch(
      new RegExp(`^relayed 3 signed writes in one transaction \\(block \\d+, transaction 0x[0-9a-f]{64}, gas [\\d,]+\\): ${files.register}, ${files.claim}, ${files.reveal}\n3 signed writes relayed in 1 transaction\n$`),
    );
    expect(relayed.stderr).toContain(`writing as ${accounts[9]} to register`);
    expect(await relayerTransactions()).toBe(before + 1);
    const stored = await register.getFunction("getApplication")(applicationIdOf("EP", "25150123.5"));
    expect([stored.office, Number(stored.claimCount)]).toEqual([officeToBytes2("EP"), 1]);
    expect(await register.getFunction("getCommitment")(commitment)).toEqual([officeToBytes2("EP"), true]);

    const again = await dipr(["relay", files.register, "--account", "9", "--yes"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`error SIGNED_WRITE_NONCE: ${files.register}: nonce 0 of ${accounts[4]} was used already (its next one is 3): it was relayed before; nothing was sent`);
    expect(await relayerTransactions()).toBe(before + 1);
  }, 120_000);

  test("an expired file, a file for another register and a file that is not a signed write are refused before anything is sent", async () => {
    const own = join(dir.path, "refused");
    mkdirSync(own);
    const registered = await dipr(["register", "--office", "EP", "--number", "EP 25 150 124.3", "--filing-date", "2025-02-27", "--claim", "US:63/512,346:2024-03-01", "--account", "4", "--yes"]);
    expect(registered.code, registered.stderr).toBe(0);
    const expired = join(own, "expired.json");
    const signed = await dipr(["sign", "correct", "date", "--office", "EP", "--number", "EP 25 150 124.3", "--filing-date", "2025-02-26", "--deadline-minutes", "1", "--out", expired, "--account", "4"]);
    expect(signed.code, signed.stderr).toBe(0);
    // The recorded claims are read from the register for the signature.
    expect(readSigned(expired).summary).toEqual({ application: "EP:25150124.3", filingDate: "2025-02-26", recordedClaims: "1" });
    const fresh = join(own, "fresh.json");
    expect((await dipr(["sign", "claim", "withdraw", "--office", "EP", "--number", "EP 25 150 124.3", "--sequence", "1", "--out", fresh, "--account", "4"])).code).toBe(0);
    expect(BigInt(readSigned(fresh).nonce)).toBe(BigInt(readSigned(expired).nonce) + 1n);
    await rpc(node.url, "evm_increaseTime", [120]);
    await rpc(node.url, "evm_mine");

    const before = await relayerTransactions();
    const refused = await dipr(["relay", fresh, expired, "--account", "9", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`error SIGNED_WRITE_EXPIRED: ${expired}: the signature of ${accounts[4]} expired at \\S+; sign it again; nothing was sent`));

    const other = join(own, "other-register.json");
    writeFileSync(other, JSON.stringify({ ...readSigned(fresh), register: accounts[5] }));
    const wrong = await dipr(["relay", other, "--account", "9", "--yes"]);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`error SIGNED_WRITE_WRONG_REGISTER: ${other} was signed for register ${accounts[5]} on chain 31337`);

    const notSigned = join(own, "not-signed.json");
    writeFileSync(notSigned, "{}");
    const bad = await dipr(["relay", fresh, notSigned, "--account", "9", "--yes"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`error SIGNED_FILE_INVALID: ${notSigned} is not a signed write file as dipr sign writes it`);
    expect(await relayerTransactions()).toBe(before);
  }, 120_000);

  test("a signed commitment discloses no number: the file has the commitment, the signer's terminal the access code; a code is never a flag value", async () => {
    const own = join(dir.path, "commit");
    mkdirSync(own);
    const file = join(own, "commit.json");
    const committed = await dipr(["sign", "commit", "--office", "EP", "--number", "EP 24 150 001.6", "--filing-date", "2024-01-08", "--out", file, "--account", "4"]);
    expect(committed.code, committed.stderr).toBe(0);
    const accessCode = /access code (0x[0-9a-f]{64})/.exec(committed.stdout)?.[1];
    expect(accessCode).toBeDefined();
    const text = readFileSync(file, "utf8");
    expect(JSON.parse(text)).toMatchObject({ operation: "commitApplication", summary: { office: "EP", claimedCommitments: "none" } });
    expect(text).not.toContain("24150001");
    expect(text).not.toContain(accessCode!.slice(2));
    const asFlag = await dipr(["sign", "commit", "--office", "EP", "--number", "EP 24 150 001.6", "--filing-date", "2024-01-08", "--access-code", accessCode!, "--out", join(own, "x.json"), "--account", "4"]);
    expect(asFlag.code).toBe(2);
  }, 120_000);
});
