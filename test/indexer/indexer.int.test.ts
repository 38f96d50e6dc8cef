import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { applicationIdOf } from "../../src/chain/register-contract.js";
import { loadFamily } from "../../src/api/family.js";
import { createChainReader, createIndexer, createRpcClient, type IndexerProgress } from "../../src/indexer/index.js";
import { createStore, historyOf } from "../../src/store/index.js";
import { rpc, type HardhatNode } from "../support/hardhat-node.js";
import { freshIndex, openNode, silentLog, tempDir } from "../support/indexer-harness.js";
import { startRegisterChainNode, stopRegisterChainNode, type RegisterChain } from "../support/register-chain.js";

let node: HardhatNode;
let chain: RegisterChain;
beforeAll(async () => {
  ({ node, chain } = await startRegisterChainNode());
});
afterAll(() => stopRegisterChainNode({ node, chain }));

describe("indexing a real hardhat node into LevelDB", () => {
  test("stores applications, claims both ways (claimed ones off the register too), offices, signers and families", async () => {
    const us = chain.signer.US;
    const ep = chain.signer.EP;
    await us.registerApplication("US", { number: "63100001", filingDate: "2023-01-10", ipType: "patent" });
    await chain.signer.JP.registerApplication("JP", { number: "2023050001", filingDate: "2023-03-01", ipType: "patent" });
    const { applicationId: a3 } = await ep.registerApplication("EP", {
      number: "24150001.6",
      filingDate: "2024-01-08",
      ipType: "patent",
      claims: [
        { office: "US", number: "63100001", filingDate: "2023-01-10" },
        { office: "JP", number: "2023050001", filingDate: "2023-03-01" },
        { office: "CN", number: "202310012345.2", filingDate: "2023-02-01" },
      ],
    });
    await ep.registerApplication("EP", { number: "24199999.4", filingDate: "2024-09-02", ipType: "patent", parent: { id: a3, kind: "divisional" } });
    await ep.withdrawPriorityClaim("EP", "24150001.6", 3);
    await chain.registrar.suspendOffice("JP");

    const dir = tempDir("dipr-idx-");
    const indexed = await openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations: 4 });
    try {
      const cursor = await indexed.indexer.syncToHead();
      expect(cursor.number).toBe(parseInt((await chain.send("eth_blockNumber")) as string, 16));
      const { store } = indexed;
      const app = await store.getApplicationByNumber("EP", "24150001.6");
      expect(app).toMatchObject({ canonicalId: "EP:24150001.6", filingDate: "2024-01-08", ipType: "patent", office: "EP" });
      expect(app!.claims.map((c) => [c.claimedCanonicalId, c.status])).toEqual([
        ["US:63100001", "active"],
        ["JP:2023050001", "active"],
        ["CN:202310012345.2", "withdrawn"],
      ]);
      expect(historyOf(app!).map((h) => h.event)).toEqual(["ApplicationRegistered", "PriorityClaimed", "PriorityClaimed", "PriorityClaimed", "PriorityClaimWithdrawn"]);
      expect(app!.history[0]!.transactionHash).toMatch(/^0x[0-9a-f]{64}$/);
      const offRegister = await store.listPriorityClaims({ claimedId: applicationIdOf("CN", "202310012345.2") });
      expect(offRegister).toMatchObject([{ claimantCanonicalId: "EP:24150001.6", claimedCanonicalId: "CN:202310012345.2", status: "withdrawn" }]);
      expect(await store.getApplicationByNumber("CN", "202310012345.2")).toBeUndefined();
      expect((await store.listPriorityClaims({ claimedId: applicationIdOf("US", "63100001") })).map((c) => c.claimantCanonicalId)).toEqual(["EP:24150001.6"]);
      expect((await store.getOffice("JP"))?.status).toBe("suspended");
      expect((await store.listOffices()).map((o) => o.office)).toEqual(["EP", "JP", "US"]);
      const usSigner = (await chain.accounts[2]!.getAddress()).toLowerCase();
      expect((await store.listMembers("US", "signer")).map((m) => m.account)).toEqual([usSigner]);
      // Families from the components the indexer keeps: the divisional joins its parent's family.
      const divisional = (await store.getApplicationByNumber("EP", "24199999.4"))!;
      const extended = await loadFamily(store, divisional, "extended", Number.POSITIVE_INFINITY);
      expect(extended.members.map((m) => m.canonicalId)).toEqual(["EP:24150001.6", "EP:24199999.4", "JP:2023050001", "US:63100001"]);
      expect((await loadFamily(store, app!, "simple", Number.POSITIVE_INFINITY)).members.map((m) => m.canonicalId)).toEqual(["EP:24150001.6", "EP:24199999.4"]);
      expect(extended.links).toContainEqual({ from: "EP:24199999.4", to: "EP:24150001.6", kind: "divisional" });
      expect(divisional.parent).toEqual({ applicationId: a3, canonicalId: "EP:24150001.6", kind: "divisional" });

      // Kept blocks: confirmations + 1 of them, a parent-hash chain ending at the cursor.
      const kept = await store.keptBlocks();
      expect(kept.map((b) => b.number)).toEqual([0, 1, 2, 3, 4].map((i) => cursor.number - 4 + i));
      for (let i = 1; i < kept.length; i++) expect(kept[i]!.parentHash).toBe(kept[i - 1]!.hash);
      expect(kept.at(-1)!.hash).toBe(cursor.hash);

      // A second node with a tiny range reaches the same digest.
      const other = await freshIndex({ url: node.url, deployment: chain.deployment, confirmations: 4, maxBlocks: 1 });
      expect(other.cursor).toEqual(cursor);
    } finally {
      await indexed.close();
      dir.remove();
    }
  });

  test("while catching up, one read of the head serves the ranges below it, and the store is the same", async () => {
    const { deployment } = chain;
    const dir = tempDir("dipr-idx-head-");
    const store = await createStore({ path: dir.path, expect: { chainId: deployment.chainId, registerAddress: deployment.address } });
    const reader = createChainReader({ rpc: createRpcClient({ url: node.url, timeoutMs: 10_000 }), address: deployment.address, log: silentLog() });
    let headReads = 0;
    const ranges: IndexerProgress[] = [];
    const indexer = createIndexer({
      store,
      chain: { ...reader, head: () => (headReads++, reader.head()) },
      chainId: deployment.chainId,
      registerAddress: deployment.address,
      startBlock: deployment.blockNumber,
      confirmations: 4,
      pollIntervalMs: 20,
      getLogs: { minBlocks: 1, maxBlocks: 1 },
      log: silentLog(),
      onProgress: (p) => ranges.push(p),
    });
    try {
      const cursor = await indexer.syncToHead();
      const reference = await freshIndex({ url: node.url, deployment, confirmations: 4 });
      expect(cursor).toEqual(reference.cursor);
      expect(await store.exportEntries()).toEqual(reference.entries);
      // One block a range: every range but the last ends below the head read first.
      expect(ranges.length).toBeGreaterThan(5);
      expect(headReads).toBeLessThan(ranges.length / 2);
    } finally {
      await store.close();
      dir.remove();
    }
  });

  test("run tells when it starts following the head and when it falls a whole range behind again", async () => {
    const { deployment } = chain;
    const dir = tempDir("dipr-idx-follow-");
    const store = await createStore({ path: dir.path, expect: { chainId: deployment.chainId, registerAddress: deployment.address } });
    const following: boolean[] = [];
    const changed = (n: number) => vi.waitFor(() => expect(following).toHaveLength(n), { timeout: 20_000, interval: 20 });
    const indexer = createIndexer({
      store,
      chain: createChainReader({ rpc: createRpcClient({ url: node.url, timeoutMs: 10_000 }), address: deployment.address, log: silentLog() }),
      chainId: deployment.chainId,
      registerAddress: deployment.address,
      startBlock: deployment.blockNumber,
      confirmations: 1,
      pollIntervalMs: 20,
      getLogs: { minBlocks: 1, maxBlocks: 1 },
      log: silentLog(),
      onFollowing: (f) => following.push(f),
    });
    const stop = new AbortController();
    const running = indexer.run(stop.signal);
    try {
      await changed(1);
      await rpc(node.url, "hardhat_mine", ["0x5"]); // five 1-block ranges behind: the first of them is not the last
      await changed(3);
      expect(following).toEqual([true, false, true]);
      expect((await store.getCursor())?.number).toBe(Number(await rpc(node.url, "eth_blockNumber")));
    } finally {
      stop.abort();
      await running;
      await store.close();
      dir.remove();
    }
  });
});
