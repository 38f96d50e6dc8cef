import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commitmentOf, newAccessCode } from "../../src/chain/commitment.js";
import { applicationIdOf, type Hex } from "../../src/chain/register-contract.js";
import { documentReferenceToChain, sha256Of } from "../../src/documents/index.js";
import { EP_NUMBER, registerEpUsFamily, SEARCH_REPORT, US_NUMBER } from "../support/document-family.js";
import { startHardhatNode, type HardhatNode } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { addDocument, grantProxyKey, startOfficeNode, untilIndexed, type OfficeNode } from "../support/office-nodes.js";
import { setUpRegisterChain, type RegisterChain } from "../support/register-chain.js";
import { startWrongBytesServer, type WrongBytesServer } from "../support/wrong-bytes-server.js";
import { launchBrowser, loaded, seriousViolations, shot } from "./browser.js";

// A family's shared documents on the examiner's web page, in Debian's Chromium against two real `dipr node`
// processes on one chain. EP (node A, no document proxy) records a search report of its application and a written
// opinion whose URL serves other bytes; US (node B, the proxy on for US with a key from DIPR_DOCUMENT_PROXY_PRIVATE_KEY)
// claims EP's application and records an office action; JP records a refusal of an application in no family of
// US's. EP's application has a PCT number, US's a WIPO CASE dossier. The examiner uses B's page.

let hardhat: HardhatNode;
let chain: RegisterChain;
let A: OfficeNode;
let B: OfficeNode;
let rogue: WrongBytesServer | undefined;
let browser: Browser | undefined;
let page: Page;
const dir = tempDir("dipr-web-documents-");

const JP_NUMBER = "2026088888";
const ACTION = Buffer.from("%PDF-1.7\nOffice action on US 18/722,222.\n%%EOF\n");
let reportId: Hex;
let actionId: Hex;
let opinionId: Hex;
// An unpublished JP application, known by its commitment only, with a search report recorded under it.
const blinded = commitmentOf({ office: "JP", number: "2026077777", filingDate: "2026-05-01", ipType: "patent" }, newAccessCode());

const file = (name: string, bytes: Buffer) => {
  writeFileSync(join(dir.path, name), bytes);
  return join(dir.path, name);
};

beforeAll(async () => {
  hardhat = await startHardhatNode();
  chain = await setUpRegisterChain(hardhat.url);
  await registerEpUsFamily(chain);
  await chain.signer.JP.registerApplication("JP", { number: JP_NUMBER, filingDate: "2026-04-01", ipType: "patent" });
  await chain.signer.EP.recordInternationalReference(applicationIdOf("EP", EP_NUMBER) as Hex, 1, "PCT/EP2026/000021");
  await chain.signer.US.recordInternationalReference(applicationIdOf("US", US_NUMBER) as Hex, 4, "US:18722222");
  const key = await grantProxyKey(chain, "US");
  A = await startOfficeNode({ chain, dir: dir.path, name: "A", office: "EP" });
  B = await startOfficeNode({ chain, dir: dir.path, name: "B", office: "US", env: { DIPR_DOCUMENT_PROXY_OFFICE: "US", DIPR_DOCUMENT_PROXY_PRIVATE_KEY: key.privateKey } });
  reportId = await addDocument(A, file("report.pdf", SEARCH_REPORT), `EP:${EP_NUMBER}`, "searchReport", "2026-05-04");
  actionId = await addDocument(B, file("action.pdf", ACTION), `US:${US_NUMBER}`, "officeAction", "2026-08-03");
  rogue = await startWrongBytesServer("%PDF-1.7 not the opinion\n");
  opinionId = await addDocument(A, file("opinion.pdf", Buffer.from("%PDF-1.7 written opinion\n")), `EP:${EP_NUMBER}`, "writtenOpinion", "2026-05-04", rogue.url);
  // JP has no node here: its reference is listed, and no office outside the family is offered to open it.
  const jpId = applicationIdOf("JP", JP_NUMBER) as Hex;
  await chain.signer.JP.recordDocument(
    jpId,
    documentReferenceToChain({ applicationId: jpId, kind: "refusal", date: "2026-09-01", sha256: sha256Of(Buffer.from("a refusal")), mediaType: "application/pdf", url: "http://127.0.0.1:9/api/v1/documents/x" }),
  );
  await chain.signer.JP.commitApplication("JP", blinded);
  await chain.signer.JP.recordDocument(
    blinded,
    documentReferenceToChain({ applicationId: blinded, kind: "searchReport", date: "2026-09-14", sha256: sha256Of(Buffer.from("a search report")), mediaType: "application/pdf", url: "http://127.0.0.1:9/api/v1/documents/y" }),
  );
  await untilIndexed(A, chain);
  await untilIndexed(B, chain);
  ({ browser, page } = await launchBrowser());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await A?.stop();
  await B?.stop();
  await rogue?.close();
  chain?.close();
  await hardhat?.stop();
  dir.remove();
});

const familyUrl = (node: OfficeNode) => `${node.url}/?view=family&office=US&number=${US_NUMBER}`;
const documentRows = () => page.locator("section[aria-labelledby=documents-h] tbody tr");
const cellsOf = async (row: ReturnType<Page["locator"]>) => (await row.locator("td").allInnerTexts()).map((t) => t.trim());

describe("a family's documents on the examiner's web page", () => {
  test("the family view lists each member's documents (kind in words, date, media type, office) and international references", async () => {
    await page.goto(familyUrl(B));
    await loaded(page);
    const documents = await Promise.all((await documentRows().all()).map(cellsOf));
    expect(documents.map((cells) => cells.slice(0, 5))).toEqual([
      ["EP 26 150 021.9", "search report (national, regional or PCT international search report)", "2026-05-04", "application/pdf", "EP — EP office"],
      ["EP 26 150 021.9", "written opinion (of the searching or examining authority)", "2026-05-04", "application/pdf", "EP — EP office"],
      ["US 18/722,222", "office action or communication during examination", "2026-08-03", "application/pdf", "US — US office"],
    ]);
    expect(documents.map((cells) => cells[5])).toEqual(["Open", "Open", "Open"]);
    const references = await Promise.all((await page.locator("section[aria-labelledby=international-h] tbody tr").all()).map(cellsOf));
    expect(references.sort()).toEqual([
      ["EP 26 150 021.9", "PCT/EP2026/000021", "PCT international application", "WO:EP2026000021"],
      ["US 18/722,222", "US:18722222", "WIPO CASE dossier", "US:18722222"],
    ]);
    expect(await page.locator("section[aria-labelledby=documents-h] .hint").innerText()).toContain("signed for US");
    await shot(page, "web-family-documents");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("Open downloads the document through B's proxy: the bytes are the search report's, whose hash the register holds", async () => {
    await page.goto(familyUrl(B));
    await loaded(page);
    const link = page.getByRole("link", { name: `Open the search report of 2026-05-04 of EP 26 150 021.9` });
    expect(await link.getAttribute("href")).toBe(`/api/v1/document-proxy/${reportId}`);
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toBe(`EP-searchReport-2026-05-04-${reportId.slice(2, 10)}.pdf`);
    expect(readFileSync((await download.path())!).equals(SEARCH_REPORT)).toBe(true);
    // The office's own document opens the same way, from its own node.
    const [own] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Open the office action or communication during examination of 2026-08-03 of US 18/722,222" }).click()]);
    expect(readFileSync((await own.path())!).equals(ACTION)).toBe(true);
    expect(actionId).toMatch(/^0x/);
  });

  test("a document whose bytes do not match the register is not handed over: the cell shows the problem and its code", async () => {
    await page.goto(familyUrl(B));
    await loaded(page);
    const downloads: string[] = [];
    page.on("download", (d) => downloads.push(d.suggestedFilename()));
    await page.getByRole("link", { name: "Open the written opinion of 2026-05-04 of EP 26 150 021.9" }).click();
    const problem = documentRows().filter({ hasText: "written opinion" }).getByRole("alert");
    await problem.waitFor();
    expect(await problem.innerText()).toContain("The document's bytes do not match its SHA-256 on the register");
    expect(await problem.locator("code").innerText()).toBe("DOCUMENT_HASH_MISMATCH");
    await shot(page, "web-documents-refused");
    page.removeAllListeners("download");
    expect(downloads).toEqual([]);
    expect(opinionId).toMatch(/^0x/);
  });

  test("an unpublished application's commitment view lists the documents recorded under its commitment", async () => {
    await page.goto(`${B.url}/?view=commitment&commitment=${blinded}`);
    await loaded(page);
    const rows = await Promise.all((await documentRows().all()).map(cellsOf));
    expect(rows).toEqual([
      ["search report (national, regional or PCT international search report)", "2026-09-14", "application/pdf", "JP — JP office", "US may not read it: US has no application in this family."],
    ]);
    expect(await page.locator("section[aria-labelledby=international-h]").innerText()).toContain("It records no PCT, Madrid or Hague number and no WIPO CASE dossier.");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a document of an application outside US's families shows no Open link and says why", async () => {
    await page.goto(`${B.url}/?office=JP&number=${JP_NUMBER}`);
    await loaded(page);
    const rows = await Promise.all((await documentRows().all()).map(cellsOf));
    expect(rows).toEqual([["decision to refuse", "2026-09-01", "application/pdf", "JP — JP office", "US may not read it: US has no application in this family."]]);
    expect(await page.locator("section[aria-labelledby=documents-h]").getByRole("link", { name: /^Open/ }).count()).toBe(0);
    expect(await page.locator("section[aria-labelledby=international-h]").innerText()).toContain("It records no PCT, Madrid or Hague number and no WIPO CASE dossier.");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("an application opened from the family shows its own documents with Open, and its international references", async () => {
    await page.goto(familyUrl(B));
    await loaded(page);
    await page.locator("section[aria-labelledby=members-h]").getByRole("link", { name: "EP 26 150 021.9" }).click();
    await page.locator("#documents-h").waitFor();
    await loaded(page);
    const rows = await Promise.all((await documentRows().all()).map(cellsOf));
    expect(rows.map((cells) => [cells[0], cells[4]])).toEqual([
      ["search report (national, regional or PCT international search report)", "Open"],
      ["written opinion (of the searching or examining authority)", "Open"],
    ]);
    expect(await cellsOf(page.locator("section[aria-labelledby=international-h] tbody tr"))).toEqual(["PCT/EP2026/000021", "PCT international application", "WO:EP2026000021"]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("on A's page, which has no document proxy, documents are listed and none opens; each says why", async () => {
    await page.goto(familyUrl(A));
    await loaded(page);
    const rows = await Promise.all((await documentRows().all()).map(cellsOf));
    expect(rows.map((cells) => cells[5])).toEqual(Array(3).fill("This node opens no documents: it has no document proxy."));
    expect(await page.locator("section[aria-labelledby=documents-h]").getByRole("link", { name: /^Open/ }).count()).toBe(0);
    expect(await page.locator("section[aria-labelledby=documents-h] .hint").innerText()).toContain("This node has no document proxy");
  });
});
