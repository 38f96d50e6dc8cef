import { readFileSync } from "node:fs";
import password from "@inquirer/password";
import { Wallet, type JsonRpcProvider, type Signer } from "ethers";
import { DiprError } from "../errors.js";

/**
 * Where a writing command's key comes from. Never a key or password as a flag value (it would be in the shell
 * history and in `ps`): a keystore file with its password from a prompt, a file or DIPR_KEYSTORE_PASSWORD; a
 * private key in DIPR_PRIVATE_KEY; or, on a development chain, one of the node's own unlocked accounts.
 */
export type KeyOptions = Readonly<{ keystore?: string; passwordFile?: string; account?: string }>;

export type KeyEnvironment = Readonly<{ privateKey?: string; keystorePassword?: string; interactive: boolean }>;

/** The CLI flags every writing command takes for its key. */
export const KEY_FLAGS = [
  ["--keystore <file>", "an encrypted JSON keystore (ethers/geth format); its password from --password-file, DIPR_KEYSTORE_PASSWORD or a prompt"],
  ["--password-file <file>", "a file holding the keystore's password (its first line)"],
  ["--account <index>", "an unlocked account of the chain's node, by index (development chains: dipr start, hardhat node)"],
] as const;

/**
 * The signer a writing command sends with. Without a provider (the node's document proxy, which only signs requests)
 * the key is not connected to a chain, and a node's unlocked account is no source.
 * @throws DiprError CLI_USAGE when no key source or two are given, or a source is unreadable; CHAIN_REVERTED is
 * never thrown here.
 */
export async function resolveSigner(options: KeyOptions, env: KeyEnvironment, provider?: JsonRpcProvider): Promise<Signer> {
  const sources = [options.keystore !== undefined, env.privateKey !== undefined, options.account !== undefined].filter(Boolean).length;
  if (sources === 0) {
    throw new DiprError("CLI_USAGE", "no key to write with: give --keystore FILE, set DIPR_PRIVATE_KEY, or (on a development chain) --account N");
  }
  if (sources > 1) throw new DiprError("CLI_USAGE", "give one key source: --keystore, DIPR_PRIVATE_KEY or --account");
  if (options.account !== undefined) {
    if (!/^\d{1,3}$/.test(options.account)) throw new DiprError("CLI_USAGE", `--account must be an account index, got ${JSON.stringify(options.account)}`);
    if (provider === undefined) throw new TypeError("an unlocked account needs the chain's provider");
    return provider.getSigner(Number(options.account));
  }
  if (env.privateKey !== undefined) {
    try {
      return new Wallet(env.privateKey, provider);
    } catch {
      throw new DiprError("CLI_USAGE", "DIPR_PRIVATE_KEY is not a 32-byte hex private key");
    }
  }
  let json: string;
  try {
    json = readFileSync(options.keystore!, "utf8");
  } catch (error) {
    throw new DiprError("CLI_USAGE", `cannot read the keystore ${options.keystore}: ${(error as Error).message}`);
  }
  const secret = await keystorePassword(options, env);
  try {
    return (await Wallet.fromEncryptedJson(json, secret)).connect(provider ?? null);
  } catch (error) {
    throw new DiprError("CLI_USAGE", `cannot open the keystore ${options.keystore}: ${(error as Error).message} (wrong password?)`);
  }
}

async function keystorePassword(options: KeyOptions, env: KeyEnvironment): Promise<string> {
  if (options.passwordFile !== undefined) {
    try {
      return readFileSync(options.passwordFile, "utf8").split(/\r?\n/)[0] ?? "";
    } catch (error) {
      throw new DiprError("CLI_USAGE", `cannot read the password file ${options.passwordFile}: ${(error as Error).message}`);
    }
  }
  if (env.keystorePassword !== undefined) return env.keystorePassword;
  if (!env.interactive) throw new DiprError("CLI_USAGE", "the keystore needs a password: --password-file FILE or DIPR_KEYSTORE_PASSWORD (no terminal to ask on)");
  return password({ message: `password of ${options.keystore}`, mask: "*" });
}
