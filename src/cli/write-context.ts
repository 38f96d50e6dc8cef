import confirm from "@inquirer/confirm";
import { Contract, JsonRpcProvider, type Signer } from "ethers";
import type { Command } from "commander";
import { readDeployment, type Deployment } from "../chain/deployment.js";
import { createRegisterClient, type RegisterClient } from "../chain/register-client.js";
import { loadRegisterArtifact } from "../chain/register-contract.js";
import { loadConfig, type Config, type ConfigOverrides } from "../config.js";
import { DiprError, isDiprError } from "../errors.js";
import { KEY_FLAGS, resolveSigner, type KeyOptions } from "./keys.js";
import { localPaths } from "./start-command.js";

/** The flags every command that writes to the register takes. */
export type WriteOptions = KeyOptions & Readonly<{ rpc?: string; register?: string; yes?: boolean; json?: boolean }>;

/** Adds the write flags (chain, register, key, confirmation, output) to a command. */
export function withWriteFlags(command: Command): Command {
  command
    .option("--rpc <url>", "the chain's JSON-RPC endpoint (DIPR_RPC_URL, default http://127.0.0.1:8545)")
    .option("--register <address>", "the register's address (DIPR_REGISTER_ADDRESS; default the deployment record of the chain)");
  for (const [flags, description] of KEY_FLAGS) command.option(flags, description);
  return command.option("--yes", "write without asking for confirmation").option("--json", "print the result as JSON");
}

export const writeOverrides = (options: WriteOptions): ConfigOverrides => ({
  ...(options.rpc !== undefined && { DIPR_RPC_URL: options.rpc }),
  ...(options.register !== undefined && { DIPR_REGISTER_ADDRESS: options.register }),
});

export type Writer = Readonly<{
  client: RegisterClient;
  signer: Signer;
  account: string;
  chainId: number;
  registerAddress: string;
  provider: JsonRpcProvider;
  close(): void;
}>;

/** The chain behind DIPR_RPC_URL, with its id read once, or CHAIN_UNAVAILABLE (exit code 3) within a few seconds. */
export async function connectChain(url: string, timeoutMs = 5000): Promise<{ provider: JsonRpcProvider; chainId: number }> {
  let chainId: number;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    chainId = Number(((await response.json()) as { result: string }).result);
  } catch (error) {
    throw new DiprError("CHAIN_UNAVAILABLE", `the chain's JSON-RPC endpoint ${url} cannot be reached (${(error as Error).message}); is the chain running?`, { url }, {
      cause: error,
    });
  }
  // A fixed network: ethers would otherwise poll for it, and retry for ever on a dead endpoint.
  return { provider: new JsonRpcProvider(url, chainId, { staticNetwork: true }), chainId };
}

/**
 * The register of this chain: DIPR_REGISTER_ADDRESS, else the deployment record in DIPR_DEPLOYMENTS_DIR, else the
 * one `dipr start` keeps (so commands find the local register with no setting).
 */
export function findRegister(config: Config, chainId: number): string {
  if (config.registerAddress !== undefined) return config.registerAddress;
  const places = [config.deploymentsDir, localPaths(config.localDir).deployments];
  for (const dir of places) {
    try {
      return (readDeployment(dir, chainId) as Deployment).address;
    } catch (error) {
      if (!isDiprError(error, "DEPLOYMENT_NOT_FOUND")) throw error;
    }
  }
  throw new DiprError("DEPLOYMENT_NOT_FOUND", `no register for chain ${chainId}: give --register ADDRESS, or deploy one (dipr deploy, npm start)`, { chainId, places });
}

export type SignerContext = Readonly<{ config: Config; signer: Signer; account: string; chainId: number; provider: JsonRpcProvider; close(): void }>;

/**
 * The configuration with the command's flags, the chain, the signer, and the user's go-ahead. Before anything is
 * sent it says which account writes, as what, to what on which chain; without --yes it asks (and refuses to go on
 * without a terminal to ask on).
 */
export async function openSigner(options: WriteOptions, acting: string, target: (config: Config, chainId: number) => string, extra: ConfigOverrides = {}): Promise<SignerContext & { target: string }> {
  const config = loadConfig(process.env, { ...writeOverrides(options), ...extra });
  const { provider, chainId } = await connectChain(config.rpcUrl);
  try {
    const what = target(config, chainId);
    const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
    const signer = await resolveSigner(options, { privateKey: config.privateKey, keystorePassword: config.keystorePassword, interactive }, provider);
    const account = await signer.getAddress();
    const announcement = `writing as ${account} to ${what} on chain ${chainId} (${config.rpcUrl}); this takes ${acting}`;
    if (options.yes !== true) {
      if (!interactive) throw new DiprError("CLI_USAGE", `${announcement}: add --yes to write without a terminal to confirm on`);
      if (!(await confirm({ message: `${announcement}. Go on?`, default: false }))) throw new DiprError("CLI_CANCELLED", "cancelled: nothing was sent");
    } else if (options.json !== true) {
      process.stderr.write(`${announcement}\n`);
    }
    return { config, signer, account, chainId, provider, target: what, close: () => provider.destroy() };
  } catch (error) {
    provider.destroy();
    throw error;
  }
}

/** {@link openSigner} for a write to the register of the chain, with the register client. */
export async function openWriter(options: WriteOptions, acting: string, extra: ConfigOverrides = {}): Promise<Writer & { config: Config }> {
  const context = await openSigner(options, acting, (config, chainId) => `register ${findRegister(config, chainId)}`, extra);
  const registerAddress = context.target.slice("register ".length);
  const client = createRegisterClient({ register: new Contract(registerAddress, loadRegisterArtifact().abi, context.signer) });
  return { ...context, client, registerAddress };
}
