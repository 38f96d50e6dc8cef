import { join } from "node:path";
import { getAddress } from "ethers";
import { rpc } from "./hardhat-node.js";
import { runDipr } from "./node-process.js";

/** An office's admin and signer, as indices into the chain's accounts. */
export type CliOfficeAccounts = Readonly<{ admin: number; signer: number }>;

export type CliRegister = Readonly<{
  /** The chain's accounts, checksummed. */
  accounts: string[];
  deployment: Readonly<{ address: string; blockNumber: number }>;
}>;

/** The settings a `dipr` command needs to find the chain at `rpcUrl` and the register whose record is under `dir`. */
export const cliEnv = (rpcUrl: string, dir: string): Record<string, string> => ({
  DIPR_RPC_URL: rpcUrl,
  DIPR_DEPLOYMENTS_DIR: join(dir, "deployments"),
  DIPR_LOCAL_DIR: join(dir, "local"),
});

/**
 * Deploys the register (account 0 its registrar, the record under `dir`) and admits `offices` in their order, with
 * the commands a registrar and an office's admin type: `dipr deploy`, `dipr office admit`, `dipr signer add`.
 * @throws Error naming the command that failed, with its standard error
 */
export async function setUpRegisterByCli(rpcUrl: string, dir: string, offices: Readonly<Record<string, CliOfficeAccounts>>): Promise<CliRegister> {
  const dipr = async (args: string[]): Promise<string> => {
    const run = await runDipr(args, cliEnv(rpcUrl, dir));
    if (run.code !== 0) throw new Error(`set-up command dipr ${args.join(" ")} failed (${run.code}): ${run.stderr}`);
    return run.stdout;
  };
  const accounts = ((await rpc(rpcUrl, "eth_accounts")) as string[]).map((a) => getAddress(a));
  const deployed = await dipr(["deploy", "--account", "0", "--yes", "--json", "--deployments-dir", join(dir, "deployments")]);
  const { address, blockNumber } = JSON.parse(deployed) as { address: string; blockNumber: number };
  for (const [office, { admin, signer }] of Object.entries(offices)) {
    await dipr(["office", "admit", office, "--name", `${office} office`, "--admin", accounts[admin]!, "--account", "0", "--yes"]);
    await dipr(["signer", "add", office, accounts[signer]!, "--account", String(admin), "--yes"]);
  }
  return { accounts, deployment: { address, blockNumber } };
}
