import type { Browser, Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { commitmentOf, newAccessCode } from "../../src/chain/commitment.js";
import type { Hex } from "../../src/chain/register-contract.js";
import { epochDayToIso, isoToEpochDay, publicationDue } from "../../src/domain/index.js";
import { createExaminerFixture, type ExaminerFixture } from "../support/examiner-fixture.js";
import { launchBrowser, loaded, seriousViolations, shot } from "./browser.js";

// Unpublished applications on the examiner's web page, in Debian's Chromium against a real `dipr node` following a
// real `hardhat node` (the examiner's sample register): JP records an application blinded and gives the applicant
// its access code; US registers an application in clear and EP one blinded, each claiming it by its commitment;
// JP records a second one nothing claims. Then 19 months pass on the chain.

let fx: ExaminerFixture;
let browser: Browser | undefined;
let page: Page;
let base: string;
// A filing date a few weeks before the chain's time (the chain runs on the wall clock), so that publication is not
// yet due whatever day the test runs, and a JP number of that year.
let filingDate: string;
let jpNumber: string;
let jpTyped: string;
let first: Hex;
let later: Hex;
let lone: Hex;
const code = newAccessCode();

/** Waits until the node has indexed the chain's head (it polls every 100 ms). */
async function indexed(): Promise<void> {
  const head = Number(await fx.chain.send("eth_blockNumber"));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const status = (await fetch(`${base}/api/v1/status`).then((r) => r.json(), () => ({}))) as { indexedBlock?: number };
    if ((status.indexedBlock ?? -1) >= head) return;
    if (Date.now() > deadline) throw new Error(`the node did not reach block ${head}: ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  fx = await createExaminerFixture();
  base = fx.apiUrl;
  const latest = (await fx.chain.send("eth_getBlockByNumber", ["latest", false])) as { timestamp: string };
  const today = isoToEpochDay(new Date(Number(latest.timestamp) * 1000).toISOString().slice(0, 10));
  filingDate = epochDayToIso(today - 40);
  jpNumber = `${filingDate.slice(0, 4)}012345`;
  jpTyped = `特願${filingDate.slice(0, 4)}-012345`;
  first = commitmentOf({ office: "JP", number: jpNumber, filingDate, ipType: "patent" }, code);
  later = commitmentOf({ office: "EP", number: "26150001.1", filingDate: epochDayToIso(today - 2), ipType: "patent" }, newAccessCode());
  lone = commitmentOf({ office: "JP", number: `${filingDate.slice(0, 4)}012399`, filingDate, ipType: "patent" }, newAccessCode());
  const { JP, EP, US } = fx.chain.signer;
  await JP.commitApplication("JP", first);
  const { applicationId } = await US.registerApplication("US", { number: "18712345", filingDate: epochDayToIso(today - 1), ipType: "patent" });
  await US.claimCommitment(applicationId, first);
  await EP.commitApplication("EP", later, [first]);
  await JP.commitApplication("JP", lone);
  await indexed();
  ({ browser, page } = await launchBrowser());
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await fx?.close();
});

/** Every URL and history state the page pushed or replaced, recorded in the page before its own script runs. */
async function recordHistory(): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { historyWrites: string[] }).historyWrites = seen;
    for (const name of ["pushState", "replaceState"] as const) {
      const original = history[name].bind(history);
      history[name] = (state: unknown, unused: string, url?: string | URL | null) => {
        seen.push(JSON.stringify([state, String(url)]));
        original(state, unused, url);
      };
    }
  });
}

async function verifyThroughForm(fields: { office: string; number: string; filingDate: string; accessCode: string }): Promise<void> {
  await page.goto(`${base}/?view=verify-blinded`);
  await page.getByLabel("Office", { exact: true }).fill(fields.office);
  await page.getByLabel("Number", { exact: true }).fill(fields.number);
  await page.getByLabel("Filing date").fill(fields.filingDate);
  await page.getByLabel("IP type").selectOption("patent");
  await page.getByLabel("Access code").fill(fields.accessCode);
  await page.getByLabel("Access code").press("Enter");
  await page.locator("#blinded-verdict-h").waitFor();
  await loaded(page);
}

describe("verifying an unpublished application by its number and access code", () => {
  test("found: claimed by 2 applications, publication due 18 months after filing, not yet; the code in no URL and no history state", async () => {
    await recordHistory();
    const requests: Request[] = [];
    page.on("request", (r) => requests.push(r));
    await verifyThroughForm({ office: "JP", number: jpTyped, filingDate, accessCode: code });
    page.removeAllListeners("request");
    expect(await page.locator("#blinded-verdict-h .outcome").textContent()).toBe("found");
    const answer = (await page.locator(".verdict-area").textContent()) ?? "";
    expect(answer).toContain(`The register holds the unpublished application JP 特願${filingDate.slice(0, 4)}-012345 of ${filingDate} (patent)`);
    expect(answer).toContain("claimed by2 applications");
    expect(answer).toMatch(new RegExp(`publication due${publicationDue(filingDate)} \\(the filing date plus 18 months\\): not yet passed \\(as of block \\d+`));
    expect(await page.locator(".verdict-area").getByRole("link", { name: first }).count()).toBe(1);

    // Every other field is in the URL; the access code is in the POST body only: not in any URL, history state or
    // the field it was typed in.
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ view: "verify-blinded", office: "JP", number: jpTyped, filingDate, ipType: "patent" });
    const digits = code.slice(2);
    const writes = await page.evaluate(() => (window as unknown as { historyWrites: string[] }).historyWrites);
    expect(writes.length).toBeGreaterThanOrEqual(1);
    expect(writes.join(" ")).not.toContain(digits);
    expect(await page.evaluate(() => JSON.stringify(history.state))).toBe("null");
    expect(requests.map((r) => r.url()).join(" ")).not.toContain(digits);
    const sent = requests.filter((r) => r.url().endsWith("/api/v1/priority-claims/verify-blinded"));
    expect(sent.map((r) => r.method())).toEqual(["POST"]);
    expect(JSON.parse(sent[0]!.postData()!)).toMatchObject({ office: "JP", number: jpTyped, accessCode: code });
    expect(await page.getByLabel("Access code").inputValue()).toBe("");
    expect(await page.content()).not.toContain(digits);
    await shot(page, "blinded-verify-found");
    expect(await seriousViolations(page)).toEqual([]);

    // Back and forward again, or the link shared: the fields are filled in, the code is asked for, nothing is sent.
    const posts: string[] = [];
    page.on("request", (r) => void (r.method() === "POST" && posts.push(r.url())));
    await page.goto(url.toString());
    await page.getByRole("heading", { name: "Type the access code" }).waitFor();
    expect(await page.getByLabel("Number", { exact: true }).inputValue()).toBe(jpTyped);
    expect(posts).toEqual([]);
    page.removeAllListeners("request");
  });

  test("a wrong access code and an application never recorded give the same answer: not found", async () => {
    await verifyThroughForm({ office: "JP", number: jpNumber, filingDate, accessCode: newAccessCode() });
    expect(await page.locator("#blinded-verdict-h .outcome").textContent()).toBe("not found");
    const wrongCode = (await page.locator(".outcome-words").textContent()) ?? "";
    expect(wrongCode).toContain("A wrong access code, number, filing date or IP type, and an application its office never recorded, all give this same answer.");
    await shot(page, "blinded-verify-not-found");

    await verifyThroughForm({ office: "JP", number: `${filingDate.slice(0, 4)}099999`, filingDate, accessCode: code });
    expect(await page.locator("#blinded-verdict-h .outcome").textContent()).toBe("not found");
    const unknown = (await page.locator(".outcome-words").textContent()) ?? "";
    expect(unknown.replace(/\d{4}-0\d{5}/, "N")).toBe(wrongCode.replace(/\d{4}-0\d{5}/, "N"));
    expect(await page.locator(".verdict-area dl").count()).toBe(0);
  });
});

describe("a blinded record, by its commitment", () => {
  test("its office, when it was recorded, not revealed, the 18-month flag with its rule, its claimants and its family", async () => {
    await page.goto(`${base}/?commitment=${first}`);
    await page.getByRole("heading", { level: 1, name: `JP · unpublished · ${first.slice(0, 6)}…${first.slice(-4)}` }).waitFor();
    await loaded(page);
    const record = (await page.getByRole("region", { name: "Blinded record" }).textContent()) ?? "";
    expect(record).toMatch(/officeJP — JP office/);
    expect(record).toMatch(/recordedblock \d+, \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);
    expect(record).toContain("revealedno, still unpublished");
    expect(record).toMatch(/publicationnot overdue: unrevealed, recorded less than 18 months ago \(flagged after \d{4}-\d\d-\d\d if still unrevealed\), as of block \d+/);
    expect(record).toContain("The rule: the register holds no filing date of an unpublished application, only when its commitment was recorded");

    const claimants = page.getByRole("region", { name: "Claimed by" });
    expect(await claimants.locator("p").first().textContent()).toBe("2 claims from 2 offices, in the order they were recorded.");
    expect(await claimants.getByRole("link").allTextContents()).toEqual(["US 18/712,345", `EP · unpublished · ${later.slice(0, 6)}…${later.slice(-4)}`]);

    const family = page.getByRole("region", { name: "Family" });
    expect(await family.locator("p").first().textContent()).toBe("3 applications in the extended family (2 unpublished), 2 links.");
    expect(await family.locator("tbody tr").count()).toBe(3);
    await shot(page, "blinded-commitment");
    expect(await seriousViolations(page)).toEqual([]);

    // A clear claimant opens its own page.
    await claimants.getByRole("link", { name: "US 18/712,345" }).click();
    await page.getByRole("heading", { level: 1, name: "US 18/712,345" }).waitFor();
  });

  test("an unknown commitment is the API's problem, with its code", async () => {
    await page.goto(`${base}/?commitment=0x${"ab".repeat(32)}`);
    const problem = page.getByRole("alert");
    await problem.waitFor();
    expect(await problem.textContent()).toContain("API_COMMITMENT_NOT_FOUND");
  });
});

type GraphNode = { id: string; label: string; classes: string[]; x: number; y: number };

async function drawnNodes(): Promise<GraphNode[]> {
  return page.evaluate(() => {
    type N = { id: () => string; data: (k: string) => string; classes: () => string[]; renderedPosition: () => { x: number; y: number } };
    const cy = (window as unknown as { diprGraph: { nodes: () => { map: <T>(f: (n: N) => T) => T[] } } }).diprGraph;
    return cy.nodes().map((n) => ({ id: n.id(), label: n.data("label"), classes: n.classes(), ...n.renderedPosition() }));
  });
}

describe("families with unpublished members", () => {
  test("the family of the US claimant draws the two blinded applications as opaque members, linked; axe finds nothing", async () => {
    await page.goto(`${base}/?view=family&office=US&number=${encodeURIComponent("18/712,345")}`);
    await page.getByRole("heading", { level: 1, name: "Family of US 18/712,345" }).waitFor();
    await page.locator("#family-graph canvas").first().waitFor();
    await loaded(page);
    const nodes = await drawnNodes();
    const jp = nodes.find((n) => n.id === first)!;
    expect(jp.label.split("\n")[0]).toBe(`JP · unpublished · ${first.slice(0, 6)}…${first.slice(-4)}`);
    expect(jp.classes).toEqual(expect.arrayContaining(["blinded", "simple"]));
    expect(jp.classes).not.toContain("overdue");
    expect(nodes.find((n) => n.id === later)?.label.split("\n")[0]).toBe(`EP · unpublished · ${later.slice(0, 6)}…${later.slice(-4)}`);
    const edges = await page.evaluate(() => {
      const cy = (window as unknown as { diprGraph: { edges: () => { map: <T>(f: (e: { data: (k: string) => string }) => T) => T[] } } }).diprGraph;
      return cy.edges().map((e) => `${e.data("source")} -> ${e.data("target")} ${e.data("label")}`);
    });
    expect(edges.sort()).toEqual([`${later} -> ${first} date unpublished`, `US:18712345 -> ${first} date unpublished`].sort());
    const rows = await page.getByRole("region", { name: "Members" }).locator("tbody tr").allTextContents();
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.startsWith("JP · unpublished"))).toMatch(/JP — JP officeunpublished; recorded \d{4}-\d\d-\d\dunpublishedyes—/);
    expect(await page.locator(".lead").textContent()).toContain("3 applications in the extended family (1 on the register, 2 unpublished, 0 only claimed)");
    // Nothing of the JP application but its office and commitment.
    expect(await page.locator("main").textContent()).not.toContain(jpNumber.slice(4));
    await shot(page, "blinded-family");
    expect(await seriousViolations(page)).toEqual([]);

    // Clicking the opaque member opens its commitment.
    const box = (await page.locator("#family-graph").boundingBox())!;
    await page.mouse.click(box.x + jp.x, box.y + jp.y);
    await page.getByRole("heading", { level: 1, name: /^JP · unpublished/ }).waitFor();
    expect(new URL(page.url()).searchParams.get("commitment")).toBe(first);
  });

  test("by keyboard: Tab to the graph, the arrow keys move from member to member (said in words), Enter opens one", async () => {
    await page.goto(`${base}/?view=family&commitment=${later}`);
    await page.locator("#family-graph canvas").first().waitFor();
    await loaded(page);
    expect((await drawnNodes()).find((n) => n.id === later)?.classes).toContain("start");
    await page.getByRole("button", { name: "Fit" }).focus();
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("family-graph");
    const status = page.locator("#graph-status");
    expect(await status.textContent()).toMatch(/^EP · unpublished · 0x[0-9a-f]{4}…[0-9a-f]{4}, \d of 3: Enter opens it\.$/);
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      seen.add(/^(.*), \d of 3: Enter opens it\.$/.exec((await status.textContent()) ?? "")?.[1] ?? "");
      await page.keyboard.press("ArrowRight");
    }
    expect([...seen].sort()).toEqual(["EP · unpublished · " + `${later.slice(0, 6)}…${later.slice(-4)}`, `JP · unpublished · ${first.slice(0, 6)}…${first.slice(-4)}`, "US 18/712,345"].sort());
    while (!((await status.textContent()) ?? "").startsWith("US 18/712,345")) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { level: 1, name: "US 18/712,345" }).waitFor();
  });
});

test("readable on a narrow screen: the check, the blinded record and the overdue list are no wider than the phone", async () => {
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    for (const [path, name] of [
      [`/?view=verify-blinded&office=JP&number=${encodeURIComponent(jpTyped)}&filingDate=${filingDate}&ipType=patent`, "narrow-blinded-verify"],
      [`/?commitment=${first}`, "narrow-blinded-commitment"],
      ["/?view=overdue&office=JP", "narrow-blinded-overdue"],
    ] as const) {
      await page.goto(`${base}${path}`);
      await page.locator("h1").first().waitFor();
      await loaded(page);
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBeLessThanOrEqual(0);
      await shot(page, name);
    }
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

describe("19 months later on the chain", () => {
  beforeAll(async () => {
    await fx.chain.send("evm_increaseTime", [19 * 31 * 86_400]);
    await fx.chain.send("evm_mine");
    await indexed();
  });

  test("the overdue commitments of an office, oldest first, a page at a time", async () => {
    await page.goto(`${base}/?view=overdue&office=JP&limit=1`);
    await page.getByRole("heading", { level: 1, name: "Overdue unpublished applications of JP" }).waitFor();
    await loaded(page);
    const list = page.getByRole("region", { name: /Overdue commitments of JP/ });
    expect(await list.locator("tbody tr").count()).toBe(1);
    expect(await list.getByRole("link", { name: /^JP · unpublished/ }).getAttribute("href")).toBe(`/?commitment=${first}`);
    await shot(page, "blinded-overdue");
    expect(await seriousViolations(page)).toEqual([]);
    await list.getByRole("link", { name: "Next page" }).click();
    await page.getByRole("heading", { name: /More commitments of JP/ }).waitFor();
    await loaded(page);
    const more = page.getByRole("region", { name: /More commitments of JP/ });
    expect(await more.getByRole("link", { name: /^JP · unpublished/ }).getAttribute("href")).toBe(`/?commitment=${lone}`);
    expect(await more.getByRole("link", { name: "Next page" }).count()).toBe(0);

    // The office typed in the form: every overdue one of EP; every office's when left empty.
    await page.getByRole("combobox", { name: /^Office/ }).fill("ep");
    await page.getByRole("button", { name: "Show" }).click();
    await page.getByRole("heading", { level: 1, name: "Overdue unpublished applications of EP" }).waitFor();
    await loaded(page);
    expect(new URL(page.url()).search).toBe("?view=overdue&office=EP");
    expect(await page.locator("tbody tr").count()).toBe(1);
    await page.goto(`${base}/?view=overdue`);
    await page.getByRole("heading", { level: 2, name: "Overdue commitments" }).waitFor();
    expect(await page.locator("tbody tr").count()).toBe(3);
  });

  test("the flag shows on the commitment, in the family graph and in the check by access code", async () => {
    await page.goto(`${base}/?commitment=${first}`);
    await loaded(page);
    expect(await page.locator("#publication-flag").textContent()).toMatch(/^PUBLICATION OVERDUE: still unrevealed 18 months after it was recorded \(\d{4}-\d\d-\d\d\), as of block \d+/);

    await page.goto(`${base}/?view=family&office=US&number=${encodeURIComponent("18/712,345")}`);
    await page.locator("#family-graph canvas").first().waitFor();
    await loaded(page);
    const jp = (await drawnNodes()).find((n) => n.id === first)!;
    expect(jp.classes).toContain("overdue");
    expect(jp.label.split("\n")[2]).toBe("PUBLICATION OVERDUE");
    expect(await page.locator(".legend").textContent()).toContain("pink, PUBLICATION OVERDUE: still unrevealed 18 months after it was recorded");
    await shot(page, "blinded-family-overdue");
    expect(await seriousViolations(page)).toEqual([]);

    await verifyThroughForm({ office: "JP", number: jpNumber, filingDate, accessCode: code });
    expect(await page.locator(".verdict-area").textContent()).toContain("passed, and still unpublished: publication overdue");
  });
});
