import { afterAll, beforeAll, expect, test } from "vitest";
import { createRegisterClient } from "../../src/chain/register-client.js";
import type { HardhatNode } from "../support/hardhat-node.js";
import { freshIndex, openNode, tempDir } from "../support/indexer-harness.js";
import { startRegisterChainNode, stopRegisterChainNode, type RegisterChain } from "../support/register-chain.js";

let node: HardhatNode;
let chain: RegisterChain;
beforeAll(async () => {
  ({ node, chain } = await startRegisterChainNode());
});
afterAll(() => stopRegisterChainNode({ node, chain }));

test("an office key reset voids every earlier key in the index: the new admin, and only the signers it grants", async () => {
  const address = async (i: number) => (await chain.accounts[i]!.getAddress()).toLowerCase();
  const [oldAdmin, oldSigner, newAdmin, newSigner] = [await address(1), await address(2), await address(7), await address(8)];

  const dir = tempDir("dipr-keys-");
  const indexed = await openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations: 0 });
  try {
    await indexed.indexer.syncToHead();
    expect((await indexed.store.listMembers("US", "admin")).map((m) => m.account)).toEqual([oldAdmin]);
    expect((await indexed.store.listMembers("US", "signer")).map((m) => m.account)).toEqual([oldSigner]);

    await chain.registrar.suspendOffice("US");
    await chain.registrar.resetOfficeKeys("US", newAdmin);
    await chain.registrar.reinstateOffice("US");
    const asNewAdmin = createRegisterClient({ register: chain.registrar.register.connect(chain.accounts[7]!) as typeof chain.registrar.register });
    await asNewAdmin.grantSigner("US", newSigner);
    await indexed.indexer.syncToHead();

    const office = await indexed.store.getOffice("US");
    expect(office).toMatchObject({ status: "active", keyEpoch: 1, adminRole: await chain.registrar.register.getFunction("adminRole")("0x5553") });
    expect((await indexed.store.listMembers("US", "admin")).map((m) => m.account)).toEqual([newAdmin]);
    expect((await indexed.store.listMembers("US", "signer")).map((m) => m.account)).toEqual([newSigner]);
    expect(await indexed.store.getRole(office!.signerRole)).toMatchObject({ kind: "signer", office: "US", adminRole: office!.adminRole });

    // Catching up from scratch gives the same index as following the reset live.
    const fresh = await freshIndex({ url: node.url, deployment: chain.deployment, confirmations: 0 });
    expect(fresh.entries).toEqual(await indexed.store.exportEntries());
  } finally {
    await indexed.close();
    dir.remove();
  }
});
