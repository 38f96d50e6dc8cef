import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DOCS = ["README.md", ...readdirSync(join(ROOT, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, "")
    .replace(/ /g, "-");

test("every relative link of the README and docs/ names a file (and a heading) in the repository", () => {
  const broken: string[] = [];
  for (const doc of DOCS) {
    const text = readFileSync(join(ROOT, doc), "utf8");
    for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [path, anchor] = target!.split("#");
      const file = path === "" ? join(ROOT, doc) : join(ROOT, dirname(doc), path!);
      if (!existsSync(file)) {
        broken.push(`${doc}: ${target}`);
        continue;
      }
      if (anchor && file.endsWith(".md")) {
        const body = readFileSync(file, "utf8");
        const anchors = new Set([...body.matchAll(/^#+ (.*)$/gm)].map((m) => anchorOf(m[1]!)));
        for (const m of body.matchAll(/<a id="([^"]+)">/g)) anchors.add(m[1]!);
        if (!anchors.has(anchor)) broken.push(`${doc}: ${target}`);
      }
    }
  }
  expect(broken).toEqual([]);
});

test("nothing in the repository points outside it", () => {
  const files = execFileSync("git", ["ls-files"], { cwd: ROOT }).toString().trim().split("\n");
  const outside = files.filter((f) => !f.endsWith("package-lock.json") && existsSync(join(ROOT, f)) && /\.\.\/shared\//.test(readFileSync(join(ROOT, f), "utf8")));
  // This test names the pattern it looks for, so it is the one file allowed to contain it.
  expect(outside.filter((f) => f !== "test/docs/links.test.ts")).toEqual([]);
});
