import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { OUTCOME_DESCRIPTIONS, VERDICT_REASON_DESCRIPTIONS } from "../../src/domain/verdict-words.js";
import { freePort } from "../support/hardhat-node.js";
import { tempDir } from "../support/indexer-harness.js";
import { startDipr, type NodeProcess } from "../support/node-process.js";
import { launchBrowser, loaded as pageLoaded, seriousViolations as violationsIn, shot as shotOf } from "./browser.js";

// The examiner's web page in Debian's Chromium, against `dipr start` (the local chain, the sample register and the
// node) on free ports in a temporary directory.

const dir = tempDir("dipr-web-");
let dipr: NodeProcess | undefined;
let browser: Browser | undefined;
let page: Page;
let base: string;

beforeAll(async () => {
  const [chainPort, apiPort] = [await freePort(), await freePort()];
  base = `http://127.0.0.1:${apiPort}`;
  dipr = startDipr(["start", "--dir", join(dir.path, "local"), "--chain-port", String(chainPort), "--api-port", String(apiPort)], {});
  const deadline = Date.now() + 150_000;
  while (!dipr.stdout().includes("Try:")) {
    if (dipr.child.exitCode !== null) throw new Error(`dipr start exited with ${dipr.child.exitCode}: ${dipr.stdout()} ${JSON.stringify(dipr.lines.slice(-5))}`);
    if (Date.now() > deadline) throw new Error(`no banner: ${dipr.stdout()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  ({ browser, page } = await launchBrowser());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  if (dipr && dipr.child.exitCode === null) {
    dipr.child.kill("SIGINT");
    const stopped = await Promise.race([dipr.exited.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 15_000))]);
    if (!stopped) dipr.child.kill("SIGKILL");
  }
  dir.remove();
});

const loaded = () => pageLoaded(page);
const shot = (name: string) => shotOf(page, name);
const seriousViolations = () => violationsIn(page);

async function verifyThroughForm(claimed: [string, string, string, string], claimant: [string, string, string]): Promise<void> {
  await page.goto(`${base}/?view=verify`);
  await page.getByRole("group", { name: /claimed/ }).getByLabel("Office").fill(claimed[0]);
  await page.getByLabel("Number").fill(claimed[1]);
  await page.getByRole("group", { name: /claimed/ }).getByLabel("Filing date").fill(claimed[2]);
  await page.getByRole("group", { name: /claimed/ }).getByLabel("IP type").selectOption(claimed[3]);
  await page.getByRole("group", { name: /claimant/ }).getByLabel("Office").fill(claimant[0]);
  await page.getByRole("group", { name: /claimant/ }).getByLabel("Filing date").fill(claimant[1]);
  await page.getByRole("group", { name: /claimant/ }).getByLabel("IP type").selectOption(claimant[2]);
  await page.getByRole("button", { name: "Verify" }).click();
  await page.locator("#verdict-h").waitFor();
  await loaded();
}

describe("the examiner's web page, in Chromium against dipr start", () => {
  test("a browser asking / gets the page, its script and style from the node itself; API clients still get JSON", async () => {
    const html = await fetch(`${base}/`, { headers: { accept: "text/html" } });
    expect(html.headers.get("content-type")).toMatch(/^text\/html/);
    const script = await fetch(`${base}/assets/page.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await fetch(`${base}/assets/page.css`)).status).toBe(200);
    expect(((await (await fetch(`${base}/`)).json()) as { links: { docs: string } }).links.docs).toBe("/api/v1/docs");
    // Nothing is fetched from anywhere but the node: no CDN.
    const requests: string[] = [];
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(`${base}/`);
    await page.getByRole("heading", { name: "Look up an application" }).waitFor();
    expect(requests.filter((url) => !url.startsWith(base))).toEqual([]);
    page.removeAllListeners("request");
  });

  test("looks up an application by a national format: record, office name, history with block times, numbers as links", async () => {
    await page.goto(`${base}/`);
    await page.getByLabel("Office", { exact: true }).fill("US");
    await page.getByLabel(/Application number/).fill("63/512,345");
    await page.getByLabel(/Application number/).press("Enter"); // keyboard only
    await page.getByRole("heading", { level: 1, name: "US 63/512,345" }).waitFor();
    await loaded();
    expect(new URL(page.url()).search).toBe("?office=US&number=63%2F512%2C345");
    const record = page.locator("dl.record");
    await expect.poll(() => record.textContent()).toContain("2024-03-01");
    expect(await record.textContent()).toMatch(/US — United States/); // the office's name, from the register
    const history = page.getByRole("region", { name: "History" });
    expect(await history.textContent()).toMatch(/ApplicationRegistered.*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/);
    const claimants = page.getByRole("region", { name: "Claimed by" });
    expect(await claimants.getByRole("link").count()).toBeGreaterThanOrEqual(3);
    await page.locator("#node-status code").first().waitFor();
    expect(await page.locator("footer").textContent()).toMatch(/indexed block \d+ of \d+ \(lag \d+, ready\) · digest 0x[0-9a-f]{64}/);
    await shot("lookup");
    expect(await seriousViolations()).toEqual([]);

    // A number links to its own page: the claimant opens, and the URL can be shared.
    await claimants.getByRole("link", { name: "EP 25 150 123.5" }).click();
    await page.getByRole("heading", { level: 1, name: "EP 25 150 123.5" }).waitFor();
    const shared = page.url();
    await page.goto(shared);
    await page.getByRole("heading", { level: 1, name: "EP 25 150 123.5" }).waitFor();
    await loaded();
    expect(await page.getByRole("region", { name: "Priority claims" }).getByRole("link", { name: "US 63/512,345" }).count()).toBe(1);
  });

  test("verifies a valid claim through the form: the outcome in words, a timeline and what was compared", async () => {
    await verifyThroughForm(["US", "63/512,345", "2024-03-01", "patent"], ["EP", "2025-02-27", "patent"]);
    expect(await page.locator("#verdict-h .outcome").textContent()).toBe("verified");
    expect(await page.locator(".outcome-words").textContent()).toBe(OUTCOME_DESCRIPTIONS.verified);
    expect(await page.locator("figure.timeline-figure figcaption").textContent()).toContain("period ends 2025-03-03");
    expect(await page.locator("svg.timeline").isVisible()).toBe(true);
    await shot("verify-verified");
    expect(await seriousViolations()).toEqual([]);
  });

  test("a mismatched claim: both dates side by side and the reason explained", async () => {
    await verifyThroughForm(["EP", "EP 24 150 321.8", "2024-03-10", "patent"], ["KR", "2025-03-01", "patent"]);
    expect(await page.locator("#verdict-h .outcome").textContent()).toBe("mismatch");
    expect(await page.locator(".reasons").textContent()).toContain(`FILING_DATE_MISMATCH: ${VERDICT_REASON_DESCRIPTIONS.FILING_DATE_MISMATCH}`);
    const filingRow = page.getByRole("row", { name: /filing date/ });
    expect(await filingRow.textContent()).toMatch(/2024-03-10.*2024-03-08.*DIFFERENT/);
    expect(await page.locator("figcaption").textContent()).toMatch(/period ends 2025-03-10.*restoration ends 2025-05-10/);
    await shot("verify-mismatch");
  });

  test("an unregistered claimed number: notRegistered, period on the claimed dates", async () => {
    await verifyThroughForm(["US", "63/600,001", "2024-06-01", "patent"], ["JP", "2025-05-20", "patent"]);
    expect(await page.locator("#verdict-h .outcome").textContent()).toBe("notRegistered");
    expect(await page.locator(".reasons").textContent()).toContain(`NOT_REGISTERED: ${VERDICT_REASON_DESCRIPTIONS.NOT_REGISTERED}`);
    expect(await page.locator("figcaption").textContent()).toContain("priority date (claimed) 2024-06-01");
    await shot("verify-not-registered");
    expect(await seriousViolations()).toEqual([]);
  });

  test("a CSV of claims: a table of verdicts, exported as CSV", async () => {
    await page.goto(`${base}/?view=batch`);
    await page.getByLabel(/Claims as CSV/).fill(
      [
        "claimantOffice,claimantFilingDate,claimantIpType,office,number,filingDate,ipType",
        'EP,2025-02-27,patent,US,"63/512,345",2024-03-01,patent',
        "EP,2025-03-01,patent,EP,EP 24 150 321.8,2024-03-10,patent",
        'JP,2025-05-20,patent,US,"63/600,001",2024-06-01,patent',
        "EP,2025-10-01,patent,EP,EP 25 201 237.4,2024-10-01,patent",
      ].join("\n"),
    );
    await page.getByRole("button", { name: "Verify all" }).click();
    await page.getByRole("heading", { name: "4 verdicts" }).waitFor();
    const outcomes = await page.locator("tbody .outcome").allTextContents();
    expect(outcomes).toEqual(["verified", "mismatch", "notRegistered", "error"]);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export the verdicts as CSV" }).click()]);
    const csv = readFileSync((await download.path())!, "utf8").split("\r\n");
    expect(csv[0]).toMatch(/^line,office,number,filingDate,ipType,claimantOffice,claimantFilingDate,claimantIpType,claimedCanonicalId,outcome,reasons,/);
    expect(csv[1]).toMatch(/^2,US,"63\/512,345",2024-03-01,patent,EP,2025-02-27,patent,US:63512345,verified,/);
    expect(csv[4]).toContain("check digit");
    await shot("verify-csv");
    expect(await seriousViolations()).toEqual([]);
  });

  test("the family as a graph of 10+ members with a table; clicking a member opens it", async () => {
    await page.goto(`${base}/?office=US&number=63%2F512%2C345`);
    await page.getByRole("link", { name: "Family graph" }).click();
    await page.getByRole("heading", { level: 1, name: /^Family of US 63\/512,345/ }).waitFor();
    await loaded();
    const rows = page.getByRole("region", { name: "Members" }).locator("tbody tr");
    expect(await rows.count()).toBeGreaterThanOrEqual(10);
    const graph = page.locator("#family-graph");
    await graph.locator("canvas").first().waitFor();
    const nodes = await page.evaluate(() => {
      const cy = (window as unknown as { diprGraph: { nodes: (s?: string) => { map: <T>(f: (n: { id: () => string; hasClass: (c: string) => boolean }) => T) => T[] } } }).diprGraph;
      return cy.nodes().map((n) => ({ id: n.id(), simple: n.hasClass("simple"), unregistered: n.hasClass("unregistered") }));
    });
    expect(nodes.filter((n) => !n.id.startsWith("__")).length).toBe(await rows.count());
    expect(nodes.some((n) => n.simple)).toBe(true);
    await shot("family-graph");
    expect(await seriousViolations()).toEqual([]);

    // Click the drawn node of EP 25 150 123.5 on the canvas.
    const target = "EP:25150123.5";
    const at = await page.evaluate((id) => {
      const cy = (window as unknown as { diprGraph: { getElementById: (id: string) => { renderedPosition: () => { x: number; y: number } } } }).diprGraph;
      return cy.getElementById(id).renderedPosition();
    }, target);
    const box = (await graph.boundingBox())!;
    await page.mouse.click(box.x + at.x, box.y + at.y);
    await page.getByRole("heading", { level: 1, name: "EP 25 150 123.5" }).waitFor();
    await loaded();
    expect(new URL(page.url()).searchParams.get("number")).toBe("25 150 123.5");
  });

  test("a claimed number not on the register is drawn apart from the registered members", async () => {
    await page.goto(`${base}/?view=family&office=US&number=${encodeURIComponent("63/600,001")}`);
    await page.locator("#family-graph canvas").first().waitFor();
    const drawn = await page.evaluate(() => {
      const cy = (window as unknown as { diprGraph: { getElementById: (id: string) => { parent: () => { id: () => string }; position: () => { y: number } }; nodes: (s: string) => { map: <T>(f: (n: { position: () => { y: number } }) => T) => T[] } } }).diprGraph;
      const unregistered = cy.getElementById("US:63600001");
      return { parent: unregistered.parent().id(), y: unregistered.position().y, registeredYs: cy.nodes(".registered").map((n) => n.position().y) };
    });
    expect(drawn.parent).toBe("__unregistered");
    expect(drawn.y).toBeGreaterThan(Math.max(...drawn.registeredYs));
    expect(await page.getByRole("region", { name: "Members" }).textContent()).toContain("not on the register");
    await shot("family-unregistered");
  });

  test("a bad number shows the API's problem: title, detail and code", async () => {
    await page.goto(`${base}/?office=EP&number=${encodeURIComponent("EP 25 201 237.4")}`);
    const problem = page.getByRole("alert");
    await problem.waitFor();
    const text = (await problem.textContent()) ?? "";
    expect(text).toContain("check digit");
    expect(text).toContain("CHECK_DIGIT_MISMATCH");
    expect(await problem.locator(".problem-title").textContent()).not.toBe("");
    await shot("problem-bad-number");
    expect(await seriousViolations()).toEqual([]);
  });

  test("readable on a narrow screen: nothing wider than the phone", async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    try {
      await verifyThroughForm(["EP", "EP 24 150 321.8", "2024-03-10", "patent"], ["KR", "2025-03-01", "patent"]);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await shot("narrow-verify-mismatch");
      await page.goto(`${base}/?view=family&office=JP&number=${encodeURIComponent("特願2024-045678")}`);
      await page.locator("#family-graph canvas").first().waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await shot("narrow-family");
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
