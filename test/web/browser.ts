import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { PROJECT_ROOT } from "../support/hardhat-node.js";

// The browser the web page's tests drive: Debian's Chromium through playwright-core, one page at desktop width.
// Screenshots go to test-results/ (git-ignored).

const CHROMIUM = "/usr/bin/chromium";
const SHOTS = join(PROJECT_ROOT, "test-results");
const AXE = readFileSync(join(PROJECT_ROOT, "node_modules/axe-core/axe.min.js"), "utf8");

export type TestBrowser = Readonly<{ browser: Browser; page: Page }>;

export async function launchBrowser(): Promise<TestBrowser> {
  mkdirSync(SHOTS, { recursive: true });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(20_000);
  return { browser, page };
}

/** The page has the node's whole answer: main is no longer busy. */
export const loaded = (page: Page) => page.locator("#main:not([aria-busy])").waitFor();

/** A full-page screenshot, once the page has painted twice more (cytoscape draws its canvas on an animation frame). */
export async function shot(page: Page, name: string): Promise<void> {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** axe-core run in the page (evaluated, not injected as a script tag: the node's CSP allows only its own scripts). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    return axe.run(document);
  });
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(", ")})`);
}
