import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commitmentOf, newAccessCode } from "../../src/chain/commitment.js";
import type { ApplicationSpec } from "../../src/chain/encode.js";
import { applicationIdOf } from "../../src/chain/register-contract.js";
import type { Store } from "../../src/store/index.js";
import { startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { freshIndex, openNode, tempDir } from "../support/indexer-harness.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";

let node: HardhatNode;
let chain: RegisterChain;
beforeAll(async () => {
  node = await startHardhatNode();
  chain = await setUpRegisterChain(node.url);
});
afterAll(async () => {
  chain?.close();
  await node?.stop();
});

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Entities and meta of a live store equal a fresh index of the same chain (kept blocks aside: see reorg.int.test.ts). */
async function expectSameAsFresh(live: Store, confirmations: number): Promise<void> {
  const fresh = await freshIndex({ url: node.url, deployment: chain.deployment, confirmations });
  expect(await live.getCursor()).toEqual(fresh.cursor);
  const { blocks, ...entities } = await live.exportEntries();
  const { blocks: freshBlocks, ...freshEntities } = fresh.entries;
  expect(entities).toEqual(freshEntities);
  expect(blocks.at(-1)).toEqual(freshBlocks.at(-1));
}

describe("the node indexes unpublished applications", () => {
  test("committed, claimed by a blinded and by a clear application, revealed: the blinded record and its claimants", async () => {
    const jp: ApplicationSpec = { number: "2026012345", filingDate: "2026-01-15", ipType: "patent" };
    const code = newAccessCode();
    const first = commitmentOf({ office: "JP", ...jp }, code);
    const later = commitmentOf({ office: "EP", number: "26150001.2", filingDate: "2026-06-01", ipType: "patent" }, newAccessCode());
    const usId = applicationIdOf("US", "18700001");

    const dir = tempDir("dipr-blinded-");
    const live = await openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations: 0 });
    try {
      await live.indexer.syncToHead();
      expect(await live.store.getCommitment(first)).toBeUndefined();

      await chain.signer.JP.commitApplication("JP", first);
      await chain.signer.EP.commitApplication("EP", later, [first]);
      await chain.signer.US.registerApplication("US", { number: "18700001", filingDate: "2026-07-01", ipType: "patent" });
      await chain.signer.US.claimCommitment(usId, first);
      await live.indexer.syncToHead();

      const committed = await live.store.getCommitment(first);
      expect(committed).toEqual({ commitment: first, office: "JP", committedAt: expect.objectContaining({ blockTime: expect.stringMatching(ISO_TIME) }) });
      expect(await live.store.getCommitment(later)).toMatchObject({ commitment: later, office: "EP" });
      expect((await live.store.getCommitment(later))!.revealed).toBeUndefined();
      const claims = await live.store.listCommitmentClaims(first);
      expect(claims.map(({ claimedAt: _, ...c }) => c)).toEqual([
        { claimedCommitment: first, claimant: later, claimantKind: "commitment", claimantOffice: "EP" },
        { claimedCommitment: first, claimant: usId, claimantKind: "application", claimantOffice: "US" },
      ]);
      expect(claims[0]!.claimedAt.blockNumber).toBeLessThan(claims[1]!.claimedAt.blockNumber);
      expect(await live.store.listCommitmentClaims(later)).toEqual([]);
      // Nothing of the blinded application is in clear before the reveal.
      expect(await live.store.getApplicationByNumber("JP", jp.number)).toBeUndefined();

      const { applicationId } = await chain.signer.JP.revealApplication("JP", first, jp, code);
      await live.indexer.syncToHead();
      const revealed = await live.store.getCommitment(first);
      expect(revealed).toMatchObject({
        commitment: first,
        office: "JP",
        committedAt: committed!.committedAt,
        revealed: { applicationId, canonicalId: "JP:2026012345", revealedAt: expect.objectContaining({ blockTime: expect.stringMatching(ISO_TIME) }) },
      });
      expect(await live.store.getApplication(applicationId)).toMatchObject({ canonicalId: "JP:2026012345", filingDate: "2026-01-15" });
      // The claims stay, in chain order.
      expect(await live.store.listCommitmentClaims(first)).toEqual(claims);

      await expectSameAsFresh(live.store, 0);
    } finally {
      await live.close();
      dir.remove();
    }
  });

  test("a reorg across a commitment, a claim and a reveal leaves the store equal to a fresh index", async () => {
    const confirmations = 10;
    const spec: ApplicationSpec = { number: "2026099999", filingDate: "2026-02-01", ipType: "utilityModel" };
    const code = newAccessCode();
    const commitment = commitmentOf({ office: "JP", ...spec }, code);
    const kept = commitmentOf({ office: "US", number: "18799999", filingDate: "2026-03-01", ipType: "patent" }, newAccessCode());

    const dir = tempDir("dipr-blinded-reorg-");
    const live = await openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations });
    try {
      await chain.signer.US.commitApplication("US", kept);
      await live.indexer.syncToHead();
      const before = await live.store.exportEntries();

      const snapshot = (await chain.send("evm_snapshot")) as string;
      await chain.signer.JP.commitApplication("JP", commitment);
      await chain.signer.EP.commitApplication("EP", commitmentOf({ office: "EP", number: "26159999.1", filingDate: "2026-04-01", ipType: "patent" }, newAccessCode()), [commitment, kept]);
      await chain.signer.JP.revealApplication("JP", commitment, spec, code);
      await live.indexer.syncToHead();
      expect((await live.store.getCommitment(commitment))?.revealed?.canonicalId).toBe("JP:2026099999");
      expect(await live.store.listCommitmentClaims(kept)).toHaveLength(1);
      expect(await chain.send("evm_revert", [snapshot])).toBe(true);

      // The replacing chain: longer, and without the commitment, its claims and its reveal.
      await chain.send("hardhat_mine", ["0x5"]);
      await live.indexer.syncToHead();
      expect(await live.store.getCommitment(commitment)).toBeUndefined();
      expect(await live.store.listCommitmentClaims(commitment)).toEqual([]);
      expect(await live.store.listCommitmentClaims(kept)).toEqual([]);
      expect(await live.store.getApplicationByNumber("JP", spec.number)).toBeUndefined();
      const { blocks: _b, meta: _m, ...entities } = await live.store.exportEntries();
      const { blocks: _bb, meta: _mb, ...entitiesBefore } = before;
      expect(entities).toEqual(entitiesBefore);
      await expectSameAsFresh(live.store, confirmations);
    } finally {
      await live.close();
      dir.remove();
    }
  });
});
