import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commitmentOf, newAccessCode } from "../../src/chain/commitment.js";
import type { ApplicationSpec } from "../../src/chain/encode.js";
import { applicationIdOf } from "../../src/chain/register-contract.js";
import type { HardhatNode } from "../support/hardhat-node.js";
import { expectSameAsFreshIndex } from "../support/fresh-index-oracle.js";
import { openNode, tempDir } from "../support/indexer-harness.js";
import { startRegisterChainNode, stopRegisterChainNode, type RegisterChain } from "../support/register-chain.js";

let node: HardhatNode;
let chain: RegisterChain;
beforeAll(async () => {
  ({ node, chain } = await startRegisterChainNode());
});
afterAll(() => stopRegisterChainNode({ node, chain }));

const ISO_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

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

      await expectSameAsFreshIndex(live.store, chain, 0);
    } finally {
      await live.close();
      dir.remove();
    }
  });

  test("a reveal makes the commitment's claims ordinary: claimants of the revealed number, a family in clear", async () => {
    const jp: ApplicationSpec = { number: "2026023456", filingDate: "2026-02-02", ipType: "patent" };
    const ep: ApplicationSpec = { number: "26150002.0", filingDate: "2026-07-01", ipType: "patent" };
    const jpCode = newAccessCode();
    const epCode = newAccessCode();
    const c = commitmentOf({ office: "JP", ...jp }, jpCode);
    const d = commitmentOf({ office: "EP", ...ep }, epCode);
    const jpId = applicationIdOf("JP", jp.number);
    const usId = applicationIdOf("US", "18700002");

    const dir = tempDir("dipr-blinded-reveal-");
    const live = await openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations: 0 });
    try {
      await chain.signer.JP.commitApplication("JP", c);
      await chain.signer.EP.commitApplication("EP", d, [c]);
      await chain.signer.US.registerApplication("US", { number: "18700002", filingDate: "2026-07-15", ipType: "patent" });
      await chain.signer.US.claimCommitment(usId, c);
      await live.indexer.syncToHead();

      // Before the reveal: three members, two of them opaque, links without dates; the JP number has no claimants.
      const blinded = await live.store.getFamily(c);
      const keyOf = (i: number) => blinded!.members[i]!.canonicalId;
      expect(new Set(blinded!.members.map((m) => m.canonicalId))).toEqual(new Set([c, d, "US:18700002"]));
      expect(blinded!.members.find((m) => m.canonicalId === c)).toEqual({ canonicalId: c, blinded: { office: "JP", committedAt: (await live.store.getCommitment(c))!.committedAt } });
      expect(blinded!.links.map((l) => [keyOf(l.from), keyOf(l.to), l.kind, l.claimedFilingDate])).toEqual([
        [d, c, "priority", undefined],
        ["US:18700002", c, "priority", undefined],
      ]);
      expect(await live.store.listPriorityClaims({ claimedId: jpId })).toEqual([]);

      const { applicationId } = await chain.signer.JP.revealApplication("JP", c, jp, jpCode);
      await live.indexer.syncToHead();
      // The US claim of the commitment is an ordinary claim of the JP number, with the revealed date; the EP claimant
      // is still blinded, so it has no number to show.
      const claimants = await live.store.listPriorityClaims({ claimedId: jpId });
      expect(claimants).toEqual([
        {
          claimedId: applicationId,
          claimedCanonicalId: "JP:2026023456",
          claimedFilingDate: "2026-02-02",
          claimantId: usId,
          claimantCanonicalId: "US:18700002",
          claimedCommitment: c,
          status: "active",
          claimedAt: expect.objectContaining({ blockNumber: expect.any(Number) }),
        },
      ]);
      expect(await live.store.getFamily(c)).toBeUndefined();
      const revealed = await live.store.getFamily("JP:2026023456");
      const at = (i: number) => revealed!.members[i]!.canonicalId;
      expect(revealed!.members.find((m) => m.canonicalId === "JP:2026023456")).toEqual({ canonicalId: "JP:2026023456", filingDate: "2026-02-02", ipType: "patent" });
      expect(revealed!.links.map((l) => [at(l.from), at(l.to), l.claimedFilingDate]).sort()).toEqual([
        [d, "JP:2026023456", "2026-02-02"],
        ["US:18700002", "JP:2026023456", "2026-02-02"],
      ]);
      const record = await live.store.getApplication(applicationId);
      expect(record?.revealedFrom).toBe(c);
      expect(record?.history.map((e) => e.event)).toEqual(["ApplicationRegistered", "CommitmentRevealed"]);

      // The EP application revealed too: its claim, made while both were blinded, is now between two clear numbers.
      await chain.signer.EP.revealApplication("EP", d, ep, epCode);
      await live.indexer.syncToHead();
      expect((await live.store.listPriorityClaims({ claimedId: jpId })).map((x) => [x.claimantCanonicalId, x.claimedFilingDate]).sort()).toEqual([
        ["EP:26150002.0", "2026-02-02"],
        ["US:18700002", "2026-02-02"],
      ]);
      const clear = await live.store.getFamily("EP:26150002.0");
      expect(clear!.members.map((m) => m.canonicalId).sort()).toEqual(["EP:26150002.0", "JP:2026023456", "US:18700002"]);
      expect(clear!.members.every((m) => m.blinded === undefined)).toBe(true);

      await expectSameAsFreshIndex(live.store, chain, 0);
    } finally {
      await live.close();
      dir.remove();
    }
  });

  test("a reorg that removes a reveal puts the claims back to opaque links", async () => {
    const confirmations = 10;
    const spec: ApplicationSpec = { number: "2026034567", filingDate: "2026-03-03", ipType: "patent" };
    const code = newAccessCode();
    const c = commitmentOf({ office: "JP", ...spec }, code);
    const jpId = applicationIdOf("JP", spec.number);
    const usId = applicationIdOf("US", "18700003");

    const dir = tempDir("dipr-blinded-unreveal-");
    const live = await openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations });
    try {
      await chain.signer.JP.commitApplication("JP", c);
      await chain.signer.US.registerApplication("US", { number: "18700003", filingDate: "2026-08-03", ipType: "patent" });
      await chain.signer.US.claimCommitment(usId, c);
      await live.indexer.syncToHead();
      const opaque = await live.store.getFamily(c);
      expect(opaque?.members.map((m) => m.canonicalId).sort()).toEqual([c, "US:18700003"].sort());

      const snapshot = (await chain.send("evm_snapshot")) as string;
      await chain.signer.JP.revealApplication("JP", c, spec, code);
      await live.indexer.syncToHead();
      expect((await live.store.listPriorityClaims({ claimedId: jpId })).map((x) => x.claimantCanonicalId)).toEqual(["US:18700003"]);
      expect(await live.store.getFamily(c)).toBeUndefined();
      expect(await chain.send("evm_revert", [snapshot])).toBe(true);

      await chain.send("hardhat_mine", ["0x3"]);
      await live.indexer.syncToHead();
      expect(await live.store.getApplicationByNumber("JP", spec.number)).toBeUndefined();
      expect(await live.store.listPriorityClaims({ claimedId: jpId })).toEqual([]);
      expect(await live.store.getFamily(c)).toEqual(opaque);
      expect(await live.store.getFamily("JP:2026034567")).toBeUndefined();
      expect((await live.store.getCommitment(c))?.revealed).toBeUndefined();
      await expectSameAsFreshIndex(live.store, chain, confirmations);
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
      await expectSameAsFreshIndex(live.store, chain, confirmations);
    } finally {
      await live.close();
      dir.remove();
    }
  });
});
