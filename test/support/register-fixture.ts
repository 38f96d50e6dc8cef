import { network } from "hardhat";
import type { Contract, Signer } from "ethers";
import { DEFAULT_HANDOVER_DELAY_SECONDS } from "../../src/chain/deployment.js";
import { officeToBytes2 } from "../../src/chain/register-contract.js";

export type OfficeKeys = Readonly<{ code: string; bytes2: string; admin: Signer; signer: Signer }>;

export type RegisterFixture = Readonly<{
  register: Contract;
  registrar: Signer;
  stranger: Signer;
  offices: Readonly<Record<"US" | "EP" | "JP", OfficeKeys>>;
  /** Returns the chain to the state right after the fixture was built. */
  reset: () => Promise<void>;
  send: (method: string, params?: unknown[]) => Promise<unknown>;
}>;

/**
 * An in-process chain with the register deployed and US, EP and JP admitted, each with its own admin and
 * signer accounts. `reset` reverts to a snapshot so tests run alone or in any order.
 */
export async function createRegisterFixture(): Promise<RegisterFixture> {
  const { ethers, provider } = await network.create();
  const [registrar, stranger, ...keys] = await ethers.getSigners();
  if (!registrar || !stranger || keys.length < 6) throw new Error("the in-process chain needs 8 accounts");
  const register = (await ethers.deployContract("DiprRegister", [await registrar.getAddress(), DEFAULT_HANDOVER_DELAY_SECONDS])) as unknown as Contract;
  await register.waitForDeployment();

  const codes = ["US", "EP", "JP"] as const;
  const offices = {} as Record<(typeof codes)[number], OfficeKeys>;
  for (const [i, code] of codes.entries()) {
    const admin = keys[2 * i]!;
    const signer = keys[2 * i + 1]!;
    const bytes2 = officeToBytes2(code);
    await (await register.getFunction("admitOffice")(bytes2, `${code} office`, await admin.getAddress())).wait();
    const asAdmin = register.connect(admin) as Contract;
    await (await asAdmin.getFunction("grantSigner")(bytes2, await signer.getAddress())).wait();
    offices[code] = { code, bytes2, admin, signer };
  }

  const send = (method: string, params: unknown[] = []) => provider.request({ method, params });
  let snapshot = (await send("evm_snapshot")) as string;
  return {
    register,
    registrar,
    stranger,
    offices,
    send,
    reset: async () => {
      await send("evm_revert", [snapshot]);
      snapshot = (await send("evm_snapshot")) as string;
    },
  };
}
