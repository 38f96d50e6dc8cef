import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { captureLog } from "../support/capture-log.js";
import { startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { bulkApplications, createRng, emptyModel, randomTransaction } from "../support/history.js";
import { freshIndex, openNode, tempDir } from "../support/indexer-harness.js";
import { startRpcProxy, type ProviderStyle, type RpcProxy } from "../support/rpc-proxy.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";

const BLOCKS = 40;
const APPS_PER_BLOCK = 20;
const OUTAGE_MS = 20_000;

let node: HardhatNode;
let chain: RegisterChain;
let proxy: RpcProxy;
beforeAll(async () => {
  node = await startHardhatNode();
  chain = await setUpRegisterChain(node.url);
  const rng = createRng(5);
  for (let b = 0; b < BLOCKS; b++) {
    const office = (["US", "EP", "JP"] as const)[b % 3]!;
    await chain.signer[office].registerApplications(office, bulkApplications(office, b * APPS_PER_BLOCK, APPS_PER_BLOCK, rng));
  }
  proxy = await startRpcProxy(node.url);
}, 120_000);
afterAll(async () => {
  await proxy?.close();
  chain?.close();
  await node?.stop();
});

const reference = () => freshIndex({ url: node.url, deployment: chain.deployment, confirmations: 6 });

describe("RPC reality: outages, provider limits, several nodes", () => {
  test(`the endpoint goes away for ${OUTAGE_MS / 1000} s mid-catch-up: the store stays readable and indexing completes by itself`, async () => {
    const dir = tempDir("dipr-outage-");
    const capture = captureLog();
    let firstRange!: () => void;
    const started = new Promise<void>((resolve) => (firstRange = resolve));
    const live = await openNode({
      path: dir.path,
      url: proxy.url,
      deployment: chain.deployment,
      confirmations: 6,
      maxBlocks: 1,
      log: capture.log,
      retry: { baseDelayMs: 100, maxDelayMs: 2000 },
      onProgress: (p) => {
        if (p.toBlock >= chain.deployment.blockNumber + 12) firstRange();
      },
    });
    try {
      const done = live.indexer.syncToHead();
      await started;
      await proxy.down();
      const during = await live.store.getCursor();
      const outageEnds = Date.now() + OUTAGE_MS;
      while (Date.now() < outageEnds) {
        // Readable throughout, and not moving: nothing reaches the node.
        expect(await live.store.getCursor()).toEqual(during);
        expect(await live.store.countApplications()).toBeGreaterThan(0);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      expect(capture.count("rpc call failed, retrying")).toBeGreaterThanOrEqual(5);
      await proxy.up();
      const cursor = await done;
      expect(cursor).toEqual((await reference()).cursor);
      expect(await live.store.countApplications()).toBe(BLOCKS * APPS_PER_BLOCK);
    } finally {
      await proxy.up().catch(() => undefined); // already up unless an assertion failed during the outage
      await live.close();
      dir.remove();
    }
  }, 90_000);

  test.each<ProviderStyle>(["alchemy", "infura", "quicknode", "besu", "geth"])(
    "a %s-style endpoint refusing ranges above 3 blocks and results above 150 logs: the node adapts and completes",
    async (style) => {
      const dir = tempDir(`dipr-limits-${style}-`);
      const capture = captureLog("debug");
      proxy.setLimits({ style, maxRange: 3, maxLogs: 150 });
      proxy.stats.refusedLogs = proxy.stats.refusedRange = 0;
      const live = await openNode({ path: dir.path, url: proxy.url, deployment: chain.deployment, confirmations: 6, maxBlocks: 2000, targetLogs: 5000, log: capture.log });
      try {
        const cursor = await live.indexer.syncToHead();
        expect(cursor).toEqual((await reference()).cursor);
        expect(proxy.stats.refusedRange).toBeGreaterThan(0);
        expect(proxy.stats.refusedLogs).toBeGreaterThan(0);
        expect(capture.count("eth_getLogs range refused, shrinking")).toBe(proxy.stats.refusedRange + proxy.stats.refusedLogs);
      } finally {
        proxy.setLimits(undefined);
        await live.close();
        dir.remove();
      }
    },
  );

  test.each(["refused", "reversed"] as const)("JSON-RPC batches of headers %s by the endpoint: the node completes with the same digest", async (mode) => {
    const dir = tempDir(`dipr-batches-${mode}-`);
    const capture = captureLog();
    proxy.setBatches(mode);
    proxy.stats.batches = 0;
    // Ranges of 3 blocks: every range asks for several headers, as a batch while the endpoint takes them.
    const live = await openNode({ path: dir.path, url: proxy.url, deployment: chain.deployment, confirmations: 6, maxBlocks: 3, log: capture.log });
    try {
      const cursor = await live.indexer.syncToHead();
      const fresh = await reference();
      expect(cursor).toEqual(fresh.cursor);
      expect(await live.store.exportEntries()).toEqual(fresh.entries);
      const refusals = capture.count("the endpoint does not take JSON-RPC batches: asking for block headers one at a time");
      // Refused once, then never asked again; taken, every range with more than one header sends one.
      if (mode === "refused") expect([proxy.stats.batches, refusals]).toEqual([1, 1]);
      else expect([proxy.stats.batches > BLOCKS / 3, refusals]).toEqual([true, 0]);
    } finally {
      proxy.setBatches(undefined);
      await live.close();
      dir.remove();
    }
  });

  test("three nodes over the same chain, with different ranges, reach the same digest at the same block", async () => {
    const dirs = [tempDir("dipr-n1-"), tempDir("dipr-n2-"), tempDir("dipr-n3-")];
    const nodes = await Promise.all(
      dirs.map((d, i) => openNode({ path: d.path, url: node.url, deployment: chain.deployment, confirmations: 6, maxBlocks: [1, 7, 2000][i]!, targetLogs: [50, 500, 5000][i]! })),
    );
    try {
      const model = emptyModel();
      const rng = createRng(3);
      // The chain grows while the nodes index.
      const syncing = Promise.all(nodes.map((n) => n.indexer.syncToHead()));
      for (let i = 0; i < 15; i++) await randomTransaction(chain, model, rng);
      await syncing;
      const cursors = await Promise.all(nodes.map((n) => n.indexer.syncToHead()));
      expect(cursors[1]).toEqual(cursors[0]);
      expect(cursors[2]).toEqual(cursors[0]);
      expect(cursors[0]!.number).toBe(parseInt((await chain.send("eth_blockNumber")) as string, 16));
      const entries = await Promise.all(nodes.map((n) => n.store.exportEntries()));
      expect(entries[1]).toEqual(entries[0]);
      expect(entries[2]).toEqual(entries[0]);
    } finally {
      await Promise.all(nodes.map((n) => n.close()));
      for (const d of dirs) d.remove();
    }
  });
});
