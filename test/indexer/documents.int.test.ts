import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commitmentOf, newAccessCode } from "../../src/chain/commitment.js";
import { applicationIdOf, type Hex } from "../../src/chain/register-contract.js";
import type { DocumentInput } from "../../src/chain/write-calls.js";
import { documentIdOf } from "../../src/documents/index.js";
import { isoToChainDay } from "../../src/domain/index.js";
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

const sha = (n: number) => `0x${n.toString(16).padStart(64, "0")}` as Hex;
const reportOf = (n: number, date = "2026-03-02"): DocumentInput => ({
  kind: 1,
  date: isoToChainDay(date),
  sha256: sha(n),
  mediaType: "application/pdf",
  url: `https://node.example/api/v1/documents/${n}`,
});

describe("the node indexes shared documents and international references", () => {
  test("references by id and by application, international references read by the number rules, family offices and signers", async () => {
    const dir = tempDir("dipr-documents-");
    const live = await openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations: 0 });
    try {
      await chain.signer.EP.registerApplication("EP", { number: "26150011.1", filingDate: "2026-01-05", ipType: "patent" });
      await chain.signer.US.registerApplication("US", { number: "18711111", filingDate: "2026-06-01", ipType: "patent", claims: [{ office: "EP", number: "26150011.1", filingDate: "2026-01-05" }] });
      await chain.signer.JP.registerApplication("JP", { number: "2026055555", filingDate: "2026-02-01", ipType: "patent" });
      const epId = applicationIdOf("EP", "26150011.1");
      const { documentId } = await chain.signer.EP.recordDocument(epId, reportOf(1));
      // The register takes any media type of 1..255 bytes; dipr's rules want it lower case without parameters.
      const { documentId: odd } = await chain.signer.EP.recordDocument(epId, { ...reportOf(2), kind: 4, mediaType: "Application/PDF; q=1" });
      await chain.signer.EP.recordInternationalReference(epId, 1, "PCT/EP2026/000123");
      await chain.signer.EP.recordInternationalReference(epId, 3, "not a hague number");
      const code = newAccessCode();
      const blinded = commitmentOf({ office: "JP", number: "2026066666", filingDate: "2026-02-10", ipType: "patent" }, code);
      await chain.signer.JP.commitApplication("JP", blinded);
      const { documentId: blindedDocument } = await chain.signer.JP.recordDocument(blinded, reportOf(3));
      await live.indexer.syncToHead();

      expect(documentId).toBe(documentIdOf({ applicationId: epId, sha256: sha(1), kind: "searchReport", date: "2026-03-02" }));
      const stored = await live.store.getDocument(documentId);
      expect(stored).toEqual({
        documentId,
        applicationId: epId,
        office: "EP",
        kind: "searchReport",
        date: "2026-03-02",
        sha256: sha(1),
        mediaType: "application/pdf",
        url: "https://node.example/api/v1/documents/1",
        recordedAt: expect.objectContaining({ blockNumber: expect.any(Number), blockTime: expect.any(String) }),
      });
      expect((await live.store.listDocuments("EP:26150011.1")).map((d) => [d.documentId, d.kind, d.problems?.map((p) => [p.target, p.code])])).toEqual([
        [documentId, "searchReport", undefined],
        [odd, "officeAction", [["mediaType", "INVALID_STRING"]]],
      ]);
      expect((await live.store.listDocuments(blinded)).map((d) => [d.documentId, d.office])).toEqual([[blindedDocument, "JP"]]);
      expect((await live.store.listInternationalReferences("EP:26150011.1")).map(({ recordedAt: _, ...r }) => r)).toEqual([
        { applicationId: epId, office: "EP", kind: "pctApplication", text: "PCT/EP2026/000123", canonicalId: "WO:EP2026000123" },
        { applicationId: epId, office: "EP", kind: "hagueRegistration", text: "not a hague number", problem: { code: "NUMBER_FORMAT", message: expect.any(String) } },
      ]);

      // The family of EP's application: EP and the US office that claims it; JP's application is in no family.
      // The blinded application's document is listed by its commitment until it is revealed, then by its number.
      const { applicationId: revealedId } = await chain.signer.JP.revealApplication("JP", blinded, { number: "2026066666", filingDate: "2026-02-10", ipType: "patent" }, code);
      const { documentId: afterReveal } = await chain.signer.JP.recordDocument(blinded, { ...reportOf(4), kind: 5 });
      const { documentId: ofRevealed } = await chain.signer.JP.recordDocument(revealedId, { ...reportOf(5), kind: 6 });
      await live.indexer.syncToHead();
      expect(await live.store.listDocuments(blinded)).toEqual([]);
      expect((await live.store.listDocuments("JP:2026066666")).map((d) => [d.documentId, d.applicationId])).toEqual([
        [blindedDocument, blinded],
        [afterReveal, blinded],
        [ofRevealed, revealedId],
      ]);

      expect(live.store.familyOffices(epId)).toEqual(new Set(["EP", "US"]));
      expect(live.store.familyOffices(applicationIdOf("US", "18711111"))).toEqual(new Set(["EP", "US"]));
      expect(live.store.familyOffices(applicationIdOf("JP", "2026055555"))).toEqual(new Set(["JP"]));
      expect(live.store.familyOffices(blinded)).toEqual(new Set(["JP"]));
      expect(live.store.familyOffices(sha(99))).toEqual(new Set());

      const epSigner = (await chain.accounts[4]!.getAddress()).toLowerCase();
      const epAdmin = (await chain.accounts[3]!.getAddress()).toLowerCase();
      expect(live.store.isCurrentSigner("EP", epSigner)).toBe(true);
      expect(live.store.isCurrentSigner("EP", epAdmin)).toBe(false);
      expect(live.store.isCurrentSigner("US", epSigner)).toBe(false);
      expect(live.store.isCurrentSigner("XX", epSigner)).toBe(false);
      await expectSameAsFreshIndex(live.store, chain, 0);
    } finally {
      await live.close();
      dir.remove();
    }
  });

  test("a reorg that removes the claim linking two offices' applications, and a document, undoes both", async () => {
    const confirmations = 10;
    const dir = tempDir("dipr-documents-reorg-");
    const live = await openNode({ path: dir.path, url: node.url, deployment: chain.deployment, confirmations });
    try {
      await chain.signer.EP.registerApplication("EP", { number: "26150012.0", filingDate: "2026-01-06", ipType: "patent" });
      await chain.signer.JP.registerApplication("JP", { number: "2026077777", filingDate: "2026-05-01", ipType: "patent" });
      const epId = applicationIdOf("EP", "26150012.0");
      const jpId = applicationIdOf("JP", "2026077777");
      const { documentId } = await chain.signer.EP.recordDocument(epId, reportOf(10));
      await live.indexer.syncToHead();
      expect(live.store.familyOffices(epId)).toEqual(new Set(["EP"]));

      const snapshot = (await chain.send("evm_snapshot")) as string;
      await chain.signer.JP.addPriorityClaim("JP", "2026077777", { office: "EP", number: "26150012.0", filingDate: "2026-01-06" });
      const { documentId: later } = await chain.signer.EP.recordDocument(epId, reportOf(11));
      await chain.signer.JP.recordInternationalReference(jpId, 1, "PCT/JP2026/000777");
      await live.indexer.syncToHead();
      expect(live.store.familyOffices(epId)).toEqual(new Set(["EP", "JP"]));
      expect((await live.store.listDocuments("EP:26150012.0")).map((d) => d.documentId)).toEqual([documentId, later]);

      expect(await chain.send("evm_revert", [snapshot])).toBe(true);
      await chain.send("hardhat_mine", ["0x3"]);
      await live.indexer.syncToHead();
      expect(live.store.familyOffices(epId)).toEqual(new Set(["EP"]));
      expect(await live.store.getDocument(later)).toBeUndefined();
      expect((await live.store.listDocuments("EP:26150012.0")).map((d) => d.documentId)).toEqual([documentId]);
      expect(await live.store.listInternationalReferences("JP:2026077777")).toEqual([]);
      await expectSameAsFreshIndex(live.store, chain, confirmations);
    } finally {
      await live.close();
      dir.remove();
    }
  });
});
